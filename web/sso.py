"""Single sign-on: log in with the organisation's own account (OpenID Connect).

A gemeente already keeps its staff, and who may do what, in an identity provider (Entra
ID, ADFS, Keycloak). With single sign-on Buurtmonitor asks that provider who someone is
and takes the role from their groups, so leaving a team there also ends the upload rights
here, and nobody needs a second password.

The flow (authorization code with PKCE, through Authlib's Flask client):

1. ``/login/sso`` reads the provider's discovery document, keeps state, nonce and the PKCE
   verifier in the session and redirects to the provider.
2. The provider sends the browser back to ``/login/sso/callback?code=…&state=…``. The
   state must be the one in this session (once only); the code is exchanged on the back
   channel with the verifier; the ID token must be signed by a key of the provider's JWKS
   with an asymmetric algorithm, name the provider as issuer and this client as audience,
   carry our nonce and not have expired.
3. Username and role come from its claims (:func:`username_for`, :func:`role_for`), the
   account from :func:`monitor.users.sso_login`, the session from the same code as a
   password login. Every refusal writes ``login.sso_failed`` with the reason and shows a
   fixed Dutch message on the login page (:data:`ERRORS`); details stay in the audit log.

The login page starts the flow with a link, not a form: the CSP says ``form-action
'self'``, and Chromium applies that to the redirects after a form submission as well, so
a form posting to ``/login/sso`` could not continue to the provider. A link is a plain
navigation, which the CSP does not restrict.

Nothing here contacts the provider before someone starts a login: without a network the
app starts and password logins keep working; the single sign-on button then leads back to
the login page with a message that the provider cannot be reached.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, abort, redirect, request, session, url_for
from joserfc.errors import JoseError

from monitor import audit
from monitor import users as accounts
from monitor.access import ROLES, highest
from monitor.config import Settings
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store
from web.marks import public
from web.security import safe_next

START_PATH = "/login/sso"
CALLBACK_PATH = "/login/sso/callback"
#: Refusal code (the ``sso_fout`` parameter of the login page) → message key.
ERRORS: dict[str, str] = {
    "geen_rol": "auth.sso_no_role",
    "geen_naam": "auth.sso_no_name",
    "lokaal": "auth.sso_local",
    "uitgeschakeld": "auth.sso_disabled",
    "verlopen": "auth.sso_expired",
    "geweigerd": "auth.sso_denied",
    "ongeldig": "auth.sso_invalid",
    "onbereikbaar": "auth.sso_unreachable",
}
#: ID token signatures we accept: public-key algorithms only (never ``none``, never a
#: shared secret), whatever the discovery document offers.
SIGNING_ALGORITHMS = (
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
)
#: Seconds of clock difference with the provider accepted on exp, iat and nbf.
LEEWAY = 60
#: Seconds to wait for the provider (discovery, token, JWKS) before giving up.
TIMEOUT = 10
#: Hosts that may serve the issuer over plain http (a provider on the same machine).
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class SsoConfig:
    """The single sign-on settings, checked."""

    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    role_claim: str
    #: Claim value (group) → role.
    roles: Mapping[str, str]
    #: Role for someone in none of the groups; None: refuse.
    default_role: str | None
    link_local: bool
    #: Empty: derived from the request (behind a proxy see ``MONITOR_TRUSTED_PROXIES``).
    redirect_uri: str


class InvalidProvider(Exception):
    """The provider's discovery document or answer cannot be trusted or used."""


def discovery_url(issuer: str) -> str:
    """OpenID Connect Discovery: the issuer without a trailing slash, plus the well-known path."""
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def parse_roles(text: str) -> dict[str, str]:
    """``MONITOR_OIDC_ROLES``: ``group=role`` pairs, separated by commas, or by semicolons or
    new lines when a group name holds commas (an LDAP DN: ``CN=Analisten,OU=…=analist``).
    Each pair splits at its last ``=``."""
    separator = r"[;\n]" if ";" in text or "\n" in text else ","
    mapping: dict[str, str] = {}
    for item in re.split(separator, text):
        item = item.strip()
        if not item:
            continue
        group, equals, role = item.rpartition("=")
        group, role = group.strip(), role.strip()
        if not equals or not group:
            raise MonitorError(t("sso.err.pair", item=item))
        if role not in ROLES:
            raise MonitorError(t("sso.err.role", role=role, group=group, roles=", ".join(ROLES)))
        if mapping.get(group, role) != role:
            raise MonitorError(
                t("sso.err.group_twice", group=group, first=mapping[group], second=role)
            )
        mapping[group] = role
    return mapping


