#!/usr/bin/env bash
# Builds the same generated corpus with partnerdocs and with Hugo (Debian's
# hugo package), alternating runs, and prints the median wall time, CPU and
# peak memory of each, output bytes and files, their ratios, and
# partnerdocs against the Markdown floor. partnerdocs builds its search
# indexes; Hugo has none, so Hugo + Pagefind (npm's pagefind, installed in
# the work folder when it is not on PATH) is the searchable comparison.
#
#   bench/run.sh            # 1,000 and 10,000 pages, 3 runs each
#   RUNS=5 bench/run.sh 2000
#   SECTIONS=20 bench/run.sh 10000   # 20 folders of 500 pages (default: 50 a folder)
#   LIKE=SITE/content BYTES=9000 bench/run.sh 4000   # pages of 9 KB in a real site's shape
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
pagefind=$(command -v pagefind || true)
if [ -z "$pagefind" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/pf" pagefind@1 >/dev/null 2>&1 && pagefind="$work/pf/node_modules/.bin/pagefind"
fi
[ -x "$pagefind" ] || echo "pagefind could not be installed (npm): Hugo + Pagefind is left out" >&2

# size DIR: output bytes (files only, not folders) and file count.
size() { find "$1" -type f -printf '%s\n' | awk '{b+=$1; n++} END {printf "%d %d", b, n}'; }

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

printf "%-8s %-16s %10s %10s %10s %12s %8s\n" pages tool "wall (s)" "RSS (MB)" "CPU (s)" "output (MB)" files
for n in "${sizes[@]}"; do
  site="$work/site-$n"; hsite="$work/hugo-$n"
  "$work/gencorpus" -pages "$n" -seed 1 -sections "${SECTIONS:-0}" -bytes "${BYTES:-0}" ${LIKE:+-like "$LIKE"} -out "$site" -hugo "$hsite"
  rm -f "$work/pd-$n" "$work/hugo-$n.t" "$work/pf-$n"
  # One warm-up each, so both read from the page cache.
  ( cd "$site" && "$work/partnerdocs" build --quiet --dest "$work/out-pd-$n-0" >/dev/null 2>&1 )
  ( cd "$hsite" && hugo --quiet -d "$work/out-hugo-$n-0" >/dev/null 2>&1 )
  for i in $(seq "$runs"); do
    measure "pd-$n" "$site" "$work/partnerdocs" build --quiet --dest "$work/out-pd-$n-$i"
    measure "hugo-$n.t" "$hsite" hugo --quiet -d "$work/out-hugo-$n-$i"
    [ -x "$pagefind" ] && measure "pf-$n" "$hsite" "$pagefind" --site "$work/out-hugo-$n-$i"
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
  read -r pb pf <<<"$(size "$work/out-pd-$n-1")"
  read -r hb hf <<<"$(size "$work/out-hugo-$n-0")"
  printf "%-8s %-16s %10.2f %10.0f %10.2f %12.1f %8d\n" "$n" partnerdocs "$pw" "$((pm / 1024))" "$pc" "$(echo "$pb" | awk '{print $1/1e6}')" "$pf"
  printf "%-8s %-16s %10.2f %10.0f %10.2f %12.1f %8d\n" "$n" hugo "$hw" "$((hm / 1024))" "$hc" "$(echo "$hb" | awk '{print $1/1e6}')" "$hf"
  if [ -s "$work/pf-$n" ]; then
    fw=$(cut -d' ' -f1 "$work/pf-$n" | median); fm=$(cut -d' ' -f2 "$work/pf-$n" | median); fc=$(cut -d' ' -f3 "$work/pf-$n" | median)
    read -r sb sf <<<"$(size "$work/out-hugo-$n-1")"
    sw=$(awk -v a="$hw" -v b="$fw" 'BEGIN {print a + b}'); sc=$(awk -v a="$hc" -v b="$fc" 'BEGIN {print a + b}'); sm=$(( hm > fm ? hm : fm ))
    printf "%-8s %-16s %10.2f %10.0f %10.2f %12.1f %8d\n" "$n" "hugo + pagefind" "$sw" "$((sm / 1024))" "$sc" "$(echo "$sb" | awk '{print $1/1e6}')" "$sf"
    awk -v pw="$pw" -v sw="$sw" -v pm="$pm" -v sm="$sm" -v pb="$pb" -v sb="$sb" -v n="$n" \
      'BEGIN { printf "%-8s against Hugo + Pagefind: wall %.2f x, memory %.2f x, output %.2f x\n", n, pw/sw, pm/sm, pb/sb }'
  fi
  printf "%-8s %-16s %10.2f\n" "$n" "md floor" "$floor"
  printf "%-8s %-16s %10.2f\n" "$n" "check" "$check"
  printf "%-8s %-16s %10.2f\n" "$n" "check, warm" "$warm"
  awk -v pw="$pw" -v hw="$hw" -v pm="$pm" -v hm="$hm" -v pc="$pc" -v hc="$hc" -v f="$floor" -v n="$n" \
    'BEGIN { printf "%-8s against Hugo: wall %.2f x, memory %.2f x, CPU %.2f x; %.1f x the Markdown floor\n\n", n, pw/hw, pm/hm, pc/hc, pw/f }'
done
