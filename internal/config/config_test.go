package config

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
)

func site(t *testing.T, cfg string, dirs ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, FileName), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

const good = `title: "Acme Partner Portal"
baseURL: "https://partners.example.com/docs"
portal: content/portal
versions:
  - name: fy2026
    label: "FY2026"
    path: content/fy2026
    latest: true
  - name: fy2025
    path: content/fy2025
    status: archived
regions: [amer, emea]
check: {level: warn}
`

func TestGoodConfig(t *testing.T) {
	root := site(t, good, "content/fy2026", "content/fy2025", "content/portal")
	cfg, diags := Load(root)
	if diags.Len() != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags.Items())
	}
	if cfg.BaseURL != "https://partners.example.com/docs/" || cfg.BasePath != "/docs/" {
		t.Errorf("base = %q %q", cfg.BaseURL, cfg.BasePath)
	}
	if cfg.Latest().Name != "fy2026" || cfg.Version("fy2025").Status != "archived" || cfg.Version("fy2026").Status != "current" {
		t.Errorf("versions = %+v", cfg.Versions)
	}
	if cfg.Version("fy2025").Label != "FY2025" {
		t.Errorf("default label = %q", cfg.Version("fy2025").Label)
	}
	if strings.Join(cfg.Regions, ",") != "global,amer,emea" {
		t.Errorf("regions = %v", cfg.Regions)
	}
	if cfg.Check.Level != "warn" || !cfg.Search.Static || cfg.DefaultAudience != "partner" {
		t.Errorf("defaults = %+v", cfg)
	}
}

