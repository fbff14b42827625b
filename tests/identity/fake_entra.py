"""An OpenID Connect server shaped like Entra ID's v2.0 endpoints, on https://127.0.0.1.

It speaks real HTTP over real TLS (its certificate comes from a test CA) so MSAL and the
provider run unmodified: discovery, JWKS, /authorize with PKCE (S256 only), /token for the
authorization-code, refresh-token and device-code grants, and /devicecode. Who "signs in" at
/authorize is whoever the test put in `person`; what the ID token says can be bent through
`id_token_overrides` and `sign_with_rogue_key`, the attacks the provider must notice. Refresh
tokens can be made short-lived (`refresh_token_lifetime_seconds`), expired all at once, or
revoked for one person (`revoke_sessions`), each answered with Entra's own AADSTS code.
"""

import base64
import hashlib
import html
import json
import secrets
import ssl
import threading
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from .certificates import ServerCertificate

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class Person:
    """A directory user as the ID token describes them."""

    name: str
    preferred_username: str
    oid: str = field(default_factory=lambda: str(uuid.uuid4()))
    roles: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    extra_claims: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuthorizeAnswer:
    redirect_uri: str
    fields: dict[str, str]
    form_post: bool

    def as_http(self) -> tuple[HTTPStatus, dict[str, str], bytes]:
        """Status, headers and body: a redirect, or Entra's self-submitting form."""
        if not self.form_post:
            location = f"{self.redirect_uri}?{urlencode(self.fields)}"
            return HTTPStatus.FOUND, {"Location": location}, b""
        inputs = "".join(
            f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(value)}">'
            for name, value in self.fields.items()
        )
        page = (
            f'<html><body onload="document.forms[0].submit()"><form method="POST" '
            f'action="{html.escape(self.redirect_uri)}">{inputs}</form></body></html>'
        )
        return HTTPStatus.OK, {"Content-Type": "text/html"}, page.encode()


@dataclass
class _Grant:
    person: Person
    nonce: str | None = None
    redirect_uri: str = ""
    code_challenge: str = ""
    issued_at: float = field(default_factory=time.monotonic)


