package build

import "github.com/partnerdocs/partnerdocs/internal/output"

// plan is what an entry point asks of the stages, decided once, before
// the first: each stage reads the needs it has (keep the scans' HTML,
// write into this sink), never which command is running.
type plan struct {
	// html and text are what the scans keep beside their links and
	// headings: HTML for a render, text for the search.
	html, text bool
	// keepScans stores the scans on disk for the next run to reuse (check,
	// which has no session to keep them in).
	keepScans bool
	// dest approves an output folder before anything is read, stages the
	// render beside it and swaps it in at the end.
	dest bool
	// memory is where a preview renders (nil for a build into dest).
	memory *output.Memory
	// render draws the site (into memory, or into dest).
	render bool
	// history reads when each page last changed in Git, beside
	// validation: the pages show it.
	history bool
	// search updates the bleve indexes; static also makes the static
	// index, which is rendered with the site. deferSearch lets the entry
	// point return before they are done (Result.Search waits).
	search, static, deferSearch bool
	// configExternal checks http(s) links when config.yaml's
	// check.external asks (check does; a build checks them only when its
	// command asks, Options.External).
	configExternal bool
	// keepQuick receives what a preview leaves for a quick rebuild.
	keepQuick func(*quick)
	// from is where a quick rebuild starts (nil: from the sources):
	// every stage then takes the last build's result with the edited
	// pages in it (quick.go).
	from *fromLast
	// printGuides prints the program guides to PDF when config.yaml
	// asks (guides.pdf), into the staged output (guidepdf.go).
	printGuides bool
}

func checkPlan(Options) plan { return plan{keepScans: true, configExternal: true} }
func indexPlan(Options) plan { return plan{text: true, search: true} }
func previewPlan(o Options) plan {
	return plan{html: true, text: true, memory: o.Memory, render: true, history: true, search: true, static: true,
		deferSearch: o.DeferSearch, keepQuick: o.keepQuick, from: o.from}
}
func buildPlan(o Options) plan {
	return plan{html: true, text: true, dest: true, render: true, history: true, search: true, static: true, deferSearch: o.DeferSearch, printGuides: true}
}

// stage is one step of every run, named for the timings.
type stage struct {
	name string
	run  func(b *run) bool
}

// stages is the one order every run takes, whatever its plan: a stage
// whose work the plan does not ask for does nothing. Another language's
// run starts at resolve, with the default language's loaded sources and
// Git history, and stops before languages. (A function, since the
// languages stage runs the list itself.)
func stages() []stage {
	return []stage{
		{"load", (*run).load},
		{"resolve", (*run).resolve},
		{"history", (*run).readHistory},
		{"validate", (*run).validate},
		{"translations", (*run).translations},
		{"search", (*run).searchStage},
		{"render", (*run).renderStage},
		{"languages", (*run).languages},
		{"guides", (*run).printGuides},
		{"commit", (*run).commit},
	}
}

// execute runs the stages from first to last (inclusive), stopping at
// the first that fails.
func (b *run) execute(first, last string) bool {
	on := false
	for _, st := range stages() {
		if st.name == first {
			on = true
		}
		if on && !st.run(b) {
			return false
		}
		if st.name == last {
			break
		}
	}
	return true
}
