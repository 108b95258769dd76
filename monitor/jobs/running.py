"""Running long work in the background: RQ on Redis, or threads in this process.

With ``MONITOR_REDIS_URL`` set, :func:`enqueue` puts the job on the RQ queue
``buurtmonitor`` (JSON-serialised: no pickle) and ``monitor worker`` runs it, on this
machine or another one that sees the same database and ``MONITOR_DATA_DIR``. Without
Redis a small thread pool in this process runs it. Either way the status (fraction and
stage) is kept where every instance can read it (:mod:`monitor.jobs.status`), and a
request that starts a job returns at once with the job's id.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.cache import redis_client
from monitor.channel import channel
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.jobs import stale
from monitor.jobs.status import FileStatuses, JobStatus, Progress, RedisStatuses, Statuses
from monitor.messages import t
from monitor.store import Store, checkpoint

log = logging.getLogger(__name__)

#: The RQ queue every instance puts jobs on and ``monitor worker`` takes them from.
QUEUE = "buurtmonitor"
#: A job that runs longer than this is stopped by the RQ worker.
JOB_TIMEOUT_SECONDS = 3600
#: Threads for jobs in a process without Redis.
THREADS = 2

Task = Callable[[Store, dict[str, Any], Progress], dict[str, Any]]


def _tasks() -> dict[str, Task]:
    from monitor.jobs.profiles_pdf import run_profiles_pdf
    from monitor.jobs.rebuild import run_rebuild
    from monitor.jobs.uploads import run_check, run_publish

    return {
        "upload.check": run_check,
        "upload.publish": run_publish,
        "scores.rebuild": run_rebuild,
        "profiles.pdf": run_profiles_pdf,
    }


def run(statuses: Statuses, job_id: str, kind: str, args: dict[str, Any], store: Store) -> None:
    """Run one job and record how it ended: a MonitorError is the user's message, anything
    else a generic one (and the traceback in the log)."""
    progress = Progress(statuses, job_id)
    progress(0.0, "job.stage.started")
    try:
        with channel(args.get("channel", "cli")):
            result = _tasks()[kind](store, args, progress)
    except MonitorError as exc:
        progress.update(state="fout", error=str(exc), stage="job.stage.failed", params={})
        return
    except Exception:
        log.exception("job %s (%s) failed", job_id, kind)
        progress.update(
            state="fout", error=t("job.err.failed"), stage="job.stage.failed", params={}
        )
        return
    progress.update(state="klaar", fraction=1.0, stage="job.stage.done", params={}, result=result)


class ThreadRunner:
    """Jobs in this process's threads (no Redis): statuses in files that every process
    on the machine reads (``folder``). Each status names this process, which beats for
    its jobs; a job whose process died is shown as interrupted (:mod:`monitor.jobs.stale`)."""

    def __init__(self, folder: Path) -> None:
        self.statuses = FileStatuses(folder)
        self._pool = ThreadPoolExecutor(THREADS, thread_name_prefix="monitor-job")
        self._futures: set[Future] = set()
        self._lock = threading.Lock()
        self._heartbeat = stale.Heartbeat(self.statuses)

    def enqueue(self, kind: str, args: dict[str, Any], store: Store, actor: str) -> str:
        job_id = _new(self.statuses, kind, actor, pid=os.getpid(), host=stale.this_host())
        self._heartbeat.hold(job_id)
        future = self._pool.submit(run, self.statuses, job_id, kind, args, store)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(lambda done: self._forget(done, job_id))
        return job_id

    def _forget(self, future: Future, job_id: str) -> None:
        self._heartbeat.release(job_id)
        with self._lock:
            self._futures.discard(future)

    def settle(self, status: JobStatus) -> JobStatus:
        """An unfinished job whose process died (or stopped beating) is recorded and
        shown as interrupted instead of running forever."""
        if not stale.is_stale(status, self.statuses):
            return status
        # Read again: the job may have just finished (its last write wins over ours).
        current = self.statuses.get(status.id) or status
        if current.finished:
            return current
        failed = stale.interrupted(current)
        self.statuses.put(failed)
        return failed

    def drain(self, timeout: float = 60) -> None:
        """Wait for every job started so far (tests, and a CLI that exits)."""
        with self._lock:
            pending = set(self._futures)
        wait(pending, timeout=timeout)


class RqRunner:
    """Jobs on the RQ queue in Redis; statuses in Redis."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = redis_client(url)
        self.statuses = RedisStatuses(self.client)

    def queue(self):
        from rq import Queue
        from rq.serializers import JSONSerializer

        return Queue(QUEUE, connection=self.client, serializer=JSONSerializer)

    def enqueue(self, kind: str, args: dict[str, Any], store: Store, actor: str) -> str:
        job_id = _new(self.statuses, kind, actor)
        self.queue().enqueue(
            "monitor.jobs.running.execute",
            job_id,
            kind,
            args,
            job_id=job_id,
            job_timeout=JOB_TIMEOUT_SECONDS,
            result_ttl=3600,
            failure_ttl=24 * 3600,
        )
        return job_id

    def drain(self, timeout: float = 60) -> None:  # the worker runs them
        return None

    def settle(self, status: JobStatus) -> JobStatus:
        """A job RQ gave up on (its worker died, or it ran past its time-out) never says
        so itself: read RQ's own state and record the failure. A job still "started"
        whose worker stopped beating is moved to the failed jobs first (RQ's cleanup of
        abandoned jobs), and shown as interrupted, as without Redis."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job
        from rq.registry import StartedJobRegistry

        queue = self.queue()
        try:
            job = Job.fetch(status.id, connection=self.client, serializer=queue.serializer)
            state = job.get_status(refresh=False)
            if state == "started":
                StartedJobRegistry(queue=queue).cleanup()
                state = job.get_status(refresh=True)
        except NoSuchJobError:
            job, state = None, None
        # Unknown to RQ just after the status was written is normal (enqueue follows).
        lost = state is None and time.time() - status.updated > 60
        if lost or (state == "failed" and stale.rq_died(job)):
            failed = stale.interrupted(status)
        elif state in ("failed", "stopped", "canceled"):
            failed = replace(
                status,
                state="fout",
                error=t("job.err.failed"),
                stage="job.stage.failed",
                params={},
            )
        else:
            return status
        self.statuses.put(failed)
        return failed


Runner = ThreadRunner | RqRunner
_runners: dict[object, Runner] = {}
_runners_lock = threading.Lock()


def runner() -> Runner:
    """The runner for the configured Redis (RQ), or this process's threads without it."""
    settings = get_settings()
    url = settings.redis_url
    key = url or settings.data_dir
    with _runners_lock:
        found = _runners.get(key)
        if found is None:
            found = _runners[key] = (
                RqRunner(url) if url else ThreadRunner(settings.data_dir / "jobs")
            )
        return found


