"""A credential store that lives in one process's memory: for the self-test, benchmarks and tests.

The class is made inside the function, not at import: keyring considers every backend class that
exists when it picks a default, and a priority-10 memory store defined at import would win over
the real OS store in the running app.
"""

import keyring
import keyring.errors
from keyring.backend import KeyringBackend


def new_memory_keyring() -> KeyringBackend:
    class MemoryKeyring(KeyringBackend):
        priority = 10

        def __init__(self) -> None:
            # The base __init__ only reads KEYRING_PROPERTY_* variables, meaningless here.
            self._entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self._entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self._entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self._entries.pop((service, username), None) is None:
                raise keyring.errors.PasswordDeleteError(username)

    return MemoryKeyring()


def use_memory_keyring() -> KeyringBackend:
    """Make a fresh memory store this process's keyring and return it."""
    backend = new_memory_keyring()
    keyring.set_keyring(backend)
    return backend
