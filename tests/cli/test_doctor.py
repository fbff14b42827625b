"""`wardscribe doctor` tells IT which llama.cpp CPU variant this processor got."""

import json
from pathlib import Path

from app.inference.cpu_backend import variant_files, variant_name
from tests.cli.conftest import Runner


def test_doctor_names_the_cpu_variant_loaded_and_its_instruction_sets(
    wardscribe: Runner, data_dir: Path
) -> None:
    result = wardscribe("doctor", "--demo", "--data-dir", str(data_dir), "--json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    variant, _, instruction_sets = report["cpu_backend"].partition(" (")
    assert variant in {variant_name(path) for path in variant_files()}
    assert "SSE3" in instruction_sets.rstrip(")").split()
    assert report["amx_buffers_disabled"] is False
