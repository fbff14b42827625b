"""Password sign-in against a real Samba AD domain controller on 127.0.0.1."""

from collections.abc import Callable

import pytest

from app.domain.identity import ProviderKind
from app.domain.roles import Role
from app.identity.active_directory import ActiveDirectoryProvider, bind_refusal, sid_to_string
from app.identity.config import ActiveDirectoryConfig
from app.identity.role_mapping import FailureReason, ProviderUnavailable, SignInRefused

from . import samba_dc
from .certificates import issue_server_certificate
from .conftest import (
    ALICE,
    BOB,
    CAROL,
    DAVE,
    ERIN,
    FRANK,
    GRACE,
    HENRY,
    IVY,
    LOCKOUT_THRESHOLD,
)
from .network import closed_loopback_port

slow = pytest.mark.slow


def _offline_provider(**changes: object) -> ActiveDirectoryProvider:
    """A provider whose only DC is a closed port: any network use would fail differently."""
    settings: dict[str, object] = {
        "servers": (f"ldaps://127.0.0.1:{closed_loopback_port()}",),
        "base_dn": samba_dc.BASE_DN,
        "upn_suffix": samba_dc.DNS_DOMAIN,
        "netbios_domain": samba_dc.NETBIOS_DOMAIN,
        "role_groups": {"WS-Nurses": Role.NURSE},
        "timeout_seconds": 2,
    }
    return ActiveDirectoryProvider(ActiveDirectoryConfig.model_validate(settings | changes))


# -- before any network --------------------------------------------------------------------


def test_empty_password_is_refused_before_contacting_the_directory() -> None:
    with pytest.raises(SignInRefused) as refused:
        _offline_provider().authenticate(ALICE.upn, "")
    assert refused.value.reason is FailureReason.MISSING_CREDENTIALS


def test_names_of_other_domains_are_refused_before_contacting_the_directory() -> None:
    provider = _offline_provider()
    for username in ("OTHERDOM\\alice", "alice@other.example"):
        with pytest.raises(SignInRefused) as refused:
            provider.authenticate(username, ALICE.password)
        assert refused.value.reason is FailureReason.BAD_CREDENTIALS
        assert "WARD\\name" in str(refused.value)


def test_provider_fits_the_password_provider_seam() -> None:
    assert _offline_provider().kind is ProviderKind.ACTIVE_DIRECTORY


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("52e", FailureReason.BAD_CREDENTIALS),
        ("525", FailureReason.BAD_CREDENTIALS),
        ("530", FailureReason.SIGN_IN_RESTRICTED),
        ("531", FailureReason.SIGN_IN_RESTRICTED),
        ("532", FailureReason.PASSWORD_EXPIRED),
        ("533", FailureReason.ACCOUNT_DISABLED),
        ("701", FailureReason.ACCOUNT_EXPIRED),
        ("773", FailureReason.PASSWORD_MUST_CHANGE),
        ("775", FailureReason.ACCOUNT_LOCKED),
    ],
)
def test_ad_bind_data_codes_map_to_reasons(code: str, reason: FailureReason) -> None:
    message = f"80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data {code}"
    assert bind_refusal(message).reason is reason


def test_expired_password_message_tells_the_user_what_to_do() -> None:
    refusal = bind_refusal("AcceptSecurityContext error, data 532, v4563")
    assert str(refusal) == (
        "Your password has expired; change it at a domain workstation, then sign in again."
    )


def test_sid_is_rendered_in_its_string_form() -> None:
    """BUILTIN\\Administrators, the worked example of MS-DTYP 2.4.2.2."""
    raw = bytes.fromhex("01020000000000052000000020020000")
    assert sid_to_string(raw) == "S-1-5-32-544"


def test_unreachable_directory_is_a_distinct_error() -> None:
    with pytest.raises(ProviderUnavailable) as unavailable:
        _offline_provider().authenticate(ALICE.upn, ALICE.password)
    assert unavailable.value.reason is FailureReason.DIRECTORY_UNREACHABLE


# -- against the domain controller ---------------------------------------------------------


