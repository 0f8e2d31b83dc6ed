package content

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
)

// The last walk with pages added and removed is what a new walk lists,
// in the same order (a folder's entries by name: a/b.md before a.md).
func TestPatchWalkAsWalk(t *testing.T) {
	root := t.TempDir()
	write := func(rel string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	walk := func() []string {
		v := &Version{AssetBy: map[string]*Asset{}}
		var out []string
		for _, f := range walkTree("v", v, DiskTree{Dir: root, SiteRoot: root}, "content/v", &diag.List{}) {
			out = append(out, f.rel)
		}
		return out
	}
	for _, rel := range []string{"a.md", "a/b.md", "a-b.md", "b/_index.md", "b/z.md", "c.md", "A.md"} {
		write(rel)
	}
	before := walk()
	var last []file
	for _, rel := range before {
		last = append(last, file{rel: rel})
	}
	added := []string{"a/a.md", "a.b.md", "b/m.md", "0.md", "d/e/f.md", "b.md", "a/b.md"}
	for _, rel := range added {
		write(rel)
	}
	gone := []string{"c.md", "b/z.md"}
	for _, rel := range gone {
		if err := os.Remove(filepath.Join(root, rel)); err != nil {
			t.Fatal(err)
		}
	}
	set := func(rels []string) map[string]bool {
		m := map[string]bool{}
		for _, r := range rels {
			m[path.Join("content/v", r)] = true
		}
		m["content/other/x.md"] = true // another folder's: not this one's
		return m
	}
	var got []string
	for _, f := range patchWalk(last, "content/v", set(added), set(gone)) {
		got = append(got, f.rel)
	}
	if want := walk(); !slices.Equal(got, want) {
		t.Errorf("patched walk\n%q\nwant, as a new walk,\n%q", got, want)
	}
}
