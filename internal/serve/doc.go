// Package serve serves a built site over HTTP for preview.
package serve
