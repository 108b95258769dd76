"""Background jobs: through RQ on Redis, run by a worker (in this process, burst mode, and
``monitor worker --burst``), and in threads without Redis; each reports its progress
(a fraction and a Dutch stage) where any instance can read it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor import audit, demo, jobs
from monitor.ingest.upload import store_original
from monitor.jobs import running as runner_module
from monitor.jobs.status import RedisStatuses
from monitor.store import Store
from tests.support import require_redis

NEW_FILE = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2030;4\n"
CHANGES = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;3,3\n"


@pytest.fixture
def demo_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    url = f"sqlite:///{tmp_path / 'jobs.sqlite'}"
    monkeypatch.setenv("MONITOR_DATABASE_URL", url)  # the RQ worker opens the store of its settings
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    store = Store(url)
    store.upgrade()
    demo.install(store)
    return store


def _staged(raw: bytes, name: str = "nieuw.csv") -> dict:
    sha = store_original(raw, hashlib.sha256(raw).hexdigest()).name
    return {"sha256": sha, "name": name, "fmt": "auto", "kind": None}


@pytest.fixture
def rq(demo_store: Store, monkeypatch: pytest.MonkeyPatch):
    """RQ on the local Redis (its own database number), emptied before and after."""
    url = require_redis()
    monkeypatch.setenv("MONITOR_REDIS_URL", url)
    found = jobs.runner()
    assert isinstance(found, runner_module.RqRunner)
    found.queue().empty()
    yield found
    found.queue().empty()


def _work(found: runner_module.RqRunner) -> None:
    """A burst worker in this process: runs what is queued, then returns."""
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer

    queue = found.queue()
    SimpleWorker([queue], connection=queue.connection, serializer=JSONSerializer).work(burst=True)


@pytest.mark.redis
def test_a_check_and_a_publish_run_in_an_rq_worker_with_progress(
    demo_store: Store, rq: runner_module.RqRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, float, str]] = []
    put = RedisStatuses.put
    monkeypatch.setattr(
        RedisStatuses,
        "put",
        lambda self, status: (
            seen.append((status.state, status.fraction, status.stage)),
            put(self, status),
        )[1],
    )
    job_id = jobs.enqueue(
        "upload.check", {"staged": _staged(NEW_FILE), "channel": "web"}, demo_store, "anna"
    )
    waiting = jobs.status(job_id, "anna")
    assert waiting is not None and waiting.state == "wachtend"
    assert waiting.stage_text() == "In de wachtrij…"
    assert rq.queue().count == 1
    _work(rq)

    # Another instance (a new runner on the same Redis) reads the same status.
    done = runner_module.RqRunner(rq.url).statuses.get(job_id)
    assert done is not None and done.state == "klaar" and done.fraction == 1.0
    assert done.stage_text() == "Klaar"
    report = done.result["report"]
    assert report["ok"] and report["rows"] == 1
    assert report["preview"]["table"] == [["werkloosheid_p", 2030, 1, 0, 0]]
    stages = [stage for state, _, stage in seen if state == "bezig"]
    assert stages == ["job.stage.started", "job.stage.read", "job.stage.check", "job.stage.report"]
    fractions = [fraction for _, fraction, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert jobs.status(job_id, "iemand-anders") is None  # nobody reads another's job

    before = len(demo_store.uploads_frame())
    job_id = jobs.enqueue(
        "upload.publish", {"staged": done.result["staged"], "channel": "web"}, demo_store, "anna"
    )
    _work(rq)
    published = jobs.status(job_id, "anna")
    assert published.state == "klaar", published.error
    upload_id = published.result["upload_id"]
    uploads = demo_store.uploads_frame().set_index("id")
    assert len(uploads) == before + 1 and uploads.loc[upload_id, "uploader"] == "anna"
    actions = audit.entries(demo_store)
    assert {"upload.check", "upload.publish"} <= set(actions[actions["actor"] == "anna"]["action"])


@pytest.mark.redis
def test_a_refused_publish_says_why_in_dutch(demo_store: Store, rq: runner_module.RqRunner) -> None:
    job_id = jobs.enqueue(
        "upload.publish", {"staged": _staged(CHANGES), "channel": "web"}, demo_store, "anna"
    )
    _work(rq)
    failed = jobs.status(job_id, "anna")
    assert failed.state == "fout" and failed.stage_text() == "Mislukt"
    assert "vink 'Ik wil gepubliceerde waarden wijzigen' aan" in failed.error


@pytest.mark.redis
def test_a_job_rq_gave_up_on_is_reported_as_failed(
    demo_store: Store, rq: runner_module.RqRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(*args: object) -> None:
        raise SystemError("the worker lost its job")

    monkeypatch.setattr(runner_module, "execute", dies)
    job_id = jobs.enqueue("scores.rebuild", {}, demo_store, "beheer")
    _work(rq)
    failed = jobs.status(job_id, "beheer")
    assert failed.state == "fout" and failed.error.startswith("Er ging iets mis")


@pytest.mark.redis
def test_monitor_worker_runs_a_score_rebuild(demo_store: Store, rq: runner_module.RqRunner) -> None:
    job_id = jobs.enqueue("scores.rebuild", {}, demo_store, "beheer")
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "worker", "--burst"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Worker voor wachtrij buurtmonitor op redis://127.0.0.1:6379/11" in done.stderr
    rebuilt = jobs.status(job_id)
    assert rebuilt.state == "klaar", rebuilt.error
    [division] = rebuilt.result["divisions"]
    assert division["division"] == "voorbeeldstad" and division["rows"] > 0


def test_without_redis_jobs_run_in_threads(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONITOR_REDIS_URL", raising=False)
    found = jobs.runner()
    assert isinstance(found, runner_module.ThreadRunner)
    job_id = jobs.enqueue("scores.rebuild", {"division": "voorbeeldstad"}, demo_store, "beheer")
    found.drain()
    rebuilt = jobs.status(job_id, "beheer")
    assert rebuilt.state == "klaar" and rebuilt.fraction == 1.0
    assert rebuilt.result["divisions"][0]["groups"] > 0
    # Another process on the machine (a second gunicorn worker) reads the same status.
    elsewhere = runner_module.ThreadRunner(Path(os.environ["MONITOR_DATA_DIR"]) / "jobs")
    assert elsewhere.statuses.get(job_id) == rebuilt
    assert jobs.status("geen-taak") is None and jobs.status(None) is None


def test_monitor_worker_needs_redis(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_REDIS_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "worker", "--burst"],
        env=env | {"MONITOR_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "monitor worker heeft Redis nodig: zet MONITOR_REDIS_URL" in " ".join(
        done.stderr.split()
    )


def test_a_file_that_cannot_be_read_fails_in_dutch_and_is_not_kept(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONITOR_REDIS_URL", raising=False)
    staged = _staged(b"\x00\x01 geen tabel \x02", "kapot.csv")
    stored = Path(os.environ["MONITOR_DATA_DIR"]) / "uploads" / staged["sha256"]
    assert stored.is_file()
    job_id = jobs.enqueue("upload.check", {"staged": staged, "channel": "web"}, demo_store, "anna")
    jobs.runner().drain()
    failed = jobs.status(job_id, "anna")
    assert failed.state == "fout" and failed.error and "Traceback" not in failed.error
    assert not stored.exists()


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "monitor.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_rebuild_in_the_background_without_redis(demo_store: Store) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_REDIS_URL"}
    done = _cli("scores", "rebuild", "--achtergrond", env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Indeling voorbeeldstad: generatie" in done.stdout


@pytest.mark.redis
def test_cli_rebuild_in_the_background_runs_in_the_worker(
    demo_store: Store, rq: runner_module.RqRunner
) -> None:
    env = dict(os.environ)
    worker = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        done = _cli("scores", "rebuild", "--achtergrond", env=env)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Indeling voorbeeldstad: generatie" in done.stdout


@pytest.mark.redis
def test_an_rq_job_waits_for_the_checkpoint_of_its_large_write(
    demo_store: Store, rq: runner_module.RqRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RQ's work horse leaves with ``os._exit`` (threads stop): the job's function waits
    for the background WAL checkpoint its publish started (monitor.store.checkpoint)."""
    import threading
    import time

    from monitor.store import checkpoint

    done: list[str] = []

    def slow_checkpoint(database: str) -> None:
        time.sleep(0.3)
        done.append(database)

    def publishes(statuses, job_id, kind, args, store) -> None:  # what a large publish leaves
        thread = threading.Thread(target=slow_checkpoint, args=(store.url,))
        checkpoint._running.append(thread)
        thread.start()

    monkeypatch.setattr(runner_module, "run", publishes)
    runner_module.execute("job", "upload.publish", {})
    assert done == [demo_store.url]
