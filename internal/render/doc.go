// Package render is the render stage: it turns the resolved site into
// HTML with the theme's html/template layouts and writes every output
// file (pages, lists, feed, sitemap, robots.txt, 404, theme files and the
// assets pages link to) through the output writer.
package render
