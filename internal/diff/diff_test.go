package diff

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
	"github.com/partnerdocs/partnerdocs/internal/testtheme"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Two program years that differ in every way the report knows.
var files = map[string]string{
	"config.yaml": "title: T\nregions: [apac]\nversions:\n  - {name: new, label: NEW, path: content/new, latest: true}\n  - {name: old, label: OLD, path: content/old}\n",

	"content/old/p/_index.md":    "---\ntitle: Resale\nkind: program\n---\n",
	"content/old/p/silver.md":    "---\ntitle: Silver\nkind: tier\nprogram: p\nrank: 1\nrequirements:\n  - {certification: c1, count: 1}\n  - {text: Old rule}\n---\n",
	"content/old/p/gold.md":      "---\ntitle: Gold\nkind: tier\nprogram: p\nrank: 2\nrequirements:\n  - {metric: arr, min: 100000, unit: USD}\nkeep:\n  - {metric: arr, min: 80000, unit: USD}\n  - {text: Quarterly report}\n---\n",
	"content/old/p/bronze.md":    "---\ntitle: Bronze\nkind: tier\nprogram: p\nrank: 3\n---\n",
	"content/old/gone/_index.md": "---\ntitle: Gone program\nkind: program\n---\n",
	"content/old/gone/only.md":   "---\ntitle: Only\nkind: tier\nprogram: gone\nrank: 1\n---\n",
	"content/old/b/mdf.md":       "---\ntitle: MDF\nkind: benefit\nprogram: p\nvalues:\n  silver: false\n  gold: {value: 50, unit: percent}\n  bronze: true\nregion_values:\n  apac:\n    gold: {value: 30, unit: percent}\n---\n",
	"content/old/b/demo.md":      "---\ntitle: Demo environments\nkind: benefit\nprogram: p\nvalues: {silver: 1, gold: 3, bronze: 0}\n---\n",
	"content/old/c/c1.md":        "---\ntitle: Cert one\nkind: certification\nduration_hours: 8\nexam: written\n---\n",
	"content/old/c/c2.md":        "---\ntitle: Cert two\nkind: certification\n---\n",
	"content/old/d/svc.md":       "---\ntitle: Services\nkind: designation\nprograms: [p]\nmin_tier: [silver]\nrequirements:\n  - {certification: c1, count: 1}\n---\n",
	"content/old/d/legacy.md":    "---\ntitle: Legacy\nkind: designation\nprograms: [p]\n---\n",
	"content/old/b/rebate.md":    "---\ntitle: Rebate\nkind: benefit\nprogram: p\nvalues: {silver: false, gold: false, bronze: false, svc: {value: 5, unit: percent}}\n---\n",
	"content/old/t/mdf.md":       "---\ntitle: MDF terms\nkind: terms\n---\nFunds are paid in USD.\n\n## Claims {#claims}\n\nClaim within 30 days after the activity ends. Attach the invoices.\n\n## Audits\n\nTidewater may audit.\n",
	"content/old/guides/keep.md": "---\ntitle: Keep\n---\nSame.\n",
	"content/old/guides/edit.md": "---\ntitle: Edit\n---\nBefore.\n",
	"content/old/guides/old.md":  "---\ntitle: Registering\n---\nText.\n",
	"content/old/guides/drop.md": "---\ntitle: Dropped\n---\n",

	"content/new/p/_index.md":     "---\ntitle: Resale\nkind: program\n---\n",
	"content/new/p/silver.md":     "---\ntitle: Silver\nkind: tier\nprogram: p\nrank: 1\nrequirements:\n  - {certification: c1, count: 2}\n  - {text: New rule}\n---\n",
	"content/new/p/gold.md":       "---\ntitle: Gold\nkind: tier\nprogram: p\nrank: 2\nrequirements:\n  - {metric: arr, min: 150000, unit: USD}\nkeep:\n  - {metric: arr, min: 120000, unit: USD}\n  - {text: Annual audit}\n---\n",
	"content/new/p/platinum.md":   "---\ntitle: Platinum\nkind: tier\nprogram: p\nrank: 3\n---\n",
	"content/new/fresh/_index.md": "---\ntitle: Fresh program\nkind: program\n---\n",
	"content/new/fresh/one.md":    "---\ntitle: One\nkind: tier\nprogram: fresh\nrank: 1\n---\n",
	"content/new/b/mdf.md":        "---\ntitle: MDF\nkind: benefit\nprogram: p\nvalues:\n  silver: false\n  gold: {value: 60, unit: percent, max: {value: 25000, unit: USD}, per: year}\n  platinum: true\nregion_values:\n  apac:\n    gold: {value: 40, unit: percent}\n---\n",
	"content/new/b/credits.md":    "---\ntitle: Sandbox credits\nkind: benefit\nprogram: p\nvalues: {silver: 1000, gold: 5000, platinum: 20000}\n---\n",
	"content/new/c/c1.md":         "---\ntitle: Cert one\nkind: certification\nduration_hours: 12\nexam: lab\n---\n",
	"content/new/c/c3.md":         "---\ntitle: Cert three\nkind: certification\nprerequisites: [c1]\n---\n",
	"content/new/d/svc.md":        "---\ntitle: Services\nkind: designation\nprograms: [p]\nmin_tier: [silver]\nrequirements:\n  - {certification: c1, count: 3}\n---\n",
	"content/new/d/msp.md":        "---\ntitle: MSP\nkind: designation\nprograms: [p]\n---\n",
	"content/new/b/rebate.md":     "---\ntitle: Rebate\nkind: benefit\nprogram: p\nvalues: {silver: false, gold: false, platinum: false, svc: {value: 8, unit: percent}}\n---\n",
	"content/new/t/mdf.md":        "---\ntitle: MDF terms\nkind: terms\n---\nFunds are paid in USD.\n\n## Claims {#claims}\n\nClaim within 45 days after the activity ends. Attach the invoices.\n\n## Payment\n\nPaid by credit note.\n",
	"content/new/guides/keep.md":  "---\ntitle: Keep\n---\nSame.\n",
	"content/new/guides/edit.md":  "---\ntitle: Edit\n---\nAfter.\n",
	"content/new/guides/new.md":   "---\ntitle: Registering deals\naliases: [guides/old]\n---\nText.\n",
	"content/new/guides/add.md":   "---\ntitle: Added\n---\n",
}

