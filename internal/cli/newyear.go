package cli

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	yaml "go.yaml.in/yaml/v3"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
)

func newYearCmd(stdout, stderr io.Writer) *cobra.Command {
	var source, name, label string
	cmd := &cobra.Command{
		Use:   "new-year",
		Short: "Start the next program year as a copy of the latest",
		Long: `Copies the latest program year's folder to the next (fy2026 to fy2027,
FY2026 to FY2027; --name and --label choose others), registers it in
config.yaml as the latest, with the year before kept as supported, and
points it at the right years: a terms page supersedes the same page of the
year it was copied from, year-qualified references (id@fy2025) move one
year on, and a terms page's effective date moves a year later. Text is
left as it was: check then warns (stale-year) about each copied line that
names another year, for you to reword.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fail := func(format string, a ...any) error {
				fmt.Fprintf(stderr, "partnerdocs: "+format+"\n", a...)
				return exitError{int(build.UsageErr)}
			}
			cfg, diags := config.Load(source)
			if diags.HasErrors() {
				_ = diag.WriteText(stderr, diags.Items())
				return exitError{int(build.UsageErr)}
			}
			y, err := planYear(cfg, name, label)
			if err != nil {
				return fail("%v", err)
			}
			n, err := copyYear(cfg, y)
			if err != nil {
				return fail("%v", err)
			}
			if err := registerYear(cfg, y); err != nil {
				return fail("%v (the pages are in %s; add the version to config.yaml by hand)", err, y.path)
			}
			fmt.Fprintf(stdout, "wrote %s: %d files copied from %s; %s is the latest year in config.yaml\n", y.path, n, y.from.Label, y.label)
			res := build.Run(build.Options{Source: source, CheckOnly: true, Audience: "internal", Today: today()})
			stale := 0
			for _, d := range res.Diags.Items() {
				if d.Rule == diag.RuleStaleYear {
					stale++
				}
			}
			fmt.Fprintf(stdout, "next: partnerdocs check (%d copied lines name another year: stale-year)\n", stale)
			return nil
		},
	}
	sourceFlag(cmd, &source)
	cmd.Flags().StringVar(&name, "name", "", "the new year's version name (default: the latest's with its number one higher)")
	cmd.Flags().StringVar(&label, "label", "", "the new year's label (default: the latest's with its number one higher)")
	return cmd
}

// newYear is the year new-year writes: copied from the latest, whose
// predecessor (prev, nil for none) it shifts references from.
type newYear struct {
	name, label, path string
	from, prev        *config.Version
}

func planYear(cfg *config.Config, name, label string) (*newYear, error) {
	from := cfg.Latest()
	if from == nil {
		return nil, fmt.Errorf("config.yaml has no latest version to start from")
	}
	if from.Git != nil {
		return nil, fmt.Errorf("the latest version, %s, is read from Git ref %s; new-year copies a folder", from.Name, from.Git.Ref)
	}
	y := &newYear{name: name, label: label, from: from}
	for i := range cfg.Versions {
		if &cfg.Versions[i] == from && i+1 < len(cfg.Versions) {
			y.prev = &cfg.Versions[i+1]
		}
	}
	if y.name == "" {
		if y.name = nextNumber(from.Name); y.name == "" {
			return nil, fmt.Errorf("%q has no number to count on from: give --name and --label", from.Name)
		}
	}
	if y.label == "" {
		if y.label = nextNumber(from.Label); y.label == "" {
			y.label = y.name
		}
	}
	if cfg.Version(y.name) != nil {
		return nil, fmt.Errorf("config.yaml already has a version %s", y.name)
	}
	y.path = path.Join(path.Dir(from.Path), y.name)
	if strings.Contains(path.Base(from.Path), from.Name) {
		y.path = path.Join(path.Dir(from.Path), strings.Replace(path.Base(from.Path), from.Name, y.name, 1))
	}
	if _, err := os.Stat(filepath.Join(cfg.Root, filepath.FromSlash(y.path))); err == nil {
		return nil, fmt.Errorf("%s exists; new-year never overwrites", y.path)
	}
	return y, nil
}

var lastNumber = regexp.MustCompile(`\d+(\D*)$`)

// nextNumber counts the last number of s on by one, keeping its width:
// fy2026 → fy2027, "FY26" → "FY27"; "" when s has no number.
func nextNumber(s string) string {
	m := lastNumber.FindStringSubmatchIndex(s)
	if m == nil {
		return ""
	}
	digits := s[m[0]:m[2]]
	n, err := strconv.Atoi(digits)
	if err != nil {
		return ""
	}
	next := strconv.Itoa(n + 1)
	for len(next) < len(digits) {
		next = "0" + next
	}
	return s[:m[0]] + next + s[m[2]:]
}

// copyYear copies the latest year's files into the new folder, shifting
// what points at a year.
func copyYear(cfg *config.Config, y *newYear) (int, error) {
	files, refused := sitefile.Walk(cfg.Root, y.from.Path)
	if len(refused) > 0 {
		return 0, fmt.Errorf("%s: %v", refused[0].Rel, refused[0].Err)
	}
	shift := map[string]string{y.from.Name: y.name}
	if y.prev != nil {
		shift[y.prev.Name] = y.from.Name
	}
	for _, rel := range files {
		b, err := sitefile.Read(cfg.Root, path.Join(y.from.Path, rel))
		if err != nil {
			return 0, err
		}
		if strings.HasSuffix(rel, ".md") {
			b = []byte(shiftPage(string(b), pageID(rel), y.from.Name, shift))
		}
		target := filepath.Join(cfg.Root, filepath.FromSlash(path.Join(y.path, rel)))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

// pageID is the id a page has from its path when its front matter names
// none: terms/mdf.md is terms/mdf, programs/reseller/_index.md is
// programs/reseller.
func pageID(rel string) string {
	id := strings.TrimSuffix(rel, ".md")
	if b := path.Base(id); b == "_index" || b == "index" {
		id = path.Dir(id)
	}
	return id
}

var yearRef = regexp.MustCompile(`@([a-z0-9][a-z0-9._-]*)`)

// shiftPage moves a copied page's references one year on: id@YEAR for
// each year in shift, a terms page's supersedes (added when missing,
// pointing at the page it was copied from) and its effective date.
func shiftPage(text, id, from string, shift map[string]string) string {
	text = yearRef.ReplaceAllStringFunc(text, func(m string) string {
		if to, ok := shift[m[1:]]; ok {
			return "@" + to
		}
		return m
	})
	if !strings.HasPrefix(text, "---\n") {
		return text
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return text
	}
	fm, rest := text[:4+end+1], text[4+end+1:]
	var meta struct {
		Kind       string `yaml:"kind"`
		ID         string `yaml:"id"`
		Supersedes string `yaml:"supersedes"`
	}
	if yaml.Unmarshal([]byte(fm[4:]), &meta) != nil || meta.Kind != "terms" {
		return text
	}
	if meta.ID != "" {
		id = meta.ID
	}
	lines := strings.Split(fm, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "effective:") {
			v := strings.Trim(strings.TrimSpace(strings.TrimPrefix(l, "effective:")), `"'`)
			if t, err := time.Parse("2006-01-02", v); err == nil {
				lines[i] = "effective: " + t.AddDate(1, 0, 0).Format("2006-01-02")
			}
		}
	}
	fm = strings.Join(lines, "\n")
	if meta.Supersedes == "" {
		fm = strings.Replace(fm, "\nkind: terms\n", "\nkind: terms\nsupersedes: "+id+"@"+from+"\n", 1)
	}
	return fm + rest
}

