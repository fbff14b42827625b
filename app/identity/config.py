"""The `[identity]` section of the machine policy: which directory vouches for people, and how.

IT writes this policy once per workstation image; nothing here is a user preference. Every
model is frozen and rejects unknown keys, so a typo in the policy fails at start-up instead of
silently weakening sign-in.
"""

import uuid
from pathlib import Path
from typing import Annotated, Literal, Self
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.domain.identity import ProviderKind
from app.domain.roles import Role


class _Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Seconds = Annotated[float, Field(gt=0, le=600)]


def _guid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValueError(
            f"{value!r} is not a GUID (directory object ids look like "
            "00000000-0000-0000-0000-000000000000)"
        ) from None


def _https_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(f"{value!r} must be an https:// URL")
    return value.rstrip("/")


class ActiveDirectoryConfig(_Policy):
    """Password sign-in against Active Directory over LDAPS (or LDAP upgraded by StartTLS)."""

    servers: tuple[str, ...] = Field(min_length=1)
    """Domain controllers, tried in order, e.g. `ldaps://dc1.hospital.org:636`."""
    use_starttls: bool = False
    """Use `ldap://` URIs upgraded with StartTLS before the bind, instead of `ldaps://`."""
    ca_file: Path | None = None
    """PEM bundle of the CA that issued the DCs' certificates; `None` trusts the system store."""
    base_dn: str = Field(min_length=1)
    upn_suffix: str | None = None
    """`hospital.org`: bare usernames become `name@hospital.org`; `x@other.org` is refused."""
    netbios_domain: str | None = None
    """`HOSPITAL`: `HOSPITAL\\name` is accepted; other domains' names are refused."""
    role_groups: dict[str, Role] = Field(min_length=1)
    """Group distinguished name (`CN=...,DC=...`) or sAMAccountName → role; nesting counts."""
    timeout_seconds: Seconds = 5.0

    @field_validator("servers")
    @classmethod
    def _ldap_uris(cls, servers: tuple[str, ...]) -> tuple[str, ...]:
        for uri in servers:
            parts = urlsplit(uri)
            if parts.scheme not in ("ldaps", "ldap") or not parts.hostname:
                raise ValueError(f"{uri!r} must look like ldaps://dc1.hospital.org:636")
            if parts.path not in ("", "/") or parts.query:
                raise ValueError(f"{uri!r}: put the base DN in base_dn, not in the URI")
        return servers

    @field_validator("netbios_domain")
    @classmethod
    def _upper_netbios(cls, domain: str | None) -> str | None:
        return domain.upper() if domain else None

    @field_validator("upn_suffix")
    @classmethod
    def _lower_suffix(cls, suffix: str | None) -> str | None:
        return suffix.lower().lstrip("@") if suffix else None

    @model_validator(mode="after")
    def _transport_is_encrypted(self) -> Self:
        schemes = {urlsplit(uri).scheme for uri in self.servers}
        if self.use_starttls and schemes != {"ldap"}:
            raise ValueError("use_starttls needs ldap:// URIs (ldaps:// is already TLS)")
        if not self.use_starttls and schemes != {"ldaps"}:
            raise ValueError("ldap:// sends passwords in clear: use ldaps:// or use_starttls")
        if self.upn_suffix is None and self.netbios_domain is None:
            raise ValueError("set upn_suffix or netbios_domain, to know whose names to accept")
        return self


class ClaimRoleMapping(_Policy):
    """How Entra ID token claims become roles."""

    app_roles: dict[str, Role] = Field(default_factory=lambda: {role.value: role for role in Role})
    """App Role value (the `roles` claim) → role; by default the role names themselves."""
    groups: dict[str, Role] = Field(default_factory=dict)
    """Group object id (the `groups` claim) → role. Prefer App Roles: see docs/identity.md."""

    @field_validator("groups")
    @classmethod
    def _group_object_ids(cls, groups: dict[str, Role]) -> dict[str, Role]:
        return {_guid(group_id): role for group_id, role in groups.items()}


class EntraConfig(_Policy):
    """Sign-in with Microsoft Entra ID through MSAL, as a public client."""

    tenant_id: str
    client_id: str
    authority_host: str = "https://login.microsoftonline.com"
    """Sovereign clouds: `https://login.microsoftonline.us`, `https://login.chinacloudapi.cn`."""
    oidc_authority: str | None = None
    """A generic OpenID Connect issuer URL used instead of Entra ID (tests, lab set-ups)."""
    redirect_port: int | None = Field(default=None, ge=1024, le=65535)
    """Loopback port of `http://localhost:PORT`; `None` takes a free port for each sign-in."""
    scopes: tuple[str, ...] = ()
    """API scopes beyond sign-in (`openid profile offline_access` are always requested)."""
    role_mapping: ClaimRoleMapping = Field(default_factory=ClaimRoleMapping)
    allow_device_code: bool = False
    """Device-code sign-in, for workstations without a usable browser; off unless IT opts in."""
    use_broker: bool = True
    """On Windows, sign in through the Web Account Manager (WAM) when it is available."""
    timeout_seconds: Seconds = 10.0
    sign_in_timeout_seconds: Seconds = 300.0
    """How long the browser step may take before sign-in gives up."""

    @field_validator("tenant_id", "client_id")
    @classmethod
    def _object_ids(cls, value: str) -> str:
        return _guid(value)

    @field_validator("authority_host")
    @classmethod
    def _authority_host(cls, value: str) -> str:
        return _https_url(value)

    @field_validator("oidc_authority")
    @classmethod
    def _oidc_authority(cls, value: str | None) -> str | None:
        return None if value is None else _https_url(value)

    @property
    def authority(self) -> str:
        return self.oidc_authority or f"{self.authority_host}/{self.tenant_id}"

    @property
    def discovery_url(self) -> str:
        """Where the issuer and its signing keys (JWKS) are published."""
        if self.oidc_authority:
            return f"{self.oidc_authority}/.well-known/openid-configuration"
        return f"{self.authority_host}/{self.tenant_id}/v2.0/.well-known/openid-configuration"


class IdentityPolicy(_Policy):
    """The whole `[identity]` section: the provider in force and its settings."""

    provider: ProviderKind
    active_directory: ActiveDirectoryConfig | None = None
    entra_id: EntraConfig | None = None
    windows_sso: Literal["off", "kerberos"] = "off"
    """`kerberos`: domain-joined Windows workstations sign in the logged-on user (see
    app/identity/kerberos.py); needs `active_directory` for the role lookup."""
    revalidate_minutes: int = Field(default=5, ge=1, le=60)
    """How often an open session asks the provider whether its sign-in still holds (Entra ID:
    a silent token refresh); a refusal locks the session. See docs/identity.md."""

    @model_validator(mode="after")
    def _settings_for_provider(self) -> Self:
        if self.provider is ProviderKind.ACTIVE_DIRECTORY and self.active_directory is None:
            raise ValueError("provider = 'active_directory' needs an [identity.active_directory]")
        if self.provider is ProviderKind.ENTRA_ID and self.entra_id is None:
            raise ValueError("provider = 'entra_id' needs an [identity.entra_id] section")
        if self.windows_sso == "kerberos" and self.active_directory is None:
            raise ValueError("windows_sso = 'kerberos' needs an [identity.active_directory]")
        return self
