package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// MappingVersion changes whenever the mapping does; an index built with
// another mapping is rebuilt from scratch.
const MappingVersion = 5

// Field boosts: title over headings over description over body, and the
// sections other stages add to a page (a benefit's values by tier: see
// Section.Added) below its own text.
var Boosts = map[string]float64{"title": 4, "headings": 2, "description": 1.5, "body": 1, "added": 0.25}

// TextFields are the analysed fields, in a fixed order.
var TextFields = []string{"title", "headings", "description", "body", "added"}

// NumFields is how many TextFields there are.
const NumFields = 5

// Mapping is the index mapping: English analysis for text, keywords for
// the filter fields. bleve's BM25 model is set, but hits are ranked by
// this package's own Score (scoring.go), which the static index shares.
func Mapping() *mapping.IndexMappingImpl { return MappingIn("") }

// MappingIn is the index mapping of a language's pages: its analyser for
// text (see analyzerName).
func MappingIn(lang string) *mapping.IndexMappingImpl {
	// Documents are indexed with bleveDoc, which skips the mapping; the
	// mapping tells queries how each field was analysed, and must agree.
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerName(lang)
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false

	doc := bleve.NewDocumentMapping()
	doc.Dynamic = false
	doc.AddFieldMappingsAt("title", text(true, false))
	doc.AddFieldMappingsAt("headings", text(false, false))
	// Only the description is highlighted (the snippet), so only it
	// keeps term positions.
	doc.AddFieldMappingsAt("description", text(true, true))
	doc.AddFieldMappingsAt("body", text(false, false))
	doc.AddFieldMappingsAt("added", text(false, false))
	for _, k := range []string{"kind", "program", "tags", "regions", "version"} {
		doc.AddFieldMappingsAt(k, kw())
	}
	doc.AddFieldMappingsAt("url", stored)
	doc.AddFieldMappingsAt("fold", stored)
	doc.AddFieldMappingsAt("sections", stored)
	doc.AddFieldMappingsAt("texts", stored)
	doc.AddFieldMappingsAt("id", stored)

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerName(lang)
	m.ScoringModel = "bm25"
	return m
}

type manifest struct {
	Mapping int               `json:"mapping"`
	Lang    string            `json:"lang,omitempty"` // the analysis (langKey), when not English
	Hashes  map[string]string `json:"hashes"`
	// Corpus is the index's share of the scoring statistics: searches
	// add up those of every index of the language, as the static index
	// has them.
	Corpus Corpus `json:"corpus"`
}

// ErrIndexBusy means another partnerdocs process (a running serve) holds
// the index; it is left as it is rather than rebuilt under it.
var ErrIndexBusy = errors.New("the search index is in use by another partnerdocs process (serve?); it was not updated")

// openConfig makes bleve give up on a locked index after a moment instead
// of waiting forever, as bolt does by default. It is a new map each time:
// bleve writes into the map it is given (the index path among others), so
// a shared one made the second index open the first one's files.
func openConfig() map[string]interface{} { return map[string]interface{}{"bolt_timeout": "1s"} }

// readConfig opens an index to search it only: read-only, bolt takes a
// shared lock, so searches (several search commands at once, or one beside
// the preview's) do not wait on each other, and bleve starts none of its
// background merging.
func readConfig() map[string]interface{} {
	return map[string]interface{}{"bolt_timeout": "1s", "read_only": true}
}

func isTimeout(err error) bool {
	return err != nil && strings.Contains(err.Error(), "timeout")
}

// Stats says what an index update did.
type Stats struct {
	Indexed, Deleted, Unchanged int
	Rebuilt                     bool
}

// countedField is a text field whose terms were counted already (see
// bleveDoc): it hands bleve their frequencies directly, where a field
// with an analyser would have bleve rebuild a token stream and count it
// again. Only fields without term positions can be given this way.
type countedField struct {
	name   string
	a      *Analysed
	f      int
	freqs  index.TokenFrequencies
	length int
	size   int
}

func (c *countedField) Name() string                                     { return c.name }
func (c *countedField) ArrayPositions() []uint64                         { return nil }
func (c *countedField) Options() index.FieldIndexingOptions              { return index.IndexField }
func (c *countedField) Value() []byte                                    { return nil }
func (c *countedField) NumPlainTextBytes() uint64                        { return 0 }
func (c *countedField) EncodedFieldType() byte                           { return 't' }
func (c *countedField) AnalyzedLength() int                              { return c.length }
func (c *countedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return c.freqs }

// Size is an estimate, for bleve's memory accounting, which asks often:
// it is worked out once, in Analyze.
func (c *countedField) Size() int { return 64 + c.size }

// Analyze builds the frequencies; bleve calls it in its analysis workers,
// so a whole batch's maps are never built before they are needed.
func (c *countedField) Analyze() {
	count := 0
	for k := range c.a.terms {
		if c.a.tf[k][c.f] > 0 {
			count++
		}
	}
	c.freqs = make(index.TokenFrequencies, count)
	entries := make([]index.TokenFreq, 0, count) // one allocation, not one per term
	c.length = 0
	for k, t := range c.a.terms {
		n := int(c.a.tf[k][c.f])
		if n == 0 {
			continue
		}
		// bleve only reads a term, so it may share the string's bytes.
		entries = append(entries, index.TokenFreq{Term: unsafe.Slice(unsafe.StringData(t), len(t))})
		tf := &entries[len(entries)-1]
		tf.SetFrequency(n)
		c.freqs[t] = tf
		c.length += n
		c.size += 48 + 2*len(t) // the entry, its key and its term
	}
}

