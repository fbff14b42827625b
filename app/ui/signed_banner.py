"""The banner over a signed note: who signed it and when, and that it is read-only.

The signer is named as they signed, with the credentials they had then, as the note's PDF and
copy for the EHR name them. The signature is read off the UI thread; until it arrives the
banner says only that the note is signed.
"""

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.notes import Draft, DraftStatus
from app.domain.review import VersionSummary
from app.services.review import ReviewService
from app.services.session import Session
from app.ui.tasks import TaskRunner
from app.ui.warning_banner import SIGNED_STYLE

READ_ONLY = "read-only. Amend to make a change."


def signed_line(summary: VersionSummary | None, session: Session) -> str:
    """ "Signed by R. Lee, RN on 2026-11-20 08:00 · read-only…", in the workstation's time.

    A signature made before the signer's name was kept with it names them as they are now
    when they are the one signed in, and by their user id otherwise."""
    if summary is None or summary.signed_at is None or summary.signed_by is None:
        return f"Signed note · {READ_ONLY}"
    signer = summary.signature_name or (
        session.principal.signature_name
        if summary.signed_by == session.user_id
        else summary.signed_by
    )
    return f"Signed by {signer} on {_local(summary.signed_at)} · {READ_ONLY}"


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class SignedBanner(QLabel):
    """Shown only while the desk's note is signed, naming its signer and the time of signing."""

    def __init__(
        self,
        review: ReviewService,
        session: Session,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        """Hidden until a signed note is shown; its signature is read from `review` on `tasks`."""
        super().__init__(parent)
        self._review = review
        self._session = session
        self._tasks = tasks
        self._shown: tuple[str, int] | None = None
        """The draft id and revision whose signature the banner names (or is reading)."""
        self.setObjectName("signedBanner")
        self.setAccessibleName("Signed note")
        self.setWordWrap(True)
        self.setStyleSheet(SIGNED_STYLE)
        self.hide()

    def show_for(self, draft: Draft | None) -> None:
        """Name the signer of `draft` when it is signed; hide otherwise. Asked again for the
        same signed revision, it reads nothing again."""
        if draft is None or draft.status is not DraftStatus.SIGNED:
            self._shown = None
            self.hide()
            return
        self.show()
        shown = (draft.id, draft.revision)
        if shown == self._shown:
            return
        self._shown = shown
        self.setText(signed_line(None, self._session))
        session, review = self._session, self._review
        self._tasks.submit(
            self,
            lambda: review.signature(session, draft.id),
            lambda summary: self._signature_read(shown, summary),
            lambda _: None,  # the banner keeps saying the note is signed, without the name
        )

    def _signature_read(self, shown: tuple[str, int], summary: VersionSummary | None) -> None:
        if shown == self._shown:
            self.setText(signed_line(summary, self._session))
