package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/spf13/cobra"
)

var markRe = regexp.MustCompile(`</?mark>`)

// searchFlags are the search command's flags.
type searchFlags struct {
	build                                     buildFlags
	version, kind, program, language, queries string
	limit                                     int
	asJSON                                    bool
}

func searchCmd(stdout, stderr io.Writer) *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the site from the command line",
		Long: "Search the site from the command line. With --queries FILE (- for standard input) each line of\n" +
			"the file is a query, answered in turn from one opening of the index; with --json each answer is\n" +
			"then one line of JSON.",
		Args: func(cmd *cobra.Command, args []string) error {
			if f.queries == "" && len(args) == 0 {
				return fmt.Errorf("give a query, or --queries FILE")
			}
			if f.queries != "" && len(args) > 0 {
				return fmt.Errorf("give a query or --queries FILE, not both")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return f.run(cmd.InOrStdin(), stdout, stderr, args) },
	}
	sourceFlag(cmd, &f.build.source)
	audienceFlag(cmd, &f.build.audience)
	cmd.Flags().StringVar(&f.version, "version", "", "versions to search, comma-separated (default: the latest and the portal)")
	cmd.Flags().StringVar(&f.kind, "kind", "", "only pages of this kind")
	cmd.Flags().StringVar(&f.program, "program", "", "only pages of this program (its id)")
	cmd.Flags().IntVar(&f.limit, "limit", 10, "number of results")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print results and facet counts as JSON")
	cmd.Flags().StringVar(&f.language, "language", "", "language to search (default: the site's default language)")
	cmd.Flags().StringVar(&f.queries, "queries", "", "answer each line of this file as a query (- for standard input)")
	return cmd
}

// run answers the query of args, or each line of --queries.
func (f *searchFlags) run(stdin io.Reader, stdout, stderr io.Writer, args []string) error {
	queries, err := f.queryList(stdin, args)
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.UsageErr)}
	}
	cfg, cd := config.Load(f.build.source)
	if cd.HasErrors() {
		return failed(stderr, &build.Result{Diags: cd, Outcome: build.UsageErr})
	}
	indexDir, prefix, err := languageIndex(cfg, f.build.audience, f.language)
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.UsageErr)}
	}
	// Answer straight from the index when no source changed since it was
	// built; otherwise validate the site and update it.
	opts := f.build.options()
	if !search.Fresh(cfg, indexDir, opts.Today) {
		opts.CheckOnly, opts.IndexOnly = true, true
		res := build.Run(opts)
		if res.Outcome != build.OK {
			return failed(stderr, res)
		}
	}
	names := search.OrderFromConfig(cfg)
	versions := []string{names[0]}
	if cfg.Portal != "" {
		versions = append(versions, "portal")
	}
	if f.version != "" {
		versions = strings.Split(f.version, ",")
	}
	s, err := search.Open(indexDir, names)
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.InternalErr)}
	}
	defer s.Close()
	enc := json.NewEncoder(stdout)
	if f.queries == "" {
		enc.SetIndent("", "  ")
	}
	for i, q := range queries {
		r, err := s.Search(search.Query{Q: q, Versions: versions, Kind: f.kind, Program: f.program, Limit: f.limit, Facets: f.asJSON})
		if err != nil {
			fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
			return exitError{int(build.UsageErr)}
		}
		// Addresses from the site's root, in every output: a hit in
		// German is under /de/.
		r.InFolder(prefix)
		if f.asJSON {
			if err := enc.Encode(r); err != nil {
				return err
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		printResults(stdout, cfg.BaseURL, r)
	}
	return nil
}

// queryList is the one query of args, or the lines of --queries (blank
// lines skipped); each within the length a search reads.
func (f *searchFlags) queryList(stdin io.Reader, args []string) ([]string, error) {
	qs := []string{strings.Join(args, " ")}
	if f.queries != "" {
		var b []byte
		var err error
		if f.queries == "-" {
			b, err = io.ReadAll(io.LimitReader(stdin, maxQueriesBytes+1))
		} else {
			b, err = readLimited(f.queries, maxQueriesBytes+1)
		}
		if err != nil {
			return nil, err
		}
		if len(b) > maxQueriesBytes {
			return nil, fmt.Errorf("%s: more than %d bytes of queries", f.queries, maxQueriesBytes)
		}
		qs = nil
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				qs = append(qs, l)
			}
		}
	}
	for n, q := range qs {
		if len(q) > search.MaxQueryBytes {
			where := "the query"
			if f.queries != "" {
				where = fmt.Sprintf("%s: query %d", f.queries, n+1)
			}
			return nil, fmt.Errorf("%s is %d bytes long; at most %d are searched", where, len(q), search.MaxQueryBytes)
		}
	}
	return qs, nil
}

// maxQueriesBytes bounds a --queries file: a relevance set of questions
// is kilobytes.
const maxQueriesBytes = 1 << 20

// readLimited reads at most n bytes of the file at path.
func readLimited(path string, n int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, n))
}

// printResults writes one query's hits as text.
func printResults(w io.Writer, baseURL string, r *search.Results) {
	if len(r.Hits) == 0 {
		fmt.Fprintf(w, "No results for %q.\n", r.Query)
		return
	}
	fmt.Fprintf(w, "%s for %q\n", plural(int(r.Total), "result"), r.Query)
	if r.Corrected != "" {
		fmt.Fprintf(w, "Showing results for %q\n", r.Corrected)
	}
	fmt.Fprintln(w)
	for i, h := range r.Hits {
		title := h.Title
		if h.Section != "" {
			title += " › " + h.Section
		}
		fmt.Fprintf(w, "%2d. %s  [%s, %s]\n    %s%s\n", i+1, title, h.Kind, h.Version, baseURL, h.URL)
		for _, a := range h.Also {
			fmt.Fprintf(w, "    also in %s: %s%s\n", a.Version, baseURL, a.URL)
		}
		if h.Snippet != "" {
			sn := markRe.ReplaceAllStringFunc(h.Snippet, func(m string) string {
				if m == "<mark>" {
					return "«"
				}
				return "»"
			})
			fmt.Fprintf(w, "    %s\n", strings.Join(strings.Fields(unescape(sn)), " "))
		}
	}
}

// languageIndex is where the bleve indexes of a language are (the
// default language's for ""), and the folder of that language's pages
// ("de/"; "" for the default language), which its hits' addresses lack.
func languageIndex(cfg *config.Config, audience, language string) (dir, prefix string, err error) {
	dir = filepath.Join(build.CacheDir(cfg.Root), "search", audience)
	if language == "" || language == cfg.Language {
		return dir, "", nil
	}
	if cfg.Lang(language) == nil {
		codes := cfg.LangCodes()
		if codes == nil {
			codes = []string{cfg.Language}
		}
		return "", "", fmt.Errorf("--language %q is not one of the site's languages (%s)", language, strings.Join(codes, ", "))
	}
	return build.LanguageIndexDir(dir, language), language + "/", nil
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace(s)
}