def enqueue(kind: str, args: dict[str, Any], store: Store, actor: str) -> str:
    """Start ``kind`` (``upload.check``, ``upload.publish``, ``scores.rebuild``,
    ``profiles.pdf``) with JSON
    ``args``; returns the job id at once. ``store`` is used by threads in this process;
    an RQ worker opens the store of its own settings (``MONITOR_DATABASE_URL``)."""
    if kind not in _tasks():
        raise ValueError(f"unknown job kind {kind!r}")
    return runner().enqueue(kind, {**args, "actor": actor}, store, actor)


def status(job_id: str | None, actor: str | None = None) -> JobStatus | None:
    """A job's status; None when unknown, expired, or started by someone other than
    ``actor`` (when given): nobody reads another person's job."""
    if not job_id or not isinstance(job_id, str):
        return None
    current = runner()
    found = current.statuses.get(job_id)
    if found is None or (actor is not None and found.actor != actor):
        return None
    if not found.finished:
        found = current.settle(found)
    return found


def _new(statuses: Statuses, kind: str, actor: str, **owner: Any) -> str:
    job_id = uuid.uuid4().hex
    statuses.put(JobStatus(id=job_id, kind=kind, actor=actor, **owner))
    return job_id


@lru_cache(maxsize=4)
def _worker_store(url: str) -> Store:
    return Store(url)


def execute(job_id: str, kind: str, args: dict[str, Any]) -> None:
    """What the RQ worker runs: the job, on the store and Redis of the worker's settings."""
    settings = get_settings()
    if not settings.redis_url:
        raise RuntimeError("MONITOR_REDIS_URL is not set in the worker")
    statuses = RedisStatuses(redis_client(settings.redis_url))
    try:
        run(statuses, job_id, kind, args, _worker_store(settings.database_url))
    finally:
        # RQ's work horse ends with ``os._exit``, which would stop the checkpoint SQLite
        # runs in a thread after a large write (monitor.store.checkpoint), leaving it to
        # whichever request commits next: the job's process waits for it (the job's status
        # says "klaar" already).
        checkpoint.wait()


__all__ = ["JobStatus", "enqueue", "execute", "runner", "status"]
