"""Single sign-on (OpenID Connect) against a stub identity provider.

The stub is a small Flask app on a free local port, in a thread: discovery, an
``/authorize`` that approves at once (or refuses) for a configurable person, a ``/token``
that checks the code, the client's secret and the PKCE verifier and returns an ID token
signed RS256 with a key made here, and ``/jwks``. The app's side runs for real: Authlib
fetches discovery, token and keys over HTTP from the stub; the browser's part (following
the redirects) is done with ``requests`` and Flask's test client, and once in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
import sqlalchemy as sa
from flask import Flask, jsonify, redirect, request
from hypothesis import given
from hypothesis import strategies as st
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey
from werkzeug.serving import make_server

import web as auth
from monitor import demo, jobs, users
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.store import Store, audit_log
from monitor.store import users as users_table
from tests.support import (
    TEST_PASSWORD,
    app_server,
    browser_page,
    callback_body,
    csrf_header,
    dash_app_in_process,
    free_port,
    login_form_token,
)
from web import sso

CLIENT_ID = "buurtmonitor"
CLIENT_SECRET = "stub-geheim-voor-de-test-0123456789"
ROLE_MAP = "buurtmonitor-lezer=lezer,buurtmonitor-analist=analist,buurtmonitor-beheer=beheerder"
JAN = {
    "sub": "0f3c9a",
    "preferred_username": "J.Jansen@Voorbeeldstad.nl",
    "email": "j.jansen@voorbeeldstad.nl",
    "name": "Jan Jansen",
    "groups": ["medewerkers", "buurtmonitor-analist"],
}


# -- the stub identity provider --------------------------------------------------------------


@dataclass
class StubProvider:
    """An OpenID provider that approves whoever asks, as ``person``; ``tamper`` changes the
    next ID tokens (claims to override, or ``sign_with_rogue``); ``deny`` refuses."""

    key: RSAKey
    rogue: RSAKey
    issuer: str = ""
    person: dict[str, Any] = field(default_factory=dict)
    tamper: dict[str, Any] = field(default_factory=dict)
    sign_with_rogue: bool = False
    #: Sign with HS256 and the client secret (algorithm confusion) instead of the RSA key.
    sign_with_secret: bool = False
    deny: bool = False
    #: Query parameters of every /authorize request; form fields of every /token request.
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)

    def reset(self) -> None:
        self.person = dict(JAN)
        self.tamper = {}
        self.sign_with_rogue = self.sign_with_secret = self.deny = False
        self.authorize_requests.clear()
        self.token_requests.clear()

    def wsgi(self) -> Flask:
        stub = Flask("stub-idp")

        @stub.get("/.well-known/openid-configuration")
        def discovery() -> Any:
            return jsonify(
                issuer=self.issuer,
                authorization_endpoint=f"{self.issuer}/authorize",
                token_endpoint=f"{self.issuer}/token",
                jwks_uri=f"{self.issuer}/jwks",
                response_types_supported=["code"],
                subject_types_supported=["public"],
                id_token_signing_alg_values_supported=["RS256", "none"],
                code_challenge_methods_supported=["S256"],
                token_endpoint_auth_methods_supported=["client_secret_basic"],
            )

        @stub.get("/jwks")
        def jwks() -> Any:
            return jsonify(keys=[self.key.as_dict(private=False)])

        @stub.get("/authorize")
        def authorize() -> Any:
            params = request.args.to_dict()
            self.authorize_requests.append(params)
            back = params["redirect_uri"]
            if self.deny:
                query = {"error": "access_denied", "state": params.get("state", "")}
                return redirect(f"{back}?{urlencode(query)}")
            assert params["response_type"] == "code" and params["client_id"] == CLIENT_ID
            code = secrets.token_urlsafe(16)
            self.codes[code] = params
            return redirect(f"{back}?{urlencode({'code': code, 'state': params['state']})}")

        @stub.post("/token")
        def token() -> Any:
            form = request.form.to_dict()
            self.token_requests.append(form)
            expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if request.headers.get("Authorization") != f"Basic {expected}":
                return jsonify(error="invalid_client"), 401
            asked = self.codes.pop(form.get("code", ""), None)  # a code works once
            if asked is None or form.get("redirect_uri") != asked["redirect_uri"]:
                return jsonify(error="invalid_grant", error_description="onbekende code"), 400
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if challenge != asked.get("code_challenge"):
                return jsonify(error="invalid_grant", error_description="PKCE klopt niet"), 400
            now = int(time.time())
            claims = {
                "iss": self.issuer,
                "aud": CLIENT_ID,
                "iat": now,
                "exp": now + 300,
                "nonce": asked["nonce"],
                **self.person,
                **self.tamper,
            }
            if self.sign_with_secret:
                secret = OctKey.import_key(CLIENT_SECRET)
                id_token = jwt.encode({"alg": "HS256"}, claims, secret, algorithms=["HS256"])
            else:
                key = self.rogue if self.sign_with_rogue else self.key
                id_token = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
            return jsonify(
                access_token=secrets.token_urlsafe(16),
                token_type="Bearer",
                expires_in=300,
                id_token=id_token,
            )

        return stub


@pytest.fixture(scope="module")
def provider() -> Iterator[StubProvider]:
    key = RSAKey.generate_key(2048, parameters={"kid": "stub-1"})
    # Same key id, never published: a token signed with it must fail the signature check.
    rogue = RSAKey.generate_key(2048, parameters={"kid": "stub-1"})
    stub = StubProvider(key=key, rogue=rogue)
    server = make_server("127.0.0.1", 0, stub.wsgi(), threaded=True)
    stub.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def idp(provider: StubProvider) -> StubProvider:
    provider.reset()
    return provider


# -- the app under test: auth.install on a small Flask app -----------------------------------


@pytest.fixture
def make_app(
    tmp_path: Path, idp: StubProvider, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., tuple[Flask, Store]]]:
    """``make_app(**settings)``: a Flask app with ``auth.install`` and single sign-on against
    the stub, one read view (``/wie``: who and which role) and one analist action."""
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "0")
    store = Store(f"sqlite:///{tmp_path / 'sso.sqlite'}")
    store.upgrade()

    def make(**overrides: Any) -> tuple[Flask, Store]:
        server = Flask(f"sso-{secrets.token_hex(3)}")

        @server.route("/wie")
        @auth.reads
        def who() -> str:
            return f"{auth.current_actor()} {auth.current_role()}"

        @server.route("/wijzig", methods=["POST"])
        @auth.changes("analist")
        def change() -> str:
            return "gewijzigd door " + auth.current_actor()

        values = {
            "data_dir": tmp_path,
            "secret_key": "s" * 32,
            "cookie_secure": False,
            "oidc_issuer": idp.issuer,
            "oidc_client_id": CLIENT_ID,
            "oidc_client_secret": CLIENT_SECRET,
            "oidc_roles": ROLE_MAP,
        }
        settings = replace(get_settings(), **{**values, **overrides})
        auth.install(
            server,
            get_store=lambda: store,
            callback_of=lambda _output: None,
            csp_hashes=lambda: ["'sha256-test='"],
            settings=settings,
        )
        return server, store

    yield make
    store.engine.dispose()


def start(client: Any, idp: StubProvider, path: str = "/login/sso") -> str:
    """Start single sign-on and let the stub approve; returns the callback path and query
    the provider sends the browser back to."""
    answer = client.get(path)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    location = answer.headers["Location"]
    assert location.startswith(f"{idp.issuer}/authorize?")
    back = requests.get(location, allow_redirects=False, timeout=10)
    assert back.status_code == 302
    parts = urlsplit(back.headers["Location"])
    assert parts.path == "/login/sso/callback"
    return f"{parts.path}?{parts.query}"


def sso_login(client: Any, idp: StubProvider, path: str = "/login/sso") -> Any:
    """The whole flow; returns the app's answer to the callback."""
    return client.get(start(client, idp, path))


