// Package check holds the validations that are neither links inside the
// site nor the program model: content past its review date, raw HTML that
// the site's markdown.html mode removes, and external links, which need
// the network and a cache.
package check
