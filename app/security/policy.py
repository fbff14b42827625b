"""The machine policy IT pushes: validated whole, or the app does not start.

A policy with one bad field is refused entirely, naming the file and the field, because
running with the valid half of a policy would silently drop a control IT believes is on.
"""

import json
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.errors import WardScribeError
from app.domain.roles import Role
from app.domain.settings import Settings
from app.identity.administrator_policy import AdministratorPolicy
from app.identity.config import IdentityPolicy
from app.inference.server_policy import InferenceServerPolicy
from app.security.log_forwarding import ForwardingPolicy
from app.security.network_guard import NetworkPolicy
from app.security.policy_registry import POLICY_KEY, merge_policy, read_registry_policy
from app.storage.backup import BackupPolicy
from app.storage.retention import RetentionPolicy


class PolicyInvalid(WardScribeError):
    pass


CLINICAL_ROLES = (Role.NURSE, Role.CLINICIAN, Role.CHARGE_NURSE)


class BreakGlassPolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = False
    max_minutes: int = Field(default=60, ge=5, le=720)
    roles: tuple[Role, ...] = Field(default=CLINICAL_ROLES, min_length=1)
    """Whose local accounts may break the glass: emergency access is for patient care, so IT
    and compliance accounts may not unless IT names their roles here."""


class MachinePolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    settings: dict[str, Any] = Field(default_factory=dict)
    """Overrides of `Settings`; each key present here is locked for the user."""
    break_glass: BreakGlassPolicy = BreakGlassPolicy()
    identity: IdentityPolicy | None = None
    """Which sign-in provider this workstation uses; none means local accounts."""
    retention: RetentionPolicy = RetentionPolicy()
    log_forwarding: ForwardingPolicy | None = None
    """The hospital's log collector; audit events and checkpoints leave the machine only here."""
    network: NetworkPolicy = NetworkPolicy()
    inference_server: InferenceServerPolicy | None = None
    """The hospital's inference server; when set, drafts are written there and notes leave the
    workstation for that one host only."""
    backup: BackupPolicy | None = None
    """The hospital's backup key, by id; backups and restores under any other key are refused."""
    administrator: AdministratorPolicy | None = None
    """The workstation's first administrator, provisioned at every start; with it, no local
    account is ever created without a sign-in."""
    draft_layouts: dict[str, Path] = Field(default_factory=dict)
    """A unit's own layout of grounded drafts, by unit name ("MICU" = "/etc/wardscribe/micu.toml");
    a unit not named uses its shipped layout or the default (`resources/layouts/`)."""


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"{field}: {first['msg']}"


def _parse(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    try:
        if path.suffix.lower() == ".json":
            parsed = json.loads(raw.decode("utf-8-sig"))
            if not isinstance(parsed, dict):
                raise PolicyInvalid(f"Machine policy {path} must hold a JSON object.")
            return parsed
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise PolicyInvalid(f"Machine policy {path} cannot be read: {error}") from None


def _windows_registry_tables() -> dict[str, Any]:
    if sys.platform != "win32":
        return {}
    import winreg

    return read_registry_policy(winreg)


def load_policy(
    path: Path, registry_tables: Callable[[], dict[str, Any]] = _windows_registry_tables
) -> MachinePolicy | None:
    """Return the machine policy, None when there is none, or raise PolicyInvalid.

    On Windows the Group Policy values under HKLM are read too and win over the file at `path`.
    """
    from_registry = registry_tables()
    if not path.exists() and not from_registry:
        return None
    from_file = _parse(path) if path.exists() else {}
    source = f"{path} + HKLM\\{POLICY_KEY}" if from_registry else str(path)
    try:
        policy = MachinePolicy.model_validate(merge_policy(from_file, from_registry))
    except ValidationError as error:
        raise PolicyInvalid(f"Machine policy {source} is invalid: {_describe(error)}.") from None
    try:
        Settings.model_validate(policy.settings)
    except ValidationError as error:
        raise PolicyInvalid(
            f"Machine policy {source} is invalid: settings.{_describe(error)}."
        ) from None
    return policy