def refusal(answer: Any) -> str:
    """The ``sso_fout`` code of a refused login's redirect to the login page."""
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert location.path == "/login"
    return parse_qs(location.query)["sso_fout"][0]


def audit_lines(store: Store) -> list[tuple[str, str, str, dict[str, Any]]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                audit_log.c.actor, audit_log.c.action, audit_log.c.target, audit_log.c.detail
            ).order_by(audit_log.c.id)
        ).all()
    return [(a, b, c, json.loads(d) if d else {}) for a, b, c, d in rows]


def account_names(store: Store) -> list[str]:
    return users.frame(store)["username"].tolist()


# -- configuration and claims ----------------------------------------------------------------


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ISSUER", "SCOPES", "ROLE_CLAIM", "ROLES", "DEFAULT_ROLE", "LINK_LOCAL"):
        monkeypatch.delenv(f"MONITOR_OIDC_{name}", raising=False)
    off = get_settings()
    assert off.oidc_issuer == "" and sso.config_from(off) is None
    assert off.oidc_scopes == "openid profile email" and off.oidc_role_claim == "groups"
    monkeypatch.setenv("MONITOR_OIDC_ISSUER", "https://login.voorbeeldstad.nl/realms/gemeente")
    monkeypatch.setenv("MONITOR_OIDC_CLIENT_ID", "buurtmonitor")
    monkeypatch.setenv("MONITOR_OIDC_ROLES", "bm-analist=analist, bm-beheer=beheerder")
    monkeypatch.setenv("MONITOR_OIDC_DEFAULT_ROLE", "lezer")
    monkeypatch.setenv("MONITOR_OIDC_LINK_LOCAL", "ja")
    config = sso.config_from(get_settings())
    assert config is not None
    assert config.roles == {"bm-analist": "analist", "bm-beheer": "beheerder"}
    assert config.default_role == "lezer" and config.link_local is True
    assert config.client_secret == ""  # a public client: PKCE only
    assert sso.discovery_url(config.issuer + "/") == (
        "https://login.voorbeeldstad.nl/realms/gemeente/.well-known/openid-configuration"
    )