// Each bad config must give exactly the listed diagnostics (line:col rule
// and a fragment of the message), all in one run.
func TestConfigErrors(t *testing.T) {
	cases := []struct {
		name string
		cfg  string
		want []string
	}{
		{"unknown key", "title: x\ntitel: y\nversions:\n  - {name: a, path: content/a}\n", []string{`2:1 config|unknown key "titel"`}},
		{"wrong type", "title: x\nversions:\n  - name: a\n    path: content/a\n    latest: yes please\n", []string{`5:13 config|versions.latest: expected true or false`}},
		{"missing title", "versions:\n  - {name: a, path: content/a}\n", []string{`1:1 config|missing required key "title"`}},
		{"two latest", "title: x\nversions:\n  - {name: a, path: content/a, latest: true}\n  - name: b\n    path: content/a\n    latest: true\n", []string{`6:5 config|exactly one version may be latest`}},
		{"missing path", "title: x\nversions:\n  - name: a\n    path: content/nope\n", []string{`4:11 config|folder "content/nope" does not exist`}},
		{"traversal", "title: x\nversions:\n  - name: a\n    path: ../../etc\n", []string{`4:11 config|must be a folder inside the site`}},
		{"bad name", "title: x\nversions:\n  - name: ../x\n    path: content/a\n", []string{`3:11 config|must match`}},
		{"duplicate name", "title: x\nversions:\n  - {name: a, path: content/a, latest: true}\n  - {name: a, path: content/a}\n", []string{`4:12 config|two versions are named "a"`}},
		{"malformed", "title: x\nversions: [\n  - a: b: c\n", []string{`2:0 config|malformed YAML`}},
		{"bad audience", "title: x\ndefaultAudience: partners\nversions:\n  - {name: a, path: content/a}\n", []string{`2:18 config|defaultAudience: "partners" is not one of`}},
		{"several at once", "title: 3\nbaseURL: ftp://x\nfoo: 1\nversions: []\n", []string{`2:10 config|baseURL`, `3:1 config|unknown key "foo"`, `4:1 config|at least one version`}},
		{"bad utf8", "title: \xff\xfe\nversions: []\n", []string{`1:8 config|not valid UTF-8`}},
		{"portal is the root", "title: x\nportal: .\nversions:\n  - {name: a, path: content/a}\n", []string{`2:9 config|is the site root`}},
		{"portal holds a version", "title: x\nportal: content\nversions:\n  - {name: a, path: content/a}\n", []string{`2:1 config|overlaps the folder "content/a"`}},
		{"version is the root", "title: x\nversions:\n  - {name: a, path: ./}\n", []string{`3:21 config|is the site root`}},
		{"one-word synonym group", "title: x\nversions:\n  - {name: a, path: content/a}\nsearch:\n  synonyms:\n    - [valid, lasts]\n    - [alone]\n", []string{`7:7 config|search.synonyms: a group needs two words`}},
		{"feedback to a script", "title: x\nversions:\n  - {name: a, path: content/a}\nfeedback:\n  url: \"javascript:alert(1)\"\n", []string{`5:8 config|feedback.url: "javascript:alert(1)" must be an http(s) address`}},
		{"feedback placeholder", "title: x\nversions:\n  - {name: a, path: content/a}\nfeedback:\n  url: https://f.example/?q={who}\n  audiences: [partners]\n  counts: ../counts.csv\n  tracking: true\n", []string{`5:8 config|unknown placeholder {who}`, `6:14 config|feedback.audiences: "partners"`, `7:11 config|feedback.counts: "../counts.csv" must be a file inside the site`, `8:3 config|unknown key "tracking"`}},
		{"guides", "title: x\nversions:\n  - {name: a, path: content/a}\nguides:\n  pdf: yes please\n  paper: tabloid\n  pages: 3\n", []string{`5:8 config|guides.pdf`, `6:10 config|guides.paper`, `7:3 config|unknown key "pages"`}},
		{"feedback without url", "title: x\nversions:\n  - {name: a, path: content/a}\nfeedback:\n  counts: content/a\n", []string{`5:11 config|feedback.counts: "content/a" is a folder`}},
		{"feedback no url at all", "title: x\nversions:\n  - {name: a, path: content/a}\nfeedback:\n  audiences: [partner]\n", []string{`5:3 config|feedback: missing required key "url"`}},
		{"synonyms not lists", "title: x\nversions:\n  - {name: a, path: content/a}\nsearch:\n  synonyms: valid\n", []string{`5:13 config|search.synonyms: expected a list`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := site(t, c.cfg, "content/a")
			_, diags := Load(root)
			items := diags.Items()
			for _, w := range c.want {
				found := false
				for _, d := range items {
					head, frag, _ := strings.Cut(w, "|")
					got := strings.TrimSpace(pos(d) + " " + d.Rule)
					if got == head && strings.Contains(d.Message, frag) && d.Severity == diag.Error {
						found = true
					}
				}
				if !found {
					t.Errorf("want %q among %v", w, items)
				}
			}
			if len(items) != len(c.want) {
				t.Errorf("want %d diagnostics, got %d: %v", len(c.want), len(items), items)
			}
		})
	}
}

func pos(d diag.Diagnostic) string {
	if d.Line == 0 {
		return ""
	}
	return strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column)
}

// The feedback links' defaults: public and partner builds, no counts.
func TestFeedbackConfig(t *testing.T) {
	root := site(t, "title: x\nversions:\n  - {name: a, path: content/a}\nfeedback:\n  url: https://gitlab.com/a/b/-/issues/new\n", "content/a")
	cfg, diags := Load(root)
	if diags.Len() != 0 {
		t.Fatal(diags.Items())
	}
	f := cfg.Feedback
	if !f.Shows("public") || !f.Shows("partner") || f.Shows("internal") || f.Counts != "" {
		t.Errorf("feedback %+v", f)
	}
	if (Feedback{Audiences: []string{"partner"}}).Shows("partner") {
		t.Error("feedback without an address shows links")
	}
}

func TestMissingConfig(t *testing.T) {
	_, diags := Load(t.TempDir())
	if !diags.HasErrors() || diags.Items()[0].Rule != diag.RuleConfig {
		t.Fatalf("want a config error, got %v", diags.Items())
	}
}

func TestBaseURL(t *testing.T) {
	for in, want := range map[string]string{"": "/", "https://g.gitlab.io/proj": "/proj/", "/sub": "/sub/", "https://x.com/": "/"} {
		_, p, err := NormalizeBaseURL(in)
		if err != nil || p != want {
			t.Errorf("%q -> %q, %v; want %q", in, p, err, want)
		}
	}
}
