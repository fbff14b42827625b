"""The credentials each signer set for themselves, in drafts.db: persistence only.

Who may set them, what they may hold and the audit event are the services' decision.
"""

from collections.abc import Callable
from datetime import UTC, datetime

from app.storage.database import EncryptedDatabase, encode_time
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate


class SignerCredentialsStore:
    """One line of credentials per user id, whatever provider signed the person in."""

    def __init__(
        self, db: EncryptedDatabase, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        """Bring `db` up to the drafts schema: the credentials live beside the signatures."""
        migrate(db, DRAFTS_DB_MIGRATIONS)
        self._db = db
        self._clock = clock

    def get(self, user_id: str) -> str | None:
        """What the person set for themselves; None when they never did."""
        row = self._db.query_one(
            "SELECT credentials FROM signer_credentials WHERE user_id = ?", (user_id,)
        )
        return None if row is None else str(row[0])

    def set(self, user_id: str, credentials: str) -> None:
        """Keep `credentials` for `user_id`, replacing what was there."""
        self._db.execute(
            "INSERT INTO signer_credentials (user_id, credentials, set_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET"
            " credentials = excluded.credentials, set_at = excluded.set_at",
            (user_id, credentials, encode_time(self._clock())),
        )

    def clear(self, user_id: str) -> None:
        """Forget what `user_id` set, so the account's or the directory's credentials apply."""
        self._db.execute("DELETE FROM signer_credentials WHERE user_id = ?", (user_id,))
