"""A keyed digest of one revision of a draft, for the audit log to vouch for drafts.db.

The audit log may hold no note text, and a plain hash of a note would let whoever holds the
forwarded log confirm a guessed note. The digest is therefore an HMAC under a key derived from
the workstation's checkpoint signing key, which lives in the credential store and travels,
sealed, with every backup, so a restored workstation can still check the digests it restores.
"""

import hashlib
import hmac
import json

from app.domain.notes import Draft

DIGEST_HEX_CHARS = 32


def draft_digest(key: bytes, draft: Draft) -> str:
    """128 bits of HMAC-SHA256 over the draft's id, revision, status and text."""
    body = json.dumps(
        [draft.id, draft.revision, draft.status.value, draft.text], ensure_ascii=False
    ).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()[:DIGEST_HEX_CHARS]
