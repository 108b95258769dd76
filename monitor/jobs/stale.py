"""Jobs whose process died: shown as failed ("Onderbroken"), never as running forever.

- Thread runner (no Redis): the job's status names the process (pid and host) that runs
  it, and while it waits or runs that process touches its status file every
  :data:`HEARTBEAT_SECONDS` (:class:`Heartbeat`). A job whose process is gone, or whose
  file has not been touched for :data:`STALE_SECONDS`, was interrupted (a restart, a
  gunicorn worker that timed out or was killed).
- RQ: a worker beats for its job in RQ's ``StartedJobRegistry``; a job whose worker died
  stays "started" there until the beat runs out (about 90 seconds), and only the
  registry's ``cleanup`` (which workers run every few minutes) moves it to the failed
  jobs as abandoned (``AbandonedJobError``). Reading a status runs that cleanup for the
  queue, so the page learns it at once; a work-horse that was killed is failed by its
  worker straight away ("terminated unexpectedly").
"""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import replace

from monitor.jobs.status import FileStatuses, JobStatus
from monitor.messages import t

#: How often a process touches the status files of the jobs it holds.
HEARTBEAT_SECONDS = 5.0
#: A waiting or running job untouched this long is taken for interrupted.
STALE_SECONDS = 60.0
#: What RQ says of a job whose worker or work-horse died.
RQ_DEATHS = ("AbandonedJobError", "terminated unexpectedly")


def this_host() -> str:
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    """Does process ``pid`` exist on this machine? (Signal 0 checks without sending.)"""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def interrupted(status: JobStatus) -> JobStatus:
    """The failed state of a job whose process died: the stage says *Onderbroken*."""
    return replace(
        status,
        state="fout",
        error=t("job.err.interrupted"),
        stage="job.stage.interrupted",
        params={},
        updated=time.time(),
    )


def is_stale(status: JobStatus, statuses: FileStatuses, now: float | None = None) -> bool:
    """Has the process of this unfinished thread-runner job died, or stopped beating?"""
    if status.finished:
        return False
    if status.pid is not None and status.host == this_host() and not process_alive(status.pid):
        return True
    last = max(status.updated, statuses.last_sign(status.id) or 0.0)
    return (now if now is not None else time.time()) - last > STALE_SECONDS


class Heartbeat:
    """One daemon thread per process that touches the status files of the jobs this
    process holds (waiting in its pool or running), every :data:`HEARTBEAT_SECONDS`."""

    def __init__(self, statuses: FileStatuses) -> None:
        self.statuses = statuses
        self._held: set[str] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def hold(self, job_id: str) -> None:
        with self._lock:
            self._held.add(job_id)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._beat, name="monitor-job-heartbeat", daemon=True
                )
                self._thread.start()

    def release(self, job_id: str) -> None:
        with self._lock:
            self._held.discard(job_id)

    def _beat(self) -> None:
        while True:
            time.sleep(HEARTBEAT_SECONDS)
            with self._lock:
                held = list(self._held)
            for job_id in held:
                self.statuses.touch(job_id)


def rq_died(job: object) -> bool:
    """Did RQ record the job's worker or work-horse as dead (not an error of the job)?"""
    try:
        result = job.latest_result()  # type: ignore[attr-defined]
    except Exception:  # an older or expired result: not known to have died
        return False
    text = getattr(result, "exc_string", None) or ""
    return any(sign in text for sign in RQ_DEATHS)
