"""`wardscribe draft` and `wardscribe audit verify`, run as separate processes."""

import json
from pathlib import Path

import docx
import pytest

from app.domain.note_templates import load_template, missing_sections
from app.domain.notes import NoteKind
from app.inference.model_files import EMBEDDED_MODEL_SHA256, ModelSpec
from app.paths import resources_dir
from tests.cli.conftest import Runner

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"


def _draft(
    wardscribe: Runner, data_dir: Path, *extra: str, timeout: float = 600
) -> dict[str, object]:
    result = wardscribe(
        "draft",
        "--demo",
        "--data-dir",
        str(data_dir),
        "--input",
        str(NOTES_FILE),
        "--json",
        *extra,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_draft_prints_the_draft_id_text_and_model_identity_as_json(
    wardscribe: Runner, data_dir: Path, tiny_model: ModelSpec
) -> None:
    report = _draft(wardscribe, data_dir)
    assert isinstance(report["draft_id"], str) and report["draft_id"]
    assert isinstance(report["text"], str) and report["text"]
    assert report["model"] == {"file": tiny_model.path.name, "sha256": tiny_model.sha256}


def test_audit_verify_says_the_log_is_intact_after_a_draft(
    wardscribe: Runner, data_dir: Path
) -> None:
    _draft(wardscribe, data_dir)
    result = wardscribe("audit", "verify", "--demo", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "intact" in result.stdout


def test_audit_verify_fails_naming_the_first_bad_row_of_an_edited_log(
    wardscribe: Runner, data_dir: Path
) -> None:
    _draft(wardscribe, data_dir)
    audit_db = data_dir / "demo" / "audit.db"
    tamper = wardscribe.python(
        "-c",
        "import sys; from pathlib import Path\n"
        "from app.keys.keystore import KeyStore\n"
        "from app.storage.database import EncryptedDatabase\n"
        "path = Path(sys.argv[1])\n"
        "db = EncryptedDatabase(path, KeyStore().database_key(path))\n"
        'db.execute("DROP TRIGGER IF EXISTS audit_events_no_update")\n'
        "db.execute(\"UPDATE audit_events SET event_json = replace(event_json, 'success',"
        " 'failure') WHERE seq = 2\")\n"
        "db.close()\n",
        str(audit_db),
    )
    assert tamper.returncode == 0, tamper.stderr
    result = wardscribe("audit", "verify", "--demo", "--data-dir", str(data_dir))
    assert result.returncode == 1
    assert "row 2" in result.stdout


def test_audit_verify_names_the_rows_cut_off_the_end_of_the_log(
    wardscribe: Runner, data_dir: Path
) -> None:
    _draft(wardscribe, data_dir)
    audit_db = data_dir / "demo" / "audit.db"
    cut = wardscribe.python(
        "-c",
        "import sys; from pathlib import Path\n"
        "from app.keys.keystore import KeyStore\n"
        "from app.storage.database import EncryptedDatabase\n"
        "path = Path(sys.argv[1])\n"
        "db = EncryptedDatabase(path, KeyStore().database_key(path))\n"
        'db.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")\n'
        'db.execute("DELETE FROM audit_events WHERE seq > 2")\n'
        "db.close()\n",
        str(audit_db),
    )
    assert cut.returncode == 0, cut.stderr
    result = wardscribe("audit", "verify", "--demo", "--data-dir", str(data_dir))
    assert result.returncode == 1
    assert "Missing rows: 3 to" in result.stdout


def test_binary_input_gets_a_clear_message_and_no_traceback(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 64)
    result = wardscribe("draft", "--demo", "--data-dir", str(data_dir), "--input", str(junk))
    assert result.returncode == 1
    assert "not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_word_file_is_drafted_from_as_the_desk_would_import_it(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.docx"
    document = docx.Document()
    document.add_paragraph("0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10.")
    document.save(str(notes))

    result = wardscribe(
        "draft", "--demo", "--data-dir", str(data_dir), "--input", str(notes), "--json"
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"]


def test_a_file_the_desk_would_not_import_is_refused_by_its_type(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("0800 BP 132/84.")

    result = wardscribe("draft", "--demo", "--data-dir", str(data_dir), "--input", str(notes))

    assert result.returncode == 1
    assert f"{notes}: this type of file cannot be imported" in result.stderr


def test_a_local_account_drafts_with_credentials_from_the_environment(
    wardscribe: Runner, data_dir: Path
) -> None:
    credentials = {"WARDSCRIBE_USER": "rn.lee", "WARDSCRIBE_PASSWORD": "a-long-password-1"}
    created = wardscribe(
        "account",
        "add",
        "--data-dir",
        str(data_dir),
        "--username",
        "rn.lee",
        "--display-name",
        "R. Lee",
        "--role",
        "nurse",
        env=credentials,
    )
    assert created.returncode == 0, created.stderr
    result = wardscribe(
        "draft",
        "--data-dir",
        str(data_dir),
        "--input",
        str(NOTES_FILE),
        "--patient-file",
        "-",
        "--json",
        env=credentials,
        stdin="MRN-7\nTest Patient\n",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["kind"] == "shift-sbar"


@pytest.mark.slow
def test_draft_on_the_embedded_default_model_reports_the_sections_it_left_out(
    wardscribe: Runner, tmp_path: Path
) -> None:
    """The small demo model does not always write every heading; what it leaves out must be
    reported, never silently passed over."""
    report = _draft(wardscribe, tmp_path / "fresh-data", "--mode", "whole", timeout=1800)
    model = report["model"]
    assert isinstance(model, dict) and model["sha256"] == EMBEDDED_MODEL_SHA256
    text = str(report["text"])
    assert text.strip()
    template = load_template(NoteKind.SHIFT_SBAR)
    assert report["missing_sections"] == missing_sections(template, text)
    assert len(report["missing_sections"]) < len(template.sections)


def test_doctor_reports_the_backend_and_the_verified_model(
    wardscribe: Runner, data_dir: Path, tiny_model: ModelSpec
) -> None:
    result = wardscribe("doctor", "--demo", "--data-dir", str(data_dir), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["backend"] in {"CPU", "CUDA"}
    assert report["cpu_fallback_reason"] is None
    assert report["model"]["sha256"] == tiny_model.sha256
    assert report["audit_chain"]["intact"] is True


@pytest.mark.parametrize("kind", list(NoteKind), ids=str)
def test_each_kind_drafts_and_records_its_template(
    wardscribe: Runner, data_dir: Path, kind: NoteKind
) -> None:
    report = _draft(wardscribe, data_dir, "--kind", kind.value)

    template = load_template(kind)
    assert report["kind"] == kind.value
    assert report["text"]
    assert report["template"] == {"id": template.id, "version": template.version}
    assert set(report["missing_sections"]) <= set(template.sections)
