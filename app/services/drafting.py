"""Drafting use cases: draft these notes, create, open, regenerate, cancel, save, delete.

`DraftService.draft` is the one call the desk and the CLI make to turn notes into a draft: it
validates the notes once, loads the template once, renders and tokenizes the prompt once (the
engine generates from the very tokens it counted), saves under the revision it read at the
start, and decides when unchanged notes mean "regenerate this draft" rather than "a new one".

Source notes and draft text pass through here but never into the audit log: events carry the
draft id and the patient reference, nothing of the content.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass

from app.domain.audit import AuditAction, Outcome
from app.domain.coverage import Coverage, PartStatus
from app.domain.errors import NotFound
from app.domain.generation import GenerationStats, MeasuredSpeed, ReadingProgress
from app.domain.generation_guards import (
    GuardFinding,
    NotesTooThin,
    StreamGuard,
    audit_code,
    empty_draft,
    planted,
    thin_notes,
    unfinished,
)
from app.domain.grounded.draft import DraftMode, GroundedPlan, plan_draft
from app.domain.grounded.render import compose
from app.domain.long_notes import whole_coverage
from app.domain.note_templates import NoteTemplate, load_template, missing_sections
from app.domain.notes import Draft, DraftStatus, DraftSummary, NoteKind, Patient
from app.domain.patient_match import WrongPatient, names_another_patient
from app.domain.planted_instructions import planted_instructions, withhold_instructions
from app.domain.roles import Permission, is_allowed
from app.domain.source_input import normalise_source, validate_source
from app.inference.errors import ModelLoadFailed, ModelMissing
from app.inference.protocol import Engine
from app.services.access import require
from app.services.audit_trail import AuditTrail
from app.services.draft_access import DraftAccess
from app.services.draft_so_far import DraftSoFar, ProseState
from app.services.engine_host import EngineHost, ModelNotConfigured
from app.services.grounded import combined_stats, stream_grounded
from app.services.layouts import UnitLayouts
from app.services.long_source import fit_prompt
from app.services.measured_speed import SpeedRecord
from app.services.review import ensure_editable
from app.services.server_audit import audit_server_exchange
from app.services.session import Session
from app.storage.drafts import DraftStore

_DRAFT = "draft"


@dataclass(frozen=True)
class GenerationOutcome:
    """How a run ended: its text, the stored draft, and the engine's numbers for this run."""

    text: str
    cancelled: bool
    saved: Draft | None
    """The draft as stored with the generated text; None when the run was cancelled."""
    missing_sections: tuple[str, ...]
    stats: GenerationStats | None
    coverage: Coverage | None
    """How much of the source the model saw; None if cancelled before the source was fitted."""
    guards: tuple[GuardFinding, ...] = ()
    """What the guards on generation found: a loop stopped, the notes copied, the draft cut off
    at the token limit, every section "Not documented", instructions in the notes withheld from
    the model. Each carries the message the nurse is shown with the draft."""
    facts_only_reason: str | None = None
    """Why the draft holds only the facts from the notes (asked for, or no model to write the
    prose); None when the model wrote its part."""


