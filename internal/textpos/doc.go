// Package textpos turns byte offsets into the line and column numbers that
// diagnostics carry.
package textpos
