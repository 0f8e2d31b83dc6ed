#!/usr/bin/env bash
# Measures partnerdocs on a real site (laid out by bench/hugo-layout.sh, or
# any partnerdocs site) against generated corpora of the same Markdown
# bytes: exit codes, findings by rule and severity, check and build time
# and peak memory, cost per byte as a ratio to each corpus, shortcode text
# left in the output and site addresses the output links to but does not
# have. One run each; machines are shared, so read the ratios.
#
# Two corpora: the plain one pads its pages with paragraphs over a small
# vocabulary (the cheapest Markdown there is); the shaped one pads them
# in the site's own proportions of lists, tables, code, raw HTML,
# headings, links and code spans, over a vocabulary of the site's size
# whose pages repeat their words as the site's do (gencorpus -like). The
# first ratio is what the site's content costs beyond the cheapest; the
# second, what the site costs beyond any content of its shape (its
# templates, includes, shortcodes and odd pages).
#
#   bench/real-site.sh SITE
#
# Needs go and GNU time (apt-get install time). Output goes below TMPDIR
# (TMPDIR=/dev/shm keeps the disk's noise out of the times).
set -euo pipefail
site=$(cd "${1:?usage: bench/real-site.sh SITE}" && pwd)
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/partnerdocs" ./cmd/partnerdocs
go build -o "$work/gencorpus" ./cmd/gencorpus
[ -x /usr/bin/time ] || { echo "GNU time is not installed (/usr/bin/time)" >&2; exit 1; }

bytes=$(find "$site/content" -name '*.md' -printf '%s\n' | awk '{b+=$1} END {print b+0}')
pages=$(find "$site/content" -name '*.md' | wc -l)
# The corpus: as many pages, each padded so the total is the same bytes.
# check is compared with a copy that has as many broken links as the site
# has reference findings (each costs a suggestion); build with the clean
# corpus (a broken one fails its build).
"$work/partnerdocs" check --source "$site" >"$work/pre.txt" 2>&1 || true
broken=$(grep -cE '\[(broken-link|broken-anchor|missing-asset)\]$' "$work/pre.txt" || true)
"$work/gencorpus" -pages "$pages" -bytes $((bytes / pages)) -out "$work/corpus" >/dev/null
"$work/gencorpus" -pages "$pages" -bytes $((bytes / pages)) -broken "${broken:-0}" -out "$work/corpus-broken" >/dev/null
"$work/gencorpus" -pages "$pages" -bytes $((bytes / pages)) -like "$site/content" -out "$work/shaped" | sed 's/^shape of [^:]*: /site shape: /'
"$work/gencorpus" -pages "$pages" -bytes $((bytes / pages)) -like "$site/content" -broken "${broken:-0}" -out "$work/shaped-broken" >/dev/null
cbytes=$(find "$work/corpus/content" -name '*.md' -printf '%s\n' | awk '{b+=$1} END {print b+0}')
sbytes=$(find "$work/shaped/content" -name '*.md' -printf '%s\n' | awk '{b+=$1} END {print b+0}')

# measure NAME DIR ARGS...: one cold run; prints "secs kb exit".
measure() {
  local dir=$1; shift
  rm -rf "$dir/.partnerdocs-cache"
  ( cd "$dir" && /usr/bin/time -f "%e %M" -o "$work/t" "$work/partnerdocs" "$@" >"$work/out.txt" 2>&1; echo $? >"$work/rc" ) || true
  echo "$(cat "$work/t" | tail -1) $(cat "$work/rc")"
}

read -r cs ck cr <<<"$(measure "$site" check)"
cp "$work/out.txt" "$work/findings.txt"
read -r bs bk br <<<"$(measure "$site" build --quiet --dest "$work/site-out")"
read -r gcs gck _ <<<"$(measure "$work/corpus-broken" check)"
read -r gbs gbk _ <<<"$(measure "$work/corpus" build --quiet --dest "$work/corpus-out")"
rm -rf "$work/corpus-out"
read -r scs sck _ <<<"$(measure "$work/shaped-broken" check)"
read -r sbs sbk _ <<<"$(measure "$work/shaped" build --quiet --dest "$work/shaped-out")"
rm -rf "$work/shaped-out"

echo "site: $site ($pages pages, $bytes bytes of Markdown); corpora: plain $cbytes bytes, shaped $sbytes bytes, $broken broken links for check"
echo "check: exit $cr, ${cs}s, $((ck / 1024)) MiB   plain corpus ${gcs}s, $((gck / 1024)) MiB   shaped ${scs}s, $((sck / 1024)) MiB"
echo "build: exit $br, ${bs}s, $((bk / 1024)) MiB   plain corpus ${gbs}s, $((gbk / 1024)) MiB   shaped ${sbs}s, $((sbk / 1024)) MiB"
ratio() { awk -v a="$1" -v b="$2" -v x="$bytes" -v y="$3" 'BEGIN {printf "%.2f", (a/x)/(b/y)}'; }
echo "check cost per byte, site / plain corpus: $(ratio "$cs" "$gcs" "$cbytes"); site / shaped corpus: $(ratio "$cs" "$scs" "$sbytes")"
echo "build cost per byte, site / plain corpus: $(ratio "$bs" "$gbs" "$cbytes"); site / shaped corpus: $(ratio "$bs" "$sbs" "$sbytes")"
echo "findings by severity and rule:"
grep -oE ': (error|warning): .*\[[a-z-]+\]$' "$work/findings.txt" | sed -E 's/^: (error|warning): .*\[([a-z-]+)\]$/\1 \2/' | sort | uniq -c | sort -rn
if [ -d "$work/site-out" ]; then
  # Shortcode text outside code blocks, and site addresses that 404.
  left=$(find "$work/site-out" -type f -name '*.html' -print0 | xargs -0 perl -0777 -ne 's{<pre.*?</pre>}{}gs; s{<code>.*?</code>}{}gs; print "$ARGV\n" if /\{\{[<%]/' | wc -l)
  echo "pages showing shortcode text: $left"
  # Site addresses (not //host/...), percent-decoded as a server reads them.
  find "$work/site-out" -type f -name '*.html' -print0 | xargs -0 grep -ohE '(href|src)="/[^/"#?][^"#?]*' | sed -E 's/^(href|src)="//' | sort -u | while read -r u; do
    d=$(printf '%b' "${u//%/\\x}")
    f="$work/site-out$d"; case "$d" in */) f="${f}index.html";; esac
    [ -e "$f" ] || echo "$d"
  done > "$work/dead.txt"
  echo "site addresses linked but not written: $(wc -l < "$work/dead.txt")"
  # Each of those should have a finding naming it.
  silent=0
  while read -r d; do
    s=${d%/}
    grep -qF -- "$s" "$work/findings.txt" || grep -qF -- "${s#/}" "$work/findings.txt" || { silent=$((silent + 1)); echo "  no finding: $d"; }
  done < "$work/dead.txt" | tail -20
  echo "(lines above: dead addresses no finding names)"
fi
