#!/usr/bin/env bash
# The Debian packages the app and its full test suite need: real servers (Samba AD DC, rsyslog,
# a Secret Service under D-Bus), a virtual screen, a monospace font, qemu-user to run the engine
# as older CPUs, the compilers for llama.cpp and the packaging tools. Used by .ci/run and by
# `make run`/`make test`, so a fresh machine sets itself up the same way CI does.
#
# Installs only what is missing. As root it runs apt-get; otherwise through sudo if sudo works
# without a password; failing both, it prints the one command to run and exits 1.
set -euo pipefail

packages=(
    dbus dbus-x11 gnome-keyring gir1.2-secret-1 libgirepository1.0-dev libcairo2-dev pkg-config
    xvfb xauth libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
    libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0 libegl1 libgl1
    libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
    cmake build-essential qemu-user
    gnupg openssl wixl msitools osslsigncode desktop-file-utils
    samba samba-ad-provision samba-dsdb-modules samba-vfs-modules
    rsyslog rsyslog-gnutls poppler-utils
)

if ! command -v dpkg-query >/dev/null; then
    echo "system-packages: not a Debian-family system; install the equivalents of: ${packages[*]}" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

install=(apt-get install -y -q --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    run=(sudo)
else
    echo "Some system packages WardScribe needs are missing. Run this once, then try again:" >&2
    echo "  sudo apt-get update && sudo ${install[*]}" >&2
    exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -q
"${run[@]}" "${install[@]}"