@slow
def test_correct_password_gives_the_person_with_sid_and_mapped_role(
    directory: ActiveDirectoryProvider, ward_domain: samba_dc.SambaDomain
) -> None:
    principal = directory.authenticate(ALICE.upn, ALICE.password)

    assert principal.user_id == ward_domain.sid_of(ALICE.name)
    assert principal.user_id.startswith("S-1-5-21-")
    assert principal.role is Role.NURSE
    assert principal.display_name == ALICE.display_name
    assert principal.username == ALICE.upn
    assert principal.provider is ProviderKind.ACTIVE_DIRECTORY


@slow
def test_the_directory_title_stands_for_the_signers_credentials(
    directory: ActiveDirectoryProvider,
) -> None:
    assert directory.authenticate(ALICE.upn, ALICE.password).credentials == ALICE.job_title


@slow
def test_a_person_without_a_directory_title_has_no_credentials(
    directory: ActiveDirectoryProvider,
) -> None:
    assert directory.authenticate(BOB.upn, BOB.password).credentials == ""


@slow
@pytest.mark.parametrize("username", ["WARD\\alice", "ward\\alice", "alice", "ALICE@WARD.TEST"])
def test_down_level_and_bare_names_reach_the_same_account(
    directory: ActiveDirectoryProvider, ward_domain: samba_dc.SambaDomain, username: str
) -> None:
    principal = directory.authenticate(username, ALICE.password)
    assert principal.user_id == ward_domain.sid_of(ALICE.name)


@slow
def test_wrong_password_is_bad_credentials(directory: ActiveDirectoryProvider) -> None:
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(ALICE.upn, "not-" + ALICE.password)
    assert refused.value.reason is FailureReason.BAD_CREDENTIALS
    assert str(refused.value) == "The username or password is incorrect."


@slow
def test_unknown_user_reads_exactly_like_a_wrong_password(
    directory: ActiveDirectoryProvider,
) -> None:
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate("nobody@ward.test", ALICE.password)
    assert refused.value.reason is FailureReason.BAD_CREDENTIALS
    assert str(refused.value) == "The username or password is incorrect."


@slow
def test_disabled_account_is_refused(directory: ActiveDirectoryProvider) -> None:
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(CAROL.upn, CAROL.password)
    assert refused.value.reason is FailureReason.ACCOUNT_DISABLED


@slow
def test_disabled_account_with_wrong_password_reveals_nothing(
    directory: ActiveDirectoryProvider,
) -> None:
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(CAROL.upn, "wrong-" + CAROL.password)
    assert refused.value.reason is FailureReason.BAD_CREDENTIALS


@slow
def test_password_that_must_be_changed_is_refused_with_advice(
    directory: ActiveDirectoryProvider,
) -> None:
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(DAVE.upn, DAVE.password)
    assert refused.value.reason is FailureReason.PASSWORD_MUST_CHANGE
    assert "change it at a domain workstation" in str(refused.value)


@slow
def test_password_older_than_the_maximum_age_is_refused_as_expired(
    directory: ActiveDirectoryProvider,
) -> None:
    """The DC itself answers `data 532`: IVY's pwdLastSet is a year old, the limit 42 days."""
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(IVY.upn, IVY.password)
    assert refused.value.reason is FailureReason.PASSWORD_EXPIRED
    assert str(refused.value).startswith("Your password has expired; change it")


@slow
def test_expired_account_is_refused(directory: ActiveDirectoryProvider) -> None:
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(ERIN.upn, ERIN.password)
    assert refused.value.reason is FailureReason.ACCOUNT_EXPIRED


@slow
def test_locked_out_account_is_refused_even_with_the_right_password(
    directory: ActiveDirectoryProvider,
) -> None:
    for attempt in range(LOCKOUT_THRESHOLD):
        with pytest.raises(SignInRefused):
            directory.authenticate(GRACE.upn, f"guess-{attempt}")
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(GRACE.upn, GRACE.password)
    assert refused.value.reason is FailureReason.ACCOUNT_LOCKED


