package markdown

import (
	"bytes"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
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
	// Every page of the example portal.
	root := filepath.Join("..", "..", "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, rerr := os.ReadFile(p)
			if rerr != nil {
				return rerr
			}
			inputs = append(inputs, b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Random text built from the pieces linkify reacts to.
	pieces := []string{" ", "\n", "\t", "(", ")", "*", "_", "~", "@", ".", "-", "a", "bob", "x.y",
		"http://", "https://", "ftp://", "www.", "HTTP://", "mailto:", "example.com", "a@b.co",
		"sales@tidewater.example", "&amp;", ";", "?", "!", ",", ":", "[", "](", "<", ">", "`", "é",
		strings.Repeat("l", 70), "h", "f", "w"}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var sb strings.Builder
		for range 1 + rng.Intn(12) {
			sb.WriteString(pieces[rng.Intn(len(pieces))])
		}
		inputs = append(inputs, []byte(sb.String()))
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
		want, got := linkifyPair(t, src)
		if want != got {
			t.Fatalf("input %q:\n goldmark %q\n quick    %q", src, want, got)
		}
	})
}
