// Command mdfloor measures the Markdown floor of a site: the time goldmark
// alone takes to parse and render every page body, in parallel over the
// cores, with the same extensions partnerdocs uses. A build cannot be
// faster than this; docs/BENCHMARKS.md reports builds as a ratio to it.
//
//	go run ./cmd/mdfloor -dir corpus/content
//
// With -scan it parses only, as check does: the floor of check.
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
)

func main() {
	dir := flag.String("dir", "content", "folder of Markdown pages")
	scan := flag.Bool("scan", false, "parse only, as check does (headings and links, no HTML)")
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
			for b := range next {
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
	if *scan {
		fmt.Printf("%d pages, %d links, %d ms\n", len(bodies), total, time.Since(start).Milliseconds())
		return
	}
	fmt.Printf("%d pages, %.1f MB of HTML, %d ms\n", len(bodies), float64(total)/1e6, time.Since(start).Milliseconds())
}
