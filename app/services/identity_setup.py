"""Builds the sign-in providers the machine policy enables.

Without a policy a workstation is standalone and uses local accounts. With one, only the
provider IT named is offered: a local account cannot be used to slip past the directory.
"""

from dataclasses import dataclass
from pathlib import Path

from app.domain.identity import ProviderKind
from app.identity.active_directory import ActiveDirectoryProvider
from app.identity.config import IdentityPolicy
from app.identity.entra import EntraIdProvider
from app.identity.local import LocalAccountProvider
from app.identity.provider import InteractiveProvider, PasswordProvider
from app.identity.token_cache import open_token_cache
from app.storage.accounts import AccountStore

TOKEN_CACHE_FILE = "entra-token-cache.bin"  # noqa: S105 - a file name, not a secret


@dataclass(frozen=True)
class SignInProviders:
    """The providers a workstation signs people in with: by password, and interactively."""

    password: dict[ProviderKind, PasswordProvider]
    interactive: InteractiveProvider | None


def build_providers(
    identity: IdentityPolicy | None, accounts: AccountStore, data_root: Path
) -> SignInProviders:
    """The sign-in providers the policy's identity table asks for; local accounts without one."""
    if identity is None or identity.provider is ProviderKind.LOCAL:
        return SignInProviders({ProviderKind.LOCAL: LocalAccountProvider(accounts)}, None)
    if identity.provider is ProviderKind.ACTIVE_DIRECTORY:
        assert identity.active_directory is not None
        provider = ActiveDirectoryProvider(identity.active_directory)
        return SignInProviders({ProviderKind.ACTIVE_DIRECTORY: provider}, None)
    assert identity.entra_id is not None
    cache = open_token_cache(data_root / TOKEN_CACHE_FILE)
    return SignInProviders({}, EntraIdProvider(identity.entra_id, cache))
