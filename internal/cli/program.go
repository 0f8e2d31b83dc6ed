package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/diff"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/schema"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/spf13/cobra"
)

func matrixCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var version, region, format string
	cmd := &cobra.Command{
		Use:   "matrix PROGRAM",
		Short: "Print a program's benefit matrix",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "markdown", "csv", "json":
			default:
				fmt.Fprintln(stderr, "partnerdocs: --format must be text, markdown, csv or json")
				return exitError{int(build.UsageErr)}
			}
			opts := f.options()
			opts.CheckOnly = true
			res := build.Run(opts)
			if res.Outcome == build.UsageErr || res.Outcome == build.InternalErr {
				return failed(stderr, res)
			}
			if res.Outcome == build.ContentErr {
				// A matrix of broken data would mislead: show why instead.
				_ = diag.WriteText(stderr, res.Diags.Items())
				return exitError{int(build.ContentErr)}
			}
			s := res.Site
			v := s.Latest
			if version != "" {
				v = s.Version(version)
				if v == nil || version == "" {
					fmt.Fprintf(stderr, "partnerdocs: no version %q\n", version)
					return exitError{int(build.UsageErr)}
				}
			}
			m := res.Models[v.Name]
			pr := findProgram(m, args[0])
			if pr == nil {
				fmt.Fprintf(stderr, "partnerdocs: %s\n", noProgram(m, args[0], v.Name))
				return exitError{int(build.UsageErr)}
			}
			if region != "" && !s.Config.HasRegion(region) {
				fmt.Fprintf(stderr, "partnerdocs: unknown region %q (regions: %s)\n", region, strings.Join(s.Config.Regions, ", "))
				return exitError{int(build.UsageErr)}
			}
			mx := matrix.Build(m, pr, matrix.Options{Region: region, Requirements: true, Words: s.Words})
			switch format {
			case "text":
				fmt.Fprint(stdout, mx.Text())
			case "markdown":
				fmt.Fprint(stdout, mx.Markdown())
			case "csv":
				_, _ = stdout.Write(mx.CSV())
			case "json":
				_, _ = stdout.Write(mx.JSON(s.Config.BasePath))
			}
			return nil
		},
	}
	sourceFlag(cmd, &f.source)
	audienceFlag(cmd, &f.audience)
	cmd.Flags().StringVar(&version, "version", "", "version (default: the latest)")
	cmd.Flags().StringVar(&region, "region", "", "region whose values to show")
	cmd.Flags().StringVar(&format, "format", "text", "text, markdown, csv or json")
	return cmd
}

// noProgram says that a program is not there, and which are.
func noProgram(m *model.Model, name, version string) string {
	var ids []string
	for _, p := range m.Programs {
		ids = append(ids, p.ID)
	}
	return fmt.Sprintf("no program %q in %s (programs: %s)", name, version, strings.Join(ids, ", "))
}

// findProgram accepts a program's id or its last segment ("reseller").
func findProgram(m *model.Model, id string) *model.Program {
	if p := m.Program(id); p != nil {
		return p
	}
	for _, p := range m.Programs {
		if strings.HasSuffix(p.ID, "/"+id) {
			return p
		}
	}
	return nil
}

func diffCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var format string
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two versions",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				fmt.Fprintln(stderr, "partnerdocs: --format must be text or json")
				return exitError{int(build.UsageErr)}
			}
			opts := f.options()
			opts.CheckOnly = true
			res := build.Run(opts)
			if res.Outcome != build.OK {
				return failed(stderr, res)
			}
			oldV, newV := res.Site.Version(args[0]), res.Site.Version(args[1])
			for i, v := range []*site.Version{oldV, newV} {
				if v == nil || args[i] == "" {
					fmt.Fprintf(stderr, "partnerdocs: no version %q\n", args[i])
					return exitError{int(build.UsageErr)}
				}
			}
			r := diff.Compare(oldV, newV, res.Models[oldV.Name], res.Models[newV.Name], res.Site.Words)
			if format == "json" {
				_, _ = stdout.Write(r.JSON())
			} else {
				fmt.Fprint(stdout, r.Text())
			}
			return nil
		},
	}
	sourceFlag(cmd, &f.source)
	audienceFlag(cmd, &f.audience)
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func schemaCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "schema [KIND|matrix]",
		Short: "Print the JSON Schema of front matter (all kinds, or one), or of matrix.json",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := ""
			if len(args) == 1 {
				kind = args[0]
			}
			if kind == "matrix" {
				_, _ = stdout.Write(schema.MatrixJSON())
				return nil
			}
			b, err := schema.JSON(kind)
			if err != nil {
				fmt.Fprintf(stderr, "partnerdocs: %v\n", err)
				return exitError{int(build.UsageErr)}
			}
			_, _ = stdout.Write(b)
			return nil
		},
	}
}

