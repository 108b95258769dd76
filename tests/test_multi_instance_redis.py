"""Two app instances (gunicorn, two ports) on one PostgreSQL store and one Redis, as in
production: a login on one holds on the other, a publish (through the CLI, and through
the app on one with a worker, the job polled on the other) shows on both at once (and
the shared cache never serves the old scores), the lockout and the per-address rate limit are
shared, and a logout on one ends the session on both.

Not vacuous: the score read before the publish is shown to have come from Redis on the
second instance (the test changes the entry in Redis and that instance serves the
change), so both instances hold the old table in both cache levels when the publish
happens; a cache keyed on anything but the score generation would then serve it."""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests

from monitor import cache, demo, users
from monitor.store import Store
from monitor.store.materialised import generation_stamp
from tests.support import (
    TEST_PASSWORD,
    gunicorn_server,
    postgres_database,
    require_redis,
)

ROOT = Path(__file__).resolve().parents[1]
QUERY = {"niveau": "buurt", "indicator": "werkloosheid_p", "periode": "2024"}
#: Pareldorp's werkloosheid in 2024 in the demo, what the CLI's upload makes it, what
#: the test plants in Redis, and what an upload through the app makes it.
OLD, NEW, PLANTED, APP = 3.5, 4.25, 99.0, 5.5


def login(session: requests.Session, base: str, user: str, password: str = TEST_PASSWORD):
    page = session.get(f"{base}/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
    data = {"username": user, "password": password, "csrf_token": token}
    return session.post(f"{base}/login", data=data, timeout=30, allow_redirects=False)


def me(session: requests.Session, base: str) -> int:
    return session.get(f"{base}/api/v1/ik", timeout=30).status_code


def pareldorp(session: requests.Session, base: str) -> float:
    answer = session.get(f"{base}/api/v1/scores", params=QUERY, timeout=30)
    assert answer.status_code == 200, answer.text[:300]
    [row] = [r for r in answer.json()["gegevens"] if r["code"] == "N01a"]
    return row["waarde"]


def both(session: requests.Session, one: str, two: str) -> tuple[float, float]:
    """Pareldorp's value read on both instances in parallel, the requests sent within a
    second of now: what a publish that just returned shows everywhere."""
    asked = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        sent: list[float] = []

        def read(base: str) -> float:
            own = requests.Session()  # a session per thread: its cookie jar is not shared
            own.cookies.update(session.cookies)
            sent.append(time.monotonic())
            return pareldorp(own, base)

        values = tuple(pool.map(read, (one, two)))
    assert max(sent) - asked < 1.0
    return values  # type: ignore[return-value]


def callback(session: requests.Session, base: str, trigger: str, values: dict) -> dict:
    """POST the Dash callback whose input is ``trigger`` (``id.property``), as
    dash-renderer does (the graph from ``/_dash-dependencies``, the CSRF header from the
    cookie); ``values`` fills its inputs and state. Returns its ``response``."""
    deps = session.get(f"{base}/_dash-dependencies", timeout=30).json()
    dep = next(d for d in deps if any(f"{i['id']}.{i['property']}" == trigger for i in d["inputs"]))

    def item(spec: dict) -> dict:
        key = f"{spec['id']}.{spec['property']}"
        return {"id": spec["id"], "property": spec["property"], "value": values.get(key)}

    outputs = []
    for part in dep["output"].strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop.split("@")[0]})
    body = {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [item(i) for i in dep["inputs"]],
        "state": [item(s) for s in dep["state"]],
        "changedPropIds": [trigger],
    }
    headers = {"X-CSRFToken": session.cookies["_csrf_token"]}
    answer = session.post(f"{base}/_dash-update-component", json=body, headers=headers, timeout=60)
    assert answer.status_code == 200, answer.text[:300]
    return answer.json()["response"]


def worker(env: dict[str, str]) -> None:
    """``monitor worker --burst``: runs the queued jobs, then stops."""
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def polled(session: requests.Session, base: str, job: dict) -> dict:
    """The Uploaden page's poll of ``job``, once it is done."""
    values = {"upload-poll.n_intervals": 1, "upload-job.data": job, "lang.data": "nl"}
    return callback(session, base, "upload-poll.n_intervals", values)


def table_key(store: Store) -> str:
    """The Redis key of the API's score table for :data:`QUERY` (``web.api._table``)."""
    division = store.division_id()
    parts = (store.url, division, generation_stamp(store, division), "buurt")
    return cache.key_of("api-table", (*parts, "werkloosheid_p", 2024, "nl"))


