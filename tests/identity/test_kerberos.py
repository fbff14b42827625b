"""The Windows single sign-on seam: refuses off Windows; on Windows, reuses the AD lookup."""

from typing import Any

import pytest
from ldap3 import SIMPLE, Connection, Server

from app.domain.identity import ProviderKind
from app.domain.roles import Role
from app.identity.active_directory import ActiveDirectoryProvider
from app.identity.config import ActiveDirectoryConfig
from app.identity.kerberos import SingleSignOn, WindowsLogonSso
from app.identity.role_mapping import FailureReason, ProviderUnavailable

from . import samba_dc
from .conftest import ALICE, Account


class _StandInLogon:
    """Mocked Windows parts: the logged-on account is `account`, and the Kerberos bind (SSPI
    on Windows) is replaced by a simple bind with that account's password over the same TLS.
    """

    def __init__(self, account: Account, domain_member: bool = True) -> None:
        self._account = account
        self._domain_member = domain_member

    def is_domain_member(self) -> bool:
        return self._domain_member

    def logged_on_account(self) -> str:
        return f"{samba_dc.NETBIOS_DOMAIN}\\{self._account.name}"

    def kerberos_connection(self, server: Server, options: dict[str, Any]) -> Connection:
        return Connection(
            server,
            user=self.logged_on_account(),
            password=self._account.password,
            authentication=SIMPLE,
            **options,
        )


def _directory_policy_only() -> ActiveDirectoryProvider:
    return ActiveDirectoryProvider(
        ActiveDirectoryConfig(
            servers=("ldaps://dc1.ward.test:636",),
            base_dn=samba_dc.BASE_DN,
            netbios_domain=samba_dc.NETBIOS_DOMAIN,
            role_groups={"WS-Nurses": Role.NURSE},
        )
    )


def test_single_sign_on_is_unavailable_off_windows() -> None:
    with pytest.raises(ProviderUnavailable) as unavailable:
        WindowsLogonSso(_directory_policy_only(), platform="linux")
    assert unavailable.value.reason is FailureReason.SSO_UNAVAILABLE


def test_single_sign_on_is_unavailable_off_the_domain() -> None:
    """Mocked Windows parts: a workstation in a workgroup, not joined to a domain."""
    logon = _StandInLogon(ALICE, domain_member=False)
    with pytest.raises(ProviderUnavailable) as unavailable:
        WindowsLogonSso(_directory_policy_only(), logon, platform="win32")
    assert unavailable.value.reason is FailureReason.SSO_UNAVAILABLE


@pytest.mark.slow
def test_logged_on_person_gets_their_sid_and_role(
    directory: ActiveDirectoryProvider, ward_domain: samba_dc.SambaDomain
) -> None:
    """Mocked Windows parts (see `_StandInLogon`); the directory half runs against Samba."""
    sso: SingleSignOn = WindowsLogonSso(directory, _StandInLogon(ALICE), platform="win32")

    principal = sso.sign_in()

    assert principal.user_id == ward_domain.sid_of(ALICE.name)
    assert principal.role is Role.NURSE
    assert principal.provider is ProviderKind.ACTIVE_DIRECTORY
