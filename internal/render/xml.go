package render

import (
	"bytes"
	"encoding/xml"
	"slices"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// xmlWriter lays out an XML file one element per line, as people read
// feeds and sitemaps in a browser, with encoding/xml doing the escaping.
// encoding/xml writes an empty element as a start and an end tag
// (<link href="…"></link>), which every XML reader takes for <link/>.
type xmlWriter struct {
	b   bytes.Buffer
	enc *xml.Encoder
	err error
}

func newXMLWriter(decl string) *xmlWriter {
	w := &xmlWriter{}
	w.b.WriteString(decl + "\n")
	w.enc = xml.NewEncoder(&w.b)
	return w
}

// token writes one token and keeps the first error.
func (w *xmlWriter) token(t xml.Token) {
	if w.err == nil {
		w.err = w.enc.EncodeToken(t)
	}
}

// space writes whitespace between elements.
func (w *xmlWriter) space(s string) { w.token(xml.CharData(s)) }

func (w *xmlWriter) start(name string, attrs ...string) {
	w.token(xml.StartElement{Name: xml.Name{Local: name}, Attr: xmlAttrs(attrs)})
}

func (w *xmlWriter) end(name string) { w.token(xml.EndElement{Name: xml.Name{Local: name}}) }

// element writes <name attrs…>text</name>.
func (w *xmlWriter) element(name, text string, attrs ...string) {
	w.start(name, attrs...)
	if text != "" {
		w.token(xml.CharData(text))
	}
	w.end(name)
}

// bytes ends the file with a newline.
func (w *xmlWriter) bytes() ([]byte, error) {
	if w.err == nil {
		w.err = w.enc.Flush()
	}
	w.b.WriteByte('\n')
	return w.b.Bytes(), w.err
}

// xmlAttrs pairs up name, value, name, value… .
func xmlAttrs(kv []string) []xml.Attr {
	if len(kv) == 0 {
		return nil
	}
	attrs := make([]xml.Attr, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: kv[i]}, Value: kv[i+1]})
	}
	return attrs
}

// feed writes the Atom feed of announcements. Dates come from front
// matter, never from the clock, so two builds are byte-identical.
func (rd *renderer) feed() error {
	items := rd.announcements(50)
	updated := "1970-01-01"
	if len(items) > 0 {
		updated = items[0].Date
	}
	id := func(url string) string {
		if strings.Contains(rd.info.BaseURL, "://") {
			return rd.abs(url)
		}
		return "urn:partnerdocs:" + strings.Trim(rd.info.BasePath+url, "/")
	}
	w := newXMLWriter(`<?xml version="1.0" encoding="utf-8"?>`)
	w.start("feed", "xmlns", "http://www.w3.org/2005/Atom")
	w.space("\n  ")
	w.element("title", rd.info.Title+" news")
	w.space("\n  ")
	w.element("id", id("news/"))
	w.space("\n  ")
	w.element("updated", updated+"T00:00:00Z")
	w.space("\n  ")
	w.element("link", "", "rel", "self", "href", rd.abs("news/feed.xml"))
	w.space("\n  ")
	w.element("link", "", "rel", "alternate", "type", "text/html", "href", rd.abs("news/"))
	w.space("\n  ")
	w.start("author")
	w.element("name", rd.info.Title)
	w.end("author")
	for _, it := range items {
		w.space("\n  ")
		w.start("entry")
		w.space("\n    ")
		w.element("title", it.Title)
		w.space("\n    ")
		w.element("id", id(it.URL))
		w.space("\n    ")
		w.element("link", "", "href", rd.abs(it.URL))
		w.space("\n    ")
		w.element("updated", it.Date+"T00:00:00Z")
		if it.Summary != "" {
			w.space("\n    ")
			w.element("summary", it.Summary)
		}
		w.space("\n  ")
		w.end("entry")
	}
	w.space("\n")
	w.end("feed")
	b, err := w.bytes()
	if err != nil {
		return err
	}
	return rd.w.Write("news/feed.xml", b)
}

// sitemap lists the portal and the latest version only: older program
// years are reachable but should not compete in search engines.
func (rd *renderer) sitemap() error {
	// Each address with the page it shows (nil for generated lists), so
	// translated pages can name their alternates.
	type entry struct {
		url string
		v   *site.Version
		p   *site.Page
	}
	var urls []entry
	if rd.s.Portal != nil {
		for _, p := range rd.s.Portal.Pages {
			urls = append(urls, entry{p.URL, rd.s.Portal, p})
		}
	}
	urls = append(urls, entry{url: ""}, entry{url: "news/"})
	if l := rd.s.Latest; l != nil && l.Status != "archived" {
		urls = append(urls, entry{url: l.Name + "/"})
		for _, p := range l.Pages {
			urls = append(urls, entry{p.URL, l, p})
		}
	}
	sort.SliceStable(urls, func(i, j int) bool { return urls[i].url < urls[j].url })
	langs := rd.opts.Langs
	if langs != nil && len(langs.All) < 2 {
		langs = nil
	}
	otherLang := langs != nil && rd.info.Language != langs.All[0].Code
	w := newXMLWriter(`<?xml version="1.0" encoding="UTF-8"?>`)
	if langs != nil {
		w.start("urlset", "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9", "xmlns:xhtml", "http://www.w3.org/1999/xhtml")
	} else {
		w.start("urlset", "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
	}
	prev := "\x00"
	for _, e := range urls {
		if e.url == prev {
			continue
		}
		prev = e.url
		var translated []string
		if langs != nil && e.p != nil && langs.Translated != nil {
			translated = langs.Translated(e.v.Name, e.p.Rel)
		}
		if otherLang && (e.p == nil || e.p.Lang == "") {
			// A page shown in the default language for want of a
			// translation is that page: its original is listed.
			continue
		}
		w.space("\n  ")
		w.start("url")
		w.element("loc", rd.abs(e.url))
		if len(translated) > 0 {
			for _, l := range langs.All {
				if l.Code == langs.All[0].Code || slices.Contains(translated, l.Code) {
					w.space("\n    ")
					w.start("xhtml:link", "rel", "alternate", "hreflang", l.Code, "href", langs.RootURL+langs.prefix(l.Code)+e.url)
					w.end("xhtml:link")
				}
			}
			w.space("\n  ")
		}
		w.end("url")
	}
	w.space("\n")
	w.end("urlset")
	b, err := w.bytes()
	if err != nil {
		return err
	}
	return rd.w.Write("sitemap.xml", b)
}
