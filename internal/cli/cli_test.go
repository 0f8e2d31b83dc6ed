package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes a one-page site and returns its root.
func writeSite(t *testing.T, page string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"config.yaml":          "title: T\nversions:\n  - {name: v1, path: content/v1, latest: true}\n",
		"content/v1/_index.md": "---\ntitle: Home\n---\nHome.\n",
		"content/v1/guide.md":  page,
		"content/v1/other.md":  "---\ntitle: Other\n---\n## Claims\n",
	}
	for rel, text := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	return root
}

// Exit codes and messages of the command line (0
// success, 1 content errors, 2 usage or configuration).
func TestExecute(t *testing.T) {
	good := writeSite(t, "---\ntitle: Guide\n---\nSee [other](other.md#claims).\n")
	bad := writeSite(t, "---\ntitle: Guide\n---\nSee [other](other.md#claim).\n")
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stdout string // fragment
		stderr string // fragment
	}{
		{"version", []string{"version"}, 0, "partnerdocs", ""},
		{"unknown command", []string{"biuld"}, 2, "", "biuld"},
		{"check clean", []string{"check", "--source", good}, 0, "", "0 errors, 0 warnings"},
		{"check broken", []string{"check", "--source", bad}, 1, `(did you mean "claims"?) [broken-anchor]`, "1 error,"},
		{"check json", []string{"check", "--source", bad, "--format", "json"}, 1, `"rule": "broken-anchor"`, ""},
		{"bad format", []string{"check", "--source", good, "--format", "xml"}, 2, "", "--format must be text, json or gitlab"},
		{"bad audience", []string{"check", "--source", good, "--audience", "everyone"}, 2, "", "--audience must be public, partner or internal"},
		{"no site", []string{"check", "--source", t.TempDir()}, 2, "no config.yaml", "1 error,"},
		{"strict", []string{"check", "--source", writeSite(t, "---\ntitle: G\ntoc_hide: true\n---\n"), "--strict"}, 0, `unknown key "toc_hide"`, "0 errors, 1 warning in"},
		{"new kind typo", []string{"new", "benfit", "x", "--source", good}, 2, "", `unknown kind "benfit" (did you mean "benefit"?); kinds: page, guide`},
		{"schema kind typo", []string{"schema", "benfit"}, 2, "", `(did you mean "benefit"?)`},
		{"long query", []string{"search", "--source", good, strings.Repeat("word ", 500)}, 2, "", "bytes long"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Execute(c.args, &out, &errb)
			if code != c.code || !strings.Contains(out.String(), c.stdout) || !strings.Contains(errb.String(), c.stderr) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, c.code, out.String(), errb.String())
			}
		})
	}
}
