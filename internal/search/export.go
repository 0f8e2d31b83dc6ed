package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/partnerdocs/partnerdocs/internal/parallel"
)

// Static index parameters. Postings are capped per term: a term found on
// thousands of pages keeps its best-scoring pages only, which bounds the
// download of a common word; the bleve index keeps everything.
const (
	k1             = 1.2
	b              = 0.75
	MaxPostings    = 300
	InlinePerTerm  = 10   // best pages of each term with a snippet in its shard
	DescPerTerm    = 3    // best pages of each term with their description
	ShardPostings  = 6000 // postings per term shard, roughly
	ShardInline    = 250  // inline documents per term shard, at most
	descriptionLen = 120
	// WordsPerShard is the size of a page of the typo dictionary.
	WordsPerShard = 4000
	// MaxTermShards bounds the number of term files at any size of site
	// (the budget is 500 files in all, each with its .gz, the dictionary
	// and the meta file included): past it, term shards grow instead.
	MaxTermShards = 240
)

// Meta is the first file the client loads.
type Meta struct {
	Version  int        `json:"v"`
	Count    int        `json:"n"`
	Versions []string   `json:"versions"`
	Latest   string     `json:"latest"`
	Kinds    []string   `json:"kinds"`
	Programs []string   `json:"programs"`
	DocKind  []int      `json:"dk"`
	DocVer   []int      `json:"dv"`
	DocProg  [][]int    `json:"dp"`
	Shards   [][]string `json:"shards"` // [first, last, file]
	// Words are the pages of the typo dictionary, [first, last, file] by
	// dictKey (first letter, length, word).
	Words [][]string `json:"words"`
	// Lang is the analysis of the index's language ("en", "de", "cjk"),
	// which the client applies to queries; Stop its stop words.
	Lang string   `json:"lang"`
	Stop []string `json:"stop"`
	// Syn are the synonym groups, as terms (see Synonyms).
	Syn Synonyms `json:"syn,omitempty"`
	// Labels name filter values for readers (see Labels).
	Labels Labels `json:"labels"`
	// Fold pairs each copy of a page in an older year with the copy in
	// the newest year that has it: [doc, newest, doc, newest, ...]. The
	// client folds results with it as Fold does.
	Fold []int `json:"fold,omitempty"`
	// Moved are the addresses of folded copies whose address differs from
	// their group's (a page a newer year renamed), by document number: the
	// client shows them without loading their metadata.
	Moved map[string]string `json:"moved,omitempty"`
}

// TermShard is a range of terms with their postings. A result needs no
// other file: every document a posting names is described here.
type TermShard struct {
	Terms []string `json:"t"`
	// Post holds, per term, doc index, score and section triples, best
	// first (a weak posting's score written as -score-1: see posting); the section is the one of the document the term points to
	// (-1 none: see Analysed).
	Post [][]int `json:"p"`
	// Docs describes each document the shard's postings name: [title,
	// url], with its description for those among a term's best
	// DescPerTerm.
	Docs map[string][]string `json:"d"`
	// Sect is, per term and posting, the section the term points to:
	// [anchor, section title], with the text around the term's first use
	// there for the term's best InlinePerTerm documents; null for none.
	Sect [][][]string `json:"s"`
	// Syn holds, for each term this shard covers (its own, or one that
	// would sort into it) that has synonyms in the index, their postings
	// and sections as Post and Sect do: a query word needs its own shard
	// only, however many synonyms it has.
	Syn map[string][]SynPostings `json:"y,omitempty"`
}

// SynPostings are a synonym's postings, copied into the shard of the
// word it stands for.
type SynPostings struct {
	Term string     `json:"t"`
	Post []int      `json:"p"`
	Sect [][]string `json:"s"`
}

// Export builds the static index of docs, whose analysis an holds (one
// per document, in the same order). versions lists index names in display
// order (the latest version first). It returns files by name, each with a
// .gz sibling, ready to write under /search/idx/.
func Export(docs []Entry, an []Analysed, dict []Word, versions []string, latest string, labels Labels) map[string][]byte {
	return ExportUnless(nil, docs, an, dict, versions, latest, labels, nil)
}

