package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"sync/atomic"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/gcpace"
	"github.com/spf13/cobra"
)

// Version is set at link time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// exitError carries an exit code up through cobra.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Execute runs the command line and returns the exit code.
func Execute(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "partnerdocs: internal error: %v\n%s", r, debug.Stack())
			code = int(build.InternalErr)
		}
	}()
	root := &cobra.Command{
		Use:           "partnerdocs",
		Short:         "Build versioned, searchable partner-program portals from Markdown",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetArgs(args)
	// The preview server holds every page's text and caches for as long
	// as it runs; collecting a little more often keeps it a fifth smaller
	// for a few per cent of time. Every other command runs once: its heap
	// grows to a floor before the first collection, and a build's is then
	// bounded by a budget (memoryBudget). GOGC still overrides both.
	if len(args) > 0 && args[0] == "serve" {
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(70)
		}
	} else {
		p := gcpace.Start(heapFloor)
		pace.Store(p)
		defer p.Stop()
	}
	// PARTNERDOCS_CPUPROFILE and PARTNERDOCS_MEMPROFILE write pprof profiles
	// of any command, for the benchmark work in docs/BENCHMARKS.md.
	if p := os.Getenv("PARTNERDOCS_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			defer f.Close()
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	// PARTNERDOCS_TRACE writes an execution trace (go tool trace): where
	// the wall time goes when the cores are idle, which a profile hides.
	if p := os.Getenv("PARTNERDOCS_TRACE"); p != "" {
		if f, err := os.Create(p); err == nil {
			defer f.Close()
			if trace.Start(f) == nil {
				defer trace.Stop()
			}
		}
	}
	if p := os.Getenv("PARTNERDOCS_MEMPROFILE"); p != "" {
		defer func() {
			if f, err := os.Create(p); err == nil {
				_ = pprof.WriteHeapProfile(f)
				f.Close()
			}
		}()
	}
	root.AddCommand(reportCmd(stdout, stderr), digestCmd(stdout, stderr), pdfCmd(stdout, stderr), translationsCmd(stdout, stderr))
	root.AddCommand(buildCmd(stdout, stderr), checkCmd(stdout, stderr), serveCmd(stdout, stderr), matrixCmd(stdout, stderr),
		newCmd(stdout, stderr), initCmd(stdout, stderr), newYearCmd(stdout, stderr), schemaCmd(stdout, stderr), diffCmd(stdout, stderr), searchCmd(stdout, stderr), complianceCmd(stdout, stderr), versionCmd(stdout))
	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
		return int(build.UsageErr)
	}
}

// failed prints why a build did not succeed and returns its exit code.
func failed(stderr io.Writer, res *build.Result) error {
	_ = diag.WriteText(stderr, res.Diags.Items())
	if res.Err != nil {
		fmt.Fprintf(stderr, "partnerdocs: %v\n", res.Err)
	}
	return exitError{int(res.Outcome)}
}

// version is Version when the build set it (-ldflags -X), else the
// module's version (go install …@v1.2.3), else the commit the binary was
// built from, as go build records it in a checkout ("dev+3f2a9c1d0e4b",
// "-dirty" with uncommitted changes); "dev" when none of them is known.
func version() string {
	if Version != "dev" {
		return Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Version
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return Version
	}
	v := "dev+" + rev[:min(12, len(rev))]
	if dirty {
		v += "-dirty"
	}
	return v
}

// plural counts things in English: "1 error", "2 errors", "0 warnings".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(stdout, "partnerdocs %s\n", version())
			return nil
		},
	}
}

type buildFlags struct {
	source, dest, audience, baseURL string
	drafts, quiet                   bool
}

// sourceFlag and audienceFlag are the two flags nearly every command
// takes, registered one way with one help text.
func sourceFlag(cmd *cobra.Command, v *string) {
	cmd.Flags().StringVar(v, "source", ".", "site root (the folder with config.yaml)")
}

