// Package e2e tests partnerdocs through its real interfaces: the built
// binary run on real sites in temporary folders, its output read from
// disk, and real Chromium for what a person sees.
package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/scratch"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
	"github.com/partnerdocs/partnerdocs/internal/webfs"
)

var binary string

// repoRoot is the repository, whose content/ and config.yaml are the
// example portal.
var repoRoot string

func TestMain(m *testing.M) {
	flag.Parse()
	// Most of these tests wait on a child process, a browser or a
	// server more than they compute: run twice as many at once as there
	// are processors, unless -parallel says otherwise.
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		_ = flag.Set("test.parallel", strconv.Itoa(2*runtime.GOMAXPROCS(0)))
	}
	// The example's dated pages (an incentive that ends, events) and its
	// review dates are read against a fixed day, not the machine's: a
	// test must give the same answer next year. Tests that need another
	// day set their own.
	if os.Getenv("PARTNERDOCS_TODAY") == "" {
		os.Setenv("PARTNERDOCS_TODAY", "2026-12-01")
	}
	// Scratch folders in memory: see package scratch for why.
	inMemory := scratch.InMemory()
	_, file, _, _ := runtime.Caller(0)
	repoRoot = filepath.Dir(filepath.Dir(file))
	dir, err := os.MkdirTemp("", "partnerdocs-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "partnerdocs")
	shared = dir
	cmd := exec.Command("go", "build", "-o", binary, "./cmd/partnerdocs")
	cmd.Dir = repoRoot
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building partnerdocs:", err)
		inMemory()
		os.Exit(1)
	}
	code := m.Run()
	for _, f := range afterAll {
		f()
	}
	// After afterAll: the shared browser keeps its profile in dir.
	os.RemoveAll(dir)
	inMemory()
	os.Exit(code)
}

// longSuite is true in the long suite, the builds with the scale tag
// (scale_test.go sets it): the tests that need a 10,000-page site, the
// sweeps, and every test that drives Chromium. go test ./... leaves them
// out to stay quick; CI runs both.
var longSuite bool

// longRun is the long suite's -run pattern: the names of its tests hold
// one of these words.
const longRun = "Scale|Budget|Sweep|Long|Browser"

// shared is a folder that lives as long as the test binary: the
// binary, and the example portal built once (servedExample).
var shared string

// afterAll runs once every test is done (the scale tests' site goes).
var afterAll []func()

type result struct {
	code           int
	stdout, stderr string
}

// run executes the binary in dir.
func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runEnv(t, dir, nil, args...)
}

// repoCaches are the cache folders of commands run on the repository's
// example, one per test (a test's runs share it, as a user's would).
var repoCaches sync.Map

func repoCache(t *testing.T) string {
	if d, ok := repoCaches.Load(t.Name()); ok {
		return d.(string)
	}
	d := filepath.Join(t.TempDir(), "cache")
	repoCaches.Store(t.Name(), d)
	return d
}

// runEnv executes the binary in dir with extra environment variables.
func runEnv(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if dir == repoRoot {
		// Commands run on the example itself keep their cache in the
		// test's own folder: no test writes into the repository.
		cmd.Env = append(cmd.Env, "PARTNERDOCS_CACHE="+repoCache(t))
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running partnerdocs: %v", err)
	}
	return result{code, out.String(), errb.String()}
}

// exampleOut is the output of the example portal, built from the
// repository for an audience once for the whole package: a build of it
// is over a second of CPU, and most tests only read it. Callers must not
// change it.
func exampleOut(t *testing.T, audience string) string {
	t.Helper()
	b := exampleBuild("out-" + audience)
	b.once.Do(func() {
		b.dir = filepath.Join(shared, "out-"+audience)
		b.r = run(t, repoRoot, "build", "--quiet", "--audience", audience, "--dest", b.dir)
	})
	if b.r.code != 0 {
		t.Fatalf("build of the example (%s): %d\n%s", audience, b.r.code, b.r.stderr)
	}
	return b.dir
}

// exampleSite is a copy of the example portal built once for the whole
// package (its output in public/, its search cache beside), for the tests
// that search it or read its output and sources. Callers must not change
// it.
func exampleSite(t *testing.T) string {
	t.Helper()
	b := exampleBuild("site")
	b.once.Do(func() {
		b.dir = filepath.Join(shared, "site")
		// Failed unless the build says otherwise: a copy that stops the
		// first caller stops the others too.
		b.r = result{code: -1, stderr: "the copy of the example failed"}
		if err := os.MkdirAll(b.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"config.yaml", "content", "feedback"} {
			copyTree(t, filepath.Join(repoRoot, p), filepath.Join(b.dir, p))
		}
		b.r = run(t, b.dir, "build", "--quiet")
	})
	if b.r.code != 0 {
		t.Fatalf("build of the example's copy: %d\n%s", b.r.code, b.r.stderr)
	}
	return b.dir
}

// examples are the package's shared builds of the example, by name.
var examples struct {
	mu    sync.Mutex
	built map[string]*builtOnce
}

type builtOnce struct {
	once sync.Once
	dir  string
	r    result
}

func exampleBuild(key string) *builtOnce {
	examples.mu.Lock()
	defer examples.mu.Unlock()
	if examples.built == nil {
		examples.built = map[string]*builtOnce{}
	}
	if examples.built[key] == nil {
		examples.built[key] = &builtOnce{}
	}
	return examples.built[key]
}

// copySite copies the example portal (config.yaml, content/ and the
// feedback counts) into a temporary folder, so tests may edit it.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, p := range []string{"config.yaml", "content", "feedback"} {
		copyTree(t, filepath.Join(repoRoot, p), filepath.Join(dst, p))
	}
	return dst
}

// copyOneLanguage is copySite in the example's default language only
// (its languages block and translations gone): a build of it costs
// about half the CPU of the three languages', for the tests whose
// subject is not languages (languages_test.go has those).
func copyOneLanguage(t *testing.T) string {
	t.Helper()
	site := copySite(t)
	testsite.OneLanguage(t, site)
	return site
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// exampleOn builds the example portal for an audience as on day
// (PARTNERDOCS_TODAY) into a temporary folder, for tests of what the day
// decides (dated pages, events).
func exampleOn(t *testing.T, day, audience string) string {
	t.Helper()
	if day == os.Getenv("PARTNERDOCS_TODAY") {
		return exampleOut(t, audience) // the day every test runs on
	}
	dest := filepath.Join(t.TempDir(), "public")
	r := runEnv(t, repoRoot, []string{"PARTNERDOCS_TODAY=" + day}, "build", "--quiet", "--audience", audience, "--dest", dest)
	if r.code != 0 {
		t.Fatalf("build on %s: %d\n%s", day, r.code, r.stderr)
	}
	return dest
}

// treeHash is a digest of every file's path and bytes under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		lines = append(lines, rel+" "+hex.EncodeToString(sum[:]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// staticSite serves a built site from disk as a static host would
// (folders' index.html, .gz siblings, the 404 page), for the browser.
func staticSite(t testing.TB, dest string) http.Handler {
	t.Helper()
	h, err := webfs.Dir(dest, webfs.Options{NoStore: true, Gzip: true})
	if err != nil {
		t.Fatal(err)
	}
	return h
}
