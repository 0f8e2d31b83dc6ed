package markdown

import (
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"testing"
)

// render scans body with opts and returns its HTML and notes.
func render(t *testing.T, opts Options, body string) (string, []Note) {
	t.Helper()
	d, out := New(opts).ScanAll([]byte(body))
	return string(out.HTML), d.Notes
}

// A mermaid fence is a figure holding its escaped source, for the
// theme's script to draw and for readers without it to read; with
// markdown.mermaid off it is plain code. Either way nothing is
// highlighted as another language.
func TestMermaidFence(t *testing.T) {
	body := "```mermaid\nflowchart TD\n  A[\"<b>x</b>\"] --> B\n```\n"
	html, notes := render(t, Options{Mermaid: true}, body)
	if !strings.Contains(html, `<figure class="diagram diagram-mermaid" data-diagram="mermaid"><pre class="diagram-source"><code class="language-mermaid">flowchart TD`) {
		t.Errorf("no diagram figure:\n%s", html)
	}
	if strings.Contains(html, "<b>") || !strings.Contains(html, "&lt;b&gt;") {
		t.Errorf("the source is not escaped:\n%s", html)
	}
	if len(notes) != 0 {
		t.Errorf("a valid diagram has notes: %v", notes)
	}
	html, _ = render(t, Options{}, body)
	if strings.Contains(html, "diagram") || !strings.Contains(html, `<pre><code class="language-mermaid">`) {
		t.Errorf("with Mermaid off, not plain code:\n%s", html)
	}
}

// check reads a Mermaid diagram's first word: not a diagram type, empty,
// or too long to draw is a finding at the fence's line.
func TestMermaidProblems(t *testing.T) {
	for _, c := range []struct {
		src, want string
	}{
		{"flowchart LR\nA-->B", ""},
		{"---\ntitle: Flow\n---\n%%{init: {'theme':'forest'}}%%\n%% a comment\n\nsequenceDiagram\nA->>B: hi", ""},
		{"gitGraph:\ncommit", ""},
		{"graph TD;\nA-->B", ""},
		{"flowchat TD\nA-->B", `starts with "flowchat"`},
		{"A --> B", `starts with "A"`},
		{"\n%% only a comment\n", "empty Mermaid diagram"},
		{"flowchart TD\n" + strings.Repeat("A-->B\n", MaxMermaidText/6+1), "longer than the portal draws"},
	} {
		got := mermaidProblem([]byte(c.src))
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("mermaidProblem(%.30q) = %q, want %q", c.src, got, c.want)
		}
	}
	_, notes := render(t, Options{Mermaid: true}, "Intro.\n\n```mermaid\nflowchat TD\n```\n")
	if len(notes) != 1 || notes[0].Rule != ruleDiagram || notes[0].Line != 3 || notes[0].Col != 4 {
		t.Errorf("notes = %+v, want one diagram note at 3:4", notes)
	}
}

// PlantUML: with a server, an image of the source deflated and written
// in PlantUML's base 64 (the source kept in a details element); without
// one, code, and one diagram-not-rendered note however many fences.
func TestPlantUML(t *testing.T) {
	src := "Bob -> Alice : hello\n"
	body := "```plantuml\n" + src + "```\n\n```puml\nA -> B\n```\n"
	html, notes := render(t, Options{PlantUMLServer: "https://uml.example.com/plantuml/"}, body)
	if len(notes) != 0 {
		t.Errorf("with a server, notes %v", notes)
	}
	i := strings.Index(html, `<img src="https://uml.example.com/plantuml/svg/`)
	if i < 0 {
		t.Fatalf("no image from the server:\n%s", html)
	}
	enc := html[i+len(`<img src="https://uml.example.com/plantuml/svg/`):]
	enc = enc[:strings.IndexByte(enc, '"')]
	if got := plantumlDecode(t, enc); got != src {
		t.Errorf("the image address decodes to %q, want %q", got, src)
	}
	if !strings.Contains(html, `<code class="language-plantuml">Bob -&gt; Alice : hello`) {
		t.Errorf("the source is not kept:\n%s", html)
	}
	html, notes = render(t, Options{}, body)
	if strings.Contains(html, "<img") || len(notes) != 1 || notes[0].Rule != ruleDiagramNotRendered || notes[0].Line != 1 {
		t.Errorf("without a server: notes %+v\n%s", notes, html)
	}
	// PlantUML's alphabet, bit for bit.
	if got := plantumlEncode([]byte{0, 0, 0, 0xff, 0xff, 0xff, 0x10}); got != "0000____4000" {
		t.Errorf("plantumlEncode = %q", got)
	}
}

// plantumlDecode reverses PlantUMLURL's encoding, as a PlantUML server
// does.
func plantumlDecode(t *testing.T, s string) string {
	t.Helper()
	var raw []byte
	for i := 0; i+4 <= len(s); i += 4 {
		var v [4]byte
		for k := 0; k < 4; k++ {
			j := strings.IndexByte(plantumlAlphabet, s[i+k])
			if j < 0 {
				t.Fatalf("%q is not in PlantUML's alphabet", s[i+k])
			}
			v[k] = byte(j)
		}
		raw = append(raw, v[0]<<2|v[1]>>4, v[1]<<4|v[2]>>2, v[2]<<6|v[3])
	}
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil && len(out) == 0 {
		t.Fatalf("inflate: %v", err)
	}
	return string(out)
}

