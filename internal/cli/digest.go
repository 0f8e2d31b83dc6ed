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

func digestCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var since, until, changes, format, output string
	cmd := &cobra.Command{
		Use:   "digest",
		Short: "The partner newsletter: announcements of a period, as email-ready HTML, Markdown or text",
		Long: `Collects the announcements dated from --since to --until (inclusive; by
default the 30 days up to today), newest first and grouped by the program
they affect, and with --changes OLD..NEW a summary of that changes report.
HTML is email-ready: inline styles, table layout, absolute links under
baseURL, no script or stylesheet. Audience rules apply as in a build.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			usage := func(format string, a ...any) error {
				fmt.Fprintf(stderr, "partnerdocs: "+format+"\n", a...)
				return exitError{int(build.UsageErr)}
			}
			switch format {
			case "html", "markdown", "text":
			default:
				return usage("--format must be html, markdown or text")
			}
			opts := f.options()
			if until == "" {
				until = opts.Today
			}
			u, err := time.Parse("2006-01-02", until)
			if err != nil {
				return usage("--until %q is not a date (YYYY-MM-DD)", until)
			}
			if since == "" {
				since = u.AddDate(0, 0, -30).Format("2006-01-02")
			}
			if _, err := time.Parse("2006-01-02", since); err != nil {
				return usage("--since %q is not a date (YYYY-MM-DD)", since)
			}
			if since > until {
				return usage("--since %s is after --until %s", since, until)
			}
			res := build.Check(opts)
			if res.Outcome != build.OK {
				return failed(stderr, res)
			}
			var report *diff.Report
			if changes != "" {
				oldName, newName, ok := strings.Cut(changes, "..")
				oldV, newV := res.Site.Version(oldName), res.Site.Version(newName)
				if !ok || oldName == "" || newName == "" || oldV == nil || newV == nil {
					return usage("--changes %q: want OLD..NEW, two versions of the site", changes)
				}
				report = diff.Compare(oldV, newV, res.Models[oldName], res.Models[newName], res.Site.Words)
			}
			d := digest.Build(res.Site, since, until, report)
			var out string
			switch format {
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
			if output != "" {
				if err := os.WriteFile(output, []byte(out), 0o644); err != nil {
					fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
					return exitError{int(build.InternalErr)}
				}
				return nil
			}
			fmt.Fprint(stdout, out)
			return nil
		},
	}
	sourceFlag(cmd, &f.source)
	audienceFlag(cmd, &f.audience)
	cmd.Flags().StringVar(&since, "since", "", "first day (YYYY-MM-DD; default 30 days before --until)")
	cmd.Flags().StringVar(&until, "until", "", "last day (YYYY-MM-DD; default today)")
	cmd.Flags().StringVar(&changes, "changes", "", "summarise the changes report OLD..NEW (versions)")
	cmd.Flags().StringVar(&format, "format", "html", "html, markdown or text")
	cmd.Flags().StringVar(&output, "output", "", "write to this file instead of standard output")
	return cmd
}
