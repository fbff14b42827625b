"""Password sign-in against Active Directory: an LDAP simple bind over TLS, then a lookup.

The bind is the authentication: the domain controller checks the password, lockout, expiry and
logon hours, and says which with a `data NNN` code in its diagnostic message. After the bind the
same connection (so the same person's rights) reads the account's objectSid, the stable id HIPAA
asks for, and its nested membership in the groups the policy maps to roles.
"""

import math
import re
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from ldap3 import NONE, SIMPLE, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import (
    LDAPCertificateError,
    LDAPCommunicationError,
    LDAPException,
    LDAPStartTLSError,
)
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import parse_dn

from app.domain.identity import Principal, ProviderKind
from app.domain.roles import Role
from app.identity.config import ActiveDirectoryConfig
from app.identity.role_mapping import (
    FailureReason,
    ProviderUnavailable,
    SignInRefused,
    most_privileged,
)

ConnectionFactory = Callable[[Server], Connection]
"""Builds an unopened, authenticating connection to one domain controller."""

_MATCHING_RULE_IN_CHAIN: Final = "1.2.840.113556.1.4.1941"
_ACCOUNTDISABLE: Final = 0x0002
_INVALID_CREDENTIALS: Final = 49
_MAX_NAME_LENGTH: Final = 256
_AD_DATA_CODE = re.compile(r"\bdata ([0-9a-f]{3,8})\b", re.IGNORECASE)

_BAD_CREDENTIALS = "The username or password is incorrect."
_BIND_REFUSALS: Mapping[str, tuple[FailureReason, str]] = {
    "525": (FailureReason.BAD_CREDENTIALS, _BAD_CREDENTIALS),
    "52e": (FailureReason.BAD_CREDENTIALS, _BAD_CREDENTIALS),
    "530": (
        FailureReason.SIGN_IN_RESTRICTED,
        "Your account may not sign in at this time of day; contact IT.",
    ),
    "531": (
        FailureReason.SIGN_IN_RESTRICTED,
        "Your account may not sign in at this workstation; contact IT.",
    ),
    "532": (
        FailureReason.PASSWORD_EXPIRED,
        "Your password has expired; change it at a domain workstation, then sign in again.",
    ),
    "533": (FailureReason.ACCOUNT_DISABLED, "Your account is disabled; contact IT."),
    "701": (FailureReason.ACCOUNT_EXPIRED, "Your account has expired; contact IT."),
    "773": (
        FailureReason.PASSWORD_MUST_CHANGE,
        "You must change your password first; change it at a domain workstation, "
        "then sign in again.",
    ),
    "775": (
        FailureReason.ACCOUNT_LOCKED,
        "Your account is locked after too many failed sign-ins; wait, or contact IT.",
    ),
}


def bind_refusal(diagnostic_message: str) -> SignInRefused:
    """The refusal for a failed bind (LDAP result 49), read from AD's `data NNN` code."""
    match = _AD_DATA_CODE.search(diagnostic_message)
    code = match.group(1).lower() if match else ""
    reason, message = _BIND_REFUSALS.get(code, (FailureReason.BAD_CREDENTIALS, _BAD_CREDENTIALS))
    return SignInRefused(message, reason)


def sid_to_string(raw: bytes) -> str:
    """`S-1-5-21-…` from the binary objectSid (MS-DTYP 2.4.2.2)."""
    if len(raw) < 8 or raw[0] != 1 or len(raw) != 8 + 4 * raw[1]:
        raise ValueError("not a binary security identifier")
    authority = int.from_bytes(raw[2:8], "big")
    sub_authorities = (
        int.from_bytes(raw[offset : offset + 4], "little") for offset in range(8, len(raw), 4)
    )
    return "-".join(["S", str(raw[0]), str(authority), *map(str, sub_authorities)])


def _normalized_dn(dn: str) -> str:
    return ",".join(f"{attribute.lower()}={value.lower()}" for attribute, value, _ in parse_dn(dn))


@dataclass(frozen=True)
class DirectoryAccount:
    """One account of the configured domain, as the DC takes it and as a filter finds it."""

    bind_name: str
    """`name@suffix` or `DOMAIN\\name`: what the simple bind presents."""
    search_filter: str
    """An LDAP filter matching the same account, for the lookup after the bind."""


def _first(entry: Mapping[str, Any], attribute: str) -> bytes | None:
    values = entry["raw_attributes"].get(attribute) or []
    return bytes(values[0]) if values else None


def _text(entry: Mapping[str, Any], attribute: str) -> str | None:
    value = _first(entry, attribute)
    return value.decode("utf-8") if value is not None else None