// bleveDoc is d as bleve indexes it, from its analysis a: the text is
// analysed once per build (for the static export too), where indexing
// through the mapping would analyse it again. Only the description, which
// is highlighted, is analysed by bleve, to keep its term positions.
func bleveDoc(d *Entry, a *Analysed) *document.Document {
	analyzerOnce.Do(load)
	doc := document.NewDocument(d.ID)
	// The title is stored too: the stored copy is a field of its own.
	doc.AddField(&countedField{name: "title", a: a, f: 0})
	doc.AddField(document.NewTextFieldCustom("title", nil, []byte(d.Title), index.StoreField, nil))
	// Headings and body are neither stored nor highlighted: bleve needs
	// their terms only, not a copy of the text.
	doc.AddField(&countedField{name: "headings", a: a, f: 1})
	desc := analyzer
	if la := analyzerFor(d.Lang); la != nil {
		desc = la
	}
	doc.AddField(document.NewTextFieldCustom("description", nil, []byte(d.Description), index.IndexField|index.StoreField|index.IncludeTermVectors, desc))
	doc.AddField(&countedField{name: "body", a: a, f: 3})
	doc.AddField(&countedField{name: "added", a: a, f: 4})
	kw := func(name string, values ...string) {
		for i, v := range values {
			if v == "" {
				continue
			}
			// No analyser: the whole value is the one term.
			doc.AddField(document.NewTextFieldCustom(name, []uint64{uint64(i)}, []byte(v), index.IndexField|index.StoreField|index.DocValues, nil))
		}
	}
	kw("kind", d.Kind)
	kw("program", d.Program...)
	kw("tags", d.Tags...)
	kw("regions", d.Regions...)
	kw("version", d.Version)
	doc.AddField(document.NewTextFieldCustom("url", nil, []byte(d.URL), index.StoreField, nil))
	if d.Fold != "" {
		doc.AddField(document.NewTextFieldCustom("fold", nil, []byte(d.Fold), index.StoreField, nil))
	}
	doc.AddField(document.NewTextFieldCustom("id", nil, []byte(d.ID), index.StoreField, nil))
	// Anchors and titles as JSON, the texts packed (Doc.Pack): bleve
	// would compress them again for nothing.
	heads := make([]Section, len(d.Sections))
	for i, s := range d.Sections {
		heads[i] = Section{Anchor: s.Anchor, Title: s.Title, Added: s.Added}
	}
	secs, _ := json.Marshal(heads)
	doc.AddField(document.NewTextFieldCustom("sections", nil, secs, index.StoreField, nil))
	doc.AddField(document.NewTextFieldCustom("texts", nil, d.texts(), index.StoreField, nil))
	return doc
}

// Update brings the index at dir up to date with docs, whose analysis an
// holds (one per document): new and changed documents are indexed in
// batches, removed ones deleted, unchanged ones left alone. A missing,
// unreadable or outdated index is rebuilt.
func Update(dir string, docs []Entry, an []Analysed) (Stats, error) {
	var st Stats
	lang := ""
	if len(docs) > 0 {
		lang = docs[0].Lang
	}
	manPath := dir + ".json"
	var man manifest
	idx, err := bleve.OpenUsing(dir, openConfig())
	if isTimeout(err) {
		return st, ErrIndexBusy
	}
	if err == nil {
		b, rerr := os.ReadFile(manPath)
		if rerr != nil || json.Unmarshal(b, &man) != nil || man.Mapping != MappingVersion || man.Lang != manLang(lang) {
			idx.Close()
			idx, err = nil, errors.New("outdated")
		}
	}
	if err != nil {
		st.Rebuilt = true
		_ = os.RemoveAll(dir)
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return st, err
		}
		idx, err = bleve.New(dir, MappingIn(lang))
		if err != nil {
			return st, fmt.Errorf("creating search index %s: %w", dir, err)
		}
		man = manifest{Mapping: MappingVersion, Lang: manLang(lang), Hashes: map[string]string{}}
	}
	defer idx.Close()
	if man.Hashes == nil {
		man.Hashes = map[string]string{}
	}
	seen := map[string]bool{}
	man.Corpus = Corpus{N: len(docs)}
	for i := range an {
		for f := range man.Corpus.Lens {
			man.Corpus.Lens[f] += an[i].lens[f]
		}
	}
	batch := idx.NewBatch()
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		if err := idx.Batch(batch); err != nil {
			return err
		}
		// A new batch, not Reset: scorch's Batch may return while the
		// goroutine that queued the batch's documents for analysis is
		// still ranging over its map (the race detector caught Reset
		// clearing it under that goroutine).
		batch = idx.NewBatch()
		return nil
	}
	for i := range docs {
		d := &docs[i]
		seen[d.ID] = true
		h := d.Hash()
		if man.Hashes[d.ID] == h {
			st.Unchanged++
			continue
		}
		if err := batch.IndexAdvanced(bleveDoc(d, &an[i])); err != nil {
			return st, err
		}
		man.Hashes[d.ID] = h
		st.Indexed++
		if batch.Size() >= 500 {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	var gone []string
	for id := range man.Hashes {
		if !seen[id] {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	for _, id := range gone {
		batch.Delete(id)
		delete(man.Hashes, id)
		st.Deleted++
	}
	if err := flush(); err != nil {
		return st, err
	}
	b, _ := json.Marshal(man)
	return st, os.WriteFile(manPath, b, 0o644)
}

// manLang is a language as the manifest records it: "" for English, so
// indexes written before languages were read stay valid.
func manLang(lang string) string {
	if k := langKey(lang); k != "en" {
		return k
	}
	return ""
}
