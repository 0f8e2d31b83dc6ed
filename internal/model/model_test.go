package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

// load builds a site from files and returns its models and diagnostics.
func load(t *testing.T, files map[string]string) (map[string]*Model, *diag.List) {
	t.Helper()
	if _, ok := files["config.yaml"]; !ok {
		files["config.yaml"] = "title: T\nregions: [emea, apac]\nversions:\n  - {name: v1, path: content/v1, latest: true}\n"
	}
	s, diags := testsite.Load(t, files)
	return Build(s, diags), diags
}

// goodProgram is a small valid program used as the base of the fixtures.
func goodProgram() map[string]string {
	return map[string]string{
		"content/v1/programs/resale/_index.md": "---\ntitle: Resale\nkind: program\n---\n",
		"content/v1/programs/resale/silver.md": "---\ntitle: Silver\nkind: tier\nprogram: programs/resale\nrank: 1\nrequirements:\n  - {certification: sales, count: 1}\n  - {text: Signed agreement}\n---\n",
		"content/v1/programs/resale/gold.md": "---\ntitle: Gold\nkind: tier\nprogram: programs/resale\nrank: 2\nrequirements:\n  - {certification: certs/sales, count: 3}\n" +
			"  - {metric: arr, min: 100000, unit: USD, window: 12 months}\n  - {tier: silver, months: 6}\n  - any_of:\n      - {certification: tech, count: 1}\n      - {text: A reference customer}\n---\n",
		"content/v1/certs/sales.md":   "---\ntitle: Sales\nkind: certification\ntrack: sales\n---\n",
		"content/v1/certs/tech.md":    "---\ntitle: Tech\nkind: certification\ntrack: technical\nprerequisites: [sales]\n---\n",
		"content/v1/terms/mdf.md":     "---\ntitle: MDF terms\nkind: terms\n---\n",
		"content/v1/benefits/mdf.md":  "---\ntitle: MDF\nkind: benefit\nprogram: programs/resale\ngroup: Marketing\nterms: terms/mdf\nvalues:\n  silver: false\n  gold: {value: 50, unit: percent, footnote: Capped.}\nregion_values:\n  apac:\n    gold: {value: 40, unit: percent}\n---\n",
		"content/v1/benefits/disc.md": "---\ntitle: Discount\nkind: benefit\nprogram: programs/resale\ngroup: Sales\nvalues:\n  programs/resale/silver: 10\n  gold: Best\n---\n",
	}
}

func TestGoodModel(t *testing.T) {
	models, diags := load(t, goodProgram())
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	m := models["v1"]
	pr := m.Program("programs/resale")
	if pr == nil || len(pr.Tiers) != 2 || pr.Tiers[0].ID != "programs/resale/silver" {
		t.Fatalf("program %+v", pr)
	}
	if len(pr.Benefits) != 2 || pr.Benefits[0].ID != "benefits/disc" {
		t.Errorf("benefits not in group order: %v", pr.Benefits)
	}
	gold := pr.Tiers[1]
	if len(gold.Requirements) != 4 || gold.Requirements[0].Cert.ID != "certs/sales" || gold.Requirements[2].Tier != pr.Tiers[0] || len(gold.Requirements[3].AnyOf) != 2 {
		t.Errorf("gold requirements %+v", gold.Requirements)
	}
	mdf := m.Benefit("benefits/mdf")
	if v, _ := mdf.ValueFor(gold, "apac"); v.Number != 40 {
		t.Errorf("apac value %+v", v)
	}
	if v, _ := mdf.ValueFor(gold, "emea"); v.Number != 50 || v.Unit != "percent" || v.Footnote != "Capped." {
		t.Errorf("emea value %+v", v)
	}
	if mdf.Terms == nil || mdf.Terms.ID != "terms/mdf" {
		t.Error("terms not resolved")
	}
	sales := m.Cert("certs/sales")
	if len(sales.RequiredBy) != 1 || len(sales.Tiers) != 2 {
		t.Errorf("sales cert graph %+v", sales)
	}
}

