package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// guidePDFSite is a copy of the example in one language whose config
// asks for the guides as PDFs.
func guidePDFSite(t *testing.T) string {
	t.Helper()
	site := copyOneLanguage(t)
	cfg := readFile(t, filepath.Join(site, "config.yaml"))
	writeFile(t, site, "config.yaml", cfg+"\nguides:\n  pdf: true\n  paper: letter\n")
	return site
}

// TestGuidePDFWithoutBrowser: with guides.pdf set and no browser to print
// with, the build warns at the key and succeeds; the guides keep their
// print button and link no PDF.
func TestGuidePDFWithoutBrowser(t *testing.T) {
	t.Parallel()
	site := guidePDFSite(t)
	out := filepath.Join(t.TempDir(), "public")
	r := runEnv(t, site, []string{"PARTNERDOCS_CHROME=/nonexistent/chromium"}, "build", "--dest", out)
	if r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	if !regexp.MustCompile(`config\.yaml:\d+:\d+: warning: guides\.pdf: no Chromium or Chrome found`).MatchString(r.stderr) {
		t.Errorf("no warning at guides.pdf:\n%s", r.stderr)
	}
	guide := readFile(t, filepath.Join(out, "fy2026/programs/reseller/guide/index.html"))
	if strings.Contains(guide, ".pdf\"") || strings.Contains(guide, "Download PDF") {
		t.Error("the guide links a PDF the build did not print")
	}
	if !strings.Contains(guide, "data-print>") {
		t.Error("the guide lost its print button")
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*/programs/*/guide/*.pdf"))
	if len(pdfs) > 0 {
		t.Errorf("PDFs written without a browser: %v", pdfs)
	}
}
