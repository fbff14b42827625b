"""Sign-in with Microsoft Entra ID through MSAL, as a public client on a shared workstation.

MSAL returns the ID token as the token endpoint sent it and checks neither its signature nor
(since MSAL 1.38) its issuer or audience: it trusts the TLS channel. WardScribe derives the HIPAA
user id and the role from that token, so before it believes a claim it checks the RS256
signature against the issuer's published keys (JWKS, fetched through the same HTTP client), and
`iss`, `aud`, `exp`, `nbf`, `tid` and, where the flow has one, `nonce`.

The browser step is a loopback redirect: MSAL builds the authorization request (PKCE, state,
nonce), `browser_opener` shows it (`webbrowser.open` in production, a scripted client in tests),
and a one-shot listener on 127.0.0.1 takes the response back.
"""

import json
import re
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from socketserver import TCPServer
from types import TracebackType
from typing import Any, Final, Protocol, Self
from urllib.parse import parse_qs, parse_qsl, urlsplit

import jwt
import msal

from app.domain.identity import Principal, ProviderKind
from app.identity.config import EntraConfig
from app.identity.role_mapping import (
    FailureReason,
    ProviderUnavailable,
    SignInRefused,
    roles_from_claims,
)

BrowserOpener = Callable[[str], object]
"""Shows the authorization URL to the person; `webbrowser.open` in production."""

_SIGNING_ALGORITHM: Final = "RS256"
_CLOCK_SKEW_S: Final = 120
_MAX_FORM_BYTES: Final = 64 * 1024
_REQUIRED_CLAIMS: Final = ["iss", "aud", "exp", "iat", "sub", "tid", "oid"]
_CANCELLED_ERRORS: Final = frozenset(
    {"access_denied", "authorization_declined", "user_canceled", "user_cancelled"}
)