// TestRules puts one failure per rule into one site, and asserts each
// position and rule, all reported in a single run.
func TestRules(t *testing.T) {
	f := goodProgram()
	f["content/v1/programs/resale/bronze.md"] = "---\ntitle: Bronze\nkind: tier\nprogram: programs/resael\nrank: 1\n---\n"
	f["content/v1/programs/resale/plat.md"] = "---\ntitle: Platinum\nkind: tier\nprogram: programs/resale\nrank: 2\nrequirements:\n  - {certification: salse}\n  - {certification: sales, text: both}\n  - {metric: arr, minimum: 3}\n  - {tier: silver, months: many}\n---\n"
	f["content/v1/programs/empty/_index.md"] = "---\ntitle: Empty\nkind: program\n---\n"
	f["content/v1/certs/a.md"] = "---\ntitle: A\nkind: certification\nprerequisites: [certs/b]\n---\n"
	f["content/v1/certs/b.md"] = "---\ntitle: B\nkind: certification\nprerequisites: [certs/c]\n---\n"
	f["content/v1/certs/c.md"] = "---\ntitle: C\nkind: certification\nprerequisites: [certs/a, certs/nope]\n---\n"
	f["content/v1/benefits/bad.md"] = "---\ntitle: Bad\nkind: benefit\nprogram: programs/resale\nterms: terms/mfd\nvalues:\n  silver: [1, 2]\n  gld: true\n  gold: {value: 5, unit: pct}\nregion_values:\n  mars:\n    gold: 1\n---\n"
	f["content/v1/benefits/missing.md"] = "---\ntitle: Missing\nkind: benefit\nprogram: programs/resale\nvalues:\n  silver: true\n---\n"
	f["content/v1/news.md"] = "---\ntitle: N\nkind: announcement\ndate: 2026-01-01\naffects: [terms/mdf, terms/nope, terms/mdf@v9]\n---\n"
	_, diags := load(t, f)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, fmt.Sprintf("%s:%d:%d %s %s|%s", strings.TrimPrefix(d.File, "content/v1/"), d.Line, d.Column, d.Severity, d.Rule, d.Suggestion))
	}
	want := []string{
		"benefits/bad.md:5:8 error unknown-ref|terms/mdf",
		"benefits/bad.md:6:1 error matrix-missing-value|",
		"benefits/bad.md:6:1 error matrix-missing-value|",
		"benefits/bad.md:6:1 error matrix-missing-value|",
		"benefits/bad.md:7:11 error frontmatter-field|",
		"benefits/bad.md:8:3 error matrix-unknown-tier|gold",
		"benefits/bad.md:9:26 error frontmatter-field|",
		"benefits/bad.md:11:3 error unknown-region|",
		"benefits/disc.md:6:1 error matrix-missing-value|",
		"benefits/mdf.md:7:1 error matrix-missing-value|",
		"benefits/missing.md:5:1 error matrix-missing-value|",
		"benefits/missing.md:5:1 error matrix-missing-value|",
		"certs/a.md:4:16 error prerequisite-cycle|",
		"certs/c.md:4:26 error unknown-ref|",
		"news.md:5:22 error unknown-ref|",
		"news.md:5:34 error unknown-version|v1",
		"programs/empty/_index.md:2:1 warning unknown-ref|",
		"programs/resale/bronze.md:4:10 error unknown-ref|programs/resale",
		"programs/resale/plat.md:5:7 error duplicate-rank|",
		"programs/resale/plat.md:7:21 error unknown-ref|sales",
		"programs/resale/plat.md:8:5 error frontmatter-field|",
		"programs/resale/plat.md:9:19 error frontmatter-field|",
		"programs/resale/plat.md:10:28 error frontmatter-field|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\n\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range diags.Items() {
		if d.Rule == diag.RulePrerequisiteCycle && d.Message != "prerequisites form a cycle: certs/a → certs/b → certs/c → certs/a" {
			t.Errorf("cycle message: %s", d.Message)
		}
	}
}

// TestOrphanTierOnce: a tier whose program id is misspelt is one error,
// with a suggestion, on the tier; the benefits that give it a value do
// not each report it again, and a certification it requires does not
// stop the run.
func TestOrphanTierOnce(t *testing.T) {
	f := goodProgram()
	f["content/v1/programs/resale/gold.md"] = strings.Replace(f["content/v1/programs/resale/gold.md"], "program: programs/resale\n", "program: programs/resael\n", 1)
	_, diags := load(t, f)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, fmt.Sprintf("%s:%d %s|%s", strings.TrimPrefix(d.File, "content/v1/"), d.Line, d.Rule, d.Suggestion))
	}
	if want := "programs/resale/gold.md:4 unknown-ref|programs/resale"; len(got) != 1 || got[0] != want {
		t.Errorf("findings %q, want only %q", got, want)
	}
}

// A requirement naming a designation resolves like the other references:
// by id or last segment, to the designation (read after the tiers); a
// misspelt id or a page of another kind is an error at the id, with a
// suggestion.
func TestDesignationRequirement(t *testing.T) {
	f := goodProgram()
	f["content/v1/designations/ps.md"] = "---\ntitle: Professional Services\nkind: designation\nprograms: [programs/resale]\nmin_tier: [silver]\n---\n"
	f["content/v1/programs/resale/plat.md"] = "---\ntitle: Platinum\nkind: tier\nprogram: programs/resale\nrank: 3\nrequirements:\n  - {designation: ps}\n  - {designation: designations/sp}\n  - {designation: programs/resale/gold}\n---\n"
	models, diags := load(t, f)
	var got []string
	for _, d := range diags.Items() {
		if d.Rule == diag.RuleMatrixMissing {
			continue // the benefits give Platinum no value
		}
		got = append(got, fmt.Sprintf("%s:%d:%d %s|%s|%s", strings.TrimPrefix(d.File, "content/v1/"), d.Line, d.Column, d.Rule, d.Message, d.Suggestion))
	}
	want := []string{
		`programs/resale/plat.md:8:19 unknown-ref|designation "designations/sp": no designation page with that id in v1|designations/ps`,
		`programs/resale/plat.md:9:19 unknown-ref|designation "programs/resale/gold" is a tier page, not a designation|`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	plat := models["v1"].Tier("programs/resale/plat")
	if len(plat.Requirements) != 3 || plat.Requirements[0].Desig == nil || plat.Requirements[0].Desig.Title != "Professional Services" || RowID(plat.Requirements[0]) != "designation:designations/ps" {
		t.Fatalf("requirements %+v", plat.Requirements)
	}
	if RowID(plat.Requirements[1]) != "designation:unlisted" {
		t.Errorf("an unresolved designation's row: %s", RowID(plat.Requirements[1]))
	}
}
