package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// chunk is how many indexes a worker claims at a time: small enough to
// balance uneven items (a page to parse among cached ones), large enough
// that the counter is not contended.
const chunk = 16

// Each calls fn(i) for every i in [0, n), from GOMAXPROCS goroutines, and
// returns when all calls have returned. fn must be safe for concurrent
// use; the order of calls is unspecified.
func Each(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					fn(i)
				}
			}
		}()
	}
	wg.Wait()
}
