#!/usr/bin/env bash
# Package a PyInstaller bundle folder as a .deb and print the .deb's path.
#
#   installer/linux/build-deb.sh BUNDLE_DIR OUT_DIR
#
# Layout: the bundle in /opt/wardscribe, /usr/bin/wardscribe linking to it, a desktop entry,
# hicolor icons, and example policies in /usr/share/doc/wardscribe. It never installs
# /etc/wardscribe/policy.toml: the machine policy is IT's, pushed by their configuration tools.
# The version comes from pyproject.toml; file times are clamped to SOURCE_DATE_EPOCH so the same
# bundle packs to the same bytes.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 BUNDLE_DIR OUT_DIR" >&2
    exit 2
fi
bundle="$(cd "$1" && pwd)"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x "$bundle/wardscribe" ]; then
    echo "$bundle has no executable 'wardscribe': build the bundle first" >&2
    exit 1
fi

version="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"
arch="$(dpkg --print-architecture)"
epoch="${SOURCE_DATE_EPOCH:-$(stat -c %Y "$root/pyproject.toml")}"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

install -d "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/doc/wardscribe" "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$stage/opt/wardscribe"
ln -s /opt/wardscribe/wardscribe "$stage/usr/bin/wardscribe"
install -m 0644 "$here/wardscribe.desktop" "$stage/usr/share/applications/wardscribe.desktop"
install -m 0644 "$root/resources/icons/wardscribe.svg" \
    "$stage/usr/share/icons/hicolor/scalable/apps/wardscribe.svg"
for png in "$root"/resources/icons/wardscribe-*.png; do
    size="$(basename "$png" .png)"
    size="${size#wardscribe-}"
    install -D -m 0644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/wardscribe.png"
done
install -m 0644 "$here/policy.example.toml" "$stage/usr/share/doc/wardscribe/policy.example.toml"
install -d "$stage/usr/share/doc/wardscribe/identity-examples"
install -m 0644 "$root"/resources/policy-examples/*.toml "$stage/usr/share/doc/wardscribe/identity-examples/"
cat >"$stage/usr/share/doc/wardscribe/copyright" <<'EOF'
WardScribe is proprietary software. The third-party components inside /opt/wardscribe and
their licences are listed in the CycloneDX SBOM published with each release
(wardscribe-<version>.cdx.json).
EOF

# Owner-writable only, executables kept executable; then one timestamp for every path.
chmod -R u+rwX,go+rX,go-w "$stage"
find "$stage" -depth -exec touch --no-dereference --date="@$epoch" {} +

cat >"$stage/DEBIAN/control" <<EOF
Package: wardscribe
Version: $version
Architecture: $arch
Maintainer: WardScribe packaging <packaging@wardscribe.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: libc6 (>= 2.36), libgl1, libegl1, libxcb1, libdrm2, libwayland-client0, libwayland-cursor0, libwayland-egl1
Recommends: gnome-keyring | kwalletmanager
Section: misc
Priority: optional
Description: local, encrypted, audited drafting of clinical notes
 WardScribe drafts nursing and clinical notes (SBAR, DAR, I-PASS, discharge
 summaries) with a language model that runs on the workstation itself. Notes
 are stored encrypted with SQLCipher under keys held in the desktop keyring,
 and every access is written to a tamper-evident audit log.
 .
 IT installs the machine policy at /etc/wardscribe/policy.toml; an example is
 in /usr/share/doc/wardscribe. Check an installation by running
 wardscribe --self-test.
EOF
touch --date="@$epoch" "$stage/DEBIAN/control" "$stage/DEBIAN"

deb="$out/wardscribe_${version}_${arch}.deb"
# zstd packs the 300 MiB bundle about 40 times faster than xz for a package about 30% larger;
# every dpkg on a system new enough to run the bundle (glibc >= 2.36) unpacks it.
SOURCE_DATE_EPOCH="$epoch" dpkg-deb --root-owner-group -Zzstd --build "$stage" "$deb" >/dev/null
echo "$deb"
