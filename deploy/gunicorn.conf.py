"""gunicorn settings for a Buurtmonitor server.

    gunicorn --config deploy/gunicorn.conf.py app:server

Every value can be changed through the environment (the systemd unit reads
``/etc/buurtmonitor/env``). Pages read stored scores, and long work (checking and
publishing a large upload, a full score rebuild) runs in ``monitor worker``, so a request
never needs long: a short timeout ends a stuck worker instead of queueing behind it.
"""

import multiprocessing
import os

# Behind the reverse proxy on the same machine; MONITOR_BIND=0.0.0.0:8050 to listen wider.
bind = os.environ.get("MONITOR_BIND") or f"127.0.0.1:{os.environ.get('MONITOR_PORT', '8050')}"
# Two per CPU plus one, at most eight: each worker holds its own caches and connections.
workers = int(os.environ.get("MONITOR_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 8))
# Threads per worker: callbacks that wait on the database overlap.
threads = int(os.environ.get("MONITOR_THREADS", "2"))
timeout = int(os.environ.get("MONITOR_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (slow leaks never add up).
max_requests = 2000
max_requests_jitter = 200
# X-Forwarded-* only from the proxy on this machine (see MONITOR_TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("MONITOR_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("MONITOR_LOG_LEVEL", "info")


def on_starting(server):
    """Refuse a weak ``MONITOR_SECRET_KEY`` in the master, before any worker starts: one
    Dutch sentence and exit code 2. (Each worker refuses too, but several workers refusing
    at once make gunicorn print its own traceback while it stops.)"""
    import sys

    sys.path.insert(0, server.cfg.chdir)
    from app import refuse_weak_secret_key

    refuse_weak_secret_key(exit_code=2)
