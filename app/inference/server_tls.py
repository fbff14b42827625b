"""The TLS context for the hospital's inference server: chain, host name, pin, then a request.

The pin is checked inside the handshake's `wrap_socket`, before the HTTP client can write a
byte, so a server with the right chain but the wrong certificate never receives a note. Checking
it on the response instead would be too late: the request, notes included, would already be sent.
"""

import hashlib
import hmac
import socket
import ssl
from typing import Any

from app.inference.server_policy import InferenceServerPolicy


class PinnedContext(ssl.SSLContext):
    """A client context that also refuses any server certificate whose SHA-256 is not the pin."""

    pinned_sha256: str | None = None

    def wrap_socket(self, sock: socket.socket, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        wrapped = super().wrap_socket(sock, *args, **kwargs)
        if self.pinned_sha256 is not None:
            certificate = wrapped.getpeercert(binary_form=True) or b""
            actual = hashlib.sha256(certificate).hexdigest()
            if not hmac.compare_digest(actual, self.pinned_sha256):
                wrapped.close()
                raise ssl.SSLCertVerificationError(
                    f"the server's certificate is not the pinned one (its SHA-256 is {actual})"
                )
        return wrapped


def server_tls_context(policy: InferenceServerPolicy) -> PinnedContext:
    """TLS 1.2 or later, the chain and host name verified, the pin and client certificate set."""
    context = PinnedContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    if policy.ca_file is not None:
        context.load_verify_locations(cafile=str(policy.ca_file))
    else:
        context.load_default_certs(ssl.Purpose.SERVER_AUTH)
    if policy.client_cert_file is not None and policy.client_key_file is not None:
        context.load_cert_chain(str(policy.client_cert_file), str(policy.client_key_file))
    context.pinned_sha256 = policy.pinned_sha256
    return context
