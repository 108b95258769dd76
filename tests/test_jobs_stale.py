"""A job whose process died is shown as failed ("Onderbroken"), never as running forever:
without Redis (the thread runner: the owning process is gone, or its heartbeat stopped)
and with RQ (a worker that died: RQ's abandoned jobs)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from monitor import jobs
from monitor.jobs import running as runner_module
from monitor.jobs import stale
from monitor.jobs.status import JobStatus
from monitor.store import Store
from tests.support import require_redis

ROOT = Path(__file__).resolve().parents[1]

#: A process that queues a job which runs until it is killed, and says the job's id.
OWNER = textwrap.dedent(
    """
    import sys, time
    from monitor import jobs
    from monitor.jobs import running

    def forever(store, args, progress):
        progress(0.25, "job.stage.check")
        while True:
            time.sleep(0.1)

    running._tasks = lambda: {"scores.rebuild": forever}
    job_id = jobs.enqueue("scores.rebuild", {}, None, "beheer")
    print(job_id, flush=True)
    time.sleep(600)
    """
)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MONITOR_DATABASE_URL", f"sqlite:///{tmp_path / 'jobs.sqlite'}")
    monkeypatch.delenv("MONITOR_REDIS_URL", raising=False)
    return tmp_path / "data"


def wait_for(predicate, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_a_job_whose_process_was_killed_is_shown_as_interrupted(data_dir: Path) -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        job_id = owner.stdout.readline().strip()
        # "bezig" is written as the job starts, its first progress (0.25) a moment later.
        running = wait_for(
            lambda: (found := jobs.status(job_id, "beheer")) and found.fraction == 0.25 and found
        )
        assert running.pid == owner.pid and running.state == "bezig"
        assert jobs.status(job_id, "beheer").state == "bezig"  # alive: still running
    finally:
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=20)
        owner.stdout.close()
    # Read by another process of the machine (this test, as a second gunicorn worker).
    after = jobs.status(job_id, "beheer")
    assert after.state == "fout" and after.finished
    assert after.stage_text() == "Onderbroken"
    assert after.error.startswith("De taak is onderbroken")
    # Recorded, not only shown: the next reader gets the same without deciding again.
    assert jobs.runner().statuses.get(job_id) == after


def test_a_job_without_heartbeat_is_interrupted_a_running_one_is_not(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statuses = jobs.runner().statuses
    # On another machine (its pid cannot be checked from here), last seen 61 s ago.
    seen = time.time() - (stale.STALE_SECONDS + 1)
    quiet = JobStatus(
        id="a" * 32, kind="scores.rebuild", actor="beheer", state="bezig", fraction=0.5,
        updated=seen, pid=os.getpid(), host="elders",
    )  # fmt: skip
    statuses.put(quiet)
    os.utime(statuses.folder / f"{quiet.id}.json", (seen, seen))
    assert jobs.status(quiet.id).stage_text() == "Onderbroken"
    # The same, touched 59 s ago, is still running.
    recent = JobStatus(**{**quiet.__dict__, "id": "b" * 32, "updated": seen + 2})
    statuses.put(recent)
    os.utime(statuses.folder / f"{recent.id}.json", (seen + 2, seen + 2))
    assert jobs.status(recent.id).state == "bezig"

    # A long step that reports no progress stays "bezig": this process beats for it.
    monkeypatch.setattr(stale, "HEARTBEAT_SECONDS", 0.1)
    monkeypatch.setattr(stale, "STALE_SECONDS", 2.0)  # twenty beats: room on a busy machine

    def slow(store: Store, args: dict, progress) -> dict:
        progress(0.1, "job.stage.check")
        time.sleep(5.0)  # two and a half times STALE_SECONDS without a word
        return {"divisions": []}

    monkeypatch.setattr(runner_module, "_tasks", lambda: {"scores.rebuild": slow})
    job_id = jobs.enqueue("scores.rebuild", {}, None, "beheer")
    states = []
    for _ in range(18):
        time.sleep(0.25)
        states.append(jobs.status(job_id).state)
    jobs.runner().drain()
    assert set(states) <= {"wachtend", "bezig"} and "bezig" in states
    assert jobs.status(job_id).state == "klaar"


def test_process_alive() -> None:
    assert stale.process_alive(os.getpid()) and stale.process_alive(1)
    assert not stale.process_alive(0) and not stale.process_alive(-1)


@pytest.mark.redis
def test_an_rq_job_whose_worker_died_is_shown_as_interrupted(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What RQ records when the worker process dies during a job: the job "started" in the
    StartedJobRegistry with a heartbeat that ran out. (A killed worker's beat lasts about
    90 seconds; the test writes the expired entry RQ would have, instead of waiting.)"""
    from rq.job import Job
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    monkeypatch.setenv("MONITOR_REDIS_URL", require_redis())
    rq = jobs.runner()
    assert isinstance(rq, runner_module.RqRunner)
    queue = rq.queue()
    queue.empty()
    job_id = jobs.enqueue("scores.rebuild", {}, None, "beheer")
    job = Job.fetch(job_id, connection=rq.client, serializer=queue.serializer)
    queue.remove(job)  # taken by the worker ...
    job.set_status("started")
    registry = StartedJobRegistry(queue=queue)
    rq.client.zadd(registry.key, {f"{job_id}:dead-worker": time.time() - 5})  # ... which died
    rq.statuses.put(JobStatus(**{**rq.statuses.get(job_id).__dict__, "state": "bezig"}))
    try:
        after = jobs.status(job_id, "beheer")
        assert after.state == "fout" and after.stage_text() == "Onderbroken"
        assert after.error.startswith("De taak is onderbroken")
        assert job_id in FailedJobRegistry(queue=queue).get_job_ids()  # RQ agrees
        assert rq.statuses.get(job_id) == after
    finally:
        queue.empty()
        FailedJobRegistry(queue=queue).remove(job_id, delete_job=True)


#: Loaded by the worker's interpreter at start (``sitecustomize``): its scores.rebuild
#: runs until it is killed, and says its process (the work-horse RQ forked).
SLOW_WORKER = textwrap.dedent(
    """
    import os, time
    import monitor.jobs.running as running

    def forever(store, args, progress):
        progress(0.25, "job.stage.check", pid=os.getpid())
        while True:
            time.sleep(0.1)

    running._tasks = lambda: {"scores.rebuild": forever}
    """
)


@pytest.mark.redis
def test_an_rq_job_whose_work_horse_was_killed_is_interrupted(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real ``monitor worker``: its work-horse is killed in the middle of the job; the
    worker records it as failed ("terminated unexpectedly"), the page says Onderbroken."""
    monkeypatch.setenv("MONITOR_REDIS_URL", require_redis())
    rq = jobs.runner()
    assert isinstance(rq, runner_module.RqRunner)
    rq.queue().empty()
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_WORKER)
    job_id = jobs.enqueue("scores.rebuild", {}, None, "beheer")
    worker = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "worker", "--burst"],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=f"{hooks}{os.pathsep}{ROOT}"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        running = wait_for(
            lambda: (found := jobs.status(job_id, "beheer")) and found.state == "bezig" and found,
            seconds=120,
        )
        horse = running.params["pid"]
        assert horse != worker.pid
        os.kill(horse, signal.SIGKILL)
        assert worker.wait(timeout=120) == 0  # the burst worker goes on, then stops
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=20)
        rq.queue().empty()
    after = jobs.status(job_id, "beheer")
    assert after.state == "fout" and after.stage_text() == "Onderbroken"
    assert after.error.startswith("De taak is onderbroken")