def _is_certificate_failure(error: BaseException) -> bool:
    """Whether TLS verification failed, for one address or (ldap3 collects them) any of several.

    ldap3 re-raises socket errors as classes derived from both its own error and the original
    (`ssl.SSLCertVerificationError`, its `LDAPCertificateError` for a host-name mismatch).
    """
    if isinstance(error, LDAPCertificateError | ssl.SSLError):
        return True
    attempts = error.args[1] if len(error.args) > 1 and isinstance(error.args[1], list) else []
    return any(
        isinstance(attempt, tuple) and attempt and _is_certificate_failure(attempt[0])
        for attempt in attempts
    )


def _unreachable() -> ProviderUnavailable:
    return ProviderUnavailable(
        "The hospital directory cannot be reached; try again in a moment. If patient care "
        "cannot wait, use emergency access.",
        FailureReason.DIRECTORY_UNREACHABLE,
    )


def _untrusted() -> ProviderUnavailable:
    return ProviderUnavailable(
        "The directory server's certificate is not trusted, so sign-in stopped before "
        "sending your password. Tell IT.",
        FailureReason.UNTRUSTED_CERTIFICATE,
    )


class ActiveDirectoryProvider:
    """`PasswordProvider` for Active Directory; never sends a password outside TLS."""

    def __init__(self, config: ActiveDirectoryConfig) -> None:
        self._config = config
        self._roles_by_dn: dict[str, Role] = {}
        self._roles_by_name: dict[str, Role] = {}
        for group, role in config.role_groups.items():
            if "=" in group:
                self._roles_by_dn[_normalized_dn(group)] = role
            else:
                self._roles_by_name[group.lower()] = role

    @property
    def kind(self) -> ProviderKind:
        return ProviderKind.ACTIVE_DIRECTORY

    def authenticate(self, username: str, password: str) -> Principal:
        account = self.account_for(username)
        if not password:
            # An empty password would be an "unauthenticated bind", which AD accepts as
            # anonymous: refusing it here keeps it from ever reaching the wire.
            raise SignInRefused("Enter your password.", FailureReason.MISSING_CREDENTIALS)

        def simple_bind(server: Server) -> Connection:
            return Connection(
                server,
                user=account.bind_name,
                password=password,
                authentication=SIMPLE,
                **self.connection_options(),
            )

        return self.sign_in(account, simple_bind)

    def revalidate(self, principal: Principal) -> Principal:
        """`principal` unchanged: the directory is asked again at the next unlock, not here.

        Asking now would need a bind, and WardScribe holds neither the person's password nor a
        service account. Unlocking binds with the password, which is where the DC refuses a
        disabled, locked or expired account; the idle lock bounds how long that can wait.
        """
        return principal

    def account_for(self, username: str) -> DirectoryAccount:
        """The account `username` names (`name`, `name@suffix`, `DOMAIN\\name`) in this domain.

        Names of other domains and UPN suffixes are refused before any network traffic, so a
        trusted domain's account can never be bound and then mistaken for a local namesake.
        """
        name = username.strip()
        if not name:
            raise SignInRefused("Enter your username.", FailureReason.MISSING_CREDENTIALS)
        if len(name) > _MAX_NAME_LENGTH or not name.isprintable():
            raise SignInRefused(_BAD_CREDENTIALS, FailureReason.BAD_CREDENTIALS)
        domain, backslash, sam_name = name.rpartition("\\")
        local_part, at, suffix = name.rpartition("@")
        config = self._config
        if backslash:
            if config.netbios_domain is None or domain.upper() != config.netbios_domain:
                raise self._other_domain()
            return self._by_sam_account_name(sam_name)
        if at:
            if config.upn_suffix is None or suffix.lower() != config.upn_suffix:
                raise self._other_domain()
            return DirectoryAccount(
                bind_name=f"{local_part}@{config.upn_suffix}",
                search_filter=f"(userPrincipalName={escape_filter_chars(local_part)}"
                f"@{escape_filter_chars(config.upn_suffix)})",
            )
        if config.netbios_domain is not None:
            return self._by_sam_account_name(name)
        return self.account_for(f"{name}@{config.upn_suffix}")

    def connection_options(self) -> dict[str, Any]:
        """Keyword arguments every `Connection` to the directory should carry."""
        return {
            "read_only": True,
            "raise_exceptions": False,
            # ldap3 packs this into SO_RCVTIMEO as whole seconds.
            "receive_timeout": math.ceil(self._config.timeout_seconds),
            "auto_referrals": False,
        }

    def sign_in(self, account: DirectoryAccount, connection_for: ConnectionFactory) -> Principal:
        """Authenticate through the first reachable domain controller, then look the person up.

        Certificate failures stop at once rather than moving to the next controller: they mean
        a misconfiguration or an interception, which IT must see either way.
        """
        for uri in self._config.servers:
            connection = connection_for(self._server(uri))
            try:
                return self._bind_and_look_up(connection, account)
            except (LDAPStartTLSError, LDAPCommunicationError, OSError) as error:
                if _is_certificate_failure(error):
                    raise _untrusted() from None
                continue
            finally:
                self._close(connection)
        raise _unreachable()

    def _server(self, uri: str) -> Server:
        tls = Tls(
            validate=ssl.CERT_REQUIRED,
            ca_certs_file=str(self._config.ca_file) if self._config.ca_file else None,
        )
        return Server(
            uri,
            use_ssl=urlsplit(uri).scheme == "ldaps",
            tls=tls,
            get_info=NONE,
            connect_timeout=self._config.timeout_seconds,
        )

    def _bind_and_look_up(self, connection: Connection, account: DirectoryAccount) -> Principal:
        connection.open()
        if self._config.use_starttls and not connection.start_tls():
            raise LDAPStartTLSError("StartTLS was refused")
        if not connection.bind():
            result = connection.result
            if result.get("result") == _INVALID_CREDENTIALS:
                raise bind_refusal(str(result.get("message", "")))
            raise SignInRefused(
                f"The directory refused the sign-in ({result.get('description')}); tell IT.",
                FailureReason.IDENTITY_PROVIDER_REFUSED,
            )
        return self._principal(connection, account)

    def _principal(self, connection: Connection, account: DirectoryAccount) -> Principal:
        entry = self._account_entry(connection, account)
        raw_sid = _first(entry, "objectSid")
        if raw_sid is None:
            raise SignInRefused(
                "Your directory entry cannot be read; tell IT.", FailureReason.ACCOUNT_NOT_FOUND
            )
        account_control = int(_text(entry, "userAccountControl") or "0")
        if account_control & _ACCOUNTDISABLE:
            reason, message = _BIND_REFUSALS["533"]
            raise SignInRefused(message, reason)
        sam_name = _text(entry, "sAMAccountName") or account.bind_name
        username = _text(entry, "userPrincipalName") or sam_name
        return Principal(
            user_id=sid_to_string(raw_sid),
            username=username,
            display_name=_text(entry, "displayName") or sam_name,
            role=self._role(connection, str(entry["dn"])),
            provider=ProviderKind.ACTIVE_DIRECTORY,
            # The directory's job title stands for the credentials until the person sets theirs.
            credentials=_text(entry, "title") or "",
        )

    def _account_entry(self, connection: Connection, account: DirectoryAccount) -> Any:
        connection.search(
            self._config.base_dn,
            f"(&(objectCategory=person)(objectClass=user){account.search_filter})",
            search_scope=SUBTREE,
            attributes=[
                "objectSid",
                "displayName",
                "userAccountControl",
                "sAMAccountName",
                "userPrincipalName",
                "title",
            ],
            size_limit=2,
        )
        entries = [item for item in connection.response or [] if item["type"] == "searchResEntry"]
        if len(entries) != 1:
            raise SignInRefused(
                "Your account is not in the part of the directory WardScribe reads; tell IT.",
                FailureReason.ACCOUNT_NOT_FOUND,
            )
        return entries[0]

    def _role(self, connection: Connection, user_dn: str) -> Role:
        wanted = [f"(distinguishedName={escape_filter_chars(dn)})" for dn in self._group_dns()]
        wanted += [f"(sAMAccountName={escape_filter_chars(name)})" for name in self._roles_by_name]
        connection.search(
            self._config.base_dn,
            f"(&(objectClass=group)(member:{_MATCHING_RULE_IN_CHAIN}:="
            f"{escape_filter_chars(user_dn)})(|{''.join(wanted)}))",
            search_scope=SUBTREE,
            attributes=["sAMAccountName"],
        )
        roles: list[Role] = []
        for item in connection.response or []:
            if item["type"] != "searchResEntry":
                continue
            by_dn = self._roles_by_dn.get(_normalized_dn(str(item["dn"])))
            by_name = self._roles_by_name.get((_text(item, "sAMAccountName") or "").lower())
            roles += [role for role in (by_dn, by_name) if role is not None]
        return most_privileged(roles)

    def _group_dns(self) -> list[str]:
        return [group for group in self._config.role_groups if "=" in group]

    def _by_sam_account_name(self, sam_name: str) -> DirectoryAccount:
        return DirectoryAccount(
            bind_name=f"{self._config.netbios_domain}\\{sam_name}",
            search_filter=f"(sAMAccountName={escape_filter_chars(sam_name)})",
        )

    def _other_domain(self) -> SignInRefused:
        forms = [
            f"{self._config.netbios_domain}\\name" if self._config.netbios_domain else "",
            f"name@{self._config.upn_suffix}" if self._config.upn_suffix else "",
        ]
        return SignInRefused(
            f"Sign in with your hospital account ({' or '.join(filter(None, forms))}).",
            FailureReason.BAD_CREDENTIALS,
        )

    @staticmethod
    def _close(connection: Connection) -> None:
        try:
            connection.unbind()
        except LDAPException:
            return
