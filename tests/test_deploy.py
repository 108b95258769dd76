"""The deployment files in deploy/ run as written: the systemd unit's commands start
gunicorn (deploy/gunicorn.conf.py) on PostgreSQL and Redis with the settings of
deploy/buurtmonitor.env.example, and nginx with deploy/nginx.conf answers over TLS in front
of it (plain http is sent to https). Paths of the real machine (/opt/buurtmonitor,
/etc/letsencrypt, port 443) are replaced by the test's own; nothing else is changed."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import free_port, postgres_database, require_redis, unavailable

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
INSTALLED = "/opt/buurtmonitor"


def unit(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # keys keep their case (ExecStart)
    parser.read(DEPLOY / name)
    return parser["Service"]


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (DEPLOY / "buurtmonitor.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            pairs[key] = value
    return pairs


def here(command: str) -> list[str]:
    """A unit's command with the installed paths replaced by this checkout's."""
    venv = Path(sys.executable).parent.parent
    command = command.replace(f"{INSTALLED}/.venv", str(venv)).replace(INSTALLED, str(ROOT))
    return shlex.split(command)


def wait_for(url: str, proc: subprocess.Popen, context: ssl.SSLContext | None = None) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url, timeout=3, context=context)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            assert proc.poll() is None, f"{proc.args} stopped with {proc.returncode}"
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.3)


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def deployed_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The example settings on a fresh PostgreSQL database, after the app unit's
    ExecStartPre (``monitor init``) and ``monitor demo``, with the local Redis."""
    redis_url = require_redis()
    service = unit("buurtmonitor.service")
    assert service["EnvironmentFile"] == "/etc/buurtmonitor/env"
    with postgres_database() as database_url:
        env = dict(os.environ, **env_example())
        env.update(
            MONITOR_DATABASE_URL=database_url,
            MONITOR_REDIS_URL=redis_url,
            MONITOR_DATA_DIR=str(tmp_path / "data"),
            MONITOR_SECRET_KEY=os.urandom(32).hex(),
            MONITOR_WORKERS="2",
        )
        env.pop("MONITOR_BIND", None)
        subprocess.run(here(service["ExecStartPre"]), cwd=ROOT, env=env, check=True)
        monitor = here(service["ExecStartPre"])[0]
        subprocess.run([monitor, "demo"], cwd=ROOT, env=env, check=True, capture_output=True)
        yield env


@contextmanager
def app_as_deployed(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """The app unit's ExecStart (gunicorn) in :func:`deployed_env`; yields port and log."""
    port = free_port()
    with deployed_env(tmp_path) as env:
        env["MONITOR_PORT"] = str(port)
        log = tmp_path / "gunicorn.log"
        service = unit("buurtmonitor.service")
        with running(here(service["ExecStart"]), env, log) as proc:
            wait_for(f"http://127.0.0.1:{port}/gezondheid", proc)
            yield port, log


@pytest.mark.postgres
@pytest.mark.redis
def test_the_worker_unit_runs_queued_work(tmp_path: Path) -> None:
    """The worker unit's command takes a score rebuild queued by the CLI, which follows it
    to the end."""
    with deployed_env(tmp_path) as env:
        worker = here(unit("buurtmonitor-worker@.service")["ExecStart"])
        with running(worker, env, tmp_path / "worker.log"):
            done = subprocess.run(
                [worker[0], "scores", "rebuild", "--achtergrond"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
        assert done.returncode == 0, done.stdout + done.stderr
    log = (tmp_path / "worker.log").read_text(errors="replace")
    assert "Traceback" not in log


@pytest.mark.postgres
@pytest.mark.redis
def test_the_app_unit_serves_on_postgres_and_redis(tmp_path: Path) -> None:
    with app_as_deployed(tmp_path) as (port, log):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezondheid", timeout=10) as answer:
            body = answer.read().decode()
        assert '"database": "ok"' in body.replace('":"', '": "')
        assert '"redis": "ok"' in body.replace('":"', '": "')
        # The settings say no public read: the pages ask for a login.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
            assert "/login" in answer.geturl()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text
    assert len(re.findall(r"Booting worker", text)) == 2


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        unavailable("nginx is not installed (.ci/run installs nginx-light)")
    return found


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=monitor.example.nl", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.postgres
@pytest.mark.redis
def test_nginx_in_front_answers_over_tls(tmp_path: Path) -> None:
    nginx = nginx_binary()
    cert, key = self_signed(tmp_path)
    http_port, https_port = free_port(), free_port()
    with app_as_deployed(tmp_path) as (app_port, _):
        site = (DEPLOY / "nginx.conf").read_text()
        site = site.replace("127.0.0.1:8050", f"127.0.0.1:{app_port}")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
        site = site.replace("https://$host$request_uri", f"https://$host:{https_port}$request_uri")
        site = re.sub(r"/etc/letsencrypt/live/monitor.example.nl/fullchain.pem", str(cert), site)
        site = re.sub(r"/etc/letsencrypt/live/monitor.example.nl/privkey.pem", str(key), site)
        (tmp_path / "site.conf").write_text(site)
        (tmp_path / "logs").mkdir()
        main = tmp_path / "nginx.conf"
        main.write_text(
            f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\n"
            "events {}\nhttp {\n"
            f"  access_log {tmp_path}/logs/access.log;\n"
            + "".join(
                f"  {kind}_temp_path {tmp_path}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"  include {tmp_path}/site.conf;\n}}\n"
        )
        base = [nginx, "-p", str(tmp_path), "-c", str(main)]
        checked = subprocess.run([*base, "-t"], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        with running([*base, "-g", "daemon off;"], dict(os.environ), tmp_path / "n.log") as proc:
            url = f"https://127.0.0.1:{https_port}/gezondheid"
            wait_for(url, proc, context)
            with urllib.request.urlopen(url, timeout=10, context=context) as answer:
                assert answer.status == 200
                assert b'"database"' in answer.read()
                assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
            # Plain http is sent to https.
            opener = urllib.request.build_opener(NoRedirect)
            with pytest.raises(urllib.error.HTTPError) as moved:
                opener.open(f"http://127.0.0.1:{http_port}/profiel", timeout=10)
            assert moved.value.code == 301
            assert moved.value.headers["Location"].startswith(f"https://127.0.0.1:{https_port}/")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
