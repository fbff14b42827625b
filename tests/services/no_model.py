"""A demo workstation whose model file is missing, as on one where it was never installed:
drafting must still give the nurse the facts, and say why the prose is not written."""

import json
from pathlib import Path


def name_an_absent_model(data_dir: Path) -> None:
    """Point the demo settings in `data_dir` at a model file that is not there."""
    settings = {"model_path": str(data_dir / "absent.gguf"), "model_sha256": "0" * 64}
    (data_dir / "demo" / "settings.json").write_text(json.dumps(settings))
