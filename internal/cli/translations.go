package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/spf13/cobra"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/diag"
)

// translationStatus is one language's state in one version.
type translationStatus struct {
	Language   string   `json:"language"`
	Version    string   `json:"version"`
	Pages      int      `json:"pages"`
	Translated int      `json:"translated"`
	Missing    []string `json:"missing"`
	Stale      []string `json:"stale"`
}

// translationStatuses is each language's state (but the default's) in
// each version, the portal included, from a check's site and findings.
func translationStatuses(res *build.Result) []translationStatus {
	cfg := res.Site.Config
	stale := map[string]bool{}
	for _, d := range res.Diags.Items() {
		if d.Rule == diag.RuleTranslationStale {
			stale[d.File] = true
		}
	}
	out := []translationStatus{}
	if !cfg.Multilingual() {
		return out
	}
	for _, l := range cfg.Languages[1:] {
		for _, v := range res.Site.All() {
			st := translationStatus{Language: l.Code, Version: v.Name, Pages: len(v.Pages), Missing: []string{}, Stale: []string{}}
			if st.Version == "" {
				st.Version = "portal"
			}
			trs := v.Translations[l.Code]
			for _, p := range v.Pages {
				t := trs[p.Rel]
				switch {
				case t == nil:
					st.Missing = append(st.Missing, p.Source)
				case stale[t.Source]:
					st.Translated++
					st.Stale = append(st.Stale, t.Source)
				default:
					st.Translated++
				}
			}
			sort.Strings(st.Missing)
			sort.Strings(st.Stale)
			out = append(out, st)
		}
	}
	return out
}

func translationsCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var format string
	cmd := &cobra.Command{
		Use:   "translations",
		Short: "Per language and program year: pages translated, missing and stale",
		Long: `Lists, for each language but the default and each version (the portal
included), how many pages are translated, which have no translation (they
are published in the default language with a notice), and which are stale:
their source was committed after them (from Git history; none outside a
repository). Audience rules apply as in a build.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				fmt.Fprintln(stderr, "partnerdocs: --format must be text or json")
				return exitError{int(build.UsageErr)}
			}
			res := build.Check(f.options())
			if res.Site == nil || res.Outcome == build.UsageErr || res.Outcome == build.InternalErr {
				return failed(stderr, res)
			}
			out := translationStatuses(res)
			if format == "json" {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			if len(out) == 0 {
				fmt.Fprintln(stdout, "The site has one language; languages in config.yaml adds others.")
				return nil
			}
			for _, st := range out {
				fmt.Fprintf(stdout, "%s %-8s %3d of %3d pages translated, %3d missing, %d stale\n", st.Language, st.Version, st.Translated, st.Pages, len(st.Missing), len(st.Stale))
				for _, s := range st.Stale {
					fmt.Fprintf(stdout, "    stale: %s\n", s)
				}
			}
			return nil
		},
	}
	sourceFlag(cmd, &f.source)
	audienceFlag(cmd, &f.audience)
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}
