package search

import (
	"crypto/sha256"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/parallel"
)

// ExportState carries the preview's static index from one export to the
// next, so an edit's index is current soon after the save: the quick
// export (Quick) scores again only the terms of the documents that
// changed, and writes only the term shards whose content changes.
//
// A quick export is not what a full export of the same documents writes
// (and the files it writes have no .gz sibling):
// it keeps the corpus statistics of the last full export (the number of
// documents and the fields' total lengths, which every score depends on
// a little), and its shards keep their terms. The preview runs the full
// export after it, whose files replace the quick one's when it is done;
// a build for publishing never makes a quick one.
type ExportState struct {
	mu   sync.Mutex
	last *exported
}

// NewExportState returns a state with no export yet.
func NewExportState() *ExportState { return &ExportState{} }

// exported is an export's state.
type exported struct {
	ids    []string // document ids in export order
	hashes []string // their hashes
	docs   []*Entry
	per    []*Analysed
	key    string // what else the export depends on (exportKey)
	stats  Corpus // of the last full export
	termID map[string]int32
	names  []string    // terms by id
	df     []int       // by term id
	inv    [][]docTerm // every document of each term, by term id
	best   [][]posting // the postings the shards hold, by term id
	groups [][]string  // each term shard's terms
	// windows are the snippets made so far.
	windows map[winKey]string
	meta    Meta
	files   map[string][]byte // with their .gz siblings
	// fullDF are the document frequencies of the last full export, by
	// term id, which its terms are scored with (see scoreDF).
	fullDF []int
	// shown is, per document, a hash of what a result shows of it (shows).
	shown [][16]byte
	// lens are the field lengths pages edited since the last full
	// export are scored with: those they had then.
	lens map[int32][NumFields]int
	// full says the state is a full export's, not changed since by a
	// quick one: an edit that changes no document has the same index.
	full bool
}

// exportKey is what an export depends on besides its documents and
// dictionary, as one string: a change of it is never quick.
func exportKey(in exportInput) string {
	b, _ := json.Marshal([]any{in.versions, in.latest, in.labels, in.syn})
	return string(b)
}

// lastFiles are the files of the last export, quick or full.
func (st *ExportState) lastFiles() map[string][]byte {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.last == nil {
		return nil
	}
	return st.last.files
}

// remember keeps a full export's state.
func (st *ExportState) remember(x *exporter, in exportInput, postings map[string][]posting, groups [][]string, files map[string][]byte) {
	e := &exported{docs: x.docs, per: x.per, key: exportKey(in), stats: x.stats, termID: x.termID, names: x.names,
		df: x.df, fullDF: x.df, inv: x.inv, groups: groups, windows: x.windows, meta: x.meta, files: files, full: true}
	e.best = make([][]posting, len(x.names))
	for id, t := range x.names {
		e.best[id] = postings[t]
	}
	e.ids = make([]string, len(x.docs))
	e.hashes = make([]string, len(x.docs))
	e.shown = make([][16]byte, len(x.docs))
	for i, d := range x.docs {
		e.ids[i], e.hashes[i], e.shown[i] = d.ID, d.Hash(), shows(d)
	}
	st.mu.Lock()
	st.last = e
	st.mu.Unlock()
}

