// Package gcfloor makes a short-lived command collect garbage only once
// its heap reaches a floor, and at Go's usual pace after that.
//
// Go starts collecting when the heap reaches 4 MB and then whenever it
// doubles, so a command whose live data ends near 100 MB collects a dozen
// times on the way there, each time while its workers fault in new
// memory; on a small virtual machine the faults of two threads at once
// cost more than the work itself. A floor lets the heap grow to a size
// the command would reach anyway before the first collection.
//
// The floor is kept with GOGC, not with a memory limit: under a limit the
// runtime hands memory back to the system (madvise) to stay below it, and
// faults it in again moments later, which cost a check at 10,000 pages a
// tenth of its CPU.
package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// heapMinimum is the heap Go first collects at with GOGC=100 (4 MB); the
// goal scales with GOGC.
const heapMinimum = 4 << 20

// Set lets the heap grow to floor bytes before the collector runs. After
// each collection the next goal is the floor or twice the live heap,
// whichever is larger; once more than half the floor is live, that is
// GOGC=100 and the floor ends. GOGC or GOMEMLIMIT in the environment
// leave the collector as they set it. Set returns a function that ends
// the floor early.
func Set(floor int64) (end func()) {
	if floor <= heapMinimum || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	w := &watch{floor: uint64(floor)}
	debug.SetGCPercent(int(floor / heapMinimum * 100))
	w.arm()
	return w.end
}

type watch struct {
	floor uint64
	once  sync.Once
	done  atomic.Bool
}

// arm asks to be told of the next collection: the sentinel becomes
// garbage at once, and its cleanup runs after the collection that frees it.
func (w *watch) arm() {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(w *watch) { w.collected() }, w)
}

func (w *watch) collected() {
	if w.done.Load() {
		return
	}
	l := live()
	if l == 0 || l > w.floor/2 {
		w.end()
		return
	}
	// The goal is live × (1 + GOGC/100): the floor.
	debug.SetGCPercent(int(w.floor*100/l) - 100)
	w.arm()
}

func (w *watch) end() {
	w.once.Do(func() {
		w.done.Store(true)
		debug.SetGCPercent(100)
	})
}

// live is the heap the last collection found reachable.
func live() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