class HttpClient(Protocol):
    """The `requests.Session`-like client MSAL accepts as `http_client`."""

    def get(self, url: str, **kwargs: Any) -> Any: ...

    def post(self, url: str, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class DeviceCodePrompt:
    """What to show a person who signs in on another device."""

    user_code: str
    verification_uri: str
    message: str
    expires_in_seconds: int


def _invalid_token(detail: str, *, about_time: bool = False) -> SignInRefused:
    advice = "Check the workstation's clock; if it is right, tell IT." if about_time else "Tell IT."
    return SignInRefused(
        f"The sign-in response could not be accepted: {detail}. {advice}",
        FailureReason.INVALID_TOKEN,
    )


def _bad_signature() -> SignInRefused:
    return SignInRefused(
        "The sign-in response was not signed by your organisation's identity provider, so "
        "it was rejected. Tell IT.",
        FailureReason.BAD_TOKEN_SIGNATURE,
    )


def _unreachable() -> ProviderUnavailable:
    return ProviderUnavailable(
        "Microsoft Entra ID cannot be reached; try again in a moment. If patient care cannot "
        "wait, use emergency access.",
        FailureReason.IDENTITY_PROVIDER_UNREACHABLE,
    )


def _refusal(result: Mapping[str, Any]) -> SignInRefused:
    error = str(result.get("error", "unknown_error"))
    if error in _CANCELLED_ERRORS:
        return SignInRefused("Sign-in was cancelled.", FailureReason.SIGN_IN_CANCELLED)
    if error == "expired_token":
        return SignInRefused(
            "The sign-in code expired; start again.", FailureReason.SIGN_IN_TIMED_OUT
        )
    # AADSTS codes name the policy that refused (e.g. AADSTS53003, Conditional Access) and
    # carry no personal data; the free-text description may, so it stays out.
    description = str(result.get("error_description", ""))
    code = description.split(":", 1)[0] if description.startswith("AADSTS") else error
    return SignInRefused(
        f"Microsoft Entra ID refused the sign-in ({code}); tell IT if this persists.",
        FailureReason.IDENTITY_PROVIDER_REFUSED,
    )


_GRANT_REFUSALS: Final[Mapping[str, tuple[FailureReason, str]]] = {
    # Inactivity, and Conditional Access sign-in frequency: the sign-in simply ran out.
    "700082": (FailureReason.TOKEN_EXPIRED, "Your Microsoft sign-in has expired."),
    "70043": (FailureReason.TOKEN_EXPIRED, "Your Microsoft sign-in has expired."),
    # Revoke sessions, a password change or reset.
    "50173": (FailureReason.TOKEN_REVOKED, "Your Microsoft sign-in was revoked."),
    "50133": (FailureReason.TOKEN_REVOKED, "Your Microsoft sign-in was revoked."),
    "50132": (FailureReason.TOKEN_REVOKED, "Your Microsoft sign-in was revoked."),
    "50057": (FailureReason.ACCOUNT_DISABLED, "Your account is disabled; contact IT."),
    "50053": (FailureReason.ACCOUNT_LOCKED, "Your account is locked; contact IT."),
    "50055": (FailureReason.PASSWORD_EXPIRED, "Your password has expired."),
}
_AADSTS_CODE = re.compile(r"^AADSTS(\d+)")


def _grant_refusal(result: Mapping[str, Any]) -> SignInRefused:
    """Why a silent renewal of a running session failed; the session locks either way.

    A cache with no refresh token for the person (signed out here, cache lost) reads as
    expired: there is nothing left to renew.
    """
    if result.get("error") != "invalid_grant":
        return _refusal(result)
    codes = [str(code) for code in result.get("error_codes") or ()]
    described = _AADSTS_CODE.match(str(result.get("error_description", "")))
    if described:
        codes.append(described.group(1))
    reason, message = next(
        (_GRANT_REFUSALS[code] for code in codes if code in _GRANT_REFUSALS),
        (FailureReason.TOKEN_EXPIRED, "Your Microsoft sign-in has expired."),
    )
    return SignInRefused(f"{message} Sign in again to continue.", reason)


class IdTokenVerifier:
    """Checks ID tokens against the issuer's discovery document and signing keys."""

    def __init__(self, config: EntraConfig, http_client: HttpClient) -> None:
        self._config = config
        self._http = http_client
        self._issuer: str | None = None
        self._jwks_uri: str | None = None
        self._keys: dict[str, jwt.PyJWK] = {}

    def claims(self, id_token: str, nonce: str | None) -> dict[str, Any]:
        """The token's claims once every check passed; `nonce` is the one this flow sent."""
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError:
            raise _invalid_token("not a JSON Web Token") from None
        if header.get("alg") != _SIGNING_ALGORITHM:
            raise _bad_signature()
        key = self._signing_key(str(header.get("kid", "")))
        issuer = self._discovery()[0]
        try:
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key=key,
                algorithms=[_SIGNING_ALGORITHM],
                audience=self._config.client_id,
                issuer=issuer,
                leeway=_CLOCK_SKEW_S,
                options={"require": _REQUIRED_CLAIMS},
            )
        except jwt.InvalidSignatureError:
            raise _bad_signature() from None
        except jwt.ExpiredSignatureError:
            raise _invalid_token("it has expired", about_time=True) from None
        except jwt.ImmatureSignatureError:
            raise _invalid_token("it is not valid yet", about_time=True) from None
        except jwt.InvalidAudienceError:
            raise _invalid_token("it was issued to another application") from None
        except jwt.InvalidIssuerError:
            raise _invalid_token("it comes from another issuer") from None
        except jwt.PyJWTError:
            raise _invalid_token("it is malformed") from None
        if nonce is not None and claims.get("nonce") != nonce:
            raise _invalid_token("it answers another sign-in")
        if str(claims["tid"]).lower() != self._config.tenant_id:
            raise _invalid_token("it belongs to another organisation")
        return claims

    def _signing_key(self, key_id: str) -> jwt.PyJWK:
        if key_id not in self._keys:
            self._keys = self._fetch_keys()  # the issuer may have rolled its keys over
        key = self._keys.get(key_id)
        if key is None:
            raise _bad_signature()
        return key

    def _discovery(self) -> tuple[str, str]:
        if self._issuer is None or self._jwks_uri is None:
            document = self._get_json(self._config.discovery_url)
            issuer, jwks_uri = document.get("issuer"), document.get("jwks_uri")
            if not isinstance(issuer, str) or not isinstance(jwks_uri, str):
                raise _invalid_token("the issuer publishes no signing keys")
            if urlsplit(jwks_uri).scheme != "https":
                raise _invalid_token("the issuer's signing keys are not served over https")
            self._issuer, self._jwks_uri = issuer, jwks_uri
        return self._issuer, self._jwks_uri

    def _fetch_keys(self) -> dict[str, jwt.PyJWK]:
        document = self._get_json(self._discovery()[1])
        try:
            key_set = jwt.PyJWKSet.from_dict(document)
        except jwt.PyJWTError:
            raise _invalid_token("the issuer's signing keys are unreadable") from None
        return {key.key_id: key for key in key_set.keys if key.key_id}

    def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = self._http.get(url, timeout=self._config.timeout_seconds)
        except OSError:  # requests' errors, TLS failures included, derive from OSError
            raise _unreachable() from None
        if response.status_code != HTTPStatus.OK:
            raise _unreachable()
        try:
            document = json.loads(response.text)
        except ValueError:
            raise _invalid_token("the issuer's metadata is unreadable") from None
        if not isinstance(document, dict):
            raise _invalid_token("the issuer's metadata is unreadable")
        return document


