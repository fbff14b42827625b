"""Entra ID sign-in against a loopback OIDC server shaped like Entra ID, over real TLS.

The token cache is MSAL's in-memory one here; the encrypted cache has its own tests.
"""

import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import msal
import pytest
import requests

from app.domain.errors import AuthenticationFailed
from app.domain.identity import ProviderKind
from app.domain.roles import Role
from app.identity.entra import DeviceCodePrompt, EntraIdProvider
from app.identity.role_mapping import FailureReason, ProviderUnavailable, SignInRefused

from .conftest import CLIENT_ID, NURSES_GROUP_ID, TENANT_ID, ScriptedBrowser
from .fake_entra import FakeEntra, Person
from .network import closed_loopback_port


def _nurse(**changes: Any) -> Person:
    return Person(name="Nia Okafor", preferred_username="nia.okafor@hospital.example", **changes)


def _refused(sign_in: Callable[[], object]) -> SignInRefused:
    with pytest.raises(AuthenticationFailed) as refused:
        sign_in()
    assert isinstance(refused.value, SignInRefused)
    return refused.value


# -- interactive sign-in ---------------------------------------------------------------------


def test_roles_claim_maps_to_the_session_role(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["charge_nurse"])

    principal = entra_provider.sign_in_interactive()

    assert principal.role is Role.CHARGE_NURSE
    assert principal.user_id == f"{TENANT_ID}:{entra.person.oid}"
    assert principal.username == "nia.okafor@hospital.example"
    assert principal.display_name == "Nia Okafor"
    assert principal.provider is ProviderKind.ENTRA_ID


