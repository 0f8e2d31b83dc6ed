package compliance

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// program: Silver (a text and 1 sales), Gold (3 sales, ARR ≥ 100,000,
// 6 months in Silver, tech or a reference), Platinum (reached Gold, 5
// sales; keep: ARR ≥ 80,000 instead of its inherited 100,000, and NPS ≥ 40);
// Platinum also needs 12 months in another program's tier. The Managed
// Services designation needs Gold held, 2 tech and 10 managed customers.
func program(t *testing.T) *matrix.Export {
	t.Helper()
	files := map[string]string{
		"config.yaml":                            "title: T\nversions:\n  - {name: v1, path: content/v1, latest: true}\n",
		"content/v1/programs/resale/_index.md":   "---\ntitle: Resale\nkind: program\n---\n",
		"content/v1/programs/alliance/_index.md": "---\ntitle: Alliance\nkind: program\n---\n",
		"content/v1/programs/alliance/member.md": "---\ntitle: Member\nkind: tier\nprogram: programs/alliance\nrank: 1\n---\n",
		"content/v1/programs/resale/silver.md":   "---\ntitle: Silver\nkind: tier\nprogram: programs/resale\nrank: 1\nrequirements:\n  - {certification: sales, count: 1}\n  - {text: Signed agreement}\n---\n",
		"content/v1/programs/resale/gold.md": "---\ntitle: Gold\nkind: tier\nprogram: programs/resale\nrank: 2\nrequirements:\n  - {certification: sales, count: 3}\n" +
			"  - {metric: arr, min: 100000, unit: USD}\n  - {tier: silver, months: 6}\n  - any_of:\n      - {certification: tech, count: 1}\n      - {text: A reference customer}\n---\n",
		"content/v1/programs/resale/platinum.md": "---\ntitle: Platinum\nkind: tier\nprogram: programs/resale\nrank: 3\nrequirements:\n  - {certification: sales, count: 5}\n  - {tier: gold}\n  - {tier: programs/alliance/member, months: 12}\n" +
			"keep:\n  - {metric: arr, min: 80000, unit: USD}\n  - {metric: nps, min: 40}\n---\n",
		"content/v1/programs/msp.md": "---\ntitle: Managed Services\nkind: designation\nprograms: [programs/resale, programs/alliance]\nmin_tier: [gold]\n" +
			"requirements:\n  - {certification: tech, count: 2}\n  - {metric: managed-customers, min: 10}\n---\n",
		"content/v1/certs/sales.md": "---\ntitle: Sales\nkind: certification\n---\n",
		"content/v1/certs/tech.md":  "---\ntitle: Tech\nkind: certification\n---\n",
	}
	s, diags := testsite.Load(t, files)
	models := model.Build(s, diags)
	if diags.HasErrors() {
		t.Fatalf("fixture: %v", diags.Items())
	}
	m := models["v1"]
	doc := matrix.Build(m, m.Program("programs/resale"), matrix.Options{Requirements: true, Words: words.Default("en")}).Export("/")
	return &doc
}

const (
	sales = "certification:certs/sales"
	tech  = "certification:certs/tech"
	agree = "text:Signed agreement"
	ref   = "text:A reference customer"
	arr   = "metric:arr"
	nps   = "metric:nps"
	inSil = "tier:programs/resale/silver"
	inGld = "tier:programs/resale/gold"
	inAll = "tier:programs/alliance/member"
)

