"""Where Entra ID refresh tokens live between sign-ins: encrypted by the OS, or nowhere.

A refresh token signs its holder in for up to 90 days, so a copy in plain text on a shared
ward workstation would be a standing credential for anyone with file access. msal-extensions
encrypts with DPAPI (Windows), the Keychain (macOS) or the Secret Service (libsecret, Linux);
its plain-text fallback stays off, and when encryption is unavailable, sign-in fails closed.
"""

from pathlib import Path

import msal
from msal_extensions import PersistedTokenCache, build_encrypted_persistence
from msal_extensions.persistence import PersistenceError

from app.identity.role_mapping import FailureReason, ProviderUnavailable

_UNAVAILABLE = (
    "This workstation cannot store sign-ins encrypted ({detail}), so WardScribe will not "
    "sign anyone in with Entra ID here. Tell IT."
)


class TokenCacheUnavailable(ProviderUnavailable):
    """The OS offers no encrypted store for tokens; a plain-text one is never used instead."""


def open_token_cache(path: Path) -> msal.SerializableTokenCache:
    """An MSAL token cache persisted, OS-encrypted, at `path` (plus a `.lockfile` beside it).

    On Linux the data itself lives in the Secret Service; `path` only marks changes.
    """
    try:
        persistence = build_encrypted_persistence(str(path))
    except ImportError:
        # Linux: msal-extensions needs PyGObject and libsecret's introspection data.
        raise _unavailable("the libsecret bindings are not installed") from None
    except (RuntimeError, PersistenceError, OSError) as error:
        raise _unavailable(type(error).__name__) from None
    if not persistence.is_encrypted:
        raise _unavailable("the store is not encrypted")
    return PersistedTokenCache(persistence)


def _unavailable(detail: str) -> TokenCacheUnavailable:
    return TokenCacheUnavailable(
        _UNAVAILABLE.format(detail=detail), FailureReason.TOKEN_CACHE_UNAVAILABLE
    )
