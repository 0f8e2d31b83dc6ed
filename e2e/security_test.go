package e2e

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// needTool skips without a tool locally and fails without it in CI, where
// .ci/run installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (.ci/run installs it)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// TestCSVFormulaInjection: text from front matter that a spreadsheet would
// run as a formula is written as text in matrix.csv and by partnerdocs
// matrix --format csv; plain numbers stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	w := func(rel, text string) { writeFile(t, site, rel, text) }
	w("config.yaml", "title: CSV\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	w("content/v1/programs/p/_index.md", "---\ntitle: P\nkind: program\n---\nProgram.\n")
	w("content/v1/programs/p/one.md", "---\ntitle: One\nkind: tier\nprogram: programs/p\nrank: 1\nrequirements:\n  - {text: \"=cmd|' /C calc'!A0\"}\n---\nTier.\n")
	w("content/v1/programs/p/two.md", "---\ntitle: \"@SUM(1)\"\nkind: tier\nprogram: programs/p\nrank: 2\n---\nTier.\n")
	w("content/v1/benefits/b.md", "---\ntitle: \"+SUM(1,2)\"\nkind: benefit\nprogram: programs/p\ngroup: \"-2+3\"\nvalues:\n  one: {value: \"=HYPERLINK(\\\"http://x\\\")\", note: \"\\tnote\"}\n  two: -5\n---\nBenefit.\n")
	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	file, err := os.ReadFile(filepath.Join(dest, "v1/programs/p/matrix.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := run(t, site, "matrix", "programs/p", "--format", "csv")
	if cmd.code != 0 {
		t.Fatalf("matrix: %s", cmd.stderr)
	}
	for name, data := range map[string]string{"matrix.csv": string(file), "matrix --format csv": cmd.stdout} {
		rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		escaped, numbers := 0, 0
		for i, row := range rows {
			for j, cell := range row {
				if strings.HasPrefix(cell, "'") {
					escaped++
				}
				if cell == "-5" {
					numbers++
				}
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && cell != "-5" {
					t.Errorf("%s row %d column %d begins a formula: %q", name, i+1, j+1, cell)
				}
			}
		}
		if escaped < 5 || numbers == 0 {
			t.Errorf("%s: %d escaped cells and %d plain numbers; the fixture did not reach the export:\n%s", name, escaped, numbers, data)
		}
	}
}

// TestDangerousLinksNeverPublished: at check.level warn, addresses that
// run script are reported (autolinks too) and rendered as text, never as
// links; an unresolved xref: keeps its text and loses its address.
func TestDangerousLinksNeverPublished(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: Links\ncheck: {level: warn}\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	lines := []string{
		"[one](javascript:alert(1))",
		"[two](JAVASCRIPT:alert(2))",
		"[three](&#x6A;avascript:alert(3))",
		"[four](javascript&colon;alert(4))",
		"[five](vbscript:msgbox(5))",
		"[six](data:text/html,<b>6</b>)",
		"<javascript:alert(7)>",
		"![eight](data:text/html,x)",
		"[nine](xref:no/such-page)",
		"[ten](https://example.com/ok)",
	}
	writeFile(t, site, "content/v1/guides/links.md", "---\ntitle: Links\n---\n\n"+strings.Join(lines, "\n\n")+"\n")
	dest := filepath.Join(t.TempDir(), "out")
	r := run(t, site, "build", "--dest", dest)
	if r.code != 0 {
		t.Fatalf("build at warn: exit %d\n%s", r.code, r.stderr)
	}
	for i := range lines[:9] {
		want := "links.md:" + strconv.Itoa(5+2*i) + ":"
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no finding at %s for %s\n%s", want, lines[i], r.stderr)
		}
	}
	page, err := os.ReadFile(filepath.Join(dest, "v1/guides/links/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(string(page), -1) {
		v := strings.ToLower(strings.Join(strings.Fields(html.UnescapeString(m[1])), ""))
		for _, bad := range []string{"javascript", "vbscript", "data:text", "xref:"} {
			if strings.HasPrefix(v, bad) {
				t.Errorf("published as an address: %s", m[0])
			}
		}
	}
	for _, text := range []string{">one<", "two", "three", "four", "five", "six", "javascript:alert(7)", "nine", `href="https://example.com/ok"`} {
		if !strings.Contains(string(page), text) {
			t.Errorf("page lost %q", text)
		}
	}
	if c := run(t, site, "check"); c.code != 0 || strings.Count(c.stdout, "warning") < 9 {
		t.Errorf("check: exit %d, want 9 warnings:\n%s", c.code, c.stdout)
	}
}

// syncBuffer is a bytes.Buffer that a process writes while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
	// grew is closed by the next write, so a reader can wait for output
	// instead of polling for it.
	grew chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.grew != nil {
		close(s.grew)
		s.grew = nil
	}
	return s.b.Write(p)
}

// next returns the output so far and a channel closed by the next write.
func (s *syncBuffer) next() (string, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.grew == nil {
		s.grew = make(chan struct{})
	}
	return s.b.String(), s.grew
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is a partnerdocs serve process started by startServe.
type served struct {
	base string
	port int
	out  *syncBuffer
}

// startServe runs partnerdocs serve on site on a free loopback port until
// the test ends, and waits until it answers.
func startServe(t *testing.T, site string, args ...string) *served {
	t.Helper()
	// Port 0: the command listens on a port the system picks and names
	// it in the line it prints once it listens and watches, so there is
	// no port to race for and nothing to poll.
	cmd := exec.Command(binary, append([]string{"serve", "--port", "0"}, args...)...)
	cmd.Dir = site
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Error("serve did not stop on Ctrl-C")
		}
		if t.Failed() {
			t.Logf("serve output:\n%s", out.String())
		}
	})
	s := &served{out: out}
	s.waitOutput(t, "(watching for changes", 1)
	m := regexp.MustCompile(`at http://127\.0\.0\.1:(\d+)/ \(watching`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("serve did not say where it listens:\n%s", out.String())
	}
	s.port, _ = strconv.Atoi(m[1])
	s.base = "http://127.0.0.1:" + m[1]
	return s
}

