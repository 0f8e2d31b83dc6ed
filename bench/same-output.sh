#!/usr/bin/env bash
# Builds the example portal (every audience, so every language) and a
# generated 1,000-page corpus with two revisions of partnerdocs and says
# whether their outputs differ, and whether check reports the same
# findings on each. Used to show that a refactoring changed no
# byte of what readers get.
#
#   bench/same-output.sh OLD_REV [NEW_REV]   (NEW_REV defaults to the work tree)
#
# SITES="DIR ..." adds sites of your own (real sites laid out with
# bench/hugo-layout.sh, say); each is copied, so neither build writes
# into it. KEEP=DIR keeps both outputs there when they differ.
set -euo pipefail
old=${1:?usage: bench/same-output.sh OLD_REV [NEW_REV]}
new=${2:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/old" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$repo" worktree add --detach "$work/old" "$old" >/dev/null 2>&1
(cd "$work/old" && go build -o "$work/pd-old" ./cmd/partnerdocs)
if [ -n "$new" ]; then
  git -C "$repo" worktree add --detach "$work/new" "$new" >/dev/null 2>&1
  (cd "$work/new" && go build -o "$work/pd-new" ./cmd/partnerdocs)
else
  (cd "$repo" && go build -o "$work/pd-new" ./cmd/partnerdocs)
fi
(cd "$repo" && go build -o "$work/gencorpus" ./cmd/gencorpus)
"$work/gencorpus" -pages 1000 -seed 1 -out "$work/corpus" >/dev/null

# The example is copied so that neither build writes into the repository.
cp -r "$repo/content" "$repo/config.yaml" "$repo/feedback" "$work/" 2>/dev/null
mkdir -p "$work/example" && mv "$work/content" "$work/config.yaml" "$work/feedback" "$work/example/"

status=0
for who in old new; do
  for aud in public partner internal; do
    PARTNERDOCS_CACHE="$work/cache-$who-$aud" "$work/pd-$who" build --quiet --source "$work/example" --audience "$aud" --dest "$work/out-$who/example-$aud" >/dev/null 2>&1 || true
  done
  PARTNERDOCS_CACHE="$work/cache-$who-corpus" "$work/pd-$who" build --quiet --source "$work/corpus" --dest "$work/out-$who/corpus" >/dev/null 2>&1 || true
done
names=(example-public example-partner example-internal corpus)
for dir in ${SITES:-}; do
  name=site-$(basename "$dir")
  cp -r "$dir" "$work/$name"
  for who in old new; do
    PARTNERDOCS_CACHE="$work/cache-$who-$name" "$work/pd-$who" build --quiet --source "$work/$name" --dest "$work/out-$who/$name" >/dev/null 2>&1 || true
  done
  names+=("$name")
done
for d in example corpus ${SITES:+$(for x in $SITES; do echo site-$(basename "$x"); done)}; do
  for who in old new; do
    PARTNERDOCS_CACHE="$work/check-cache-$who-$d" "$work/pd-$who" check --source "$work/$d" 2>&1 | sed -E 's/ in [0-9.]+ ?(ms|s|µs)$//' >"$work/check-$who-$d" || true
  done
  if cmp -s "$work/check-old-$d" "$work/check-new-$d"; then
    echo "$d: same findings ($(grep -c . "$work/check-new-$d") lines of check output)"
  else
    status=1
    echo "$d: check output differs"
    diff "$work/check-old-$d" "$work/check-new-$d" | head -5 || true
  fi
done
for d in "${names[@]}"; do
  if diff -rq "$work/out-old/$d" "$work/out-new/$d" >"$work/diff-$d" 2>&1; then
    echo "$d: identical ($(find "$work/out-new/$d" -type f | wc -l) files)"
  else
    status=1
    echo "$d: $(wc -l <"$work/diff-$d") files differ"
    head -5 "$work/diff-$d"
    if [ -n "${KEEP:-}" ]; then cp -r "$work/out-old" "$work/out-new" "$KEEP/"; fi
  fi
done
exit $status