func newCmd(stdout, stderr io.Writer) *cobra.Command {
	var f newFlags
	cmd := &cobra.Command{
		Use:   "new KIND ID",
		Short: "Write a new page of a kind, with its required keys",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.run(args[0], args[1], stdout, stderr)
		},
	}
	sourceFlag(cmd, &f.source)
	cmd.Flags().StringVar(&f.version, "version", "", "version to write into (default: the latest; announcements go to the portal)")
	cmd.Flags().StringVar(&f.program, "program", "", "for a benefit: the program whose tiers it gets a value for (default: the version's first)")
	return cmd
}

// newFlags are the new command's flags.
type newFlags struct {
	source, version, program string
}

// usage is a usage error, said on stderr.
func usage(stderr io.Writer, format string, a ...any) error {
	fmt.Fprintf(stderr, "partnerdocs: "+format+"\n", a...)
	return exitError{int(build.UsageErr)}
}

// run writes the page of kind and id, never over an existing file.
func (f *newFlags) run(kind, id string, stdout, stderr io.Writer) error {
	if _, ok := content.KindKeys[kind]; !ok {
		return usage(stderr, "%s", schema.UnknownKind(kind))
	}
	if !content.IDPattern.MatchString(id) || strings.Contains(id, "//") || strings.HasSuffix(id, "/") {
		return usage(stderr, "%q is not a valid id ([a-z0-9][a-z0-9/_-]*)", id)
	}
	cfg, diags := config.Load(f.source)
	if diags.HasErrors() {
		_ = diag.WriteText(stderr, diags.Items())
		return exitError{int(build.UsageErr)}
	}
	dir, err := f.folder(cfg, kind)
	if err != nil {
		return usage(stderr, "%v", err)
	}
	// A bare id goes in its kind's folder, as the example portal and
	// most sites keep them (benefits/, terms/, …).
	if folder := kindFolders[kind]; folder != "" && !strings.Contains(id, "/") {
		id = folder + "/" + id
	}
	rel := id + ".md"
	if kind == "program" {
		rel = id + "/_index.md" // its tiers live beside it
	}
	file, err := createNew(filepath.Join(cfg.Root, filepath.FromSlash(dir), filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrExist) {
		return usage(stderr, "%s exists; new never overwrites", path.Join(dir, rel))
	}
	if err != nil {
		return usage(stderr, "%v", err)
	}
	progs := programIDs(filepath.Join(cfg.Root, filepath.FromSlash(dir)))
	if program := f.program; program != "" {
		if !strings.HasPrefix(program, "programs/") {
			program = "programs/" + program
		}
		progs = append([]string{program}, slices.DeleteFunc(progs, func(p string) bool { return p == program })...)
	}
	var sh *Shape
	if kind == "tier" || kind == "benefit" {
		sh = shapeOf(f.source, cfg, dir, kind, id, progs)
	}
	_, werr := file.WriteString(TemplateShaped(kind, id, progs, sh))
	if cerr := file.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return usage(stderr, "%v", werr)
	}
	fmt.Fprintf(stdout, "wrote %s (id %s)\n", path.Join(dir, rel), id)
	return nil
}

