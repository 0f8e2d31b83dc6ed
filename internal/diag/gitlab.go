package diag

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
)

// GitLabIssue is one entry of a GitLab Code Quality report, the format
// merge requests read to show findings inline.
type GitLabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    GitLabLocation `json:"location"`
}

// GitLabLocation is where an issue is.
type GitLabLocation struct {
	Path  string      `json:"path"`
	Lines GitLabLines `json:"lines"`
}

// GitLabLines holds the line an issue starts on.
type GitLabLines struct {
	Begin int `json:"begin"`
}

// GitLab converts diagnostics into a Code Quality report. A fingerprint
// hashes the file, rule, message and suggestion but not the line, so a
// finding keeps its fingerprint when unrelated lines move and GitLab does
// not show it as fixed and new again; identical findings in one file are
// told apart by their order.
func GitLab(items []Diagnostic) []GitLabIssue {
	out := make([]GitLabIssue, 0, len(items))
	seen := map[string]int{}
	for _, d := range items {
		key := d.File + "\x00" + d.Rule + "\x00" + d.Message + "\x00" + d.Suggestion
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
		sev := "major"
		if d.Severity == Warning {
			sev = "minor"
		}
		desc := d.Message
		if d.Suggestion != "" {
			desc += " (did you mean \"" + d.Suggestion + "\"?)"
		}
		line := d.Line
		if line < 1 {
			line = 1
		}
		out = append(out, GitLabIssue{Description: desc, CheckName: d.Rule, Fingerprint: hex.EncodeToString(sum[:16]), Severity: sev,
			Location: GitLabLocation{Path: d.File, Lines: GitLabLines{Begin: line}}})
	}
	return out
}

// WriteGitLab writes a Code Quality report.
func WriteGitLab(w io.Writer, items []Diagnostic) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(GitLab(items))
}
