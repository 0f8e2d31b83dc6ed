#!/usr/bin/env bash
# Lays out a Hugo site as a partnerdocs site, the way a program team moving
# its handbook would: the Hugo site's content/ under the portal folder (so
# its /handbook/... addresses hold), its layouts/, assets/, data/, static/,
# i18n/, includes/ and Hugo config beside a config.yaml that says portal, warn level
# and where links outside the site go, plus an empty program year.
#
#   bench/hugo-layout.sh HUGO_SITE DEST [BASEURL]
#   CONTENT_DIR=content/en bench/hugo-layout.sh ...   # Hugo's contentDir
#
# Nothing of the Hugo site is changed; DEST must not exist.
set -euo pipefail
src=${1:?usage: bench/hugo-layout.sh HUGO_SITE DEST [BASEURL]}
dest=${2:?usage: bench/hugo-layout.sh HUGO_SITE DEST [BASEURL]}
base=${3:-https://handbook.example.com/}
[ -d "$src/content" ] || { echo "$src has no content/ folder" >&2; exit 2; }
[ ! -e "$dest" ] || { echo "$dest exists" >&2; exit 2; }
mkdir -p "$dest/content/portal" "$dest/content/fy2026"
cp -a "$src/${CONTENT_DIR:-content}/." "$dest/content/portal/"
for d in layouts assets data static i18n config includes; do
  [ -d "$src/$d" ] && cp -a "$src/$d" "$dest/$d"
done
for f in hugo.toml hugo.yaml hugo.json config.toml config.yaml config.json; do
  [ -f "$src/$f" ] && cp -a "$src/$f" "$dest/hugo.${f##*.}" && break
done
printf -- '---\ntitle: "FY2026 partner program"\n---\n\nThe program year.\n' > "$dest/content/fy2026/_index.md"
cat > "$dest/config.yaml" <<YAML
title: "Handbook"
baseURL: "$base"
portal: content/portal
check:
  level: warn
links:
  unmatched: "https://www.example.com/"
versions:
  - name: fy2026
    label: "FY2026"
    path: content/fy2026
YAML
echo "$dest"
