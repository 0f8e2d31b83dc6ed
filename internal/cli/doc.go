// Package cli is the command line (docs/commands.md describes it),
// built with cobra. Commands parse flags, call into the packages that do
// the work and map outcomes to exit codes. Some still choose among a
// build's results themselves (pdf and compliance pick the program year
// and the program; search formats its hits), in their cobra closures.
package cli