class GenerationRun:
    """Streams a draft's generated text; once iteration ends, `outcome` says how it went.

    `draft` is the draft being written, as read when the run was prepared: a new one, or the
    one regenerated. Meant to be consumed on a worker thread. Setting `cancel` stops it within a
    second; a cancelled run is audited and its partial text is returned, not saved over the
    draft. Set `on_reading` before iterating to be told, on the iterating thread, how far the
    model has read the notes (this computer's model only; a server says nothing of it).
    """

    def __init__(self, draft: Draft, produce: Callable[["GenerationRun"], Iterator[str]]) -> None:
        """A run of `produce`, which streams the text and sets `outcome` when it ends."""
        self.draft = draft
        self.cancel = threading.Event()
        self.outcome: GenerationOutcome | None = None
        self.on_draft_so_far: Callable[[DraftSoFar], None] | None = None
        """Told the whole draft so far by a grounded or facts-only run, besides its text in
        order: the facts at once, then again as each passage is written."""
        self.on_reading: Callable[[ReadingProgress], None] | None = None
        self._produce = produce

    def __iter__(self) -> Iterator[str]:
        """The draft's text as the model writes it; iterate once, on a worker thread."""
        return self._produce(self)

    def show(self, so_far: DraftSoFar) -> None:
        """Pass the whole draft so far to whoever shows it, on the iterating thread."""
        if self.on_draft_so_far is not None:
            self.on_draft_so_far(so_far)

    def report_reading(self, progress: ReadingProgress) -> None:
        """Pass the engine's word on the reading to whoever iterates the run."""
        if self.on_reading is not None:
            self.on_reading(progress)