@pytest.mark.postgres
@pytest.mark.redis
def test_two_instances_share_postgres_and_redis(tmp_path: Path) -> None:
    redis_url = require_redis()
    client = cache.redis_client(redis_url)
    with postgres_database() as url, ExitStack() as servers:
        store = Store(url)
        store.upgrade()
        demo.install(store)
        for name in ("anna", "bea"):
            users.add(store, name, TEST_PASSWORD, "analist", actor="test")
        env = {
            "MONITOR_PUBLIC_READ": "0",
            "MONITOR_SECRET_KEY": secrets.token_hex(32),  # one key for every instance
            "MONITOR_DATA_DIR": str(tmp_path / "data"),
            "MONITOR_REDIS_URL": redis_url,
            "MONITOR_DEMO_IF_EMPTY": "0",
        }
        # One worker each: a read on an instance always meets the same process's cache.
        one = servers.enter_context(gunicorn_server(url, workers=1, extra_env=env))
        two = servers.enter_context(gunicorn_server(url, workers=1, extra_env=env))
        assert one != two
        for base in (one, two):
            health = requests.get(f"{base}/gezondheid", timeout=30).json()
            assert health["database"] == "ok" and health["redis"] == "ok", health

        # Logged in on one, logged in on the other.
        browser = requests.Session()
        assert login(browser, one, "anna").status_code == 302
        assert browser.get(f"{two}/api/v1/ik", timeout=30).json()["gebruiker"] == "anna"

        # The score table read on one lands in Redis, under the current generation ...
        old_key = table_key(store)
        assert pareldorp(browser, one) == OLD
        found = client.get(old_key)
        assert found is not None, "instance one did not share its score table in Redis"
        # ... and two serves what Redis holds (changed here, so its origin shows).
        planted = cache.FRAME.decode(found)
        planted.loc[planted["code"] == "N01a", "waarde"] = PLANTED
        client.set(old_key, cache.FRAME.encode(planted), ex=600)
        assert pareldorp(browser, two) == PLANTED
        assert pareldorp(browser, one) == OLD  # one keeps its own copy as well
        assert pareldorp(browser, two) == PLANTED  # now in two's own copy too

        # A publish (the CLI, on the same store and Redis): both show it at once.
        upload = tmp_path / "werkloosheid.csv"
        upload.write_text("gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;4,25\n")
        cli_env = dict(os.environ, MONITOR_DATABASE_URL=url, **env)
        command = ["import", "meetingen", str(upload), "--bevestig", "--uploader", "anna"]
        done = subprocess.run(
            [sys.executable, "-m", "monitor.cli", *command],
            cwd=ROOT,
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        # Read on both at once, as soon as the publish is done (no retries, no waiting):
        # two had PLANTED in Redis and in its process, one had OLD in its process.
        assert both(browser, one, two) == (NEW, NEW)
        assert table_key(store) != old_key and client.get(table_key(store)) is not None
        client.delete(old_key)

        # An upload through the app on one: checked and published by a worker on the
        # same Redis, polled on two (the job's status is shared), seen on both at once.
        raw = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;5,5\n"
        contents = "data:text/csv;base64," + base64.b64encode(raw).decode()
        check = {
            "upload-file.contents": contents,
            "upload-file.filename": "via-de-app.csv",
            "upload-format.value": "auto",
            "upload-kind.value": "auto",
            "lang.data": "nl",
        }
        started = callback(browser, one, "upload-file.contents", check)
        job = started["upload-job"]["data"]
        assert job["kind"] == "upload.check"
        worker(cli_env)
        report = polled(browser, two, job)
        staged = report["upload-staged"]["data"]
        assert staged["name"] == "via-de-app.csv"
        publish = {
            "upload-publish.n_clicks": 1,
            "upload-staged.data": staged,
            "upload-confirm.value": ["ja"],
            "lang.data": "nl",
        }
        job = callback(browser, one, "upload-publish.n_clicks", publish)["upload-job"]["data"]
        worker(cli_env)
        result = json.dumps(polled(browser, two, job), ensure_ascii=False)
        assert "upload-published" in result, result[:500]
        assert both(browser, one, two) == (APP, APP)

        # Logged in on two, logged out on one: the session has ended on both, also for
        # a copy of the cookie.
        browser = requests.Session()
        assert login(browser, two, "anna").status_code == 302
        stolen = requests.Session()
        stolen.cookies.update(browser.cookies)
        assert me(browser, one) == 200 and me(stolen, two) == 200
        csrf = browser.cookies["_csrf_token"]
        out = browser.post(
            f"{one}/logout", headers={"X-CSRFToken": csrf}, timeout=30, allow_redirects=False
        )
        assert out.status_code == 302
        assert me(browser, two) == 401 and me(browser, one) == 401
        assert me(stolen, one) == 401 and me(stolen, two) == 401

        # The lockout: five wrong passwords for anna, spread over both instances; the
        # right password on two then waits.
        guesser = requests.Session()
        for base in (one, two, one, two, one):
            assert login(guesser, base, "anna", "verkeerd wachtwoord").status_code == 401
        assert login(guesser, two, "anna").status_code == 429

        # The rate limit per address: twenty failures from this address (the five above
        # and fifteen names), over both instances; then bea, who never failed, waits too.
        for number in range(15):
            base = (one, two)[number % 2]
            assert login(guesser, base, f"gast{number}", "geen idee").status_code == 401
        assert login(requests.Session(), one, "bea").status_code == 429
        store.engine.dispose()
