package e2e

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// matrixDoc is the part of matrix.json the test builds partners from.
type matrixDoc struct {
	Tiers        []struct{ ID string } `json:"tiers"`
	Designations []struct {
		ID      string `json:"id"`
		MinTier string `json:"min_tier"`
	} `json:"designations"`
	Requirements []struct {
		ID    string `json:"id"`
		Kind  string `json:"kind"`
		Cells map[string]struct {
			Kind  string `json:"kind"`
			Value any    `json:"value"`
			AnyOf []struct {
				ID    string `json:"id"`
				Kind  string `json:"kind"`
				Value any    `json:"value"`
			} `json:"any_of"`
		} `json:"cells"`
	} `json:"requirements"`
}

// figuresFor are the figures that meet every requirement of one column
// (a tier, with what it inherits, or a designation), exactly at each
// threshold; any_of is met by its first alternative.
func figuresFor(doc matrixDoc, col string) map[string]string {
	return figuresBy(doc, col, false)
}

// figuresBy is figuresFor, meeting each any_of by its last alternative
// when last is set (a designation held, in the example).
func figuresBy(doc matrixDoc, col string, last bool) map[string]string {
	out := map[string]string{}
	set := func(id, kind string, v any) {
		switch x := v.(type) {
		case bool:
			out[id] = "yes"
		case float64:
			if kind == "tier" && x == 0 {
				x = 1 // "reached": a month in it counts
			}
			out[id] = strconv.FormatFloat(x, 'f', -1, 64)
		}
	}
	for _, r := range doc.Requirements {
		c, ok := r.Cells[col]
		if !ok || c.Kind != "requirement" {
			continue
		}
		if r.Kind == "any_of" {
			a := c.AnyOf[0]
			if last {
				a = c.AnyOf[len(c.AnyOf)-1]
			}
			set(a.ID, a.Kind, a.Value)
			continue
		}
		set(r.ID, r.Kind, c.Value)
	}
	return out
}

// selfCheckPartner is one partner as both checks see it.
type selfCheckPartner struct {
	name, tier string
	values     map[string]string
}

