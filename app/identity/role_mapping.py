"""From directory facts (AD groups, Entra ID claims) to the one role a session runs under.

A person may hold several directory roles at once; a WardScribe session has exactly one. The
workstations exist to write notes, so the documentation roles win over the oversight roles
(`ROLE_PRECEDENCE`): a charge nurse who is also an IT administrator signs in as a charge nurse,
and does IT work with a separate administrative account, as tiered-administration practice
already asks. Within the documentation roles the one with more reach wins.

Refusals carry a machine `reason` for the audit log next to the sentence shown to the user.
"""

from collections.abc import Iterable, Mapping
from enum import StrEnum, auto

from app.domain.errors import AuthenticationFailed
from app.domain.roles import Role
from app.identity.config import ClaimRoleMapping

ROLE_PRECEDENCE: tuple[Role, ...] = (
    Role.CHARGE_NURSE,
    Role.CLINICIAN,
    Role.NURSE,
    Role.COMPLIANCE_OFFICER,
    Role.IT_ADMIN,
)
"""Most preferred first; every `Role` appears exactly once."""


class FailureReason(StrEnum):
    """Why a sign-in was refused, as the audit log records it: the lower-case member name."""

    MISSING_CREDENTIALS = auto()
    BAD_CREDENTIALS = auto()
    ACCOUNT_DISABLED = auto()
    ACCOUNT_EXPIRED = auto()
    ACCOUNT_LOCKED = auto()
    PASSWORD_EXPIRED = auto()
    PASSWORD_MUST_CHANGE = auto()
    SIGN_IN_RESTRICTED = auto()
    ACCOUNT_NOT_FOUND = auto()
    NO_ROLE = auto()
    GROUPS_OVERAGE = auto()
    DIRECTORY_UNREACHABLE = auto()
    UNTRUSTED_CERTIFICATE = auto()
    IDENTITY_PROVIDER_UNREACHABLE = auto()
    IDENTITY_PROVIDER_REFUSED = auto()
    BAD_TOKEN_SIGNATURE = auto()
    INVALID_TOKEN = auto()
    SIGN_IN_CANCELLED = auto()
    SIGN_IN_TIMED_OUT = auto()
    NO_BROWSER = auto()
    LOOPBACK_UNAVAILABLE = auto()
    DEVICE_CODE_DISABLED = auto()
    TOKEN_CACHE_UNAVAILABLE = auto()
    SSO_UNAVAILABLE = auto()
    TOKEN_EXPIRED = auto()
    TOKEN_REVOKED = auto()


class SignInRefused(AuthenticationFailed):
    """A refusal whose `reason` the audit log records; the message is what the user reads."""

    def __init__(self, message: str, reason: FailureReason) -> None:
        super().__init__(message, reason)
        self.reason: FailureReason = reason


class ProviderUnavailable(SignInRefused):
    """The identity provider could not be reached (safely): no verdict on the person at all.

    This is the case HIPAA's emergency-access procedure exists for, so callers may offer
    break-glass access here and must not offer it for any other refusal.
    """


NO_ROLE_MESSAGE = "Your account has no WardScribe role; ask IT."


def most_privileged(roles: Iterable[Role]) -> Role:
    """The session role for someone holding `roles`, by `ROLE_PRECEDENCE`."""
    held = set(roles)
    for role in ROLE_PRECEDENCE:
        if role in held:
            return role
    raise SignInRefused(NO_ROLE_MESSAGE, FailureReason.NO_ROLE)


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _groups_overage(claims: Mapping[str, object]) -> bool:
    claim_names = claims.get("_claim_names")
    in_claim_names = isinstance(claim_names, Mapping) and "groups" in claim_names
    return in_claim_names or claims.get("hasgroups") in (True, "true")


def roles_from_claims(claims: Mapping[str, object], mapping: ClaimRoleMapping) -> Role:
    """The session role from an ID token's `roles` (App Roles) and `groups` claims.

    Entra ID drops `groups` for members of more than 200 groups (the "overage"), leaving
    `_claim_names` or `hasgroups` in its place. Guessing a role from a partial list could
    under- or over-privilege, so that case is refused unless an App Role already decides.
    """
    roles = [
        mapping.app_roles[value]
        for value in _strings(claims.get("roles"))
        if value in mapping.app_roles
    ]
    group_ids = (value.lower() for value in _strings(claims.get("groups")))
    roles += [mapping.groups[group_id] for group_id in group_ids if group_id in mapping.groups]
    if not roles and mapping.groups and _groups_overage(claims):
        raise SignInRefused(
            "Your account is in too many groups for WardScribe to read its role. IT must "
            "assign you a WardScribe App Role (group claims stop above 200 groups).",
            FailureReason.GROUPS_OVERAGE,
        )
    return most_privileged(roles)