@slow
def test_user_in_no_mapped_group_is_denied(directory: ActiveDirectoryProvider) -> None:
    with pytest.raises(SignInRefused) as refused:
        directory.authenticate(FRANK.upn, FRANK.password)
    assert refused.value.reason is FailureReason.NO_ROLE
    assert str(refused.value) == "Your account has no WardScribe role; ask IT."


@slow
def test_nested_group_membership_gives_the_outer_groups_role(
    directory: ActiveDirectoryProvider,
) -> None:
    """Bob is in Ward7-ChargeNurses, which is a member of WS-ChargeNurses (mapped by DN)."""
    assert directory.authenticate(BOB.upn, BOB.password).role is Role.CHARGE_NURSE


@slow
def test_documentation_role_wins_over_an_administrative_one(
    directory: ActiveDirectoryProvider,
) -> None:
    assert directory.authenticate(HENRY.upn, HENRY.password).role is Role.NURSE


@slow
def test_starttls_on_port_389_signs_in(
    ad_config: Callable[..., ActiveDirectoryConfig], ward_domain: samba_dc.SambaDomain
) -> None:
    provider = ActiveDirectoryProvider(
        ad_config(servers=(ward_domain.ldap_uri,), use_starttls=True)
    )
    assert provider.authenticate(ALICE.upn, ALICE.password).role is Role.NURSE


@slow
def test_certificate_from_an_untrusted_ca_is_refused(
    ad_config: Callable[..., ActiveDirectoryConfig], tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = issue_server_certificate(
        tmp_path_factory.mktemp("other-ca"), "Some Other CA", ("dc1.ward.test",), ("127.0.0.1",)
    )
    provider = ActiveDirectoryProvider(ad_config(ca_file=other.ca_file))
    with pytest.raises(ProviderUnavailable) as refused:
        provider.authenticate(ALICE.upn, ALICE.password)
    assert refused.value.reason is FailureReason.UNTRUSTED_CERTIFICATE


@slow
def test_untrusted_certificate_is_refused_over_starttls_too(
    ad_config: Callable[..., ActiveDirectoryConfig],
    ward_domain: samba_dc.SambaDomain,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    other = issue_server_certificate(
        tmp_path_factory.mktemp("other-ca"), "Some Other CA", ("dc1.ward.test",), ("127.0.0.1",)
    )
    provider = ActiveDirectoryProvider(
        ad_config(servers=(ward_domain.ldap_uri,), use_starttls=True, ca_file=other.ca_file)
    )
    with pytest.raises(ProviderUnavailable) as refused:
        provider.authenticate(ALICE.upn, ALICE.password)
    assert refused.value.reason is FailureReason.UNTRUSTED_CERTIFICATE


@slow
def test_certificate_for_another_host_name_is_refused(
    ad_config: Callable[..., ActiveDirectoryConfig],
) -> None:
    """The DC's certificate names dc1.ward.test and 127.0.0.1, not localhost."""
    provider = ActiveDirectoryProvider(ad_config(servers=("ldaps://localhost:636",)))
    with pytest.raises(ProviderUnavailable) as refused:
        provider.authenticate(ALICE.upn, ALICE.password)
    assert refused.value.reason is FailureReason.UNTRUSTED_CERTIFICATE


@slow
def test_unreachable_first_controller_fails_over_to_the_next(
    ad_config: Callable[..., ActiveDirectoryConfig], ward_domain: samba_dc.SambaDomain
) -> None:
    provider = ActiveDirectoryProvider(
        ad_config(servers=(f"ldaps://127.0.0.1:{closed_loopback_port()}", ward_domain.ldaps_uri))
    )
    assert provider.authenticate(ALICE.upn, ALICE.password).role is Role.NURSE


@slow
def test_base_dn_that_does_not_hold_the_account_is_reported_to_it(
    ad_config: Callable[..., ActiveDirectoryConfig],
) -> None:
    provider = ActiveDirectoryProvider(
        ad_config(base_dn=f"OU=Domain Controllers,{samba_dc.BASE_DN}")
    )
    with pytest.raises(SignInRefused) as refused:
        provider.authenticate(ALICE.upn, ALICE.password)
    assert refused.value.reason is FailureReason.ACCOUNT_NOT_FOUND
