"""A workstation whose machine policy names a server drafts there, audited, with nothing local."""

from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.grounded.draft import DraftMode, plan_draft
from app.domain.grounded.layout import shipped_layout
from app.domain.note_templates import load_template
from app.domain.notes import NoteKind, Patient
from app.domain.roles import Role
from app.inference.errors import ServerUnavailable
from app.inference.remote import RemoteEngine
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store
from tests.fixtures.long_notes import multi_day_notes
from tests.remote.conftest import MODEL_ID
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
SHIFT = (
    NOTES
    + "1000 Metoprolol 25 mg PO given. Lungs clear bilaterally, no cough.\n"
    + "1200 Tolerating regular diet, voiding without difficulty. Pain 3/10 in the left knee.\n"
    + "1500 Daughter at bedside, updated on the plan for physical therapy tomorrow.\n"
)
"""Enough notes for every kind: a discharge summary is not drafted from two lines."""
OpenUnderPolicy = Callable[[str], Workstation]


def server_policy(url: str, ca: Authority, **extra: object) -> str:
    lines = [
        "[inference_server]",
        f'url = "{url}"',
        f'model = "{MODEL_ID}"',
        f"ca_file = '{ca.ca_file}'",
        "context_tokens = 4096",
        *(f"{key} = {str(value).lower()}" for key, value in extra.items()),
    ]
    return "\n".join(lines) + "\n"


def sign_in_nurse(workstation: Workstation) -> Session:
    workstation.accounts.add("nurse-7", "Nurse Seven", Role.NURSE, "ward-7-password-long")
    session = workstation.auth.sign_in("nurse-7", "ward-7-password-long")
    workstation.drafts.register_patient(session, Patient(mrn="MRN-7", name="Test Patient"))
    return session


def passages_of(notes: str, kind: NoteKind = NoteKind.SHIFT_SBAR) -> int:
    """The passages the model writes in a grounded draft of `notes`, those the notes hold
    something to write from: one server request each."""
    plan = plan_draft(kind, notes, shipped_layout(""))
    return sum(
        1
        for part in plan.parts
        if part.slot is not None and plan.slot(part.slot).written_from(notes)
    )


def events(workstation: Workstation) -> list[tuple[AuditAction, Outcome, str | None, str | None]]:
    store = audit_store(workstation)
    return [
        (row.event.action, row.event.outcome, row.event.object_id, row.event.reason)
        for row in store.events()
    ]


def test_a_draft_is_written_on_the_server_and_audited_with_counts_never_text(
    tls_server: LlamaServer, hospital_ca: Authority, open_under_policy: OpenUnderPolicy
) -> None:
    workstation = open_under_policy(server_policy(tls_server.url, hospital_ca))
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, NOTES)

    run = workstation.drafts.generate(session, draft.id, mode=DraftMode.WHOLE)
    text = "".join(run)

    assert text and run.outcome is not None and run.outcome.saved is not None
    assert isinstance(workstation.engine_host.loaded(), RemoteEngine)
    info = workstation.engine_host.info
    assert info is not None and info.where == f"Hospital server ({MODEL_ID}, 127.0.0.1)"
    server_events = [e for e in events(workstation) if e[0] is AuditAction.SERVER_GENERATE]
    assert len(server_events) == 1
    _, outcome, object_id, reason = server_events[0]
    assert outcome is Outcome.SUCCESS
    assert object_id == f"127.0.0.1:{tls_server.port}/{MODEL_ID}"
    assert reason is not None and reason.startswith("completed:prompt:")
    assert f":out:{run.outcome.stats.completion_tokens}:" in reason  # type: ignore[union-attr]
    assert (AuditAction.DRAFT_GENERATE, Outcome.SUCCESS) in [e[:2] for e in events(workstation)]


def test_a_draft_written_on_the_server_records_the_server_and_model_and_no_file_hash(
    tls_server: LlamaServer, hospital_ca: Authority, open_under_policy: OpenUnderPolicy
) -> None:
    workstation = open_under_policy(server_policy(tls_server.url, hospital_ca))
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, NOTES)
    assert "".join(workstation.drafts.generate(session, draft.id))

    stored = workstation.drafts.open_draft(session, draft.id)

    assert stored.model_sha256 is None
    assert stored.model_source is not None
    assert stored.model_source.startswith(
        f"hospital server 127.0.0.1:{tls_server.port}: model {MODEL_ID} as the server listed it"
    )
    assert "no file hash" in stored.model_source


def test_a_server_down_with_fallback_allowed_drafts_here_and_says_why(
    start_server: Callable[..., LlamaServer],
    hospital_ca: Authority,
    open_under_policy: OpenUnderPolicy,
) -> None:
    server = start_server()
    url = server.url
    server.kill()
    workstation = open_under_policy(server_policy(url, hospital_ca, allow_local_fallback=True))
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, NOTES)

    assert "".join(workstation.drafts.generate(session, draft.id))

    info = workstation.engine_host.info
    assert info is not None and info.where.startswith("This computer")
    assert info.server_fallback_reason is not None
    assert "cannot be reached" in info.server_fallback_reason
    assert AuditAction.SERVER_GENERATE not in [e[0] for e in events(workstation)]
    stored = workstation.drafts.open_draft(session, draft.id)
    assert stored.model_source == f"this computer: {info.model_file}, SHA-256 {info.model_sha256}"
    assert stored.model_sha256 == info.model_sha256


