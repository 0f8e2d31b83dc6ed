package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDatedIncentive: the example's new-logo incentive, built on days
// around the dates it runs, says from when before it starts and until
// when while it runs, in the matrix too; the day after it ends it has
// left the benefit pages, the reseller matrix and its data, and search.
func TestDatedIncentive(t *testing.T) {
	t.Parallel()
	const page = "fy2026/benefits/new-logo-incentive/index.html"
	build := func(day string) string { return exampleOn(t, day, "partner") }
	read := func(dir, rel string) string { return readOut(t, dir, rel) }
	before, during, after := build("2026-10-15"), build("2026-12-01"), build("2027-02-01")
	if p := read(before, page); !strings.Contains(p, `<p class="runs runs-page">from 1 November 2026</p>`) {
		t.Error("before it starts, the incentive's page does not say from when")
	}
	if p := read(during, page); !strings.Contains(p, `<p class="runs runs-page">until 31 January 2027</p>`) {
		t.Error("while it runs, the incentive's page does not say until when")
	}
	matrix := read(during, "fy2026/programs/reseller/index.html")
	if !strings.Contains(matrix, `>New-logo incentive</a> <span class="runs">1 November 2026 to 31 January 2027</span>`) {
		t.Error("the reseller matrix does not date the incentive's row")
	}
	var doc struct {
		Benefits []struct{ ID, Starts, Ends string }
	}
	if err := json.Unmarshal([]byte(read(during, "fy2026/programs/reseller/matrix.json")), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range doc.Benefits {
		if b.ID == "benefits/new-logo-incentive" {
			found = b.Starts == "2026-11-01" && b.Ends == "2027-01-31"
		}
	}
	if !found {
		t.Errorf("matrix.json does not carry the incentive's dates: %+v", doc.Benefits)
	}
	csv := read(during, "fy2026/programs/reseller/matrix.csv")
	for _, row := range []string{
		"fy2026,programs/reseller,global,benefits,Sales,benefits/new-logo-incentive,New-logo incentive,programs/reseller/premier,Premier,3,number,5,percent,5%,of net new ARR on new-logo deals,,2026-11-01,2027-01-31",
		"fy2026,programs/reseller,global,benefits,Sales,benefits/deal-registration-discount,Deal registration discount,programs/reseller/select,Select,2,number,15,percent,15%,1 November 2026 to 31 January 2027,,2026-11-01,2027-01-31",
	} {
		if !strings.Contains(csv, row+"\n") && !strings.Contains(csv, row+"\r\n") {
			t.Errorf("matrix.csv lacks %s", row)
		}
	}
	if _, err := os.Stat(filepath.Join(after, page)); err == nil {
		t.Error("the day after it ended, the incentive's page is still built")
	}
	if m := read(after, "fy2026/programs/reseller/index.html"); strings.Contains(m, "New-logo incentive") {
		t.Error("the day after it ended, the reseller matrix still shows the incentive")
	}
	if m := read(after, "fy2026/programs/reseller/matrix.json"); strings.Contains(m, "new-logo-incentive") {
		t.Error("the day after it ended, matrix.json still carries the incentive")
	}
	// A dated value: Select's deal registration discount by quarter.
	for day, want := range map[string]string{
		"2026-10-15": `<td class="num" data-label="Select"><span class="cell">10%<span class="cell-note">until 31 October 2026</span></span></td>`,
		"2026-12-01": `<td class="num" data-label="Select"><span class="cell">15%<span class="cell-note">1 November 2026 to 31 January 2027</span></span></td>`,
		"2027-02-01": `<td data-label="Select"><span class="cell"><span class="no" aria-hidden="true">—</span><span class="visually-hidden">Not included</span>`,
	} {
		dest := map[string]string{"2026-10-15": before, "2026-12-01": during, "2027-02-01": after}[day]
		m := read(dest, "fy2026/programs/reseller/index.html")
		i := strings.Index(m, ">Deal registration discount</a>")
		if i < 0 || !strings.Contains(m[i:i+1200], want) {
			t.Errorf("on %s the deal registration discount's Select cell is not %s", day, want)
		}
	}
	for day, want := range map[string]bool{"2026-12-01": true, "2027-02-01": false} {
		r := runEnv(t, repoRoot, []string{"PARTNERDOCS_TODAY=" + day}, "search", "new-logo incentive", "--json", "--limit", "3")
		if got := strings.Contains(r.stdout, `"url": "fy2026/benefits/new-logo-incentive/"`); got != want {
			t.Errorf("on %s, search finds the incentive: %v, want %v\n%s", day, got, want, r.stdout)
		}
	}
}

// TestDatedFindings: a link to a page that has ended is an expired-link
// error at the link, a page ending within check.expiring days a warning at
// its ends, and ends before starts an error there.
func TestDatedFindings(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: D\ncheck: {expiring: 30}\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	writeFile(t, site, "content/v1/old-promo.md", "---\ntitle: Old promo\nends: 2027-01-31\n---\n")
	writeFile(t, site, "content/v1/soon.md", "---\ntitle: Soon\nstarts: 2027-01-01\nends: 2027-03-01\n---\n")
	writeFile(t, site, "content/v1/bad.md", "---\ntitle: Bad\nstarts: 2027-05-01\nends: 2027-04-01\n---\n")
	writeFile(t, site, "content/v1/index.md", "---\ntitle: Home\n---\n\nSee the [old promo](old-promo.md) and [soon](soon.md).\n")
	writeFile(t, site, "content/v1/programs/p/_index.md", "---\ntitle: P\nkind: program\n---\n")
	writeFile(t, site, "content/v1/programs/p/gold.md", "---\ntitle: Gold\nkind: tier\nprogram: programs/p\nrank: 1\n---\n")
	writeFile(t, site, "content/v1/rebate.md", `---
title: Rebate
kind: benefit
program: programs/p
values:
  gold:
    - {value: 3, unit: percent, ends: 2027-03-31}
    - {value: 5, unit: percent, starts: 2027-03-01}
    - {value: 7, unit: percent}
    - {value: 9, unit: percent, starts: 2027-06-01, ends: 2027-05-01}
---
`)
	r := runEnv(t, site, []string{"PARTNERDOCS_TODAY=2027-02-10"}, "check", "--format", "json")
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, want := range []string{
		`"file":"content/v1/index.md","line":5,"column":21,"severity":"error","rule":"expired-link","message":"old-promo.md ended on 2027-01-31 and is left out of this build`,
		`"file":"content/v1/soon.md","line":4,"column":7,"severity":"warning","rule":"expiring","message":"Soon ends on 2027-03-01, within 30 days`,
		`"file":"content/v1/bad.md","line":4,"column":7,"severity":"error","rule":"frontmatter-field","message":"ends: 2027-04-01 is before starts, 2027-05-01"`,
		`"file":"content/v1/rebate.md","line":8,"column":7,"severity":"error","rule":"frontmatter-field","message":"values.gold: from 2027-03-01 overlaps until 2027-03-31 (line 7); a tier has one value at a time"`,
		`"file":"content/v1/rebate.md","line":9,"column":7,"severity":"error","rule":"frontmatter-field","message":"values.gold: in a list of values each one is dated (starts, ends)"`,
		`"file":"content/v1/rebate.md","line":10,"column":7,"severity":"error","rule":"frontmatter-field","message":"a benefit value's ends, 2027-05-01, is before its starts, 2027-06-01"`,
	} {
		if !strings.Contains(squash(r.stdout), squash(want)) {
			t.Errorf("check lacks %s\n%s", want, r.stdout)
		}
	}
	if r.code != 1 {
		t.Errorf("check exits %d with an expired link at check.level error, want 1", r.code)
	}
	// The internal report lists both for the team.
	rep := runEnv(t, site, []string{"PARTNERDOCS_TODAY=2027-02-10"}, "report", "--format", "json")
	var doc struct {
		Ending  []struct{ Title, Ends string }
		Expired []struct {
			File string
			Line int
		} `json:"expired_links"`
	}
	if err := json.Unmarshal([]byte(rep.stdout), &doc); err != nil {
		t.Fatalf("report: %v\n%s%s", err, rep.stdout, rep.stderr)
	}
	if len(doc.Ending) != 1 || doc.Ending[0].Title != "Soon" || doc.Ending[0].Ends != "2027-03-01" || len(doc.Expired) != 1 || doc.Expired[0].File != "content/v1/index.md" || doc.Expired[0].Line != 5 {
		t.Errorf("report: ending %+v, expired links %+v", doc.Ending, doc.Expired)
	}
}