// get fetches a path with a deadline and returns the status and body.
func (s *served) get(t *testing.T, path string, timeout time.Duration) (int, string) {
	t.Helper()
	c := http.Client{Timeout: timeout}
	resp, err := c.Get(s.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitOutput waits until serve has printed want n times in all.
func (s *served) waitOutput(t *testing.T, want string, n int) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		out, grew := s.out.next()
		if strings.Count(out, want) >= n {
			return
		}
		select {
		case <-grew:
		case <-timeout:
			t.Fatalf("serve never printed %q %d times:\n%s", want, n, s.out.String())
		}
	}
}

// TestServeAudienceFacets: serve --audience public names no program that
// the public may not see, in facets or through the program filter.
func TestServeAudienceFacets(t *testing.T) {
	t.Parallel()
	site := canarySite(t)
	srv := startServe(t, site, "--audience", "public")
	code, body := srv.get(t, "/api/search?q=sharedplaybookword&version=v2", 10*time.Second)
	if code != 200 || !strings.Contains(body, "Shared playbook") {
		t.Fatalf("search: %d %s", code, body)
	}
	for _, c := range []string{canaryPartner, canaryInternal} {
		if strings.Contains(strings.ToLower(body), c) {
			t.Errorf("public search answer names %s: %s", c, body)
		}
		_, body := srv.get(t, "/api/search?q=sharedplaybookword&version=v2&program=programs/prog-"+c, 10*time.Second)
		if !strings.Contains(body, `"total":0`) {
			t.Errorf("the program filter finds pages through a left-out program: %s", body)
		}
	}
}

