package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/pdf"
	"github.com/partnerdocs/partnerdocs/internal/programs"
)

// pdfFlags are the pdf command's flags.
type pdfFlags struct {
	build                                 buildFlags
	version, out, chrome, paper, language string
}

func pdfCmd(stdout, stderr io.Writer) *cobra.Command {
	var f pdfFlags
	cmd := &cobra.Command{
		Use:   "pdf PROGRAM",
		Short: "Print a program's guide to PDF through Chromium",
		Long: `Builds the site in memory and prints the program guide of PROGRAM
(its id, "programs/reseller", or its last part, "reseller") for a program
year (--version; default the latest) through the Chromium or Chrome found
on the machine: the same page as /YEAR/programs/PROGRAM/guide/ in the
portal, with its print styles (a part per page, running header with the
program and year, page numbers). Audience rules apply as in a build.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return f.run(stdout, stderr, args[0]) },
	}
	sourceFlag(cmd, &f.build.source)
	audienceFlag(cmd, &f.build.audience)
	cmd.Flags().StringVar(&f.version, "version", "", "program year (default: the latest)")
	cmd.Flags().StringVarP(&f.out, "output", "o", "", "PDF file to write (default PROGRAM-YEAR.pdf)")
	cmd.Flags().StringVar(&f.chrome, "chrome", "", "Chromium or Chrome to print with (default: found on PATH)")
	cmd.Flags().StringVar(&f.paper, "paper", "a4", "a4, letter, a3 or legal")
	cmd.Flags().StringVar(&f.language, "language", "", "the guide in this language (default: the site's default language)")
	return cmd
}

// run prints the guide of program to a PDF file.
func (f *pdfFlags) run(stdout, stderr io.Writer, program string) error {
	usage := func(format string, a ...any) error {
		fmt.Fprintf(stderr, "partnerdocs: "+format+"\n", a...)
		return exitError{int(build.UsageErr)}
	}
	if !slices.Contains(pdf.Papers, strings.ToLower(f.paper)) {
		return usage("--%v", pdf.ErrPaper)
	}
	exe, err := pdf.FindBrowser(f.chrome)
	if err != nil {
		return usage("%v\n%s", err, pdf.InstallHint)
	}
	opts := f.build.options()
	mem := output.NewMemory()
	opts.Memory = mem
	res := build.Preview(opts)
	if res.Outcome != build.OK {
		return failed(stderr, res)
	}
	v := res.Site.Latest
	if f.version != "" {
		v = res.Site.Version(f.version)
	}
	if v == nil || res.Models[v.Name] == nil {
		var names []string
		for _, x := range res.Site.Versions {
			names = append(names, x.Name)
		}
		return usage("no program year %q: the site has %s", f.version, strings.Join(names, ", "))
	}
	m := res.Models[v.Name]
	pr := findProgram(m, program)
	if pr == nil {
		return usage("%s", noProgram(m, program, v.Name))
	}
	prefix := ""
	if f.language != "" && f.language != res.Site.Config.Language {
		if res.Site.Config.Lang(f.language) == nil {
			return usage("--language %q is not one of the site's languages (%s)", f.language, strings.Join(res.Site.Config.LangCodes(), ", "))
		}
		prefix = f.language + "/"
	}
	out := f.out
	if out == "" {
		lang := ""
		if prefix != "" {
			lang = f.language
		}
		out = programs.GuidePDFName(pr, v, lang)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	files := mem.Files()
	get := func(rel string) ([]byte, bool) { b, ok := files[rel]; return b, ok }
	data, blocked, err := pdf.Print(ctx, exe, pdf.Files{Get: get, BasePath: res.Site.Config.BasePath}, prefix+pr.Page.URL+"guide/", f.paper)
	for _, u := range blocked {
		fmt.Fprintf(stderr, "partnerdocs: warning: the guide asks for %s, which the print does not load (only the build's own files are)\n", u)
	}
	if err != nil {
		fmt.Fprintf(stderr, "partnerdocs: printing with %s: %v\n", exe, err)
		if errors.Is(err, context.DeadlineExceeded) {
			fmt.Fprintln(stderr, "partnerdocs: the browser did not finish in 3 minutes")
		}
		return exitError{int(build.InternalErr)}
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return exitError{int(build.InternalErr)}
	}
	fmt.Fprintf(stdout, "%s guide, %s: %s (%d KB)\n", pr.Title, v.Label, out, (len(data)+1023)/1024)
	return nil
}
