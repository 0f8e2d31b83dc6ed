#!/usr/bin/env bash
# Builds the same generated corpus with partnerdocs and with Hugo (Debian's
# hugo package), alternating runs, and prints the median wall time and peak
# memory of each, their ratio, and partnerdocs against the Markdown floor.
#
#   bench/run.sh            # 1,000 and 10,000 pages, 3 runs each
#   RUNS=5 bench/run.sh 2000
#   SECTIONS=20 bench/run.sh 10000   # 20 folders of 500 pages (default: 50 a folder)
#
# Needs: go, hugo (apt-get install --no-install-recommends hugo) and GNU time
# (apt-get install time). Machines here are shared: report the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/partnerdocs" ./cmd/partnerdocs
go build -o "$work/gencorpus" ./cmd/gencorpus
go build -o "$work/mdfloor" ./cmd/mdfloor
command -v hugo >/dev/null || { echo "hugo is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed (/usr/bin/time)" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure LABEL DIR CMD...: one run, appends "secs kb cpu-secs" to LABEL's
# file (CPU is user plus system time: on a shared machine it moves less
# than the wall time, so the report gives its ratio too). The
# command writes into a folder that has never existed: on this ext4 (mounted
# with discard) creating files right after a large deletion costs up to ten
# times more, charged to whoever creates them next, so nothing is deleted
# until every run is over. Caches are dropped too: a cold build is what a
# merge request pays.
measure() {
  local label=$1 dir=$2; shift 2
  rm -rf "$dir/.partnerdocs-cache"
  sync
  ( cd "$dir" && /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>&1 )
  awk '{print $1, $2, $3 + $4}' "$work/t" >> "$work/$label"
}

printf "%-8s %-12s %10s %10s %10s\n" pages tool "wall (s)" "RSS (MB)" "CPU (s)"
for n in "${sizes[@]}"; do
  site="$work/site-$n"; hsite="$work/hugo-$n"
  "$work/gencorpus" -pages "$n" -seed 1 -sections "${SECTIONS:-0}" -out "$site" -hugo "$hsite"
  rm -f "$work/pd-$n" "$work/hugo-$n.t"
  # One warm-up each, so both read from the page cache.
  ( cd "$site" && "$work/partnerdocs" build --quiet --dest "$work/out-pd-$n-0" >/dev/null 2>&1 )
  ( cd "$hsite" && hugo --quiet -d "$work/out-hugo-$n-0" >/dev/null 2>&1 )
  for i in $(seq "$runs"); do
    measure "pd-$n" "$site" "$work/partnerdocs" build --quiet --dest "$work/out-pd-$n-$i"
    measure "hugo-$n.t" "$hsite" hugo --quiet -d "$work/out-hugo-$n-$i"
  done
  pw=$(cut -d' ' -f1 "$work/pd-$n" | median); pm=$(cut -d' ' -f2 "$work/pd-$n" | median)
  hw=$(cut -d' ' -f1 "$work/hugo-$n.t" | median); hm=$(cut -d' ' -f2 "$work/hugo-$n.t" | median)
  pc=$(cut -d' ' -f3 "$work/pd-$n" | median); hc=$(cut -d' ' -f3 "$work/hugo-$n.t" | median)
  floor=$("$work/mdfloor" -dir "$site/content" | awk '{print $(NF-1)/1000}')
  # check from a cold cache, then again with its scans cached.
  rm -rf "$site/.partnerdocs-cache"
  ( cd "$site" && /usr/bin/time -f "%e" -o "$work/c" "$work/partnerdocs" check >/dev/null 2>&1 )
  check=$(cat "$work/c")
  ( cd "$site" && /usr/bin/time -f "%e" -o "$work/c" "$work/partnerdocs" check >/dev/null 2>&1 )
  warm=$(cat "$work/c")
  printf "%-8s %-12s %10.2f %10.0f %10.2f\n" "$n" partnerdocs "$pw" "$((pm / 1024))" "$pc"
  printf "%-8s %-12s %10.2f %10.0f %10.2f\n" "$n" hugo "$hw" "$((hm / 1024))" "$hc"
  printf "%-8s %-12s %10.2f\n" "$n" "md floor" "$floor"
  printf "%-8s %-12s %10.2f\n" "$n" "check" "$check"
  printf "%-8s %-12s %10.2f\n" "$n" "check, warm" "$warm"
  awk -v pw="$pw" -v hw="$hw" -v pm="$pm" -v hm="$hm" -v pc="$pc" -v hc="$hc" -v f="$floor" -v n="$n" \
    'BEGIN { printf "%-8s ratios: wall %.2f x Hugo, memory %.2f x Hugo, CPU %.2f x Hugo, %.1f x the Markdown floor\n\n", n, pw/hw, pm/hm, pc/hc, pw/f }'
done
