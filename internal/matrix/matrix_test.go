package matrix

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
	"github.com/partnerdocs/partnerdocs/internal/testtheme"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// fixture is a small program with every kind of requirement and value.
var fixture = map[string]string{
	"config.yaml":                          "title: T\nregions: [emea, apac]\nversions:\n  - {name: v1, path: content/v1, latest: true}\n",
	"content/v1/programs/resale/_index.md": "---\ntitle: Resale\nkind: program\n---\n",
	"content/v1/programs/resale/silver.md": "---\ntitle: Silver\nkind: tier\nprogram: programs/resale\nrank: 1\nentry: open\nrequirements:\n  - {certification: sales, count: 1}\n  - {text: Signed agreement}\n---\n",
	"content/v1/programs/resale/gold.md": "---\ntitle: Gold\nkind: tier\nprogram: programs/resale\nrank: 2\nentry: application\nrequirements:\n  - {certification: sales, count: 3}\n" +
		"  - {metric: net-new-arr, min: 100000, unit: USD, window: trailing 12 months}\n  - {tier: silver, months: 6}\n  - any_of:\n      - {certification: tech, count: 1}\n      - {text: A reference customer}\n---\n",
	"content/v1/certs/sales.md":   "---\ntitle: Sales Associate\nkind: certification\ntrack: sales\nduration_hours: 4\nvalidity_months: 24\nexam: written\n---\n",
	"content/v1/certs/tech.md":    "---\ntitle: Tech Associate\nkind: certification\ntrack: technical\nprerequisites: [sales]\nduration_hours: 12.5\nexam: lab\n---\n",
	"content/v1/terms/mdf.md":     "---\ntitle: MDF terms\nkind: terms\n---\n",
	"content/v1/benefits/mdf.md":  "---\ntitle: MDF\nkind: benefit\nprogram: programs/resale\ngroup: Marketing\nterms: terms/mdf\nvalues:\n  silver: false\n  gold: {value: 50, unit: percent, note: of cost, footnote: \"Up to USD 20,000 a half-year.\"}\nregion_values:\n  apac:\n    gold: {value: 40, unit: percent, footnote: Pooled by country.}\n---\n",
	"content/v1/benefits/disc.md": "---\ntitle: Discount\nkind: benefit\nprogram: programs/resale\ngroup: Sales\nvalues:\n  programs/resale/silver: {value: 10, unit: percent}\n  gold: {value: 1250000, unit: USD}\n---\n",
	"content/v1/benefits/tam.md":  "---\ntitle: Account manager\nkind: benefit\nprogram: programs/resale\ngroup: Support\nvalues:\n  silver: Shared\n  gold: true\n---\n",
}

func load(t *testing.T) *model.Model {
	t.Helper()
	files := map[string]string{}
	for k, v := range fixture {
		files[k] = v
	}
	s, diags := testsite.Load(t, files)
	models := model.Build(s, diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Items())
	}
	return models["v1"]
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testsite.Golden(t, filepath.Join("testdata", name), got)
}

func TestGolden(t *testing.T) {
	m := load(t)
	pr := m.Program("programs/resale")
	mx := Build(m, pr, Options{Requirements: true, Words: words.Default("en")})
	html := strings.ReplaceAll(testtheme.Draw(t, mx.TablePart("/", Caption(mx, ""))), "><", ">\n<")
	golden(t, "resale.html", []byte(html+"\n"))
	golden(t, "resale.csv", mx.CSV())
	golden(t, "resale.json", mx.JSON("/"))
	golden(t, "resale.txt", []byte(mx.Text()))
	golden(t, "resale-apac.md", []byte(Build(m, pr, Options{Region: "apac", Requirements: true, Words: words.Default("en")}).Markdown()))
}

func TestExportsParse(t *testing.T) {
	m := load(t)
	mx := Build(m, m.Program("programs/resale"), Options{Requirements: true, Words: words.Default("en")})
	rows, err := csv.NewReader(bytes.NewReader(mx.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(CSVColumns, ",") {
		t.Errorf("header %v", rows[0])
	}
	// 5 requirement rows and 3 benefits, each across 2 tiers.
	if len(rows) != 1+(5+3)*2 {
		t.Errorf("%d csv rows", len(rows))
	}
	var j struct {
		Tiers    []struct{ ID string }
		Benefits []struct {
			ID    string
			Cells map[string]struct {
				Kind    string
				Value   any
				Display string
			}
		}
	}
	if err := json.Unmarshal(mx.JSON("/"), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Tiers) != 2 || j.Benefits[0].ID != "benefits/disc" || j.Benefits[0].Cells["programs/resale/gold"].Display != "USD 1,250,000" {
		t.Errorf("json %+v", j)
	}
}

func TestFormatNumber(t *testing.T) {
	cases := map[string]string{"en": "1,250,000.5", "de": "1.250.000,5", "fr": "1\u202f250\u202f000,5"}
	for lang, want := range cases {
		if got := FormatNumber(1250000.5, lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	en := words.Default("en")
	if FormatAmount(300000, "USD", en) != "USD 300,000" || FormatAmount(50, "percent", en) != "50%" || FormatAmount(1, "hours", en) != "1 hour" {
		t.Error("FormatAmount")
	}
	if Humanize("net-new-arr") != "Net new ARR" {
		t.Error(Humanize("net-new-arr"))
	}
}

func TestCurriculumOrder(t *testing.T) {
	m := load(t)
	html := testtheme.Draw(t, Curriculum(m, "", "/", words.Default("en")))
	if strings.Index(html, "Sales track") > strings.Index(html, "Technical track") {
		t.Error("tracks out of order")
	}
	if !strings.Contains(html, "12.5 hours") || !strings.Contains(html, `<a href="/v1/programs/resale/silver/">Resale: Silver</a>`) {
		t.Errorf("curriculum:\n%s", html)
	}
	order := TopoOrder(m.Certs)
	if order[0].ID != "certs/sales" {
		t.Errorf("prerequisite first: %v", order[0].ID)
	}
}

// TestValueCellLanguages: a value reads in the page's language, numbers
// and words, while the value itself is the same.
func TestValueCellLanguages(t *testing.T) {
	v := model.Value{Kind: "number", Number: 50, Unit: "percent", Min: &model.Amount{Number: 1000, Unit: "USD"}, Max: &model.Amount{Number: 25000, Unit: "USD"}, Per: "half-year"}
	for lang, want := range map[string]string{
		"en": "50%, USD 1,000–25,000 per half-year",
		"de": "50 %, USD 1.000–25.000 pro Halbjahr",
		"ja": "50%, USD 1,000–25,000 / 半期",
	} {
		if got := ValueCell(v, words.Default(lang)).Display; got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	h := model.Value{Kind: "number", Number: 4, Unit: "hours"}
	if got := ValueCell(h, words.Default("de")).Display; got != "4 Stunden" {
		t.Errorf("de hours: %q", got)
	}
}
