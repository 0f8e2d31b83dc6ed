package search

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// quickDocs are 420 pages over a small vocabulary: common terms have more
// documents than a shard keeps (MaxPostings), rare ones a few.
func quickDocs() []Entry {
	r := rand.New(rand.NewSource(7))
	vocab := strings.Fields("partner program tier benefit deal registration claim rebate market fund " +
		"gold silver platinum enablement course exam playbook margin discount renewal quota region cloud " +
		"security pipeline runner license seat audit compliance onboarding portal")
	var docs []Entry
	for i := 0; i < 420; i++ {
		var text, more strings.Builder
		for w := 0; w < 30+r.Intn(30); w++ {
			text.WriteString(vocab[r.Intn(len(vocab))] + " ")
		}
		for w := 0; w < 10; w++ {
			more.WriteString(vocab[r.Intn(len(vocab))] + " ")
		}
		fmt.Fprintf(&more, "rare%d", i%37)
		docs = append(docs, Entry{ID: fmt.Sprintf("v1:p%03d", i), Title: fmt.Sprintf("Page %d %s", i, vocab[i%len(vocab)]),
			Description: "About " + vocab[(i*7)%len(vocab)], Kind: "guide", Version: "v1", URL: fmt.Sprintf("v1/p%03d/", i),
			Sections: []Section{{Text: text.String()}, {Anchor: "more", Title: "More", Text: more.String()}}})
	}
	return docs
}

// indexView is what a static index answers, whatever its shards: per
// term, its postings with the title, address and description of each
// document and the section it points to, and the synonyms' postings
// attached to it.
type indexView struct {
	meta  Meta
	terms map[string]string
}

func viewOf(t *testing.T, files map[string][]byte) indexView {
	t.Helper()
	var v indexView
	if err := json.Unmarshal(files["meta.json"], &v.meta); err != nil {
		t.Fatal(err)
	}
	v.terms = map[string]string{}
	for _, s := range v.meta.Shards {
		var sh TermShard
		if err := json.Unmarshal(files[s[2]], &sh); err != nil {
			t.Fatalf("shard %s: %v", s[2], err)
		}
		describe := func(post []int, sect [][]string) string {
			var b strings.Builder
			for j := 0; j+2 < len(post); j += 3 {
				fmt.Fprintf(&b, "%d %d %d %q %q; ", post[j], post[j+1], post[j+2], sh.Docs[fmt.Sprint(post[j])], sect[j/3])
			}
			return b.String()
		}
		for k, term := range sh.Terms {
			if term < s[0] || term > s[1] {
				t.Errorf("term %q outside its shard's range %q..%q", term, s[0], s[1])
			}
			v.terms[term] = describe(sh.Post[k], sh.Sect[k])
		}
		for w, list := range sh.Syn {
			for _, sp := range list {
				v.terms["syn "+w+" "+sp.Term] = describe(sp.Post, sp.Sect)
			}
		}
	}
	v.meta.Shards = nil
	return v
}

func exportOf(docs []Entry, syn Synonyms, st *ExportState) map[string][]byte {
	an, words := AnalyseDocs(docs, nil)
	return export(nil, exportInput{docs, an, words, []string{"v1"}, "v1", nil, syn}, st)
}

func quickOf(t *testing.T, st *ExportState, docs []Entry, syn Synonyms) (map[string][]byte, bool) {
	t.Helper()
	an, words := AnalyseDocs(docs, nil)
	return st.Quick(docs, an, words, []string{"v1"}, "v1", nil, syn)
}