def config_from(settings: Settings) -> SsoConfig | None:
    """The checked configuration, or None when single sign-on is off (no issuer).

    A configuration that cannot work stops the app at start with a Dutch message, rather
    than failing at the first login.
    """
    issuer = settings.oidc_issuer
    if not issuer:
        return None
    parts = urlsplit(issuer)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS):
        raise MonitorError(t("sso.err.https", issuer=issuer))
    if not settings.oidc_client_id:
        raise MonitorError(t("sso.err.client_id"))
    if "openid" not in settings.oidc_scopes.split():
        raise MonitorError(t("sso.err.openid", scopes=settings.oidc_scopes))
    roles = parse_roles(settings.oidc_roles)
    default_role = settings.oidc_default_role or None
    if default_role is not None and default_role not in ROLES:
        raise MonitorError(t("sso.err.default_role", role=default_role, roles=", ".join(ROLES)))
    if not roles and default_role is None:
        raise MonitorError(t("sso.err.nobody"))
    return SsoConfig(
        issuer=issuer,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        scopes=settings.oidc_scopes,
        role_claim=settings.oidc_role_claim,
        roles=roles,
        default_role=default_role,
        link_local=settings.oidc_link_local,
        redirect_uri=settings.oidc_redirect_uri,
    )


def claim_values(claims: Mapping[str, Any], name: str) -> list[str]:
    """The values of a claim as a list of strings: a list claim as it is, a string as one
    value. A dotted name reaches into objects (Keycloak's ``realm_access.roles``) when no
    claim has that exact name (claim names can hold dots: URLs)."""
    if name in claims:
        value: Any = claims[name]
    else:
        value = claims
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if isinstance(v, str | int) and not isinstance(v, bool)]
    return []


def role_for(claims: Mapping[str, Any], config: SsoConfig) -> str | None:
    """The highest role any of the user's groups maps to; else the default role (None:
    refuse)."""
    groups = claim_values(claims, config.role_claim)
    matched = highest([config.roles[group] for group in groups if group in config.roles])
    return matched or config.default_role


def username_for(claims: Mapping[str, Any]) -> str:
    """The Buurtmonitor username: ``preferred_username``, else the e-mail address (unless the
    provider says it is unverified), in lower case. Not namespaced: the names a municipal
    provider gives (``j.jansen@gemeente.nl``) are the names colleagues know; a clash with a
    local account is refused in :func:`monitor.users.sso_login`."""
    seen = []
    for claim in ("preferred_username", "email"):
        value = claims.get(claim)
        if not isinstance(value, str) or not value.strip():
            continue
        if claim == "email" and claims.get("email_verified") is False:
            seen.append(f"{claim} {value!r} (niet bevestigd)")
            continue
        name = accounts.normalise_username(value)
        if accounts.USERNAME.match(name):
            return name
        seen.append(f"{claim} {value!r}")
    found = "; ".join(seen) or "geen preferred_username of e-mailadres"
    raise accounts.SsoRefused("geen_naam", f"geen bruikbare gebruikersnaam: {found}")


def claims_options(issuer: str, client_id: str) -> dict[str, dict[str, Any]]:
    """What the ID token must say (Authlib checks exp, iat and nonce itself). A fresh dict
    every time: Authlib changes the one it gets."""
    return {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
    }


# -- Flask glue ----------------------------------------------------------------------------


