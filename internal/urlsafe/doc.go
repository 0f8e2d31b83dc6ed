// Package urlsafe decides which addresses may be published as links. A
// browser reads an address after undoing HTML character references and
// dropping tabs, newlines and leading control characters, so
// "&#x6A;avascript:", "javascript&colon;" and "java\tscript:" all run
// script. The check here reads an address the same way, so that what
// check reports and what render emits agree.
package urlsafe
