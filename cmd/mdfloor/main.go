// Command mdfloor measures the Markdown floor of a site: the time goldmark
// alone takes to parse and render every page body, in parallel over the
// cores, with the same extensions partnerdocs uses. A build cannot be
// faster than this; docs/BENCHMARKS.md reports builds as a ratio to it.
//
//	go run ./cmd/mdfloor -dir corpus/content
//
// With -scan it parses only, as check does: the floor of check. With
// -blocks it parses the block structure only (goldmark with no inline
// parsers) and finds link destinations in the lines of paragraphs,
// headings and list items with a byte search: what a check that skips
// inline parsing would cost at best. It is a measurement, not a checker:
// it does not know code spans, escapes or reference definitions.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func main() {
	dir := flag.String("dir", "content", "folder of Markdown pages")
	scan := flag.Bool("scan", false, "parse only, as check does (headings and links, no HTML)")
	blocks := flag.Bool("blocks", false, "parse block structure only and find links by a byte search (the floor of a lighter check)")
	flag.Parse()
	var bodies [][]byte
	err := filepath.WalkDir(*dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// Skip the front matter: the floor is the Markdown alone.
		if bytes.HasPrefix(b, []byte("---\n")) {
			if i := bytes.Index(b[4:], []byte("\n---\n")); i >= 0 {
				b = b[4+i+5:]
			}
		}
		bodies = append(bodies, b)
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "mdfloor:", err)
		os.Exit(1)
	}
	engine := markdown.New(markdown.Options{NoHTML: *scan})
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan []byte, 64)
	var total int64
	var mu sync.Mutex
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var n int64
			bp := blockParser()
			for b := range next {
				if *blocks {
					n += int64(blockLinks(bp, b))
					continue
				}
				if *scan {
					n += int64(len(engine.Scan(b).Links))
					continue
				}
				out, _ := engine.Render(b, nil)
				n += int64(len(out))
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	for _, b := range bodies {
		next <- b
	}
	close(next)
	wg.Wait()
	if *scan || *blocks {
		fmt.Printf("%d pages, %d links, %d ms\n", len(bodies), total, time.Since(start).Milliseconds())
		return
	}
	fmt.Printf("%d pages, %.1f MB of HTML, %d ms\n", len(bodies), float64(total)/1e6, time.Since(start).Milliseconds())
}

// blockParser is goldmark's parser with its block parsers and no inline
// ones: paragraphs stay unparsed lines.
func blockParser() parser.Parser {
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...), parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
}

// blockLinks parses b's blocks and counts "](" and "<http" in the lines
// of the blocks that hold inline text, and the headings.
func blockLinks(p parser.Parser, b []byte) int {
	root := p.Parse(text.NewReader(b))
	n := 0
	_ = ast.Walk(root, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch node.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			lines := node.Lines()
			for i := 0; i < lines.Len(); i++ {
				at := lines.At(i)
				seg := at.Value(b)
				n += bytes.Count(seg, []byte("](")) + bytes.Count(seg, []byte("<http"))
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return n
}