class DraftService:
    """Turns a patient's notes into drafts and keeps them: the only door to drafts and the model.

    Every call checks the session's permission and audits what it did (or refused).
    """

    def __init__(
        self,
        store: DraftStore,
        trail: AuditTrail,
        engine_host: EngineHost,
        layouts: UnitLayouts | None = None,
        speeds: SpeedRecord | None = None,
    ) -> None:
        """`speeds` keeps the speed each finished run measured; in memory only when None."""
        self._store = store
        self._trail = trail
        self._engine_host = engine_host
        self._access = DraftAccess(store, trail)
        self._layouts = layouts or UnitLayouts()
        self._speeds = speeds or SpeedRecord(None)

    @property
    def measured_speed(self) -> MeasuredSpeed | None:
        """How fast the model read and wrote on its last finished run here, from memory."""
        return self._speeds.last

    def list_patients(self, session: Session) -> list[Patient]:
        """The patients stored here, for the patient bar; needs `draft.write`, and is audited."""
        require(self._trail, session, Permission.DRAFT_WRITE, object_type="patient_list")
        patients = self._store.list_patients()
        self._trail.record(session, AuditAction.PATIENT_LIST, object_type="patient_list")
        return patients

    def register_patient(self, session: Session, patient: Patient) -> Patient:
        """Record a patient typed into the context bar, or return the one already known."""
        require(
            self._trail,
            session,
            Permission.DRAFT_WRITE,
            object_type="patient",
            patient_ref=patient.mrn,
        )
        try:
            return self._store.get_patient(patient.mrn)
        except NotFound:
            self._store.upsert_patient(patient)
        self._trail.record(
            session,
            AuditAction.PATIENT_REGISTER,
            object_type="patient",
            object_id=patient.mrn,
            patient_ref=patient.mrn,
        )
        return patient

    def draft(
        self,
        session: Session,
        patient_mrn: str,
        kind: NoteKind,
        notes: str,
        *,
        current: str | None = None,
        mode: DraftMode = DraftMode.GROUNDED,
    ) -> GenerationRun:
        """Draft `kind` from `notes` for the patient: the call behind Generate and `draft`.

        `current` is the id of the draft the caller shows. When it was made from these notes
        (line endings aside) and is of this kind, it is regenerated in place; otherwise a new
        draft is created. `current` of another patient is refused (WrongPatient, audited).
        `mode` says who writes what: grounded (the default: facts copied from the notes, the
        model writing only the prose), facts only (no model) or the model's whole note.
        """
        require(
            self._trail,
            session,
            Permission.DRAFT_WRITE,
            object_type=_DRAFT,
            patient_ref=patient_mrn,
        )
        validated = validate_source(notes)
        template = load_template(kind)
        thin = self._thin_notes(session, template, validated, patient_mrn, mode)
        if current is not None:
            shown = self._store.get_draft(current)
            self._require_patient(session, AuditAction.DRAFT_GENERATE, shown, patient_mrn)
            if drafted_from(shown, kind, validated):
                return self._run(session, self._editable(session, shown), template, mode, thin)
        created = self._create(session, patient_mrn, validated, template)
        return self._run(session, created, template, mode, thin)

    def create_draft(
        self, session: Session, patient_mrn: str, kind: NoteKind, source_text: str
    ) -> Draft:
        """Store `source_text` as a new, empty draft of `kind`, to generate or write later."""
        require(
            self._trail,
            session,
            Permission.DRAFT_WRITE,
            object_type=_DRAFT,
            patient_ref=patient_mrn,
        )
        return self._create(session, patient_mrn, validate_source(source_text), load_template(kind))

    def _create(
        self, session: Session, patient_mrn: str, notes: str, template: NoteTemplate
    ) -> Draft:
        patient = self._store.get_patient(patient_mrn)
        self._refuse_other_patients_notes(session, patient, notes)
        draft = self._store.create_draft(
            patient_mrn=patient_mrn,
            author_id=session.user_id,
            kind=template.kind,
            source_text=notes,
            template_id=template.id,
            template_version=template.version,
        )
        self._trail.record_draft(session, AuditAction.DRAFT_CREATE, draft)
        return draft

    def open_draft(self, session: Session, draft_id: str) -> Draft:
        """The draft, if the session may read it; the opening is audited."""
        draft = self._access.readable(session, draft_id)
        self._trail.record_draft(session, AuditAction.DRAFT_OPEN, draft)
        return draft

    def list_drafts(
        self,
        session: Session,
        patient_mrn: str | None = None,
        *,
        mine: bool = False,
        status: DraftStatus | None = None,
        amended: bool = False,
        search: str | None = None,
        limit: int | None = 200,
    ) -> list[DraftSummary]:
        """Drafts the caller may open, newest first; others' only for DRAFT_READ_UNIT roles.

        `mine` narrows a unit reader to their own drafts. The search text is never audited: it
        may be a patient's name.
        """
        require(self._trail, session, Permission.DRAFT_READ_OWN, object_type="draft_list")
        reads_unit = is_allowed(session.principal.role, Permission.DRAFT_READ_UNIT)
        summaries = self._store.list_drafts(
            author_id=None if reads_unit and not mine else session.user_id,
            patient_mrn=patient_mrn,
            status=status,
            amended=amended,
            search=search,
            limit=limit,
        )
        self._trail.record(
            session, AuditAction.DRAFT_LIST, object_type="draft_list", patient_ref=patient_mrn
        )
        return summaries

    def generate(
        self,
        session: Session,
        draft_id: str,
        *,
        patient_mrn: str | None = None,
        mode: DraftMode = DraftMode.GROUNDED,
    ) -> GenerationRun:
        """Stream a new text for a stored draft from its own notes (validated when stored).

        `patient_mrn` is the patient the caller shows: a desk passes it so a draft is never
        generated while another patient is on screen. WrongPatient (audited) when they differ.
        """
        draft = self._writable(session, draft_id)
        self._require_patient(session, AuditAction.DRAFT_GENERATE, draft, patient_mrn)
        template = load_template(draft.kind)
        thin = self._thin_notes(session, template, draft.source_text, draft.patient_mrn, mode)
        return self._run(session, draft, template, mode, thin)

    def save_text(
        self,
        session: Session,
        draft_id: str,
        text: str,
        expected_revision: int,
        *,
        patient_mrn: str | None = None,
    ) -> Draft:
        """Store the edited text; `patient_mrn`, when given, must be the draft's patient."""
        draft = self._writable(session, draft_id)
        self._require_patient(session, AuditAction.DRAFT_SAVE, draft, patient_mrn)
        saved = self._store.save_text(draft.id, text, expected_revision=expected_revision)
        self._trail.record_draft(session, AuditAction.DRAFT_SAVE, saved)
        return saved

    def delete_draft(self, session: Session, draft_id: str) -> None:
        """Delete the session's own unsigned draft; audited, and a refusal is audited too."""
        draft = self._writable(session, draft_id, Permission.DRAFT_DELETE)
        self._store.delete_draft(draft.id)
        self._trail.record_draft(session, AuditAction.DRAFT_DELETE, draft)

    def _run(
        self,
        session: Session,
        draft: Draft,
        template: NoteTemplate,
        mode: DraftMode,
        thin: GuardFinding | None,
    ) -> GenerationRun:
        if mode is DraftMode.WHOLE:
            return GenerationRun(draft, lambda run: self._stream(run, session, draft, template))
        return GenerationRun(
            draft,
            lambda run: self._stream_grounded(run, session, draft, template, mode, thin=thin),
        )

    @contextmanager
    def _model_use(self, session: Session, draft: Draft, engine: Engine) -> Iterator[None]:
        """Around every use of the model: a failure is audited with its error's type (never its
        text), and what was exchanged with the hospital's server is audited either way."""
        try:
            yield
        except Exception as error:
            self._trail.record_draft(
                session,
                AuditAction.DRAFT_GENERATE,
                draft,
                Outcome.FAILURE,
                type(error).__name__.lower(),
            )
            raise
        finally:
            audit_server_exchange(self._trail, session, draft, engine)

    def _stream_grounded(
        self,
        run: GenerationRun,
        session: Session,
        draft: Draft,
        template: NoteTemplate,
        mode: DraftMode,
        *,
        thin: GuardFinding | None,
    ) -> Iterator[str]:
        """The grounded draft: fact sections at once, then the model's passages, or the facts
        only when asked for, when the notes are too thin for the model (`thin`) or when no
        model can be had. The whole draft so far is shown (`GenerationRun.show`) before the
        model is even loaded, and again as each passage is written."""
        passages = planted_instructions(draft.source_text)
        notes = withhold_instructions(draft.source_text) if passages else draft.source_text
        layout = self._layouts.for_unit(self._store.get_patient(draft.patient_mrn).unit)
        plan = plan_draft(template.kind, notes, layout)
        engine, reason = self._prose_engine(run, plan, mode, thin)
        pieces: list[str] = []
        stats: list[GenerationStats] = []
        if engine is None:
            pieces.append(plan.facts_only)
            yield plan.facts_only
        else:
            with self._model_use(session, draft, engine):
                for piece in stream_grounded(
                    engine,
                    template,
                    plan,
                    run.cancel,
                    stats,
                    reading=run.report_reading,
                    exchanged=lambda: audit_server_exchange(self._trail, session, draft, engine),
                ):
                    pieces.append(piece)
                    yield piece
                    _show_written(run, plan, pieces)
        text = "".join(pieces)
        total = combined_stats(stats)
        coverage = whole_coverage(draft.source_text)
        if run.cancel.is_set():
            self._trail.record_draft(session, AuditAction.DRAFT_CANCEL, draft)
            run.outcome = GenerationOutcome(text, True, None, (), total, coverage)
            return
        self._speeds.record(total)
        saved = self._store.save_text(
            draft.id,
            text,
            expected_revision=draft.revision,
            model_sha256=None if engine is None else engine.info.model_sha256 or None,
            coverage=coverage,
            model_source=None if engine is None else engine.info.provenance,
            layout=(layout.id, layout.version),
        )
        code = f"layout:{layout.id}:{layout.version}" + (f":facts_only:{reason}" if reason else "")
        self._trail.record_draft(session, AuditAction.DRAFT_GENERATE, saved, reason=code)
        found = [finding for finding in (planted(passages), thin) if finding is not None]
        if found:
            self._trail.record_draft(
                session, AuditAction.DRAFT_GUARD, saved, reason=audit_code(found)
            )
        run.outcome = GenerationOutcome(
            text,
            False,
            saved,
            tuple(missing_sections(template, text)),
            total,
            coverage,
            tuple(found),
            facts_only_reason=reason,
        )

    def _prose_engine(
        self, run: GenerationRun, plan: GroundedPlan, mode: DraftMode, thin: GuardFinding | None
    ) -> tuple[Engine | None, str | None]:
        """The engine to write the prose with, or None and why not. The facts-only draft is
        shown first, saying whether the prose follows (the model is loaded, or loading) or
        will not be written; loading the model, which can take a minute, comes after."""
        if mode is DraftMode.FACTS_ONLY or thin is not None:
            reason = "asked" if mode is DraftMode.FACTS_ONLY else NotesTooThin.reason
            run.show(DraftSoFar(plan.facts_only, ProseState.NOT_ASKED, reason))
            return None, reason
        loaded = self._engine_host.loaded() is not None
        run.show(DraftSoFar(plan.facts_only, ProseState.WRITING if loaded else ProseState.LOADING))
        try:
            engine = self._engine_host.engine()
        except (ModelNotConfigured, ModelMissing, ModelLoadFailed) as error:
            reason = type(error).__name__.lower()
            run.show(DraftSoFar(plan.facts_only, ProseState.NO_MODEL, reason))
            return None, reason
        if not loaded:
            run.show(DraftSoFar(plan.facts_only, ProseState.WRITING))
        return engine, None

    def _stream(
        self, run: GenerationRun, session: Session, draft: Draft, template: NoteTemplate
    ) -> Iterator[str]:
        engine = self._engine_host.engine()
        pieces: list[str] = []
        fitted = generation = None
        passages = planted_instructions(draft.source_text)
        guard = StreamGuard(draft.source_text, template.kind, template.sections)
        with self._model_use(session, draft, engine):
            notes = withhold_instructions(draft.source_text) if passages else draft.source_text
            fitted = fit_prompt(engine, template, notes, run.cancel)
            if fitted is not None:
                generation = engine.generate(
                    fitted.prompt, template.params, run.cancel, run.report_reading
                )
                with closing(generation):
                    for piece in generation:
                        pieces.append(piece)
                        yield piece
                        if guard.feed(piece) is not None:
                            break
        # The last word, or the last section, is judged only once the model has ended: the
        # kept text is read after that, so a loop found there is cut too.
        finished = None if run.cancel.is_set() else guard.finish()
        text = "".join(pieces)[: guard.keep]
        coverage = None if fitted is None else fitted.coverage
        stats = None if generation is None else generation.stats
        if guard.stopped is not None and stats is not None:
            # Stopped by a guard, not by the nurse: the run counts as finished.
            stats = stats.model_copy(update={"cancelled": False})
        if run.cancel.is_set():
            self._trail.record_draft(session, AuditAction.DRAFT_CANCEL, draft)
            run.outcome = GenerationOutcome(text, True, None, (), stats, coverage)
            return
        self._speeds.record(stats)
        saved = self._store.save_text(
            draft.id,
            text,
            expected_revision=draft.revision,
            model_sha256=engine.info.model_sha256 or None,
            coverage=coverage,
            model_source=engine.info.provenance,
        )
        self._trail.record_draft(
            session, AuditAction.DRAFT_GENERATE, saved, reason=_coverage_code(coverage)
        )
        found = [
            finding
            for finding in (
                planted(passages),
                finished,
                unfinished(stats is not None and stats.hit_max_tokens, template.params.max_tokens),
                empty_draft(text, template.sections),
            )
            if finding is not None
        ]
        if found:
            self._trail.record_draft(
                session, AuditAction.DRAFT_GUARD, saved, reason=audit_code(found)
            )
        run.outcome = GenerationOutcome(
            text,
            False,
            saved,
            tuple(missing_sections(template, text)),
            stats,
            coverage,
            tuple(found),
        )

    def _thin_notes(
        self,
        session: Session,
        template: NoteTemplate,
        notes: str,
        patient_mrn: str,
        mode: DraftMode,
    ) -> GuardFinding | None:
        """Notes too short for the kind, where the model would invent: a whole-note draft is
        refused (audited); a grounded or facts-only draft still lists the notes' facts, and
        the finding says why the model was not asked for the prose."""
        finding = thin_notes(template.kind, notes)
        if finding is None:
            return None
        if mode is not DraftMode.WHOLE:
            return finding.model_copy(
                update={
                    "message": f"{finding.message} The draft lists the facts from the notes; "
                    "the model was not asked for the prose, which is yours to write."
                }
            )
        self._trail.record(
            session,
            AuditAction.DRAFT_GENERATE,
            Outcome.FAILURE,
            object_type=_DRAFT,
            patient_ref=patient_mrn,
            reason=NotesTooThin.reason,
        )
        raise NotesTooThin(finding.message)

    def _refuse_other_patients_notes(self, session: Session, patient: Patient, notes: str) -> None:
        """Notes that name another known patient, or were drafted for one, are not this one's."""
        drafted_for = self._store.patients_drafted_from(notes) - {patient.mrn}
        if drafted_for:
            reason = "notes_drafted_for_other_patient"
            message = (
                "These notes were already used for a draft for another patient. Check the "
                "patient bar, then paste this patient's own notes."
            )
        elif names_another_patient(notes, patient, self._store.list_patients()):
            reason = "notes_name_other_patient"
            message = (
                "These notes name another patient. Check the patient bar, then paste this "
                "patient's own notes."
            )
        else:
            return
        self._trail.record(
            session,
            AuditAction.DRAFT_CREATE,
            Outcome.FAILURE,
            object_type=_DRAFT,
            patient_ref=patient.mrn,
            reason=reason,
        )
        raise WrongPatient(message, reason)

    def _require_patient(
        self, session: Session, action: AuditAction, draft: Draft, patient_mrn: str | None
    ) -> None:
        if patient_mrn is None or patient_mrn == draft.patient_mrn:
            return
        self._trail.record_draft(session, action, draft, Outcome.FAILURE, "wrong_patient")
        raise WrongPatient(
            "This draft belongs to another patient than the one on screen. Open it from the "
            "drafts list, or choose its patient first."
        )

    def _writable(
        self, session: Session, draft_id: str, permission: Permission = Permission.DRAFT_WRITE
    ) -> Draft:
        draft = self._access.authored(session, draft_id, permission)
        ensure_editable(draft)
        return draft

    def _editable(self, session: Session, draft: Draft) -> Draft:
        """`draft`, already read, if this session (holding DRAFT_WRITE) may write it now."""
        self._access.require_author(session, draft)
        ensure_editable(draft)
        return draft


def _show_written(run: GenerationRun, plan: GroundedPlan, pieces: list[str]) -> None:
    """After a passage is written, show the whole draft: what is written, then the facts and
    the passages still to come. The stream yields one piece per part of the plan, in order."""
    if plan.parts[len(pieces) - 1].slot is None:
        return
    later = plan.parts[len(pieces) :]
    state = ProseState.DONE if all(part.slot is None for part in later) else ProseState.WRITING
    run.show(DraftSoFar("".join(pieces) + compose(later, {}), state))


def drafted_from(draft: Draft, kind: NoteKind, notes: str) -> bool:
    """Whether Generate on `notes` means "regenerate `draft`": same kind, same notes."""
    return draft.kind is kind and draft.source_text == normalise_source(notes)


def _coverage_code(coverage: Coverage | None) -> str | None:
    """Counts of shortened and left-out parts for the audit log: how many, never which or what."""
    if coverage is None or coverage.complete:
        return None
    return (
        f"parts:{len(coverage.parts)}:condensed:{coverage.count(PartStatus.CONDENSED)}"
        f":facts:{coverage.count(PartStatus.FACTS)}:left_out:{coverage.count(PartStatus.LEFT_OUT)}"
    )
