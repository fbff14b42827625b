"""Checks, while a session is open, that its sign-in still holds.

A ward workstation can stay signed in for a whole shift. If IT disables the account, Entra ID
revokes its sessions or its refresh token expires meanwhile, the session must lock now rather
than at the next sign-in. The check is a network call (Entra ID) or a database read (local
accounts), so it runs on the task runner, never on the UI thread.
"""

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import AuthenticationFailed
from app.services.auth import AuthService
from app.services.session import Session
from app.ui.tasks import TaskRunner


class SignInRevalidation(QObject):
    """Asks the sign-in provider now and then whether the session's sign-in still holds (an
    account disabled in the directory must not keep drafting on an open desk).

    Signals:
        answered(bool): no refusal; True when the provider vouched, False when unreachable.
        refused(str): the session was locked because its sign-in no longer holds; why.
        failed(object): the check itself broke; the exception.
    """

    answered = Signal(bool)
    """A check came back without a refusal: True when the provider vouched, False when it
    could not be asked (unreachable), which leaves the session open."""
    refused = Signal(str)
    """The session was locked because its sign-in no longer holds; the text says why."""
    failed = Signal(object)
    """The check itself broke (not a verdict on the person); the exception is attached."""

    def __init__(
        self, auth: AuthService, session: Session, tasks: TaskRunner, parent: QObject
    ) -> None:
        """Starts checking at the interval `auth` asks for; `set_interval` changes it."""
        super().__init__(parent)
        self._auth = auth
        self._session = session
        self._tasks = tasks
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check_now)
        self.set_interval(auth.revalidate_interval.total_seconds())

    def set_interval(self, seconds: float) -> None:
        """Check the sign-in every `seconds` from now on (a millisecond at the least)."""
        self._timer.start(max(1, int(seconds * 1000)))

    def check_now(self) -> None:
        """Ask once, unless a check is still out (a slow identity provider must not pile up)."""
        if self._in_flight or self._session.locked:
            return
        self._in_flight = True
        session, auth = self._session, self._auth
        self._tasks.submit(self, lambda: auth.revalidate(session), self._answered, self._refused)

    def _answered(self, vouched: object) -> None:
        self._in_flight = False
        self.answered.emit(bool(vouched))

    def _refused(self, error: BaseException) -> None:
        self._in_flight = False
        if isinstance(error, AuthenticationFailed):
            self.refused.emit(str(error))
        else:
            self.failed.emit(error)