func audienceFlag(cmd *cobra.Command, v *string) {
	cmd.Flags().StringVar(v, "audience", "partner", "public, partner or internal")
}

func (f *buildFlags) register(cmd *cobra.Command, withDest bool) {
	sourceFlag(cmd, &f.source)
	if withDest {
		cmd.Flags().StringVar(&f.dest, "dest", "public", "output folder")
		cmd.Flags().StringVar(&f.baseURL, "base-url", "", "override config.yaml's baseURL")
	}
	audienceFlag(cmd, &f.audience)
	cmd.Flags().BoolVar(&f.drafts, "drafts", false, "include draft pages")
}

func (f *buildFlags) options() build.Options {
	dest := f.dest
	if dest != "" && !filepath.IsAbs(dest) {
		// --dest is relative to where the command runs, as users expect
		// from every other tool; the site root is only the default base.
		if abs, err := filepath.Abs(dest); err == nil {
			dest = abs
		}
	}
	return build.Options{Source: f.source, Dest: dest, Audience: f.audience, Drafts: f.drafts, BaseURL: f.baseURL, Today: today(),
		Loaded: memoryBudget}
}

// memoryBudget gives the garbage collector a soft limit sized to the
// site, once its sources are loaded: 64 MiB plus six times the Markdown,
// at least 256 MiB. A build's live heap peaks at about five times its
// sources on a generated corpus (pages, their rendered HTML and search
// text, held until the render, and the sections' packed text, held for
// snippets until both search indexes are written), more on real pages,
// whose vocabulary makes the search indexes larger; under the limit the
// collector runs at the default pace, and near it, more often, rather
// than letting the heap double. The limit rises whenever the live heap
// would leave less than half of itself to allocate before the next
// collection (gcpace.Limit): below that the collector marks the same
// live data back to back (docs/BENCHMARKS.md, "Measured choices", has
// the figures). GOGC or GOMEMLIMIT in the environment turn it off.
func memoryBudget(sourceBytes int64) {
	if p := pace.Load(); p != nil {
		p.Limit(max(256<<20, 64<<20+6*sourceBytes))
	}
}

// pace is the running command's collector pace (none for serve).
var pace atomic.Pointer[gcpace.Pace]

// heapFloor is the heap a command grows to before its first collection:
// a cold check was fastest with this floor, slower with a larger one
// (more fresh memory to fault in) or a smaller one (more collections),
// and much slower at Go's default pace (docs/BENCHMARKS.md, "Measured
// choices").
const heapFloor = 192 << 20

// today is the date stale-content compares review_by with.
// PARTNERDOCS_TODAY overrides it, so CI and tests can pin the date.
func today() string {
	if d := os.Getenv("PARTNERDOCS_TODAY"); d != "" {
		return d
	}
	return time.Now().Format("2006-01-02")
}

func buildCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the output folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("dest") {
				f.dest = filepath.Join(f.source, "public")
			}
			stop := sampleHeap()
			res := build.Run(f.options())
			stop(res)
			_ = diag.WriteText(stderr, res.Diags.Items())
			if res.Err != nil {
				fmt.Fprintf(stderr, "partnerdocs: %v\n", res.Err)
			}
			if !f.quiet || res.Outcome != build.OK {
				summary(stdout, res, f.audience)
			}
			if res.Outcome != build.OK {
				return exitError{int(res.Outcome)}
			}
			return nil
		},
	}
	f.register(cmd, true)
	cmd.Flags().BoolVar(&f.quiet, "quiet", false, "print only diagnostics")
	return cmd
}

