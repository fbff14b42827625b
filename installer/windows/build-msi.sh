#!/usr/bin/env bash
# Build the (unsigned) MSI from a Windows PyInstaller bundle with Debian's wixl, and print its path.
#
#   installer/windows/build-msi.sh BUNDLE_DIR OUT_DIR
#
# The release build on Windows uses WiX 3 instead (.github/workflows/windows.yml); both compile
# the same wardscribe.wxs and the fragment harvest.py writes. wixl resolves every source path
# relative to its working folder, so it runs in a scratch folder that links to the inputs.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 BUNDLE_DIR OUT_DIR" >&2
    exit 2
fi
bundle="$(cd "$1" && pwd)"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"

version="$("$python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$bundle" "$work/bundle"
cp "$root/resources/icons/wardscribe.ico" "$work/wardscribe.ico"
"$python" "$here/harvest.py" "$bundle" "$work/bundle-files.wxs" --exclude wardscribe.exe

msi="$out/WardScribe-$version-x64.msi"
# wixl ignores Property/@Secure (WiX 3 honours it) and says so once per property: drop that noise.
(
    cd "$work"
    wixl --arch x64 --define Wixl=1 --define "Version=$version" --define BundleDir=bundle \
        --define IconFile=wardscribe.ico --output "$msi" "$here/wardscribe.wxs" bundle-files.wxs \
        2> >(grep -v "has no property named 'Secure'" | grep -v '^$' >&2)
)
echo "$msi"
