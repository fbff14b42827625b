"""Child of the no-PHI-on-disk test: every workflow with canary PHI, then an unhandled crash.

argv[1] is the data folder, argv[2] a JSON object of canaries. The process is hardened first
and logs everything at DEBUG into the data folder, so any PHI a log line carried would be found.
It ends by letting an exception that quotes the note escape, which the crash hook must report
without its message; the exit status is then 1.
"""

import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring

from app.domain.errors import AuthenticationFailed
from app.domain.notes import NoteKind, Patient
from app.inference.engine import LlamaEngine
from app.security.hardening import harden_process
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import StartOptions, Workstation
from tests.trust.insecure_file_keyring import InsecureFileKeyringForTests


def failing_generation(canary: str) -> None:
    """Make the model fail mid-stream with an error whose message quotes the note."""

    def generate(self: LlamaEngine, *args: object, **kwargs: object) -> Iterator[str]:
        yield "S: "
        raise RuntimeError(f"decode failed while reading: {canary}")

    LlamaEngine.generate = generate  # type: ignore[method-assign,assignment]


def main(data_dir: Path, canaries: dict[str, str]) -> None:
    harden_process(data_dir)
    logging.basicConfig(filename=data_dir / "wardscribe-debug.log", level=logging.DEBUG)
    keyring.set_keyring(InsecureFileKeyringForTests.from_environment())
    workstation = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    auth, drafts = workstation.auth, workstation.drafts
    with contextlib.suppress(AuthenticationFailed):
        auth.sign_in(canaries["name"], canaries["note"])
    session = auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    patient = Patient(mrn=canaries["mrn"], name=canaries["name"], unit="4 West", bed="12")
    drafts.register_patient(session, patient)
    draft = drafts.create_draft(session, patient.mrn, NoteKind.SHIFT_SBAR, canaries["note"])
    run = drafts.generate(session, draft.id)
    generated = "".join(run)
    assert run.outcome is not None and run.outcome.saved is not None
    saved = drafts.save_text(
        session, draft.id, f"{generated}\n{canaries['note']}", run.outcome.saved.revision
    )
    drafts.list_drafts(session)
    drafts.open_draft(session, saved.id)
    drafts.delete_draft(session, saved.id)
    auth.lock(session)
    auth.unlock(session, DEMO_PASSWORD)
    second = drafts.create_draft(session, patient.mrn, NoteKind.SHIFT_SBAR, canaries["note"])
    failing_generation(canaries["note"])
    for _ in drafts.generate(session, second.id):
        pass


if __name__ == "__main__":
    main(Path(sys.argv[1]), json.loads(sys.argv[2]))
