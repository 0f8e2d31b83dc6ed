package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/report"
)

func reportCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var format string
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Content health per owner and program metrics per year",
		Long: `Prints, per owner, the pages they keep, those overdue for review
(review_by before today) and the broken references in them; the pages
without an owner; and per program year the counts of programs, tiers,
designations, benefits, certifications and pages by kind, with the pages
changed in the last 90 days when the site is a Git repository. The site's
errors do not stop it: broken references are part of the report.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				fmt.Fprintln(stderr, "partnerdocs: --format must be text or json")
				return exitError{int(build.UsageErr)}
			}
			opts := f.options()
			res := build.Check(opts)
			if res.Site == nil || res.Outcome == build.UsageErr || res.Outcome == build.InternalErr {
				return failed(stderr, res)
			}
			var changed map[string]string
			if h := build.History(res.Site, res.Site.Config.Root); h != nil {
				changed = h.Dates
			}
			r := report.Build(res.Site, res.Models, res.Diags.Items(), changed, opts.Today)
			r.AddFeedback(res.Site, res.Feedback)
			// The site's findings are the report's subject, not printed;
			// a counts row left out of it is said, or the table would
			// silently miss it.
			var left []diag.Diagnostic
			for _, d := range res.Diags.Items() {
				if d.Rule == diag.RuleFeedbackCounts {
					left = append(left, d)
				}
			}
			_ = diag.WriteText(stderr, left)
			if format == "json" {
				_, _ = stdout.Write(r.JSON())
			} else {
				fmt.Fprint(stdout, r.Text())
			}
			return nil
		},
	}
	sourceFlag(cmd, &f.source)
	cmd.Flags().StringVar(&f.audience, "audience", "internal", "public, partner or internal (the report names owners: internal by default)")
	cmd.Flags().BoolVar(&f.drafts, "drafts", false, "include draft pages")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}