func TestEvaluate(t *testing.T) {
	doc := program(t)
	gold := map[string]float64{agree: 1, sales: 3, arr: 100000, inSil: 6, tech: 1}
	with := func(base map[string]float64, kv ...any) map[string]float64 {
		out := map[string]float64{}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i].(string)] = float64(kv[i+1].(int))
		}
		return out
	}
	tests := []struct {
		name    string
		tier    string
		values  map[string]float64
		q, st   string
		missing string
	}{
		{"below entry, no tier", "", map[string]float64{sales: 1}, "", StatusNone, "Signed agreement (not yet)"},
		{"entry, no tier", "", map[string]float64{sales: 1, agree: 1}, "programs/resale/silver", StatusUpgrade, "3 × Sales (has 1); ARR of at least USD 100,000 (has USD 0); 6 months in Silver (has 0); 1 × Tech or A reference customer (has 0 and not yet)"},
		{"inherited row still needed at gold", "programs/resale/silver", with(gold, agree, 0), "", StatusAtRisk, "Signed agreement (not yet)"},
		{"any_of met by its other alternative", "programs/resale/gold", with(gold, tech, 0, ref, 1), "programs/resale/gold", StatusOK, "5 × Sales (has 3); 12 months in Member (has 0)"},
		{"restated row replaces the inherited one", "programs/resale/gold", with(gold, sales, 2), "programs/resale/silver", StatusAtRisk, "3 × Sales (has 2)"},
		{"earn: reached gold by being in it, other program's tier", "programs/resale/gold", with(gold, sales, 5, inAll, 12), "programs/resale/platinum", StatusUpgrade, ""},
		{"reached gold: not while below it", "programs/resale/silver", with(gold, sales, 5, inAll, 12), "programs/resale/gold", StatusUpgrade, "Reached Gold (not yet)"},
		{"earn needs the full ARR when not in the tier", "programs/resale/gold", with(gold, sales, 5, inAll, 12, arr, 90000), "programs/resale/silver", StatusAtRisk, "ARR of at least USD 100,000 (has USD 90,000)"},
		{"keep: lower ARR and NPS for a partner in the tier", "programs/resale/platinum", with(gold, sales, 5, inAll, 12, arr, 90000, nps, 45, inGld, 1), "programs/resale/platinum", StatusOK, ""},
		{"keep: missing NPS puts platinum at risk", "programs/resale/platinum", with(gold, sales, 5, inAll, 12, arr, 90000, inGld, 1), "programs/resale/silver", StatusAtRisk, "NPS of at least 40 (has 0)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(doc, Partner{Name: "P", Tier: tc.tier, Values: tc.values})
			if r.Qualifies != tc.q || r.Status != tc.st || strings.Join(r.Missing, "; ") != tc.missing {
				t.Errorf("got  %q %q %q\nwant %q %q %q", r.Qualifies, r.Status, strings.Join(r.Missing, "; "), tc.q, tc.st, tc.missing)
			}
		})
	}
}

func TestEvaluateDesignations(t *testing.T) {
	doc := program(t)
	if len(doc.Designations) != 1 || doc.Designations[0].MinTier != "programs/resale/gold" {
		t.Fatalf("designations: %+v", doc.Designations)
	}
	msp := map[string]float64{agree: 1, sales: 3, arr: 100000, inSil: 6, tech: 2, "metric:managed-customers": 10}
	tests := []struct {
		name, tier string
		values     map[string]float64
		want       string
	}{
		{"held at its minimum tier", "programs/resale/gold", msp, "programs/msp"},
		{"held above its minimum tier", "programs/resale/platinum", msp, "programs/msp"},
		{"below its minimum tier, though it qualifies for it", "programs/resale/silver", msp, ""},
		{"no tier", "", msp, ""},
		{"one figure short", "programs/resale/gold", map[string]float64{agree: 1, sales: 3, arr: 100000, inSil: 6, tech: 1, "metric:managed-customers": 10}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(doc, Partner{Name: "P", Tier: tc.tier, Values: tc.values})
			if got := strings.Join(r.Designations, " "); got != tc.want {
				t.Errorf("designations %q, want %q", got, tc.want)
			}
		})
	}
	var diags diag.List
	ps := ReadPartners(doc, "en", "t.csv", strings.NewReader(string(Template(doc))), &diags)
	if len(ps) != 1 {
		t.Fatalf("template: %v", diags.Items())
	}
	if _, ok := ps[0].Values["metric:managed-customers"]; !ok {
		t.Errorf("template lacks the designation's column")
	}
}

