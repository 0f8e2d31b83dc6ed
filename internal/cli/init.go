package cli

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partnerdocs/partnerdocs/internal/build"
)

// starter is the portal init writes: one program year, one program with
// two tiers, a benefit and its terms. It builds and checks clean (a test
// holds it to that), so a new user starts from something that works.
//
//go:embed all:starter
var starter embed.FS

func initCmd(stdout, stderr io.Writer) *cobra.Command {
	var title, year string
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write a small working portal of your own to start from",
		Long: `Writes config.yaml and a content folder into DIR (created if missing; it
must hold no config.yaml): one program year, a program with two tiers, a
benefit with a value per tier, and the terms that govern it. It builds and
checks clean; change the words and add your own programs from there
(partnerdocs new KIND ID writes a page of any kind).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fail := func(format string, a ...any) error {
				fmt.Fprintf(stderr, "partnerdocs: "+format+"\n", a...)
				return exitError{int(build.UsageErr)}
			}
			if year == "" {
				year = today()[:4]
			}
			if n, err := strconv.Atoi(year); err != nil || n < 1000 || n > 9999 {
				return fail("--year %q: want a year such as 2027", year)
			}
			dir := args[0]
			if _, err := os.Stat(filepath.Join(dir, "config.yaml")); err == nil {
				return fail("%s already has a config.yaml; init never overwrites", dir)
			}
			name := "fy" + year
			repl := strings.NewReplacer("{{TITLE}}", strings.ReplaceAll(title, `"`, `\"`), "{{NAME}}", name, "{{LABEL}}", "FY"+year, "{{EFFECTIVE}}", year+"-01-01")
			var written []string
			err := fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := starter.ReadFile(p)
				if err != nil {
					return err
				}
				rel := strings.Replace(strings.TrimPrefix(p, "starter/"), "content/YEAR/", "content/"+name+"/", 1)
				target := filepath.Join(dir, filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
					return err
				}
				f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
				if err != nil {
					return err
				}
				_, werr := f.WriteString(repl.Replace(string(b)))
				if cerr := f.Close(); werr == nil {
					werr = cerr
				}
				written = append(written, rel)
				return werr
			})
			if errors.Is(err, fs.ErrExist) {
				return fail("%v; init never overwrites", err)
			}
			if err != nil {
				return fail("%v", err)
			}
			fmt.Fprintf(stdout, "wrote a portal of %d files in %s: %s\n", len(written), dir, path.Join("content", name))
			fmt.Fprintf(stdout, "next: cd %s && partnerdocs serve\n", dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&title, "title", "Partner Portal", "the portal's title")
	cmd.Flags().StringVar(&year, "year", "", "the first program year (default: this year)")
	return cmd
}