// Quick is the quick export of docs (see ExportState), or nil when the
// last export's state cannot make it: there is none, many pages were
// added or removed since the last full export, or the versions, labels
// or synonyms changed. unchanged reports that no
// document or word changed since a full export, whose files are returned:
// a full export now would write the same.
func (st *ExportState) Quick(docs []Entry, an []Analysed, dict []Word, versions []string, latest string, labels Labels, syn Synonyms) (files map[string][]byte, unchanged bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	e := st.last
	in := exportInput{docs, an, dict, versions, latest, labels, syn}
	if e == nil || exportKey(in) != e.key {
		return nil, false
	}
	x := &exporter{files: map[string][]byte{}, stop: func() bool { return false }}
	x.order(docs, an, versions)
	// The documents keep their numbers; a page added is numbered after
	// the last, and a page gone leaves an empty document in its place,
	// without terms (the full export numbers them all again).
	pos := make(map[string]int, len(e.ids))
	for i, id := range e.ids {
		pos[id] = i
	}
	had := len(e.ids)
	qdocs, qper := make([]*Entry, had), make([]*Analysed, had)
	ids := slices.Clip(e.ids)
	for j, d := range x.docs {
		if p, ok := pos[d.ID]; ok {
			qdocs[p], qper[p] = d, x.per[j]
			continue
		}
		qdocs, qper, ids = append(qdocs, d), append(qper, x.per[j]), append(ids, d.ID)
	}
	hashes := make([]string, len(qdocs))
	empty := 0
	for i, d := range qdocs {
		if d == nil {
			// Gone: "" is an empty document's hash. It keeps its kind, so
			// the meta file lists no kind no page has.
			qdocs[i], qper[i] = &Entry{ID: e.ids[i], Version: e.docs[i].Version, Kind: e.docs[i].Kind}, &Analysed{}
			empty++
			continue
		}
		hashes[i] = d.Hash()
	}
	if empty+len(qdocs)-had > max(64, had/10) {
		return nil, false // many pages added or gone: the full export
	}
	x.docs, x.per = qdocs, qper
	x.describe(in)
	var changed []int
	for i := range qdocs {
		if i >= had || hashes[i] != e.hashes[i] {
			changed = append(changed, i)
		}
	}
	x.wordShards(dict)
	if len(changed) == 0 && slices.EqualFunc(x.meta.Words, e.meta.Words, slices.Equal) {
		return e.files, e.full
	}
	// The next state, n, starts as a shallow copy of e; what changes is
	// copied first, so e is never changed.
	n := *e
	n.df, n.inv, n.best, n.names = slices.Clone(e.df), slices.Clone(e.inv), slices.Clone(e.best), slices.Clip(e.names)
	n.groups, n.windows = slices.Clone(e.groups), maps.Clone(e.windows)
	n.ids, n.hashes = ids, hashes
	e = &n
	touched, isChanged := e.moveTerms(changed, had, x.per)
	// A page that was there is scored with the field lengths it had at
	// the last full export, as the other pages are with its statistics:
	// a term whose count in it did not change keeps its posting, and its
	// shard is not written again unless what a result shows of the page
	// (title, address, description, sections) changed.
	e.lens = maps.Clone(e.lens)
	shown := map[int32]bool{}
	e.shown = slices.Clone(e.shown)
	for _, i := range changed {
		was := i < had && e.hashes[i] != "" && hashes[i] != ""
		now := shows(x.docs[i])
		if i >= len(e.shown) {
			e.shown = append(e.shown, now)
		}
		if !was || e.shown[i] != now {
			shown[int32(i)] = true
		}
		e.shown[i] = now
		if _, ok := e.lens[int32(i)]; was && !ok {
			if e.lens == nil {
				e.lens = map[int32][NumFields]int{}
			}
			e.lens[int32(i)] = e.per[i].lens
		}
	}
	e.docs, e.per = x.docs, x.per
	x.termID, x.names, x.df, x.inv, x.stats, x.windows, x.lens = e.termID, e.names, e.df, e.inv, e.stats, e.windows, e.lens
	for k := range x.windows {
		if isChanged[int32(k.doc)] {
			delete(x.windows, k)
		}
	}
	// The terms whose shard changes: their postings did, or they name a
	// document whose title, description or sections changed.
	var dirty, added, gone []string
	// Scored on every core: a page's terms gone or new change their
	// document counts, and with them the score of every page they have.
	tids := slices.Sorted(maps.Keys(touched))
	scored := make([][]posting, len(tids))
	parallel.Each(len(tids), func(j int) {
		id := tids[j]
		bf := touched[id]
		ps := x.rescored(e, id, e.best[id], bf.df, bf.docs, isChanged)
		if ps == nil {
			ps = make([]posting, 0, len(e.inv[id]))
			for _, d := range e.inv[id] {
				ps = append(ps, x.posting(e.stats, int(d.doc), int(d.k), e.scoreDF(id)))
			}
			ps = best(ps)
		}
		scored[j] = ps
	})
	for j, id := range tids {
		was, ps := e.best[id], scored[j]
		e.best[id] = ps
		t := e.names[id]
		switch {
		case len(was) == 0 && len(ps) > 0:
			added = append(added, t)
		case len(was) > 0 && len(ps) == 0:
			gone = append(gone, t)
		case !slices.Equal(was, ps) || slices.ContainsFunc(ps, func(p posting) bool { return shown[p.doc] }):
			dirty = append(dirty, t)
		}
	}
	postings := func(t string) []posting {
		if id, ok := e.termID[t]; ok {
			return e.best[id]
		}
		return nil
	}
	redo, ok := e.regroup(dirty, added, gone, syn)
	if !ok {
		return nil, false
	}
	x.ensureWindows(func(yield func([]posting) bool) {
		for g := range redo {
			for _, t := range e.groups[g] {
				if !yield(postings(t)) {
					return
				}
			}
		}
		for _, t := range x.synTerms(postings) {
			for _, s := range syn.of(t) {
				if !yield(postings(s)) {
					return
				}
			}
		}
	})
	synT := x.synTerms(postings)
	order := make([]int, 0, len(redo))
	for g := range redo {
		order = append(order, g)
	}
	sort.Ints(order)
	shards := make([]*TermShard, len(order))
	estimates := make([]int, len(order))
	for i, g := range order {
		after := ""
		if g > 0 {
			after = e.groups[g-1][len(e.groups[g-1])-1]
		}
		shards[i], estimates[i] = x.shard(e.groups[g], after, g == len(e.groups)-1, postings, synT)
	}
	names, raws := x.encode(shards, estimates)
	// The files: the last export's, less the replaced shards and word
	// pages, with the new ones.
	x.meta.Shards = make([][]string, len(e.groups))
	for g, grp := range e.groups {
		x.meta.Shards[g] = []string{grp[0], grp[len(grp)-1], e.meta.Shards[g][2]}
	}
	keepFiles := map[string]bool{}
	for i, g := range order {
		x.meta.Shards[g][2] = names[i]
		x.files[names[i]] = raws[i]
	}
	for _, s := range x.meta.Shards {
		keepFiles[s[2]] = true
	}
	for _, w := range x.meta.Words {
		keepFiles[w[2]] = true
	}
	raw, _ := json.Marshal(x.meta)
	x.files["meta.json"] = raw
	// The new files go without a .gz sibling: the preview server sends
	// files as they are, and the full export adds them.
	fresh := x.files
	out := make(map[string][]byte, len(e.files)+len(fresh))
	for n, b := range e.files {
		name := strings.TrimSuffix(n, ".gz")
		if keepFiles[name] {
			out[n] = b
		}
	}
	for n, b := range fresh {
		out[n] = b
	}
	e.meta, e.files, e.full = x.meta, out, false
	st.last = e
	return out, false
}