def test_role_mapping_is_checked() -> None:
    assert sso.parse_roles("") == {}
    assert sso.parse_roles(" a=lezer ,, b = analist ") == {"a": "lezer", "b": "analist"}
    # An LDAP group holds commas and '=': separate pairs with ';', split at the last '='.
    assert sso.parse_roles("CN=Analisten,OU=Groepen,DC=gemeente=analist; x=beheerder") == {
        "CN=Analisten,OU=Groepen,DC=gemeente": "analist",
        "x": "beheerder",
    }
    with pytest.raises(MonitorError, match="'analist' is geen paar groep=rol"):
        sso.parse_roles("analist")
    with pytest.raises(MonitorError, match="rol 'baas' bij groep 'bm' bestaat niet"):
        sso.parse_roles("bm=baas")
    with pytest.raises(MonitorError, match="groep 'bm' staat er twee keer in"):
        sso.parse_roles("bm=lezer,bm=analist")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"oidc_issuer": "http://login.voorbeeldstad.nl"}, "moet met https:// beginnen"),
        ({"oidc_client_id": ""}, "MONITOR_OIDC_CLIENT_ID ontbreekt"),
        ({"oidc_scopes": "profile email"}, "mist 'openid'"),
        ({"oidc_default_role": "gast"}, "rol 'gast' bestaat niet"),
        ({"oidc_roles": "", "oidc_default_role": ""}, "niemand zou"),
    ],
)
def test_a_configuration_that_cannot_work_stops_the_app(
    change: dict[str, str], message: str
) -> None:
    base = replace(
        get_settings(),
        oidc_issuer="https://login.voorbeeldstad.nl",
        oidc_client_id=CLIENT_ID,
        oidc_roles=ROLE_MAP,
    )
    assert sso.config_from(base) is not None
    with pytest.raises(MonitorError, match=message):
        sso.config_from(replace(base, **change))


def _config(**overrides: Any) -> sso.SsoConfig:
    config = sso.config_from(
        replace(
            get_settings(),
            oidc_issuer="https://login.voorbeeldstad.nl",
            oidc_client_id=CLIENT_ID,
            oidc_roles=ROLE_MAP,
        )
    )
    assert config is not None
    return replace(config, **overrides)


def test_the_highest_matching_role_wins() -> None:
    config = _config()
    groups = ["medewerkers", "buurtmonitor-beheer", "buurtmonitor-lezer"]
    assert sso.role_for({"groups": groups}, config) == "beheerder"
    assert sso.role_for({"groups": "buurtmonitor-analist"}, config) == "analist"  # one string
    assert sso.role_for({"groups": ["medewerkers"]}, config) is None  # refuse
    assert sso.role_for({}, config) is None
    assert sso.role_for({"groups": []}, replace(config, default_role="lezer")) == "lezer"
    # Keycloak keeps realm roles in an object: a dotted claim name reaches in.
    keycloak = replace(config, role_claim="realm_access.roles")
    claims = {"realm_access": {"roles": ["offline_access", "buurtmonitor-analist"]}}
    assert sso.role_for(claims, keycloak) == "analist"
    # A claim whose own name has dots (a URL) is taken as it is.
    entra = replace(config, role_claim="https://voorbeeldstad.nl/roles")
    assert sso.role_for({"https://voorbeeldstad.nl/roles": ["buurtmonitor-beheer"]}, entra) == (
        "beheerder"
    )