// folder is where a new page of kind goes: the version's folder (the
// latest, or --version), or the portal's for an announcement without
// --version. A version read from a Git ref cannot be written to.
func (f *newFlags) folder(cfg *config.Config, kind string) (string, error) {
	if kind == "announcement" && f.version == "" && cfg.Portal != "" {
		return cfg.Portal, nil
	}
	v := cfg.Latest()
	if f.version != "" {
		v = cfg.Version(f.version)
	}
	if v == nil {
		return "", fmt.Errorf("no version %q", f.version)
	}
	if v.Git != nil {
		return "", fmt.Errorf("version %s is read from Git ref %s and cannot be written to", v.Name, v.Git.Ref)
	}
	return v.Path, nil
}

// createNew creates a file that must not exist yet, and its folders.
func createNew(target string) (*os.File, error) {
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, err
		}
		f, err = os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	return f, err
}

// Shape is what new knows of a program when it writes a tier or a
// benefit for it: a new tier goes above the top one, starting from its
// requirements; a new benefit gets a value line for every tier.
type Shape struct {
	Rank         int    // the new tier's rank: one above the top tier's
	Entry        string // the top tier's entry
	Top          string // the top tier's title
	Requirements string // the top tier's requirements block, as written
	Columns      []Column
}

// Column is a tier or designation a benefit gives a value for: its key
// in values and its title.
type Column struct{ Key, Title string }

// shapeOf reads the program a new tier or benefit belongs to from the
// version's model (a check run; errors elsewhere do not stop it); nil
// when the program is not found.
func shapeOf(source string, cfg *config.Config, dir, kind, id string, progs []string) *Shape {
	res := build.Run(build.Options{Source: source, CheckOnly: true, Audience: "internal", Today: today()})
	var m *model.Model
	for name, x := range res.Models {
		if v := cfg.Version(name); v != nil && v.Path == dir {
			m = x
		}
	}
	if m == nil {
		return nil
	}
	prog := path.Dir(id)
	if kind == "benefit" || !strings.HasPrefix(prog, "programs/") {
		if len(progs) == 0 {
			return nil
		}
		prog = progs[0]
	}
	pr := m.Program(prog)
	if pr == nil {
		return nil
	}
	sh := &Shape{Rank: 1}
	for _, t := range pr.Tiers {
		sh.Columns = append(sh.Columns, Column{Key: path.Base(t.ID), Title: t.Title})
		if t.Rank >= sh.Rank {
			sh.Rank, sh.Entry, sh.Top = t.Rank+1, t.Entry, t.Title
			if b, err := os.ReadFile(filepath.Join(cfg.Root, filepath.FromSlash(t.Page.Source))); err == nil {
				sh.Requirements = yamlBlock(string(b), "requirements")
			}
		}
	}
	for _, d := range pr.Designations {
		sh.Columns = append(sh.Columns, Column{Key: path.Base(d.ID), Title: d.Title})
	}
	return sh
}

// yamlBlock is a top-level key's block of a page's front matter as
// written ("requirements:" and its indented lines), "" without one.
func yamlBlock(page, key string) string {
	lines := strings.Split(page, "\n")
	var out []string
	in := false
	for i, l := range lines {
		if i > 0 && l == "---" {
			break
		}
		switch {
		case strings.HasPrefix(l, key+":"):
			in = true
		case in && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "-") || l == ""):
		case in:
			in = false
		}
		if in {
			out = append(out, l)
		}
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}

// kindFolders is where new puts a page of each kind given a bare id.
var kindFolders = map[string]string{"benefit": "benefits", "certification": "certifications", "terms": "terms",
	"playbook": "playbooks", "guide": "guides", "program": "programs", "announcement": "news", "path": "paths", "event": "events",
	"designation": "designations"}

// programIDs lists the programs of a version folder (programs/NAME/ with
// an index page), for new to offer.
func programIDs(dir string) []string {
	var out []string
	entries, _ := os.ReadDir(filepath.Join(dir, "programs"))
	for _, e := range entries {
		for _, idx := range []string{"_index.md", "index.md"} {
			if _, err := os.Stat(filepath.Join(dir, "programs", e.Name(), idx)); e.IsDir() && err == nil {
				out = append(out, "programs/"+e.Name())
				break
			}
		}
	}
	return out
}

// Template is the starting text of a new page: the kind's required keys
// and its common ones, with values to replace. programs are the
// version's programs, offered where the kind names one.
func Template(kind, id string, programs []string) string {
	return TemplateShaped(kind, id, programs, nil)
}

