"""Issue 17, item 10: what is wrong and what to do, instead of "unexpected error (TypeName)"."""

from pathlib import Path

from tests.cli.conftest import Runner


def test_a_keyring_backend_that_cannot_be_loaded_is_named(
    wardscribe: Runner, tmp_path: Path
) -> None:
    started = wardscribe(
        "audit",
        "verify",
        "--data-dir",
        str(tmp_path / "data"),
        env={"PYTHON_KEYRING_BACKEND": "no.such.Backend"},
    )

    assert started.returncode == 1
    assert "PYTHON_KEYRING_BACKEND names a credential store that cannot be loaded" in started.stderr
    assert "unexpected error" not in started.stderr


def test_a_damaged_drafts_database_names_the_file_and_the_remedy(
    wardscribe: Runner, data_dir: Path
) -> None:
    assert wardscribe("audit", "verify", "--demo", "--data-dir", str(data_dir)).returncode == 0
    drafts = data_dir / "demo" / "drafts.db"
    data = bytearray(drafts.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):
        data[offset] ^= 0xFF
    drafts.write_bytes(bytes(data))

    started = wardscribe("audit", "verify", "--demo", "--data-dir", str(data_dir))

    assert started.returncode == 1
    assert "Restore it from a backup" in started.stderr
    assert "unexpected error" not in started.stderr
