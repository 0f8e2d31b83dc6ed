package shortcode

import (
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

var youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{6,20}$`)

// calloutColors are alert's colors (Docsy's names); the fixed callouts
// (note, tip, warning) use one each.
var calloutColors = []string{"primary", "info", "success", "warning", "danger", "secondary", "light", "dark"}

// registerBuiltins adds the shortcodes Hugo handbooks use most.
func registerBuiltins(set *Set) {
	set.Register("youtube", youtubeDef())
	registerCallouts(set)
	set.Register("details", detailsDef())
	set.Register("figure", figureDef())
	set.Register("include", includeDef(set))
	registerHugoBuiltins(set)
	// These show their arguments and inner content, resolved as the
	// page's own links are (figure's src is one of the page's links).
	for _, name := range []string{"youtube", "alert", "note", "tip", "warning", "details", "figure", "param", "highlight", "vimeo", "x", "twitter", "tweet", "instagram", "qr", "comment"} {
		d := set.defs[name]
		d.Pure = true
		set.defs[name] = d
	}
}

func youtubeDef() Def {
	yt := Def{Args: []string{"id", "title", "start", "end", "class", "autoplay", "controls", "loading", "loop", "mute", "allowFullScreen"}, Positional: []string{"id"}}
	yt.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		raw, _ := Arg(yt, sc, "id")
		id, _ := youtubeArgs(raw)
		if !youtubeID.MatchString(id) {
			return []Problem{{Arg: "id", Rule: diag.RuleUnknownShortcode, Message: fmt.Sprintf("youtube needs a video id (letters, digits, - and _), not %q", id)}}
		}
		return nil
	}
	yt.Draw = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, _ []byte) (site.Part, bool) {
		raw, _ := Arg(yt, sc, "id")
		id, start := youtubeArgs(raw)
		title, ok := sc.Arg("title")
		if !ok {
			title = "YouTube video"
		}
		q := url.Values{}
		if s, ok := sc.Arg("start"); ok {
			start = s
		}
		if start != "" {
			q.Set("start", start)
		}
		if end, ok := sc.Arg("end"); ok {
			q.Set("end", end)
		}
		src := "https://www.youtube-nocookie.com/embed/" + id
		if len(q) > 0 {
			src += "?" + q.Encode()
		}
		// The privacy-enhanced player sets no cookie until played.
		return site.Part{Partial: "video.html", Data: Video{Src: src, Title: title, Allow: "accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen"}}, true
	}
	return yt
}

// registerCallouts adds alert (Docsy's, with a color) and the fixed
// note, tip and warning boxes.
func registerCallouts(set *Set) {
	alert := Def{Args: []string{"title", "color", "type"}, Inner: InnerRequired}
	alert.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		if c, ok := sc.Arg("color"); ok && !contains(calloutColors, c) {
			return []Problem{{Arg: "color", Rule: diag.RuleUnknownShortcode, Message: fmt.Sprintf("alert color %q is not one of %s", c, strings.Join(calloutColors, ", ")), Suggestion: diag.Suggest(c, calloutColors)}}
		}
		return nil
	}
	alert.Draw = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, inner []byte) (site.Part, bool) {
		color, ok := sc.Arg("color")
		if !ok {
			color, ok = sc.Arg("type")
		}
		if !ok || !contains(calloutColors, color) {
			color = "primary"
		}
		title, _ := sc.Arg("title")
		return callout(color, title, inner), true
	}
	set.Register("alert", alert)
	for name, color := range map[string]string{"note": "info", "tip": "success", "warning": "warning"} {
		label := strings.ToUpper(name[:1]) + name[1:]
		set.Register(name, Def{Args: []string{"title"}, Inner: InnerRequired,
			Draw: func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, inner []byte) (site.Part, bool) {
				title, ok := sc.Arg("title")
				if !ok {
					title = label
				}
				return callout(color, title, inner), true
			}})
	}
}

func detailsDef() Def {
	details := Def{Args: []string{"summary", "open"}, Positional: []string{"summary"}, Inner: InnerRequired}
	details.Draw = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, inner []byte) (site.Part, bool) {
		summary, ok := Arg(details, sc, "summary")
		if !ok {
			summary = "Details"
		}
		open, _ := sc.Arg("open")
		return site.Part{Partial: "details.html", Data: Details{Summary: summary, Open: open == "true", Inner: template.HTML(inner)}}, true
	}
	return details
}

func figureDef() Def {
	figure := Def{Args: []string{"src", "alt", "caption", "title", "width", "height", "class"}}
	figure.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		if _, ok := sc.Arg("src"); !ok {
			return []Problem{{Rule: diag.RuleUnknownShortcode, Message: `figure needs src="…"`}}
		}
		if _, ok := sc.Arg("alt"); !ok {
			return []Problem{{Rule: diag.RuleUnknownShortcode, Message: `figure needs alt="…" (what the image shows, for readers who cannot see it)`}}
		}
		return nil
	}
	figure.Draw = func(s *site.Site, r *links.Resolver, p *site.Page, sc *markdown.Shortcode, _ []byte) (site.Part, bool) {
		src, _ := sc.Arg("src")
		t, prob := r.Resolve(p, src, markdown.KindImage)
		url := t.URL
		if !t.External && (prob == nil || t.URL != "") {
			url = s.Config.BasePath + t.URL
		}
		if t.Hidden || (prob != nil && t.URL == "") {
			return site.Part{}, false
		}
		f := Figure{Src: url}
		f.Alt, _ = sc.Arg("alt")
		for name, to := range map[string]**string{"class": &f.Class, "width": &f.Width, "height": &f.Height, "title": &f.Title, "caption": &f.Caption} {
			if v, ok := sc.Arg(name); ok {
				*to = &v
			}
		}
		return site.Part{Partial: "figure.html", Data: f}, true
	}
	return figure
}

// includeDef renders another page's body in place, through the render's
// body renderer (SetBodyRenderer).
func includeDef(set *Set) Def {
	include := Def{Args: []string{"file"}, Positional: []string{"file"}}
	include.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		target, _ := includedPage(p, sc)
		f := site.IncludePath(sc)
		switch {
		case f == "":
			return []Problem{{Rule: diag.RuleUnknownShortcode, Message: `include needs the file to include: {{< include "clause.md" >}}`}}
		case target == nil:
			return []Problem{{Arg: "file", Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("include: no file %s (looked for %s)", f, site.IncludeSearched(p, f))}}
		case includes(target, p):
			return []Problem{{Arg: "file", Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("include: %s includes this page again (a cycle)", target.Source)}}
		case set.expansion(target) > maxIncludes:
			return []Problem{{Arg: "file", Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("include: %s expands to %d included pages; at most %d are rendered in one place", target.Source, set.expansion(target), maxIncludes)}}
		}
		return nil
	}
	include.Render = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, _ []byte) []byte {
		target, _ := includedPage(p, sc)
		if target == nil || set.body == nil || includes(target, p) || set.expansion(target) > maxIncludes {
			return nil
		}
		return set.body(target)
	}
	return include
}

// includedPage is the page an include call of p names (see
// site.Page.Includes), and the call's index among p's includes.
func includedPage(p *site.Page, sc *markdown.Shortcode) (*site.Page, int) {
	i := 0
	for _, c := range p.Doc.Shortcodes {
		if c == sc {
			if i < len(p.Includes) {
				return p.Includes[i], i
			}
			return nil, i
		}
		if c.Name == "include" {
			i++
		}
	}
	return nil, -1
}

// includes reports whether a includes b, directly or through others, at
// any depth: each page is visited once, so a ring of any length is found
// and a chain that includes the next page twice is walked in linear time.
func includes(a, b *site.Page) bool {
	seen := map[*site.Page]bool{}
	stack := []*site.Page{a}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		for _, y := range x.Includes {
			if y != nil && !seen[y] {
				stack = append(stack, y)
			}
		}
	}
	return false
}

// callout is a note, tip, warning or alert box.
func callout(color, title string, inner []byte) site.Part {
	return site.Part{Partial: "callout.html", Data: Callout{Color: color, Title: title, Inner: template.HTML(inner)}}
}

// What the theme's partials for the built-in shortcodes are given. Inner
// is the shortcode's content, rendered as the page's Markdown.
type (
	// Video is an embedded player (video.html).
	Video struct{ Src, Title, Allow string }
	// Callout is a note, tip, warning or alert box (callout.html).
	Callout struct {
		Color, Title string
		Inner        template.HTML
	}
	// Details is a box that opens on a click (details.html).
	Details struct {
		Summary string
		Open    bool
		Inner   template.HTML
	}
	// Figure is an image with its caption (figure.html); an attribute
	// the call did not give is nil, one it gave empty is "".
	Figure struct {
		Src, Alt                             string
		Class, Width, Height, Title, Caption *string
	}
	// Highlight is code shown as written (highlight.html).
	Highlight struct {
		Lang  string
		Inner template.HTML
	}
	// TextLink is a paragraph of text, a link when URL is set (qr.html,
	// and pointer.html for posts).
	TextLink struct {
		Class string
		Link  struct{ URL, Text string }
		After string
	}
)

// maxIncludes bounds how many pages one include call renders, counting
// the includes of includes: a chain of pages that each include the next
// twice doubles at every level (30 levels were a billion renders).
const maxIncludes = 500

// expansion counts the pages an include of p renders: p and, through
// them, every page its includes render, each time it is rendered. It is
// computed once per page, in time linear in the include graph; a cycle
// counts nothing more (check reports it).
func (set *Set) expansion(p *site.Page) int {
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.expand == nil {
		set.expand = map[*site.Page]int{}
	}
	var count func(x *site.Page) int
	count = func(x *site.Page) int {
		if n, ok := set.expand[x]; ok {
			return n
		}
		set.expand[x] = 0 // in progress: a cycle adds nothing
		n := 1
		for _, y := range x.Includes {
			if y != nil {
				n += count(y)
				if n > maxIncludes {
					n = maxIncludes + 1 // enough to refuse; stops the sum growing
				}
			}
		}
		set.expand[x] = n
		return n
	}
	return count(p)
}
