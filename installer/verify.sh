#!/usr/bin/env bash
# Check a WardScribe release before deploying it: the signature on SHA256SUMS first, then every
# file's hash. Exits non-zero at the first problem.
#
#   installer/verify.sh DIR [PUBLIC_KEY]
#
# PUBLIC_KEY defaults to DIR/wardscribe-signing-key.asc. A key that travels with the files only
# proves they match each other: compare the fingerprint printed below with the one the release
# owner gave you through another channel.
set -euo pipefail

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo "usage: $0 DIR [PUBLIC_KEY]" >&2
    exit 2
fi
dir="$1"
public_key="${2:-$dir/wardscribe-signing-key.asc}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"

gpg --batch --quiet --dearmor --output "$work/release-key.gpg" "$public_key"
gpgv --keyring "$work/release-key.gpg" "$dir/SHA256SUMS.asc" "$dir/SHA256SUMS"
(cd "$dir" && sha256sum --check --strict SHA256SUMS)

fingerprint="$(gpg --batch --with-colons --show-keys "$public_key" | awk -F: '$1 == "fpr" { print $10; exit }')"
echo "OK: signature and hashes verified with key $fingerprint"
