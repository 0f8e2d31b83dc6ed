package search

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// tricky are strings encoding/json escapes: quotes, backslashes, control
// characters, HTML's <, > and &, the line and paragraph separators, and
// bytes that are not UTF-8.
var tricky = []string{"", "plain", `quo"te \ back`, "tab\tnew\nline\rcr\bbs\fff\x00nul\x1fus\x7fdel",
	"<b>&amp;</b>", "sep\u2028par\u2029", "bad \xff\xfe utf-8 \xc3", "héllo wörld 日本語 🎉", "trail\xe2\x80"}

// TestShardJSONAsMarshal: the shard encoder writes exactly what
// encoding/json writes, so a shard's content-hash name is the same
// whichever wrote it.
func TestShardJSONAsMarshal(t *testing.T) {
	shards := []TermShard{
		{},
		{Terms: []string{}, Post: [][]int{}, Docs: map[string][]string{}, Sect: [][][]string{}, Syn: map[string][]SynPostings{}},
		{Terms: tricky, Post: [][]int{nil, {}, {1, -2, 3, -2147483648, 2147483647}},
			Docs: map[string][]string{"10": tricky, "9": nil, "1": {}, "<&>": {"x"}},
			Sect: [][][]string{nil, {}, {nil, {}, tricky}},
			Syn:  map[string][]SynPostings{"b": nil, "a": {{Term: "t<", Post: []int{1, 2}, Sect: [][]string{nil, tricky}}, {}}, "c": {}}},
	}
	for i, s := range shards {
		same(t, fmt.Sprintf("shard %d", i), &s)
	}
	// A real export's shards, read back (which turns bytes that are not
	// UTF-8 into U+FFFD, so not byte for byte the file) and written again
	// both ways.
	var docs []Entry
	for i := range 300 {
		docs = append(docs, Entry{ID: fmt.Sprintf("v1:p%d", i), Title: fmt.Sprintf("Page %d <partner> & \"tier\"", i),
			Description: "Benefits\u2028of the " + tricky[i%len(tricky)], Sections: body(strings.Repeat("partner program tier benefit ", 5) + fmt.Sprintf("unique%d %s", i, tricky[i%len(tricky)])),
			Kind: "guide", Version: "v1", URL: fmt.Sprintf("v1/p%d/", i)})
	}
	an, words := AnalyseDocs(docs, nil)
	n := 0
	for name, raw := range Export(docs, an, words, []string{"v1"}, "v1", nil) {
		if !strings.HasPrefix(name, "t-") || strings.HasSuffix(name, ".gz") {
			continue
		}
		var s TermShard
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		same(t, name, &s)
		n++
	}
	if n == 0 {
		t.Fatal("the export has no term shard")
	}
}

func same(t *testing.T, what string, s *TermShard) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.appendJSON(nil); string(got) != string(want) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// FuzzShardJSON: any string is escaped as encoding/json escapes it.
func FuzzShardJSON(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}

// BenchmarkShardJSON encodes the term shards of a 2,000-page export with
// encoding/json and with the shard encoder.
func BenchmarkShardJSON(b *testing.B) {
	var docs []Entry
	for i := range 2000 {
		docs = append(docs, Entry{ID: fmt.Sprintf("v1:p%d", i), Title: fmt.Sprintf("Page %d partner", i), Description: "A page about the partner program's tiers and their benefits",
			Sections: body(strings.Repeat("partner program tier benefit ", 20) + fmt.Sprintf("unique%d word%d", i, i%300)), Kind: "guide", Version: "v1", URL: fmt.Sprintf("v1/p%d/", i)})
	}
	an, words := AnalyseDocs(docs, nil)
	var shards []*TermShard
	total := 0
	for name, raw := range Export(docs, an, words, []string{"v1"}, "v1", nil) {
		if strings.HasPrefix(name, "t-") && !strings.HasSuffix(name, ".gz") {
			var s TermShard
			if err := json.Unmarshal(raw, &s); err != nil {
				b.Fatal(err)
			}
			shards = append(shards, &s)
			total += len(raw)
		}
	}
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(total))
		for range b.N {
			for _, s := range shards {
				json.Marshal(s)
			}
		}
	})
	b.Run("appendJSON", func(b *testing.B) {
		b.SetBytes(int64(total))
		for range b.N {
			for _, s := range shards {
				s.appendJSON(nil)
			}
		}
	})
}