// rescored is the best postings of term id after an edit, from was, its
// best before, when no other document's score changed (its document
// frequency, df before, did not) and was holds every posting that can be
// among the best now; nil otherwise. docs is how many documents had the
// term before.
func (x *exporter) rescored(e *exported, id int32, was []posting, df, docs int, isChanged map[int32]bool) []posting {
	if e.scoreDF(id) != df {
		return nil
	}
	out := make([]posting, 0, len(was)+4)
	for _, p := range was {
		if !isChanged[p.doc] {
			out = append(out, p)
		}
	}
	for _, d := range e.inv[id] {
		if isChanged[d.doc] {
			out = append(out, x.posting(e.stats, int(d.doc), int(d.k), df))
		}
	}
	slices.SortFunc(out, rank)
	if docs <= len(was) {
		// Every posting was there.
		if len(out) > MaxPostings {
			out = out[:MaxPostings]
		}
		return out
	}
	// Postings not in was rank after its last; what ranks after that
	// here may rank after them too.
	if len(was) == 0 {
		return nil
	}
	cut := was[len(was)-1]
	n, _ := slices.BinarySearchFunc(out, cut, rank)
	for n < len(out) && rank(out[n], cut) <= 0 {
		n++
	}
	if n < MaxPostings {
		return nil
	}
	return out[:MaxPostings]
}

