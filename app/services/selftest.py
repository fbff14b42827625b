"""The self-test use case behind `wardscribe self-test`: is this installation healthy?

IT runs it after a deployment and from monitoring, on workstations where nobody may be signed in
and no patient data may be touched. So it takes the same path a nurse's start takes (machine
policy, composition root, SQLCipher databases, local sign-in, model hash, generation through the
services, audit chain) but in a throw-away data folder with a credential store that lives only in
this process's memory, on a synthetic note, and deletes everything before it answers.

Its verdict is one line, PASS or `FAIL: <step>: <reason>`, which the CLI prints and turns into
the exit status 0 or 1, so deployment tools can act on the exit code and log the line. Nothing
in it comes from note text or model output.
"""

import importlib.metadata
import json
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import WardScribeError
from app.domain.identity import ProviderKind
from app.domain.notes import NoteKind, Patient
from app.domain.roles import Role
from app.inference.model_files import embedded_parts_available
from app.keys.keystore import KeyStore
from app.keys.memory_keyring import use_memory_keyring
from app.security.environment import Environment
from app.security.policy import load_policy
from app.services.session import Session
from app.services.workstation import USER_SETTINGS_FILE, StartOptions, Workstation
from app.storage.locations import DataLocations

TOKENS_TO_GENERATE = 8
"""Enough to prove the model runs end to end; a whole draft would take a minute on a slow CPU."""

_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
_USERNAME = "selftest"
_PATIENT = Patient(mrn="SELFTEST-0001", name="Synthetic Selftest", unit="Self-test")


class SelfTestFailed(Exception):
    """One step did not hold; `step` names it in the verdict."""

    def __init__(self, step: str, reason: str) -> None:
        """`step` names the check that failed, `reason` what went wrong in it."""
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


@dataclass(frozen=True)
class SelfTestRequest:
    """What to test: the configured (or embedded) model, another GGUF, or no model at all."""

    model: Path | None = None
    """A GGUF to test instead of the configured or embedded model; needs `sha256`."""
    sha256: str | None = None
    skip_model: bool = False


@dataclass(frozen=True)
class SelfTestVerdict:
    """PASS with what was checked, or FAIL with the step and the reason: never note text."""

    passed: bool
    line: str


@dataclass(frozen=True)
class _Findings:
    policy: str
    model_checks: tuple[str, ...]
    """The model's hash and the generation, or a note that they were skipped."""
    audit_events: int

    def summary(self) -> str:
        checks = (self.policy, "encryption", "keystore", *self.model_checks)
        return ", ".join((*checks, f"audit chain {self.audit_events} events"))


def self_test(request: SelfTestRequest) -> SelfTestVerdict:
    """Run every check and say how it went, in the one line IT's tools log.

    Replaces this process's keyring backend with an in-memory one for good: the self-test is
    meant to be the whole of its process.
    """
    try:
        findings = _run_checks(request)
    except SelfTestFailed as failure:
        return SelfTestVerdict(False, f"FAIL: {failure.step}: {_one_line(failure.reason)}")
    return SelfTestVerdict(True, f"PASS ({findings.summary()})")


def _run_checks(request: SelfTestRequest) -> _Findings:
    with _step("keystore"):
        _require_keyring_backends_bundled()
        use_memory_keyring()
    with _scratch_folder() as data_dir:
        policy = _policy_verdict()
        with _step("setup"):
            locations = DataLocations.resolve(data_dir, demo=False)
            if request.model is not None and request.sha256 is not None:
                _write_user_settings(data_dir, request.model, request.sha256)
        keys = _check_keystore(locations)
        password = secrets.token_urlsafe(24)
        canary = f"selftest-canary-{secrets.token_hex(8)}"
        with _step("start"):
            workstation = Workstation.open(
                StartOptions(data_dir=data_dir, local_accounts_only=True), keystore=keys
            )
        try:
            with _step("account"):
                workstation.accounts.add(_USERNAME, "Self-test", Role.NURSE, password)
            with _step("sign-in"):
                session = workstation.auth.sign_in(_USERNAME, password)
            model_checks: tuple[str, ...] = ("model skipped",)
            if not request.skip_model:
                model_checks = (
                    _check_model(workstation, request),
                    _check_generation(workstation, session, canary),
                )
            with _step("sign-out"):
                workstation.auth.sign_out(session)
            audit_events = _check_audit(workstation)
        finally:
            with _step("shutdown"):
                workstation.close()
        with _step("encryption"):
            _check_encrypted(locations, canary)
    return _Findings(policy=policy, model_checks=model_checks, audit_events=audit_events)


@contextmanager
def _step(name: str) -> Iterator[None]:
    """Report any failure inside as a failure of step `name`."""
    try:
        yield
    except SelfTestFailed:
        raise
    except Exception as error:
        raise SelfTestFailed(name, _describe(error)) from error


