"""``monitor worker``: run background jobs (uploads, score rebuilds) from the RQ queue."""

from __future__ import annotations

from typing import Annotated

import typer

from monitor.cli.apps import app
from monitor.cli.output import err, safe_url
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.messages import t


@app.command()
def worker(
    burst: Annotated[
        bool, typer.Option(help="Stop zodra de wachtrij leeg is (voor scripts en tests).")
    ] = False,
) -> None:
    """Voer achtergrondtaken uit (uploads controleren en publiceren, scores opnieuw
    opbouwen) uit de wachtrij in Redis (MONITOR_REDIS_URL). Start er één of meer naast
    de app; ze delen de database en MONITOR_DATA_DIR met de app."""
    import redis
    from rq import Queue, Worker
    from rq.serializers import JSONSerializer

    from monitor.jobs import QUEUE

    settings = get_settings()
    if not settings.redis_url:
        raise MonitorError(t("worker.no_redis"))
    # No socket time-out: the worker waits on the queue with a blocking read.
    connection = redis.Redis.from_url(settings.redis_url)
    err.print(
        t(
            "worker.start",
            queue=QUEUE,
            redis=safe_url(settings.redis_url),
            database=safe_url(settings.database_url),
        ),
        markup=False,
        highlight=False,
    )
    queue = Queue(QUEUE, connection=connection, serializer=JSONSerializer)
    Worker([queue], connection=connection, serializer=JSONSerializer).work(
        burst=burst, with_scheduler=False
    )
