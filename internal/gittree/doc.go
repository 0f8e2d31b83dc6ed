// Package gittree reads a version's folder as it was at a Git ref of the
// site's own repository, without touching the working tree or the index:
// Antora-style versions from tags and branches, next to folder versions.
package gittree
