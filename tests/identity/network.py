"""Loopback ports for tests that need nothing to be listening."""

import socket


def closed_loopback_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago; nothing of ours listens on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
