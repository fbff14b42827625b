"""The demo account and demo patients, for trying WardScribe without real data."""

import json

from app.domain.notes import Patient
from app.domain.roles import Role
from app.identity.passwords import hash_password, verify_password
from app.paths import resources_dir
from app.storage.accounts import AccountStore
from app.storage.drafts import DraftStore

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "wardscribe-demo"  # noqa: S105 - published on the sign-in screen on purpose


def demo_patients() -> list[Patient]:
    """The synthetic patients demo mode shows, from `resources/demo/patients.json`."""
    raw = (resources_dir() / "demo" / "patients.json").read_text(encoding="utf-8")
    return [Patient.model_validate(entry) for entry in json.loads(raw)]


DEMO_CREDENTIALS = "RN"
"""The demo nurse's credentials, printed after her name on what she signs."""


def seed_demo(accounts: AccountStore, drafts: DraftStore) -> None:
    """Create the demo account and patients once; later starts leave them as they are, except
    that a demo patient stored before patients carried identity (schema 6) gets its birth date,
    sex, allergies and code status."""
    demo = accounts.get_by_username(DEMO_USERNAME)
    if demo is None:
        accounts.create_account(
            username=DEMO_USERNAME,
            display_name="Demo Nurse",
            role=Role.NURSE,
            password_hash=hash_password(DEMO_PASSWORD),
            credentials=DEMO_CREDENTIALS,
        )
    elif not demo.credentials:
        accounts.set_credentials(demo.user_id, DEMO_CREDENTIALS)
    known = {patient.mrn: patient for patient in drafts.list_patients()}
    for patient in demo_patients():
        stored = known.get(patient.mrn)
        if stored is None or not (stored.birth_date or stored.allergies or stored.code_status):
            drafts.upsert_patient(patient)


def holds_demo_account(accounts: AccountStore) -> bool:
    """Whether anyone could sign in here with the demo password published on the sign-in screen.

    That marks a demo data folder, whatever its path, however it was opened.
    """
    account = accounts.get_by_username(DEMO_USERNAME)
    return account is not None and verify_password(account.password_hash, DEMO_PASSWORD)
