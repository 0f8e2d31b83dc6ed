package markdown

import (
	"regexp"
	"strings"
	"testing"
)

func TestParseTag(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // name|closing|self|percent|args, or "error: fragment"
	}{
		{`{{< youtube "dQw4w9WgXcQ" >}}`, `youtube|false|false|false|="dQw4w9WgXcQ"`},
		{`{{< youtube id="x" title="A \"q\"" >}}`, `youtube|false|false|false|id="x" title="A "q""`},
		{"{{< figure\n  src=\"a.png\"\n  alt=`raw \"x\"` >}}", `figure|false|false|false|src="a.png" alt="raw "x""`},
		{`{{% alert title="T" %}}`, `alert|false|false|true|title="T"`},
		{`{{< /details >}}`, `details|true|false|false|`},
		{`{{< br />}}`, `br|false|true|false|`},
		{`{{< tier Gold 2 >}}`, `tier|false|false|false|="Gold" ="2"`},
		{`{{</* youtube "id" */>}}`, `literal {{< youtube "id" >}}`},
		{`{{< youtube "abc >}}`, `error: unterminated string`},
		{`{{< youtube id="x" "y" >}}`, `error: mixes named and positional`},
		{`{{< alert %}}`, `error: must close with >}}`},
		{`{{< >}}`, `error: expected a shortcode name`},
		{"{{< alert\n\nmore", `error: unclosed shortcode alert`},
		{`{{< /details x >}}`, `error: a closing tag takes no arguments`},
		{`{{< a b"c >}}`, `error: a quote inside an unquoted value`},
	} {
		t.Run(c.in, func(t *testing.T) {
			tg, n, err := parseTag([]byte(c.in))
			var got string
			switch {
			case err != nil:
				got = "error: " + err.msg
			case tg.literal != nil:
				got = "literal " + string(tg.literal)
			default:
				var args []string
				for _, a := range tg.args {
					args = append(args, a.name+`="`+a.value+`"`)
				}
				got = strings.Join([]string{tg.name, bool2s(tg.closing), bool2s(tg.selfClosing), bool2s(tg.percent), strings.Join(args, " ")}, "|")
				if n != len(c.in) {
					t.Errorf("consumed %d of %d bytes", n, len(c.in))
				}
			}
			if !strings.HasPrefix(got, c.want) && !(strings.HasPrefix(c.want, "error: ") && strings.Contains(got, strings.TrimPrefix(c.want, "error: "))) {
				t.Errorf("parseTag(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func bool2s(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Pairing: inner content between tags, nested pairs, and tags that close
// nothing.
func TestShortcodePairs(t *testing.T) {
	body := "{{< details \"Q\" >}}\nOuter {{< b >}}bold{{< /b >}}.\n\n{{% note %}}\nIn **note**.\n{{% /note %}}\n{{< /details >}}\n\nAfter {{< /nothing >}}.\n"
	e := New(Options{})
	doc, html := e.ScanAll([]byte(body))
	if len(doc.Shortcodes) != 3 || !doc.Shortcodes[0].Paired || !doc.Shortcodes[1].Paired || !doc.Shortcodes[2].Paired {
		t.Fatalf("shortcodes = %+v", doc.Shortcodes)
	}
	if len(doc.ShortcodeErrors) != 1 || !strings.Contains(doc.ShortcodeErrors[0].Message, "/nothing") || doc.ShortcodeErrors[0].Line != 9 {
		t.Errorf("errors = %+v", doc.ShortcodeErrors)
	}
	out := string(e.Finalize(doc, html.HTML, fakeResolver{}))
	want := "<div>SC details:\n<p>Outer <div>SC b:bold</div>.</p>\n<div>SC note:\n<p>In <strong>note</strong>.</p>\n</div>\n</div>\n<p>After .</p>\n"
	if out != want {
		t.Errorf("rendered\n%q\nwant\n%q", out, want)
	}
	if doc.Description != "After ." {
		t.Errorf("description %q comes from inside a shortcode", doc.Description)
	}
}

// tagInOutput is a shortcode tag as HTML would carry it unescaped.
var tagInOutput = regexp.MustCompile(`\{\{<\s*/?[A-Za-z][^<>]*>\}\}`)

func FuzzShortcodes(f *testing.F) {
	for _, s := range []string{"{{< a >}}x{{< /a >}}", "{{% b c=\"d\" %}}\n\ntext\n{{% /b %}}", "{{</* x */>}}", "{{< a\n b=`c` >}}", "{{< /a >}}{{< a >}}", "{{<", "{{%"} {
		f.Add(s)
	}
	e := New(Options{})
	f.Fuzz(func(t *testing.T, s string) {
		doc, html := e.ScanAll([]byte(s))
		out := e.Finalize(doc, html.HTML, fakeResolver{})
		if tagInOutput.Match(out) || strings.Contains(string(out), "<!--pdsc") {
			t.Fatalf("a tag or placeholder reached the output of %q:\n%s", s, out)
		}
	})
}

func TestGitHubCallouts(t *testing.T) {
	e := New(Options{})
	out, _ := e.Render([]byte("> [!WARNING]\n> Claims after **45 days** are refused.\n\n> [!TIP]\n>\n> Second paragraph.\n\n> [!NOPE]\n> A quote.\n"), fakeResolver{})
	for _, want := range []string{
		`<div class="callout callout-warning" role="note"><p class="callout-title">Warning</p>`,
		`Claims after <strong>45 days</strong> are refused.`,
		`<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>`,
		`<p>Second paragraph.</p>`,
		"<blockquote>\n<p>[!NOPE]",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "[!WARNING]") || strings.Contains(string(out), "[!TIP]") {
		t.Errorf("the marker reached the page:\n%s", out)
	}
}
