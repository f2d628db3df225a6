#!/usr/bin/env bash
# Install axe-core (accessibility engine, npm `axe-core`) for the browser tests, pinned and checksummed.
#
# npm fetches the tarball; its SHA-256 and axe.min.js's are checked against the values pinned here, and the
# script is copied to .cache/tools/axe-core/axe.min.js, which tests/site/test_browser_readers.py injects
# into pages with Playwright's add_script_tag (no network at test time).
#
#   scripts/install-axe.sh                 # into <repo>/.cache/tools/axe-core/
#   AXE_TGZ=/path/axe-core-<version>.tgz scripts/install-axe.sh   # from a tarball fetched earlier
set -euo pipefail

VERSION="4.11.4"
TGZ_SHA256="97175f79b2bd57adf1d4a55837f574093883bd9eb8096ea66abfafe2f2bdbdb9"
JS_SHA256="fb83a4378d978ecb7d2dae48a3a3778a84c971ac692f3afd45d714fba89c0f0d"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="${1:-$repo_root/.cache/tools/axe-core}"
js="$dest_dir/axe.min.js"

check() { # file sha256
  echo "$2  $1" | sha256sum --check --status
}

if [[ -f "$js" ]] && check "$js" "$JS_SHA256"; then
  echo "axe-core $VERSION already installed: $js"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tgz="${AXE_TGZ:-}"
if [[ -z "$tgz" ]]; then
  command -v npm >/dev/null || { echo "error: npm is needed to fetch axe-core@$VERSION (or set AXE_TGZ)" >&2; exit 1; }
  (cd "$work" && npm pack --silent "axe-core@$VERSION" >/dev/null)
  tgz="$work/axe-core-$VERSION.tgz"
fi
check "$tgz" "$TGZ_SHA256" || { echo "error: $tgz does not have the pinned SHA-256 $TGZ_SHA256" >&2; exit 1; }

tar -xzf "$tgz" -C "$work" package/axe.min.js package/LICENSE
check "$work/package/axe.min.js" "$JS_SHA256" || { echo "error: axe.min.js checksum mismatch" >&2; exit 1; }

mkdir -p "$dest_dir"
install -m 0644 "$work/package/axe.min.js" "$js.tmp"
mv -f "$js.tmp" "$js"
install -m 0644 "$work/package/LICENSE" "$dest_dir/LICENSE"
echo "axe-core $VERSION installed: $js"