class _RedirectServer(TCPServer):
    # SO_REUSEADDR would let another program on Windows bind the same port and read the code.
    allow_reuse_address = False

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _RedirectHandler)
        self.expected_state = ""
        self.response: dict[str, str] | None = None
        self.received = threading.Event()


class _RedirectHandler(BaseHTTPRequestHandler):
    server: _RedirectServer
    timeout = 5  # a browser's speculative, silent connection must not block the real one

    def do_POST(self) -> None:
        """The authorization response as `response_mode=form_post` delivers it."""
        length_header = self.headers.get("Content-Length") or ""
        length = int(length_header) if length_header.isdigit() else 0
        if not 0 < length <= _MAX_FORM_BYTES:
            self._reply(HTTPStatus.BAD_REQUEST, "This is not the sign-in WardScribe expects.")
            return
        self._take(dict(parse_qsl(self.rfile.read(length).decode("ascii", "replace"))))

    def do_GET(self) -> None:
        self._take(dict(parse_qsl(urlsplit(self.path).query)))

    def _take(self, params: dict[str, str]) -> None:
        expected = self.server.expected_state
        belongs_here = bool(expected) and params.get("state") == expected
        if (
            not belongs_here
            or not {"code", "error"} & params.keys()
            or self.server.received.is_set()
        ):
            self._reply(HTTPStatus.BAD_REQUEST, "This is not the sign-in WardScribe expects.")
            return
        self.server.response = params
        self.server.received.set()
        if "code" in params:
            self._reply(HTTPStatus.OK, "Signed in. Close this tab and return to WardScribe.")
        else:
            self._reply(HTTPStatus.OK, "Sign-in did not complete. Return to WardScribe.")

    def _reply(self, status: HTTPStatus, text: str) -> None:
        body = f"<!doctype html><title>WardScribe</title><p>{text}</p>".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: requests carry the authorization code."""


class LoopbackRedirect:
    """A one-shot listener for `http://localhost:PORT`, bound to 127.0.0.1 only."""

    def __init__(self, port: int | None) -> None:
        self._server = _RedirectServer(port or 0)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="wardscribe-sign-in-redirect",
            daemon=True,
        )

    @property
    def redirect_uri(self) -> str:
        # Entra ID registers public-client loopback redirects as http://localhost (any port).
        return f"http://localhost:{self._server.server_address[1]}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def expect(self, state: str) -> None:
        """Accept only the response carrying `state`, the one MSAL put in this request."""
        self._server.expected_state = state

    def wait(self, timeout_s: float) -> dict[str, str] | None:
        """The authorization response, or None when `timeout_s` ran out first."""
        if not self._server.received.wait(timeout_s):
            return None
        return self._server.response


class EntraIdProvider:
    """Entra ID sign-in: interactive (WAM or system browser), device code, and silent refresh.

    Sessions are keyed on `tid:oid` (the MSAL account `oid.tid`), never on the UPN, which can
    be renamed or reassigned.
    """

    def __init__(
        self,
        config: EntraConfig,
        token_cache: msal.TokenCache,
        http_client: HttpClient | None = None,
        *,
        browser_opener: BrowserOpener = webbrowser.open,
        platform: str = sys.platform,
    ) -> None:
        self._config = config
        self._token_cache = token_cache
        self._http_client = http_client
        self._open_browser = browser_opener
        self._use_broker = (
            config.use_broker and platform == "win32" and config.oidc_authority is None
        )
        self._app: Any = None
        self._verifier: IdTokenVerifier | None = None

    @property
    def kind(self) -> ProviderKind:
        return ProviderKind.ENTRA_ID

    def sign_in_interactive(
        self, *, parent_window_handle: int | None = None, login_hint: str | None = None
    ) -> Principal:
        """Sign in a person with the Web Account Manager (Windows) or the system browser.

        `parent_window_handle` is the native handle of the sign-in window (for Qt,
        `int(widget.winId())`), so WAM's dialog opens above it.
        """
        app = self._application()
        if self._use_broker:
            result = self._call(
                lambda: app.acquire_token_interactive(
                    list(self._config.scopes),
                    prompt="select_account",
                    login_hint=login_hint,
                    parent_window_handle=parent_window_handle or app.CONSOLE_WINDOW_HANDLE,
                    timeout=self._config.sign_in_timeout_seconds,
                )
            )
            return self.principal_from_result(result)
        return self._sign_in_in_browser(app, login_hint)

    def sign_in_with_device_code(self, show_code: Callable[[DeviceCodePrompt], None]) -> Principal:
        """Sign in on another device with a short code; only where IT's policy allows it.

        Blocks while it polls the identity provider, so call it off the UI thread.
        """
        if not self._config.allow_device_code:
            raise SignInRefused(
                "Signing in with a code on another device is turned off on this workstation; "
                "use the browser sign-in.",
                FailureReason.DEVICE_CODE_DISABLED,
            )
        app = self._application()
        flow = self._call(lambda: app.initiate_device_flow(scopes=list(self._config.scopes)))
        if "user_code" not in flow:
            raise _refusal(flow)
        show_code(
            DeviceCodePrompt(
                user_code=str(flow["user_code"]),
                verification_uri=str(flow["verification_uri"]),
                message=str(flow.get("message", "")),
                expires_in_seconds=int(flow.get("expires_in", 0)),
            )
        )
        return self.principal_from_result(
            self._call(lambda: app.acquire_token_by_device_flow(flow))
        )

    def sign_in_silently(self, user_id: str) -> Principal | None:
        """The person `user_id` (`tid:oid`) again, from the token cache, or None.

        This proves the account is still enabled and still holds a role; it does not prove
        who is at the keyboard, so it must never unlock a locked session on its own.
        """
        app = self._application()
        account = self._cached_account(app, user_id)
        if account is None:
            return None
        result = self._call(
            lambda: app.acquire_token_silent_with_error(
                list(self._config.scopes), account, force_refresh=True
            )
        )
        if not result or "error" in result:
            return None
        principal = self.principal_from_result(result)
        if principal.user_id != user_id:
            raise _invalid_token("it names another person")
        return principal

    def refresh(self, principal: Principal) -> Principal | None:
        """The renewed principal, or None when the sign-in expired or was revoked: lock then.

        Raises `ProviderUnavailable` when Entra ID cannot be reached, which is no verdict.
        """
        try:
            return self.revalidate(principal)
        except SignInRefused as refusal:
            if refusal.reason in (FailureReason.TOKEN_EXPIRED, FailureReason.TOKEN_REVOKED):
                return None
            raise

    def revalidate(self, principal: Principal) -> Principal:
        """The person renewed from the token cache with a forced refresh, or a refusal saying why.

        The refresh token is redeemed every time, because only Entra ID knows whether the
        account was disabled, its sessions revoked or its role removed since sign-in. A
        refusal carries `token_expired` or `token_revoked` (or the account's state where Entra
        names it); `ProviderUnavailable` is no verdict.
        """
        app = self._application()
        account = self._cached_account(app, principal.user_id)
        if account is None:
            raise _grant_refusal({"error": "invalid_grant"})
        result = self._call(
            lambda: app.acquire_token_silent_with_error(
                list(self._config.scopes), account, force_refresh=True
            )
        )
        if not result:
            raise _grant_refusal({"error": "invalid_grant"})
        if "error" in result:
            raise _grant_refusal(result)
        renewed = self.principal_from_result(result)
        if renewed.user_id != principal.user_id:
            raise _invalid_token("it names another person")
        return renewed

    def sign_out(self, principal: Principal) -> None:
        """Forget the person's tokens on this workstation, so the next user cannot reuse them."""
        app = self._application()
        account = self._cached_account(app, principal.user_id)
        if account is not None:
            app.remove_account(account)

    def principal_from_result(
        self, result: Mapping[str, Any], *, nonce: str | None = None
    ) -> Principal:
        """The person an MSAL result names, from its verified ID token only."""
        if "error" in result:
            raise _refusal(result)
        id_token = result.get("id_token")
        if not isinstance(id_token, str):
            raise _invalid_token("it carries no ID token")
        claims = self._token_verifier().claims(id_token, nonce)
        username = str(claims.get("preferred_username") or claims.get("upn") or claims["oid"])
        return Principal(
            user_id=f"{str(claims['tid']).lower()}:{str(claims['oid']).lower()}",
            username=username,
            display_name=str(claims.get("name") or username),
            role=roles_from_claims(claims, self._config.role_mapping),
            provider=ProviderKind.ENTRA_ID,
        )

    def _sign_in_in_browser(self, app: Any, login_hint: str | None) -> Principal:
        try:
            listener = LoopbackRedirect(self._config.redirect_port)
        except OSError:
            raise SignInRefused(
                f"The sign-in port {self._config.redirect_port} is taken by another program; "
                "tell IT.",
                FailureReason.LOOPBACK_UNAVAILABLE,
            ) from None
        with listener:
            flow = self._call(
                lambda: app.initiate_auth_code_flow(
                    list(self._config.scopes),
                    redirect_uri=listener.redirect_uri,
                    # The browser on a shared workstation still holds the previous user's
                    # session: ask for credentials every time.
                    prompt="login",
                    login_hint=login_hint,
                    # The code travels in a POST body, not in a URL the browser keeps.
                    response_mode="form_post",
                )
            )
            listener.expect(str(flow["state"]))
            if self._open_browser(str(flow["auth_uri"])) is False:
                raise SignInRefused(
                    "No web browser could be opened on this workstation; tell IT.",
                    FailureReason.NO_BROWSER,
                )
            response = listener.wait(self._config.sign_in_timeout_seconds)
        if response is None:
            raise SignInRefused(
                "Sign-in timed out waiting for the browser; try again.",
                FailureReason.SIGN_IN_TIMED_OUT,
            )
        try:
            result = self._call(lambda: app.acquire_token_by_auth_code_flow(flow, response))
        except (ValueError, RuntimeError):  # MSAL's state and nonce checks
            raise _invalid_token("it answers another sign-in") from None
        sent_nonce = parse_qs(urlsplit(str(flow["auth_uri"])).query).get("nonce", [""])[0]
        return self.principal_from_result(result, nonce=sent_nonce)

    def _application(self) -> Any:
        if self._app is None:
            options: dict[str, Any] = {
                "token_cache": self._token_cache,
                "http_client": self._http_client,
            }
            if self._http_client is None:
                options["timeout"] = self._config.timeout_seconds
            if self._config.oidc_authority:
                options.update(oidc_authority=self._config.oidc_authority, instance_discovery=False)
            else:
                options["authority"] = self._config.authority
            if self._use_broker:
                options["enable_broker_on_windows"] = True
            try:
                self._app = msal.PublicClientApplication(self._config.client_id, **options)
            except OSError:
                raise _unreachable() from None
            except ValueError:
                raise SignInRefused(
                    "The identity provider did not accept this workstation's Entra ID "
                    "settings (tenant or authority); tell IT.",
                    FailureReason.IDENTITY_PROVIDER_REFUSED,
                ) from None
        return self._app

    def _token_verifier(self) -> IdTokenVerifier:
        if self._verifier is None:
            raw_client = self._application().http_client
            # MSAL wraps the client in a cache that keeps GET answers for a day; key rollover
            # needs fresh answers, so the verifier talks to the wrapped client directly.
            self._verifier = IdTokenVerifier(
                self._config, getattr(raw_client, "http_client", raw_client)
            )
        return self._verifier

    @staticmethod
    def _call(request: Callable[[], Any]) -> Any:
        try:
            return request()
        except OSError:  # requests' errors, TLS failures included, derive from OSError
            raise _unreachable() from None

    @staticmethod
    def _cached_account(app: Any, user_id: str) -> Any:
        tenant_id, _, object_id = user_id.partition(":")
        home_account_id = f"{object_id}.{tenant_id}"
        for account in app.get_accounts():
            if str(account.get("home_account_id", "")).lower() == home_account_id:
                return account
        return None
