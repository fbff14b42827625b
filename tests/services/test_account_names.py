"""Usernames and display names a person can read and compare safely (issue 17, item 10)."""

from collections.abc import Callable

import pytest

from app.domain.audit import AuditAction
from app.domain.roles import Role
from app.services.accounts import NameRejected
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

PASSWORD = "a-long-password-1"


@pytest.fixture
def standalone(open_under_policy: Callable[[str], Workstation]) -> Workstation:
    return open_under_policy("")


@pytest.mark.parametrize(
    "username",
    ["", "   ", "x" * 65, "rn.lee\u202egnp.exe", "rn\x1b[31mlee", "rn\u200blee", "rn\nlee"],
    ids=["empty", "blank", "too-long", "bidi-override", "escape", "zero-width", "newline"],
)
def test_a_username_that_would_mislead_a_reader_is_refused(
    standalone: Workstation, username: str
) -> None:
    with pytest.raises(NameRejected):
        standalone.accounts.add(username, "R. Lee", Role.IT_ADMIN, PASSWORD)

    created = [
        row
        for row in audit_store(standalone).events()
        if row.event.action is AuditAction.ACCOUNT_CREATE
    ]
    assert created == []


def test_a_display_name_with_a_bidi_override_is_refused(standalone: Workstation) -> None:
    with pytest.raises(NameRejected, match="display name"):
        standalone.accounts.add("rn.lee", "R. \u202eLee", Role.IT_ADMIN, PASSWORD)


def test_an_ordinary_name_with_accents_and_a_space_is_accepted(standalone: Workstation) -> None:
    account = standalone.accounts.add("rn.zoë", "Zoë Ní Bhriain", Role.IT_ADMIN, PASSWORD)

    assert account.display_name == "Zoë Ní Bhriain"
