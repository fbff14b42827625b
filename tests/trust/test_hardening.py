"""Crash reports name the exception's type and where it passed, never what it said."""

from app.security.hardening import describe_without_values

SECRET = "Pt Imelda Vasquez-Thornbury, DOB 1951-04-02"


def raise_with_phi() -> None:
    raise ValueError(f"cannot parse {SECRET}")


def test_the_description_has_type_and_locations_but_not_the_message() -> None:
    try:
        raise_with_phi()
    except ValueError as error:
        described = describe_without_values(type(error), error, error.__traceback__)

    assert described.splitlines()[0] == "builtins.ValueError"
    assert "in raise_with_phi" in described
    assert SECRET not in described and "cannot parse" not in described


def test_chained_exceptions_are_described_the_same_way() -> None:
    try:
        try:
            raise_with_phi()
        except ValueError as inner:
            raise RuntimeError(SECRET) from inner
    except RuntimeError as error:
        described = describe_without_values(type(error), error, error.__traceback__)

    assert "raised while handling builtins.ValueError" in described
    assert SECRET not in described
