#!/usr/bin/env bash
# Install a .deb into an empty throw-away root with the real dpkg, to check the package without
# touching this machine: ROOT gets its own dpkg database, and dependencies are not fetched
# (the libraries they name are the host's, which the bundle finds through the normal paths).
#
#   installer/linux/install-into-root.sh DEB ROOT
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 DEB ROOT" >&2
    exit 2
fi
deb="$1"
root="$2"

mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# --force-depends makes dpkg list every unmet dependency; show that only if the install fails.
if ! log="$(dpkg --root="$root" --force-depends --force-not-root --install "$deb" 2>&1)"; then
    echo "$log" >&2
    exit 1
fi
dpkg --root="$root" --status wardscribe | grep -qx 'Status: install ok installed'
