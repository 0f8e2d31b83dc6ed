package e2e

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCompliance runs the tier review on the example's Reseller Program
// with a partner of every status, from the template's header.
func TestCompliance(t *testing.T) {
	t.Parallel()
	r := run(t, repoRoot, "compliance", "reseller", "--template")
	if r.code != 0 {
		t.Fatalf("template: exit %d %s", r.code, r.stderr)
	}
	head := strings.SplitN(r.stdout, "\n", 2)[0]
	for _, col := range []string{"partner", "tier", "text:Signed Tidewater Partner Agreement", "certification:certifications/sales-associate",
		"metric:net-new-arr", "tier:programs/reseller/select", "certification:certifications/solutions-architect", "metric:customer-references"} {
		if !strings.Contains(","+head+",", ","+col+",") {
			t.Errorf("template header lacks %s: %s", col, head)
		}
	}
	cols := strings.Split(head, ",")
	row := func(vals map[string]string) string {
		var out []string
		for _, c := range cols {
			out = append(out, vals[c])
		}
		return strings.Join(out, ",")
	}
	base := map[string]string{"text:Signed Tidewater Partner Agreement": "yes", "certification:certifications/sales-associate": "2",
		"certification:certifications/technical-associate": "1", "metric:net-new-arr": "200000", "tier:programs/reseller/registered": "12"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	premier := []string{"certification:certifications/sales-professional", "2", "certification:certifications/solutions-architect", "1",
		"tier:programs/reseller/select", "14", "metric:customer-references", "3"}
	lines := []string{head,
		row(with("partner", "Ok Select", "tier", "select")),
		row(with("partner", "Up Registered", "tier", "registered")),
		row(with(append([]string{"partner", "Keeps Premier", "tier", "premier", "metric:net-new-arr", "650000", "metric:customer-references", "2"}, premier[:6]...)...)),
		row(with("partner", "Risk Premier", "tier", "premier", "metric:net-new-arr", "650000")),
		row(map[string]string{"partner": "Nobody Yet"}),
		row(with("partner", "Managed Select", "tier", "select", "certification:certifications/observability-engineer", "2",
			"metric:managed-customers", "5", "text:A 24×7 operations centre described in the application", "yes")),
		row(with("partner", "Managed Registered", "tier", "registered", "certification:certifications/observability-engineer", "2",
			"metric:managed-customers", "5", "text:A 24×7 operations centre described in the application", "yes")),
	}
	dir := t.TempDir()
	partners := filepath.Join(dir, "partners.csv")
	writeFile(t, dir, "partners.csv", strings.Join(lines, "\n")+"\n")

	r = run(t, repoRoot, "compliance", "programs/reseller", "--partners", partners, "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var got []struct {
		Partner, Tier, Qualifies, Status string
		Missing, Designations            []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	want := map[string][2]string{
		"Ok Select":     {"programs/reseller/select", "ok"},
		"Up Registered": {"programs/reseller/select", "upgrade"},
		"Keeps Premier": {"programs/reseller/premier", "ok"},
		"Risk Premier":  {"programs/reseller/select", "at-risk"},
		"Nobody Yet":    {"", "none"},
		// The designation needs Select held first: the second partner
		// qualifies for Select but holds Registered.
		"Managed Select":     {"programs/reseller/select", "ok"},
		"Managed Registered": {"programs/reseller/select", "upgrade"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d results: %+v", len(got), got)
	}
	for _, g := range got {
		if w := want[g.Partner]; g.Qualifies != w[0] || g.Status != w[1] {
			t.Errorf("%s: qualifies %q status %q, want %q %q (missing %v)", g.Partner, g.Qualifies, g.Status, w[0], w[1], g.Missing)
		}
		wantD := ""
		if g.Partner == "Managed Select" {
			wantD = "designations/managed-services"
		}
		if d := strings.Join(g.Designations, " "); d != wantD {
			t.Errorf("%s: designations %q, want %q", g.Partner, d, wantD)
		}
		if g.Partner == "Risk Premier" && !strings.Contains(strings.Join(g.Missing, ";"), "2 × Tidewater Sales Professional (has 0)") {
			t.Errorf("at-risk partner's missing: %v", g.Missing)
		}
	}

	// The CSV output has the documented columns.
	r = run(t, repoRoot, "compliance", "reseller", "--partners", partners, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(recs) != 8 || strings.Join(recs[0], ",") != "partner,tier,qualifies,status,missing,designations" {
		t.Errorf("csv output: %v %q", err, r.stdout)
	}

	// Bad input: errors name row and column, exit 1, and --output is not
	// written.
	arrCol := 0
	for i, c := range cols {
		if c == "metric:net-new-arr" {
			arrCol = i + 1
		}
	}
	bad := strings.Join([]string{head, row(with("partner", "A", "tier", "diamond")), row(with("partner", "B", "metric:net-new-arr", "lots"))}, "\n") + "\n"
	writeFile(t, dir, "bad.csv", bad)
	writeFile(t, dir, "badhead.csv", head+",metric:arr\n"+row(base)+",1\n")
	out := filepath.Join(dir, "review.csv")
	r = run(t, repoRoot, "compliance", "reseller", "--partners", filepath.Join(dir, "bad.csv"), "--output", out)
	if r.code != 1 {
		t.Errorf("bad input: exit %d, want 1", r.code)
	}
	for _, w := range []string{"bad.csv:2:2: error: column \"tier\": programs/reseller has no tier \"diamond\"",
		"bad.csv:3:" + itoa(arrCol) + ": error: column \"metric:net-new-arr\": \"lots\" is not a number"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	r = run(t, repoRoot, "compliance", "reseller", "--partners", filepath.Join(dir, "badhead.csv"), "--output", out)
	if w := "badhead.csv:1:" + itoa(len(cols)+1) + ": error: unknown column \"metric:arr\""; r.code != 1 || !strings.Contains(r.stderr, w) {
		t.Errorf("exit %d, stderr lacks %q:\n%s", r.code, w, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a review was written from bad input")
	}
	// Every problem of a file in one run: the header's, a tier's and a
	// figure that reads two ways; figures as CRM exports write them pass.
	writeFile(t, dir, "mixed.csv", head+",metric:arr\n"+row(with("partner", "A", "tier", "diamond"))+",1\n"+row(with("partner", "B", "metric:net-new-arr", "1.000"))+",1\n"+
		row(with("partner", "C", "metric:net-new-arr", `"500,000"`))+",1\n"+row(with("partner", "D", "metric:net-new-arr", "$200000"))+",1\n")
	r = run(t, repoRoot, "compliance", "reseller", "--partners", filepath.Join(dir, "mixed.csv"))
	if n := strings.Count(r.stderr, ": error: "); r.code != 1 || n != 3 || !strings.Contains(r.stderr, `"1.000" reads two ways`) {
		t.Errorf("mixed.csv: exit %d, %d errors, want 3:\n%s", r.code, n, r.stderr)
	}
	// The terminal table: short ids, and what a partner misses one item
	// per line under it.
	r = run(t, repoRoot, "compliance", "reseller", "--partners", partners)
	if r.code != 0 || !strings.Contains(r.stdout, "\nRisk Premier ") || strings.Contains(r.stdout, "programs/reseller/") || !regexp.MustCompile(`\n    missing: .*\n {13}\S`).MatchString(r.stdout) {
		t.Errorf("text output:\n%s", r.stdout)
	}
	r = run(t, repoRoot, "compliance", "nosuch", "--partners", partners)
	if r.code != 2 || !strings.Contains(r.stderr, "programs/reseller") {
		t.Errorf("unknown program: exit %d %s", r.code, r.stderr)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestComplianceDocExample: the example in docs/commands.md is what the
// command prints for docs/examples/partners.csv.
func TestComplianceDocExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(filepath.Join(repoRoot, "docs", "commands.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(doc), "<!-- compliance-example -->\n```csv\n")
	block, _, ok2 := strings.Cut(block, "```\n<!-- /compliance-example -->")
	if !ok || !ok2 {
		t.Fatal("docs/commands.md has no compliance example block")
	}
	r := run(t, repoRoot, "compliance", "reseller", "--partners", filepath.Join(repoRoot, "docs", "examples", "partners.csv"), "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	if strings.TrimSpace(r.stdout) != strings.TrimSpace(block) {
		t.Errorf("docs/commands.md's example differs from the command's output:\n%s", r.stdout)
	}
}
