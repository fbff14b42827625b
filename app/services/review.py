"""Review and sign-off use cases: check facts, resolve flags, mark reviewed, sign, amend.

Every decision is re-made against the text as stored now: the checker runs again at sign time
and a signature binds to the revision that was checked. Audit events carry the draft id,
decisions and fact kinds, never note text (nor flag ids, which are hashes of it).
"""

import difflib
from typing import NoReturn

from app.domain.audit import AuditAction, Outcome
from app.domain.draft_problems import find_problems
from app.domain.errors import NotFound
from app.domain.factcheck import ReadNotes, check_against, read_notes
from app.domain.factcheck.labels import kind_label
from app.domain.kept_evidence import EvidenceSummary, KeptEvidence
from app.domain.note_templates import load_template
from app.domain.notes import Draft, DraftStatus
from app.domain.review import (
    AMEND_REASONS,
    ATTESTATION_ID,
    REASON_CODES,
    Decision,
    FlagResolution,
    ReviewRefused,
    ReviewReport,
    SignedReadOnly,
    VersionSummary,
    attestation_statement,
)
from app.domain.roles import Permission
from app.domain.text_changes import Change, word_changes
from app.inference.prompt import build_messages
from app.services.audit_trail import AuditTrail
from app.services.draft_access import DraftAccess
from app.services.session import Session
from app.storage.drafts import DraftStore, utc_now
from app.storage.evidence import EvidenceStore
from app.storage.review import ReviewStore

_DRAFT = "draft"


def ensure_editable(draft: Draft) -> None:
    """Refuse any change to a signed draft's text; DraftService calls this before writing."""
    if draft.status is DraftStatus.SIGNED:
        raise SignedReadOnly