// shows hashes what a result shows of a document besides its snippets:
// its title, address and description, and its sections' anchors and
// titles.
func shows(d *Entry) [16]byte {
	var b strings.Builder
	for _, s := range []string{d.Title, d.URL, d.Description} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	for _, s := range d.Sections {
		b.WriteString(s.Anchor)
		b.WriteByte(1)
		b.WriteString(s.Title)
		b.WriteByte(0)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return [16]byte(sum[:16])
}

// scoreDF is the document frequency term id is scored with: the last full
// export's, as the number of documents and the field lengths are, so a
// page added or gone changes no other page's score; a term new since, its
// own.
func (e *exported) scoreDF(id int32) int {
	if int(id) < len(e.fullDF) && e.fullDF[id] > 0 {
		return e.fullDF[id]
	}
	return e.df[id]
}

// before is a term's document frequency (as scored) and count before an
// edit.
type before struct{ df, docs int }

// moveTerms has each changed document (numbers; those from had on are
// new) leave its old terms and join its new ones (per, by number). It
// returns the terms it touched, as they were before, and the changed
// documents.
func (e *exported) moveTerms(changed []int, had int, per []*Analysed) (map[int32]before, map[int32]bool) {
	touched := map[int32]before{}
	touch := func(id int32) {
		if _, ok := touched[id]; !ok {
			touched[id] = before{e.scoreDF(id), len(e.inv[id])}
		}
	}
	isChanged := map[int32]bool{}
	newTerms := false
	for _, i := range changed {
		isChanged[int32(i)] = true
		old := &Analysed{}
		if i < had {
			old = e.per[i]
		}
		for k, t := range old.terms {
			id := e.termID[t]
			touch(id)
			e.inv[id] = slices.DeleteFunc(slices.Clone(e.inv[id]), func(d docTerm) bool { return d.doc == int32(i) })
			if !weakTF(old.tf[k]) {
				e.df[id]--
			}
		}
		a := per[i]
		for k, t := range a.terms {
			id, ok := e.termID[t]
			if !ok {
				if !newTerms {
					e.termID, newTerms = maps.Clone(e.termID), true
				}
				id = int32(len(e.names))
				e.termID[t] = id
				e.names = append(e.names, t)
				e.df = append(e.df, 0)
				e.inv = append(e.inv, nil)
				e.best = append(e.best, nil)
			}
			touch(id)
			e.inv[id] = append(slices.Clip(e.inv[id]), docTerm{int32(i), int32(k)})
			if !weakTF(a.tf[k]) {
				e.df[id]++
			}
		}
	}
	return touched, isChanged
}

// regroup puts the terms added and gone in the shards' groups and lists
// the groups whose shards are written again: those of the terms added,
// gone or dirty, and of every word of their synonym groups; ok is false
// when a group would be left empty.
func (e *exported) regroup(dirty, added, gone []string, syn Synonyms) (redo map[int]bool, ok bool) {
	// The group a term belongs in: the first whose last term is not
	// before it, or the last.
	groupOf := func(t string) int {
		g := sort.Search(len(e.groups), func(j int) bool { return e.groups[j][len(e.groups[j])-1] >= t })
		return min(g, len(e.groups)-1)
	}
	redo = map[int]bool{}
	for _, t := range gone {
		g := groupOf(t)
		j, found := slices.BinarySearch(e.groups[g], t)
		if !found {
			return nil, false
		}
		e.groups[g] = slices.Delete(slices.Clone(e.groups[g]), j, j+1)
		if len(e.groups[g]) == 0 {
			return nil, false
		}
		redo[g] = true
		if j == len(e.groups[g]) && g+1 < len(e.groups) {
			// The group's last term changed: the synonyms that sort
			// between it and the old one go with the next shard now.
			redo[g+1] = true
		}
	}
	for _, t := range added {
		g := groupOf(t)
		j, _ := slices.BinarySearch(e.groups[g], t)
		e.groups[g] = slices.Insert(slices.Clone(e.groups[g]), j, t)
		redo[g] = true
	}
	for _, t := range dirty {
		redo[groupOf(t)] = true
	}
	// A term's synonyms are copied into the shard of each word of their
	// groups.
	for _, t := range slices.Concat(dirty, added, gone) {
		for _, g := range syn {
			if slices.Contains(g, t) {
				for _, w := range g {
					redo[groupOf(w)] = true
				}
			}
		}
	}
	return redo, true
}
