// Package gcpace sets the garbage collector's pace for a short-lived
// command: no collection before the heap reaches a floor, and, once the
// command knows how much it will hold, a memory limit.
//
// Go starts collecting when the heap reaches a few megabytes and then
// whenever it doubles, so a command whose live data ends a hundred times
// higher collects many times on the way there, each time while its workers fault in new
// memory; on a small virtual machine the faults of two threads at once
// cost more than the work itself. A floor lets the heap grow to a size
// the command would reach anyway before the first collection.
//
// The floor is kept with GOGC, recomputed after each collection, not with
// a memory limit: under a limit the runtime hands memory back to the
// system (madvise) to stay below it and faults it in again moments later,
// which costs a check a large share of its CPU. A build pays that for its
// limit, since bounding it with GOGC alone, recomputed after each
// collection, was hardly faster while its resident set grew by a good
// part, and a build's memory is a target (docs/BENCHMARKS.md, "Measured
// choices", has the figures).
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// heapMinimum is the heap Go first collects at with GOGC=100 (4 MB); the
// first goal scales with GOGC.
const heapMinimum = 4 << 20

// Pace is the collector's pace for one command.
type Pace struct {
	inert bool // GOGC or GOMEMLIMIT in the environment decide
	floor uint64
	done  atomic.Bool // the floor has ended
	once  sync.Once
	// limiting is set while a memory limit is, whose bytes limit holds;
	// mu keeps a rise from landing after Stop.
	mu       sync.Mutex
	limiting bool
	limit    int64
}

// Start lets the heap grow to floor bytes before the first collection.
// GOGC or GOMEMLIMIT in the environment leave the collector as they set
// it, and Start returns a Pace that does nothing.
func Start(floor int64) *Pace {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || floor <= heapMinimum {
		return &Pace{inert: true}
	}
	p := &Pace{floor: uint64(floor)}
	debug.SetGCPercent(int(floor / heapMinimum * 100))
	p.arm()
	return p
}

// Limit ends the floor and sets a soft memory limit: the collector runs
// at GOGC=100 below it and more often near it. The limit is an estimate
// of the command's live data; after each collection it rises as far as
// needed for the heap's goal to leave half the live heap free to
// allocate. With less room Go collects back to back, and marking the
// same live data every 200 ms was a quarter of a build's CPU: keeping
// room of a quarter of the live heap took 28% off a 10,000-page build's
// time (peak memory +6%), half of it 38% (+24%), and half was chosen.
func (p *Pace) Limit(bytes int64) {
	if p.inert {
		return
	}
	p.endFloor()
	p.mu.Lock()
	p.limit, p.limiting = bytes, true
	debug.SetMemoryLimit(bytes)
	p.mu.Unlock()
	p.armLimit()
}

// armLimit asks to be told of the next collection while a limit is set
// (see arm).
func (p *Pace) armLimit() {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(p *Pace) { p.limitCollected() }, p)
}

func (p *Pace) limitCollected() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.limiting {
		return
	}
	// The heap's goal is the limit less what the runtime holds beside
	// the heap (stacks, metadata, free pages not yet returned: about 60
	// MB on a large build), so the live heap is measured against it.
	if l, goal := int64(live()), int64(heapGoal()); l > 0 && goal > 0 && goal-l < l/2 {
		p.limit += l/2 - (goal - l)
		debug.SetMemoryLimit(p.limit)
	}
	p.armLimit()
}

// Stop hands the collector back to GOGC=100 and no memory limit.
func (p *Pace) Stop() {
	if p.inert {
		return
	}
	p.mu.Lock()
	p.limiting = false
	p.endFloor()
	debug.SetMemoryLimit(math.MaxInt64)
	p.mu.Unlock()
}

func (p *Pace) endFloor() {
	p.once.Do(func() {
		p.done.Store(true)
		debug.SetGCPercent(100)
	})
}

// arm asks to be told of the next collection: the sentinel becomes
// garbage at once, and its cleanup runs after the collection that frees it.
func (p *Pace) arm() {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(p *Pace) { p.collected() }, p)
}

func (p *Pace) collected() {
	if p.done.Load() {
		return
	}
	l := live()
	if l == 0 || l > p.floor/2 {
		// Twice the live heap is above the floor: GOGC=100 from here.
		p.endFloor()
		return
	}
	// The next goal, live × (1 + GOGC/100), is the floor.
	debug.SetGCPercent(int(p.floor*100/l) - 100)
	p.arm()
}

// live is the heap the last collection found reachable.
func live() uint64 { return readMetric("/gc/heap/live:bytes") }

// heapGoal is the heap size at which the next collection ends.
func heapGoal() uint64 { return readMetric("/gc/heap/goal:bytes") }

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
