// Package memo is the one kind of cache the preview server keeps from one
// rebuild to the next: entries by key; Sweep forgets those the last build
// did not use, and Reset drops all of them when what they depend on (the
// tag: configuration, engine options, site structure) changed. Every
// method is safe for concurrent use and does nothing on a nil cache, so
// a one-shot build passes nil.
package memo

import "sync"

// Cache maps keys to values between builds.
type Cache[K comparable, V any] struct {
	mu   sync.Mutex
	tag  string
	m    map[K]V
	used map[K]bool
}

// New returns an empty cache.
func New[K comparable, V any]() *Cache[K, V] {
	return &Cache[K, V]{m: map[K]V{}, used: map[K]bool{}}
}

// Get returns the value stored for k, marking it used.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	if ok {
		c.used[k] = true
	}
	return v, ok
}

// Put stores v for k, marking it used.
func (c *Cache[K, V]) Put(k K, v V) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[k], c.used[k] = v, true
	c.mu.Unlock()
}

// Sweep forgets the entries not used since the last sweep.
func (c *Cache[K, V]) Sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if !c.used[k] {
			delete(c.m, k)
		}
	}
	c.used = map[K]bool{}
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
	c.m, c.used, c.tag = map[K]V{}, map[K]bool{}, tag
	return true
}

// Tag is the tag of the last Reset.
func (c *Cache[K, V]) Tag() string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tag
}

// EachUsed calls f with every entry used since the last sweep.
func (c *Cache[K, V]) EachUsed(f func(K, V)) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.used {
		if v, ok := c.m[k]; ok {
			f(k, v)
		}
	}
}
