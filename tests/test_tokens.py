"""Personal API tokens: made by the CLI or on the Beheer page, shown once, stored hashed,
listed, revoked; ``Authorization: Bearer`` on ``/api/v1/*`` with the user's role when
public read is off, and 401 in JSON for a missing, wrong, revoked or disabled one."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from monitor import tokens, users
from monitor.store import Store, api_tokens, audit_log
from tests.support import client_for, csrf_header, dash_app_in_process


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app with public read off (set per test: the setting is read per request)."""
    with dash_app_in_process(tmp_path_factory.mktemp("tokens"), public_read=False) as dash_app:
        yield dash_app


@pytest.fixture
def store(web: Any) -> Iterator[Store]:
    found = Store(os.environ["MONITOR_DATABASE_URL"])
    yield found
    found.engine.dispose()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_cli_prints_a_token_once_and_keeps_only_its_hash(web: Any, store: Store) -> None:
    from monitor.cli import app as cli

    runner = CliRunner()
    made = runner.invoke(cli, ["user", "token", "lezer-user", "--naam", "notebook"])
    assert made.exit_code == 0, made.output
    token = made.output.strip().splitlines()[-1]
    assert token.startswith("bm_") and len(token) == 43
    assert "notebook" in made.output and "één keer" in made.output
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(api_tokens).where(api_tokens.c.name == "notebook")).one()
        dump = str(conn.execute(sa.select(api_tokens)).all())
        dump += str(conn.execute(sa.select(audit_log)).all())
    assert token not in dump
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    listed = runner.invoke(cli, ["user", "tokens", "lezer-user"])
    assert listed.exit_code == 0 and "notebook" in listed.output and token not in listed.output
    assert tokens.frame(store, "lezer-user")["prefix"].tolist() == [token[:10]]  # its start
    client = web.server.test_client()
    answer = client.get("/api/v1/indicatoren", headers=bearer(token))
    assert answer.status_code == 200 and answer.get_json()["totaal"] > 0
    revoked = runner.invoke(cli, ["user", "revoke-token", str(row.id)])
    assert revoked.exit_code == 0, revoked.output
    assert client.get("/api/v1/indicatoren", headers=bearer(token)).status_code == 401
    assert "notebook" not in runner.invoke(cli, ["user", "tokens"]).output


def test_a_token_stands_for_its_user_on_the_api(web: Any, store: Store, monkeypatch) -> None:
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "0")
    _id, token = tokens.create(store, "analist-user", "script", actor="test")
    client = web.server.test_client()
    # Without a token, and with a wrong one: 401 in JSON, in Dutch, with the scheme.
    for headers in ({}, bearer("bm_" + "x" * 40), bearer(token[:-1]), {"Authorization": token}):
        answer = client.get("/api/v1/scores?niveau=buurt", headers=headers)
        assert answer.status_code == 401, headers
        assert answer.is_json and answer.get_json()["fout"]
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    answer = client.get("/api/v1/scores?niveau=buurt&per_pagina=5", headers=bearer(token))
    assert answer.status_code == 200 and len(answer.get_json()["gegevens"]) == 5
    me = client.get("/api/v1/ik", headers=bearer(token)).get_json()
    assert me["gebruiker"] == "analist-user" and me["rol"] == "analist"
    # The role now, not when the token was made.
    users.set_role(store, "analist-user", "lezer", actor="test")
    assert client.get("/api/v1/ik", headers=bearer(token)).get_json()["rol"] == "lezer"
    users.set_role(store, "analist-user", "analist", actor="test")
    # A disabled account's tokens stop working, and work again when it is enabled.
    users.set_disabled(store, "analist-user", True, actor="test")
    refused = client.get("/api/v1/indicatoren", headers=bearer(token))
    assert refused.status_code == 401 and "uitgeschakeld" in refused.get_json()["fout"]
    users.set_disabled(store, "analist-user", False, actor="test")
    assert client.get("/api/v1/indicatoren", headers=bearer(token)).status_code == 200
    # Only on the API: a page is not opened with a token, and no session is made.
    page = client.get("/kaart", headers=bearer(token))
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")
    assert client.get("/api/v1/ik").status_code == 401
    assert tokens.frame(store, "analist-user")["last_used_at"].notna().all()


def test_a_wrong_token_is_refused_even_with_public_read(web: Any, monkeypatch) -> None:
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    client = web.server.test_client()
    assert client.get("/api/v1/indicatoren").status_code == 200
    answer = client.get("/api/v1/indicatoren", headers=bearer("bm_ingetrokken"))
    assert answer.status_code == 401 and answer.is_json


