// Command partnerdocs builds partner-program portals from Markdown.
package main

import (
	"os"
	"runtime"

	"github.com/partnerdocs/partnerdocs/internal/cli"
)

func main() {
	// Sampling allocations for a heap profile nobody reads cost a build
	// or check a noticeable share of its CPU (a stack walk per sample, on
	// a heap that grows by hundreds of megabytes); PARTNERDOCS_MEMPROFILE asks
	// for the profile.
	if os.Getenv("PARTNERDOCS_MEMPROFILE") == "" {
		runtime.MemProfileRate = 0
	}
	os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr))
}
