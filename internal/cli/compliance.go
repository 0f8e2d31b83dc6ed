package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/compliance"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

func complianceCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var r reviewFlags
	var template bool
	cmd := &cobra.Command{
		Use:   "compliance PROGRAM",
		Short: "Check partners' figures against a program's tiers (the tier review)",
		Long: `Reads a CSV with a partner column, an optional tier column, an optional
region column and one column per requirement row (named by the row ids of
matrix.json), and says for each partner the highest tier it qualifies for,
its status (ok, upgrade, at-risk, none) and what it lacks. --template prints
the header to start from. --html DIR writes the review as a report for the
quarterly business review (index.html with charts, review.csv and
review.json); --previous names the last review's file, for what moved.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch r.format {
			case "text", "csv", "json":
			default:
				fmt.Fprintln(stderr, "partnerdocs: --format must be text, csv or json")
				return exitError{int(build.UsageErr)}
			}
			if !template && r.partners == "" {
				fmt.Fprintln(stderr, "partnerdocs: --partners FILE.csv is required (or --template to print its header)")
				return exitError{int(build.UsageErr)}
			}
			if r.previous != "" && r.html == "" {
				fmt.Fprintln(stderr, "partnerdocs: --previous goes with --html (the report shows what moved)")
				return exitError{int(build.UsageErr)}
			}
			p, err := programDoc(f, r.version, args[0], stderr)
			if err != nil {
				return err
			}
			if template {
				_, _ = stdout.Write(compliance.Template(p.doc))
				return nil
			}
			return r.review(p, stdout, stderr)
		},
	}
	sourceFlag(cmd, &f.source)
	cmd.Flags().StringVar(&f.audience, "audience", "internal", "public, partner or internal")
	cmd.Flags().StringVar(&r.version, "version", "", "version (default: the latest)")
	cmd.Flags().StringVar(&r.partners, "partners", "", "the partners' figures, as CSV")
	cmd.Flags().StringVar(&r.previous, "previous", "", "the last review's partners file, for what moved since (with --html)")
	cmd.Flags().StringVar(&r.format, "format", "text", "text, csv or json")
	cmd.Flags().StringVar(&r.output, "output", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&r.html, "html", "", "write the review as a report into this folder (index.html, review.csv, review.json)")
	cmd.Flags().BoolVar(&template, "template", false, "print the partners file's header and an example row")
	return cmd
}

// reviewFlags are the compliance command's flags for a review.
type reviewFlags struct {
	version, partners, previous, format, output, html string
}

// program is what a review needs of the site: a program's matrix.json
// document, the site's language (a partners file writes figures its
// way), its regions and words, and the program year's label.
type program struct {
	doc     *matrix.Export
	lang    string
	regions []string
	words   *words.Table
	label   string
}

// programDoc loads the site and gives a program's review context.
func programDoc(f buildFlags, version, id string, stderr io.Writer) (*program, error) {
	opts := f.options()
	opts.CheckOnly = true
	res := build.Run(opts)
	if res.Outcome == build.UsageErr || res.Outcome == build.InternalErr {
		return nil, failed(stderr, res)
	}
	if res.Outcome == build.ContentErr {
		// A review against broken tiers would mislead: show why instead.
		_ = diag.WriteText(stderr, res.Diags.Items())
		return nil, exitError{int(build.ContentErr)}
	}
	s := res.Site
	v := s.Latest
	if version != "" {
		if v = s.Version(version); v == nil {
			fmt.Fprintf(stderr, "partnerdocs: no version %q\n", version)
			return nil, exitError{int(build.UsageErr)}
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
		return nil, exitError{int(build.UsageErr)}
	}
	doc := matrix.Build(m, pr, matrix.Options{Requirements: true, Words: s.Words}).Export(s.Config.BasePath)
	return &program{doc: &doc, lang: s.Config.Language, regions: s.Config.Regions, words: s.Words, label: v.Label}, nil
}

// read reads and evaluates a partners file; every problem of the file is
// printed, and it returns an error then.
func (p *program) read(file string, stderr io.Writer) ([]compliance.Result, error) {
	fh, err := os.Open(file)
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return nil, exitError{int(build.UsageErr)}
	}
	defer fh.Close()
	var diags diag.List
	ps := compliance.ReadPartners(p.doc, p.lang, file, fh, &diags)
	for _, x := range ps {
		if x.Region != "" && !slices.Contains(p.regions, x.Region) {
			diags.Add(diag.Diagnostic{File: file, Line: x.Line, Column: 1, Severity: diag.Error, Rule: diag.RulePartnersInput,
				Message:    fmt.Sprintf("region %q is not one of the site's regions (%s)", x.Region, strings.Join(p.regions, ", ")),
				Suggestion: diag.Suggest(x.Region, p.regions)})
		}
	}
	if diags.HasErrors() {
		_ = diag.WriteText(stderr, diags.Items())
		return nil, exitError{int(build.ContentErr)}
	}
	var rs []compliance.Result
	for _, x := range ps {
		rs = append(rs, compliance.Evaluate(p.doc, x))
	}
	return rs, nil
}

// review evaluates every partner, or writes nothing when the file has a
// problem.
func (r *reviewFlags) review(p *program, stdout, stderr io.Writer) error {
	rs, err := p.read(r.partners, stderr)
	if err != nil {
		return err
	}
	if r.html != "" {
		return r.report(p, rs, stdout, stderr)
	}
	var out []byte
	switch r.format {
	case "csv":
		out = compliance.CSV(rs)
	case "json":
		out = compliance.JSON(rs)
	default:
		out = compliance.Text(rs)
	}
	if r.output == "" {
		_, _ = stdout.Write(out)
		return nil
	}
	// Whole or not at all: a half-written review would be read as done.
	if err := writeWhole(r.output, out); err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.InternalErr)}
	}
	return nil
}

// report writes the review as a report: index.html, review.csv and
// review.json in the folder --html names.
func (r *reviewFlags) report(p *program, rs []compliance.Result, stdout, stderr io.Writer) error {
	var previous []compliance.Result
	if r.previous != "" {
		var err error
		if previous, err = p.read(r.previous, stderr); err != nil {
			return err
		}
		if previous == nil {
			previous = []compliance.Result{}
		}
	}
	rev := compliance.NewReview(p.doc, p.label, rs, previous)
	page, err := rev.HTML(p.words)
	if err == nil {
		err = os.MkdirAll(r.html, 0o755)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"review.csv", compliance.CSV(rs)}, {"review.json", rev.JSON()}, {"index.html", page}} {
		if err == nil {
			err = writeWhole(filepath.Join(r.html, f.name), f.data)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.InternalErr)}
	}
	fmt.Fprintf(stdout, "%s: the review of %d partners (index.html, review.csv, review.json)\n", r.html, len(rs))
	return nil
}

// writeWhole writes a file whole or not at all, through a temporary file
// beside it.
func writeWhole(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".compliance-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		// A report is shared: readable as any file the tool writes.
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