// TestServeRequestLimits: a foreign Host is refused (DNS rebinding);
// repeated and oversized search parameters get 400 with a message.
func TestServeRequestLimits(t *testing.T) {
	t.Parallel()
	srv := startServe(t, copyOneLanguage(t))
	for host, want := range map[string]int{"evil.example.com": 403, "localhost": 200, "127.0.0.1": 200} {
		req, _ := http.NewRequest("GET", srv.base+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
	for path, msg := range map[string]string{
		"/api/search?q=mdf&q=claims":                    "given 2 times",
		"/api/search?q=" + strings.Repeat("word+", 600): "bytes long",
		"/api/search?q=mdf&limit=x":                     "limit",
	} {
		code, body := srv.get(t, path, 10*time.Second)
		if code != 400 || !strings.Contains(body, msg) {
			t.Errorf("%s: %d %s", path[:min(len(path), 40)], code, body)
		}
	}
}

// TestServeSearchDuringErrors: while the content has an error, search
// answers from the last good index, as the pages do.
func TestServeSearchDuringErrors(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	srv := startServe(t, site)
	if code, body := srv.get(t, "/api/search?q=claims", 10*time.Second); code != 200 || !strings.Contains(body, "/terms/mdf/") {
		t.Fatalf("search before the error: %d %s", code, body)
	}
	mdf := filepath.Join(site, "content/fy2026/terms/mdf.md")
	orig, _ := os.ReadFile(mdf)
	broken := []byte(strings.Replace(string(orig), "title:", "title: [broken\nx:", 1))
	// serve said it was watching before startServe returned.
	os.WriteFile(mdf, broken, 0o644)
	srv.waitOutput(t, "rebuild failed", 1)
	if code, body := srv.get(t, "/api/search?q=claims", 15*time.Second); code != 200 || !strings.Contains(body, "/terms/mdf/") {
		t.Errorf("search while the content has an error: %d %s", code, body)
	}
}

// TestServeSlowSearchClient: a client that pipelines searches and never
// reads the answers does not hold up pages or a rebuild.
func TestServeSlowSearchClient(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	srv := startServe(t, site)
	conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", srv.port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	req := "GET /api/search?q=partner&limit=100&version=fy2026,fy2025,portal HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
	stalled := make(chan struct{})
	go func() {
		// Writes until the server stops reading: its answers fill the
		// socket buffers, since nobody reads them. A write that cannot
		// finish in a second means the server is stuck on this client.
		defer close(stalled)
		for i := 0; i < 20000; i++ {
			conn.SetWriteDeadline(time.Now().Add(time.Second))
			if _, err := io.WriteString(conn, req); err != nil {
				return
			}
		}
	}()
	<-stalled
	rebuilds := strings.Count(srv.out.String(), "rebuilt") // the first build's
	guide := filepath.Join(site, "content/fy2026/terms/mdf.md")
	orig, _ := os.ReadFile(guide)
	edited := []byte(strings.Replace(string(orig), "Claim within 45 days", "Claim within 50 days", 1))
	os.WriteFile(guide, edited, 0o644)
	srv.waitOutput(t, "rebuilt", rebuilds+1)
	if code, body := srv.get(t, "/fy2026/terms/mdf/", 5*time.Second); code != 200 || !strings.Contains(body, "Claim within 50 days") {
		t.Fatalf("the edit did not reach the served page: %d", code)
	}
	if code, _ := srv.get(t, "/api/search?q=claims", 5*time.Second); code != 200 {
		t.Errorf("another client's search: %d", code)
	}
}

// TestOneMistakeOneFinding: a duplicate URL is reported once, not again
// as broken links to the file that lost; a link through a former id of a
// left-out page is an audience-link, and loses its address.
func TestOneMistakeOneFinding(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	w := func(rel, text string) { writeFile(t, site, rel, text) }
	w("config.yaml", "title: One\ncheck: {level: warn}\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	w("content/v1/guides/x/index.md", "---\ntitle: X folder\n---\n## Part {#part}\n")
	w("content/v1/guides/x.md", "---\ntitle: X file\n---\n## Other\n")
	w("content/v1/guides/secret.md", "---\ntitle: Secret\naudience: internal\naliases: [old/secret]\n---\nS.\n")
	w("content/v1/guides/a.md", "---\ntitle: A\n---\n[a](x.md) [b](x/index.md) [c](x/) [d](xref:guides/x) [e](xref:old/secret)\n")
	r := run(t, site, "check", "--format", "json")
	var got []string
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.Contains(line, `"rule"`) {
			got = append(got, strings.TrimSpace(line))
		}
	}
	want := []string{`"rule": "audience-link",`, `"rule": "duplicate-url",`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("findings %v, want %v\n%s", got, want, r.stdout)
	}
	// Without the duplicate, the build at warn publishes the alias link
	// as text only.
	os.Remove(filepath.Join(site, "content/v1/guides/x.md"))
	w("content/v1/guides/a.md", "---\ntitle: A\n---\n[former](xref:old/secret)\n")
	dest := filepath.Join(t.TempDir(), "out")
	if b := run(t, site, "build", "--dest", dest); b.code != 0 || !strings.Contains(b.stderr, "[audience-link]") {
		t.Fatalf("build: exit %d\n%s", b.code, b.stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "v1/guides/a/index.html"))
	if !strings.Contains(string(page), "former") || strings.Contains(string(page), "secret") {
		t.Errorf("the link through the former id: %s", page)
	}
}
