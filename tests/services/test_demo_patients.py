"""Demo patients carry the identity a nurse checks, also in a demo folder made before they did."""

from pathlib import Path

from app.domain.notes import Patient
from app.services.demo import demo_patients, seed_demo
from app.storage.accounts import AccountStore
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore


def test_a_demo_patient_stored_without_identity_gets_it_at_the_next_start(
    tmp_path: Path, db_key: bytes
) -> None:
    alex = demo_patients()[0]
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        drafts = DraftStore(db)
        drafts.upsert_patient(Patient(mrn=alex.mrn, name=alex.name, unit=alex.unit))

        seed_demo(AccountStore(db), drafts)

        assert drafts.get_patient(alex.mrn) == alex


def test_every_demo_patient_has_age_sex_allergies_and_code_status() -> None:
    for patient in demo_patients():
        assert patient.birth_date and patient.sex and patient.allergies and patient.code_status