// ExportUnless is Export that gives up, returning nil, once stop reports
// true (checked between steps and every few hundred terms): the preview
// stops the export of an edit when the next edit comes (nil: never).
func ExportUnless(stop func() bool, docs []Entry, an []Analysed, dict []Word, versions []string, latest string, labels Labels, syn Synonyms) map[string][]byte {
	return export(stop, exportInput{docs, an, dict, versions, latest, labels, syn}, nil)
}

// exportInput is what an export is made from.
type exportInput struct {
	docs     []Entry
	an       []Analysed
	dict     []Word
	versions []string
	latest   string
	labels   Labels
	syn      Synonyms
}

// export is ExportUnless that, given a state, leaves in it what a quick
// export of the next edit needs (see ExportState).
func export(stop func() bool, in exportInput, keep *ExportState) map[string][]byte {
	if stop == nil {
		stop = func() bool { return false }
	}
	if stop() {
		return nil
	}
	x := &exporter{files: map[string][]byte{}, stop: stop, keep: keep != nil}
	x.begin(in)
	x.number()
	if stop() {
		return nil
	}
	postings, terms := x.score()
	if stop() {
		return nil
	}
	x.wordShards(in.dict)
	groups := x.cut(postings, terms)
	x.windows = map[winKey]string{}
	x.ensureWindows(func(yield func([]posting) bool) {
		for _, ps := range postings {
			if !yield(ps) {
				return
			}
		}
	})
	if stop() {
		return nil
	}
	lookup := func(t string) []posting { return postings[t] }
	if !x.termShards(groups, lookup) {
		return nil
	}
	raw, _ := json.Marshal(x.meta)
	x.files["meta.json"] = raw
	var last map[string][]byte
	if keep != nil {
		last = keep.lastFiles()
	}
	out := gzipAll(x.files, stop, last)
	if out != nil && keep != nil {
		keep.remember(x, in, postings, groups, out)
	}
	return out
}

// begin puts the documents in order and makes the meta file's
// per-document arrays, its folds and labels.
func (x *exporter) begin(in exportInput) {
	x.order(in.docs, in.an, in.versions)
	x.describe(in)
}

// describe makes the meta file's per-document arrays, its folds and
// labels, for the documents in x.docs.
func (x *exporter) describe(in exportInput) {
	lang := ""
	if len(in.docs) > 0 {
		lang = in.docs[0].Lang
	}
	x.meta = Meta{Version: 3, Count: len(x.docs), Versions: in.versions, Latest: in.latest, Lang: langKey(lang), Stop: stopWordsFor(lang), Labels: x.usedLabels(in.labels), Syn: in.syn}
	x.meta.Fold = x.fold()
	kindIdx, progIdx := map[string]int{}, map[string]int{}
	index := func(m map[string]int, list *[]string, s string) int {
		if i, ok := m[s]; ok {
			return i
		}
		m[s] = len(*list)
		*list = append(*list, s)
		return m[s]
	}
	meta := &x.meta
	for _, d := range x.docs {
		meta.DocKind = append(meta.DocKind, index(kindIdx, &meta.Kinds, d.Kind))
		meta.DocVer = append(meta.DocVer, x.vorder[d.Version])
		var ps []int
		for _, p := range d.Program {
			ps = append(ps, index(progIdx, &meta.Programs, p))
		}
		meta.DocProg = append(meta.DocProg, ps)
	}
}

// fold lists the copies of pages that a newer year has too (documents
// are in version order, newest first, so a page's first copy is its
// newest).
func (x *exporter) fold() []int {
	var out []int
	first := map[string]int{}
	for i, d := range x.docs {
		k := foldKey(Hit{Version: d.Version, URL: d.URL, fold: d.Fold})
		if f, ok := first[k]; ok {
			out = append(out, i, f)
			if d.Fold != "" {
				if x.meta.Moved == nil {
					x.meta.Moved = map[string]string{}
				}
				x.meta.Moved[itoa(i)] = d.URL
			}
			continue
		}
		first[k] = i
	}
	return out
}