func TestReadPartnersErrors(t *testing.T) {
	doc := program(t)
	head := "partner,tier," + sales + "," + agree + "\n"
	tests := []struct{ name, csv, want string }{
		{"empty file", "", "p.csv:1:1: error: no partners"},
		{"header only", head, "p.csv:1:1: error: no partners"},
		{"unknown column", "partner,certification:certs/sale\nA,1\n", "p.csv:1:2: error: unknown column \"certification:certs/sale\""},
		{"not a number", head + "A,silver,two,yes\n", "p.csv:2:3: error: column \"certification:certs/sales\": \"two\" is not a number"},
		{"not yes or no", head + "A,silver,1,maybe\n", "p.csv:2:4: error: column \"text:Signed agreement\": \"maybe\" is not yes or no"},
		{"duplicate partner", head + "A,silver,1,yes\nB,,1,no\na,gold,3,yes\n", "p.csv:4:1: error: partner \"a\" is also on row 2"},
		{"unknown tier", head + "A,diamond,1,yes\n", "p.csv:2:2: error: column \"tier\": programs/resale has no tier \"diamond\""},
		{"no partner column", sales + "\n1\n", "p.csv:1:1: error: no \"partner\" column"},
		{"ragged row", head + "A,silver\n", "p.csv:2:1: error: 2 cells, and the header has 4"},
		{"bad quoting", head + "A,\"silver,1,yes\n", "p.csv:2:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			ps := ReadPartners(doc, "en", "p.csv", strings.NewReader(tc.csv), &diags)
			var all []string
			for _, d := range diags.Items() {
				all = append(all, d.String())
			}
			if ps != nil || !strings.Contains(strings.Join(all, "\n"), tc.want) {
				t.Errorf("partners %v; want %q in\n%s", ps, tc.want, strings.Join(all, "\n"))
			}
		})
	}
	// All problems of a file are reported, not the first only.
	var diags diag.List
	ReadPartners(doc, "en", "p.csv", strings.NewReader(head+"A,silver,x,yes\nB,silver,1,perhaps\n"), &diags)
	if n, _ := diags.Count(); n != 2 {
		t.Errorf("want 2 errors, got %v", diags.Items())
	}
}

func TestTemplateReadsBack(t *testing.T) {
	doc := program(t)
	var diags diag.List
	ps := ReadPartners(doc, "en", "t.csv", strings.NewReader(string(Template(doc))), &diags)
	if diags.Len() != 0 || len(ps) != 1 || ps[0].Tier != "programs/resale/silver" {
		t.Fatalf("template does not read back: %v %v", ps, diags.Items())
	}
	for _, c := range []string{sales, tech, agree, ref, arr, nps, inSil, inGld, inAll} {
		if _, ok := ps[0].Values[c]; !ok {
			t.Errorf("template lacks column %s", c)
		}
	}
}

// A partners file is bounded: columns, rows and findings (the first 100,
// then a count), each cap one finding; control characters in a partner's
// name reach a terminal escaped.
func TestPartnersFileBounds(t *testing.T) {
	doc := program(t)
	head := "partner,tier," + sales + "," + agree + "\n"
	count := func(csv string) (int, []string) {
		var diags diag.List
		ReadPartners(doc, "en", "p.csv", strings.NewReader(csv), &diags)
		var all []string
		for _, d := range diags.Items() {
			all = append(all, d.String())
		}
		n, _ := diags.Count()
		return n, all
	}
	if n, all := count("partner" + strings.Repeat(",x", 5000) + "\nA\n"); n != 1 || !strings.Contains(all[0], "5001 columns; a partners file may have at most 1000") {
		t.Errorf("wide header: %d %q", n, all)
	}
	if n, all := count(head + strings.Repeat("A,silver,1,yes\n", MaxPartners+5)); n != 1 || !strings.Contains(all[0], "more than 100000 partners") {
		t.Errorf("long file: %d %q", n, all)
	}
	var rows strings.Builder
	rows.WriteString(head)
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&rows, "P%d,silver,x,yes\n", i)
	}
	if n, all := count(rows.String()); n != MaxFindings+1 || !strings.Contains(strings.Join(all, "\n"), "200 more problems not shown") {
		t.Errorf("300 bad rows: %d findings", n)
	}
	out := string(Text([]Result{{Partner: "Evil\x1b[2J\nCorp", Tier: "silver"}}))
	if strings.ContainsAny(out[strings.Index(out, "Evil"):strings.Index(out, "Corp")], "\x1b\n") || !strings.Contains(out, `Evil\x1b[2J\nCorp`) {
		t.Errorf("text output: %q", out)
	}
}

