// Command gencorpus writes a generated partnerdocs site (and optionally the
// same pages as a Hugo site) for benchmarks:
//
//	go run ./cmd/gencorpus -pages 10000 -seed 1 -out /tmp/corpus -hugo /tmp/corpus-hugo
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/partnerdocs/partnerdocs/internal/corpus"
)

func main() {
	o := corpus.Options{}
	flag.IntVar(&o.Pages, "pages", 1000, "number of pages")
	flag.Int64Var(&o.Seed, "seed", 1, "random seed; the same seed gives the same corpus")
	flag.StringVar(&o.Dir, "out", "corpus", "folder for the partnerdocs site")
	flag.StringVar(&o.Hugo, "hugo", "", "folder for the same pages as a Hugo site (optional)")
	flag.IntVar(&o.Bytes, "bytes", 0, "pad each page's body to about this many bytes (0: 3-4 KB)")
	flag.IntVar(&o.Broken, "broken", 0, "add this many broken links (for measuring check on a broken site)")
	flag.IntVar(&o.Sections, "sections", 0, "spread the generic pages over this many folders (0: 50 pages a folder)")
	like := flag.String("like", "", "pad pages in the shape of the Markdown below this folder (its lists, tables, code, links and vocabulary) instead of plain paragraphs")
	flag.Parse()
	if *like != "" {
		s, err := corpus.Measure(*like)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		fmt.Println("shape of", *like+":", s)
		o.Shape = &s
	}
	if err := corpus.Generate(o); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