@contextmanager
def _scratch_folder() -> Iterator[Path]:
    """An owner-only temporary folder, deleted with everything in it however the test ends."""
    with _step("setup"):
        folder = Path(tempfile.mkdtemp(prefix="wardscribe-selftest-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _policy_verdict() -> str:
    """Validate the machine policy whole and say what the self-test makes of it.

    The self-test signs in with a throw-away local account (`local_accounts_only`): a directory
    provider would contact Entra ID or a domain controller and open the real token store, which
    is `doctor`'s job. Every other table (model pin, locks, break-glass) still applies.
    """
    with _step("policy"):
        policy = load_policy(Environment().policy_path())
    if policy is None:
        return "no machine policy"
    if policy.identity is None or policy.identity.provider is ProviderKind.LOCAL:
        return "policy valid"
    return f"policy valid ({policy.identity.provider} sign-in untested)"


def _require_keyring_backends_bundled() -> None:
    """The real app finds the OS credential store through keyring's entry points.

    A package that lost keyring's metadata falls back to no store at all and refuses to start, so
    this is checked here, without asking any backend for a secret.
    """
    if not importlib.metadata.entry_points(group="keyring.backends"):
        raise SelfTestFailed(
            "keystore",
            "this build cannot find keyring's credential store backends (package metadata missing)",
        )


def _write_user_settings(data_dir: Path, model: Path, sha256: str) -> None:
    """Choose the model the way a user's settings file does; a machine policy still wins."""
    settings = {"model_path": str(model.resolve()), "model_sha256": sha256}
    (data_dir / USER_SETTINGS_FILE).write_text(json.dumps(settings), encoding="utf-8")


def _check_keystore(locations: DataLocations) -> KeyStore:
    """Each database gets its own key, and the store hands back the key it was given."""
    with _step("keystore"):
        keys = KeyStore()
        issued = [keys.database_key(db) for db in (locations.drafts_db, locations.audit_db)]
        returned = [keys.database_key(db) for db in (locations.drafts_db, locations.audit_db)]
    if issued != returned or issued[0] == issued[1]:
        raise SelfTestFailed("keystore", "the credential store did not return the keys it stored")
    return keys


def _check_model(workstation: Workstation, request: SelfTestRequest) -> str:
    if workstation.engine_host.server is not None:
        return _check_server(workstation)
    with _step("model"):
        if request.model is not None and workstation.settings.is_locked("model_path"):
            raise SelfTestFailed(
                "model", "the machine policy pins the model, so --model cannot replace it"
            )
        configured = workstation.settings.effective.model_path is not None
        if not configured and not embedded_parts_available():
            raise SelfTestFailed(
                "model",
                "no model bundled and none configured; pass --model PATH --sha256 HEX, "
                "or --skip-model to check everything else",
            )
        spec = workstation.engine_host.model_spec()
        workstation.engine_host.engine()  # loading re-hashes the file and refuses a mismatch
    return f"model sha256 {spec.sha256[:12]}…"


def _check_server(workstation: Workstation) -> str:
    """The policy's inference server: TLS, pin and the model it lists. A workstation that would
    draft locally instead (fallback allowed) is not as IT configured it, so that fails too."""
    with _step("server"):
        workstation.engine_host.engine()
        info = workstation.engine_host.info
        if info is None or info.server is None:
            reason = None if info is None else info.server_fallback_reason
            raise SelfTestFailed("server", reason or "the server was not used")
    return f"server verified: {info.where}"


def _check_generation(workstation: Workstation, session: Session, canary: str) -> str:
    with _step("generation"):
        workstation.drafts.register_patient(session, _PATIENT)
        draft = workstation.drafts.create_draft(
            session, _PATIENT.mrn, NoteKind.SHIFT_SBAR, _synthetic_note(canary)
        )
        generation = workstation.drafts.generate(session, draft.id)
        for pieces, _text in enumerate(generation, start=1):
            if pieces >= TOKENS_TO_GENERATE:
                generation.cancel.set()
        outcome = generation.outcome
        stats = None if outcome is None else outcome.stats
        engine = workstation.engine_host.info
        if stats is None or engine is None or stats.completion_tokens == 0:
            raise SelfTestFailed("generation", "the model produced no tokens")
    where = (
        engine.where
        if engine.server is not None
        else f"{engine.backend}, CPU variant {engine.cpu_variant}"
    )
    seconds = stats.generation_seconds
    return f"generation {stats.completion_tokens} tokens in {seconds:.2f} s on {where}"


def _synthetic_note(canary: str) -> str:
    """Invented observations; the canary must never be found unencrypted on disk."""
    return (
        f"Self-test note {canary}. Synthetic patient, not a real person.\n"
        "08:00 observations: BP 120/80, HR 72, RR 16, SpO2 98% on room air, temp 36.8.\n"
        "Alert and oriented, denies pain. Plan: continue routine observations.\n"
    )


def _check_audit(workstation: Workstation) -> int:
    with _step("audit"):
        verification = workstation.audit.verify()
    if not verification.ok:
        raise SelfTestFailed(
            "audit", f"chain broken at seq {verification.first_bad_seq}: {verification.problem}"
        )
    return verification.events_checked


def _check_encrypted(locations: DataLocations, canary: str) -> None:
    """Both databases are SQLCipher files, and the note's canary is in no file as plain text."""
    for database in (locations.drafts_db, locations.audit_db):
        with database.open("rb") as file:
            header = file.read(len(_PLAIN_SQLITE_HEADER))
        if len(header) < len(_PLAIN_SQLITE_HEADER):
            raise SelfTestFailed("encryption", f"{database.name} was not written")
        if header == _PLAIN_SQLITE_HEADER:
            raise SelfTestFailed("encryption", f"{database.name} is a plain SQLite file")
    needle = canary.encode()
    for path in locations.root.rglob("*"):
        in_scope = path.is_file() and not path.is_relative_to(locations.models_dir)
        if in_scope and needle in path.read_bytes():
            raise SelfTestFailed("encryption", f"note text found unencrypted in {path.name}")


def _describe(error: Exception) -> str:
    """The error's own message: WardScribe's carry no note text, and this note is synthetic."""
    message = str(error) or "no details"
    return message if isinstance(error, WardScribeError) else f"{type(error).__name__}: {message}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
