package markdown

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

const sample = "Intro with [terms](../terms/mdf.md#claims) here.\n\n" + // line 1
	"## Claims {#claims}\n\n" + // 3
	"## Proof of performance\n\n" + // 5
	"| Tier | Link |\n|---|---|\n| Gold | [g](xref:tiers/gold) |\n\n" + // 7-9
	"- item [two](two.md) and [two](two.md)\n\n" + // 11
	"![logo](img/logo.png)\n\n" + // 13
	"Note[^1].\n\n[^1]: See [fn](fn.md).\n\n" + // 15, 17
	"{{< benefit-matrix program=\"programs/resale\" region=\"emea\" >}}\n\n" + // 19
	"```go\nfunc main() {}\n```\n\n" +
	"<script>alert(1)</script>\n\n" +
	"[ref link][r]\n\n[r]: ref.md\n" // 27, 29

type fakeResolver struct{}

func (fakeResolver) Link(dest string, kind LinkKind) (string, bool) {
	if dest == "two.md" {
		return "", false
	}
	return "/X/" + dest, true
}
func (fakeResolver) Shortcode(sc *Shortcode, inner []byte) []byte {
	if sc.Paired {
		return []byte("<div>SC " + sc.Name + ":" + string(inner) + "</div>")
	}
	return []byte("<div>SC " + sc.Name + "</div>")
}

func pos(body string, off int) (int, int) {
	line := strings.Count(body[:off], "\n") + 1
	col := off - strings.LastIndex(body[:off], "\n")
	return line, col
}

