// Package shortcode validates and renders shortcodes: the program model's
// (benefit-matrix, curriculum, changes), the built-in ones Hugo sites use
// (youtube, alert, note, tip, warning, details, figure), and a site's own
// templates in layouts/shortcodes/. Each shortcode declares its
// arguments and whether it takes inner content, so an unknown shortcode
// or argument, or a malformed call, is reported at its position.
package shortcode
