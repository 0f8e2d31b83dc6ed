// Package gcfloor makes a short-lived command collect garbage only once
// its heap reaches a floor, and at Go's usual pace after that.
//
// Go starts collecting when the heap reaches 4 MB and then whenever it
// doubles, so a command whose live data ends near 100 MB collects a dozen
// times on the way there, each time while its workers fault in new
// memory; on a small virtual machine the faults of two threads at once
// cost more than the work itself. A floor lets the heap grow to a size
// the command would reach anyway before the first collection.
package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Set lets the heap grow to floor bytes before the collector runs. Once a
// collection finds more than half the floor live, the collector goes back
// to the pace of GOGC=100, whose next goal (twice the live heap) is above
// the floor: a large site never collects over and over at a fixed limit.
// GOGC or GOMEMLIMIT in the environment leave the collector as they set
// it. Set returns a function that ends the floor early.
func Set(floor int64) (end func()) {
	if floor <= 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	w := &watch{floor: uint64(floor), limit: debug.SetMemoryLimit(-1)}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(floor)
	w.arm()
	return w.end
}

type watch struct {
	floor uint64
	limit int64 // the memory limit before Set
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
	if live() > w.floor/2 {
		w.end()
		return
	}
	w.arm()
}

func (w *watch) end() {
	w.once.Do(func() {
		w.done.Store(true)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(w.limit)
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
