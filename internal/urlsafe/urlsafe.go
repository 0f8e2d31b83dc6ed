package urlsafe

import (
	"html"
	"strings"
)

// linkSchemes are the schemes a published link may have. Every other
// scheme (javascript, vbscript, data, file, and those of installed
// applications) is refused: a portal links to pages, files and the web.
var linkSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "ftp": true}

// Scheme returns the scheme a browser would read from dest, in lower case,
// or "" for a relative address.
func Scheme(dest string) string {
	s := html.UnescapeString(dest)
	s = strings.TrimLeftFunc(s, func(r rune) bool { return r <= ' ' })
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return strings.ToLower(s[:i])
		default:
			return ""
		}
	}
	return ""
}

// Dangerous reports whether dest, published as a link (or, with image, as
// an image source), could run script or is of a scheme a portal does not
// link to. Relative addresses and http(s), mailto, tel and ftp are not;
// data: is allowed for images only, with an image type.
func Dangerous(dest string, image bool) bool {
	switch sc := Scheme(dest); {
	case sc == "":
		return false
	case linkSchemes[sc]:
		return false
	case sc == "data" && image:
		rest := strings.ToLower(strings.TrimSpace(html.UnescapeString(dest)))
		return !strings.HasPrefix(rest[len("data:"):], "image/")
	}
	return true
}
