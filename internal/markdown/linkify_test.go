package markdown

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// linkifyPair renders src with goldmark's GFM and with the same set
// where quickLinkify stands in for linkify.
func linkifyPair(t testing.TB, src []byte) (want, got string) {
	t.Helper()
	var a, b bytes.Buffer
	if err := linkifyGFM.Convert(src, &a); err != nil {
		t.Fatal(err)
	}
	if err := linkifyQuick.Convert(src, &b); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String()
}

var (
	linkifyGFM   = goldmark.New(goldmark.WithExtensions(extension.GFM))
	linkifyQuick = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(newQuickLinkify(), 999))),
	)
)

func TestQuickLinkifyMatches(t *testing.T) {
	var inputs [][]byte
	// Every page of the example portal, and random text built from the
	// pieces linkify reacts to.
	for _, pg := range examplePages(t) {
		inputs = append(inputs, pg.src)
	}
	pieces := []string{" ", "\n", "\t", "(", ")", "*", "_", "~", "@", ".", "-", "a", "bob", "x.y",
		"http://", "https://", "ftp://", "www.", "HTTP://", "mailto:", "example.com", "a@b.co",
		"sales@tidewater.example", "&amp;", ";", "?", "!", ",", ":", "[", "](", "<", ">", "`", "é",
		strings.Repeat("l", 70), "h", "f", "w"}
	for _, s := range randomTexts(1, 20000, 12, pieces) {
		inputs = append(inputs, []byte(s))
	}
	links := 0
	for _, in := range inputs {
		want, got := linkifyPair(t, in)
		if want != got {
			t.Fatalf("input %q:\n goldmark %q\n quick    %q", in, want, got)
		}
		links += strings.Count(want, "<a href")
	}
	// Guard against a comparison of two outputs without any bare link.
	if links < 1000 {
		t.Fatalf("only %d links in the compared outputs", links)
	}
}

func FuzzQuickLinkify(f *testing.F) {
	for _, s := range []string{"see https://x.y/a_(b) now", "mail bob@x.co.", "(www.a.b)", "*ftp://f.g*", "a@b"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if bytes.Contains(src, []byte("{{")) {
			// An address that runs into a shortcode ends before it, where
			// GFM's would take the braces in (TestShortcodeEndsAddress).
			return
		}
		want, got := linkifyPair(t, src)
		if want != got {
			t.Fatalf("input %q:\n goldmark %q\n quick    %q", src, want, got)
		}
	})
}

// A body with no URL prefix and no '@' is parsed without linkify; the
// scan, its text and its HTML must be what the parser with linkify gives.
func TestPlainParserSameWithoutURLs(t *testing.T) {
	strip := strings.NewReplacer("http", "htp", "ftp:", "ft:", "www.", "ww.", "@", " at ")
	var inputs [][]byte
	for _, pg := range examplePages(t) {
		inputs = append(inputs, []byte(strip.Replace(string(pg.src))))
	}
	pieces := []string{" ", "\n", "\n\n", "\t", "(", ")", "*", "**", "_", "~~", ".", "-", "a", "bob", "x.y", "é",
		"[a](b.md)", "![i](p.png)", "<b.md>", "`c`", "# H", "> q", "- li", "1. n", "| a | b |\n|---|---|\n| c | d |",
		"{{< note >}}", "{{< /note >}}", "[^1]", "[^1]: f", "<span>x</span>", "[r]", "[r]: /x", "\\*", "&amp;"}
	for _, s := range randomTexts(2, 5000, 16, pieces) {
		inputs = append(inputs, []byte(s))
	}
	for _, in := range inputs {
		if mayLinkify(in) {
			t.Fatalf("input still holds a linkify prefix: %q", in)
		}
		samePlainParse(t, in)
	}
}

// samePlainParse fails when src, parsed without linkify (as the engine
// does for it), scans or renders differently from src parsed with it.
// They may differ in one way a reader never sees: goldmark keeps a
// carriage return before " \n" in the text when linkify stopped at the
// space, and drops it otherwise; so the HTML is compared without carriage
// returns and the search text's sections word by word.
func samePlainParse(t *testing.T, src []byte) {
	t.Helper()
	e := New(Options{})
	always := *e
	always.plain = e.md.Parser() // linkify for every body
	d1, o1 := e.ScanAll(src)
	d2, o2 := always.ScanAll(src)
	words := func(d *Doc, o Output) []Section {
		secs := Sections(d, o)
		for i := range secs {
			secs[i].Text = strings.Join(strings.Fields(secs[i].Text), " ")
		}
		return secs
	}
	noCR := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r"), nil) }
	if !reflect.DeepEqual(d1, d2) || !bytes.Equal(noCR(o1.HTML), noCR(o2.HTML)) || !reflect.DeepEqual(words(d1, o1), words(d2, o2)) {
		t.Fatalf("input %q:\nwith linkify    %+v %q\n%s\nwithout linkify %+v %q\n%s", src, d2, o2.Text, o2.HTML, d1, o1.Text, o1.HTML)
	}
}

func FuzzPlainParse(f *testing.F) {
	for _, s := range []string{"a [b](c.md) *d* `e`", "x (y) z\n\n> q [r]", "| a |\n|---|\n| [b](c) |", "{{< note >}}\nx\n{{< /note >}}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if mayLinkify(src) {
			return // parsed with linkify: nothing to compare
		}
		samePlainParse(t, src)
	})
}

// TestShortcodeEndsAddress: a bare address that runs into a shortcode
// ends before it, when what comes before is an address GFM would link
// whole; a scheme or a host alone stays text.
func TestShortcodeEndsAddress(t *testing.T) {
	for in, want := range map[string]string{
		"https://x.example/blob/{{< v >}}/a": `<a href="https://x.example/blob/">https://x.example/blob/</a>{{`,
		"see www.x.example/{{< v >}}":        `see <a href="http://www.x.example/">www.x.example/</a>{{`,
		"ftp:{{":                             `<p>ftp:{{</p>`,
		"https:{{< v >}}":                    `<p>https:{{`,
		"www.{{< v >}}":                      `<p>www.{{`,
		"httpfoo{{< v >}}":                   `<p>httpfoo{{`,
	} {
		var b bytes.Buffer
		if err := linkifyQuick.Convert([]byte(in), &b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%q: %q, want %q in it", in, b.String(), want)
		}
	}
}
