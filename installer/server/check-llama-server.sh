#!/usr/bin/env bash
# Builds llama.cpp's llama-server (CPU, with OpenSSL) from the llama.cpp that llama-cpp-python
# 0.3.36 vendors, the one WardScribe's engine runs, and runs the remote engine's tests against it
# with the flags of llama-server.service and llama-server.env: streaming chat completions, the
# /apply-template + /tokenize count, the /v1/models check (name and model_meta), API key, TLS
# with pin, host name and CA, a server killed or frozen mid-draft, Stop. When nginx is installed
# (or NGINX=BIN names one), also the mutual-TLS front, nginx-mtls.conf, in front of that server.
#
# Not part of `make test`: building llama-server takes far longer than CI's budget for it (see
# docs/deployment.md, "Checking against the real llama-server"). Run it when llama.cpp, the unit
# or the remote engine changes: `make server-check`.
#
#   installer/server/check-llama-server.sh [BUILD_DIR]     (default build/llama-server)
#
# LLAMA_CPP_SOURCE=DIR uses an unpacked llama.cpp instead of downloading the sdist.
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=${1:-build/llama-server}
python=${PYTHON:-.venv/bin/python}
mkdir -p "$build_dir"
build_dir=$(cd "$build_dir" && pwd)

source_dir=${LLAMA_CPP_SOURCE:-}
if [[ -z "$source_dir" ]]; then
    if [[ ! -d "$build_dir/src/vendor/llama.cpp" ]]; then
        "$python" -m pip download --quiet --no-deps --no-binary=:all: \
            --dest "$build_dir/sdist" llama-cpp-python==0.3.36
        mkdir -p "$build_dir/src"
        tar -xzf "$build_dir"/sdist/llama_cpp_python-0.3.36.tar.gz -C "$build_dir/src" \
            --strip-components=1
    fi
    source_dir=$build_dir/src/vendor/llama.cpp
fi

started=$(date +%s)
cmake -S "$source_dir" -B "$build_dir/cmake" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_BUILD_SERVER=ON -DLLAMA_OPENSSL=ON -DLLAMA_CURL=OFF -DLLAMA_BUILD_UI=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >"$build_dir/configure.log"
cmake --build "$build_dir/cmake" --target llama-server -j"$(nproc)" >"$build_dir/build.log"
echo "llama-server built in $(($(date +%s) - started)) s: $build_dir/cmake/bin/llama-server"

tests=(tests/remote/test_remote_engine.py tests/remote/test_server_trust.py
    tests/remote/test_server_failures.py tests/remote/test_server_unit.py
    tests/remote/test_real_llama_server.py)
nginx=${NGINX:-$(command -v nginx || command -v /usr/sbin/nginx || true)}
if [[ -n "$nginx" ]]; then
    echo "nginx front: $("$nginx" -v 2>&1)"
    export WARDSCRIBE_NGINX="$nginx"
    tests+=(tests/remote/test_nginx_front.py)
else
    echo "nginx not installed: the mutual-TLS front (nginx-mtls.conf) is not checked"
fi

WARDSCRIBE_LLAMA_SERVER="$build_dir/cmake/bin/llama-server" QT_QPA_PLATFORM=offscreen \
    "$python" -m pytest "${tests[@]}" -m "not python_server" -p no:cacheprovider -q
