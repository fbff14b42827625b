"""A process-wide guard that lets WardScribe reach only the hosts IT named.

Notes never need the network: the model runs locally. The only legitimate traffic is sign-in
(the identity provider's hosts) and log forwarding (the collector). Everything else, a library
phoning home or a misconfigured URL, is refused before the first packet: an audit hook
(`sys.addaudithook`) sees every name lookup and every socket connect, send and bind, and raises
PermissionError for any host not allowed, then reports the attempt so it can be audited.

Audit hooks cannot be removed once added, so a process installs the guard once, at start-up;
tests run it in a child process. The guard stops accidents, not an attacker running code in the
process, and it does not see child processes or native code that bypasses Python's socket module.
"""

import ipaddress
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from app.identity.config import IdentityPolicy

_NAME_LOOKUPS = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyname_ex",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)
_ADDRESSED = frozenset({"socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"})
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
_HELD_BACK = 100


class NetworkPolicy(BaseModel):
    """The machine policy's `[network]` section."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    allowed_hosts: tuple[str, ...] = ()
    """Hosts beyond those the identity and log forwarding sections already name; `*.x.org`
    allows every subdomain of x.org."""
    allow_loopback: bool = False
    """Connections to this computer itself; Entra ID sign-in turns this on for its redirect."""


@dataclass(frozen=True, slots=True)
class ConnectionAttempt:
    """One lookup, connect, send or bind: what was asked for and whether it was let through."""

    event: str
    host: str
    port: int | None
    allowed: bool


AttemptListener = Callable[[ConnectionAttempt], None]


class NetworkGuard:
    """Decides each network operation; `install` makes it the process's audit hook."""

    def __init__(
        self,
        allowed_hosts: Iterable[str],
        *,
        allow_loopback: bool = False,
        on_attempt: AttemptListener | None = None,
    ) -> None:
        names = {_normalise(host) for host in allowed_hosts}
        self._exact = {name for name in names if not name.startswith("*.")}
        self._suffixes = tuple(name[1:] for name in names if name.startswith("*."))
        self._allow_loopback = allow_loopback
        self._on_attempt = on_attempt
        self._granted_addresses: set[str] = set()
        self._thread = threading.local()
        self._refused_listener: AttemptListener | None = None
        self._refused_early: list[ConnectionAttempt] = []

    def install(self) -> None:
        """Add the guard as an audit hook: from now on, for the rest of the process."""
        global _installed  # noqa: PLW0603 - one guard per process, as audit hooks are
        sys.addaudithook(self.check)
        _installed = self

    def report_refused_to(self, listener: AttemptListener | None) -> None:
        """Send refused attempts to `listener` (the audit trail), those before it included.

        The guard goes up before the audit log is open, and outlives it; while no listener is
        set (None), what it refuses is held for the next one.
        """
        self._refused_listener = listener
        if listener is None:
            return
        early, self._refused_early = self._refused_early, []
        for attempt in early:
            listener(attempt)

    def check(self, event: str, args: tuple[Any, ...]) -> None:
        """The audit hook: return to allow, raise PermissionError to refuse."""
        if not event.startswith("socket."):
            return
        if event in _NAME_LOOKUPS:
            self._check_lookup(event, args)
        elif event in _ADDRESSED:
            self._check_address(event, args)

    def _check_lookup(self, event: str, args: tuple[Any, ...]) -> None:
        target = args[0]
        if event == "socket.getnameinfo":
            target = target[0] if isinstance(target, tuple) and target else target
        host = _text(target)
        port = args[1] if event == "socket.getaddrinfo" and isinstance(args[1], int) else None
        allowed = self._host_allowed(host)
        # The connect that follows a lookup goes to an address the lookup returned: grant this
        # thread that host's addresses, whatever the DNS answered this time.
        self._thread.granted_host = host if allowed else None
        self._decide(event, host, port, allowed)

    def _check_address(self, event: str, args: tuple[Any, ...]) -> None:
        sock, address = args[0], args[1]
        if address is None or getattr(sock, "family", None) not in (
            socket.AF_INET,
            socket.AF_INET6,
        ):
            return  # a Unix socket (D-Bus, the keyring) or a connected socket: not the network
        host, port = _text(address[0]), address[1]
        if event == "socket.bind":
            allowed = self._bind_allowed(host)
        else:
            allowed = self._host_allowed(host) or host in self._granted_addresses
            granted = getattr(self._thread, "granted_host", None)
            if not allowed and granted is not None:
                self._granted_addresses.add(host)
                allowed = True
        self._decide(event, host, port, allowed)

    def _host_allowed(self, host: str) -> bool:
        """A host the policy names is allowed even on loopback (a lab directory server)."""
        name = _normalise(host)
        if name in self._exact or (self._suffixes and name.endswith(self._suffixes)):
            return True
        # A lookup for no host at all serves a local listener.
        return self._allow_loopback and (not name or _is_loopback(name))

    def _bind_allowed(self, host: str) -> bool:
        """Listening is for the sign-in redirect only: loopback, and only when allowed."""
        return self._allow_loopback and _is_loopback(host)

    def _decide(self, event: str, host: str, port: int | None, allowed: bool) -> None:
        attempt = ConnectionAttempt(event, host, port, allowed)
        if self._on_attempt is not None:
            self._on_attempt(attempt)
        if not allowed and self._refused_listener is not None:
            self._refused_listener(attempt)
        elif not allowed and len(self._refused_early) < _HELD_BACK:
            self._refused_early.append(attempt)
        if not allowed:
            raise PermissionError(
                f"WardScribe blocked a network connection to {host or '(any address)'}: "
                "only the hosts in the machine policy may be reached."
            )


_installed: NetworkGuard | None = None


def installed_guard() -> NetworkGuard | None:
    """The guard this process installed, if any: tests and tools run without one."""
    return _installed


def policy_hosts(
    identity: IdentityPolicy | None, network: NetworkPolicy, extra: Iterable[str] = ()
) -> tuple[set[str], bool]:
    """The hosts a machine policy allows, and whether loopback is allowed.

    `extra` adds hosts named elsewhere, such as the log collector.
    """
    hosts = set(network.allowed_hosts) | set(extra)
    allow_loopback = network.allow_loopback
    if identity is not None and identity.active_directory is not None:
        hosts |= {_host_of(uri) for uri in identity.active_directory.servers}
    if identity is not None and identity.entra_id is not None:
        entra = identity.entra_id
        hosts.add(_host_of(entra.authority_host))
        if entra.oidc_authority is not None:
            hosts.add(_host_of(entra.oidc_authority))
        allow_loopback = True  # the browser returns to http://localhost:PORT
    return hosts, allow_loopback


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return "" if value is None else str(value)


def _normalise(host: str) -> str:
    return host.strip().rstrip(".").lower()


def _is_loopback(host: str) -> bool:
    """Loopback names and addresses; an empty host (every interface, for a bind) is not."""
    name = _normalise(host)
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False