def test_groups_claim_maps_to_the_session_role(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(groups=["a1a1a1a1-0000-4000-8000-000000000000", NURSES_GROUP_ID])
    assert entra_provider.sign_in_interactive().role is Role.NURSE


def test_person_without_a_mapped_role_is_refused(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["some_other_app_role"])

    refusal = _refused(entra_provider.sign_in_interactive)

    assert refusal.reason is FailureReason.NO_ROLE
    assert str(refusal) == "Your account has no WardScribe role; ask IT."


def test_groups_overage_is_refused_with_advice_to_use_app_roles(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(
        extra_claims={
            "_claim_names": {"groups": "src1"},
            "_claim_sources": {"src1": {"endpoint": "https://graph.microsoft.com/v1.0/me"}},
        }
    )

    refusal = _refused(entra_provider.sign_in_interactive)

    assert refusal.reason is FailureReason.GROUPS_OVERAGE
    assert "App Role" in str(refusal)


def test_browser_flow_uses_pkce_s256_and_forces_a_fresh_login(
    entra: FakeEntra, entra_provider: EntraIdProvider, browser: ScriptedBrowser
) -> None:
    entra.person = _nurse(roles=["nurse"])

    entra_provider.sign_in_interactive()

    (request,) = entra.authorize_params
    assert request["code_challenge_method"] == "S256"
    assert request["prompt"] == "login"
    assert request["response_mode"] == "form_post"
    assert urlsplit(request["redirect_uri"]).hostname == "localhost"
    assert browser.opened[0].startswith(entra.authority.removesuffix("/v2.0"))


def test_forged_redirect_to_the_listener_is_ignored(
    entra: FakeEntra, entra_provider: EntraIdProvider, browser: ScriptedBrowser
) -> None:
    """Another local program answers the loopback port first, with a code of its own."""
    entra.person = _nurse(roles=["nurse"])
    browser.forged_response_first = {"code": "attacker-code", "state": "guessed-state"}

    principal = entra_provider.sign_in_interactive()

    assert principal.user_id == f"{TENANT_ID}:{entra.person.oid}"


def test_sign_in_cancelled_in_the_browser(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = None  # the identity provider answers access_denied

    refusal = _refused(entra_provider.sign_in_interactive)

    assert refusal.reason is FailureReason.SIGN_IN_CANCELLED


def test_browser_that_never_returns_times_out(
    entra: FakeEntra,
    entra_config: Callable[..., Any],
    token_cache: msal.SerializableTokenCache,
    https: requests.Session,
) -> None:
    provider = EntraIdProvider(
        entra_config(sign_in_timeout_seconds=0.5),
        token_cache,
        https,
        browser_opener=lambda url: True,
        platform="linux",
    )
    refusal = _refused(provider.sign_in_interactive)
    assert refusal.reason is FailureReason.SIGN_IN_TIMED_OUT


def test_workstation_without_a_browser_is_told_so(
    entra_config: Callable[..., Any],
    token_cache: msal.SerializableTokenCache,
    https: requests.Session,
) -> None:
    provider = EntraIdProvider(
        entra_config(), token_cache, https, browser_opener=lambda url: False, platform="linux"
    )
    assert _refused(provider.sign_in_interactive).reason is FailureReason.NO_BROWSER


def test_unreachable_identity_provider_is_a_distinct_error(
    entra_config: Callable[..., Any],
    token_cache: msal.SerializableTokenCache,
    https: requests.Session,
    browser: ScriptedBrowser,
) -> None:
    port = closed_loopback_port()
    config = entra_config(oidc_authority=f"https://127.0.0.1:{port}/{TENANT_ID}/v2.0")
    provider = EntraIdProvider(config, token_cache, https, browser_opener=browser)
    with pytest.raises(ProviderUnavailable) as unavailable:
        provider.sign_in_interactive()
    assert unavailable.value.reason is FailureReason.IDENTITY_PROVIDER_UNREACHABLE


def test_without_an_injected_client_msal_own_session_serves_tokens_and_keys(
    entra: FakeEntra,
    entra_config: Callable[..., Any],
    token_cache: msal.SerializableTokenCache,
    browser: ScriptedBrowser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The production set-up: MSAL builds the HTTP session; the test CA is trusted through
    requests' own REQUESTS_CA_BUNDLE, as an enterprise CA would be through the OS store.
    """
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(entra.ca_file))
    entra.person = _nurse(roles=["nurse"])
    provider = EntraIdProvider(entra_config(), token_cache, browser_opener=browser)

    assert provider.sign_in_interactive().role is Role.NURSE
    assert f"/{TENANT_ID}/discovery/v2.0/keys" in entra.paths_requested()


# -- the ID token is verified, not trusted ---------------------------------------------------


def test_token_signed_by_a_wrong_key_is_rejected(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["it_admin"])
    entra.sign_with_rogue_key = True

    refusal = _refused(entra_provider.sign_in_interactive)

    assert refusal.reason is FailureReason.BAD_TOKEN_SIGNATURE


def test_unsigned_token_is_rejected(entra: FakeEntra, entra_provider: EntraIdProvider) -> None:
    entra.person = _nurse(roles=["nurse"])
    unsigned = "eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0."

    refusal = _refused(lambda: entra_provider.principal_from_result({"id_token": unsigned}))

    assert refusal.reason is FailureReason.BAD_TOKEN_SIGNATURE


@pytest.mark.parametrize(
    ("claim", "value"),
    [
        ("aud", "11111111-2222-4333-8444-555555555555"),
        ("iss", "https://login.example.org/attacker/v2.0"),
        ("tid", "99999999-9999-4999-8999-999999999999"),
        ("exp", int(time.time()) - 3600),
        ("nbf", int(time.time()) + 3600),
    ],
)
def test_token_for_another_audience_issuer_tenant_or_time_is_rejected(
    entra: FakeEntra, entra_provider: EntraIdProvider, claim: str, value: object
) -> None:
    entra.person = _nurse(roles=["nurse"])
    entra.id_token_overrides = {claim: value}

    refusal = _refused(entra_provider.sign_in_interactive)

    assert refusal.reason is FailureReason.INVALID_TOKEN


def test_token_answering_another_sign_in_is_rejected(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["nurse"])
    entra.id_token_overrides = {"nonce": "a-nonce-from-some-other-sign-in"}

    assert _refused(entra_provider.sign_in_interactive).reason is FailureReason.INVALID_TOKEN


def test_token_without_an_object_id_is_rejected(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["nurse"])
    entra.omit_claims = {"oid"}

    assert _refused(entra_provider.sign_in_interactive).reason is FailureReason.INVALID_TOKEN


# -- silent re-authentication and expiry -----------------------------------------------------


def test_refresh_renews_the_same_person(entra: FakeEntra, entra_provider: EntraIdProvider) -> None:
    entra.person = _nurse(roles=["nurse"])
    signed_in = entra_provider.sign_in_interactive()

    renewed = entra_provider.refresh(signed_in)

    assert renewed == signed_in
    assert entra.paths_requested().count(f"/{TENANT_ID}/oauth2/v2.0/token") == 2


def test_refresh_after_the_refresh_token_expired_tells_the_session_to_lock(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["nurse"])
    signed_in = entra_provider.sign_in_interactive()
    entra.expire_refresh_tokens()

    assert entra_provider.refresh(signed_in) is None


def test_refresh_notices_a_role_removed_since_sign_in(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["nurse"])
    signed_in = entra_provider.sign_in_interactive()
    entra.person.roles.clear()

    assert _refused(lambda: entra_provider.refresh(signed_in)).reason is FailureReason.NO_ROLE


def test_silent_sign_in_finds_the_account_by_tenant_and_object_id(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["clinician"])
    signed_in = entra_provider.sign_in_interactive()

    again = entra_provider.sign_in_silently(signed_in.user_id)

    assert again is not None
    assert again.user_id == signed_in.user_id
    assert again.role is Role.CLINICIAN


def test_silent_sign_in_of_someone_never_signed_in_here_is_none(
    entra_provider: EntraIdProvider,
) -> None:
    assert entra_provider.sign_in_silently(f"{TENANT_ID}:{NURSES_GROUP_ID}") is None


def test_sign_out_forgets_the_tokens(entra: FakeEntra, entra_provider: EntraIdProvider) -> None:
    entra.person = _nurse(roles=["nurse"])
    signed_in = entra_provider.sign_in_interactive()

    entra_provider.sign_out(signed_in)

    assert entra_provider.refresh(signed_in) is None


# -- device code -----------------------------------------------------------------------------


def test_device_code_is_refused_unless_policy_allows_it(
    entra: FakeEntra, entra_provider: EntraIdProvider
) -> None:
    entra.person = _nurse(roles=["nurse"])
    shown: list[DeviceCodePrompt] = []

    refusal = _refused(lambda: entra_provider.sign_in_with_device_code(shown.append))

    assert refusal.reason is FailureReason.DEVICE_CODE_DISABLED
    assert shown == []
    assert f"/{TENANT_ID}/oauth2/v2.0/devicecode" not in entra.paths_requested()


def test_device_code_signs_in_where_policy_allows_it(
    entra: FakeEntra, make_entra_provider: Callable[..., EntraIdProvider]
) -> None:
    entra.person = _nurse(roles=["nurse"])
    shown: list[DeviceCodePrompt] = []

    principal = make_entra_provider(allow_device_code=True).sign_in_with_device_code(shown.append)

    assert principal.role is Role.NURSE
    assert [prompt.user_code for prompt in shown] == ["WARD-7731"]


# -- Windows broker (WAM) ----------------------------------------------------------------------


def test_windows_uses_the_broker_with_the_sign_in_window_as_parent(
    entra: FakeEntra,
    entra_config: Callable[..., Any],
    token_cache: msal.SerializableTokenCache,
    https: requests.Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Mocked: WAM exists only on Windows. MSAL's broker call is replaced by one that asks the
    loopback server for tokens, so the answer is still a real, signed ID token; and instance
    discovery is turned off because the loopback authority is no Microsoft host.
    """
    entra.person = _nurse(roles=["nurse"])
    constructed: list[dict[str, Any]] = []
    interactive_calls: list[dict[str, Any]] = []
    real_init = msal.PublicClientApplication.__init__

    def recording_init(self: Any, client_id: str, **options: Any) -> None:
        constructed.append(dict(options))
        real_init(self, client_id, **(options | {"instance_discovery": False}))

    def broker_sign_in(self: Any, scopes: list[str], **options: Any) -> dict[str, Any]:
        interactive_calls.append(options)
        return _tokens_as_wam_returns_them(entra, https)

    monkeypatch.setattr(msal.PublicClientApplication, "__init__", recording_init)
    monkeypatch.setattr(msal.PublicClientApplication, "acquire_token_interactive", broker_sign_in)
    authority_host = entra.authority.removesuffix(f"/{TENANT_ID}/v2.0")
    config = entra_config(oidc_authority=None, authority_host=authority_host)
    provider = EntraIdProvider(config, token_cache, https, platform="win32")

    principal = provider.sign_in_interactive(parent_window_handle=0x2A0B16)

    assert constructed[0]["enable_broker_on_windows"] is True
    assert constructed[0]["authority"] == f"{authority_host}/{TENANT_ID}"
    assert interactive_calls[0]["parent_window_handle"] == 0x2A0B16
    assert principal.role is Role.NURSE


def _tokens_as_wam_returns_them(entra: FakeEntra, https: requests.Session) -> dict[str, Any]:
    """Tokens for `entra.person` through the device-code grant, standing in for WAM's."""
    base = entra.authority.removesuffix("/v2.0")
    code = https.post(
        f"{base}/oauth2/v2.0/devicecode", data={"client_id": CLIENT_ID, "scope": "openid"}
    ).json()
    return dict(
        https.post(
            f"{base}/oauth2/v2.0/token",
            data={
                "client_id": CLIENT_ID,
                "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
                "device_code": code["device_code"],
            },
        ).json()
    )


def test_fixed_redirect_port_taken_by_another_program_is_reported(
    make_entra_provider: Callable[..., EntraIdProvider],
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        provider = make_entra_provider(redirect_port=squatter.getsockname()[1])

        refusal = _refused(provider.sign_in_interactive)

    assert refusal.reason is FailureReason.LOOPBACK_UNAVAILABLE
