package model

import (
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
)

// findings are a run's diagnostics, one per line.
func findings(l *diag.List) string {
	var all []string
	for _, d := range l.Items() {
		all = append(all, d.String())
	}
	return strings.Join(all, "\n")
}

func rowIDs(list []Applied) []string {
	var out []string
	for _, a := range list {
		s := RowID(a.Requirement)
		if a.From != nil {
			s += "@" + a.From.Short()
		}
		out = append(out, s)
	}
	return out
}

// Requirements are cumulative; a restated row replaces the inherited
// one; keep restates rows in place.
func TestCumulativeAndKeep(t *testing.T) {
	files := goodProgram()
	files["content/v1/programs/resale/platinum.md"] = "---\ntitle: Platinum\nkind: tier\nprogram: programs/resale\nrank: 3\nrequirements:\n  - {certification: sales, count: 5}\n  - {tier: gold, label: Reached Gold}\n" +
		"keep:\n  - {metric: arr, min: 80000, unit: USD}\n  - {metric: nps, min: 40}\n---\n"
	for _, b := range []string{"content/v1/benefits/mdf.md", "content/v1/benefits/disc.md"} {
		files[b] = strings.Replace(files[b], "values:\n", "values:\n  platinum: true\n", 1)
	}
	models, diags := load(t, files)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	pr := models["v1"].Program("programs/resale")
	silver, gold, plat := pr.Tiers[0], pr.Tiers[1], pr.Tiers[2]
	tests := []struct {
		name string
		got  []Applied
		want string
	}{
		{"silver earns with its own", silver.Earn, "certification:certs/sales@silver text:Signed agreement@silver"},
		{"gold restates the certification row and inherits the text", gold.Earn,
			"certification:certs/sales@gold metric:arr@gold tier:programs/resale/silver@gold any_of:certification:certs/tech|text:A reference customer@gold text:Signed agreement@silver"},
		{"platinum inherits through gold", plat.Earn,
			"certification:certs/sales@platinum tier:programs/resale/gold@platinum metric:arr@gold tier:programs/resale/silver@gold any_of:certification:certs/tech|text:A reference customer@gold text:Signed agreement@silver"},
		{"keep restates in place and adds its own rows", plat.KeepAll,
			"certification:certs/sales@platinum tier:programs/resale/gold@platinum metric:arr@platinum tier:programs/resale/silver@gold any_of:certification:certs/tech|text:A reference customer@gold text:Signed agreement@silver metric:nps@platinum"},
		{"no keep, no keep list", gold.KeepAll, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(rowIDs(tc.got), " "); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	reached := plat.Requirements[1]
	if !reached.Reached() || reached.Label != "Reached Gold" || reached.Tier != gold {
		t.Errorf("tier requirement without months: %+v", reached)
	}
}

// Requirement and value fields that are wrong are errors at their line.
func TestProgramFieldErrors(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"months zero", "content/v1/programs/resale/gold.md",
			"---\ntitle: Gold\nkind: tier\nprogram: programs/resale\nrank: 2\nrequirements:\n  - {tier: silver, months: 0}\n---\n", "gold.md:7:28: error: months: must be 1 or more"},
		{"limit without value", "content/v1/benefits/disc.md",
			"---\ntitle: Discount\nkind: benefit\nprogram: programs/resale\nvalues:\n  silver: {value: 10, unit: percent, max: {unit: USD}}\n  gold: 20\n---\n", "disc.md:6:43: error: max: needs \"value\""},
		{"unknown limit unit", "content/v1/benefits/disc.md",
			"---\ntitle: Discount\nkind: benefit\nprogram: programs/resale\nvalues:\n  silver: {value: 10, unit: percent, min: {value: 1, unit: GBP}}\n  gold: 20\n---\n", "min.unit"},
		{"requires an unknown certification", "content/v1/benefits/disc.md",
			"---\ntitle: Discount\nkind: benefit\nprogram: programs/resale\nrequires: [certs/nope]\nvalues:\n  silver: 10\n  gold: 20\n---\n", "disc.md:5:12: error: requires"},
		{"requires a mapping without text", "content/v1/benefits/disc.md",
			"---\ntitle: Discount\nkind: benefit\nprogram: programs/resale\nrequires: [{txt: x}]\nvalues:\n  silver: 10\n  gold: 20\n---\n", "unknown key \"txt\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := goodProgram()
			files[tc.file] = tc.text
			_, diags := load(t, files)
			if all := findings(diags); !strings.Contains(all, tc.want) {
				t.Errorf("want %q in\n%s", tc.want, all)
			}
		})
	}
}

