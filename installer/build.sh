#!/usr/bin/env bash
# `make dist`: build what a Linux release ships, into dist/:
#
#   dist/wardscribe/                              the PyInstaller bundle (one folder)
#   dist/wardscribe-VERSION-linux-ARCH.tar.gz     the same bundle as a tarball
#   dist/wardscribe_VERSION_ARCH.deb              the Debian/Ubuntu package
#   dist/wardscribe-VERSION.cdx.json              CycloneDX SBOM of the build environment
#   dist/SHA256SUMS, SHA256SUMS.asc, wardscribe-signing-key.asc
#
# WARDSCRIBE_BUNDLE_MODEL=1 puts the embedded model in the bundle (about 470 MiB more);
# WARDSCRIBE_SIGNING_KEY names the GnuPG release key (a throw-away key is used without it).
# PYTHONHASHSEED and SOURCE_DATE_EPOCH (the last commit's time) are pinned, so rebuilding a
# commit on the same machine image gives the same bundle, tarball and .deb.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${VENV:-$root/.venv}"
dist="$root/dist"
cd "$root"

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    if ! SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null)"; then
        SOURCE_DATE_EPOCH="$(date +%s)"
        echo "warning: no git commit to date the build from; it will not be reproducible" >&2
    fi
fi
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0

version="$("$venv/bin/python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
arch="$(dpkg --print-architecture)"
tarball="wardscribe-$version-linux-$arch.tar.gz"
sbom="wardscribe-$version.cdx.json"

rm -rf "$dist" "$root/build/pyinstaller"
mkdir -p "$dist"

"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$root/build/pyinstaller" installer/wardscribe.spec

tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$dist" -cf - wardscribe | gzip -n >"$dist/$tarball"
installer/sbom.sh "$dist/$sbom" "$venv"
deb="$(installer/linux/build-deb.sh "$dist/wardscribe" "$dist")"
installer/sign-checksums.sh "$dist" "$tarball" "$(basename "$deb")" "$sbom"

echo "Built WardScribe $version in $dist in ${SECONDS} s"
