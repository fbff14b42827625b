"""Errors a person can act on.

Every message here is shown to users and may reach logs, so none may carry note text, prompts,
model output or patient identifiers: only file paths, field names and what to do next.
"""


class WardScribeError(Exception):
    """Base for failures that carry a message fit to show a nurse or IT."""


class InputRejected(WardScribeError):
    """Source notes that cannot be drafted from (empty, too large, binary)."""


class AccessDenied(WardScribeError):
    """The signed-in role does not hold the permission the action needs."""


class AuthenticationFailed(WardScribeError):
    """Credentials were not accepted.

    The message is for the person at the keyboard and stays vague about which part was wrong;
    `reason` is a short code for the audit log (``bad_credentials``, ``disabled``, ``throttled``).
    """

    def __init__(self, message: str, reason: str = "bad_credentials") -> None:
        super().__init__(message)
        self.reason = reason


class NotFound(WardScribeError):
    """The requested object does not exist or is not visible to the caller."""
