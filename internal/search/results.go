package search

import (
	"sort"
	"strings"
)

// run scores the words, filters, orders and folds the documents, and
// makes the hits of the first Limit groups.
func (e *engine) run(q Query, words []qword, want map[int]bool, res *Results) (*Results, error) {
	all, corrected, err := e.score(words)
	if err != nil {
		return nil, err
	}
	res.Corrected = correctedQuery(words, corrected)
	res.Fuzzy = res.Corrected != ""
	var kinds, progs map[ref][]string
	if q.Kind != "" || q.Facets {
		kinds = e.values("kind")
	}
	if q.Program != "" || q.Facets {
		progs = e.values("program")
	}
	var refs []ref
	for d, s := range all {
		if !want[d.ix] || q.Kind != "" && !has(kinds[d], q.Kind) || q.Program != "" && !has(progs[d], q.Program) {
			continue
		}
		has := 0.0
		for _, v := range s.voters {
			if v.weak {
				has += WeakShare
			} else {
				has++
			}
		}
		s.score *= has / float64(len(words))
		refs = append(refs, d)
	}
	sort.Slice(refs, func(i, j int) bool { return all[refs[i]].score > all[refs[j]].score })
	// Equal scores in the static index's order: runs of them sorted.
	for i := 0; i < len(refs); {
		j := i + 1
		for j < len(refs) && all[refs[j]].score == all[refs[i]].score {
			j++
		}
		if j-i > 1 && i < max(e.window(q, len(want)), RerankTop) {
			e.order(refs[i:j])
		}
		i = j
	}
	e.rerank(refs[:min(len(refs), RerankTop)], all, words)
	res.Total = uint64(len(refs))
	if q.Facets {
		res.Facets = e.facets(refs, kinds, progs)
	}
	var hits []Hit
	for _, d := range refs[:min(len(refs), e.window(q, len(want)))] {
		st := e.doc(d)
		hits = append(hits, Hit{Title: st.title, URL: st.url, Kind: st.kind, Version: st.version, Score: all[d].score, fold: st.fold, ref: d})
	}
	hits = Fold(hits, e.s.order)
	if len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	for i := range hits {
		e.land(&hits[i], all[hits[i].ref], words)
	}
	res.Hits = append(res.Hits, hits...)
	return res, nil
}

// window is how many of the best documents become hits before folding:
// enough that folding several years' copies still fills the limit.
func (e *engine) window(q Query, versions int) int {
	return min(q.Limit*max(versions, 1)+q.Limit, MaxLimit*4)
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// values reads a keyword field's values of every document.
func (e *engine) values(field string) map[ref][]string {
	out := map[ref][]string{}
	for ix, r := range e.readers {
		fd, err := r.FieldDict(field)
		if err != nil {
			continue
		}
		var terms []string
		for {
			de, err := fd.Next()
			if err != nil || de == nil {
				break
			}
			terms = append(terms, de.Term)
		}
		fd.Close()
		for _, t := range terms {
			tr, err := r.TermFieldReader(e.ctx, []byte(t), field, false, false, false)
			if err != nil {
				continue
			}
			for {
				d, err := tr.Next(nil)
				if err != nil || d == nil {
					break
				}
				k := ref{ix, idOf(d.ID)}
				out[k] = append(out[k], t)
			}
			tr.Close()
		}
	}
	return out
}

// facets counts the matches by kind, program and version.
func (e *engine) facets(refs []ref, kinds, progs map[ref][]string) map[string][]Facet {
	counts := map[string]map[string]int{"kind": {}, "program": {}, "version": {}}
	for _, d := range refs {
		for _, k := range kinds[d] {
			counts["kind"][k]++
		}
		for _, p := range progs[d] {
			counts["program"][p]++
		}
		counts["version"][e.s.order[d.ix]]++
	}
	out := map[string][]Facet{}
	for name, c := range counts {
		fs := []Facet{}
		for v, n := range c {
			fs = append(fs, Facet{Value: v, Label: e.s.labels.Label(name, v), Count: n})
		}
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].Count != fs[j].Count {
				return fs[i].Count > fs[j].Count
			}
			return fs[i].Value < fs[j].Value
		})
		if len(fs) > 20 {
			fs = fs[:20]
		}
		out[name] = fs
	}
	return out
}

// RerankTop is how many of the best documents the section rule looks
// at again; SectionBonus is what each query word after the first that
// points into the same section adds to a document's score, as a share of
// it: words found together in one clause answer a question better than
// the same words spread over a long page.
const (
	RerankTop    = 50
	SectionBonus = 0.25
)