class ReviewService:
    """Only the author resolves flags, signs and amends: the signature attests to their review.

    A charge nurse (DRAFT_READ_UNIT) may check, mark reviewed and read the history of anyone's
    draft on the unit, but does not co-sign.
    """

    def __init__(
        self,
        store: DraftStore,
        review_store: ReviewStore,
        trail: AuditTrail,
        evidence: EvidenceStore,
    ) -> None:
        """The stores and the trail it audits to; the Workstation wires them."""
        self._store = store
        self._reviews = review_store
        self._trail = trail
        self._evidence = evidence
        self._access = DraftAccess(store, trail)
        self._notes: ReadNotes | None = None
        """The notes the last check read, kept in memory only: a preview as the nurse types
        checks the draft twice against the same notes, and a pause in typing checks again."""

    def check(self, session: Session, draft_id: str) -> ReviewReport:
        """Check the stored text; its evidence map is kept with the draft, its counts audited."""
        draft = self._readable(session, draft_id)
        report = self._report(draft)
        kept = self._keep_evidence(draft, report)
        self._trail.record_draft(
            session,
            AuditAction.DRAFT_CHECK,
            draft,
            reason=f"flags:{len(report.flags)}:{kept.audit_code}",
        )
        return report

    def preview(self, session: Session, draft_id: str, text: str) -> ReviewReport:
        """The check of `text`, the caller's unsaved edit of the draft, as the nurse types.

        Nothing is stored, decided or signed from it, so it writes no audit event (a pause in
        typing would otherwise log one); the saved-text check, every decision and the
        signature re-check the stored text and are audited. Flags the nurse already resolved
        stay resolved where the same fact still stands, wherever an edit moved it.
        """
        draft = self._readable(session, draft_id)
        stored = self._report(draft)
        decided = {(flag.kind, flag.text) for flag in stored.flags if stored.is_resolved(flag.id)}
        edited = self._report(draft.model_copy(update={"text": text}))
        still_resolved = {flag.id for flag in edited.flags if (flag.kind, flag.text) in decided}
        still_resolved |= {item.id for item in edited.omitted if stored.is_resolved(item.id)}
        return edited.model_copy(update={"resolved": frozenset(still_resolved)})

    def resolve_flag(
        self,
        session: Session,
        draft_id: str,
        flag_id: str,
        decision: Decision,
        reason_code: str | None,
    ) -> ReviewReport:
        """Record the author's decision on a flag of the current text; returns the new state."""
        draft = self._authored(session, draft_id, Permission.DRAFT_WRITE)
        self._refuse_if_signed(session, AuditAction.FLAG_RESOLVE, draft)
        if reason_code is None or reason_code not in REASON_CODES[decision]:
            self._refuse(
                session,
                AuditAction.FLAG_RESOLVE,
                draft,
                "Choose a reason from the list to resolve this flag.",
                f"{decision.value}:no_reason",
            )
        report = self._report(draft)
        kinds = report.kinds
        if flag_id not in kinds:
            self._refuse(
                session,
                AuditAction.FLAG_RESOLVE,
                draft,
                "That flag is not in the current text. Check the facts again.",
                "unknown_flag",
            )
        left_out = report.omission(flag_id) is not None
        if left_out != (decision is Decision.ACKNOWLEDGED):
            self._refuse(
                session,
                AuditAction.FLAG_RESOLVE,
                draft,
                "A left-out item is added to the draft or acknowledged; a flagged fact is "
                "corrected or accepted.",
                f"{decision.value}:wrong_decision",
            )
        self._reviews.resolve(
            FlagResolution(
                draft_id=draft.id,
                version=report.version,
                flag_id=flag_id,
                fact_kind=kinds[flag_id],
                decision=decision,
                reason_code=reason_code,
                user_id=session.user_id,
                revision=draft.revision,
                at=utc_now(),
            )
        )
        self._trail.record_draft(
            session,
            AuditAction.FLAG_RESOLVE,
            draft,
            reason=f"{decision.value}:{kinds[flag_id]}:{reason_code}",
        )
        return report.model_copy(update={"resolved": report.resolved | {flag_id}})

    def mark_reviewed(self, session: Session, draft_id: str) -> Draft:
        """Mark the draft reviewed (a signed note is refused) and return it as stored."""
        draft = self._readable(session, draft_id)
        self._refuse_if_signed(session, AuditAction.DRAFT_REVIEW, draft)
        self._reviews.mark_reviewed(draft.id, draft.revision)
        self._trail.record_draft(session, AuditAction.DRAFT_REVIEW, draft)
        return self._store.get_draft(draft.id)

    def sign(self, session: Session, draft_id: str, attestation: bool) -> Draft:
        """Sign the stored text, re-checked now. Refused, and audited, for a missing
        attestation, an empty note, a problem only an edit removes (an empty, repeated or echoed
        section, another person named as the patient: said first, since the edit changes the
        facts to decide on), an unresolved unsupported or contradicted fact, or a left-out
        allergy, code status, changed order, isolation or airway not acknowledged."""
        action = AuditAction.DRAFT_SIGN
        draft = self._authored(session, draft_id, Permission.DRAFT_SIGN)
        self._refuse_if_signed(session, action, draft)
        if not attestation:
            self._refuse(
                session,
                action,
                draft,
                "Confirm that you reviewed this AI-assisted draft before signing.",
                "no_attestation",
            )
        if not draft.text.strip():
            self._refuse(session, action, draft, "An empty note cannot be signed.", "empty_text")
        report = self._report(draft)
        if report.problems:
            kinds = ", ".join(sorted({problem.kind.label.lower() for problem in report.problems}))
            self._refuse(
                session,
                action,
                draft,
                f"{len(report.problems)} part(s) of the note must be edited first ({kinds}).",
                f"problems:{len(report.problems)}",
            )
        blocking = report.blocking
        if blocking:
            self._refuse(
                session,
                action,
                draft,
                f"{len(blocking)} flagged fact(s) are unresolved. Edit or accept each one first.",
                f"unresolved:{len(blocking)}",
            )
        left_out = report.blocking_omissions
        if left_out:
            kinds = ", ".join(sorted({kind_label(item.kind) for item in left_out}))
            self._refuse(
                session,
                action,
                draft,
                f"{len(left_out)} left-out item(s) ({kinds}) must be added to the note or "
                "acknowledged one by one first.",
                f"omitted:{len(left_out)}",
            )
        version = self._reviews.sign(
            draft.id,
            draft.revision,
            session.user_id,
            ATTESTATION_ID,
            signature_name=session.principal.signature_name,
        )
        kept = self._keep_evidence(draft, report)
        self._trail.record_draft(
            session, action, draft, reason=f"version:{version}:{kept.audit_code}"
        )
        return self._store.get_draft(draft.id)

    def amend(self, session: Session, draft_id: str, reason_code: str | None = None) -> Draft:
        """Open a new editable version of a signed note; the signed text stays in the history.

        `reason_code`, one of AMEND_REASONS, is kept in the audit event; the desk always asks.
        """
        draft = self._authored(session, draft_id, Permission.DRAFT_WRITE)
        if reason_code is not None and reason_code not in AMEND_REASONS:
            self._refuse(
                session,
                AuditAction.DRAFT_AMEND,
                draft,
                "Choose a reason for the amendment from the list.",
                "unknown_reason",
            )
        if draft.status is not DraftStatus.SIGNED:
            self._refuse(
                session,
                AuditAction.DRAFT_AMEND,
                draft,
                "Only a signed note is amended; edit this draft directly.",
                "not_signed",
            )
        version = self._reviews.amend(draft.id, draft.revision, session.user_id)
        self._trail.record_draft(
            session,
            AuditAction.DRAFT_AMEND,
            draft,
            reason=f"version:{version}" + (f":{reason_code}" if reason_code else ""),
        )
        return self._store.get_draft(draft.id)

    def history(self, session: Session, draft_id: str) -> list[VersionSummary]:
        """Every version of the note, oldest first; viewing the history is audited."""
        draft = self._readable(session, draft_id)
        self._trail.record_draft(session, AuditAction.DRAFT_HISTORY, draft)
        return [version for version, _ in self._versions(draft)]

    def signature(self, session: Session, draft_id: str) -> VersionSummary | None:
        """The note's latest signed version, with its signer and time, for the desk to say who
        signed the note it shows; None before the first signature. Opening the note was
        audited, so this look at the note's own signature is not audited again."""
        self._readable(session, draft_id)
        signed = [
            item.summary
            for item in self._reviews.versions(draft_id)
            if item.summary.signed_at is not None
        ]
        return max(signed, key=lambda summary: summary.version) if signed else None

    def diff(self, session: Session, draft_id: str, from_version: int, to_version: int) -> str:
        """A unified diff between two versions' texts, for tools that read patches."""
        old, new = self._pair(session, draft_id, from_version, to_version, "diff")
        lines = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"version {from_version}",
            tofile=f"version {to_version}",
        )
        # A last line without a newline would run into the next one ("-old+new"); mark it as
        # patch tools do, so every changed line stands on its own.
        return "".join(
            line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
            for line in lines
        )

    def changes(
        self, session: Session, draft_id: str, from_version: int, to_version: int
    ) -> tuple[Change, ...]:
        """What `to_version` changed from `from_version`, word by word, for a person to read."""
        old, new = self._pair(session, draft_id, from_version, to_version, "changes")
        return word_changes(old, new)

    def _pair(
        self, session: Session, draft_id: str, from_version: int, to_version: int, how: str
    ) -> tuple[str, str]:
        """The two versions' texts; reading them is audited as a look at the history."""
        draft = self._readable(session, draft_id)
        texts = {summary.version: text for summary, text in self._versions(draft)}
        if from_version not in texts or to_version not in texts:
            raise NotFound("That version of the note does not exist.")
        self._trail.record_draft(
            session, AuditAction.DRAFT_HISTORY, draft, reason=f"{how}:{from_version}:{to_version}"
        )
        return texts[from_version], texts[to_version]

    def _versions(self, draft: Draft) -> list[tuple[VersionSummary, str]]:
        """Every version with its text: signed ones from the history, the open one the draft's."""
        stored = self._reviews.versions(draft.id)
        if not stored:
            first = VersionSummary(
                version=1,
                status=draft.status,
                amends=None,
                created_by=draft.author_id,
                created_at=draft.created_at,
            )
            return [(first, draft.text)]
        return [
            (
                item.summary
                if item.signed_text is not None
                else item.summary.model_copy(update={"status": draft.status}),
                draft.text if item.signed_text is None else item.signed_text,
            )
            for item in stored
        ]

    def kept_evidence(self, session: Session, draft_id: str) -> list[KeptEvidence]:
        """The evidence map kept for each checked revision of the draft, oldest first."""
        draft = self._readable(session, draft_id)
        self._trail.record_draft(session, AuditAction.DRAFT_HISTORY, draft, reason="evidence")
        kept = (
            self._evidence.get(draft.id, revision)
            for revision in self._evidence.revisions(draft.id)
        )
        return [evidence for evidence in kept if evidence is not None]

    def _keep_evidence(self, draft: Draft, report: ReviewReport) -> EvidenceSummary:
        """Store the check's evidence map for the draft's revision; its counts, for the audit."""
        kept = KeptEvidence(
            draft_id=draft.id,
            revision=draft.revision,
            checked_at=utc_now(),
            sentences=report.sentences,
        )
        self._evidence.keep(kept)
        return kept.summary

    def _report(self, draft: Draft) -> ReviewReport:
        version = self._reviews.current_version(draft.id)
        patient = self._store.get_patient(draft.patient_mrn)
        checked = check_against(
            self._read_notes(draft.source_text), draft.text, patient_name=patient.name
        )
        template = load_template(draft.kind)
        told = "\n".join(message.content for message in build_messages(template, ""))
        report = ReviewReport(
            unsupported=checked.unsupported,
            contradicted=checked.contradicted,
            omitted=checked.omitted,
            sentences=checked.sentences,
            draft_id=draft.id,
            version=version,
            revision=draft.revision,
            problems=find_problems(
                draft.text,
                headings=template.sections,
                instructions=told,
                patient_name=patient.name,
            ),
            attestation=attestation_statement(
                kind_label=draft.kind.label,
                patient_name=patient.name,
                patient_mrn=patient.mrn,
                report=checked,
            ),
        )
        resolved = {item.flag_id for item in self._reviews.resolutions(draft.id, version)}
        return report.model_copy(update={"resolved": frozenset(resolved & report.kinds.keys())})

    def forget_notes(self) -> None:
        """Drop the notes the last check read, e.g. on lock: notes must not outlive a lock in
        memory the desk does not show."""
        self._notes = None

    def _read_notes(self, source: str) -> ReadNotes:
        if self._notes is None or self._notes.text != source:
            self._notes = read_notes(source)
        return self._notes

    def _readable(self, session: Session, draft_id: str) -> Draft:
        return self._access.readable(session, draft_id)

    def _authored(self, session: Session, draft_id: str, permission: Permission) -> Draft:
        return self._access.authored(
            session, draft_id, permission, "Only the author can resolve flags, sign or amend."
        )

    def _refuse_if_signed(self, session: Session, action: AuditAction, draft: Draft) -> None:
        try:
            ensure_editable(draft)
        except SignedReadOnly as refusal:
            self._trail.record_draft(session, action, draft, Outcome.FAILURE, refusal.reason)
            raise

    def _refuse(
        self, session: Session, action: AuditAction, draft: Draft, message: str, reason: str
    ) -> NoReturn:
        self._trail.record_draft(session, action, draft, Outcome.FAILURE, reason)
        raise ReviewRefused(message, reason)