// TestParseNumber: figures as CRM exports write them are read in the
// site's language; a figure that reads two ways is refused, saying so.
func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		cell, lang string
		want       float64
		why        string
	}{
		{"500,000", "en", 500000, ""}, {"$200000", "en", 200000, ""}, {"USD 1,250.50", "en", 1250.5, ""}, {"85%", "en", 85, ""},
		{"1_000", "en", 1000, ""}, {"0.500", "en", 0.5, ""}, {"4.25", "en", 4.25, ""}, {"€ 12", "en", 12, ""},
		{"1.250,5", "de", 1250.5, ""}, {"1.000", "de", 1000, ""}, {"200.000 EUR", "de", 200000, ""}, {"1 250,5", "fr", 1250.5, ""},
		{"1.000", "en", 0, "reads two ways"}, {"1,000", "de", 0, "reads two ways"}, {"50,00,000", "en", 0, "thousands separators"},
		{"1,2345", "en", 0, "thousands separators"}, {"12abc", "en", 0, "not a number"}, {"1.2.3", "en", 0, "not a number"}, {"", "en", 0, "not a number"},
	} {
		v, why := parseNumber(c.cell, c.lang)
		if v != c.want || (c.why == "") != (why == "") || !strings.Contains(why, c.why) {
			t.Errorf("parseNumber(%q, %s) = %v, %q; want %v, %q", c.cell, c.lang, v, why, c.want, c.why)
		}
	}
}

// TestEveryProblemInOneRun: a file with a bad header, a bad tier and a
// bad figure reports all three at once.
func TestEveryProblemInOneRun(t *testing.T) {
	doc := program(t)
	var num string
	for _, c := range Columns(doc) {
		if c.Kind != "text" && num == "" {
			num = c.ID
		}
	}
	head := "partner,tier,nope," + num + "\n"
	var diags diag.List
	ps := ReadPartners(doc, "en", "p.csv", strings.NewReader(head+"A,sliver,x,1\nB,silver,y,1.000\n"), &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, fmt.Sprintf("%d:%d", d.Line, d.Column))
	}
	if ps != nil || strings.Join(got, " ") != "1:3 2:2 3:4" {
		t.Errorf("findings at %v (want 1:3 2:2 3:4), partners %v", got, ps)
	}
}

