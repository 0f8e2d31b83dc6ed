// Package report is the content-health and program-metrics report: per
// owner, the pages they keep, those overdue for review and the broken
// references in them; per program year, the program model's counts, pages
// by kind and pages changed in the last 90 days. partnerdocs report prints
// it; internal builds publish it at /V/report/.
package report
