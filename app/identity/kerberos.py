"""Windows single sign-on: the person logged on to a domain-joined workstation, via Kerberos.

Status: a seam. The directory half is real and shared with password sign-in (TLS to the
configured DCs, objectSid, nested groups, role precedence). The Windows half, `WindowsLogon`,
names the two things only Windows can give: the logged-on account (`GetUserNameExW`,
NameSamCompatible) and an LDAP connection authenticated with that logon's Kerberos ticket
(SASL GSSAPI through SSPI, which ldap3 does with the `winkerberos` package). `_Win32Logon`
implements both but has not yet run on a domain-joined machine; see docs/identity.md.

Single sign-on proves who logged on to Windows, not who is at the keyboard now. On shared ward
workstations where one Windows session serves many staff, IT keeps `windows_sso = "off"`.
"""

import ctypes
import sys
from typing import Any, Protocol

from ldap3 import KERBEROS, SASL, Connection, Server

from app.domain.identity import Principal, ProviderKind
from app.identity.active_directory import ActiveDirectoryProvider
from app.identity.role_mapping import FailureReason, ProviderUnavailable


class SingleSignOn(Protocol):
    """Signs in whoever the operating system already authenticated, without a password."""

    @property
    def kind(self) -> ProviderKind: ...

    def sign_in(self) -> Principal: ...


class WindowsLogon(Protocol):
    """What only Windows can tell: the logon and a connection carrying its Kerberos ticket."""

    def is_domain_member(self) -> bool: ...

    def logged_on_account(self) -> str:
        """`DOMAIN\\name` of the interactive logon session."""
        ...

    def kerberos_connection(self, server: Server, options: dict[str, Any]) -> Connection:
        """An unopened connection to `server` that binds with the logon's Kerberos ticket."""
        ...


def _unavailable(why: str) -> ProviderUnavailable:
    return ProviderUnavailable(
        f"Windows sign-in is not available here ({why}); sign in with your password.",
        FailureReason.SSO_UNAVAILABLE,
    )


if sys.platform == "win32":
    from ctypes import wintypes

    _NAME_SAM_COMPATIBLE = 2
    _NETSETUP_DOMAIN_NAME = 3

    class _Win32Logon:
        """`WindowsLogon` over secur32/netapi32 and ldap3's SSPI Kerberos."""

        def is_domain_member(self) -> bool:
            netapi32 = ctypes.windll.netapi32
            name = wintypes.LPWSTR()
            status = wintypes.DWORD()
            if netapi32.NetGetJoinInformation(None, ctypes.byref(name), ctypes.byref(status)):
                return False
            netapi32.NetApiBufferFree(name)
            return status.value == _NETSETUP_DOMAIN_NAME

        def logged_on_account(self) -> str:
            size = wintypes.ULONG(0)
            get_user_name = ctypes.windll.secur32.GetUserNameExW
            get_user_name(_NAME_SAM_COMPATIBLE, None, ctypes.byref(size))
            buffer = ctypes.create_unicode_buffer(size.value)
            if not get_user_name(_NAME_SAM_COMPATIBLE, buffer, ctypes.byref(size)):
                raise _unavailable("the logged-on account has no domain name")
            return buffer.value

        def kerberos_connection(self, server: Server, options: dict[str, Any]) -> Connection:
            return Connection(server, authentication=SASL, sasl_mechanism=KERBEROS, **options)


def _platform_logon() -> WindowsLogon:
    if sys.platform == "win32":
        return _Win32Logon()
    raise _unavailable("only on Windows workstations joined to the domain")


class WindowsLogonSso:
    """`SingleSignOn` for domain-joined Windows workstations; refuses to exist elsewhere."""

    def __init__(
        self,
        directory: ActiveDirectoryProvider,
        logon: WindowsLogon | None = None,
        *,
        platform: str = sys.platform,
    ) -> None:
        if platform != "win32":
            raise _unavailable("only on Windows workstations joined to the domain")
        self._directory = directory
        self._logon = logon or _platform_logon()
        if not self._logon.is_domain_member():
            raise _unavailable("this workstation is not joined to a domain")

    @property
    def kind(self) -> ProviderKind:
        return ProviderKind.ACTIVE_DIRECTORY

    def sign_in(self) -> Principal:
        account = self._directory.account_for(self._logon.logged_on_account())
        options = self._directory.connection_options()
        return self._directory.sign_in(
            account, lambda server: self._logon.kerberos_connection(server, options)
        )
