package gcfloor

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

// waitFor polls until cond holds: the watch runs after a collection, in
// its own goroutine.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if cond() {
			return
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting until %s", what)
}

func TestFloorHoldsWhileLiveHeapIsSmall(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	end := Set(256 << 20)
	if g, l := gogc(), limit(); g != 256/4*100 || l != math.MaxInt64 {
		t.Fatalf("under a 256 MiB floor: GOGC %d, limit %d; want %d (a first goal of 256 MiB) and no limit", g, l, 256/4*100)
	}
	for range 3 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	// A few MB live: the goal stays at the floor, far above twice that.
	if g := gogc(); g < 1000 {
		t.Fatalf("GOGC %d after collections with a small live heap; want a goal at the floor", g)
	}
	end()
	if g, l := gogc(), limit(); g != 100 || l != math.MaxInt64 {
		t.Fatalf("after end: GOGC %d, limit %d; want 100 and no limit", g, l)
	}
}

func TestFloorEndsWhenLiveHeapPassesHalf(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	end := Set(32 << 20)
	defer end()
	keep := make([][]byte, 24)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
		keep[i][0] = 1
	}
	waitFor(t, "the collector is back at GOGC=100", func() bool { return gogc() == 100 })
	if l := limit(); l != math.MaxInt64 {
		t.Fatalf("limit %d after the floor ended; want none", l)
	}
	runtime.KeepAlive(keep)
}

func TestEnvironmentWins(t *testing.T) {
	t.Setenv("GOGC", "100")
	end := Set(256 << 20)
	defer end()
	if g, l := gogc(), limit(); g != 100 || l != math.MaxInt64 {
		t.Fatalf("GOGC in the environment: floor applied anyway (GOGC %d, limit %d)", g, l)
	}
}
