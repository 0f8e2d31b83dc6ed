package compliance

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// SelfCheckScript is the self-check page's script: Evaluate, ported line
// for line, over the program's matrix.json. It sends nothing anywhere;
// the e2e tests compare its answers with Evaluate's on every tier of the
// example portal.
//
//go:embed selfcheck.js
var SelfCheckScript []byte

// SelfCheckView is a program's self-check page as the theme's
// self-check.html draws it: a form with the current tier and one field
// per column of the review (Columns), and a result that the script fills
// in from the program's matrix.json (at JSON) as the partner types.
// Script is where SelfCheckScript is published. Group and Decimal are the
// page language's thousands separator and decimal mark, which the script
// writes figures with, as the matrix does.
type SelfCheckView struct {
	JSON, Script   string
	Program        string
	Tiers          []SelfCheckOption
	Fields         []SelfCheckField
	Group, Decimal string
}

// SelfCheckOption is a tier the partner may hold.
type SelfCheckOption struct{ ID, Title string }

// SelfCheckField is one figure to enter: a checkbox (Check) for a
// requirement written as text or a designation held, a number otherwise.
type SelfCheckField struct {
	ID    string // the control's id
	Name  string // the column's id, which the script reads
	Title string
	Hint  string
	Check bool
}

// SelfCheckPart is a program's self-check page in the words of w; jsonURL
// is its matrix.json and scriptURL where SelfCheckScript is published.
func SelfCheckPart(doc *matrix.Export, jsonURL, scriptURL string, w *words.Table) site.Part {
	v := SelfCheckView{JSON: jsonURL, Script: scriptURL, Program: doc.Program.Title}
	v.Group, v.Decimal = matrix.Separators(w.Lang)
	for _, t := range doc.Tiers {
		v.Tiers = append(v.Tiers, SelfCheckOption{ID: t.ID, Title: t.Title})
	}
	for i, c := range Columns(doc) {
		f := SelfCheckField{ID: fmt.Sprintf("sc-%d", i+1), Name: c.ID, Title: c.Title, Check: YesNo(c.Kind)}
		if !f.Check {
			// "People certified: Sales Associate (people certified)" says it twice.
			f.Title, f.Hint = strings.TrimPrefix(c.Title, w.T("people_certified", "")), hint(c, w)
		}
		v.Fields = append(v.Fields, f)
	}
	return site.Part{Partial: "self-check.html", Data: v}
}

// hint says what a field counts.
func hint(c Column, w *words.Table) string {
	switch c.Kind {
	case "certification":
		return w.T("hint_people_certified")
	case "tier":
		return w.T("hint_months_in_tier")
	}
	switch c.Unit {
	case "", "count":
		return ""
	case "percent":
		return "(%)"
	}
	return "(" + c.Unit + ")"
}
