#!/usr/bin/env bash
# Validates JUnit and SARIF reports with real consumers (junitparser, xmlschema against junit.xsd,
# jsonschema against the SARIF 2.1.0 schema), in a venv of pinned packages.
#
#   scripts/validate-reports.sh --junit FILE... --sarif FILE...
#
# The schemas are ../shared/schemas beside the repository; without them this prints
# "skipped: ../shared/schemas not found" and exits 0. The venv is .build/venv-reports, made on the
# first run (pip needs PyPI then); packages are reinstalled only when the pins below change.
# Exit status: that of scripts/validate-reports.py (0 valid, 1 invalid, 2 usage).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
schemas="$root/../shared/schemas"
if [ ! -d "$schemas" ]; then
  echo "skipped: ../shared/schemas not found"
  exit 0
fi

# The three named tools, rfc3987 for jsonschema's `uri` formats, and their dependencies.
pins=(
  junitparser==5.0.3 jsonschema==4.26.0 xmlschema==4.3.2 rfc3987==1.3.8
  attrs==26.1.0 elementpath==5.1.4 jsonschema-specifications==2025.9.1 referencing==0.37.0
  rpds-py==2026.9.1 typing_extensions==4.16.0
)
venv="$root/.build/venv-reports"
stamp="$venv/pins.txt"
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$root/.build"
  python3 -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "${pins[*]}" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${pins[@]}" >&2
  echo "${pins[*]}" > "$stamp"
fi

exec "$venv/bin/python" "$root/scripts/validate-reports.py" --schemas "$schemas" "$@"
