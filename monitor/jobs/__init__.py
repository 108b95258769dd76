"""Background jobs with progress: RQ on Redis (``monitor worker``), threads without it.

- ``monitor/jobs/running.py``: :func:`enqueue`, :func:`status`, the RQ and thread runners
  and what the RQ worker executes.
- ``monitor/jobs/status.py``: a job's state, fraction and stage, readable by any instance.
- ``monitor/jobs/uploads.py``: checking and publishing a staged upload (a points file:
  ``monitor/jobs/point_uploads.py``);
  ``monitor/jobs/rebuild.py``: rebuilding scores; ``monitor/jobs/profiles_pdf.py``: the PDF
  of many areas' profiles.
"""

from monitor.jobs.running import QUEUE, enqueue, execute, runner, status
from monitor.jobs.status import JobStatus, Progress

__all__ = ["QUEUE", "JobStatus", "Progress", "enqueue", "execute", "runner", "status"]
