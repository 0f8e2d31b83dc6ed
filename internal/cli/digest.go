package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/diff"
	"github.com/partnerdocs/partnerdocs/internal/digest"
)

// digestFlags are the digest command's flags.
type digestFlags struct {
	build                                 buildFlags
	since, until, changes, format, output string
}

func digestCmd(stdout, stderr io.Writer) *cobra.Command {
	var f digestFlags
	cmd := &cobra.Command{
		Use:   "digest",
		Short: "The partner newsletter: announcements of a period, as email-ready HTML, Markdown or text",
		Long: `Collects the announcements dated from --since to --until (inclusive; by
default the 30 days up to today), newest first and grouped by the program
they affect, and with --changes OLD..NEW a summary of that changes report.
HTML is email-ready: inline styles, table layout, absolute links under
baseURL, no script or stylesheet. Audience rules apply as in a build.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return f.run(stdout, stderr) },
	}
	sourceFlag(cmd, &f.build.source)
	audienceFlag(cmd, &f.build.audience)
	cmd.Flags().StringVar(&f.since, "since", "", "first day (YYYY-MM-DD; default 30 days before --until)")
	cmd.Flags().StringVar(&f.until, "until", "", "last day (YYYY-MM-DD; default today)")
	cmd.Flags().StringVar(&f.changes, "changes", "", "summarise the changes report OLD..NEW (versions)")
	cmd.Flags().StringVar(&f.format, "format", "html", "html, markdown or text")
	cmd.Flags().StringVar(&f.output, "output", "", "write to this file instead of standard output")
	return cmd
}

// run writes the digest.
func (f *digestFlags) run(stdout, stderr io.Writer) error {
	usage := func(msg string, a ...any) error {
		fmt.Fprintf(stderr, "partnerdocs: "+msg+"\n", a...)
		return exitError{int(build.UsageErr)}
	}
	switch f.format {
	case "html", "markdown", "text":
	default:
		return usage("--format must be html, markdown or text")
	}
	opts := f.build.options()
	if f.until == "" {
		f.until = opts.Today
	}
	u, err := time.Parse("2006-01-02", f.until)
	if err != nil {
		return usage("--until %q is not a date (YYYY-MM-DD)", f.until)
	}
	if f.since == "" {
		f.since = u.AddDate(0, 0, -30).Format("2006-01-02")
	}
	if _, err := time.Parse("2006-01-02", f.since); err != nil {
		return usage("--since %q is not a date (YYYY-MM-DD)", f.since)
	}
	if f.since > f.until {
		return usage("--since %s is after --until %s", f.since, f.until)
	}
	res := build.Check(opts)
	if res.Outcome != build.OK {
		return failed(stderr, res)
	}
	var report *diff.Report
	if f.changes != "" {
		oldName, newName, ok := strings.Cut(f.changes, "..")
		oldV, newV := res.Site.Version(oldName), res.Site.Version(newName)
		if !ok || oldName == "" || newName == "" || oldV == nil || newV == nil {
			return usage("--changes %q: want OLD..NEW, two versions of the site", f.changes)
		}
		report = diff.Compare(oldV, newV, res.Models[oldName], res.Models[newName], res.Site.Words)
	}
	d := digest.Build(res.Site, f.since, f.until, report)
	var out string
	switch f.format {
	case "html":
		b, err := build.Draw(res.Site, d.Part())
		if err != nil {
			fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
			return exitError{int(build.UsageErr)}
		}
		out = string(b)
	case "markdown":
		out = d.Markdown()
	default:
		out = d.Text()
	}
	if f.output != "" {
		if err := os.WriteFile(f.output, []byte(out), 0o644); err != nil {
			fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
			return exitError{int(build.InternalErr)}
		}
		return nil
	}
	fmt.Fprint(stdout, out)
	return nil
}