@given(
    groups=st.lists(
        st.sampled_from(
            ["buurtmonitor-lezer", "buurtmonitor-analist", "buurtmonitor-beheer", "ander", "x"]
        ),
        max_size=6,
    ),
    default=st.sampled_from([None, "lezer", "analist"]),
)
def test_role_for_is_the_maximum_of_the_mapped_groups(
    groups: list[str], default: str | None
) -> None:
    rank = {"buurtmonitor-lezer": 0, "buurtmonitor-analist": 1, "buurtmonitor-beheer": 2}
    ranks = [rank[g] for g in groups if g in rank]
    expected = ("lezer", "analist", "beheerder")[max(ranks)] if ranks else default
    assert sso.role_for({"groups": groups}, _config(default_role=default)) == expected


def test_the_username_comes_from_preferred_username_or_a_verified_email() -> None:
    assert sso.username_for(JAN) == "j.jansen@voorbeeldstad.nl"
    assert sso.username_for({"preferred_username": "jjansen", "email": "x@y.nl"}) == "jjansen"
    # An unusable preferred_username (ADFS: DOMEIN\\naam) falls back to the e-mail address.
    assert sso.username_for({"preferred_username": "GEM\\jjansen", "email": "J@Gem.nl"}) == (
        "j@gem.nl"
    )
    with pytest.raises(users.SsoRefused, match="niet bevestigd") as refused:
        sso.username_for({"email": "piet@voorbeeldstad.nl", "email_verified": False})
    assert refused.value.code == "geen_naam"
    with pytest.raises(users.SsoRefused, match="'Jan Jansen'"):
        sso.username_for({"preferred_username": "Jan Jansen"})
    with pytest.raises(users.SsoRefused, match="geen preferred_username"):
        sso.username_for({"sub": "123"})


# -- accounts --------------------------------------------------------------------------------


def test_sso_accounts_are_created_updated_and_never_take_over_a_password(store: Store) -> None:
    first = users.sso_login(store, "j.jansen@voorbeeldstad.nl", "beheerder", display_name="Jan")
    assert (first.role, first.display_name) == ("beheerder", "Jan")
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table)).one()
    assert row.password_hash is None and row.last_login_at is not None
    # No password: a password login for this name fails (and costs as much as any).
    assert users.authenticate(store, first.username, "", None).account is None
    again = users.sso_login(store, "J.Jansen@voorbeeldstad.nl", "analist", display_name="Jan")
    assert again.role == "analist"
    users.add(store, "anna", TEST_PASSWORD, "lezer", actor="test")
    with pytest.raises(users.SsoRefused) as refused:
        users.sso_login(store, "anna", "beheerder")
    assert refused.value.code == "lokaal"
    assert users.get(store, "anna").role == "lezer"  # untouched
    linked = users.sso_login(store, "anna", "analist", link_local=True)
    assert linked.role == "analist"
    assert users.authenticate(store, "anna", TEST_PASSWORD, None).account is not None
    with store.begin() as conn:
        conn.execute(
            sa.update(users_table).where(users_table.c.username == "anna").values(disabled=True)
        )
    with pytest.raises(users.SsoRefused) as disabled:
        users.sso_login(store, "anna", "analist", link_local=True)
    assert disabled.value.code == "uitgeschakeld"
    with pytest.raises(users.SsoRefused) as bad_name:
        users.sso_login(store, "<script>", "lezer")
    assert bad_name.value.code == "geen_naam"
    assert [(a, b, c) for a, b, c, _ in audit_lines(store)] == [
        ("sso", "user.add", "j.jansen@voorbeeldstad.nl"),
        ("j.jansen@voorbeeldstad.nl", "login.sso", "j.jansen@voorbeeldstad.nl"),
        ("j.jansen@voorbeeldstad.nl", "login.failure", "j.jansen@voorbeeldstad.nl"),
        ("sso", "user.role", "j.jansen@voorbeeldstad.nl"),
        ("j.jansen@voorbeeldstad.nl", "login.sso", "j.jansen@voorbeeldstad.nl"),
        ("test", "user.add", "anna"),
        ("sso", "user.role", "anna"),
        ("anna", "login.sso", "anna"),
        ("anna", "login.success", "anna"),
    ]