// usedLabels keeps the labels of values the index has, so the meta file
// carries no more than its filters need.
func (x *exporter) usedLabels(l Labels) Labels {
	used := Labels{}
	for _, d := range x.docs {
		for _, k := range append([]string{d.Version, "kind:" + d.Kind}, d.Program...) {
			if v, ok := l[k]; ok {
				used[k] = v
			}
		}
	}
	return used
}

// exporter holds one export's documents in their final order and the
// files made so far.
type exporter struct {
	docs     []*Entry
	per      []*Analysed
	vorder   map[string]int
	meta     Meta
	termID   map[string]int32
	names    []string  // terms by id
	df       []int     // document frequency by term id, weak postings aside
	ids      [][]int32 // per document, the id of each of its terms
	totalLen [NumFields]int
	files    map[string][]byte
	windows  map[winKey]string
	stop     func() bool // see ExportUnless
	// keep is set when the export's state is kept for the next (see
	// ExportState): inv then lists, by term id, every document that has
	// the term; stats are the scores' corpus statistics.
	keep  bool
	inv   [][]docTerm
	stats Corpus
	// lens, in a quick export, are the field lengths some documents are
	// scored with instead of their own (see exported.lens).
	lens map[int32][NumFields]int
	// metas are what docMeta gives, made once per document: a document
	// is named by hundreds of shards on a real site, and its description
	// was cut anew (through two rune copies) for each of them.
	metaOnce sync.Once
	metas    [][2][]string
}

// docTerm is a document's k-th term.
type docTerm struct{ doc, k int32 }

// posting is one document's score for a term, in hundredths, with the
// section the term points to there and where it is first used in it.
// Every pair of a term and a document is one, until each term keeps its
// best: 12 bytes, for millions of them.
type posting struct {
	doc, score int32
	sec        int16
	at         uint16
	// weak is a term the document has only in the sections another
	// stage added (Section.Added): it scores, but it does not count as
	// one of the query's words the document has (see WeakShare).
	weak bool
}

// wire is a posting's score as the static index writes it: a weak
// posting's as -score-1.
func (p posting) wire() int {
	if p.weak {
		return -int(p.score) - 1
	}
	return int(p.score)
}

// weakTF reports whether a term's counts are in the added field only.
func weakTF(tf [NumFields]uint16) bool {
	return tf[NumFields-1] > 0 && tf[0] == 0 && tf[1] == 0 && tf[2] == 0 && tf[3] == 0
}

// order numbers documents by version order, then id (the command line
// breaks ties the same way, and reads ids cheaply).
func (x *exporter) order(docs []Entry, an []Analysed, versions []string) {
	x.vorder = map[string]int{}
	for i, v := range versions {
		x.vorder[v] = i
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, c := &docs[order[i]], &docs[order[j]]
		if x.vorder[a.Version] != x.vorder[c.Version] {
			return x.vorder[a.Version] < x.vorder[c.Version]
		}
		return a.ID < c.ID
	})
	x.docs = make([]*Entry, len(order))
	x.per = make([]*Analysed, len(order))
	for i, k := range order {
		x.docs[i], x.per[i] = &docs[k], &an[k]
	}
}

// number gives every term an id, and counts document frequencies and
// field lengths.
func (x *exporter) number() {
	x.termID = map[string]int32{}
	x.ids = make([][]int32, len(x.docs))
	for i := range x.docs {
		a := x.per[i]
		x.ids[i] = make([]int32, len(a.terms))
		for k, t := range a.terms {
			id, ok := x.termID[t]
			if !ok {
				id = int32(len(x.names))
				x.termID[t] = id
				x.names = append(x.names, t)
				x.df = append(x.df, 0)
			}
			x.ids[i][k] = id
			if !weakTF(a.tf[k]) {
				// Added sections do not make a term common: a tier's name
				// on every benefit page would halve its own page's idf.
				x.df[id]++
			}
		}
		for f := range NumFields {
			x.totalLen[f] += a.lens[f]
		}
	}
}

