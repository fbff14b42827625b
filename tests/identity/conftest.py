"""Real servers on loopback for the sign-in providers: a Samba AD DC and an Entra-shaped OIDC.

Both are session-scoped (provisioning a domain takes about ten seconds) and stopped by their
process (group) or thread at the end, also when a test fails.
"""

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import Any

import msal
import pytest
import requests

from app.domain.roles import Role
from app.identity.active_directory import ActiveDirectoryProvider
from app.identity.config import ActiveDirectoryConfig, EntraConfig
from app.identity.entra import EntraIdProvider

from . import samba_dc
from .certificates import issue_server_certificate
from .fake_entra import FakeEntra

TENANT_ID = "5b0d2a48-7c1e-4f7a-9a63-3f0e8e1d2c11"
CLIENT_ID = "0f9c6d2e-2b61-4d8e-8f0a-6a1d7b9e4c55"


# -- Active Directory ----------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    name: str
    password: str
    display_name: str
    job_title: str = ""

    @property
    def upn(self) -> str:
        return f"{self.name}@{samba_dc.DNS_DOMAIN}"


ALICE = Account("alice", "Al1ce!Ward7-pw", "Alice Nightingale", "RN, BSN")  # WS-Nurses
BOB = Account("bob", "B0b!Ward7-pw", "Bob Barton")  # Ward7-ChargeNurses ⊂ WS-ChargeNurses
CAROL = Account("carol", "C4rol!Ward7-pw", "Carol Disabled")  # disabled
DAVE = Account("dave", "D4ve!Ward7-pw", "Dave Newstarter")  # must change password
ERIN = Account("erin", "Er1n!Ward7-pw", "Erin Leaver")  # account expired
FRANK = Account("frank", "Fr4nk!Ward7-pw", "Frank Visitor")  # in no mapped group
GRACE = Account("grace", "Gr4ce!Ward7-pw", "Grace Lockout")  # will be locked out
HENRY = Account("henry", "H3nry!Ward7-pw", "Henry Both")  # WS-Nurses and WS-ITAdmins
IVY = Account("ivy", "Iv4y!Ward7-pw", "Ivy Lastyear")  # WS-Nurses, password set a year ago
LOCKOUT_THRESHOLD = 3

CHARGE_NURSES_DN = f"CN=WS-ChargeNurses,CN=Users,{samba_dc.BASE_DN}"
ROLE_GROUPS = {
    "WS-Nurses": Role.NURSE,
    CHARGE_NURSES_DN: Role.CHARGE_NURSE,
    "WS-ITAdmins": Role.IT_ADMIN,
}


def _populate(domain: samba_dc.SambaDomain) -> None:
    for account in (ALICE, BOB, CAROL, DAVE, ERIN, FRANK, GRACE, HENRY, IVY):
        domain.add_user(account.name, account.password, account.display_name, account.job_title)
    domain.add_group("WS-Nurses", members=(ALICE.name, HENRY.name, IVY.name))
    domain.add_group("WS-ITAdmins", members=(HENRY.name,))
    domain.add_group("Ward7-ChargeNurses", members=(BOB.name,))
    domain.add_group("WS-ChargeNurses", members=("Ward7-ChargeNurses",))
    domain.add_group("Unmapped-Visitors", members=(FRANK.name,))
    domain.tool("user", "disable", CAROL.name)
    domain.tool(
        "user",
        "setpassword",
        DAVE.name,
        f"--newpassword={DAVE.password}",
        "--must-change-at-next-login",
    )
    domain.tool("user", "setexpiry", ERIN.name, "--days=0")
    domain.tool(
        "domain", "passwordsettings", "set", f"--account-lockout-threshold={LOCKOUT_THRESHOLD}"
    )
    # Older than the domain's maximum password age (42 days by default): the DC answers 532.
    domain.set_password_last_set(IVY.name, datetime.now(UTC) - timedelta(days=365))


@pytest.fixture(scope="session")
def ward_domain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[samba_dc.SambaDomain]:
    """The WARD.TEST domain, served by Samba on 127.0.0.1:389 and :636."""
    binaries = samba_dc.samba_binaries()
    if binaries is None:
        pytest.skip("samba-tool is not installed (apt-get install samba)")
    samba_tool, samba = binaries
    domain = samba_dc.provision(tmp_path_factory.mktemp("samba-dc"), samba_tool)
    _populate(domain)
    with samba_dc.running(domain, samba):
        yield domain