func TestLimitsAndRequires(t *testing.T) {
	files := goodProgram()
	files["content/v1/benefits/mdf.md"] = "---\ntitle: MDF\nkind: benefit\nprogram: programs/resale\nrequires: [tech, {text: A signed MDF addendum}]\nvalues:\n  silver: false\n" +
		"  gold: {value: 50, unit: percent, min: {value: 1000, unit: USD}, max: {value: 25000, unit: USD}, per: half-year}\n---\n"
	models, diags := load(t, files)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	m := models["v1"]
	mdf := m.Benefit("benefits/mdf")
	v, _ := mdf.ValueFor(m.Tier("programs/resale/gold"), "")
	if v.Min == nil || v.Min.Number != 1000 || v.Min.Unit != "USD" || v.Max.Number != 25000 || v.Per != "half-year" {
		t.Errorf("limits %+v", v)
	}
	if len(mdf.Requires) != 2 || mdf.Requires[0].Cert == nil || mdf.Requires[0].Cert.ID != "certs/tech" || mdf.Requires[1].Text != "A signed MDF addendum" {
		t.Errorf("requires %+v", mdf.Requires)
	}
}

// A designation is a column of each of its programs, led by its minimum
// tier; a benefit value keyed by the designation fills every column of
// it, and a missing one is not an error.
func TestDesignation(t *testing.T) {
	files := goodProgram()
	files["content/v1/programs/alliance/_index.md"] = "---\ntitle: Alliance\nkind: program\n---\n"
	files["content/v1/programs/alliance/member.md"] = "---\ntitle: Member\nkind: tier\nprogram: programs/alliance\nrank: 1\n---\n"
	files["content/v1/designations/msp.md"] = "---\ntitle: MSP\nkind: designation\nprograms: [programs/resale, programs/alliance]\nmin_tier: [gold]\n" +
		"requirements:\n  - {certification: tech, count: 2}\nkeep:\n  - {certification: tech, count: 1}\n---\n"
	files["content/v1/benefits/rebate.md"] = "---\ntitle: Rebate\nkind: benefit\nprograms: [programs/resale, programs/alliance]\nvalues:\n  silver: false\n  gold: false\n  member: false\n  msp: {value: 5, unit: percent}\n---\n"
	models, diags := load(t, files)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	m := models["v1"]
	d := m.Designation("designations/msp")
	resale, alliance := m.Program("programs/resale"), m.Program("programs/alliance")
	if d == nil || len(d.Programs) != 2 || d.MinTier[resale] != m.Tier("programs/resale/gold") || d.MinTier[alliance] != nil {
		t.Fatalf("designation %+v", d)
	}
	rc, ac := d.Columns[resale], d.Columns[alliance]
	if len(resale.Designations) != 1 || resale.Designations[0] != rc || rc.Designation != d {
		t.Fatalf("resale columns %+v", resale.Designations)
	}
	if got := strings.Join(rowIDs(rc.Earn), " "); got != "tier:programs/resale/gold@msp certification:certs/tech@msp" {
		t.Errorf("resale column earns with %s", got)
	}
	if got := strings.Join(rowIDs(ac.Earn), " "); got != "certification:certs/tech@msp" {
		t.Errorf("alliance column earns with %s", got)
	}
	if got := strings.Join(rowIDs(rc.KeepAll), " "); got != "tier:programs/resale/gold@msp certification:certs/tech@msp" || rc.KeepAll[1].Count != 1 {
		t.Errorf("resale column keeps with %s", got)
	}
	reb := m.Benefit("benefits/rebate")
	for _, col := range []*Tier{rc, ac} {
		if v, ok := reb.ValueFor(col, ""); !ok || v.Number != 5 {
			t.Errorf("rebate for %s in %s: %+v %v", col.ID, col.Program.ID, v, ok)
		}
	}
	if _, ok := m.Benefit("benefits/mdf").ValueFor(rc, ""); ok {
		t.Error("a benefit that does not name the designation has a value for it")
	}
}

func TestDesignationErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"no programs", "---\ntitle: MSP\nkind: designation\n---\n", "msp.md:2:1: error: missing required key \"programs\""},
		{"unknown program", "---\ntitle: MSP\nkind: designation\nprograms: [programs/resell]\n---\n", "msp.md:4:12: error: programs \"programs/resell\": no program page"},
		{"minimum tier of another program", "---\ntitle: MSP\nkind: designation\nprograms: [programs/resale]\nmin_tier: [programs/other/base]\n---\n", "msp.md:5:12: error: min_tier \"programs/other/base\" is a tier of programs/other"},
		{"two minimum tiers in one program", "---\ntitle: MSP\nkind: designation\nprograms: [programs/resale]\nmin_tier: [silver, gold]\n---\n", "msp.md:5:20: error: min_tier: programs/resale already has programs/resale/silver"},
		{"months zero in a requirement", "---\ntitle: MSP\nkind: designation\nprograms: [programs/resale]\nrequirements:\n  - {tier: gold, months: 0}\n---\n", "msp.md:6:26: error: months: must be 1 or more"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := goodProgram()
			files["content/v1/programs/other/_index.md"] = "---\ntitle: Other\nkind: program\n---\n"
			files["content/v1/programs/other/base.md"] = "---\ntitle: Base\nkind: tier\nprogram: programs/other\nrank: 1\n---\n"
			files["content/v1/designations/msp.md"] = tc.text
			_, diags := load(t, files)
			if all := findings(diags); !strings.Contains(all, tc.want) {
				t.Errorf("want %q in\n%s", tc.want, all)
			}
		})
	}
}