# -- the whole flow --------------------------------------------------------------------------


def test_an_analist_logs_in_through_the_provider(make_app, idp: StubProvider) -> None:
    server, store = make_app()
    client = server.test_client()
    page = client.get("/login?next=/wie&lang=nl").get_data(as_text=True)
    assert 'href="/login/sso?lang=nl&amp;next=%2Fwie"' in page
    assert "Inloggen met uw organisatie-account" in page
    answer = sso_login(client, idp, "/login/sso?lang=nl&next=%2Fwie")
    assert answer.status_code == 302 and answer.headers["Location"] == "/wie"
    assert client.get("/wie").get_data(as_text=True) == "j.jansen@voorbeeldstad.nl analist"
    assert client.post("/wijzig", headers=csrf_header(client)).status_code == 200
    # The same session as a password login: server-side, not permanent, HttpOnly, Lax.
    cookie = next(
        c for c in answer.headers.getlist("Set-Cookie") if c.startswith(auth.SESSION_COOKIE)
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" not in cookie
    # PKCE (S256), state and nonce were sent; the token request carried the verifier.
    asked = idp.authorize_requests[-1]
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
    assert asked["scope"] == "openid profile email" and asked["nonce"] and asked["state"]
    assert asked["redirect_uri"] == "http://localhost/login/sso/callback"
    assert len(idp.token_requests[-1]["code_verifier"]) >= 43
    account = users.get(store, "j.jansen@voorbeeldstad.nl")
    assert account is not None and account.display_name == "Jan Jansen"
    lines = audit_lines(store)
    assert lines == [
        ("sso", "user.add", "j.jansen@voorbeeldstad.nl", {"rol": "analist"}),
        (
            "j.jansen@voorbeeldstad.nl",
            "login.sso",
            "j.jansen@voorbeeldstad.nl",
            {"remote": "127.0.0.1", "rol": "analist"},
        ),
    ]
    # The English page, and the logout of an SSO session works as any other.
    assert client.post("/logout", headers=csrf_header(client)).status_code == 302
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert "Log in with your organisation account" in english


def test_no_group_and_no_default_role_is_refused_in_dutch(make_app, idp: StubProvider) -> None:
    server, store = make_app()
    client = server.test_client()
    idp.person = {**JAN, "groups": ["medewerkers"]}
    answer = sso_login(client, idp)
    assert refusal(answer) == "geen_rol"
    page = client.get(answer.headers["Location"])
    assert page.status_code == 200
    assert (
        "U bent aangemeld bij uw organisatie, maar uw account geeft geen toegang tot "
        "Buurtmonitor" in page.get_data(as_text=True)
    )
    assert client.get("/wie").status_code == 302  # not logged in
    assert account_names(store) == []  # nobody was created
    actor, action, target, detail = audit_lines(store)[-1]
    assert (actor, action, target) == (
        "j.jansen@voorbeeldstad.nl",
        "login.sso_failed",
        "j.jansen@voorbeeldstad.nl",
    )
    assert detail["reden"] == "geen rol voor groups=['medewerkers']"


def test_a_default_role_lets_everyone_in_as_lezer(make_app, idp: StubProvider) -> None:
    server, _store = make_app(oidc_default_role="lezer")
    client = server.test_client()
    idp.person = {**JAN, "groups": []}
    assert sso_login(client, idp).headers["Location"] == "/"
    assert client.get("/wie").get_data(as_text=True) == "j.jansen@voorbeeldstad.nl lezer"
    assert client.post("/wijzig", headers=csrf_header(client)).status_code == 403


@pytest.mark.parametrize(
    ("tamper", "signer", "reason"),
    [
        ({"aud": "een-ander-systeem"}, "", "'aud'"),
        ({"aud": ["een-ander-systeem"], "azp": CLIENT_ID}, "", "'aud'"),
        ({}, "rogue", "BadSignatureError"),
        ({}, "secret", "UnsupportedAlgorithmError"),
        ({"iss": "https://nep.example"}, "", "'iss'"),
        ({"exp": int(time.time()) - 600}, "", "ExpiredTokenError"),
        ({"nonce": "een-andere-nonce"}, "", "'nonce'"),
    ],
    ids=["audience", "audience-azp", "signature", "hs256", "issuer", "expired", "nonce"],
)
def test_an_id_token_that_does_not_check_out_is_refused(
    make_app, idp: StubProvider, tamper: dict[str, Any], signer: str, reason: str
) -> None:
    server, store = make_app()
    client = server.test_client()
    idp.tamper = tamper
    idp.sign_with_rogue, idp.sign_with_secret = signer == "rogue", signer == "secret"
    answer = sso_login(client, idp)
    assert refusal(answer) == "ongeldig"
    text = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Het antwoord van de inlogdienst van uw organisatie klopt niet" in text
    assert client.get("/wie").status_code == 302
    assert account_names(store) == []
    actor, action, _target, detail = audit_lines(store)[-1]
    assert (actor, action) == ("anoniem", "login.sso_failed")
    assert detail["reden"].startswith("ID-token: ") and reason in detail["reden"], detail


def test_a_replayed_or_foreign_state_is_refused(make_app, idp: StubProvider) -> None:
    server, store = make_app()
    client = server.test_client()
    callback = start(client, idp)
    assert client.get(callback).headers["Location"] == "/"
    client.post("/logout", headers=csrf_header(client))
    # The same callback again (its state was used): refused, before the code is even tried.
    tokens = len(idp.token_requests)
    assert refusal(client.get(callback)) == "verlopen"
    assert len(idp.token_requests) == tokens
    # Someone else's callback (login CSRF): the state is not in this browser's session.
    attacker = server.test_client()
    foreign = start(attacker, idp)
    victim = server.test_client()
    answer = victim.get(foreign)
    assert refusal(answer) == "verlopen"
    assert "Deze inlogpoging is verlopen of al gebruikt" in victim.get(
        answer.headers["Location"]
    ).get_data(as_text=True)
    assert victim.get("/wie").status_code == 302
    # This browser's own state, but a code that was already used: the provider refuses it.
    mine = urlsplit(start(victim, idp))
    own_state = parse_qs(mine.query)["state"][0]
    used_code = parse_qs(urlsplit(callback).query)["code"][0]
    answer = victim.get(f"{mine.path}?{urlencode({'code': used_code, 'state': own_state})}")
    assert refusal(answer) == "ongeldig"
    reasons = [d["reden"] for _, a, _, d in audit_lines(store) if a == "login.sso_failed"]
    assert (
        reasons[:2]
        == ["state onbekend in deze sessie (verlopen, al gebruikt of van een ander)"] * 2
    )
    assert reasons[2] == "tokenendpoint: invalid_grant: onbekende code"


def test_the_role_follows_the_groups_at_every_login(make_app, idp: StubProvider) -> None:
    server, store = make_app()
    idp.person = {**JAN, "groups": ["buurtmonitor-beheer", "buurtmonitor-analist"]}
    first = server.test_client()
    sso_login(first, idp)
    assert first.get("/wie").get_data(as_text=True).endswith(" beheerder")
    idp.person = {**JAN, "groups": ["buurtmonitor-lezer"]}  # moved to another team
    second = server.test_client()
    sso_login(second, idp)
    assert second.get("/wie").get_data(as_text=True).endswith(" lezer")
    assert second.post("/wijzig", headers=csrf_header(second)).status_code == 403
    # The role lives in the store: the older session has the new role at once.
    assert first.get("/wie").get_data(as_text=True).endswith(" lezer")
    changes = [d for _, a, _, d in audit_lines(store) if a == "user.role"]
    assert changes == [{"oud": "beheerder", "nieuw": "lezer"}]
    logins = [d["rol"] for _, a, _, d in audit_lines(store) if a == "login.sso"]
    assert logins == ["beheerder", "lezer"]


def test_a_local_password_account_is_not_taken_over(make_app, idp: StubProvider) -> None:
    server, store = make_app()
    users.add(store, "anna", TEST_PASSWORD, "lezer", actor="test")
    idp.person = {"sub": "a1", "preferred_username": "anna", "groups": ["buurtmonitor-beheer"]}
    client = server.test_client()
    answer = sso_login(client, idp)
    assert refusal(answer) == "lokaal"
    assert "Er bestaat al een Buurtmonitor-account met wachtwoord" in client.get(
        answer.headers["Location"]
    ).get_data(as_text=True)
    assert users.get(store, "anna").role == "lezer"
    assert audit_lines(store)[-1][1:3] == ("login.sso_failed", "anna")
    # Configured to link: the same login now uses (and updates) the account.
    linked, _ = make_app(oidc_link_local=True)
    linked_client = linked.test_client()
    assert sso_login(linked_client, idp).status_code == 302
    assert linked_client.get("/wie").get_data(as_text=True) == "anna beheerder"


def test_refusals_from_the_provider_and_from_the_store(make_app, idp: StubProvider) -> None:
    server, store = make_app()
    idp.deny = True
    client = server.test_client()
    answer = sso_login(client, idp)
    assert refusal(answer) == "geweigerd"
    assert audit_lines(store)[-1][3]["reden"] == "access_denied"
    idp.deny = False
    idp.person = {"sub": "x", "preferred_username": "Jan Jansen", "groups": []}
    assert refusal(sso_login(client, idp)) == "geen_naam"
    users.sso_login(store, "piet", "analist")
    with store.begin() as conn:
        conn.execute(
            sa.update(users_table).where(users_table.c.username == "piet").values(disabled=True)
        )
    idp.person = {"sub": "p", "preferred_username": "piet", "groups": ["buurtmonitor-analist"]}
    answer = sso_login(client, idp)
    assert refusal(answer) == "uitgeschakeld"
    assert "Uw account in Buurtmonitor is uitgeschakeld" in client.get(
        answer.headers["Location"]
    ).get_data(as_text=True)
    assert client.get("/wie").status_code == 302


def test_an_unreachable_provider_leaves_password_logins_working(make_app) -> None:
    """Offline: the app starts (nothing contacts the provider before a login), the button
    leads back with a message, and password logins work."""
    nowhere = f"http://127.0.0.1:{free_port()}"
    server, app_store = make_app(oidc_issuer=nowhere)
    users.add(app_store, "anna", TEST_PASSWORD, "analist", actor="test")
    client = server.test_client()
    page = client.get("/login")
    assert 'id="login-sso"' in page.get_data(as_text=True)
    answer = client.get("/login/sso?next=/wie")
    assert refusal(answer) == "onbereikbaar"
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["next"] == ["/wie"]
    text = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "De inlogdienst van uw organisatie is nu niet bereikbaar" in text
    assert 'name="next" value="/wie"' in text
    assert audit_lines(app_store)[-1][3]["reden"].startswith("discovery: ")
    login = client.post(
        "/login",
        data={"username": "anna", "password": TEST_PASSWORD, "csrf_token": login_form_token(page)},
    )
    assert login.status_code == 302 and client.get("/wie").get_data(as_text=True) == (
        "anna analist"
    )


def test_a_provider_with_another_issuer_is_not_trusted(make_app, idp: StubProvider) -> None:
    """Discovery must name the configured issuer (OpenID Connect Discovery 4.3)."""
    server, store = make_app(oidc_issuer=idp.issuer + "/realms/ander")
    # The discovery URL of that issuer does not exist at the stub: 404, unreachable.
    assert refusal(server.test_client().get("/login/sso")) == "onbereikbaar"
    tricked, _ = make_app(oidc_issuer=idp.issuer.replace("127.0.0.1", "localhost"))
    assert refusal(tricked.test_client().get("/login/sso")) == "ongeldig"
    assert "discovery noemt issuer" in audit_lines(store)[-1][3]["reden"]


def test_single_sign_on_off(make_app) -> None:
    server, _store = make_app(oidc_issuer="")
    client = server.test_client()
    assert 'id="login-sso"' not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/sso").status_code == 404
    assert client.get("/login/sso/callback?code=x&state=y").status_code == 404
    # A refusal code in the URL of a login page shows only known messages.
    assert 'id="login-error"' not in client.get("/login?sso_fout=<b>").get_data(as_text=True)


def test_never_back_into_single_sign_on_after_login() -> None:
    assert auth.safe_next("/login/sso?next=/") == "/"
    assert auth.safe_next("/login/sso/callback?code=x") == "/"
    assert auth.safe_next("/loginx") == "/loginx"


# -- the real app ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, provider: StubProvider) -> Iterator[Any]:
    """The app of ``app.py`` on a demo store, with single sign-on against the stub."""
    patch = pytest.MonkeyPatch()
    patch.setenv("MONITOR_OIDC_ISSUER", provider.issuer)
    patch.setenv("MONITOR_OIDC_CLIENT_ID", CLIENT_ID)
    patch.setenv("MONITOR_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    patch.setenv("MONITOR_OIDC_ROLES", ROLE_MAP)
    patch.delenv("MONITOR_OIDC_DEFAULT_ROLE", raising=False)
    try:
        with dash_app_in_process(tmp_path_factory.mktemp("sso-web")) as dash_app:
            yield dash_app
    finally:
        patch.undo()


def _check_callback(web: Any, contents: bytes) -> tuple[str, dict[str, Any]]:
    """The upload page's state-changing check callback: its output key and a request body
    as dash-renderer sends it after a file was chosen."""
    output = next(o for o in web.callback_map if o.startswith("..upload-report.children"))
    entry = web.callback_map[output]
    assert auth.access_of(entry["callback"]) == ("analist", True)
    values = {
        "upload-file.contents": "data:text/csv;base64," + base64.b64encode(contents).decode(),
        "upload-format.value": "auto",
        "upload-file.filename": "sso-nieuw.csv",
        "lang.data": "nl",
    }
    body = callback_body(web, "upload-report.children", values, "upload-file.contents")
    assert body["output"] == output
    return output, body


def test_in_the_real_app_an_sso_analist_can_check_an_upload(
    web: Any, provider: StubProvider
) -> None:
    provider.reset()
    client = web.server.test_client()
    login_page = client.get("/login?next=/upload").get_data(as_text=True)
    assert 'id="login-sso"' in login_page
    answer = sso_login(client, provider, "/login/sso?next=%2Fupload")
    assert answer.headers["Location"] == "/upload"
    assert client.get("/upload").status_code == 200
    csv = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2030;4\n"
    _output, body = _check_callback(web, csv)
    checked = client.post("/_dash-update-component", json=body, headers=csrf_header(client))
    assert checked.status_code == 200, checked.get_data(as_text=True)[:300]
    assert "upload-report" in checked.get_data(as_text=True)
    jobs.runner().drain()  # the check runs as a background job (threads without Redis)
    store = Store(get_settings().database_url)
    lines = audit_lines(store)
    assert ("j.jansen@voorbeeldstad.nl", "upload.check", "sso-nieuw.csv") in [
        (a, b, c) for a, b, c, _ in lines
    ]
    # A colleague in the lezer group logs in too, and is refused by the same callback.
    provider.person = {
        **JAN,
        "sub": "9",
        "preferred_username": "k.de.vries",
        "groups": ["buurtmonitor-lezer"],
    }
    reader = web.server.test_client()
    reader.get("/login")
    sso_login(reader, provider)
    refused = reader.post("/_dash-update-component", json=body, headers=csrf_header(reader))
    assert refused.status_code == 403
    store.engine.dispose()


def test_the_sso_views_carry_the_public_mark(web: Any) -> None:
    views = web.server.view_functions
    assert auth.access_of(views["monitor_sso"]) == (auth.PUBLIC, False)
    assert auth.access_of(views["monitor_sso_callback"]) == (auth.PUBLIC, False)


@pytest.mark.browser
def test_single_sign_on_in_chromium_under_the_csp(tmp_path: Path, provider: StubProvider) -> None:
    """A user clicks the button on the login page; the provider approves; back in the app
    as analist. The CSP is enforced: the navigation to the provider must not be blocked."""
    provider.reset()
    url = f"sqlite:///{tmp_path / 'web.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    env = {
        "MONITOR_PUBLIC_READ": "0",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
        "MONITOR_TILE_URL": "",
        "MONITOR_OIDC_ISSUER": provider.issuer,
        "MONITOR_OIDC_CLIENT_ID": CLIENT_ID,
        "MONITOR_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "MONITOR_OIDC_ROLES": ROLE_MAP,
        "MONITOR_OIDC_DEFAULT_ROLE": "",
    }
    with app_server(url, env) as base, browser_page(enforce_csp=True) as page:
        problems: list[str] = []
        page.on(
            "console",
            lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.set_default_timeout(90_000)  # a busy machine: the first page build is slow
        page.goto(f"{base}/trends?lang=nl")
        assert page.url.startswith(f"{base}/login?")
        assert page.inner_text("#login-sso") == "Inloggen met uw organisatie-account"
        with page.expect_navigation(url=f"{base}/trends?lang=nl"):
            page.click("#login-sso")
        page.wait_for_selector("#current-user")
        assert page.inner_text("#current-user") == "Jan Jansen (analist)"
        page.goto(f"{base}/upload")
        page.wait_for_selector("#upload-file")
        assert problems == []
    assert provider.authorize_requests[-1]["redirect_uri"] == f"{base}/login/sso/callback"
    store = Store(url)
    assert ("j.jansen@voorbeeldstad.nl", "login.sso") in [
        (a, b) for a, b, _, _ in audit_lines(store)
    ]
    store.engine.dispose()