def install(
    server: Flask,
    *,
    settings: Settings,
    get_store: Callable[[], Store],
    start_session: Callable[[accounts.Account], None],
    login_url: Callable[..., str],
    lang: Callable[[], str],
) -> bool:
    """Register the start and callback views (always, so the access test sees them; they
    answer 404 while single sign-on is off). Returns whether single sign-on is on.

    ``start_session`` is the password login's own session setup; ``login_url(**params)``
    builds a login page URL; ``lang()`` is the language of the current request.
    """
    config = config_from(settings)
    client: Any = None
    if config is not None:
        client_kwargs: dict[str, Any] = {
            "scope": config.scopes,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT,
        }
        if not config.client_secret:
            client_kwargs["token_endpoint_auth_method"] = "none"  # a public client: PKCE only
        client = OAuth(server).register(
            "sso",
            client_id=config.client_id,
            client_secret=config.client_secret or None,
            server_metadata_url=discovery_url(config.issuer),
            client_kwargs=client_kwargs,
        )

    def provider() -> dict[str, Any]:
        """The discovery document (fetched once per process), checked: it must name the
        configured issuer, and the accepted signature algorithms are narrowed to ours."""
        assert client is not None and config is not None
        metadata = client.load_server_metadata()
        issuer = str(metadata.get("issuer") or "")
        offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
        algorithms = [a for a in offered if a in SIGNING_ALGORITHMS]
        problem = ""
        if issuer.rstrip("/") != config.issuer.rstrip("/"):
            problem = f"discovery noemt issuer {issuer!r}, verwacht {config.issuer!r}"
        elif not algorithms:
            problem = f"geen ondertekening met een publieke sleutel: {offered}"
        if problem:
            client.server_metadata.clear()  # fetch again next time: the provider may be fixed
            raise InvalidProvider(problem)
        metadata["id_token_signing_alg_values_supported"] = algorithms
        return metadata

    def refuse(code: str, reason: str, language: str, target: str, username: str = "") -> Any:
        audit.record(
            get_store(),
            username or "anoniem",
            "login.sso_failed",
            username,
            {"reden": reason, "remote": request.remote_addr},
        )
        return redirect(
            login_url(lang=language, next=target if target != "/" else "", sso_fout=code)
        )

    @server.route(START_PATH, endpoint="monitor_sso")
    @public
    def sso_start() -> Any:
        if client is None:
            abort(404)
        language = lang()
        target = safe_next(request.args.get("next"))
        try:
            provider()
        except (requests.RequestException, ValueError) as exc:
            return refuse("onbereikbaar", f"discovery: {exc}", language, target)
        except InvalidProvider as exc:
            return refuse("ongeldig", f"discovery: {exc}", language, target)
        session["sso_next"] = target
        session["sso_lang"] = language
        redirect_uri = config.redirect_uri or url_for("monitor_sso_callback", _external=True)
        return client.authorize_redirect(redirect_uri)

    @server.route(CALLBACK_PATH, endpoint="monitor_sso_callback")
    @public
    def sso_callback() -> Any:
        if client is None:
            abort(404)
        language = session.pop("sso_lang", None) or lang()
        target = safe_next(session.pop("sso_next", None))
        username = ""
        try:
            issuer = provider()["issuer"]
            token = client.authorize_access_token(
                claims_options=claims_options(issuer, config.client_id), leeway=LEEWAY
            )
            claims = token.get("userinfo")
            if not claims:
                raise InvalidProvider("geen ID-token in het antwoord van de inlogdienst")
            username = username_for(claims)
            role = role_for(claims, config)
            if role is None:
                groups = claim_values(claims, config.role_claim)
                raise accounts.SsoRefused("geen_rol", f"geen rol voor {config.role_claim}={groups}")
            name = claims.get("name")
            account = accounts.sso_login(
                get_store(),
                username,
                role,
                display_name=name[:200] if isinstance(name, str) and name.strip() else None,
                remote=request.remote_addr,
                link_local=config.link_local,
            )
        except accounts.SsoRefused as exc:
            return refuse(exc.code, exc.reason, language, target, username)
        except MismatchingStateError:
            reason = "state onbekend in deze sessie (verlopen, al gebruikt of van een ander)"
            return refuse("verlopen", reason, language, target)
        except OAuthError as exc:
            said = ": ".join(str(part) for part in (exc.error, exc.description) if part)
            if request.args.get("error"):  # the provider refused, or the user cancelled
                return refuse("geweigerd", said, language, target)
            return refuse("ongeldig", f"tokenendpoint: {said}", language, target)
        except requests.RequestException as exc:
            return refuse("onbereikbaar", f"{type(exc).__name__}: {exc}", language, target)
        except (JoseError, AuthlibBaseError, InvalidProvider, ValueError, KeyError) as exc:
            reason = f"ID-token: {type(exc).__name__}: {exc}"
            return refuse("ongeldig", reason, language, target, username)
        start_session(account)
        return redirect(target)

    return client is not None


def start_url(next_target: str, language: str) -> str:
    """The link on the login page that starts single sign-on."""
    params = {"lang": language, "next": next_target if next_target != "/" else ""}
    return START_PATH + "?" + urlencode({k: v for k, v in params.items() if v})
