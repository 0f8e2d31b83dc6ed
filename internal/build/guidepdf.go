package build

import (
	"context"
	"fmt"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/pdf"
	"github.com/partnerdocs/partnerdocs/internal/programs"
)

// Program guides as PDFs. With guides.pdf in config.yaml, a build into a
// folder prints every program guide it wrote (each year, each language)
// through Chromium, once the site is staged and before it is swapped in,
// and each guide links its PDF. Without a browser the build warns and the
// guides keep their print button alone; a guide that fails to print
// fails the build, as its link would lead nowhere. The preview and check
// print nothing.

// guidePrintLimit bounds the printing of all guides of a build.
const guidePrintLimit = 5 * time.Minute

// guideBrowser decides, in the default language's run, whether the
// guides are printed (the other languages' runs take its answer): the
// browser to print with, or "" (with a warning when guides.pdf asks and
// none is found).
func (b *run) guideBrowser() string {
	if !b.plan.printGuides || !b.cfg.Guides.PDF {
		return ""
	}
	exe, err := pdf.FindBrowser("")
	if err != nil {
		b.res.Diags.Warnf(config.FileName, b.cfg.Guides.Line, b.cfg.Guides.Column, diag.RuleConfig,
			"guides.pdf: %v, so the program guides are not printed and keep their print button only (install chromium, or name one with PARTNERDOCS_CHROME)", err)
		return ""
	}
	return exe
}

// guidePDFLang is the language part of this run's PDF names ("" for the
// default language).
func (b *run) guidePDFLang() string {
	if b.root == nil {
		return ""
	}
	return b.cfg.Language
}

// printGuides is the stage that prints the guides the build staged, into
// the staged output beside each.
func (b *run) printGuides() bool {
	if b.printWith == "" || b.writer == nil || b.root != nil {
		return true
	}
	if err := b.writer.Settle(); err != nil {
		b.res.Outcome, b.res.Err = InternalErr, err
		return false
	}
	type job struct{ rel, file, what string }
	var jobs []job
	langs := []string{""}
	for _, l := range b.otherLanguages() {
		langs = append(langs, l.Code)
	}
	for _, v := range b.site.Versions {
		m := b.models[v.Name]
		if m == nil {
			continue
		}
		for _, pr := range m.Programs {
			for _, lang := range langs {
				prefix := ""
				if lang != "" {
					prefix = lang + "/"
				}
				rel := prefix + pr.Page.URL + "guide/"
				if _, ok := b.writer.Staged(rel + "index.html"); !ok {
					continue // not in this audience's build
				}
				what := pr.Title + ", " + v.Label
				if lang != "" {
					what += ", " + lang
				}
				jobs = append(jobs, job{rel, programs.GuidePDFName(pr, v, lang), what})
			}
		}
	}
	if len(jobs) == 0 {
		return true
	}
	ctx, cancel := context.WithTimeout(context.Background(), guidePrintLimit)
	defer cancel()
	files := pdf.Files{Get: b.writer.Staged, BasePath: b.cfg.BasePath}
	p, err := pdf.NewPrinter(ctx, b.printWith, files)
	if err != nil {
		return b.printFailed(fmt.Errorf("starting %s: %w", b.printWith, err))
	}
	defer p.Close()
	paper := b.cfg.Guides.Paper
	if paper == "" {
		paper = "a4"
	}
	for _, j := range jobs {
		data, blocked, err := p.Print(j.rel, paper)
		if err != nil {
			return b.printFailed(fmt.Errorf("printing the guide %s (%s): %w", j.rel, j.what, err))
		}
		for _, u := range blocked {
			b.res.Diags.Warnf(config.FileName, b.cfg.Guides.Line, b.cfg.Guides.Column, diag.RuleConfig,
				"guides.pdf: the guide %s asks for %s, which the print does not load (only the build's own files are)", j.rel, u)
		}
		if err := b.writer.Write(j.rel+j.file, data); err != nil {
			b.res.Outcome, b.res.Err = InternalErr, err
			return false
		}
	}
	b.mark("guides")
	return true
}

// printFailed fails the build with err as a finding at guides.pdf: the
// guides link PDFs that are not there.
func (b *run) printFailed(err error) bool {
	b.res.Diags.Errorf(config.FileName, b.cfg.Guides.Line, b.cfg.Guides.Column, diag.RuleConfig,
		"guides.pdf: %v; the guides link their PDFs, so the build stops (turn guides.pdf off to build without them)", err)
	b.res.Outcome = ContentErr
	return false
}
