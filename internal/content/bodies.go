package content

import "sync"

// Bodies hold the Markdown body of each page a load kept, until the
// resolve stage takes it to scan it. Pages do not hold their bodies, so a
// page is never changed after Load, and a build lets each body go as soon
// as it is scanned by taking it, not by clearing a field that every later
// stage can see.
type Bodies struct {
	mu   sync.Mutex
	m    map[*Page][]byte
	size int64
	// keep is set for sites with several languages: each language's
	// resolve scans the default language's pages its translations do not
	// replace, so a Take must not forget them.
	keep bool
}

func newBodies() *Bodies { return &Bodies{m: map[*Page][]byte{}} }

func (b *Bodies) add(p *Page, body []byte) {
	b.mu.Lock()
	b.m[p] = body
	b.size += int64(len(body))
	b.mu.Unlock()
}

// Take returns a page's body and forgets it: a build scans each body
// once. A second Take returns nil.
func (b *Bodies) Take(p *Page) []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	body := b.m[p]
	if !b.keep {
		delete(b.m, p)
	}
	return body
}

// Size is the total size of the bodies the load kept.
func (b *Bodies) Size() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.size
}
