// Command partnerdocs builds partner-program portals from Markdown.
package main

import (
	"os"

	"github.com/partnerdocs/partnerdocs/internal/cli"
)

func main() {
	os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr))
}
