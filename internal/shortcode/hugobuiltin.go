package shortcode

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// registerHugoBuiltins adds Hugo's embedded shortcodes beyond the ones
// partnerdocs had first (youtube, figure, details): ref and relref,
// param, highlight, vimeo, x (and twitter, tweet), instagram, qr and
// comment. Embeds that would load a third party's script (x, instagram)
// render as a link to the post: the portal loads nothing from them.
func registerHugoBuiltins(set *Set) {
	for _, name := range []string{"ref", "relref"} {
		abs := name == "ref"
		d := Def{Args: []string{"path", "lang", "outputFormat"}, Positional: []string{"path"}}
		d.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
			target, _ := Arg(d, sc, "path")
			if _, err := set.refURL(p, target); err != nil {
				return []Problem{{Arg: "path", Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("%s: no page %q", sc.Name, target)}}
			}
			return nil
		}
		d.Render = func(s *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, _ []byte) []byte {
			target, _ := Arg(d, sc, "path")
			u, err := set.refURL(p, target)
			if err != nil {
				return nil
			}
			if abs {
				u = strings.TrimSuffix(s.Config.BaseURL, "/") + strings.TrimPrefix(u, strings.TrimSuffix(s.Config.BasePath, "/"))
			}
			return []byte(html.EscapeString(u))
		}
		set.Register(name, d)
	}
	param := Def{Args: []string{"name"}, Positional: []string{"name"}}
	param.Render = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, _ []byte) []byte {
		name, _ := Arg(param, sc, "name")
		v := set.wrap(p).Param(name)
		return []byte(html.EscapeString(toString(v)))
	}
	set.Register("param", param)
	hl := Def{Args: []string{"lang", "options", "code"}, Positional: []string{"lang", "options"}, Inner: InnerOptional}
	hl.Draw = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, inner []byte) (site.Part, bool) {
		// The inner content was rendered as the page's text already:
		// shown as code, whitespace kept.
		lang, _ := Arg(hl, sc, "lang")
		return site.Part{Partial: "highlight.html", Data: Highlight{Lang: lang, Inner: template.HTML(inner)}}, true
	}
	set.Register("highlight", hl)
	set.Register("vimeo", videoDef("vimeo", "https://player.vimeo.com/video/", regexp.MustCompile(`^[0-9]{3,12}$`)))
	for _, name := range []string{"x", "twitter", "tweet"} {
		set.Register(name, postLink(name, "https://x.com/%s/status/%s", []string{"user", "id"}))
	}
	set.Register("instagram", postLink("instagram", "https://www.instagram.com/p/%s/", []string{"id"}))
	qr := Def{Args: []string{"text", "alt", "class", "level", "scale", "targetDir", "title", "loading"}, Positional: []string{"text"}, Inner: InnerOptional}
	qr.Draw = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, inner []byte) (site.Part, bool) {
		text, ok := Arg(qr, sc, "text")
		if !ok {
			text = strings.TrimSpace(markdown.StripTags(string(inner)))
		}
		// No image is drawn: the text, as a link when it is an address,
		// reads on every screen and prints.
		v := TextLink{Class: "qr"}
		v.Link.Text = text
		if u, err := url.Parse(text); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
			v.Link.URL = text
		}
		return site.Part{Partial: "pointer.html", Data: v}, true
	}
	set.Register("qr", qr)
	set.Register("comment", Def{AnyArgs: true, Inner: InnerOptional, Render: func(*site.Site, *links.Resolver, *site.Page, *markdown.Shortcode, []byte) []byte { return nil }})
}

// videoDef is an embedded player by id (vimeo), privacy-enhanced where
// the host offers it.
func videoDef(name, base string, idRe *regexp.Regexp) Def {
	d := Def{Args: []string{"id", "title", "class", "allowFullScreen", "loading"}, Positional: []string{"id"}}
	d.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		id, _ := Arg(d, sc, "id")
		if !idRe.MatchString(id) {
			return []Problem{{Arg: "id", Rule: diag.RuleUnknownShortcode, Message: fmt.Sprintf("%s needs a video id, not %q", name, id)}}
		}
		return nil
	}
	d.Draw = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, _ []byte) (site.Part, bool) {
		id, _ := Arg(d, sc, "id")
		title, ok := sc.Arg("title")
		if !ok {
			title = strings.ToUpper(name[:1]) + name[1:] + " video"
		}
		return site.Part{Partial: "video.html", Data: Video{Src: base + id + "?dnt=1", Title: title, Allow: "fullscreen; picture-in-picture"}}, true
	}
	return d
}

// postLink renders a social post as a link to it.
func postLink(name, format string, positional []string) Def {
	d := Def{Args: append([]string{"dnt", "caption", "hidecaption"}, positional...), Positional: positional}
	d.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		for _, a := range positional {
			if v, _ := Arg(d, sc, a); v == "" {
				return []Problem{{Rule: diag.RuleUnknownShortcode, Message: fmt.Sprintf("%s needs %s", name, strings.Join(positional, " and "))}}
			}
		}
		return nil
	}
	d.Draw = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, _ []byte) (site.Part, bool) {
		vals := make([]any, len(positional))
		for i, a := range positional {
			v, _ := Arg(d, sc, a)
			vals[i] = url.PathEscape(v)
		}
		v := TextLink{Class: "embed-link"}
		v.Link.URL = fmt.Sprintf(format, vals...)
		v.Link.Text = v.Link.URL
		return site.Part{Partial: "pointer.html", Data: v}, true
	}
	return d
}

// youtubeArgs splits a youtube id written with its start time
// ("abc?start=30", "abc?t=30", "embed/abc") into the id and the start.
func youtubeArgs(id string) (string, string) {
	id = strings.TrimPrefix(id, "embed/")
	base, q, ok := strings.Cut(id, "?")
	if !ok {
		return id, ""
	}
	v, _ := url.ParseQuery(q)
	start := v.Get("start")
	if start == "" {
		start = strings.TrimSuffix(v.Get("t"), "s")
	}
	return base, start
}