def test_after_a_fallback_the_next_draft_goes_back_to_the_server_once_it_answers(
    start_server: Callable[..., LlamaServer],
    hospital_ca: Authority,
    open_under_policy: OpenUnderPolicy,
) -> None:
    server = start_server()
    server.pause()
    policy = server_policy(
        server.url, hospital_ca, allow_local_fallback=True, read_timeout_seconds=2
    )
    workstation = open_under_policy(policy)
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, NOTES)
    assert "".join(workstation.drafts.generate(session, draft.id))
    fallback = workstation.engine_host.info
    assert fallback is not None and fallback.where.startswith("This computer")

    server.resume()
    assert "".join(workstation.drafts.generate(session, draft.id))

    assert isinstance(workstation.engine_host.loaded(), RemoteEngine)
    back = workstation.engine_host.info
    assert back is not None and back.server_fallback_reason is None
    server_events = [e for e in events(workstation) if e[0] is AuditAction.SERVER_GENERATE]
    assert [e[1] for e in server_events] == [Outcome.SUCCESS] * passages_of(NOTES)


def test_a_server_down_without_fallback_drafts_nowhere(
    start_server: Callable[..., LlamaServer],
    hospital_ca: Authority,
    open_under_policy: OpenUnderPolicy,
) -> None:
    server = start_server()
    url = server.url
    server.kill()
    workstation = open_under_policy(server_policy(url, hospital_ca))
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, NOTES)

    with pytest.raises(ServerUnavailable):
        "".join(workstation.drafts.generate(session, draft.id))
    assert workstation.engine_host.loaded() is None


def test_a_server_that_dies_mid_draft_is_audited_as_failed_and_checked_again_next_time(
    start_server: Callable[..., LlamaServer],
    hospital_ca: Authority,
    open_under_policy: OpenUnderPolicy,
    tmp_path: Path,
) -> None:
    server = start_server()
    workstation = open_under_policy(server_policy(server.url, hospital_ca))
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, NOTES)
    run = workstation.drafts.generate(session, draft.id, mode=DraftMode.WHOLE)
    stream = iter(run)
    next(stream)
    server.kill()
    with pytest.raises(ServerUnavailable, match="text so far is kept"):
        list(stream)

    failed = [e for e in events(workstation) if e[0] is AuditAction.SERVER_GENERATE]
    assert [e[1] for e in failed] == [Outcome.FAILURE]
    assert failed[0][3] is not None and failed[0][3].startswith("failed:")
    with pytest.raises(ServerUnavailable, match="cannot be reached"):
        list(workstation.drafts.generate(session, draft.id, mode=DraftMode.WHOLE))


def test_every_kind_is_drafted_on_the_server(
    tls_server: LlamaServer, hospital_ca: Authority, open_under_policy: OpenUnderPolicy
) -> None:
    workstation = open_under_policy(server_policy(tls_server.url, hospital_ca))
    session = sign_in_nurse(workstation)
    for kind in NoteKind:
        draft = workstation.drafts.create_draft(session, "MRN-7", kind, SHIFT)
        run = workstation.drafts.generate(session, draft.id)
        assert "".join(run), kind
        assert run.outcome is not None and run.outcome.saved is not None, kind

    outcomes = [e[1] for e in events(workstation) if e[0] is AuditAction.SERVER_GENERATE]
    assert outcomes == [Outcome.SUCCESS] * sum(passages_of(SHIFT, kind) for kind in NoteKind)


def test_long_notes_are_fitted_to_the_servers_context_by_its_own_counts(
    tls_server: LlamaServer, hospital_ca: Authority, open_under_policy: OpenUnderPolicy
) -> None:
    workstation = open_under_policy(server_policy(tls_server.url, hospital_ca))
    session = sign_in_nurse(workstation)
    notes = multi_day_notes(30_000)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, notes)

    run = workstation.drafts.generate(session, draft.id, mode=DraftMode.WHOLE)
    assert "".join(run)

    assert run.outcome is not None and run.outcome.coverage is not None
    assert not run.outcome.coverage.complete
    stats = run.outcome.stats
    assert stats is not None
    max_tokens = load_template(NoteKind.SHIFT_SBAR).params.max_tokens
    assert stats.prompt_tokens + max_tokens <= 4096


def test_a_grounded_draft_on_the_server_audits_every_passage_request(
    tls_server: LlamaServer, hospital_ca: Authority, open_under_policy: OpenUnderPolicy
) -> None:
    workstation = open_under_policy(server_policy(tls_server.url, hospital_ca))
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, SHIFT)
    passages = passages_of(SHIFT)

    run = workstation.drafts.generate(session, draft.id, mode=DraftMode.GROUNDED)
    assert "".join(run) and run.outcome is not None and run.outcome.stats is not None

    reasons = [
        reason or ""
        for action, _, _, reason in events(workstation)
        if action is AuditAction.SERVER_GENERATE
    ]
    assert passages > 1 and len(reasons) == passages
    assert all(reason.startswith("completed:prompt:") for reason in reasons)
    counts = [dict(zip(r.split(":")[1::2], r.split(":")[2::2], strict=True)) for r in reasons]
    assert sum(int(c["out"]) for c in counts) == run.outcome.stats.completion_tokens
    assert sum(int(c["prompt"]) for c in counts) == run.outcome.stats.prompt_tokens