@pytest.fixture
def ad_config(ward_domain: samba_dc.SambaDomain) -> Callable[..., ActiveDirectoryConfig]:
    """Policy for WARD.TEST; keyword arguments replace single settings."""

    def make(**changes: Any) -> ActiveDirectoryConfig:
        settings: dict[str, Any] = {
            "servers": (ward_domain.ldaps_uri,),
            "ca_file": ward_domain.tls.ca_file,
            "base_dn": samba_dc.BASE_DN,
            "upn_suffix": samba_dc.DNS_DOMAIN,
            "netbios_domain": samba_dc.NETBIOS_DOMAIN,
            "role_groups": ROLE_GROUPS,
            "timeout_seconds": 5,
        }
        return ActiveDirectoryConfig(**(settings | changes))

    return make


@pytest.fixture
def directory(ad_config: Callable[..., ActiveDirectoryConfig]) -> ActiveDirectoryProvider:
    return ActiveDirectoryProvider(ad_config())


# -- Entra ID ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def entra_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeEntra]:
    tls = issue_server_certificate(
        tmp_path_factory.mktemp("entra-tls"),
        ca_name="Fake Entra Test CA",
        dns_names=("localhost",),
        ip_addresses=("127.0.0.1",),
    )
    server = FakeEntra(tls, tenant_id=TENANT_ID, client_id=CLIENT_ID)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def entra(entra_server: FakeEntra) -> FakeEntra:
    """The Entra-shaped server with nobody signed in and nothing tampered with."""
    entra_server.reset()
    return entra_server


@pytest.fixture
def https(entra_server: FakeEntra) -> Iterator[requests.Session]:
    """The HTTP client MSAL and the verifier share: it trusts only the test CA."""
    session = requests.Session()
    session.verify = str(entra_server.ca_file)
    session.trust_env = False  # a proxy from the environment must not see loopback traffic
    yield session
    session.close()


class ScriptedBrowser:
    """Stands in for the system browser: takes /authorize's answer back to the app's listener.

    It follows a redirect, or submits Entra's self-posting form (`response_mode=form_post`)
    the way a browser would; `forged_response_first` is posted ahead of it, as another local
    program racing for the loopback port would.
    """

    def __init__(self, https: requests.Session) -> None:
        self._https = https
        self.forged_response_first: dict[str, str] | None = None
        self.opened: list[str] = []

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        answer = self._https.get(url, allow_redirects=False, timeout=10)
        loopback = requests.Session()
        loopback.trust_env = False
        with loopback:
            if answer.status_code == HTTPStatus.FOUND:
                target, fields = answer.headers["Location"], None
            else:
                target, fields = _self_submitting_form(answer.text)
            if self.forged_response_first is not None:
                loopback.post(target.split("?")[0], data=self.forged_response_first, timeout=10)
            if fields is None:
                loopback.get(target, timeout=10)
            else:
                loopback.post(target, data=fields, timeout=10)
        return True


def _self_submitting_form(page: str) -> tuple[str, dict[str, str]]:
    action = re.search(r'<form method="POST" action="([^"]+)"', page)
    assert action is not None, page
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)
    return html.unescape(action.group(1)), {
        html.unescape(name): html.unescape(value) for name, value in fields
    }


@pytest.fixture
def browser(https: requests.Session) -> ScriptedBrowser:
    return ScriptedBrowser(https)


@pytest.fixture
def entra_config(entra: FakeEntra) -> Callable[..., EntraConfig]:
    def make(**changes: Any) -> EntraConfig:
        settings: dict[str, Any] = {
            "tenant_id": TENANT_ID,
            "client_id": CLIENT_ID,
            "oidc_authority": entra.authority,
            "role_mapping": {"groups": {NURSES_GROUP_ID: Role.NURSE}},
            "timeout_seconds": 5,
            "sign_in_timeout_seconds": 10,
        }
        return EntraConfig(**(settings | changes))

    return make


NURSES_GROUP_ID = "3c5e7a90-1b2d-4e6f-8a9b-0c1d2e3f4a5b"


@pytest.fixture
def token_cache() -> msal.SerializableTokenCache:
    """In memory: the encrypted persistence is tested on its own, under a real Secret Service."""
    return msal.SerializableTokenCache()


@pytest.fixture
def make_entra_provider(
    entra_config: Callable[..., EntraConfig],
    token_cache: msal.SerializableTokenCache,
    https: requests.Session,
    browser: ScriptedBrowser,
) -> Callable[..., EntraIdProvider]:
    def make(**changes: Any) -> EntraIdProvider:
        return EntraIdProvider(
            entra_config(**changes), token_cache, https, browser_opener=browser, platform="linux"
        )

    return make


@pytest.fixture
def entra_provider(make_entra_provider: Callable[..., EntraIdProvider]) -> EntraIdProvider:
    return make_entra_provider()
