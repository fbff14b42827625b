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

    def revalidate(self, principal: Principal) -> Principal:
        """The person as the provider sees them now, without their password.

        Raises `AuthenticationFailed` when the sign-in no longer holds (account disabled,
        tokens revoked) and `ProviderUnavailable` when the provider cannot tell right now.
        """
        ...


class InteractiveProvider(Protocol):
    """A provider that signs people in outside WardScribe's form: a browser or the OS broker."""

    @property
    def kind(self) -> ProviderKind: ...

    def sign_in_interactive(
        self, *, parent_window_handle: int | None = None, login_hint: str | None = None
    ) -> Principal: ...

    def revalidate(self, principal: Principal) -> Principal:
        """As `PasswordProvider.revalidate`."""
        ...
