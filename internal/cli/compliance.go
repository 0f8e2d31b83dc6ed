package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/compliance"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
)

func complianceCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var version, partners, format, output string
	var template bool
	cmd := &cobra.Command{
		Use:   "compliance PROGRAM",
		Short: "Check partners' figures against a program's tiers (the tier review)",
		Long: `Reads a CSV with a partner column, an optional tier column and one column
per requirement row (named by the row ids of matrix.json), and says for each
partner the highest tier it qualifies for, its status (ok, upgrade, at-risk,
none) and what it lacks. --template prints the header to start from.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "csv", "json":
			default:
				fmt.Fprintln(stderr, "partnerdocs: --format must be text, csv or json")
				return exitError{int(build.UsageErr)}
			}
			if !template && partners == "" {
				fmt.Fprintln(stderr, "partnerdocs: --partners FILE.csv is required (or --template to print its header)")
				return exitError{int(build.UsageErr)}
			}
			doc, lang, err := programDoc(f, version, args[0], stderr)
			if err != nil {
				return err
			}
			if template {
				_, _ = stdout.Write(compliance.Template(doc))
				return nil
			}
			return review(doc, lang, partners, format, output, stdout, stderr)
		},
	}
	sourceFlag(cmd, &f.source)
	cmd.Flags().StringVar(&f.audience, "audience", "internal", "public, partner or internal")
	cmd.Flags().StringVar(&version, "version", "", "version (default: the latest)")
	cmd.Flags().StringVar(&partners, "partners", "", "the partners' figures, as CSV")
	cmd.Flags().StringVar(&format, "format", "text", "text, csv or json")
	cmd.Flags().StringVar(&output, "output", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&template, "template", false, "print the partners file's header and an example row")
	return cmd
}

// programDoc loads the site and gives a program's matrix.json document,
// and the site's language (a partners file writes figures its way).
func programDoc(f buildFlags, version, id string, stderr io.Writer) (*matrix.Export, string, error) {
	opts := f.options()
	opts.CheckOnly = true
	res := build.Run(opts)
	if res.Outcome == build.UsageErr || res.Outcome == build.InternalErr {
		return nil, "", failed(stderr, res)
	}
	if res.Outcome == build.ContentErr {
		// A review against broken tiers would mislead: show why instead.
		_ = diag.WriteText(stderr, res.Diags.Items())
		return nil, "", exitError{int(build.ContentErr)}
	}
	s := res.Site
	v := s.Latest
	if version != "" {
		if v = s.Version(version); v == nil {
			fmt.Fprintf(stderr, "partnerdocs: no version %q\n", version)
			return nil, "", exitError{int(build.UsageErr)}
		}
	}
	m := res.Models[v.Name]
	pr := findProgram(m, id)
	if pr == nil || len(pr.Tiers) == 0 {
		var ids []string
		for _, p := range m.Programs {
			ids = append(ids, p.ID)
		}
		fmt.Fprintf(stderr, "partnerdocs: no program %q with tiers in %s (programs: %s)\n", id, v.Name, strings.Join(ids, ", "))
		return nil, "", exitError{int(build.UsageErr)}
	}
	doc := matrix.Build(m, pr, matrix.Options{Requirements: true, Words: s.Words}).Export(s.Config.BasePath)
	return &doc, s.Config.Language, nil
}

// review evaluates every partner, or writes nothing when the file has a
// problem.
func review(doc *matrix.Export, lang, partners, format, output string, stdout, stderr io.Writer) error {
	fh, err := os.Open(partners)
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.UsageErr)}
	}
	defer fh.Close()
	var diags diag.List
	ps := compliance.ReadPartners(doc, lang, partners, fh, &diags)
	if diags.HasErrors() {
		_ = diag.WriteText(stderr, diags.Items())
		return exitError{int(build.ContentErr)}
	}
	var rs []compliance.Result
	for _, p := range ps {
		rs = append(rs, compliance.Evaluate(doc, p))
	}
	var out []byte
	switch format {
	case "csv":
		out = compliance.CSV(rs)
	case "json":
		out = compliance.JSON(rs)
	default:
		out = compliance.Text(rs)
	}
	if output == "" {
		_, _ = stdout.Write(out)
		return nil
	}
	// Whole or not at all: a half-written review would be read as done.
	tmp, err := os.CreateTemp(filepath.Dir(output), ".compliance-*")
	if err == nil {
		_, err = tmp.Write(out)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), output)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.InternalErr)}
	}
	return nil
}