// TemplateShaped is Template with what the program looks like (nil when
// unknown): a tier's next free rank and the top tier's requirements to
// start from, a benefit's value line for each tier.
func TemplateShaped(kind, id string, programs []string, sh *Shape) string {
	base := path.Base(id)
	title := strings.ToUpper(base[:1]) + strings.ReplaceAll(base[1:], "-", " ")
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\n", title)
	if kind != "page" {
		fmt.Fprintf(&b, "kind: %s\n", kind)
	}
	b.WriteString("description: \"\"\n")
	switch kind {
	case "program":
		b.WriteString("type: reseller\n")
	case "tier":
		prog := path.Dir(id)
		if prog == "." {
			prog = programLine(programs)
		}
		switch {
		case sh != nil && sh.Requirements != "":
			fmt.Fprintf(&b, "program: %s\nrank: %d\nentry: %s\n# The requirements of %s, the tier below, to start from: raise them.\n%s\n", prog, sh.Rank, sh.Entry, sh.Top, sh.Requirements)
		case sh != nil:
			fmt.Fprintf(&b, "program: %s\nrank: %d\nentry: application\nrequirements:\n  - {text: \"Signed partner agreement\"}\n", prog, sh.Rank)
		default:
			fmt.Fprintf(&b, "program: %s\nrank: 1\nentry: application\nrequirements:\n  - {text: \"Signed partner agreement\"}\n", prog)
		}
	case "benefit":
		fmt.Fprintf(&b, "program: %s\ngroup: Sales\nvalues:\n  # one value per tier of the program: true, false, a number, text,\n  # or {value: 10, unit: percent, note: \"\", footnote: \"\"}\n", programLine(programs))
		if sh != nil {
			for _, c := range sh.Columns {
				fmt.Fprintf(&b, "  %s: false   # %s\n", c.Key, c.Title)
			}
		}
	case "certification":
		b.WriteString("track: technical\nlevel: associate\nduration_hours: 8\nvalidity_months: 24\nexam: written\nprerequisites: []\n")
	case "terms":
		b.WriteString("version: \"1.0\"\neffective: 2026-01-01\n")
	case "announcement":
		b.WriteString("date: 2026-01-01\naffects: []\n")
	case "playbook":
		b.WriteString("roles: [sales]\nprograms: []\n")
	case "designation":
		fmt.Fprintf(&b, "programs: [%s]\nrequirements:\n  - {text: \"Describe what the designation takes\"}\n", firstOr(programs, "programs/CHANGE-ME"))
	case "glossary":
		b.WriteString("entries:\n  - term: \"CHANGE-ME\"\n    also: []   # other ways pages write it\n    definition: \"The term's meaning, in a sentence or two.\"\n")
	case "path":
		fmt.Fprintf(&b, "program: %s\nsteps:\n  # each step: a title and one of page (an id), certification, benefit or link\n  - {title: \"Read how the program works\", page: %s, stage: \"Before you start\"}\n", programLine(programs), firstOr(programs, "programs/CHANGE-ME"))
	case "event":
		b.WriteString("start: 2027-01-01T16:00   # in the timezone below, or with an offset: 2027-01-01T16:00:00+01:00\nend: 2027-01-01T17:00\ntimezone: Europe/Berlin\nformat: webcast\nprograms: []\n# register: https://…\n")
	}
	b.WriteString("owner: \"\"\n---\n\n")

	if kind == "terms" {
		b.WriteString("## First clause {#first-clause}\n\nGive clause headings explicit ids so links to them survive rewording.\n")
	} else {
		b.WriteString("Write the page here.\n")
	}
	return b.String()
}

// firstOr is the first of list, or or when it is empty.
func firstOr(list []string, or string) string {
	if len(list) > 0 {
		return list[0]
	}
	return or
}

// programLine is the value new writes for a page's program: the one
// program of the version, or the first with the others named in a comment.
func programLine(programs []string) string {
	switch len(programs) {
	case 0:
		return "programs/CHANGE-ME   # the id of the program (its folder under programs/)"
	case 1:
		return programs[0]
	}
	return programs[0] + "   # or: " + strings.Join(programs[1:], ", ")
}
