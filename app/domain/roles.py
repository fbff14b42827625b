"""Roles and the permission table: the single source every service checks against.

The UI may hide what a role cannot do, but hiding is a courtesy; the services refuse regardless.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    NURSE = "nurse"
    CLINICIAN = "clinician"
    CHARGE_NURSE = "charge_nurse"
    COMPLIANCE_OFFICER = "compliance_officer"
    IT_ADMIN = "it_admin"


class Permission(StrEnum):
    DRAFT_WRITE = "draft.write"
    """Create, generate, edit and save one's own drafts."""
    DRAFT_READ_OWN = "draft.read_own"
    DRAFT_READ_UNIT = "draft.read_unit"
    """Open drafts written by others, as a charge nurse reviewing the unit does."""
    DRAFT_DELETE = "draft.delete"
    DRAFT_SIGN = "draft.sign"
    SUMMARIZE = "note.summarize"
    AUDIT_READ = "audit.read"
    AUDIT_EXPORT = "audit.export"
    AUDIT_VERIFY = "audit.verify"
    SETTINGS_CHANGE = "settings.change"
    ACCOUNT_MANAGE = "account.manage"
    """Create local accounts once the first one exists (IT staging staff or break-glass)."""
    DIAGNOSTICS_READ = "diagnostics.read"


_WRITER = frozenset(
    {
        Permission.DRAFT_WRITE,
        Permission.DRAFT_READ_OWN,
        Permission.DRAFT_DELETE,
        Permission.DRAFT_SIGN,
        Permission.SUMMARIZE,
    }
)

PERMISSIONS: Mapping[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.NURSE: _WRITER,
        Role.CLINICIAN: _WRITER,
        Role.CHARGE_NURSE: _WRITER | {Permission.DRAFT_READ_UNIT},
        Role.COMPLIANCE_OFFICER: frozenset(
            {Permission.AUDIT_READ, Permission.AUDIT_EXPORT, Permission.AUDIT_VERIFY}
        ),
        Role.IT_ADMIN: frozenset(
            {
                Permission.SETTINGS_CHANGE,
                Permission.ACCOUNT_MANAGE,
                Permission.DIAGNOSTICS_READ,
                Permission.AUDIT_VERIFY,
            }
        ),
    }
)


def is_allowed(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]
