#!/usr/bin/env bash
# Builds the same generated corpus with partnerdocs at two revisions (and
# with Hugo, for scale), alternating runs, and prints the median wall time,
# peak memory and CPU of each: the before/after measurement a change that
# must not move the figures is held to.
#
#   bench/compare.sh REV                 # REV against the working tree, 10,000 pages, 3 runs
#   RUNS=5 bench/compare.sh REV 1000 10000
#
# Needs what bench/run.sh needs (go, hugo, GNU time) and git.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bench/compare.sh REV [pages...]}; shift
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000)
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$rev" >/dev/null 2>&1
( cd "$work/base" && go build -o "$work/before" ./cmd/partnerdocs )
go build -o "$work/after" ./cmd/partnerdocs
go build -o "$work/gencorpus" ./cmd/gencorpus
command -v hugo >/dev/null || { echo "hugo is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed (/usr/bin/time)" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure LABEL DIR CMD...: as in bench/run.sh (cold caches, an output
# folder that never existed, nothing deleted until the end).
measure() {
  local label=$1 dir=$2; shift 2
  rm -rf "$dir/.partnerdocs-cache"
  sync
  ( cd "$dir" && /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>&1 )
  awk '{print $1, $2, $3 + $4}' "$work/t" >> "$work/t-$label"
}

printf "%-8s %-8s %10s %10s %10s\n" pages build "wall (s)" "RSS (MB)" "CPU (s)"
for n in "${sizes[@]}"; do
  site="$work/site-$n"; hsite="$work/hugo-$n"
  "$work/gencorpus" -pages "$n" -seed 1 -out "$site" -hugo "$hsite"
  for b in before after; do
    ( cd "$site" && "$work/$b" build --quiet --dest "$work/out-$b-$n-0" >/dev/null 2>&1 )
  done
  ( cd "$hsite" && hugo --quiet -d "$work/out-hugo-$n-0" >/dev/null 2>&1 )
  for i in $(seq "$runs"); do
    measure "before-$n" "$site" "$work/before" build --quiet --dest "$work/out-before-$n-$i"
    measure "after-$n" "$site" "$work/after" build --quiet --dest "$work/out-after-$n-$i"
    measure "hugo-$n" "$hsite" hugo --quiet -d "$work/out-hugo-$n-$i"
  done
  for b in before after hugo; do
    w=$(cut -d" " -f1 "$work/t-$b-$n" | median); m=$(cut -d" " -f2 "$work/t-$b-$n" | median); c=$(cut -d" " -f3 "$work/t-$b-$n" | median)
    printf "%-8s %-8s %10.2f %10.0f %10.2f\n" "$n" "$b" "$w" "$((m / 1024))" "$c"
  done
  echo
done