// A requirement may name a designation ("ARR growth of USD 300,000 a year,
// or the Professional Services designation"): the matrix shows it, its
// column reads yes or no, holding it meets the requirement and lists the
// designation among the partner's, whatever its own figures.
func TestDesignationRequirement(t *testing.T) {
	files := map[string]string{
		"config.yaml":                          "title: T\nversions:\n  - {name: v1, path: content/v1, latest: true}\n",
		"content/v1/programs/resale/_index.md": "---\ntitle: Resale\nkind: program\n---\n",
		"content/v1/programs/resale/registered.md": "---\ntitle: Registered\nkind: tier\nprogram: programs/resale\nrank: 1\n" +
			"requirements:\n  - {text: Signed agreement}\n---\n",
		"content/v1/programs/resale/select.md": "---\ntitle: Select\nkind: tier\nprogram: programs/resale\nrank: 2\nrequirements:\n  - any_of:\n" +
			"      - {metric: arr-growth, min: 300000, unit: USD, window: a year}\n      - {designation: ps}\n---\n",
		"content/v1/programs/resale/premier.md": "---\ntitle: Premier\nkind: tier\nprogram: programs/resale\nrank: 3\nrequirements:\n  - {designation: designations/ps, label: Services depth}\n---\n",
		"content/v1/designations/ps.md": "---\ntitle: Professional Services\nkind: designation\nprograms: [programs/resale]\nmin_tier: [registered]\n" +
			"requirements:\n  - {certification: delivery, count: 1}\n---\n",
		"content/v1/certs/delivery.md": "---\ntitle: Delivery\nkind: certification\n---\n",
	}
	s, diags := testsite.Load(t, files)
	models := model.Build(s, diags)
	if diags.HasErrors() {
		t.Fatalf("fixture: %v", diags.Items())
	}
	m := models["v1"]
	mx := matrix.Build(m, m.Program("programs/resale"), matrix.Options{Requirements: true, Words: words.Default("en")})
	doc := mx.Export("/")
	var rows []string
	for _, r := range doc.Requirements {
		rows = append(rows, r.ID+"="+r.Title)
	}
	const ps = "designation:designations/ps"
	// The designation's column comes last, with its own rows.
	want := "text:Signed agreement=Signed agreement|any_of:metric:arr-growth|" + ps + "=One of|" + ps + "=Services depth|" +
		"tier:programs/resale/registered=Reached Registered|certification:certs/delivery=People certified: Delivery"
	if got := strings.Join(rows, "|"); got != want {
		t.Errorf("rows\n got %s\nwant %s", got, want)
	}
	if c := doc.Requirements[1].Cells["programs/resale/select"]; c.Text != "ARR growth of at least USD 300,000 (a year) or Professional Services designation" {
		t.Errorf("Select's cell %q", c.Text)
	}
	for _, tc := range []struct {
		name    string
		values  map[string]float64
		want    string
		desigs  string
		missing string
	}{
		{"neither", map[string]float64{"text:Signed agreement": 1, "metric:arr-growth": 100000}, "programs/resale/registered", "", "(has USD 100,000 and not yet)"},
		{"the growth", map[string]float64{"text:Signed agreement": 1, "metric:arr-growth": 300000}, "programs/resale/select", "", "Professional Services designation (not yet)"},
		{"the designation held", map[string]float64{"text:Signed agreement": 1, ps: 1}, "programs/resale/premier", "designations/ps", ""},
		{"the designation earned, not held", map[string]float64{"text:Signed agreement": 1, "certification:certs/delivery": 1}, "programs/resale/registered", "designations/ps", "not yet"},
	} {
		r := Evaluate(&doc, Partner{Name: "P", Tier: "programs/resale/registered", Values: tc.values})
		if r.Qualifies != tc.want || strings.Join(r.Designations, " ") != tc.desigs || !strings.Contains(strings.Join(r.Missing, "; "), tc.missing) {
			t.Errorf("%s: qualifies %q designations %v missing %q", tc.name, r.Qualifies, r.Designations, r.Missing)
		}
	}
	// Its column reads yes or no, and the template says so.
	if tpl := string(Template(&doc)); !strings.Contains(tpl, ps) {
		t.Errorf("template lacks %s:\n%s", ps, tpl)
	}
	var bad diag.List
	ReadPartners(&doc, "en", "p.csv", strings.NewReader("partner,"+ps+"\nA,maybe\n"), &bad)
	if items := bad.Items(); len(items) != 1 || !strings.Contains(items[0].Message, `"maybe" is not yes or no`) {
		t.Errorf("findings %v", items)
	}
	var good diag.List
	if ps2 := ReadPartners(&doc, "en", "p.csv", strings.NewReader("partner,"+ps+"\nA,yes\nB,\n"), &good); len(ps2) != 2 || ps2[0].Values[ps] != 1 || ps2[1].Values[ps] != 0 {
		t.Errorf("partners %+v %v", ps2, good.Items())
	}
}
