#!/usr/bin/env bash
# Copy the front-end files we serve ourselves from their npm packages into
# static/vendor/, with their licences. Run it to upgrade; commit the result.
# Versions are pinned on purpose: htmx stays on major 2 (1.x and 2.x differ in
# defaults we rely on, such as no cross-origin requests).
set -euo pipefail

BOOTSTRAP_VERSION=5.3.9
HTMX_VERSION=2.0.11

root=$(cd "$(dirname "$0")/.." && pwd)
vendor="$root/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch PACKAGE VERSION -> unpacked into $work/PACKAGE
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null)
  mkdir -p "$work/$1"
  tar -xzf "$work/$1-$2.tgz" -C "$work/$1" --strip-components=1
}

fetch bootstrap "$BOOTSTRAP_VERSION"
fetch htmx.org "$HTMX_VERSION"

rm -rf "$vendor/bootstrap" "$vendor/htmx"
mkdir -p "$vendor/bootstrap/css" "$vendor/bootstrap/js" "$vendor/htmx"
cp "$work/bootstrap/dist/css/bootstrap.min.css" "$work/bootstrap/dist/css/bootstrap.rtl.min.css" "$vendor/bootstrap/css/"
cp "$work/bootstrap/dist/js/bootstrap.bundle.min.js" "$vendor/bootstrap/js/"
cp "$work/bootstrap/LICENSE" "$vendor/bootstrap/LICENSE"
cp "$work/htmx.org/dist/htmx.min.js" "$vendor/htmx/"
cp "$work/htmx.org/LICENSE" "$vendor/htmx/LICENSE"
# Source-map comments point at files we do not ship; drop them so browsers ask for nothing.
sed -i '/sourceMappingURL=/d' "$vendor"/bootstrap/css/*.css "$vendor"/bootstrap/js/*.js "$vendor"/htmx/*.js

cat > "$vendor/VERSIONS" <<VERSIONS
bootstrap $BOOTSTRAP_VERSION (MIT) npm package "bootstrap"
htmx.org $HTMX_VERSION (0BSD) npm package "htmx.org"
VERSIONS
echo "vendored into $vendor"