def test_the_openapi_document_describes_the_token(web: Any, monkeypatch) -> None:
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    document = web.server.test_client().get("/api/v1/openapi.json").get_json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["token"] == {**schemes["token"], "type": "http", "scheme": "bearer"}
    assert {"token": []} in document["security"] and {} in document["security"]


def manage_body(web: Any, action: str, **values: Any) -> dict[str, Any]:
    """The Beheer form's callback as dash-renderer sends it after a click on ``action``."""
    output, entry = next(
        (o, e) for o, e in web.callback_map.items() if "beheer-tokens.children" in o
    )
    given = {f"{action}.n_clicks": 1, **{f"{k}.value": v for k, v in values.items()}}

    def item(spec: dict[str, str]) -> dict[str, Any]:
        key = f"{spec['id']}.{spec['property']}"
        return {**spec, "value": given.get(key, "nl" if spec["id"] == "lang" else None)}

    outputs = []
    for part in output.strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop})
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [item(i) for i in entry["inputs"]],
        "state": [item(s) for s in entry["state"]],
        "changedPropIds": [f"{action}.n_clicks"],
    }


def test_beheer_makes_and_revokes_tokens_and_disables_accounts(web: Any, store: Store) -> None:
    beheerder = client_for(web, "beheerder")

    def click(action: str, **values: Any) -> dict[str, Any]:
        answer = beheerder.post(
            "/_dash-update-component",
            json=manage_body(web, action, **values),
            headers=csrf_header(beheerder),
        )
        assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
        return answer.get_json()["response"]

    made = str(click("beheer-token", **{"beheer-user": "lezer-user", "beheer-token-name": "bi"}))
    token = next(w for w in made.replace("'", " ").split() if w.startswith("bm_"))
    assert "bi" in str(tokens.frame(store, "lezer-user")["name"].tolist())
    api = web.server.test_client()
    assert api.get("/api/v1/ik", headers=bearer(token)).get_json()["gebruiker"] == "lezer-user"
    number = int(tokens.frame(store, "lezer-user").query("name == 'bi'")["id"].iloc[0])
    revoked = str(click("beheer-revoke", **{"beheer-token-id": number}))
    assert f"API-token {number} van lezer-user is ingetrokken" in revoked
    assert api.get("/api/v1/ik", headers=bearer(token)).status_code == 401
    # Disabling ends the user's sessions at once.
    reader = client_for(web, "lezer")
    assert reader.get("/api/v1/ik").status_code == 200
    shown = str(click("beheer-disable", **{"beheer-user": "lezer-user"}))
    assert "lezer-user is uitgeschakeld" in shown
    assert reader.get("/api/v1/ik").status_code == 401
    click("beheer-enable", **{"beheer-user": "lezer-user"})
    assert client_for(web, "lezer").get("/api/v1/ik").status_code == 200
    # A lezer cannot do any of it.
    lezer = client_for(web, "lezer")
    refused = lezer.post(
        "/_dash-update-component",
        json=manage_body(web, "beheer-token", **{"beheer-user": "lezer-user"}),
        headers=csrf_header(lezer),
    )
    assert refused.status_code == 403


def test_a_user_manages_their_own_tokens(web: Any, store: Store, monkeypatch) -> None:
    """Any role, with a browser session and the CSRF token; never with a token, never
    someone else's."""
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    reader = client_for(web, "lezer")
    assert reader.post("/api/v1/tokens", json={"naam": "r"}).status_code == 400  # no CSRF
    made = reader.post("/api/v1/tokens", json={"naam": "mijn script"}, headers=csrf_header(reader))
    assert made.status_code == 201, made.get_data(as_text=True)
    body = made.get_json()
    assert body["naam"] == "mijn script" and body["token"].startswith("bm_")
    listed = reader.get("/api/v1/tokens").get_json()
    assert [t["naam"] for t in listed if t["nummer"] == body["nummer"]] == ["mijn script"]
    assert body["token"] not in str(listed)
    api = web.server.test_client()
    token = bearer(body["token"])
    assert api.get("/api/v1/ik", headers=token).get_json()["gebruiker"] == "lezer-user"
    # A token cannot make or list tokens; the public cannot either.
    assert api.get("/api/v1/tokens", headers=token).status_code == 401
    assert web.server.test_client().get("/api/v1/tokens").status_code == 401
    # Someone else's token is not theirs to revoke.
    other, _ = tokens.create(store, "analist-user", "van een ander", actor="test")
    gone = reader.delete(f"/api/v1/tokens/{other}", headers=csrf_header(reader))
    assert gone.status_code == 404
    assert (
        reader.delete(f"/api/v1/tokens/{body['nummer']}", headers=csrf_header(reader)).status_code
        == 204
    )
    assert api.get("/api/v1/ik", headers=token).status_code == 401
