package markdown

import (
	"strings"
	"testing"
)

// Raw HTML's links and anchors are read as a browser reads the tags: a
// link inside a comment is none, data-href is none, and bare and
// single-quoted values are links (a bare one was published unchecked).
func TestRawHTMLLinksAsABrowserReadsThem(t *testing.T) {
	body := "<div>\n<!-- <a href=\"old.md\">gone</a> -->\n<a href=missing.md>bare</a>\n<a href='single.md' data-href=\"nope.md\">single</a>\n<img\n  src=\"logo.png\" alt=x>\n<span id=bare-id></span><a name='n1'>n</a><p name=\"not-a\"></p>\n</div>\n"
	d := New(Options{HTML: HTMLUnsafe}).Scan([]byte(body))
	var dests []string
	for _, l := range d.Links {
		dests = append(dests, l.Dest)
		if !strings.HasPrefix(body[l.Offset:], l.Dest) {
			t.Errorf("%q at offset %d, where the body has %.20q", l.Dest, l.Offset, body[l.Offset:])
		}
	}
	if got := strings.Join(dests, " "); got != "missing.md single.md logo.png" {
		t.Errorf("links %q, want missing.md single.md logo.png", got)
	}
	if got := strings.Join(d.Anchors, " "); got != "bare-id n1" {
		t.Errorf("anchors %q, want bare-id n1", got)
	}
	// The tag over two lines is found at its line.
	for _, l := range d.Links {
		if l.Dest == "logo.png" && l.Line != 6 {
			t.Errorf("logo.png at line %d, want 6", l.Line)
		}
	}
}

// A bare value is rewritten quoted; comments keep what they hold.
func TestRewriteBareValues(t *testing.T) {
	in := `<a href=a.md>x</a><!-- <a href="b.md"> --><img src='c.png'>`
	got := string(rewriteHTML([]byte(in), mapLinker{"a.md": "/a/ b", "b.md": "/b/", "c.png": "/c.png"}))
	want := `<a href="/a/ b">x</a><!-- <a href="b.md"> --><img src='/c.png'>`
	if got != want {
		t.Errorf("rewriteHTML:\n got %s\nwant %s", got, want)
	}
}

type mapLinker map[string]string

func (m mapLinker) Link(dest string, kind LinkKind) (string, bool) {
	v, ok := m[dest]
	return v, ok
}

// FuzzEachAttr: every attribute eachAttr reports lies inside the input,
// in order, and a rewrite that maps each address to itself leaves HTML
// whose addresses, read again, are the same.
func FuzzEachAttr(f *testing.F) {
	f.Add([]byte(`<a href=x.md id='y' data-href="z">t</a><!-- <a href="c"> -->`))
	f.Add([]byte("<img\n src = \"a b.png\" / ><script>var s='<a href=x>'</script>"))
	f.Add([]byte(`<a =x href="'" src='"'>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		last := 0
		eachAttr(b, func(a tagAttr) {
			if a.Start < last || a.End < a.Start || a.End > len(b) {
				t.Fatalf("attribute %+v out of order or range (last %d, len %d)", a, last, len(b))
			}
			last = a.End
		})
		before, after := HTMLLinks(b), HTMLLinks(rewriteHTML(b, identity{}))
		if len(before) != len(after) {
			t.Fatalf("%d links before the rewrite, %d after: %q", len(before), len(after), b)
		}
		for i := range before {
			if before[i].Dest != after[i].Dest || before[i].Kind != after[i].Kind {
				t.Fatalf("link %d was %q, is %q after the rewrite", i, before[i].Dest, after[i].Dest)
			}
		}
	})
}

type identity struct{}

func (identity) Link(dest string, kind LinkKind) (string, bool) { return dest, true }