func TestScan(t *testing.T) {
	e := New(Options{})
	doc := e.Scan([]byte(sample))
	if doc.Description != "Intro with terms here." {
		t.Errorf("description = %q", doc.Description)
	}
	var hs []string
	for _, h := range doc.Headings {
		hs = append(hs, h.ID+"="+h.Text)
	}
	if got := strings.Join(hs, ","); got != "claims=Claims,proof-of-performance=Proof of performance" {
		t.Errorf("headings = %s", got)
	}
	want := []string{"../terms/mdf.md#claims@1:20", "xref:tiers/gold@9:14", "two.md@11:14", "two.md@11:32", "img/logo.png@13:9", "ref.md@29:6", "fn.md@17:16"}
	var got []string
	for _, l := range doc.Links {
		line, col := pos(sample, l.Offset)
		got = append(got, l.Dest+"@"+itoa(line)+":"+itoa(col))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("links\n got %v\nwant %v", got, want)
	}
	if len(doc.Shortcodes) != 1 {
		t.Fatalf("shortcodes = %v", doc.Shortcodes)
	}
	sc := doc.Shortcodes[0]
	if v, _ := sc.Arg("region"); sc.Name != "benefit-matrix" || v != "emea" || len(sc.Args) != 2 {
		t.Errorf("shortcode = %+v", sc)
	}
	if l, c := pos(sample, sc.Args[0].Offset); l != 19 || c != 29 {
		t.Errorf("arg at %d:%d", l, c)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestRender(t *testing.T) {
	out, err := New(Options{}).Render([]byte(sample), fakeResolver{})
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, w := range []string{
		`<a href="/X/../terms/mdf.md#claims">terms</a>`,
		`<h2 id="claims">Claims<a class="heading-anchor" href="#claims" aria-label="Link to this section">#</a></h2>`,
		`<td><a href="/X/xref:tiers/gold">g</a></td>`,
		`item <a>two</a> and <a>two</a>`,
		`<img src="/X/img/logo.png" alt="logo" />`,
		`<div>SC benefit-matrix</div>`,
		`<span class="kd">func</span>`,
		`class="footnote-ref"`,
	} {
		if !strings.Contains(html, w) {
			t.Errorf("missing %q in\n%s", w, html)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Error("raw HTML passed through in safe mode")
	}
	unsafe, _ := New(Options{Unsafe: true}).Render([]byte(sample), fakeResolver{})
	if !strings.Contains(string(unsafe), "<script>alert(1)</script>") {
		t.Error("unsafe mode dropped raw HTML")
	}
}

func FuzzMarkdown(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("{{< x a=\"b\" >}}\n[a](b)\n"))
	f.Add([]byte("| a |\n|---|\n| [x](y) |\n"))
	f.Add([]byte("```mermaid\n---\ntitle: x\n---\nflowchart TD\nA-->B\n```\n```plantuml\nA -> B\n```\n"))
	f.Add([]byte("```go {linenos=table hl_lines=[1,\"2-3\"] linenostart=5}\na\nb\n```\n:tada: x\n{#id .c}\n"))
	// Every rendering switch on: diagrams, emoji, attributes.
	e := New(Options{Mermaid: true, Emoji: true, BlockAttributes: true, PlantUMLServer: "https://uml.example.com"})
	f.Fuzz(func(t *testing.T, body []byte) {
		doc := e.Scan(body)
		for _, l := range doc.Links {
			if l.Offset < 0 || l.Offset > len(body) {
				t.Fatalf("offset %d out of %d", l.Offset, len(body))
			}
		}
		for _, n := range doc.Notes {
			if n.Offset < 0 || n.Offset > len(body) || n.Line < 1 {
				t.Fatalf("note %+v out of %d bytes", n, len(body))
			}
		}
		if _, err := e.Render(body, fakeResolver{}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTaskListLabels(t *testing.T) {
	out, err := New(Options{}).Render([]byte("- [x] signed\n- [ ] invited\n"), fakeResolver{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`type="checkbox" aria-label="Done"`, `type="checkbox" aria-label="Not done"`} {
		if !strings.Contains(string(out), w) {
			t.Errorf("missing %s in %s", w, out)
		}
	}
}

func TestRawHTMLLinks(t *testing.T) {
	body := "Text <a href=\"a.md\">a</a> and\n\n<div>\n<img src='img/x.png'>\n</div>\n"
	if links := New(Options{HTML: HTMLDrop}).Scan([]byte(body)).Links; len(links) != 0 {
		t.Errorf("drop mode checks links of HTML it drops: %v", links)
	}
	// Safe mode keeps <a> and <img>, so their links are checked, and
	// rewritten after the sanitiser has run.
	if links := New(Options{}).Scan([]byte(body)).Links; len(links) != 2 {
		t.Errorf("safe mode links: %v", links)
	}
	safe, _ := New(Options{}).Render([]byte(body), fakeResolver{})
	if !strings.Contains(string(safe), `<a href="/X/a.md">`) || !strings.Contains(string(safe), `<img src="/X/img/x.png">`) {
		t.Errorf("safe raw HTML not rewritten:\n%s", safe)
	}
	e := New(Options{Unsafe: true})
	links := e.Scan([]byte(body)).Links
	if len(links) != 2 || links[0].Dest != "a.md" || links[1].Dest != "img/x.png" {
		t.Fatalf("links %+v", links)
	}
	if l, c := pos(body, links[0].Offset); l != 1 || c != 15 {
		t.Errorf("href at %d:%d", l, c)
	}
	if l, c := pos(body, links[1].Offset); l != 4 || c != 11 {
		t.Errorf("src at %d:%d", l, c)
	}
	out, _ := e.Render([]byte(body), fakeResolver{})
	if !strings.Contains(string(out), `<a href="/X/a.md">`) || !strings.Contains(string(out), `<img src='/X/img/x.png'>`) {
		t.Errorf("raw HTML not rewritten:\n%s", out)
	}
}

func TestUnicodeHeadingIDs(t *testing.T) {
	doc := New(Options{}).Scan([]byte("## Überblick der Vorteile\n\n## 概要\n\n## Claims & proof\n\n## Claims & proof\n"))
	var ids []string
	for _, h := range doc.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "überblick-der-vorteile 概要 claims--proof claims--proof-1" {
		t.Errorf("ids = %s", got)
	}
}

func TestCodeBlocks(t *testing.T) {
	body := "```go\nfunc main() {}\n```\n\n```nosuchlang\n<b>x</b> & y\n```\n\n```\nplain <i>\n```\n"
	out, err := New(Options{}).Render([]byte(body), fakeResolver{})
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, w := range []string{
		`<pre class="chroma"><code><span class="line"><span class="cl"><span class="kd">func</span>`,
		"<pre><code class=\"language-nosuchlang\">&lt;b&gt;x&lt;/b&gt; &amp; y\n</code></pre>",
		"<pre><code>plain &lt;i&gt;\n</code></pre>",
	} {
		if !strings.Contains(html, w) {
			t.Errorf("missing %q in\n%s", w, html)
		}
	}
}

// A scan stored on disk and read back renders the same page.
func TestWireRoundTrip(t *testing.T) {
	e := New(Options{})
	orig, out := e.ScanAll([]byte(sample))
	wire := orig.Wire()
	w, rest, err := ReadWireDoc(wire.AppendBinary(nil))
	if err != nil || len(rest) != 0 {
		t.Fatalf("read back: %v, %d bytes left", err, len(rest))
	}
	back := w.Doc()
	if len(orig.RawDrops) == 0 {
		t.Fatal("the sample has no raw HTML that safe mode drops; the test would not see RawDrops lost")
	}
	if !reflect.DeepEqual(back.Headings, orig.Headings) || !reflect.DeepEqual(back.Links, orig.Links) || !reflect.DeepEqual(back.RawDrops, orig.RawDrops) ||
		back.Description != orig.Description || len(back.Shortcodes) != 1 {
		t.Fatalf("round trip changed the scan:\n%+v\n%+v", orig, back)
	}
	// The HTML is not stored; the stored placeholders fill the scan's.
	want, got := e.Finalize(orig, out.HTML, fakeResolver{}), e.Finalize(back, out.HTML, fakeResolver{})
	if !bytes.Equal(want, got) || !bytes.Contains(got, []byte("<div>SC benefit-matrix</div>")) {
		t.Fatalf("rendered differently:\n%s\n---\n%s", want, got)
	}
}

// A code block seen before is served from the engine's cache, byte for
// byte what highlighting it gives.
func TestHighlightCache(t *testing.T) {
	e := New(Options{})
	body := []byte("```bash\ncurl -sSL https://example.com/install.sh | sh\n```\n")
	kept := func() int {
		n := 0
		e.code.m.Range(func(any, any) bool { n++; return true })
		return n
	}
	first, _ := e.Render(body, fakeResolver{})
	if n := kept(); n != 0 {
		t.Fatalf("%d blocks kept after one sight, want 0", n)
	}
	// Met again: kept, and the third sight is served from the cache.
	second, _ := e.Render(append([]byte("Intro.\n\n"), body...), fakeResolver{})
	if n := kept(); n != 1 {
		t.Fatalf("%d blocks kept after two sights, want 1", n)
	}
	third, _ := e.Render(append([]byte("Outro.\n\n"), body...), fakeResolver{})
	for _, got := range [][]byte{second, third} {
		if !bytes.Contains(got, first) || !bytes.Contains(first, []byte(`<pre class="chroma">`)) {
			t.Fatalf("cached block differs:\n%s\n---\n%s", first, got)
		}
	}
	fresh, _ := New(Options{}).Render(body, fakeResolver{})
	if !bytes.Equal(fresh, first) {
		t.Fatal("a fresh engine renders the block differently")
	}
}

// TestRenderWithoutSite: Render with no resolver keeps links as written
// (it crashed on the first link; the Markdown floor benchmark uses it).
func TestRenderWithoutSite(t *testing.T) {
	out, _ := New(Options{}).Render([]byte("See [the terms](../terms/mdf.md#claims) and {{< note >}}x{{< /note >}}.\n"), nil)
	if !strings.Contains(string(out), `href="../terms/mdf.md#claims"`) {
		t.Errorf("link not kept: %s", out)
	}
}

// TestTableText: a table's cells keep their boundaries in the page's
// text, so a search snippet from a table does not run cells together.
func TestTableText(t *testing.T) {
	e := New(Options{})
	_, out := e.ScanAll([]byte("| Tier | Discount |\n|---|---|\n| Select | 25% |\n| Premier | 32% |\n\nAfter.\n"))
	if want := "Tier · Discount · Select · 25% · Premier · 32% After."; out.Text != want {
		t.Errorf("text %q, want %q", out.Text, want)
	}
}
