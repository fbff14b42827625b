#!/usr/bin/env bash
# CI's release check: build dist/ as `make dist` does, self-test the frozen bundle, verify the
# signed checksums, install the .deb with dpkg into a throw-away root and self-test it there.
#
# The self-tests run the embedded model (assembled from its packages in the virtualenv), so the
# llama.cpp inside the bundle is proven on the model hospitals get, not only a test model. The
# installed copy is also self-tested under qemu-user as older processors (no AVX-512; no AVX2)
# on the tiny test model: a llama.cpp tuned to the build machine would die there.
# Prints "dist-check: N passed, 0 failed" at the end; stops at the first failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${VENV:-$root/.venv}"
cd "$root"

passed=0
check() {
    echo "== $1"
    shift
    "$@"
    passed=$((passed + 1))
}

refuses_to_run_without_a_model() {
    local verdict
    if verdict="$("$1" --self-test)"; then
        echo "expected FAIL from a bundle without a model, got: $verdict" >&2
        return 1
    fi
    echo "$verdict"
    [[ "$verdict" == *"FAIL: model: no model bundled"* ]]
}

links_to_opt() {
    [ "$(readlink "$1/usr/bin/wardscribe")" = /opt/wardscribe/wardscribe ]
}

# One CPU backend per instruction-set level, and none compiled with AMX (llama.cpp issue 20824).
ships_portable_cpu_variants() {
    local lib="$1" variant amx=()
    for variant in x64 sse42 sandybridge haswell skylakex icelake zen4; do
        [ -f "$lib/libggml-cpu-$variant.so" ] || { echo "missing CPU variant $variant" >&2; return 1; }
    done
    for library in "$lib"/libggml-cpu-*.so; do
        grep -q ggml_backend_amx_buffer_type "$library" && amx+=("$library")
    done
    [ "${#amx[@]}" -eq 0 ] || { echo "AMX code in: ${amx[*]}" >&2; return 1; }
    ls "$lib"/libggml-cpu-*.so | sed 's/.*libggml-cpu-//; s/\.so$//' | tr '\n' ' '
    echo
}

# The frozen de-identifier finds its spaCy pipeline, Presidio and word lists inside the bundle.
deidentifies_with_bundled_libraries() {
    local copy
    printf 'Pt MR LOMISH seen by Dr White. Daughter Krissy called 301 944-5032.\n' >"$work/note.txt"
    copy="$("$1" deidentify --input "$work/note.txt")"
    echo "$copy"
    [[ "$copy" == *"[PATIENT]"* && "$copy" != *LOMISH* && "$copy" != *944-5032* ]]
}

# `self-test` of the installed copy with the processor emulated as the qemu CPU model $1, on the
# tiny model; the verdict must name the CPU variant $2. qemu-user emulates only the program it
# starts, and PyInstaller's bootloader re-executes itself once it has set up its environment,
# which would leave the emulator: it is handed the environment of that restarted self instead.
self_test_as() {
    local app="$work/root/opt/wardscribe" verdict
    verdict="$(LD_LIBRARY_PATH="$app/_internal" _PYI_ARCHIVE_FILE="$app/wardscribe" \
        _PYI_APPLICATION_HOME_DIR="$app/_internal" _PYI_PARENT_PROCESS_LEVEL=0 \
        qemu-x86_64 -cpu "$1" "$app/wardscribe" \
        self-test --model "$tiny_model" --sha256 "$tiny_sha256" 2>&1 | grep -v "^qemu-x86_64: warning")"
    echo "$verdict"
    [[ "$verdict" == *"PASS"*"CPU variant $2 ("* ]]
}

check "build dist/" installer/build.sh

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
read -r model sha256 < <("$venv/bin/python" -c '
import sys
from pathlib import Path
from app.inference.model_files import assemble_embedded_model
spec = assemble_embedded_model(Path(sys.argv[1]))
print(spec.path, spec.sha256)
' "$work/models")

read -r tiny_model tiny_sha256 < <("$venv/bin/python" -c '
import sys
from pathlib import Path
from tests.fixtures.tiny_model import tiny_model_spec
spec = tiny_model_spec(Path(sys.argv[1]))
print(spec.path, spec.sha256)
' "$work/models")

bundle="dist/wardscribe/wardscribe"
check "bundle: portable CPU variants of llama.cpp, none with AMX" \
    ships_portable_cpu_variants dist/wardscribe/_internal/llama_cpp/lib
if [ "${WARDSCRIBE_BUNDLE_MODEL:-}" = 1 ]; then
    check "bundle: self-test with its own model" "$bundle" --self-test
else
    check "bundle: no model bundled is a failure" refuses_to_run_without_a_model "$bundle"
fi
check "bundle: self-test with the embedded model" \
    "$bundle" self-test --model "$model" --sha256 "$sha256"
check "bundle: de-identifies a note with its own libraries" \
    deidentifies_with_bundled_libraries "$bundle"
check "release: signature and checksums" installer/verify.sh dist

debs=(dist/wardscribe_*.deb)
check "deb: install into a throw-away root" \
    installer/linux/install-into-root.sh "${debs[0]}" "$work/root"
check "deb: /usr/bin/wardscribe links to /opt/wardscribe" links_to_opt "$work/root"
check "deb: self-test of the installed copy" \
    "$work/root/opt/wardscribe/wardscribe" self-test --model "$model" --sha256 "$sha256"
check "deb: self-test as a Haswell CPU (AVX2, no AVX-512), tiny model" self_test_as Haswell haswell
check "deb: self-test as a Sandy Bridge CPU (AVX, no AVX2), tiny model" \
    self_test_as SandyBridge sandybridge

echo "Release check took ${SECONDS} s"
echo "dist-check: $passed passed, 0 failed"