// Emoji codes become emoji when asked for (Hugo's enableEmoji), and stay
// text otherwise; code is left alone.
func TestEmoji(t *testing.T) {
	body := "Done :white_check_mark: and `:tada:`\n"
	html, _ := render(t, Options{Emoji: true}, body)
	if !strings.Contains(html, "&#x2705;") || !strings.Contains(html, "<code>:tada:</code>") {
		t.Errorf("emoji on:\n%s", html)
	}
	html, _ = render(t, Options{}, body)
	if !strings.Contains(html, ":white_check_mark:") {
		t.Errorf("emoji off:\n%s", html)
	}
}

// Hugo's fence options: line numbers, their first number and highlighted
// lines counted from the block's first line.
func TestFenceOptions(t *testing.T) {
	body := "```go {linenos=true hl_lines=[2,\"4-5\"] linenostart=10}\na := 1\nb := 2\nc := 3\nd := 4\ne := 5\nf := 6\n```\n"
	html, _ := render(t, Options{}, body)
	if strings.Count(html, `class="line hl"`) != 3 {
		t.Errorf("want 3 highlighted lines:\n%s", html)
	}
	for _, n := range []string{">10<", ">11<", ">15<"} {
		if !strings.Contains(html, n) {
			t.Errorf("no line number %s:\n%s", n, html)
		}
	}
	// The second line (11) is highlighted, the first (10) is not.
	if !strings.Contains(html, `<span class="line hl"><span class="ln">11</span>`) || strings.Contains(html, `<span class="line hl"><span class="ln">10</span>`) {
		t.Errorf("wrong lines highlighted:\n%s", html)
	}
	// hl_lines as a string, no line numbers.
	html, _ = render(t, Options{}, "```go {hl_lines=\"1 3-3\"}\na := 1\nb := 2\nc := 3\n```\n")
	if strings.Count(html, `class="line hl"`) != 2 || strings.Contains(html, `class="ln"`) {
		t.Errorf("hl_lines string:\n%s", html)
	}
}

// Plain-text fences are not highlighted, and a lexer that does not follow
// the code never marks it as an error.
func TestCodeWithoutErrors(t *testing.T) {
	for _, lang := range []string{"plain", "text", "txt", "plaintext", "nohighlight"} {
		html, _ := render(t, Options{}, "```"+lang+"\nsome words: {not code\n```\n")
		if !strings.Contains(html, `<pre><code class="language-`+lang+`">some words`) {
			t.Errorf("%s is highlighted:\n%s", lang, html)
		}
	}
	html, _ := render(t, Options{}, "```json\n{\"a\": 1, ``` oops ???}\n```\n")
	if strings.Contains(html, `class="err"`) {
		t.Errorf("error tokens reach the page:\n%s", html)
	}
	if l := lexerFor("yml"); l == nil {
		t.Error("yml (a file extension) finds no lexer")
	}
}

// A {#id .class} line after a table with several columns sets the
// table's attributes (goldmark pads the line to a row of empty cells),
// and the id is an anchor.
func TestTableAttributesManyColumns(t *testing.T) {
	d, out := New(Options{BlockAttributes: true}).ScanAll([]byte("| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n{#times .compact}\n"))
	if !strings.Contains(string(out.HTML), `<table id="times" class="compact"`) || strings.Contains(string(out.HTML), "{#times") {
		t.Errorf("table attributes:\n%s", out.HTML)
	}
	if len(d.Anchors) != 1 || d.Anchors[0] != "times" {
		t.Errorf("anchors %v", d.Anchors)
	}
	// A row whose other cells hold text is a row.
	_, out = New(Options{BlockAttributes: true}).ScanAll([]byte("| a | b |\n|---|---|\n| {#x} | y |\n"))
	if !strings.Contains(string(out.HTML), "<td>{#x}</td>") {
		t.Errorf("a real row was taken for attributes:\n%s", out.HTML)
	}
}

// The default iframe hosts keep YouTube embeds as handbooks write them,
// bare youtube.com included; another host's iframe goes, with a finding.
func TestDefaultEmbeds(t *testing.T) {
	body := "<iframe src=\"https://youtube.com/embed/abc123\" title=\"Intro\" allowfullscreen></iframe>\n\n" +
		"<iframe src=\"https://www.youtube.com/embed/def456\"></iframe>\n\n" +
		"<iframe src=\"https://player.vimeo.com/video/1\"></iframe>\n\n" +
		"<iframe src=\"https://lucid.app/documents/embedded/x\"></iframe>\n"
	d, out := New(Options{}).ScanAll([]byte(body))
	if n := strings.Count(string(out.HTML), "<iframe"); n != 3 || strings.Contains(string(out.HTML), "lucid") {
		t.Errorf("%d iframes kept, want the 3 from YouTube and Vimeo:\n%s", n, out.HTML)
	}
	if len(d.RawDrops) != 1 || d.RawDrops[0].Line != 7 || !strings.Contains(d.RawDrops[0].What, "lucid.app") {
		t.Errorf("lucid.app iframe: drops %+v", d.RawDrops)
	}
	// Named in markdown.iframes, it is kept.
	d, out = New(Options{IFrameHosts: append(append([]string{}, DefaultIFrameHosts...), "lucid.app")}).ScanAll([]byte(body))
	if n := strings.Count(string(out.HTML), "<iframe"); n != 4 || len(d.RawDrops) != 0 {
		t.Errorf("lucid.app listed: %d iframes, drops %+v", n, d.RawDrops)
	}
}
