#!/usr/bin/env bash
# Write DIR/SHA256SUMS for the named files in DIR and sign it: SHA256SUMS.asc, a detached,
# armoured GnuPG signature, and wardscribe-signing-key.asc, the public key that checks it.
#
# WARDSCRIBE_SIGNING_KEY names the release key (fingerprint or key id in the caller's keyring;
# GNUPGHOME is honoured). Without it a throw-away key is made, used once and destroyed with its
# temporary keyring: that signature proves only that the files did not change after this build,
# not who built them, and this script says so on stderr.
set -euo pipefail

if [ "$#" -lt 2 ]; then
    echo "usage: $0 DIR FILE..." >&2
    exit 2
fi
dir="$1"
shift

cd "$dir"
sha256sum -- "$@" >SHA256SUMS

key="${WARDSCRIBE_SIGNING_KEY:-}"
if [ -z "$key" ]; then
    GNUPGHOME="$(mktemp -d)"
    export GNUPGHOME
    trap 'gpgconf --kill gpg-agent 2>/dev/null || true; rm -rf "$GNUPGHOME"' EXIT
    gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
        --quick-generate-key "WardScribe throw-away build key <build@wardscribe.invalid>" \
        ed25519 sign never
    key="$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')"
    cat >&2 <<EOF
************************************************************************************
* WARNING: WARDSCRIBE_SIGNING_KEY is not set, so SHA256SUMS was signed with a      *
* THROW-AWAY key that no longer exists. It proves the files were not changed since *
* this build, NOT who built them. Do not deploy a release signed this way.         *
************************************************************************************
EOF
fi

gpg --batch --quiet --yes --local-user "$key" --armor --detach-sign --output SHA256SUMS.asc SHA256SUMS
gpg --batch --yes --armor --export "$key" >wardscribe-signing-key.asc
echo "Signed $dir/SHA256SUMS with key $key; public key in $dir/wardscribe-signing-key.asc"
