"""Where a background job stands: waiting, running (a fraction and a stage), done or
failed, with its result. Kept in Redis when configured, so that any app instance can
answer the page that polls; otherwise in files under ``MONITOR_DATA_DIR/jobs``, which
every process on the machine reads.

The stage is a message key (``job.stage.*``), so the page and the CLI say it in their
own language; the result is JSON, never pickled.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import redis

from monitor.messages import t

#: Redis keys of job statuses start with this.
PREFIX = "buurtmonitor:job:"
#: How long a finished (or forgotten) job's status can still be read.
TTL_SECONDS = 24 * 3600
STATES = ("wachtend", "bezig", "klaar", "fout")


@dataclass(frozen=True)
class JobStatus:
    """One job as any instance reads it."""

    id: str
    kind: str
    #: Who started it: only they see its progress and result.
    actor: str
    state: str = "wachtend"
    fraction: float = 0.0
    #: A message key (``job.stage.*``) with its parameters.
    stage: str = "job.stage.queued"
    params: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] | None = None
    error: str | None = None
    updated: float = field(default_factory=time.time)
    #: The process that runs the job and its machine (thread runner only): when that
    #: process is gone, the job is shown as interrupted (``monitor.jobs.stale``).
    pid: int | None = None
    host: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("klaar", "fout")

    def stage_text(self, lang: str = "nl") -> str:
        return t(self.stage, lang, **self.params)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes) -> JobStatus:
        return cls(**json.loads(text))


class FileStatuses:
    """Statuses as files in ``MONITOR_DATA_DIR/jobs`` (no Redis): jobs run in threads of
    the process that started them, and every process on the machine (gunicorn workers)
    reads how far they are. Written atomically (temp file + rename)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()

    def _path(self, job_id: str) -> Path | None:
        return self.folder / f"{job_id}.json" if job_id.isalnum() else None

    def put(self, status: JobStatus) -> None:
        path = self._path(status.id)
        if path is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temp.write_text(status.to_json(), encoding="utf-8")
        os.replace(temp, path)
        if status.finished:
            self.prune()

    def get(self, job_id: str) -> JobStatus | None:
        path = self._path(job_id)
        try:
            return None if path is None else JobStatus.from_json(path.read_bytes())
        except (OSError, ValueError):
            return None

    def touch(self, job_id: str) -> None:
        """The heartbeat of a job that runs in this process: its file's time, not its
        content (a rewrite could undo a newer state the job wrote meanwhile)."""
        path = self._path(job_id)
        if path is not None:
            with contextlib.suppress(OSError):
                os.utime(path)

    def last_sign(self, job_id: str) -> float | None:
        """When the job last wrote or beat (the file's time); None when it has no file."""
        path = self._path(job_id)
        try:
            return None if path is None else path.stat().st_mtime
        except OSError:
            return None

    def prune(self) -> None:
        """Forget statuses older than ``TTL_SECONDS`` (as Redis does by itself)."""
        oldest = time.time() - TTL_SECONDS
        with self._lock:
            for path in self.folder.glob("*.json"):
                try:
                    if path.stat().st_mtime < oldest:
                        path.unlink()
                except OSError:
                    pass


class RedisStatuses:
    """Statuses in Redis: every instance and worker reads and writes the same."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def put(self, status: JobStatus) -> None:
        self.client.set(PREFIX + status.id, status.to_json(), ex=TTL_SECONDS)

    def get(self, job_id: str) -> JobStatus | None:
        found = self.client.get(PREFIX + job_id)
        return None if found is None else JobStatus.from_json(found)


Statuses = FileStatuses | RedisStatuses


class Progress:
    """What a running job calls to say how far it is: ``progress(0.4, "job.stage.check")``."""

    def __init__(self, statuses: Statuses, job_id: str) -> None:
        self.statuses = statuses
        self.job_id = job_id

    def __call__(self, fraction: float, stage: str, **params: Any) -> None:
        self.update(
            state="bezig", fraction=min(max(float(fraction), 0.0), 1.0), stage=stage, params=params
        )

    def update(self, **changes: Any) -> None:
        current = self.statuses.get(self.job_id)
        if current is None:  # expired or never written: nothing to update
            return
        self.statuses.put(replace(current, updated=time.time(), **changes))
