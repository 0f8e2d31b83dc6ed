#!/usr/bin/env bash
# Installs the Mermaid build pinned in third_party/mermaid (package.json
# and its lock file, so the tarball's integrity is checked) and copies
# its browser bundle and licence into the default theme, which embeds
# them: portals are often behind a firewall, so the theme loads nothing
# from a CDN. Run it after changing the pinned version, then commit the
# copied files; TestMermaidBundleIsPinned fails while they disagree.
#
#   scripts/update-mermaid.sh
#
# Needs npm.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp third_party/mermaid/package.json third_party/mermaid/package-lock.json "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
dest=themes/default/static/assets/vendor/mermaid
mkdir -p "$dest"
cp "$work/node_modules/mermaid/dist/mermaid.min.js" "$dest/mermaid.min.js"
cp "$work/node_modules/mermaid/LICENSE" "$dest/LICENSE.txt"
echo "copied mermaid $(node -p "require('$work/node_modules/mermaid/package.json').version") to $dest"