class FakeEntra:
    def __init__(self, tls: ServerCertificate, tenant_id: str, client_id: str) -> None:
        self.tenant_id = tenant_id
        self.client_id = client_id
        self._tls = tls
        self._signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._rogue_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.key_id = "ward-test-key-1"
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls.cert_file, tls.key_file)
        self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self.reset()

    # -- what tests arrange and inspect ------------------------------------------------------

    def reset(self) -> None:
        with self._lock:
            self.person: Person | None = None
            self.id_token_overrides: dict[str, Any] = {}
            self.omit_claims: set[str] = set()
            self.sign_with_rogue_key = False
            self.requests: list[tuple[str, str]] = []
            self.authorize_params: list[dict[str, str]] = []
            self._codes: dict[str, _Grant] = {}
            self._refresh_tokens: dict[str, _Grant] = {}
            self._revoked_refresh_tokens: set[str] = set()
            self._device_codes: dict[str, _Grant] = {}
            self.refresh_token_lifetime_seconds: float | None = None

    def expire_refresh_tokens(self) -> None:
        """Every refresh token issued so far stops working, as after 90 days idle."""
        with self._lock:
            self._refresh_tokens.clear()

    def revoke_sessions(self, person: Person) -> None:
        """*Revoke sessions* in Entra: the person's refresh tokens are refused as revoked."""
        with self._lock:
            revoked = [
                token
                for token, grant in self._refresh_tokens.items()
                if grant.person.oid == person.oid
            ]
            for token in revoked:
                del self._refresh_tokens[token]
            self._revoked_refresh_tokens.update(revoked)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def ca_file(self) -> Path:
        return self._tls.ca_file

    @property
    def authority(self) -> str:
        return f"https://127.0.0.1:{self.port}/{self.tenant_id}/v2.0"

    @property
    def issuer(self) -> str:
        return self.authority

    def paths_requested(self) -> list[str]:
        return [path for _, path in self.requests]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    # -- protocol ------------------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        base = f"https://127.0.0.1:{self.port}/{self.tenant_id}"
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            "jwks_uri": f"{base}/discovery/v2.0/keys",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self._signing_key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.key_id, "use": "sig"}]}

    def authorize(self, params: dict[str, str]) -> "AuthorizeAnswer | None":
        """Where an authenticated browser is sent next, or None for a malformed request."""
        with self._lock:
            self.authorize_params.append(params)
            redirect_uri = params.get("redirect_uri", "")
            if (
                params.get("client_id") != self.client_id
                or params.get("response_type") != "code"
                or params.get("code_challenge_method") != "S256"
                or not params.get("code_challenge")
                or not redirect_uri.startswith("http://localhost:")
            ):
                return None
            fields = {"state": params.get("state", "")}
            if self.person is None:
                fields["error"] = "access_denied"
            else:
                code = secrets.token_urlsafe(24)
                self._codes[code] = _Grant(
                    person=self.person,
                    nonce=params.get("nonce"),
                    redirect_uri=redirect_uri,
                    code_challenge=params["code_challenge"],
                )
                fields["code"] = code
            return AuthorizeAnswer(
                redirect_uri, fields, form_post=params.get("response_mode") == "form_post"
            )

    def device_authorization(self, form: dict[str, str]) -> tuple[HTTPStatus, dict[str, Any]]:
        if form.get("client_id") != self.client_id:
            return HTTPStatus.BAD_REQUEST, {"error": "invalid_client"}
        with self._lock:
            device_code = secrets.token_urlsafe(24)
            if self.person is not None:  # the person enters the code at once, on their phone
                self._device_codes[device_code] = _Grant(person=self.person)
        return HTTPStatus.OK, {
            "device_code": device_code,
            "user_code": "WARD-7731",
            "verification_uri": "https://microsoft.com/devicelogin",
            "expires_in": 900,
            "interval": 1,
            "message": "To sign in, open https://microsoft.com/devicelogin and enter WARD-7731.",
        }

    def token(self, form: dict[str, str]) -> tuple[HTTPStatus, dict[str, Any]]:
        if form.get("client_id") != self.client_id:
            return HTTPStatus.BAD_REQUEST, {"error": "invalid_client"}
        grant_type = form.get("grant_type")
        with self._lock:
            if grant_type == "authorization_code":
                grant = self._codes.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                challenge = _b64url(hashlib.sha256(verifier.encode()).digest())
                if (
                    grant is None
                    or grant.redirect_uri != form.get("redirect_uri")
                    or grant.code_challenge != challenge
                ):
                    return _invalid_grant("AADSTS70008: The provided authorization code is invalid")
            elif grant_type == "refresh_token":
                presented = form.get("refresh_token", "")
                if presented in self._revoked_refresh_tokens:
                    return _invalid_grant(
                        "AADSTS50173: The provided grant has expired due to it being revoked, "
                        "a fresh auth token is needed."
                    )
                grant = self._refresh_tokens.pop(presented, None)
                lifetime = self.refresh_token_lifetime_seconds
                if grant is None or (
                    lifetime is not None and time.monotonic() - grant.issued_at > lifetime
                ):
                    return _invalid_grant(
                        "AADSTS700082: The refresh token has expired due to inactivity."
                    )
                grant = _Grant(person=grant.person)
            elif grant_type == DEVICE_CODE_GRANT:
                grant = self._device_codes.pop(form.get("device_code", ""), None)
                if grant is None:
                    return HTTPStatus.BAD_REQUEST, {"error": "authorization_pending"}
            else:
                return HTTPStatus.BAD_REQUEST, {"error": "unsupported_grant_type"}
            refresh_token = secrets.token_urlsafe(32)
            self._refresh_tokens[refresh_token] = grant
            return HTTPStatus.OK, {
                "token_type": "Bearer",
                "scope": form.get("scope", ""),
                "expires_in": 3600,
                "ext_expires_in": 3600,
                "access_token": secrets.token_urlsafe(32),
                "refresh_token": refresh_token,
                "id_token": self._id_token(grant),
                "client_info": _b64url(
                    json.dumps({"uid": grant.person.oid, "utid": self.tenant_id}).encode()
                ),
            }

    def _id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        person = grant.person
        claims: dict[str, Any] = {
            "ver": "2.0",
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "sub": _b64url(hashlib.sha256(person.oid.encode()).digest()),
            "oid": person.oid,
            "tid": self.tenant_id,
            "name": person.name,
            "preferred_username": person.preferred_username,
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        if person.roles:
            claims["roles"] = person.roles
        if person.groups:
            claims["groups"] = person.groups
        claims.update(person.extra_claims)
        claims.update(self.id_token_overrides)
        for name in self.omit_claims:
            claims.pop(name, None)
        key = self._rogue_key if self.sign_with_rogue_key else self._signing_key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.key_id})


def _invalid_grant(description: str) -> tuple[HTTPStatus, dict[str, Any]]:
    return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant", "error_description": description}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        fake: FakeEntra = self.server.fake  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        fake.requests.append(("GET", url.path))
        tenant = f"/{fake.tenant_id}"
        if url.path == f"{tenant}/v2.0/.well-known/openid-configuration":
            self._json(HTTPStatus.OK, fake.discovery())
        elif url.path == f"{tenant}/discovery/v2.0/keys":
            self._json(HTTPStatus.OK, fake.jwks())
        elif url.path == f"{tenant}/oauth2/v2.0/authorize":
            answer = fake.authorize(dict(parse_qsl(url.query)))
            if answer is None:
                self._json(HTTPStatus.BAD_REQUEST, {"error": "invalid_request"})
                return
            status, headers, body = answer.as_http()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not_found"})

    def do_POST(self) -> None:
        fake: FakeEntra = self.server.fake  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        fake.requests.append(("POST", url.path))
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(parse_qsl(self.rfile.read(length).decode()))
        tenant = f"/{fake.tenant_id}"
        if url.path == f"{tenant}/oauth2/v2.0/token":
            self._json(*fake.token(form))
        elif url.path == f"{tenant}/oauth2/v2.0/devicecode":
            self._json(*fake.device_authorization(form))
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not_found"})

    def _json(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest shows failures; request logs would only bury them."""
