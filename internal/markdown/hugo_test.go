package markdown

import (
	"strings"
	"testing"
)

// Heading ids come from the heading's text only, as Hugo makes them:
// inline HTML, link targets, emphasis and code marks do not reach them.
func TestHeadingIDsFromText(t *testing.T) {
	body := "## <i class=\"fas fa-cubes\"></i>Our Data Stack\n\n## [Linked](https://x.example/a) *title*\n\n## `code` and foo_bar\n\n## Clause {#claims}\n"
	d := New(Options{HTML: HTMLUnsafe}).Scan([]byte(body))
	var got []string
	for _, h := range d.Headings {
		got = append(got, h.ID)
	}
	want := []string{"our-data-stack", "linked-title", "code-and-foo_bar", "claims"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("heading ids %v, want %v", got, want)
	}
	if HeadingID("<b>Fast</b> & *safe*") != "fast--safe" {
		t.Errorf("HeadingID: %q", HeadingID("<b>Fast</b> & *safe*"))
	}
}

// Raw HTML ids and <a name> are anchors; a name on another element is
// not; safe mode keeps <a name> so the anchor exists in the output.
func TestRawHTMLAnchors(t *testing.T) {
	body := "<a name=\"picture-requirements\"></a>\n\nText <span id='inline-id'>x</span> and <input name=\"nope\">\n\n<div id=\"block-id\">\nx\n</div>\n"
	e := New(Options{})
	d, out := e.ScanAll([]byte(body))
	got := strings.Join(d.Anchors, " ")
	if got != "picture-requirements inline-id block-id" {
		t.Errorf("anchors %q", got)
	}
	html := string(e.Finalize(d, out.HTML, fakeResolver{}))
	if !strings.Contains(html, `name="picture-requirements"`) || !strings.Contains(html, `id="block-id"`) {
		t.Errorf("the sanitiser dropped an anchor:\n%s", html)
	}
	// The codec keeps them (check's scan cache).
	if w := d.Wire(); strings.Join(w.Doc().Anchors, " ") != got {
		t.Errorf("wire round trip lost anchors: %v", w.Doc().Anchors)
	}
}

// Shortcodes inside raw HTML blocks expand, as in Hugo, in every raw HTML
// mode but drop; their text never reaches the page.
func TestShortcodesInRawHTML(t *testing.T) {
	body := "<table><tr>\n<td>{{< youtube \"abc123def\" >}}</td>\n<td>{{< note >}}inner{{< /note >}}</td>\n</tr></table>\n"
	for _, mode := range []string{HTMLSafe, HTMLUnsafe} {
		e := New(Options{HTML: mode})
		d, out := e.ScanAll([]byte(body))
		if len(d.Shortcodes) != 2 || d.Shortcodes[0].Name != "youtube" || !d.Shortcodes[1].Paired {
			t.Fatalf("%s: shortcodes %+v", mode, d.Shortcodes)
		}
		if d.Shortcodes[0].Line != 2 || d.Shortcodes[0].Col != 9 {
			t.Errorf("%s: youtube at %d:%d, want 2:9", mode, d.Shortcodes[0].Line, d.Shortcodes[0].Col)
		}
		html := string(e.Finalize(d, out.HTML, fakeResolver{}))
		if !strings.Contains(html, "<td><div>SC youtube</div></td>") || !strings.Contains(html, "<div>SC note:inner</div>") || strings.Contains(html, "{{") {
			t.Errorf("%s: %s", mode, html)
		}
	}
}

// A ref or relref call written as a link's destination becomes a link
// the resolver reads as Hugo's GetPage, at the same offsets.
func TestRefDestinations(t *testing.T) {
	body := "- [Go]({{< relref \"/docs/languages/go/quickstart\" >}})\n- [team]({{% ref \"team#anchor\" %}}) after\n"
	d := New(Options{}).Scan([]byte(body))
	if len(d.Links) != 2 || d.Links[0].Dest != "hugoref:/docs/languages/go/quickstart" || d.Links[1].Dest != "hugoref:team#anchor" {
		t.Fatalf("links %+v", d.Links)
	}
	if d.Links[1].Line != 2 || d.Links[1].Col != 16 || len(d.Shortcodes) != 0 {
		t.Errorf("second link at %d:%d, shortcodes %v", d.Links[1].Line, d.Links[1].Col, d.Shortcodes)
	}
}

// Shortcode text never reaches the page: a closing tag inside raw HTML
// whose opener is outside it renders nothing, and an address written
// with a shortcode inside ends before it, the shortcode rendering in
// place.
func TestShortcodeTextNeverShown(t *testing.T) {
	body := "{{< cover >}}\n<div class=\"x\">\n<p>in</p>\n</div>\n{{< /cover >}}\n\nSee https://github.com/x/blob/{{< param v >}}/file.md for it.\n"
	e := New(Options{HTML: HTMLUnsafe})
	d, out := e.ScanAll([]byte(body))
	html := string(e.Finalize(d, out.HTML, fakeResolver{}))
	if strings.Contains(html, "{{") || !strings.Contains(html, `<a href="/X/https://github.com/x/blob/">https://github.com/x/blob/</a><div>SC param</div>/file.md`) {
		t.Errorf("%s", html)
	}
}

// Block attributes (Hugo's parser.attribute.block): a line of attributes
// after a block applies to it; in safe mode only id, class, title, lang
// and dir are kept; without the option the line stays text.
func TestBlockAttributes(t *testing.T) {
	body := "![logo](logo.png)\n{style=\"max-width: 50%;\" .wide}\n\n| a |\n| - |\n| 1 |\n{.table-x #t1}\n\nText {not attributes} here.\n"
	for _, c := range []struct {
		opts Options
		want []string
		not  []string
	}{
		{Options{BlockAttributes: true}, []string{`<p class="wide"><img`, `<table class="table-x" id="t1" tabindex="0">`, "Text {not attributes} here."}, []string{"style=", "{style"}},
		{Options{BlockAttributes: true, HTML: HTMLUnsafe}, []string{`style="max-width: 50%;"`, `<table class="table-x" id="t1" tabindex="0">`}, []string{"{style"}},
		{Options{}, []string{"{style="}, []string{`class="wide"`}},
	} {
		e := New(c.opts)
		d, out := e.ScanAll([]byte(body))
		if c.opts.BlockAttributes && strings.Join(d.Anchors, " ") != "t1" {
			t.Errorf("%+v: anchors %v, want t1", c.opts, d.Anchors)
		}
		html := string(e.Finalize(d, out.HTML, fakeResolver{}))
		for _, w := range c.want {
			if !strings.Contains(html, w) {
				t.Errorf("%+v: missing %q in\n%s", c.opts, w, html)
			}
		}
		for _, w := range c.not {
			if strings.Contains(html, w) {
				t.Errorf("%+v: %q in\n%s", c.opts, w, html)
			}
		}
	}
}