// registerYear adds the year to config.yaml's versions, before the one it
// was copied from, as the latest; that one stays, as supported unless
// its status says otherwise. The file is edited line by line, so its
// comments and layout stay as they were.
func registerYear(cfg *config.Config, y *newYear) error {
	p := filepath.Join(cfg.Root, config.FileName)
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 {
		return fmt.Errorf("%s: cannot read it back: %v", config.FileName, err)
	}
	var entry *yaml.Node
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "versions" {
			continue
		}
		for _, e := range root.Content[i+1].Content {
			if v, ok := mapValue(e, "name"); ok && v.Value == y.from.Name {
				entry = e
			}
		}
	}
	if entry == nil || entry.Style&yaml.FlowStyle != 0 {
		return fmt.Errorf("%s: the entry of %s is not a block this command can edit", config.FileName, y.from.Name)
	}
	lines := strings.Split(string(b), "\n")
	indent := strings.Repeat(" ", entry.Column-1)
	dash := strings.Repeat(" ", max(0, entry.Column-3))
	if latest, ok := mapValue(entry, "latest"); ok {
		line := latest.Line - 1
		if _, hasStatus := mapValue(entry, "status"); hasStatus {
			lines = append(lines[:line], lines[line+1:]...)
		} else {
			lines[line] = indent + "status: supported"
		}
	}
	block := []string{dash + "- name: " + y.name, indent + "label: " + strconv.Quote(y.label), indent + "path: " + y.path, indent + "latest: true"}
	at := entry.Line - 1
	lines = append(lines[:at], append(block, lines[at:]...)...)
	return os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
}

func mapValue(n *yaml.Node, key string) (*yaml.Node, bool) {
	if n.Kind != yaml.MappingNode {
		return nil, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1], true
		}
	}
	return nil, false
}
