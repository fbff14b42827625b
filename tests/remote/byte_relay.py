"""A TCP relay on 127.0.0.1 that passes bytes both ways unchanged and keeps what the server sent.

Put between nginx and llama-server, it shows what the server had written at a given moment, so a
test can compare that with what reached the workstation through nginx: equal when nginx passes
each piece on at once, less when it holds some in a buffer. It reads and writes bytes only; it
neither parses nor answers HTTP.
"""

import socket
import threading
from types import TracebackType

_CHUNK = 65536


class ByteRelay:
    """Listens on a free loopback port; each connection is piped to `127.0.0.1:target_port`."""

    def __init__(self, target_port: int) -> None:
        self._target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._from_server = bytearray()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def __enter__(self) -> "ByteRelay":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def sent_by_server(self) -> bytes:
        """Every byte the server has sent so far, on all connections, in arrival order."""
        with self._lock:
            return bytes(self._from_server)

    def close(self) -> None:
        self._listener.close()
        with self._lock:
            for connection in self._sockets:
                connection.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self._target_port))
            with self._lock:
                self._sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, True), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, keep: bool) -> None:
        try:
            while data := source.recv(_CHUNK):
                if keep:
                    with self._lock:
                        self._from_server += data
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            return