// partnersFor makes partners of every status for a program: for each
// tier, one that meets it and holds it, one that meets it with no tier,
// one that holds it a figure short, one that meets it while holding the
// tier above, one that meets its any_of rows by their last alternatives; one with nothing yet; for each designation, one that meets it at its minimum tier.
func partnersFor(doc matrixDoc) []selfCheckPartner {
	out := []selfCheckPartner{{"nothing yet", "", map[string]string{}}}
	for i, t := range doc.Tiers {
		f := figuresFor(doc, t.ID)
		out = append(out, selfCheckPartner{"meets " + t.ID, t.ID, f}, selfCheckPartner{"applies " + t.ID, "", f})
		if alt := figuresBy(doc, t.ID, true); !maps.Equal(alt, f) {
			out = append(out, selfCheckPartner{"meets " + t.ID + " by the last alternatives", t.ID, alt})
		}
		short := map[string]string{}
		keys := make([]string, 0, len(f))
		for k := range f {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for j, k := range keys {
			if j == 0 {
				continue // the first figure is missing
			}
			short[k] = f[k]
		}
		out = append(out, selfCheckPartner{"short " + t.ID, t.ID, short})
		if i+1 < len(doc.Tiers) {
			out = append(out, selfCheckPartner{"below " + doc.Tiers[i+1].ID, doc.Tiers[i+1].ID, f})
		}
	}
	for _, d := range doc.Designations {
		f := figuresFor(doc, d.ID)
		tier := d.MinTier
		if tier == "" && len(doc.Tiers) > 0 {
			tier = doc.Tiers[0].ID
		}
		for k, v := range figuresFor(doc, tier) {
			if _, ok := f[k]; !ok {
				f[k] = v
			}
		}
		out = append(out, selfCheckPartner{"designated " + d.ID, tier, f})
	}
	return out
}

type review struct {
	Partner, Qualifies, Status string
	Missing, Designations      []string
}

// TestBrowserSelfCheckParity enters figures into each program's self-check page
// of the example portal and compares what the page says with what
// partnerdocs compliance says for the same partners: every tier and
// designation of every program, partners of every status.
func TestBrowserSelfCheckParity(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	dest, srv := servedExample(t)
	statuses := map[string]bool{}
	designated := 0
	for _, prog := range []string{"reseller", "services", "alliances"} {
		raw, err := os.ReadFile(filepath.Join(dest, "fy2026", "programs", prog, "matrix.json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc matrixDoc
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		r := run(t, repoRoot, "compliance", prog, "--template")
		head, err := csv.NewReader(strings.NewReader(r.stdout)).Read()
		if err != nil {
			t.Fatalf("template: %v %s", err, r.stderr)
		}
		partners := partnersFor(doc)
		var b strings.Builder
		w := csv.NewWriter(&b)
		_ = w.Write(head)
		for _, p := range partners {
			row := []string{}
			for _, c := range head {
				switch c {
				case "partner":
					row = append(row, p.name)
				case "tier":
					row = append(row, p.tier)
				default:
					row = append(row, p.values[c])
				}
			}
			_ = w.Write(row)
		}
		w.Flush()
		dir := t.TempDir()
		writeFile(t, dir, "partners.csv", b.String())
		r = run(t, repoRoot, "compliance", prog, "--partners", filepath.Join(dir, "partners.csv"), "--format", "json")
		if r.code != 0 {
			t.Fatalf("%s: exit %d %s", prog, r.code, r.stderr)
		}
		var want []review
		if err := json.Unmarshal([]byte(r.stdout), &want); err != nil || len(want) != len(partners) {
			t.Fatalf("%v: %d results for %d partners", err, len(want), len(partners))
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/fy2026/programs/"+prog+"/self-check/")); err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, `document.querySelector('.self-check').classList.contains('self-check-ready')`)
		for i, p := range partners {
			if i == 1 {
				// One partner typed key by key; the rest set at once.
				typeFigures(ctx, t, p)
			} else {
				setFigures(ctx, t, p)
			}
			got := pageReview(ctx, t)
			g := want[i]
			statuses[g.Status] = true
			if len(g.Designations) > 0 {
				designated++
			}
			if got.Qualifies != g.Qualifies || got.Status != g.Status || strings.Join(got.Missing, "; ") != strings.Join(g.Missing, "; ") ||
				strings.Join(got.Designations, " ") != strings.Join(g.Designations, " ") {
				t.Errorf("%s, %s:\npage    %+v\ncommand %+v", prog, p.name, got, g)
			}
		}
		if prog == "reseller" {
			screenshot(ctx, t, "self-check-reseller.png")
		}
	}
	for _, s := range []string{"ok", "upgrade", "at-risk", "none"} {
		if !statuses[s] {
			t.Errorf("no partner had status %s: the fixture does not cover it", s)
		}
	}
	if designated == 0 {
		t.Error("no partner earned a designation: the fixture does not cover it")
	}
}

// typeFigures enters a partner's figures as a person would: keys into
// each field, a click on each box.
func typeFigures(ctx context.Context, t *testing.T, p selfCheckPartner) {
	t.Helper()
	actions := []chromedp.Action[chromedp.Void]{chromedp.SetValue(`#sc-tier`, p.tier)}
	var names []string
	out := mustEval(ctx, t, `JSON.stringify(Array.from(document.querySelectorAll('.self-check-form input[name]')).map(e => e.id + "\t" + e.name + "\t" + e.type))`)
	if err := json.Unmarshal([]byte(out), &names); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		f := strings.Split(n, "\t")
		id, name, typ := "#"+f[0], f[1], f[2]
		v, ok := p.values[name]
		if typ == "checkbox" {
			if ok && v == "yes" {
				actions = append(actions, chromedp.Click(id))
			}
			continue
		}
		if !ok {
			continue
		}
		// Emptied first (Clear leaves a number field's value in place),
		// then typed key by key.
		actions = append(actions, chromedp.SetValue(id, ""), chromedp.SendKeys(id, v))
	}
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
	// A select set by script fires no event of its own.
	mustEvalBool(ctx, t, `document.querySelector('#sc-tier').dispatchEvent(new Event('change', {bubbles: true}))`)
}

// setFigures sets every field at once and lets the script recompute.
func setFigures(ctx context.Context, t *testing.T, p selfCheckPartner) {
	t.Helper()
	vals, _ := json.Marshal(p.values)
	js := fmt.Sprintf(`(() => {
		const v = %s, f = document.querySelector('.self-check-form');
		f.elements.tier.value = %q;
		for (const e of f.querySelectorAll('input[name]')) {
			if (e.type === 'checkbox') e.checked = v[e.name] === 'yes'; else e.value = v[e.name] || '0';
		}
		f.dispatchEvent(new Event('input', {bubbles: true}));
		return true;
	})()`, vals, p.tier)
	mustEvalBool(ctx, t, js)
}

func mustEvalBool(ctx context.Context, t *testing.T, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
		t.Fatal(err)
	}
}

// pageReview reads the result the page shows.
func pageReview(ctx context.Context, t *testing.T) review {
	t.Helper()
	out := mustEval(ctx, t, `(d => JSON.stringify({Qualifies: d.qualifies, Status: d.status, Missing: d.missing ? d.missing.split("; ") : [], Designations: d.designations ? d.designations.split(" ") : []}))(document.querySelector('.self-check-result').dataset)`)
	var r review
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestBrowserSelfCheckGerman: on a German page the self-check writes figures as
// the German matrix does ("USD 12.345,5"), and the English page keeps
// English separators.
func TestBrowserSelfCheckGerman(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := servedExample(t)
	for _, c := range []struct{ path, want, not string }{
		{"/de/fy2026/programs/reseller/self-check/", "USD 12.345,5", "USD 12,345.5"},
		{"/fy2026/programs/reseller/self-check/", "USD 12,345.5", "USD 12.345,5"},
	} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+c.path)); err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, `document.querySelector('.self-check').classList.contains('self-check-ready')`)
		// A Registered partner short of Select's new ARR is told its own.
		setFigures(ctx, t, selfCheckPartner{tier: "programs/reseller/registered", values: map[string]string{
			"text:Signed Tidewater Partner Agreement": "yes", "certification:certifications/sales-associate": "9",
			"certification:certifications/technical-associate": "9", "certification:certifications/sales-professional": "9",
			"certification:certifications/pipeline-engineer": "9", "tier:programs/reseller/registered": "24",
			"metric:customer-references": "9", "metric:net-new-arr": "12345.5"}})
		got := mustEval(ctx, t, `document.querySelector('.self-check-result').innerText`)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("%s: result %q, want %q", c.path, got, c.want)
		}
	}
}
