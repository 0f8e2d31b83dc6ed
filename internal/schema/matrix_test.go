package schema

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Every matrix.json a program writes holds to the published schema, and
// the schema refuses a document of another schema version.
func TestMatrixSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(MatrixJSON()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("matrix.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("matrix.json")
	if err != nil {
		t.Fatal(err)
	}
	s, diags := testsite.Load(t, map[string]string{
		"config.yaml":                          "title: T\nversions:\n  - {name: v1, path: content/v1, latest: true}\n",
		"content/v1/programs/resale/_index.md": "---\ntitle: Resale\nkind: program\n---\n",
		"content/v1/programs/resale/silver.md": "---\ntitle: Silver\nkind: tier\nprogram: programs/resale\nrank: 1\nentry: open\nrequirements:\n  - {certification: sales}\n  - {text: Signed}\n---\n",
		"content/v1/programs/resale/gold.md": "---\ntitle: Gold\nkind: tier\nprogram: programs/resale\nrank: 2\nrequirements:\n  - {tier: silver}\n  - any_of:\n      - {certification: sales, count: 3}\n      - {metric: arr, min: 5, unit: USD}\n" +
			"keep:\n  - {metric: nps, min: 40, label: NPS}\n---\n",
		"content/v1/certs/sales.md":   "---\ntitle: Sales\nkind: certification\n---\n",
		"content/v1/benefits/mdf.md":  "---\ntitle: MDF\nkind: benefit\nprogram: programs/resale\nrequires: [sales, {text: An addendum}]\nvalues:\n  silver: false\n  gold: {value: 50, unit: percent, max: 1000, per: year, footnote: Capped.}\n---\n",
		"content/v1/benefits/disc.md": "---\ntitle: Discount\nkind: benefit\nprogram: programs/resale\nvalues:\n  silver: 10\n  gold: Best\n---\n",
	})
	models := model.Build(s, diags)
	if diags.HasErrors() {
		t.Fatalf("fixture: %v", diags.Items())
	}
	m := models["v1"]
	out := matrix.Build(m, m.Program("programs/resale"), matrix.Options{Requirements: true, Words: words.Default("en")}).JSON("/")
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("matrix.json does not hold to its schema: %v\n%s", err, out)
	}
	old, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bytes.Replace(out, []byte(`"schema": 2`), []byte(`"schema": 1`), 1)))
	if sch.Validate(old) == nil {
		t.Error("the schema accepts a document of schema 1")
	}
}