// score computes each term's postings (Score) and keeps its best
// MaxPostings. It returns the postings and the terms in order. An export
// that keeps its state keeps every document of each term too (x.inv).
func (x *exporter) score() (map[string][]posting, []string) {
	st := Corpus{N: len(x.docs), Lens: x.totalLen}
	x.stats = st
	byTerm := make([][]posting, len(x.names))
	if x.keep {
		x.inv = make([][]docTerm, len(x.names))
	}
	for i := range x.per {
		for k, id := range x.ids[i] {
			byTerm[id] = append(byTerm[id], x.posting(st, i, k, x.df[id]))
			if x.keep {
				x.inv[id] = append(x.inv[id], docTerm{int32(i), int32(k)})
			}
		}
		x.ids[i] = nil
	}
	postings := make(map[string][]posting, len(x.names))
	for id, t := range x.names {
		postings[t] = best(byTerm[id])
	}
	terms := make([]string, 0, len(postings))
	for t := range postings {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	return postings, terms
}

// posting is document i's posting for its k-th term, which df documents
// have.
func (x *exporter) posting(st Corpus, i, k, df int) posting {
	a := x.per[i]
	sec := -1
	if a.sec[k] != noSection {
		sec = int(a.sec[k])
	}
	lens := a.lens
	if x.lens != nil {
		if l, ok := x.lens[int32(i)]; ok {
			lens = l
		}
	}
	return posting{int32(i), int32(st.Score(a.tf[k], lens, max(df, 1))), int16(sec), a.at[k], weakTF(a.tf[k])}
}

// best sorts a term's postings, best first, and keeps MaxPostings.
func best(ps []posting) []posting {
	slices.SortFunc(ps, rank)
	if len(ps) > MaxPostings {
		return ps[:MaxPostings]
	}
	return ps
}

// rank orders postings best first: by score, then document (a total
// order: a term has one posting per document).
func rank(p, q posting) int {
	if p.score != q.score {
		return cmp.Compare(q.score, p.score)
	}
	return cmp.Compare(p.doc, q.doc)
}

// emit adds a JSON file named by its content's hash.
func (x *exporter) emit(prefix string, v any) string {
	raw, _ := json.Marshal(v)
	name := contentName(prefix, raw)
	x.files[name] = raw
	return name
}

// contentName names a JSON file of the index by a hash of its bytes.
func contentName(prefix string, raw []byte) string {
	sum := sha256.Sum256(raw)
	return prefix + hex.EncodeToString(sum[:6]) + ".json"
}

// docMeta is what a result shows of document i: title, URL and, if
// asked, description.
func (x *exporter) docMeta(i int, desc bool) []string {
	x.metaOnce.Do(func() {
		x.metas = make([][2][]string, len(x.docs))
		for i, d := range x.docs {
			text := d.Description
			if r := []rune(text); len(r) > descriptionLen {
				text = string(r[:descriptionLen]) + "…"
			}
			meta := []string{d.Title, d.URL, text}
			x.metas[i] = [2][]string{meta[:2:2], meta}
		}
	})
	if desc {
		return x.metas[i][1]
	}
	return x.metas[i][0]
}

// cut cuts the sorted terms into the groups of the term shards, of about
// shardBytes each.
func (x *exporter) cut(postings map[string][]posting, terms []string) [][]string {
	sizes := make([]int, len(terms))
	for i, t := range terms {
		sizes[i] = x.termBytes(postings[t])
	}
	limit := x.shardBytes(sizes)
	var groups [][]string
	start, size := 0, 0
	for i := range terms {
		if i > start && size+sizes[i] > limit {
			groups = append(groups, terms[start:i:i])
			start, size = i, 0
		}
		size += sizes[i]
	}
	if start < len(terms) {
		groups = append(groups, terms[start:])
	}
	return groups
}

// synTerms are the terms with synonyms in the index, in order: each goes
// with the shard the client looks it up in (the first whose last term is
// not before it; the last shard for what sorts after every term).
func (x *exporter) synTerms(postings func(string) []posting) []string {
	var out []string
	for _, g := range x.meta.Syn {
		for _, t := range g {
			for _, s := range x.meta.Syn.of(t) {
				if len(postings(s)) > 0 {
					out = append(out, t)
					break
				}
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// termShards makes the term shards of the groups, with the metadata of
// their terms' first results inline, and for those, the section each
// term points to with the text around it, and lists them in the meta
// file.
func (x *exporter) termShards(groups [][]string, postings func(string) []posting) bool {
	syn := x.synTerms(postings)
	shards := make([]*TermShard, len(groups))
	estimates := make([]int, len(groups))
	for i, g := range groups {
		if i%8 == 0 && x.stop() {
			return false
		}
		after := ""
		if i > 0 {
			after = groups[i-1][len(groups[i-1])-1]
		}
		shards[i], estimates[i] = x.shard(g, after, i == len(groups)-1, postings, syn)
	}
	if x.stop() {
		return false
	}
	names, raws := x.encode(shards, estimates)
	for i, sh := range shards {
		x.files[names[i]] = raws[i]
		x.meta.Shards = append(x.meta.Shards, []string{sh.Terms[0], sh.Terms[len(sh.Terms)-1], names[i]})
	}
	return true
}

// shard is the term shard of the terms of group (sorted), with the
// synonyms of the terms in syn that sort after after and not after its
// last term (any after it, for the last shard). It returns the shard and
// its size as termBytes estimates it.
func (x *exporter) shard(group []string, after string, last bool, postings func(string) []posting, syn []string) (*TermShard, int) {
	sh := &TermShard{Docs: map[string][]string{}}
	size := 0
	add := func(ps []posting) ([]int, [][]string) {
		flat := make([]int, 0, 3*len(ps))
		sect := make([][]string, 0, len(ps))
		for j, p := range ps {
			flat = append(flat, int(p.doc), p.wire(), int(p.sec))
			k := itoa(int(p.doc))
			if m, ok := sh.Docs[k]; !ok || j < DescPerTerm && len(m) < 3 {
				sh.Docs[k] = x.docMeta(int(p.doc), j < DescPerTerm)
			}
			sect = append(sect, x.sectionOf(p, j < InlinePerTerm || p.weak))
		}
		return flat, sect
	}
	for _, t := range group {
		ps := postings(t)
		flat, sect := add(ps)
		sh.Terms = append(sh.Terms, t)
		sh.Post = append(sh.Post, flat)
		sh.Sect = append(sh.Sect, sect)
		size += x.termBytes(ps)
	}
	upTo := group[len(group)-1]
	for _, t := range syn {
		if t <= after || !last && t > upTo {
			continue
		}
		for _, s := range x.meta.Syn.of(t) {
			ps := postings(s)
			if len(ps) == 0 {
				continue
			}
			flat, sect := add(ps)
			if sh.Syn == nil {
				sh.Syn = map[string][]SynPostings{}
			}
			sh.Syn[t] = append(sh.Syn[t], SynPostings{Term: s, Post: flat, Sect: sect})
		}
	}
	return sh, size
}

// encode writes the shards' JSON on every core, into buffers sized from
// their estimates, and names each file by its content.
func (x *exporter) encode(shards []*TermShard, estimates []int) (names []string, raws [][]byte) {
	names = make([]string, len(shards))
	raws = make([][]byte, len(shards))
	parallel.Each(len(shards), func(i int) {
		raws[i] = shards[i].appendJSON(make([]byte, 0, estimates[i]+estimates[i]/4))
		names[i] = contentName("t-", raws[i])
	})
	return names, raws
}

// sectionOf is what a result shows of the section a posting points to,
// with the snippet or not.
func (x *exporter) sectionOf(p posting, snippet bool) []string {
	secs := x.docs[p.doc].Sections
	if p.sec <= 0 || int(p.sec) >= len(secs) {
		return nil
	}
	s := secs[p.sec]
	if !snippet {
		return []string{s.Anchor, s.Title}
	}
	return []string{s.Anchor, s.Title, x.windows[winKey{int(p.doc), int(p.sec), p.at}]}
}

// winKey is a snippet of the static index: a document, a section, where
// in it.
type winKey struct {
	doc, sec int
	at       uint16
}

// ensureWindows makes the snippets the term shards of the postings
// lists carry that x.windows lacks (those of each term's first
// InlinePerTerm postings, and of its weak ones: a figure among a
// benefit's values is what the reader looks for, and the hit has no other
// words to show), unpacking each document's texts once.
func (x *exporter) ensureWindows(lists func(yield func([]posting) bool)) {
	need := map[int][]winKey{}
	for ps := range lists {
		for j, p := range ps {
			if (j < InlinePerTerm || p.weak) && p.sec > 0 {
				k := winKey{int(p.doc), int(p.sec), p.at}
				if _, ok := x.windows[k]; !ok {
					need[int(p.doc)] = append(need[int(p.doc)], k)
				}
			}
		}
	}
	for doc, keys := range need {
		secs := x.docs[doc].sections()
		for _, k := range keys {
			if k.sec < len(secs) {
				x.windows[k] = window(secs[k.sec].Text, int(k.at))
			}
		}
	}
}

// termBytes estimates what a term adds to its shard.
func (x *exporter) termBytes(ps []posting) int {
	n := 12 * len(ps)
	for j, p := range ps {
		d := x.docs[p.doc]
		n += len(d.Title) + len(d.URL) + 20
		if j < DescPerTerm {
			n += min(len(d.Description), descriptionLen)
		}
		if p.sec > 0 {
			n += 40
			if j < InlinePerTerm || p.weak {
				n += snippetLen
			}
		}
	}
	return n
}

// shardBytes is the size term shards are cut at: 64 KB, or the least
// size that makes at most MaxTermShards of them with the dictionary's
// pages (made first).
func (x *exporter) shardBytes(sizes []int) int {
	total := 0
	for _, n := range sizes {
		total += n
	}
	most := max(MaxTermShards-len(x.meta.Words), 50)
	limit := max(64<<10, total/most+1)
	for shardCount(sizes, limit) > most {
		limit += limit/20 + 1
	}
	return limit
}

// shardCount is how many shards cutting at limit makes (as termShards
// cuts).
func shardCount(sizes []int, limit int) int {
	n, size := 0, 0
	for _, s := range sizes {
		if size > 0 && size+s > limit {
			n, size = n+1, 0
		}
		size += s
	}
	if size > 0 {
		n++
	}
	return n
}

// WordShard is a page of the typo dictionary: words and their document
// counts.
type WordShard struct {
	Words []string `json:"w"`
	DF    []int    `json:"f"`
}

// wordShards writes the typo dictionary, WordsPerShard words a page. CJK
// has none.
func (x *exporter) wordShards(dict []Word) {
	x.meta.Words = [][]string{}
	for start := 0; start < len(dict); start += WordsPerShard {
		end := min(len(dict), start+WordsPerShard)
		var ws WordShard
		for _, w := range dict[start:end] {
			ws.Words = append(ws.Words, w.Word)
			ws.DF = append(ws.DF, w.DF)
		}
		name := x.emit("w-", ws)
		x.meta.Words = append(x.meta.Words, []string{dictKey(dict[start].Word), dictKey(dict[end-1].Word), name})
	}
}

// gzipAll returns the files, each with a .gz sibling, compressed on all
// cores. A file named by its content (all but the meta file) that last
// has too keeps last's sibling.
func gzipAll(files map[string][]byte, stop func() bool, last map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	var omu sync.Mutex
	var gw sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for name, data := range files {
		if stop() {
			gw.Wait()
			return nil
		}
		if gz, ok := last[name+".gz"]; ok && name != "meta.json" {
			omu.Lock()
			out[name], out[name+".gz"] = data, gz
			omu.Unlock()
			continue
		}
		gw.Add(1)
		sem <- struct{}{}
		go func(name string, data []byte) {
			defer gw.Done()
			gz := Gzip(data)
			<-sem
			omu.Lock()
			out[name], out[name+".gz"] = data, gz
			omu.Unlock()
		}(name, data)
	}
	gw.Wait()
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

// Gzip compresses data for a .gz sibling, which static hosts such as
// GitLab Pages serve in place of the file. Level 4: barely larger than
// level 9's output, in half the time.
func Gzip(data []byte) []byte {
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	_, _ = zw.Write(data)
	_ = zw.Close()
	gzipWriters.Put(zw)
	return buf.Bytes()
}

// gzipWriters are reused: each new writer allocates about 600 KB. The
// compressor is klauspost/compress's: on a real site's 128 MB index its
// level 5 writes the same size as the standard library's level 4 (31.9
// against 31.8 MB) in 0.84 s instead of 1.54.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, 5)
	return zw
}}
