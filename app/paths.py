"""Where the read-only files that ship with WardScribe live, frozen or not."""

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root is not None:
        return Path(bundle_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
