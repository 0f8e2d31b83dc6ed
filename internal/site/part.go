package site

import (
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Part is content a stage makes for a page (a tier matrix, a changes
// list, a callout) and the theme draws: Partial names a template under
// the theme's layouts/partials/, and Data is what it is given. The stage
// says what to show and the theme every tag, so a site restyles a part by
// overriding one file.
type Part struct {
	Partial string
	Data    any
	// Headings are the part's h2 and h3 headings, which the partial gives
	// these ids: the page's "On this page" lists them after the page's
	// own, without reading them back out of HTML.
	Headings []markdown.Heading
}

// Drawer draws parts with the theme's partials. The render is the only
// drawer; stages that make parts take one when they are asked to draw.
type Drawer interface {
	Draw(p Part) ([]byte, error)
	// Key changes whenever a drawing could: caches of drawn HTML
	// that live across builds keep it in their keys.
	Key() string
	// Words are the words the drawing is in, for the titles of the
	// pages it draws.
	Words() *words.Table
}
