#!/usr/bin/env bash
# Authenticode-sign an MSI (or .exe) with osslsigncode, then verify the signature.
#
#   installer/windows/sign-msi.sh IN OUT
#
# WARDSCRIBE_CODESIGN_PFX names the hospital's or vendor's code-signing certificate (PKCS#12)
# and WARDSCRIBE_CODESIGN_PASSWORD its password; WARDSCRIBE_TIMESTAMP_URL, if set, adds an
# RFC 3161 timestamp so the signature outlives the certificate. Without a PFX a throw-away
# self-signed certificate is made for this one signature (its public half is written beside OUT
# as OUT.throwaway.crt): Windows will not trust that signature, and this script says so.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 IN OUT" >&2
    exit 2
fi
in="$1"
out="$2"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
umask 077

sign=(osslsigncode sign -h sha256 -n WardScribe)
verify=(osslsigncode verify -in "$out")
if [ -n "${WARDSCRIBE_TIMESTAMP_URL:-}" ]; then
    sign+=(-ts "$WARDSCRIBE_TIMESTAMP_URL")
fi

if [ -n "${WARDSCRIBE_CODESIGN_PFX:-}" ]; then
    printf '%s' "${WARDSCRIBE_CODESIGN_PASSWORD:-}" >"$work/password"
    sign+=(-pkcs12 "$WARDSCRIBE_CODESIGN_PFX" -readpass "$work/password")
else
    openssl req -x509 -newkey rsa:3072 -sha256 -days 30 -nodes \
        -subj "/CN=WardScribe throw-away code signing" \
        -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" \
        -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
    sign+=(-certs "$work/cert.pem" -key "$work/key.pem")
    verify+=(-CAfile "$work/cert.pem")
    cp "$work/cert.pem" "$out.throwaway.crt"
    chmod 0644 "$out.throwaway.crt"
    cat >&2 <<WARNING
************************************************************************************
WARNING: WARDSCRIBE_CODESIGN_PFX is not set, so $(basename "$out") was signed with a
THROW-AWAY self-signed certificate. Windows and SmartScreen will not trust it.
Sign releases with the real code-signing certificate.
************************************************************************************
WARNING
fi

rm -f "$out"
"${sign[@]}" -in "$in" -out "$out" >/dev/null
chmod 0644 "$out"
"${verify[@]}" >"$work/verify.log" 2>&1 || {
    cat "$work/verify.log" >&2
    exit 1
}
grep -m1 -i "signature verification: ok" "$work/verify.log"
