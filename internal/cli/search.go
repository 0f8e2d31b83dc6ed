package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/spf13/cobra"
)

var markRe = regexp.MustCompile(`</?mark>`)

func searchCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var version, kind, program, language string
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the site from the command line",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if q := strings.Join(args, " "); len(q) > search.MaxQueryBytes {
				fmt.Fprintf(stderr, "partnerdocs: the query is %d bytes long; at most %d are searched\n", len(q), search.MaxQueryBytes)
				return exitError{int(build.UsageErr)}
			}
			cfg, cd := config.Load(f.source)
			if cd.HasErrors() {
				return failed(stderr, &build.Result{Diags: cd, Outcome: build.UsageErr})
			}
			indexDir, prefix, err := languageIndex(cfg, f.audience, language)
			if err != nil {
				fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
				return exitError{int(build.UsageErr)}
			}
			// Answer straight from the index when no source changed since
			// it was built; otherwise validate the site and update it.
			if !search.Fresh(cfg, indexDir) {
				opts := f.options()
				opts.CheckOnly, opts.IndexOnly = true, true
				res := build.Run(opts)
				if res.Outcome != build.OK {
					return failed(stderr, res)
				}
			}
			names := search.OrderFromConfig(cfg)
			defaults := []string{names[0]}
			if cfg.Portal != "" {
				defaults = append(defaults, "portal")
			}
			if version != "" {
				defaults = strings.Split(version, ",")
			}
			s, err := search.Open(indexDir, names)
			if err != nil {
				fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
				return exitError{int(build.InternalErr)}
			}
			defer s.Close()
			r, err := s.Search(search.Query{Q: strings.Join(args, " "), Versions: defaults, Kind: kind, Program: program, Limit: limit, Facets: asJSON})
			if err != nil {
				fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
				return exitError{int(build.UsageErr)}
			}
			// Addresses from the site's root, in every output: a hit in
			// German is under /de/.
			r.InFolder(prefix)
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			if len(r.Hits) == 0 {
				fmt.Fprintf(stdout, "No results for %q.\n", r.Query)
				return nil
			}
			fmt.Fprintf(stdout, "%s for %q\n", plural(int(r.Total), "result"), r.Query)
			if r.Corrected != "" {
				fmt.Fprintf(stdout, "Showing results for %q\n", r.Corrected)
			}
			fmt.Fprintln(stdout)
			for i, h := range r.Hits {
				title := h.Title
				if h.Section != "" {
					title += " › " + h.Section
				}
				fmt.Fprintf(stdout, "%2d. %s  [%s, %s]\n    %s%s\n", i+1, title, h.Kind, h.Version, cfg.BaseURL, h.URL)
				for _, a := range h.Also {
					fmt.Fprintf(stdout, "    also in %s: %s%s\n", a.Version, cfg.BaseURL, a.URL)
				}
				if h.Snippet != "" {
					sn := markRe.ReplaceAllStringFunc(h.Snippet, func(m string) string {
						if m == "<mark>" {
							return "«"
						}
						return "»"
					})
					sn = strings.Join(strings.Fields(unescape(sn)), " ")
					fmt.Fprintf(stdout, "    %s\n", sn)
				}
			}
			return nil
		},
	}
	sourceFlag(cmd, &f.source)
	audienceFlag(cmd, &f.audience)
	cmd.Flags().StringVar(&version, "version", "", "versions to search, comma-separated (default: the latest and the portal)")
	cmd.Flags().StringVar(&kind, "kind", "", "only pages of this kind")
	cmd.Flags().StringVar(&program, "program", "", "only pages of this program (its id)")
	cmd.Flags().IntVar(&limit, "limit", 10, "number of results")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print results and facet counts as JSON")
	cmd.Flags().StringVar(&language, "language", "", "language to search (default: the site's default language)")
	return cmd
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
