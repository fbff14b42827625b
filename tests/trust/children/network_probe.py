"""Child of the network guard tests: install the guard, try each action, report what happened.

argv[1] is JSON: {"allowed_hosts": [...], "allow_loopback": bool, "actions": [[kind, host,
port], ...]}; kinds are connect, resolve, bind and unix. Prints one JSON object.
"""

import json
import socket
import sys

from app.security.network_guard import ConnectionAttempt, NetworkGuard


def attempt(kind: str, host: str, port: int) -> str:
    try:
        if kind == "connect":
            socket.create_connection((host, port), timeout=2).close()
        elif kind == "resolve":
            socket.getaddrinfo(host, port)
        elif kind == "bind":
            with socket.socket() as listener:
                listener.bind((host, port))
        elif kind == "unix":
            with socket.socket(socket.AF_UNIX) as client:
                client.connect(host)
    except PermissionError:
        return "blocked"
    except OSError as error:
        return f"error:{type(error).__name__}"
    return "ok"


def main() -> None:
    config = json.loads(sys.argv[1])
    attempts: list[ConnectionAttempt] = []
    NetworkGuard(
        config["allowed_hosts"], allow_loopback=config["allow_loopback"], on_attempt=attempts.append
    ).install()
    results = [attempt(kind, host, port) for kind, host, port in config["actions"]]
    print(
        json.dumps(
            {
                "results": results,
                "attempts": [[a.event, a.host, a.port, a.allowed] for a in attempts],
            }
        )
    )


if __name__ == "__main__":
    main()
