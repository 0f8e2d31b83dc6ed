package e2e

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
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

// TestComplianceReport: --html writes the quarterly review of
// docs/examples/reseller-q3.csv against reseller-q2.csv as one
// self-contained page with its CSV and JSON. The test counts tiers,
// regions and movement from the two files itself and compares.
func TestComplianceReport(t *testing.T) {
	t.Parallel()
	read := func(name string) []map[string]string {
		f, err := os.Open(filepath.Join(repoRoot, "docs", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]string
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			out = append(out, m)
		}
		return out
	}
	q3, q2 := read("reseller-q3.csv"), read("reseller-q2.csv")
	dir := filepath.Join(t.TempDir(), "qbr")
	r := run(t, repoRoot, "compliance", "reseller", "--partners", filepath.Join(repoRoot, "docs", "examples", "reseller-q3.csv"),
		"--previous", filepath.Join(repoRoot, "docs", "examples", "reseller-q2.csv"), "--html", dir)
	if r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "review.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rev struct {
		Partners int
		Tiers    []struct {
			ID    string
			Count int
		}
		Regions []struct {
			Region string
			Counts []int
			Total  int
		}
		Status   map[string]int
		Upgrades []struct{ Partner string }
		Movement struct {
			Up, Down  []struct{ Partner, From, To string }
			New, Gone []string
		}
	}
	if err := json.Unmarshal(raw, &rev); err != nil {
		t.Fatal(err)
	}
	// Tiers held, by region, as the file says.
	rank := map[string]int{"": 0, "registered": 1, "select": 2, "premier": 3}
	byTier := map[string]int{}
	byRegion := map[string]map[string]int{}
	for _, p := range q3 {
		byTier[p["tier"]]++
		if byRegion[p["region"]] == nil {
			byRegion[p["region"]] = map[string]int{}
		}
		byRegion[p["region"]][p["tier"]]++
	}
	if rev.Partners != len(q3) {
		t.Errorf("%d partners, the file has %d", rev.Partners, len(q3))
	}
	short := func(id string) string { return id[strings.LastIndex(id, "/")+1:] }
	for _, tc := range rev.Tiers {
		if byTier[short(tc.ID)] != tc.Count {
			t.Errorf("tier %q: %d partners, the file has %d", tc.ID, tc.Count, byTier[short(tc.ID)])
		}
	}
	if len(rev.Regions) != len(byRegion) {
		t.Errorf("%d regions, the file has %d", len(rev.Regions), len(byRegion))
	}
	for _, rc := range rev.Regions {
		total := 0
		for i, n := range rc.Counts {
			if want := byRegion[rc.Region][short(rev.Tiers[i].ID)]; n != want {
				t.Errorf("region %s, tier %q: %d, the file has %d", rc.Region, rev.Tiers[i].ID, n, want)
			}
			total += n
		}
		if total != rc.Total {
			t.Errorf("region %s: total %d, counts add to %d", rc.Region, rc.Total, total)
		}
	}
	// Movement between the files' tier columns.
	before := map[string]string{}
	for _, p := range q2 {
		before[p["partner"]] = p["tier"]
	}
	var up, down, added []string
	now := map[string]bool{}
	for _, p := range q3 {
		now[p["partner"]] = true
		b, ok := before[p["partner"]]
		switch {
		case !ok:
			added = append(added, p["partner"])
		case rank[p["tier"]] > rank[b]:
			up = append(up, p["partner"])
		case rank[p["tier"]] < rank[b]:
			down = append(down, p["partner"])
		}
	}
	var gone []string
	for _, p := range q2 {
		if !now[p["partner"]] {
			gone = append(gone, p["partner"])
		}
	}
	names := func(ms []struct{ Partner, From, To string }) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Partner)
		}
		return out
	}
	m := rev.Movement
	if fmt.Sprint(names(m.Up)) != fmt.Sprint(up) || fmt.Sprint(names(m.Down)) != fmt.Sprint(down) || fmt.Sprint(m.New) != fmt.Sprint(added) || fmt.Sprint(m.Gone) != fmt.Sprint(gone) {
		t.Errorf("movement %+v; the files say up %v, down %v, new %v, gone %v", m, up, down, added, gone)
	}
	if len(up) == 0 || len(added) == 0 || len(gone) == 0 {
		t.Errorf("the example quarters show no movement of some kind: up %v new %v gone %v", up, added, gone)
	}
	// The review's CSV is the command's, and its statuses are the JSON's.
	csvOut, err := os.ReadFile(filepath.Join(dir, "review.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(strings.NewReader(string(csvOut))).ReadAll()
	status := map[string]int{}
	for _, row := range rows[1:] {
		status[row[3]]++
	}
	for k, n := range status {
		if rev.Status[k] != n {
			t.Errorf("status %s: %d in the JSON, %d in the CSV", k, rev.Status[k], n)
		}
	}
	if len(rev.Upgrades) != status["upgrade"] {
		t.Errorf("%d upgrades listed, %d in the CSV", len(rev.Upgrades), status["upgrade"])
	}
	// One page, nothing to fetch: no script, no stylesheet or image file.
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "<link", "src=", "url("} {
		if strings.Contains(string(page), bad) {
			t.Errorf("index.html has %q: it must stand alone", bad)
		}
	}
	for _, want := range []string{`<svg class="chart"`, "Since the last review", "What blocks the most partners", "Kestrel Digital", `aria-hidden="true"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	// A region the site does not have is an error at its row.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	writeFile(t, filepath.Dir(bad), "bad.csv", "partner,tier,region\nA,select,emea\nB,select,mars\n")
	r = run(t, repoRoot, "compliance", "reseller", "--partners", bad, "--html", filepath.Join(t.TempDir(), "x"))
	if r.code != 1 || !strings.Contains(r.stderr, "bad.csv:3:1: error: region \"mars\" is not one of the site's regions") {
		t.Errorf("region mars: exit %d\n%s", r.code, r.stderr)
	}
}
