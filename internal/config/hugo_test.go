package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Hugo config beside config.yaml gives what partnerdocs honours;
// config.yaml wins where both speak; the rest is named once.
func TestHugoConfig(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/v1/_index.md", "---\ntitle: V\n---\n")
	write("assets-static/x.txt", "x")
	write("config/_default/hugo.toml", "title = \"From Hugo\"\nenableEmoji = true\nstaticDir = [\"nope\", \"assets-static\"]\nenableGitInfo = true\n[params]\n  Support_Email = \"a@b.example\"\n  [params.UI]\n    Navbar = true\n")
	write("config/_default/markup.yaml", "goldmark:\n  renderer:\n    unsafe: true\n  parser:\n    attribute:\n      block: true\ntableOfContents:\n  startLevel: 2\n")
	base := "versions:\n  - {name: v1, path: content/v1}\n"

	cfg, d := Load(writeConfig(t, root, base))
	if d.HasErrors() {
		t.Fatal(d.Items())
	}
	if cfg.Title != "From Hugo" || cfg.Markdown.HTML != "unsafe" || !cfg.Markdown.BlockAttributes || cfg.Static != "assets-static" || !cfg.Markdown.Emoji {
		t.Errorf("title %q, html %q, attributes %v, static %q, emoji %v", cfg.Title, cfg.Markdown.HTML, cfg.Markdown.BlockAttributes, cfg.Static, cfg.Markdown.Emoji)
	}
	if cfg.Params["support_email"] != "a@b.example" || cfg.Params["ui"].(map[string]any)["navbar"] != true {
		t.Errorf("params %v", cfg.Params)
	}
	items := d.Items()
	if len(items) != 1 || !strings.Contains(items[0].Message, "ignored: enableGitInfo, markup.tableOfContents.startLevel (") || items[0].File != "config/_default/hugo.toml" {
		t.Errorf("findings %v", items)
	}

	// config.yaml wins.
	cfg, _ = Load(writeConfig(t, root, "title: Ours\nmarkdown:\n  html: safe\n"+base))
	if cfg.Title != "Ours" || cfg.Markdown.HTML != "safe" || cfg.Markdown.BlockAttributes || cfg.Markdown.Emoji {
		t.Errorf("config.yaml did not win: %q %q %v", cfg.Title, cfg.Markdown.HTML, cfg.Markdown.BlockAttributes)
	}
}

func writeConfig(t *testing.T, root, text string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, FileName), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// A version named like one of the site's other languages is a
// configuration error: both would be written to /CODE/.
func TestVersionNamedLikeLanguage(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content/de"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, d := Load(writeConfig(t, root, "title: T\nlanguages:\n  - {code: en, label: English, default: true}\n  - {code: de, label: Deutsch}\nversions:\n  - {name: de, path: content/de}\n"))
	if !d.HasErrors() || !strings.Contains(d.Items()[0].Message, `"de" is also a language's code`) {
		t.Errorf("findings %v", d.Items())
	}
}

// markdown's rendering switches: emoji and attributes off, Mermaid on by
// default; a PlantUML server must be an http(s) address; a misspelt key
// is named with the known ones.
func TestMarkdownSwitches(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content/v1"), 0o755); err != nil {
		t.Fatal(err)
	}
	base := "title: T\nversions:\n  - {name: v1, path: content/v1}\n"
	cfg, d := Load(writeConfig(t, root, base))
	if d.HasErrors() || cfg.Markdown.Emoji || cfg.Markdown.BlockAttributes || !cfg.Markdown.Mermaid || cfg.Markdown.PlantUMLServer != "" {
		t.Errorf("defaults %+v %v", cfg.Markdown, d.Items())
	}
	cfg, d = Load(writeConfig(t, root, "markdown:\n  emoji: true\n  attributes: true\n  mermaid: false\n  plantuml:\n    server: https://uml.example.com/plantuml\n"+base))
	if d.HasErrors() || !cfg.Markdown.Emoji || !cfg.Markdown.BlockAttributes || cfg.Markdown.Mermaid || cfg.Markdown.PlantUMLServer != "https://uml.example.com/plantuml" {
		t.Errorf("set %+v %v", cfg.Markdown, d.Items())
	}
	for _, bad := range []string{"javascript:alert(1)", "uml.example.com", "https://uml.example.com/?x=1", "file:///etc"} {
		_, d = Load(writeConfig(t, root, "markdown:\n  plantuml:\n    server: \""+bad+"\"\n"+base))
		if items := d.Items(); len(items) != 1 || !strings.Contains(items[0].Message, "markdown.plantuml.server") || items[0].Line != 3 {
			t.Errorf("server %q: %v", bad, d.Items())
		}
	}
	_, d = Load(writeConfig(t, root, "markdown:\n  emoij: true\n"+base))
	if items := d.Items(); len(items) != 1 || !strings.Contains(items[0].String(), `did you mean "emoji"`) {
		t.Errorf("misspelt key: %v", d.Items())
	}
}

// signIn is an http(s) address; anything else (a script, a bare host) is
// an error at its line, since every restricted link would lead there.
func TestSignIn(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content/v1"), 0o755); err != nil {
		t.Fatal(err)
	}
	base := "title: T\nversions:\n  - {name: v1, path: content/v1}\n"
	cfg, d := Load(writeConfig(t, root, "signIn: https://partners.example.com/login\n"+base))
	if d.HasErrors() || cfg.SignIn != "https://partners.example.com/login" {
		t.Errorf("signIn %q %v", cfg.SignIn, d.Items())
	}
	for _, bad := range []string{"javascript:alert(1)", "partners.example.com/login", "/login"} {
		cfg, d = Load(writeConfig(t, root, "signIn: \""+bad+"\"\n"+base))
		if items := d.Items(); len(items) != 1 || !strings.Contains(items[0].Message, "signIn") || items[0].Line != 1 || cfg.SignIn != "" {
			t.Errorf("signIn %q: %v", bad, d.Items())
		}
	}
}
