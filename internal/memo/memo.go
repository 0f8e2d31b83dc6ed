package memo

import (
	"sync"
	"sync/atomic"
)

// Cache maps keys to values between builds.
type Cache[K comparable, V any] struct {
	mu  sync.RWMutex
	tag string
	m   map[K]*entry[V]
	// gen counts sweeps; an entry used since the last one carries the
	// current count. A set of used keys, rebuilt on every build, cost
	// more than the lookups in a 10,000-page preview rebuild.
	gen uint32
}

type entry[V any] struct {
	v    V
	used atomic.Uint32 // the generation it was last used in
}

// New returns an empty cache.
func New[K comparable, V any]() *Cache[K, V] {
	return &Cache[K, V]{m: map[K]*entry[V]{}}
}

// Get returns the value stored for k, marking it used.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.m[k]
	if !ok {
		return zero, false
	}
	e.used.Store(c.gen)
	return e.v, true
}

// Put stores v for k, marking it used.
func (c *Cache[K, V]) Put(k K, v V) {
	if c == nil {
		return
	}
	e := &entry[V]{v: v}
	c.mu.Lock()
	e.used.Store(c.gen)
	c.m[k] = e
	c.mu.Unlock()
}

// Sweep forgets the entries not used since the last sweep.
func (c *Cache[K, V]) Sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.used.Load() != c.gen {
			delete(c.m, k)
		}
	}
	c.gen++
}

// Reset empties the cache when tag differs from the last one, and reports
// whether it did.
func (c *Cache[K, V]) Reset(tag string) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if tag == c.tag {
		return false
	}
	c.m, c.tag = map[K]*entry[V]{}, tag
	return true
}

// Tag is the tag of the last Reset.
func (c *Cache[K, V]) Tag() string {
	if c == nil {
		return ""
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tag
}

// Each calls f with every entry.
func (c *Cache[K, V]) Each(f func(K, V)) { c.each(false, f) }

// EachUsed calls f with every entry used since the last sweep.
func (c *Cache[K, V]) EachUsed(f func(K, V)) { c.each(true, f) }

func (c *Cache[K, V]) each(usedOnly bool, f func(K, V)) {
	if c == nil {
		return
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	for k, e := range c.m {
		if !usedOnly || e.used.Load() == c.gen {
			f(k, e.v)
		}
	}
}