// rerank applies the section bonus to the best documents and orders them
// again (equal scores keep their order).
func (e *engine) rerank(refs []ref, all map[ref]*scored, words []qword) {
	for _, d := range refs {
		s := all[d]
		e.landing(d, s)
		if s.count > 1 {
			s.score *= 1 + SectionBonus*float64(s.count-1)
		}
	}
	sort.SliceStable(refs, func(i, j int) bool { return all[refs[i]].score > all[refs[j]].score })
}

// landing works out, once, the section a document's hit lands on (see
// chooseSection), how many words point there, and where the word that
// gave most is first used in it.
func (e *engine) landing(d ref, s *scored) {
	if s.landed {
		return
	}
	s.landed, s.sec = true, -1
	st := e.doc(d)
	a := analyse(&Entry{Lang: e.s.lang, Title: st.title, Sections: st.sections}, nil, newScratch())
	secOf := map[string]int{}
	atOf := map[string]int{}
	for k, t := range a.terms {
		if a.sec[k] != noSection {
			secOf[t], atOf[t] = int(a.sec[k]), int(a.at[k])
		}
	}
	secs := make([]int, len(s.voters))
	scores := make([]float64, len(s.voters))
	for i, v := range s.voters {
		secs[i], scores[i] = -1, v.score
		if sec, ok := secOf[v.term]; ok {
			secs[i] = sec
		}
	}
	sec, top := chooseSection(secs, scores)
	if sec <= 0 || sec >= len(st.sections) {
		return
	}
	s.sec, s.at = sec, atOf[s.voters[top].term]
	for i, x := range secs {
		if x == sec && !s.voters[i].weak {
			s.count++
		}
	}
}

// land points a hit at its landing section, with a snippet from it
// around the word that gave most, or else the page's description.
func (e *engine) land(h *Hit, s *scored, words []qword) {
	st := e.doc(h.ref)
	e.landing(h.ref, s)
	mark := markSet(words, s.voters)
	if s.sec <= 0 {
		h.Snippet = markText(st.description, mark, e.s.lang)
		return
	}
	h.URL += "#" + st.sections[s.sec].Anchor
	h.Section = st.sections[s.sec].Title
	h.Snippet = markText(window(st.sections[s.sec].Text, s.at), mark, e.s.lang)
}

// chooseSection is the section a hit lands on, given the section each of
// its words points to (-1 none) and the score each gave: the section most
// words point to, then the one they gave more score, then the first, if
// at least half the words point to it; and which word gave it most (its
// snippet is around that word). 0 or -1 mean the page as a whole. The
// static client has the same rule.
func chooseSection(secs []int, scores []float64) (sec, top int) {
	count := map[int]int{}
	sum := map[int]float64{}
	for i, s := range secs {
		if s >= 0 {
			count[s]++
			sum[s] += scores[i]
		}
	}
	sec, top = -1, -1
	for s := range count {
		if sec < 0 || count[s] > count[sec] || count[s] == count[sec] && (sum[s] > sum[sec] || sum[s] == sum[sec] && s < sec) {
			sec = s
		}
	}
	pointing := 0
	for _, s := range secs {
		if s >= 0 {
			pointing++
		}
	}
	if sec < 0 || 2*count[sec] < pointing {
		return -1, -1
	}
	for i, s := range secs {
		if s == sec && (top < 0 || scores[i] > scores[top]) {
			top = i
		}
	}
	return sec, top
}

// markSet is the terms a snippet marks: those the words found.
func markSet(words []qword, voters []voter) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w.term] = true
	}
	for _, v := range voters {
		m[v.term] = true
	}
	return m
}

// markText escapes text and wraps the words whose term is marked.
func markText(text string, mark map[string]bool, lang string) string {
	var b strings.Builder
	last := 0
	type span struct{ from, to int }
	var spans []span
	eachIn(lang, text, nil, func(t, raw string, at int) {
		if mark[t] {
			n := len(raw)
			if raw == "" || at+n > len(text) || !strings.EqualFold(text[at:at+n], raw) {
				n = wordEnd(text, at) - at
			}
			spans = append(spans, span{at, at + n})
		}
	})
	for _, s := range spans {
		if s.from < last {
			continue
		}
		b.WriteString(htmlEscape(text[last:s.from]))
		b.WriteString("<mark>" + htmlEscape(text[s.from:s.to]) + "</mark>")
		last = s.to
	}
	b.WriteString(htmlEscape(text[last:]))
	return b.String()
}

// wordEnd is where the word starting at i ends.
func wordEnd(text string, i int) int {
	for i < len(text) && !isSpace(text[i]) && !(text[i] < 0x80 && isPunct(text[i])) {
		i++
	}
	return i
}
