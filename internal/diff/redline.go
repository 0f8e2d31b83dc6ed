package diff

import (
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
)

// ClauseChange is one clause of an edited terms page that changed: its
// heading's anchor and title, how (changed, added, removed), and for a
// changed clause each changed sentence as a word-level redline.
type ClauseChange struct {
	ID        string     `json:"id,omitempty"`
	Title     string     `json:"title"`
	Kind      string     `json:"kind"`
	Sentences [][]WordOp `json:"sentences,omitempty"`
}

// WordOp is a run of words a redline keeps (=), inserts (+) or deletes (-).
type WordOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Clause change kinds.
const (
	ClauseChanged = "changed"
	ClauseAdded   = "added"
	ClauseRemoved = "removed"
)

// clauseChanges compares a terms page's clauses in two years: clauses
// pair by anchor, then by title; the text before the first heading is a
// clause of its own, titled intro.
func clauseChanges(oldCl, newCl []markdown.Section, intro string) []ClauseChange {
	title := func(s markdown.Section) string {
		if s.Title == "" {
			return intro
		}
		return s.Title
	}
	used := make([]bool, len(oldCl))
	find := func(n markdown.Section) int {
		for i, o := range oldCl {
			if !used[i] && o.ID == n.ID && (o.ID != "" || o.Title == n.Title) {
				return i
			}
		}
		for i, o := range oldCl {
			if !used[i] && o.Title == n.Title {
				return i
			}
		}
		return -1
	}
	var out []ClauseChange
	for _, n := range newCl {
		i := find(n)
		if i < 0 {
			out = append(out, ClauseChange{ID: n.ID, Title: title(n), Kind: ClauseAdded})
			continue
		}
		used[i] = true
		if squeeze(oldCl[i].Text) == squeeze(n.Text) {
			continue
		}
		out = append(out, ClauseChange{ID: n.ID, Title: title(n), Kind: ClauseChanged, Sentences: redline(oldCl[i].Text, n.Text)})
	}
	for i, o := range oldCl {
		if !used[i] {
			out = append(out, ClauseChange{Title: title(o), Kind: ClauseRemoved})
		}
	}
	return out
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// sentences splits text after ., ! or ? followed by a space.
func sentences(text string) []string {
	var out []string
	f := strings.Fields(text)
	start := 0
	for i, w := range f {
		if strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?") {
			out = append(out, strings.Join(f[start:i+1], " "))
			start = i + 1
		}
	}
	if start < len(f) {
		out = append(out, strings.Join(f[start:], " "))
	}
	return out
}

// redline lists the sentences that differ between two texts, each as a
// word-level diff: sentences align by a longest common subsequence, and
// between two aligned ones, the removed and added sentences pair up in
// order (a sentence reworded is one redline, not a deletion and an
// insertion).
func redline(oldText, newText string) [][]WordOp {
	os, ns := sentences(oldText), sentences(newText)
	var out [][]WordOp
	var dels, adds []string
	flush := func() {
		for i := 0; i < len(dels) || i < len(adds); i++ {
			var o, n []string
			if i < len(dels) {
				o = strings.Fields(dels[i])
			}
			if i < len(adds) {
				n = strings.Fields(adds[i])
			}
			out = append(out, wordDiff(o, n))
		}
		dels, adds = nil, nil
	}
	for _, op := range lcs(os, ns) {
		switch op.Op {
		case "=":
			flush()
		case "-":
			dels = append(dels, op.Text)
		case "+":
			adds = append(adds, op.Text)
		}
	}
	flush()
	return out
}

// wordDiff is a word-level diff, runs of one operation joined.
func wordDiff(o, n []string) []WordOp {
	var out []WordOp
	for _, op := range lcs(o, n) {
		if k := len(out); k > 0 && out[k-1].Op == op.Op {
			out[k-1].Text += " " + op.Text
			continue
		}
		out = append(out, op)
	}
	return out
}

// lcs is the edit script from a to b by longest common subsequence:
// deletions before insertions between kept items. Clauses and sentences
// are short; the table is len(a)×len(b), bounded to keep a huge clause
// from costing much (beyond it, the whole is one deletion and insertion).
func lcs(a, b []string) []WordOp {
	if len(a)*len(b) > 1<<20 {
		var out []WordOp
		for _, x := range a {
			out = append(out, WordOp{"-", x})
		}
		for _, x := range b {
			out = append(out, WordOp{"+", x})
		}
		return out
	}
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var out []WordOp
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, WordOp{"=", a[i]})
			i, j = i+1, j+1
		case t[i+1][j] >= t[i][j+1]:
			out = append(out, WordOp{"-", a[i]})
			i++
		default:
			out = append(out, WordOp{"+", b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		out = append(out, WordOp{"-", a[i]})
	}
	for ; j < len(b); j++ {
		out = append(out, WordOp{"+", b[j]})
	}
	return out
}
