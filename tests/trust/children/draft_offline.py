"""Child of the no-network test: a whole draft, start to sign-out, under the network guard.

The guard allows no host and no loopback, and counts every attempt, allowed or not. argv[1] is
the data folder (its settings point at the tiny model); keys come from the test's file keyring.
Prints one JSON object with the attempts and what was saved.
"""

import json
import sys
from pathlib import Path

from app.security.network_guard import ConnectionAttempt, NetworkGuard

attempts: list[ConnectionAttempt] = []
NetworkGuard((), allow_loopback=False, on_attempt=attempts.append).install()

import keyring  # noqa: E402 - the guard is in place before anything else is imported

from app.domain.notes import NoteKind  # noqa: E402
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME  # noqa: E402
from app.services.workstation import StartOptions, Workstation  # noqa: E402
from tests.trust.insecure_file_keyring import InsecureFileKeyringForTests  # noqa: E402

NOTES = "0800 BP 128/82, HR 76, SpO2 97% RA. Pain 1/10. Up in chair for lunch.\n"


def main(data_dir: Path) -> None:
    keyring.set_keyring(InsecureFileKeyringForTests.from_environment())
    workstation = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        mrn = workstation.drafts.list_patients(session)[0].mrn
        draft = workstation.drafts.create_draft(session, mrn, NoteKind.SHIFT_SBAR, NOTES)
        run = workstation.drafts.generate(session, draft.id)
        generated = "".join(run)
        assert run.outcome is not None and run.outcome.saved is not None
        saved = workstation.drafts.save_text(
            session, draft.id, generated + "\nReviewed.", run.outcome.saved.revision
        )
        listed = [summary.id for summary in workstation.drafts.list_drafts(session)]
        workstation.auth.sign_out(session)
    finally:
        workstation.close()
    print(
        json.dumps(
            {
                "attempts": [[a.event, a.host, a.port, a.allowed] for a in attempts],
                "saved_revision": saved.revision,
                "generated_chars": len(generated),
                "listed": draft.id in listed,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
