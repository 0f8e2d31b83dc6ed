#!/usr/bin/env bash
# Builds a release of partnerdocs into dist/: a static binary for Linux,
# macOS and Windows on amd64 and arm64, each in an archive with the README
# and the docs, and checksums.txt. The version is the tag the commit has
# (vX.Y.Z) or VERSION=…; the binary reports it (partnerdocs version).
#
#   scripts/release.sh                 # every platform
#   TARGETS="linux/amd64" scripts/release.sh   # some
#
# The container image with Chromium (for partnerdocs pdf) is then
#   docker build -f Dockerfile.release -t partnerdocs:VERSION dist/linux_amd64
# Publishing (a Git host's release page, a registry) is left to the CI that
# runs this on a tag.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${VERSION:-$(git describe --tags --exact-match 2>/dev/null || echo "0.0.0-$(git rev-parse --short HEAD 2>/dev/null || echo dev)")}"
version="${version#v}"
targets="${TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}"
rm -rf dist
mkdir -p dist
for t in $targets; do
  os="${t%/*}" arch="${t#*/}"
  name="partnerdocs_${version}_${os}_${arch}"
  dir="dist/${os}_${arch}"
  exe=partnerdocs
  [ "$os" = windows ] && exe=partnerdocs.exe
  mkdir -p "$dir/docs"
  CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" go build -trimpath \
    -ldflags "-s -w -X github.com/partnerdocs/partnerdocs/internal/cli.Version=$version" \
    -o "$dir/$exe" ./cmd/partnerdocs
  cp README.md "$dir/"
  cp docs/*.md "$dir/docs/"
  if [ "$os" = windows ]; then
    (cd "$dir" && zip -qr "../$name.zip" .)
  else
    tar -czf "dist/$name.tar.gz" -C "$dir" .
  fi
  echo "built $name"
done
(cd dist && shopt -s nullglob && sha256sum -- *.tar.gz *.zip > checksums.txt)
echo "dist/checksums.txt:"
cat dist/checksums.txt
