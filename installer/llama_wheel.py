"""Build the one llama-cpp-python wheel WardScribe runs on: portable, with runtime CPU dispatch.

pip's default build compiles llama.cpp with `GGML_NATIVE=ON`, for the build machine's own CPU:
such a library dies with an illegal instruction on an older workstation, and on a Sapphire
Rapids-class Xeon it takes ggml's AMX path, which crashes on Q4_K models (llama.cpp issue 20824).
This builds llama.cpp with `GGML_NATIVE=OFF`, `GGML_BACKEND_DL=ON` and `GGML_CPU_ALL_VARIANTS=ON`:
one CPU backend per instruction-set level, of which ggml loads the best the CPU can run. The
`sapphirerapids` variant, the only one compiled with AMX, is left out of the wheel, so an AMX
host runs the best AVX-512 variant instead.

pip's wheel cache is never consulted or filled (`--no-cache-dir`), so a natively built wheel from
an earlier `pip install` cannot come back; the wheel carries a build tag (`1portable`) and is
installed by its path. Used by `make` (run, test, dist) and by the Windows workflow:

    python installer/llama_wheel.py OUT_DIR [--cmake-arg=-DGGML_CUDA=on ...]

prints the wheel's path. The same flags serve a CUDA build, whose CPU side stays portable.
"""

import argparse
import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

LLAMA_CPP_PYTHON = "llama-cpp-python==0.3.36"
PORTABLE_CMAKE_ARGS = (
    "-DGGML_NATIVE=OFF",
    "-DGGML_BACKEND_DL=ON",
    "-DGGML_CPU_ALL_VARIANTS=ON",
    # Backend modules install to CMAKE_INSTALL_BINDIR: put them beside libllama, where the
    # engine asks ggml to look for them.
    "-DCMAKE_INSTALL_BINDIR=llama_cpp/lib",
    "-DLLAMA_BUILD_TESTS=OFF",
    "-DLLAMA_BUILD_EXAMPLES=OFF",
)
EXCLUDED_VARIANTS = ("sapphirerapids",)
"""ggml's only CPU variant built with AMX (`GGML_AMX_TILE`, `GGML_AMX_INT8`)."""
BUILD_TAG = "1portable"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--cmake-arg", action="append", default=[], dest="cmake_args")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="llama-wheel-") as scratch:
        built = build_wheel(Path(scratch), [*PORTABLE_CMAKE_ARGS, *args.cmake_args])
        wheel = drop_variants(built, args.out_dir)
    print(wheel)
    return 0


def build_wheel(scratch: Path, cmake_args: list[str]) -> Path:
    env = dict(os.environ, CMAKE_ARGS=" ".join(cmake_args), FORCE_CMAKE="1")
    env.pop("PIP_FIND_LINKS", None)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-cache-dir",
            "--no-deps",
            "--no-binary=llama-cpp-python",
            "--wheel-dir",
            str(scratch),
            LLAMA_CPP_PYTHON,
        ],
        env=env,
        check=True,
        stdout=sys.stderr,  # stdout carries only the wheel's path
    )
    (wheel,) = scratch.glob("llama_cpp_python-*.whl")
    return wheel


def drop_variants(wheel: Path, out_dir: Path) -> Path:
    """Copy `wheel` without the excluded CPU variants, with its RECORD rewritten to match."""
    name, version, *_, python, abi, platform = wheel.stem.split("-")
    target = out_dir / f"{name}-{version}-{BUILD_TAG}-{python}-{abi}-{platform}.whl"
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        record_name = next(n for n in source.namelist() if n.endswith(".dist-info/RECORD"))
        records: list[str] = []
        for info in source.infolist():
            if info.filename == record_name or _is_excluded(info.filename):
                continue
            data = source.read(info)
            if info.filename.endswith(".dist-info/WHEEL"):
                data = _tagged(data)
            out.writestr(info, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            records.append(f"{info.filename},sha256={digest.decode()},{len(data)}")
        records.append(f"{record_name},,")
        out.writestr(record_name, "\n".join(records) + "\n")
    return target


def _is_excluded(member: str) -> bool:
    filename = member.rsplit("/", 1)[-1]
    return any(f"ggml-cpu-{variant}." in filename for variant in EXCLUDED_VARIANTS)


def _tagged(wheel_metadata: bytes) -> bytes:
    """The WHEEL file's headers with `Build:` set; a blank line would end the headers early."""
    lines = [
        line
        for line in wheel_metadata.decode().splitlines()
        if line.strip() and not line.startswith("Build:")
    ]
    return ("\n".join([*lines, f"Build: {BUILD_TAG}"]) + "\n").encode()


if __name__ == "__main__":
    sys.exit(main())
