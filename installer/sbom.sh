#!/usr/bin/env bash
# Write the CycloneDX SBOM (JSON) of the Python environment a bundle is built from.
#
#   installer/sbom.sh OUT.cdx.json [VENV]
#
# It lists every installed distribution with its version, licence and package URL. llama.cpp
# and Qt are inside llama-cpp-python and PySide6 and are listed as those. The build tools in the
# environment (PyInstaller, pytest, ...) are listed too, although the bundle leaves them out.
set -euo pipefail

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo "usage: $0 OUT.cdx.json [VENV]" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${2:-$root/.venv}"

"$venv/bin/cyclonedx-py" environment --pyproject "$root/pyproject.toml" --mc-type application \
    --output-reproducible --output-format JSON --output-file "$1" "$venv/bin/python"
