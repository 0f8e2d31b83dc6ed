//go:build scale

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// layoutView is a screen width and colour scheme.
type layoutView struct {
	width  int64
	scheme string
}

var layoutViews = []layoutView{{390, "light"}, {1366, "light"}, {390, "dark"}, {1366, "dark"}}

// browserLayouts runs the layout checks on each page in one view (taking
// turns), or in every view (all).
func browserLayouts(t *testing.T, all bool) {
	ctx := browser(t)
	axe := axeSource(t)
	_, srv := servedExample(t)
	pages := []struct {
		name, path string
		check      string // JavaScript that is true on a good page
	}{
		{"home", "/", `!!document.querySelector('#h-portal') && !document.querySelector('.sidebar')`},
		// The actions come before the text; on a wide screen the tier
		// names stay in view halfway down the matrix.
		{"program", "/fy2026/programs/reseller/", `[...document.querySelectorAll('.toc a')].some(a => a.getAttribute('href') === '#tier-matrix') && !!document.querySelector('.matrix th.designation-head') &&
			[...document.querySelectorAll('.program-actions a')].map(a => a.getAttribute('href')).join(' ') === '/fy2026/programs/reseller/self-check/ /fy2026/programs/reseller/guide/ /fy2026/changes/#changes-programs-reseller' &&
			document.querySelector('.program-actions').compareDocumentPosition(document.querySelector('.content > p')) === Node.DOCUMENT_POSITION_FOLLOWING &&
			// On a phone the tier picker shows the first tier's values in
			// each card; a second tier checked, both, side by side.
			(innerWidth > 600 || (() => {
				const shown = () => [...document.querySelector('.program-matrix table tbody tr:not(.matrix-group)').querySelectorAll('td')].filter(td => getComputedStyle(td).display !== 'none').length;
				const one = shown(), box = document.querySelector('.tier-picker input[data-col="2"]');
				box.click();
				const two = shown();
				box.click();
				return one === 1 && two === 2 && getComputedStyle(document.querySelector('.tier-picker')).display !== 'none';
			})()) && (innerWidth <= 600 || getComputedStyle(document.querySelector('.tier-picker')).display === 'none') &&
			(innerWidth <= 1100 || (() => {
				const t = document.querySelector('.program-matrix table'), r = t.getBoundingClientRect();
				scrollTo(0, scrollY + r.top + r.height / 2);
				const top = t.querySelector('thead tr:last-child th').getBoundingClientRect().top;
				scrollTo(0, 0);
				return Math.abs(top) < 2;
			})())`},
		// Its contents: in the rail on a wide screen, folded under the
		// title on a narrow one.
		{"tier", "/fy2026/programs/reseller/select/", `[...document.querySelectorAll(innerWidth > 1100 ? '.toc a' : '.toc-fold a')].map(a => a.getAttribute('href')).join(' ') === '#moving-up #requirements #next-tier #benefits' &&
			getComputedStyle(document.querySelector(innerWidth > 1100 ? '.toc' : '.toc-fold')).display !== 'none'`},
		{"designation", "/fy2026/designations/managed-services/", `document.body.innerText.includes('5%, up to USD 50,000 per quarter')`},
		{"curriculum", "/fy2026/certifications/", `document.querySelectorAll('.curriculum-table').length >= 3`},
		// Partner news first: a summary, then the terms clauses, then the
		// programs; the authors' list of pages last.
		{"changes", "/fy2026/changes/", `[...document.querySelectorAll('.redline')].some(r => r.querySelector('del').innerText === '30' && r.querySelector('ins').innerText === '45') &&
			[...document.querySelectorAll('.changes > h2, .changes > nav')].map(e => e.id || e.className).join(' ') === 'changes-summary changes-terms changes-programs-reseller changes-programs-services changes-programs-alliances changes-certifications changes-pages'`},
		{"guide with code", "/fy2026/guides/deal-registration/", `document.querySelectorAll('pre .copy-code').length > 0`},
		{"self-check", "/fy2026/programs/reseller/self-check/", `document.querySelector('.self-check-result').dataset.status === 'none'`},
		// The language switcher, and a page shown in English under /de/
		// (its lang attribute is part of what axe checks).
		{"german program", "/de/fy2026/programs/reseller/", `document.documentElement.lang === 'de' && document.querySelector('.language-switcher a[aria-current]').textContent === 'Deutsch' && document.body.textContent.includes('USD 150.000')`},
		{"german benefit", "/de/fy2026/benefits/mdf/", `document.querySelector('h1').scrollWidth <= document.querySelector('h1').clientWidth`},
		{"german fallback", "/de/fy2026/guides/tier-reviews/", `!!document.querySelector('.fallback-notice') && document.querySelector('article.page').lang === 'en'`},
		// Every entry of the guide's contents lands on a section of it, and
		// its print button shows (the page's script is there) and prints.
		{"program guide", "/fy2026/programs/reseller/guide/", `[...document.querySelectorAll('.guide-contents a')].every(a => document.getElementById(a.getAttribute('href').slice(1))) && document.querySelectorAll('.guide-part').length === 5 &&
			!document.querySelector('[data-print-actions]').hidden && (() => {
				let printed = false;
				const print = window.print;
				window.print = () => { printed = true; };
				document.querySelector('button[data-print]').click();
				window.print = print;
				return printed;
			})()`},
	}
	// A table wider than the box it scrolls in, or a page wider than the
	// screen: the two ways a reader has to pan sideways.
	const overflow = `(() => {
		const out = [];
		if (document.documentElement.scrollWidth > innerWidth + 1) out.push('page ' + document.documentElement.scrollWidth + ' > ' + innerWidth);
		for (const t of document.querySelectorAll('main table')) {
			const box = t.closest('.matrix-scroll') || t.parentElement;
			if (t.getBoundingClientRect().width > box.clientWidth + 1) out.push((t.caption ? t.caption.innerText : t.className) + ' ' + Math.round(t.getBoundingClientRect().width) + ' > ' + box.clientWidth);
		}
		return out.join('; ');
	})()`
	// A word of a table cell that runs over two lines, as "Registere d"
	// did: cells keep words whole (a break after a hyphen or a slash is a
	// break between words).
	const splitWords = `(() => {
		const out = [];
		for (const cell of document.querySelectorAll('main table th, main table td')) {
			const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let n; (n = walk.nextNode());) {
				const re = /[^\s\-\u2010-\u2015\/]+/g;
				for (let m; (m = re.exec(n.data));) {
					const r = document.createRange();
					r.setStart(n, m.index);
					r.setEnd(n, m.index + m[0].length);
					const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
					if (tops.size > 1) out.push(m[0]);
				}
			}
		}
		return out.slice(0, 8).join(', ');
	})()`
	for vi, view := range layoutViews {
		width, scheme := view.width, view.scheme
		colorScheme(ctx, t, scheme)
		for pi, p := range pages {
			if !all && pi%len(layoutViews) != vi {
				continue
			}
			where := fmt.Sprintf("%s at %d px (%s)", p.name, width, scheme)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
				t.Fatal(err)
			}
			waitFor(ctx, t, p.check)
			if o := mustEval(ctx, t, overflow); o != "" {
				t.Errorf("%s: too wide: %s", where, o)
			}
			if width == 390 {
				// The page's title, not the header, fills a phone's first screen.
				if h := mustEval(ctx, t, `(() => { const h = Math.round(document.querySelector('.site-header').getBoundingClientRect().height); return h > 112 ? String(h) : ''; })()`); h != "" {
					t.Errorf("%s: the header is %s px high, over 112", where, h)
				}
			}
			if w := mustEval(ctx, t, splitWords); w != "" {
				t.Errorf("%s: words split over two lines: %s", where, w)
			}
			if v := runAxe(ctx, t, axe); len(v) > 0 {
				t.Errorf("%s: axe violations %+v", where, v)
			}
			if !all || scheme == "light" || width == 390 {
				screenshot(ctx, t, fmt.Sprintf("layout-%s-%d-%s.png", strings.ReplaceAll(p.name, " ", "-"), width, scheme))
			}
		}
	}
}