func report(t *testing.T) *Report {
	t.Helper()
	s, diags := testsite.Load(t, files)
	models := model.Build(s, diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	return Compare(s.Version("old"), s.Version("new"), models["old"], models["new"], words.Default("en"))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testsite.Golden(t, filepath.Join("testdata", name), got)
}

// An edited terms page says which clauses changed, with a word-level
// redline of each changed sentence.
func TestClauseRedline(t *testing.T) {
	r := report(t)
	var mdf *PageRef
	for i := range r.Pages.Edited {
		if r.Pages.Edited[i].ID == "t/mdf" {
			mdf = &r.Pages.Edited[i]
		}
	}
	if mdf == nil {
		t.Fatalf("edited: %+v", r.Pages.Edited)
	}
	var got []string
	for _, c := range mdf.Clauses {
		s := c.Title + ":" + c.Kind
		for _, sen := range c.Sentences {
			s += " | " + wordDiffText(sen)
		}
		got = append(got, s)
	}
	want := []string{"Claims:changed | Claim within [-30-] {+45+} days after the activity ends.", "Payment:added", "Audits:removed"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("clauses\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h := testtheme.Draw(t, r.Part("/", "")); !strings.Contains(h, `<a href="/new/t/mdf/#claims">Claims</a>: changed<p class="redline">Claim within <del>30</del> <ins>45</ins> days`) {
		t.Errorf("no redline in the HTML:\n%s", h)
	}
}

func TestGolden(t *testing.T) {
	r := report(t)
	golden(t, "changes.txt", []byte(r.Text()))
	golden(t, "changes.json", r.JSON())
	kinds := map[string]bool{}
	for _, p := range r.Programs {
		for _, c := range p.Changes {
			kinds[c.Kind] = true
		}
	}
	for _, c := range r.Certifications {
		kinds[c.Kind] = true
	}
	for _, k := range []string{TierAdded, TierRemoved, RequirementAdded, RequirementRemoved, RequirementChanged, BenefitAdded, BenefitRetired, ValueChanged, CertAdded, CertRemoved, CertChanged, ProgramAdded, ProgramRemoved, DesignationAdded, DesignationRemoved} {
		if !kinds[k] {
			t.Errorf("the fixture does not exercise %s", k)
		}
	}
	if len(r.Pages.Added) == 0 || len(r.Pages.Removed) == 0 || len(r.Pages.Renamed) != 1 || len(r.Pages.Edited) == 0 {
		t.Errorf("pages %+v", r.Pages)
	}
}
