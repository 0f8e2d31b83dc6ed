// Package themes embeds the default theme, so the partnerdocs binary can
// build a site that has no theme folder of its own.
package themes

import "embed"

// Default is the default theme: layouts/*.html and static/.
//
//go:embed default
var Default embed.FS