// TestQuickExportAnswersAsFull: after edits that leave the corpus's
// statistics as they were (a word replaced by another), the quick export
// answers every term exactly as a full export of the edited pages, common
// terms past MaxPostings and synonyms included; edits that change them
// still leave the edited page findable by its new words only.
func TestQuickExportAnswersAsFull(t *testing.T) {
	// Synonyms far apart in the alphabet, so in different shards.
	syn := Synonyms{{"audit", "tier"}, {"fund", "mdf"}}
	docs := quickDocs()
	// The page of the edit below that falls out of a term's best.
	dropped := 0
	for i := range docs {
		if strings.Count(docs[i].Sections[0].Text, "partner ") >= 3 && len(docs[i].Sections[0].Text) > len(docs[dropped].Sections[0].Text) {
			dropped = i
		}
	}
	st := NewExportState()
	first := exportOf(docs, syn, st)
	dfFull := dfOf(docs)
	if !strings.Contains(viewOf(t, first).terms["partner"], fmt.Sprintf(`"v1/p%03d/"`, dropped)) {
		t.Fatalf("page %d is not among the best of \"partner\" to begin with", dropped)
	}
	if v := viewOf(t, first); len(v.meta.Words) == 0 || strings.Count(string(first["meta.json"]), "t-") < 3 {
		t.Fatalf("the test index should have several term shards and a dictionary: %s", first["meta.json"][:200])
	}
	if files, unchanged := quickOf(t, st, docs, syn); !unchanged || !reflect.DeepEqual(files, first) {
		t.Fatal("nothing changed, yet the quick export is not the full one's files")
	}
	edits := []struct {
		name string
		edit func([]Entry)
	}{
		{"a common word replaced by another", func(d []Entry) {
			d[5].Sections[0].Text = strings.Replace(d[5].Sections[0].Text, "partner", "seat", 1)
		}},
		{"a title and a description", func(d []Entry) {
			d[17].Title = "Renamed page market"
			d[17].Description = "About renewal" // as many words
		}},
		{"a new word, in place of a common one", func(d []Entry) {
			d[300].Sections[1].Text = strings.Replace(d[300].Sections[1].Text, "rare", "zyzzyva", 1)
		}},
		{"a synonym's word", func(d []Entry) {
			d[42].Sections[0].Text = strings.Replace(d[42].Sections[0].Text, "margin", "tier", 1)
		}},
		{"a page drops out of a common term's best", func(d []Entry) {
			// The longest page with several "partner"s keeps one: the term's
			// document count is the same, the page's score falls below
			// the postings the shard keeps.
			txt := strings.ReplaceAll(d[dropped].Sections[0].Text, "partner ", "cloud ")
			d[dropped].Sections[0].Text = strings.Replace(txt, "cloud ", "partner ", 1)
		}},
		{"the best page of a common term loses it", func(d []Entry) {
			d[1].Sections[0].Text = strings.ReplaceAll(d[1].Sections[0].Text, "partner", "cloud")
		}},
	}
	for _, e := range edits {
		e.edit(docs)
		for i := range docs {
			docs[i].hash = ""
		}
		quick, unchanged := quickOf(t, st, docs, syn)
		if quick == nil || unchanged {
			t.Fatalf("%s: no quick export (unchanged %v)", e.name, unchanged)
		}
		full := exportOf(docs, syn, nil)
		q, f := viewOf(t, quick), viewOf(t, full)
		if strings.HasPrefix(e.name, "a page drops") && strings.Contains(f.terms["partner"], fmt.Sprintf(`"v1/p%03d/"`, dropped)) {
			t.Fatalf("page %d is still among the best of \"partner\": the edit tests nothing", dropped)
		}
		if !reflect.DeepEqual(q.meta, f.meta) {
			t.Errorf("%s: meta differs:\nquick %+v\nfull  %+v", e.name, q.meta, f.meta)
		}
		bad := 0
		now := dfOf(docs)
		for term, want := range f.terms {
			if now[term] != dfFull[term] {
				// Scored with the count of the last full export: the same
				// pages, in an order that may differ by rounding.
				if a, b := docSet(q.terms[term]), docSet(want); strings.Count(want, "; ") < MaxPostings && a != b {
					t.Errorf("%s: term %q (document count changed) finds other pages:\nquick %.300s\nfull  %.300s", e.name, term, a, b)
				}
				continue
			}
			if q.terms[term] != want {
				if bad++; bad <= 3 {
					qs, fs := strings.Split(q.terms[term], "; "), strings.Split(want, "; ")
					k := 0
					for k < len(qs) && k < len(fs) && qs[k] == fs[k] {
						k++
					}
					t.Errorf("%s: term %q, posting %d of %d/%d\nquick %.300s\nfull  %.300s", e.name, term, k, len(qs), len(fs), strings.Join(qs[k:], "; "), strings.Join(fs[k:], "; "))
				}
			}
		}
		for term := range q.terms {
			if _, ok := f.terms[term]; !ok {
				t.Errorf("%s: the quick export has term %q, the full one not", e.name, term)
			}
		}
		for name := range quick {
			if strings.HasPrefix(name, "t-") && !strings.HasSuffix(name, ".gz") && !strings.Contains(string(quick["meta.json"]), name) {
				t.Errorf("%s: %s is left over from the last export", e.name, name)
			}
		}
	}
	// A word added to a page: its other terms keep their postings (the
	// page is scored with its length before the edit), so one shard is
	// written again, not one per term of the page.
	last := quickFiles(st)
	docs[50].Sections[0].Text += " wallaby"
	docs[50].hash = ""
	quick, _ := quickOf(t, st, docs, syn)
	rewritten := 0
	for name := range quick {
		if _, ok := last[name]; !ok && strings.HasPrefix(name, "t-") {
			rewritten++
		}
	}
	if rewritten != 1 || !strings.Contains(viewOf(t, quick).terms["wallabi"], `"v1/p050/"`) {
		t.Errorf("a word added: %d shards written again (want 1), wallaby finds %.100q", rewritten, viewOf(t, quick).terms["wallabi"])
	}
	// The text grows: the statistics differ, the page is found by its
	// new word, not by the one it lost.
	docs[9].Sections[1].Text = strings.ReplaceAll(docs[9].Sections[1].Text, "rare", "") + " quokka quokka quokka"
	for i := range docs {
		docs[i].hash = ""
	}
	quick, _ = quickOf(t, st, docs, syn)
	v := viewOf(t, quick)
	if !strings.HasPrefix(v.terms["quokka"], "9 ") {
		t.Errorf("the new word points to %q; want page 9", v.terms["quokka"])
	}
	if strings.HasPrefix(v.terms["rare9"], "9 ") || strings.Contains(v.terms["rare9"], "; 9 ") {
		t.Errorf("page 9 is still found by the word it lost: %q", v.terms["rare9"])
	}
	// A page added: numbered after the last, found by its words.
	docs = append(docs, Entry{ID: "v1:p050a", Title: "New", Version: "v1", URL: "v1/p050a/", Kind: "guide", Sections: []Section{{Text: "partner wombat"}}})
	quick, unchanged := quickOf(t, st, docs, syn)
	if quick == nil || unchanged {
		t.Fatal("no quick export of a site with a page added")
	}
	v = viewOf(t, quick)
	if want := fmt.Sprint(len(docs)-1, " "); !strings.HasPrefix(v.terms["wombat"], want) || !strings.Contains(v.terms["wombat"], `"v1/p050a/"`) {
		t.Errorf("the new page's word points to %q; want document %s(v1/p050a/)", v.terms["wombat"], want)
	}
	if v.meta.Count != len(docs) || len(v.meta.DocKind) != len(docs) {
		t.Errorf("meta counts %d documents (%d kinds); want %d", v.meta.Count, len(v.meta.DocKind), len(docs))
	}
	// A page deleted: its number stays, with no terms; no term finds it.
	gone := docs[33]
	docs = slices.Delete(docs, 33, 34)
	quick, _ = quickOf(t, st, docs, syn)
	if quick == nil {
		t.Fatal("no quick export of a site with a page deleted")
	}
	v = viewOf(t, quick)
	for term, answer := range v.terms {
		if strings.Contains(answer, `"`+gone.URL+`"`) {
			t.Errorf("term %q still finds the deleted page: %.200s", term, answer)
		}
	}
	if v.terms["wombat"] == "" {
		t.Error("the page added before is lost")
	}
	if slices.Contains(v.meta.Kinds, "") {
		t.Errorf("the deleted page left an empty kind in the meta file: %q", v.meta.Kinds)
	}
	// Back to a full export, whose state the next quick one starts from.
	full := exportOf(docs, syn, st)
	if files, unchanged := quickOf(t, st, docs, syn); !unchanged || !reflect.DeepEqual(files, full) {
		t.Error("after a full export, nothing changed, yet the quick export differs")
	}
	// Many pages gone at once: the full export.
	if files, _ := quickOf(t, st, docs[:300], syn); files != nil {
		t.Error("a quick export with a third of the pages gone")
	}
}

