// Package glossary is a version's glossary: the entries of its glossary
// pages (kind: glossary), checked for terms defined twice, listed on the
// glossary page, and shown where each term is first used on a page.
//
// Marking works on a page's finished HTML, after its links are resolved:
// the glossary differs per version and language while a body's HTML is
// made once and shared by every page with that body, so the terms cannot
// go into the shared HTML. The HTML is read with an HTML tokenizer, and
// only text outside links, code, headings, buttons and other elements
// where a definition would be in the way is matched; every other byte is
// copied as it was.
package glossary
