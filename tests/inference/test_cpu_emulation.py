"""The engine drafts on processors older than this one, each getting the CPU variant it can run.

qemu-user runs the test's own Python as a Haswell (AVX2, no AVX-512) and as a Nehalem (SSE4.2,
no AVX): a library built for the build machine's CPU would die there with an illegal
instruction. Emulation is slow, so each run loads the tiny model and generates four tokens.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.inference.model_files import ModelSpec

REPO_ROOT = Path(__file__).resolve().parents[2]
QEMU = shutil.which("qemu-x86_64")
PROBE = """
import sys
from pathlib import Path
from app.inference.engine import LlamaEngine
from app.inference.model_files import ModelSpec
from app.inference.types import ChatMessage
from app.domain.generation import GenerationParams

spec = ModelSpec(path=Path(sys.argv[1]), sha256=sys.argv[2])
with LlamaEngine(spec, n_ctx=256, n_threads=1) as engine:
    info = engine.load()
    answer = engine.generate(
        engine.tokenize([ChatMessage(role="user", content="Pt slept well.")]),
        GenerationParams(temperature=0.0, max_tokens=4),
    )
    pieces = list(answer)
print(info.cpu_variant)
print(f"pieces={len(pieces)}")
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(QEMU is None, reason="needs qemu-x86_64 (Debian: qemu-user)"),
    pytest.mark.skipif(sys.platform != "linux", reason="qemu-user emulates Linux processes"),
]


def _run_as(cpu: str, spec: ModelSpec) -> subprocess.CompletedProcess[str]:
    assert QEMU is not None
    return subprocess.run(
        [QEMU, "-cpu", cpu, sys.executable, "-c", PROBE, str(spec.path), spec.sha256],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
        check=False,
    )


@pytest.mark.parametrize(
    ("cpu", "variant", "missing"),
    [("Haswell", "haswell", "AVX512"), ("Nehalem", "sse42", "AVX")],
)
def test_the_engine_drafts_on_an_emulated_older_cpu_with_the_variant_it_can_run(
    tiny_spec: ModelSpec, cpu: str, variant: str, missing: str
) -> None:
    result = _run_as(cpu, tiny_spec)
    assert result.returncode == 0, result.stderr[-2000:]
    variant_line, pieces_line = result.stdout.strip().splitlines()[-2:]
    assert variant_line.startswith(f"{variant} (")
    assert missing not in variant_line.removeprefix(f"{variant} (").rstrip(")").split()
    assert pieces_line != "pieces=0"