// TestDictionaryRecounted: after the first build, the typo dictionary is
// counted from the last one's; it must be what counting every document
// gives, through edits, pages added and gone, and two pages alike.
func TestDictionaryRecounted(t *testing.T) {
	cache := NewAnalysisCache()
	docs := quickDocs()[:60]
	steps := []func(){
		func() {},
		func() { docs[3].Sections[0].Text += " wombat wombats" },
		func() { docs = slices.Delete(docs, 10, 12) },
		func() { docs = append(docs, docs[5]); docs[len(docs)-1].ID = "v1:copy" },
		func() { docs[3].Sections[0].Text = "partner" },
		func() { docs = docs[:40] },
	}
	for i, step := range steps {
		step()
		for k := range docs {
			docs[k].hash = ""
		}
		_, got := AnalyseDocs(docs, cache)
		fresh := slices.Clone(docs)
		for k := range fresh {
			fresh[k].hash = ""
		}
		_, want := AnalyseDocs(fresh, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: the recounted dictionary differs from a fresh count (%d words, want %d)", i, len(got), len(want))
		}
	}
}

// quickFiles are the files of the last export of st.
func quickFiles(st *ExportState) map[string][]byte { return st.lastFiles() }

// dfOf counts the documents of each term.
func dfOf(docs []Entry) map[string]int {
	an, _ := AnalyseDocs(docs, nil)
	df := map[string]int{}
	for _, a := range an {
		for _, t := range a.terms {
			df[t]++
		}
	}
	return df
}

// docSet is the documents of a term's answer (viewOf), in order of number.
func docSet(answer string) string {
	var ds []int
	for _, p := range strings.Split(answer, "; ") {
		if f := strings.Fields(p); len(f) > 0 {
			n, _ := strconv.Atoi(f[0])
			ds = append(ds, n)
		}
	}
	slices.Sort(ds)
	return fmt.Sprint(ds)
}