func summary(w io.Writer, res *build.Result, audience string) {
	errs, warns := res.Diags.Count()
	fmt.Fprintf(w, "partnerdocs %s · audience %s\n", version(), audience)
	for _, v := range res.Versions {
		extra := ""
		if v.Hidden > 0 {
			extra = fmt.Sprintf(" (%d left out)", v.Hidden)
		}
		fmt.Fprintf(w, "  %-10s %4d pages%s\n", v.Label, v.Pages, extra)
	}
	if res.Portal > 0 {
		fmt.Fprintf(w, "  %-10s %4d pages\n", "portal", res.Portal)
	}
	fmt.Fprintf(w, "  %s, %s\n", plural(errs, "error"), plural(warns, "warning"))
	for _, n := range res.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
		for _, s := range res.Stages {
			fmt.Fprintf(w, "  %-10s %6d ms\n", s.Name, s.Duration.Milliseconds())
		}
		if peakHeap.bytes > 0 {
			fmt.Fprintf(w, "  peak heap  %6d MB at %d ms\n", peakHeap.bytes>>20, peakHeap.at.Milliseconds())
		}
	}
	if res.Outcome == build.OK && res.Dest != "" {
		fmt.Fprintf(w, "  %s, %.1f MB written to %s in %d ms\n", plural(res.Files, "file"), float64(res.Bytes)/1e6, res.Dest, res.Elapsed.Milliseconds())
	} else {
		fmt.Fprintf(w, "  nothing written (the previous output is unchanged); %d ms\n", res.Elapsed.Milliseconds())
	}
}

func checkCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var format string
	var external, strict bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the site without writing output",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := f.options()
			opts.CheckOnly = true
			opts.External = external
			opts.Strict = strict
			// check keeps no HTML: its live heap stays under the heap
			// floor; no budget is needed.
			opts.Loaded = nil
			if format != "text" && format != "json" && format != "gitlab" {
				fmt.Fprintf(stderr, "partnerdocs: --format must be text, json or gitlab\n")
				return exitError{int(build.UsageErr)}
			}
			res := build.Run(opts)
			items := res.Diags.Items()
			switch format {
			case "json":
				_ = diag.WriteJSON(stdout, items)
			case "gitlab":
				_ = diag.WriteGitLab(stdout, items)
			default:
				_ = diag.WriteText(stdout, items)
				e, w := res.Diags.Count()
				fmt.Fprintf(stderr, "%s, %s in %d ms\n", plural(e, "error"), plural(w, "warning"), res.Elapsed.Milliseconds())
			}
			if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
				for _, s := range res.Stages {
					fmt.Fprintf(stderr, "  %-10s %6d ms\n", s.Name, s.Duration.Milliseconds())
				}
			}
			if res.Err != nil {
				fmt.Fprintf(stderr, "partnerdocs: %v\n", res.Err)
			}
			if res.Outcome != build.OK {
				return exitError{int(res.Outcome)}
			}
			return nil
		},
	}
	f.register(cmd, false)
	cmd.Flags().StringVar(&format, "format", "text", "text, json or gitlab (a GitLab Code Quality report)")
	cmd.Flags().BoolVar(&strict, "strict", false, "warn about every front-matter key partnerdocs does not know (kept as .Params)")
	cmd.Flags().BoolVar(&external, "external", false, "check http(s) links too (results are cached in .partnerdocs-cache/)")
	return cmd
}

// peakHeap is the largest live heap seen during a build, and when, for
// PARTNERDOCS_TIMINGS: the process's peak RSS alone does not say which
// stage to look at.
var peakHeap struct {
	bytes uint64
	at    time.Duration
}

// sampleHeap samples the heap every 20 ms while a build runs, when
// PARTNERDOCS_TIMINGS is set; the returned function stops it.
func sampleHeap() func(*build.Result) {
	if os.Getenv("PARTNERDOCS_TIMINGS") == "" {
		return func(*build.Result) {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(sample)
				if v := sample[0].Value.Uint64(); v > peakHeap.bytes {
					peakHeap.bytes, peakHeap.at = v, time.Since(start)
				}
			}
		}
	}()
	return func(*build.Result) { close(done); <-finished }
}
