// Package cli is the command line (docs/commands.md describes it),
// built with cobra. Commands parse flags, call the stages and map
// outcomes to exit codes; they hold no logic of their own.
package cli
