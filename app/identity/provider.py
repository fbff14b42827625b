"""The seam every sign-in provider fits: local accounts, Active Directory, Entra ID."""

from typing import Protocol

from app.domain.identity import Principal, ProviderKind


class PasswordProvider(Protocol):
    """A provider that checks a username and password typed into WardScribe's own sign-in form.

    Implementations raise `app.domain.errors.AuthenticationFailed` with a message that does not
    reveal whether the username exists, and never log the password.
    """

    @property
    def kind(self) -> ProviderKind: ...

    def authenticate(self, username: str, password: str) -> Principal: ...
