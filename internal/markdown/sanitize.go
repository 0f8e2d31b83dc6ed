package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// HTML modes for raw HTML in Markdown (markdown.html in config.yaml).
const (
	HTMLSafe   = "safe"   // keep what the allowlist permits, drop the rest
	HTMLDrop   = "drop"   // drop all raw HTML
	HTMLUnsafe = "unsafe" // pass it through
)

// DefaultIFrameHosts are the hosts whose iframes safe mode keeps when the
// site names none: video players and documents that handbooks embed.
var DefaultIFrameHosts = []string{"www.youtube-nocookie.com", "www.youtube.com", "youtube.com", "player.vimeo.com", "docs.google.com"}

// The allowlist of safe mode: formatting, structure, tables, disclosure
// (details/summary), images and links, with the attributes each needs.
// No script, style, form, object or event attribute passes, and no style
// attribute (it can hide text and fake the page).
var (
	safeElements = []string{
		"a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
		"dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
		"h4", "h5", "h6", "hr", "i", "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre",
		"q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
		"tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
	}
	globalAttrs  = []string{"id", "class", "title", "lang", "dir"}
	elementAttrs = map[string][]string{
		"a":          {"href", "hreflang", "rel", "name"},
		"img":        {"src", "alt", "width", "height", "loading"},
		"td":         {"colspan", "rowspan", "align"},
		"th":         {"colspan", "rowspan", "align", "scope"},
		"col":        {"span"},
		"colgroup":   {"span"},
		"ol":         {"start", "type", "reversed"},
		"li":         {"value"},
		"details":    {"open"},
		"time":       {"datetime"},
		"del":        {"datetime", "cite"},
		"ins":        {"datetime", "cite"},
		"q":          {"cite"},
		"blockquote": {"cite"},
		"iframe":     {"src", "width", "height", "allow", "allowfullscreen", "frameborder", "loading", "referrerpolicy"},
	}
)

// Sanitizer keeps the allowed part of raw HTML fragments (bluemonday) and
// says what it drops, so that nothing disappears without a warning.
type Sanitizer struct {
	policy  *bluemonday.Policy
	iframes map[string]bool
	elems   map[string]bool
	attrs   map[string]map[string]bool
}

// NewSanitizer builds the safe-mode policy; iframes are kept only from
// these hosts.
func NewSanitizer(iframeHosts []string) *Sanitizer {
	s := &Sanitizer{iframes: map[string]bool{}, elems: map[string]bool{}, attrs: map[string]map[string]bool{}}
	p := bluemonday.NewPolicy()
	p.AllowElements(safeElements...)
	p.AllowAttrs(globalAttrs...).Globally()
	for el, as := range elementAttrs {
		if el == "iframe" {
			continue
		}
		p.AllowAttrs(as...).OnElements(el)
	}
	var hosts []string
	for _, h := range iframeHosts {
		s.iframes[strings.ToLower(h)] = true
		hosts = append(hosts, regexp.QuoteMeta(strings.ToLower(h)))
	}
	sort.Strings(hosts)
	iframeSrc := regexp.MustCompile(`^[^\s\S]`) // matches nothing
	if len(hosts) > 0 {
		iframeSrc = regexp.MustCompile(`^https://(?:` + strings.Join(hosts, "|") + `)/`)
	}
	p.AllowAttrs("src").Matching(iframeSrc).OnElements("iframe")
	p.AllowAttrs("width", "height", "allow", "allowfullscreen", "frameborder", "loading", "referrerpolicy").OnElements("iframe")
	// Addresses must parse and have a scheme a page may link to (no
	// nofollow: the links are the site's own).
	p.RequireParseableURLs(true)
	p.AllowURLSchemes("http", "https", "mailto", "tel", "ftp")
	p.AllowRelativeURLs(true)
	p.AllowDataURIImages()
	// An iframe without an allowed source is nothing: drop it whole.
	p.SkipElementsContent("script", "style", "noscript", "template", "object", "embed")
	s.policy = p
	for _, e := range safeElements {
		s.elems[e] = true
	}
	for el, as := range elementAttrs {
		s.attrs[el] = map[string]bool{}
		for _, a := range as {
			s.attrs[el][a] = true
		}
	}
	return s
}

// Sanitize returns the allowed part of a fragment. An iframe whose source
// was removed is removed whole: an empty frame is a blank box.
func (s *Sanitizer) Sanitize(b []byte) []byte {
	out := s.policy.SanitizeBytes(b)
	if !bytes.Contains(out, []byte("<iframe")) {
		return out
	}
	var kept bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(out))
	skipping := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return kept.Bytes()
		}
		raw := z.Raw()
		name, hasAttr := z.TagName()
		if string(name) == "iframe" {
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				src := false
				for hasAttr {
					var k []byte
					k, _, hasAttr = z.TagAttr()
					src = src || string(k) == "src"
				}
				if !src {
					skipping = tt == html.StartTagToken
					continue
				}
			case html.EndTagToken:
				if skipping {
					skipping = false
					continue
				}
			}
		}
		kept.Write(raw)
	}
}

// Drop is something safe mode removes from raw HTML, at a byte offset of
// the fragment.
type Drop struct {
	Offset int
	What   string
}

// Drops lists what Sanitize removes from a fragment: elements not on the
// allowlist, attributes an element may not have, iframes from hosts not
// listed, and addresses with a scheme a page may not link to.
func (s *Sanitizer) Drops(b []byte) []Drop {
	var out []Drop
	z := html.NewTokenizer(bytes.NewReader(b))
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		raw := z.Raw()
		at := pos
		pos += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		el := string(name)
		if !s.elems[el] {
			out = append(out, Drop{at, fmt.Sprintf("<%s> is not allowed in Markdown (markdown.html: safe); it is dropped", el)})
			continue
		}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			key := string(k)
			allowed := s.attrs[el][key]
			for _, g := range globalAttrs {
				allowed = allowed || g == key
			}
			switch {
			case !allowed:
				out = append(out, Drop{at, fmt.Sprintf("the attribute %s of <%s> is not allowed; it is dropped", key, el)})
			case el == "iframe" && key == "src":
				u, err := url.Parse(string(v))
				if err != nil || u.Scheme != "https" || !s.iframes[strings.ToLower(u.Host)] {
					host := string(v)
					if err == nil && u.Host != "" {
						host = u.Host
					}
					out = append(out, Drop{at, fmt.Sprintf("<iframe> from %s is not allowed (markdown.iframes lists the hosts); it is dropped", host)})
				}
			}
		}
	}
}

// Text is the text of a fragment, for search: what a reader sees in kept
// HTML (a summary, a table cell).
func Text(b []byte) string {
	var out strings.Builder
	z := html.NewTokenizer(bytes.NewReader(b))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip++
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); (string(n) == "script" || string(n) == "style") && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				out.Write(z.Text())
				out.WriteByte(' ')
			}
		}
	}
}
