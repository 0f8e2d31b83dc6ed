package gcpace

import (
	"math"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

func read(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func gogc() int64  { return int64(read("/gc/gogc:percent")) }
func limit() int64 { return int64(read("/gc/gomemlimit:bytes")) }

// collect runs a few collections and gives the pace time to react: it
// runs after each, in its own goroutine.
func collect() {
	for range 3 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor polls until cond holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if cond() {
			return
		}
		collect()
	}
	t.Fatalf("timed out waiting until %s (GOGC %d)", what, gogc())
}

func noEnv(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
}

func TestFloorHoldsWhileLiveHeapIsSmall(t *testing.T) {
	noEnv(t)
	p := Start(256 << 20)
	if g, l := gogc(), limit(); g != 256/4*100 || l != math.MaxInt64 {
		t.Fatalf("under a 256 MiB floor: GOGC %d, limit %d; want %d (a first goal of 256 MiB) and no limit", g, l, 256/4*100)
	}
	collect()
	// A few MB live: the goal stays at the floor, far above twice that.
	if g := gogc(); g < 1000 {
		t.Fatalf("GOGC %d after collections with a small live heap; want a goal at the floor", g)
	}
	p.Stop()
	if g := gogc(); g != 100 {
		t.Fatalf("GOGC %d after Stop; want 100", g)
	}
}

func TestFloorEndsWhenLiveHeapPassesHalf(t *testing.T) {
	noEnv(t)
	p := Start(32 << 20)
	defer p.Stop()
	keep := make([][]byte, 24)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
		keep[i][0] = 1
	}
	waitFor(t, "the collector is back at GOGC=100", func() bool { return gogc() == 100 })
	if !p.done.Load() {
		t.Fatal("the pace still watches after handing back to GOGC=100")
	}
	runtime.KeepAlive(keep)
}

func TestLimitEndsTheFloor(t *testing.T) {
	noEnv(t)
	for _, ended := range []bool{false, true} {
		p := Start(32 << 20)
		if ended {
			p.endFloor() // as when the live heap passed half the floor
		}
		p.Limit(300 << 20)
		if g, l := gogc(), limit(); g != 100 || l != 300<<20 {
			t.Fatalf("after Limit (floor ended before: %v): GOGC %d, limit %d; want 100 and 300 MiB", ended, g, l)
		}
		p.Stop()
		if g, l := gogc(), limit(); g != 100 || l != math.MaxInt64 {
			t.Fatalf("after Stop: GOGC %d, limit %d; want 100 and none", g, l)
		}
	}
}

func TestEnvironmentWins(t *testing.T) {
	t.Setenv("GOGC", "100")
	p := Start(256 << 20)
	p.Limit(1 << 20)
	defer p.Stop()
	if g, l := gogc(), limit(); g != 100 || l != math.MaxInt64 {
		t.Fatalf("GOGC in the environment: pace applied anyway (GOGC %d, limit %d)", g, l)
	}
}

// A limit the live data outgrows rises until the heap's goal is half as
// much again as what is live, so the collector does not run back to
// back; Stop ends it.
func TestLimitRisesWithLiveData(t *testing.T) {
	noEnv(t)
	p := Start(16 << 20)
	p.Limit(40 << 20)
	keep := make([][]byte, 48)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
		keep[i][0] = 1
	}
	waitFor(t, "the heap's goal rises to half again the live heap", func() bool {
		return read("/gc/heap/goal:bytes") >= read("/gc/heap/live:bytes")/4*6-1<<20
	})
	if l := limit(); l > 48<<20*2 {
		t.Errorf("limit %d MiB for 48 MiB live; want about 72 and what the runtime holds beside the heap", l>>20)
	}
	runtime.KeepAlive(keep)
	p.Stop()
	if l := limit(); l != math.MaxInt64 {
		t.Fatalf("after Stop: limit %d; want none", l)
	}
	// A stopped pace no longer moves the limit.
	collect()
	if l := limit(); l != math.MaxInt64 {
		t.Fatalf("a stopped pace set the limit to %d", l)
	}
}
