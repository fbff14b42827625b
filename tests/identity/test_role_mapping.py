"""Claims and group memberships become exactly one session role, by a stated precedence."""

import pytest

from app.domain.errors import AuthenticationFailed
from app.domain.roles import Role
from app.identity.config import ClaimRoleMapping
from app.identity.role_mapping import (
    ROLE_PRECEDENCE,
    FailureReason,
    SignInRefused,
    most_privileged,
    roles_from_claims,
)

NURSES = "3c5e7a90-1b2d-4e6f-8a9b-0c1d2e3f4a5b"
ADMINS = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
MAPPING = ClaimRoleMapping(groups={NURSES: Role.NURSE, ADMINS: Role.IT_ADMIN})


def test_refusals_are_authentication_failures_with_a_reason_code() -> None:
    with pytest.raises(AuthenticationFailed) as refused:
        most_privileged([])
    assert isinstance(refused.value, SignInRefused)
    assert refused.value.reason == "no_role"


def test_precedence_names_every_role_once() -> None:
    assert sorted(ROLE_PRECEDENCE) == sorted(Role)


def test_documentation_roles_win_over_oversight_roles() -> None:
    assert most_privileged([Role.IT_ADMIN, Role.NURSE]) is Role.NURSE
    assert most_privileged([Role.COMPLIANCE_OFFICER, Role.CLINICIAN]) is Role.CLINICIAN


def test_charge_nurse_wins_over_clinician_and_nurse() -> None:
    assert most_privileged([Role.NURSE, Role.CLINICIAN, Role.CHARGE_NURSE]) is Role.CHARGE_NURSE


def test_compliance_officer_wins_over_it_admin() -> None:
    assert most_privileged([Role.IT_ADMIN, Role.COMPLIANCE_OFFICER]) is Role.COMPLIANCE_OFFICER


def test_app_role_values_map_by_default_to_the_role_names() -> None:
    assert roles_from_claims({"roles": ["clinician"]}, ClaimRoleMapping()) is Role.CLINICIAN


def test_app_role_and_group_claims_combine() -> None:
    claims = {"roles": ["it_admin"], "groups": [NURSES.upper()]}
    assert roles_from_claims(claims, MAPPING) is Role.NURSE


def test_unmapped_claims_give_no_role() -> None:
    with pytest.raises(SignInRefused) as refused:
        roles_from_claims({"roles": ["Reader"], "groups": ["not-a-mapped-group"]}, MAPPING)
    assert refused.value.reason is FailureReason.NO_ROLE


@pytest.mark.parametrize(
    "overage", [{"_claim_names": {"groups": "src1"}}, {"hasgroups": True}, {"hasgroups": "true"}]
)
def test_groups_overage_without_an_app_role_is_refused(overage: dict[str, object]) -> None:
    with pytest.raises(SignInRefused) as refused:
        roles_from_claims(overage, MAPPING)
    assert refused.value.reason is FailureReason.GROUPS_OVERAGE


def test_app_role_still_decides_despite_groups_overage() -> None:
    claims = {"roles": ["nurse"], "_claim_names": {"groups": "src1"}}
    assert roles_from_claims(claims, MAPPING) is Role.NURSE


def test_non_string_claim_values_are_ignored() -> None:
    with pytest.raises(SignInRefused):
        roles_from_claims({"roles": [{"nurse": True}, 7]}, ClaimRoleMapping())
