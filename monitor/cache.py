"""The shared cache of what pages read: score frames, geometry, summary tables, contexts.

Two levels. Every process keeps a small LRU of decoded values; with ``MONITOR_REDIS_URL``
set, values are also kept in Redis, so that several app instances (gunicorn workers,
machines) compute each thing once. Every key contains what the value depends on — the
store, the division and its **score generation** as read from the store just before —
so a publish on any instance (which raises the generation in the same transaction)
makes every instance ask for new keys at its next read: nothing stale is served, and
old keys simply expire (``TTL_SECONDS``).

One instance builds a value at a time (*single flight*): within a process the other
threads asking for the same key wait for the builder; across instances the builder
claims the key in Redis for as long as it builds (:data:`CLAIM_SECONDS` at most) and the
others read its result from Redis when it is there. Right after a publish fifty readers
of the changed map cost one build, not one per worker and thread.

Values are encoded without pickle: data frames as Arrow IPC streams (their ``attrs`` in
the schema metadata), everything else as JSON. A value that cannot be encoded, or a
Redis that does not answer, never breaks a page: the value is then computed and kept
in this process only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import io
import json
import logging
import struct
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import pandas as pd
import pyarrow as pa
import redis

from monitor.config import get_settings

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Redis keys of this cache start with this (one Redis may serve other programs too).
PREFIX = "buurtmonitor:cache:"
#: A key's claim (:meth:`Cache._claim`) is the key with this after it.
CLAIM_SUFFIX = ":building"
#: Keys of past generations are never asked for again; Redis forgets them after this.
TTL_SECONDS = 3600
#: Decoded values each process keeps (per cache object), and their estimated size at
#: most (a national map's frame is megabytes; a Voorbeeldstad one kilobytes). Many small
#: values: a buurtprofiel keeps seven rendered pieces per area (``layouts.kept``), a map
#: a frame and a hideout per indicator and year; the bytes bound the large ones.
LOCAL_SIZE = 4096
LOCAL_BYTES = 256 * 1024 * 1024
#: A cache must never make a page hang on an unreachable Redis: short time-outs, and
#: after a failure Redis is left alone for a while.
TIMEOUT_SECONDS = 1.0
PAUSE_SECONDS = 10.0
#: A build claimed by another instance is waited for this long at most (then built here
#: too); the claim expires after it, so a builder that died blocks nobody for longer.
CLAIM_SECONDS = 5.0
#: How often a waiting instance looks for the claimed value in Redis (doubling from the
#: first to the last).
POLL_SECONDS = (0.005, 0.05)
_ATTRS = b"monitor_attrs"
#: Not in this process's cache (None is a value a build may return).
_MISSING = object()
_CLASS = "__monitor_dataclass__"


class Codec(Protocol):
    def encode(self, value: Any) -> bytes: ...
    def decode(self, data: bytes) -> Any: ...
    def copy(self, value: Any) -> Any: ...
    def size(self, value: Any) -> int: ...


class JsonCodec:
    """Dicts, lists, strings and numbers (tuples come back as lists)."""

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":"), allow_nan=True).encode()

    def decode(self, data: bytes) -> Any:
        return json.loads(data)

    def copy(self, value: Any) -> Any:
        # Callers may change what they get (a page fills in a dropdown's value).
        return json.loads(json.dumps(value))

    def size(self, value: Any) -> int:
        return len(json.dumps(value))


class FrameCodec:
    """One pandas DataFrame as an Arrow IPC stream; ``attrs`` kept as JSON metadata."""

    def encode(self, value: pd.DataFrame) -> bytes:
        return _frame_bytes(value)

    def decode(self, data: bytes) -> pd.DataFrame:
        return _bytes_frame(data)

    def copy(self, value: pd.DataFrame) -> pd.DataFrame:
        out = value.copy()
        out.attrs = dict(value.attrs)
        return out

    def size(self, value: pd.DataFrame) -> int:
        # The columns' own sizes (``memory_usage`` builds a Series of them: twice the time).
        return int(sum(column.nbytes for _, column in value.items()) + value.index.nbytes)


class FramesCodec:
    """A tuple of DataFrames: each an Arrow IPC stream, prefixed by its length."""

    def encode(self, value: Sequence[pd.DataFrame]) -> bytes:
        parts = [_frame_bytes(f) for f in value]
        return b"".join(struct.pack(">Q", len(p)) + p for p in parts)

    def decode(self, data: bytes) -> tuple[pd.DataFrame, ...]:
        frames, at = [], 0
        while at < len(data):
            (size,) = struct.unpack_from(">Q", data, at)
            frames.append(_bytes_frame(data[at + 8 : at + 8 + size]))
            at += 8 + size
        return tuple(frames)

    def copy(self, value: Sequence[pd.DataFrame]) -> tuple[pd.DataFrame, ...]:
        return tuple(FRAME.copy(f) for f in value)

    def size(self, value: Sequence[pd.DataFrame]) -> int:
        return sum(FRAME.size(f) for f in value)


class SharedJsonCodec(JsonCodec):
    """JSON values that callers only read (geometry): every caller gets the one decoded
    value, not a copy (a national buurt map's outlines are megabytes of JSON)."""

    def copy(self, value: Any) -> Any:
        return value


class LocalCodec:
    """Values kept in this process only, never in Redis (a dataclass of frames that only
    this process's pages read): every caller gets the one value and must not change it.
    The size is a fixed estimate per entry (small results: a list, a few frames)."""

    local_only = True

    def encode(self, value: Any) -> bytes:
        raise TypeError("a local value is not encoded")

    def decode(self, data: bytes) -> Any:
        raise TypeError("a local value is not decoded")

    def copy(self, value: Any) -> Any:
        return value

    def size(self, value: Any) -> int:
        return 64 * 1024


JSON = JsonCodec()
#: For values no caller changes; a caller that would change one must use :data:`JSON`.
READ_ONLY_JSON = SharedJsonCodec()
FRAME = FrameCodec()
FRAMES = FramesCodec()
#: Read-only values of this process (never shared through Redis).
LOCAL = LocalCodec()


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    plain = frame.copy(deep=False)
    plain.attrs = {}  # kept by us below, with the dataclasses they may hold
    table = pa.Table.from_pandas(plain)
    if frame.attrs:
        metadata = dict(table.schema.metadata or {})
        metadata[_ATTRS] = json.dumps(frame.attrs, default=_encode_attr).encode()
        table = table.replace_schema_metadata(metadata)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _bytes_frame(data: bytes) -> pd.DataFrame:
    table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
    attrs = (table.schema.metadata or {}).get(_ATTRS)
    frame = table.to_pandas()
    if attrs:
        frame.attrs = json.loads(attrs, object_hook=_decode_attr)
    return frame


def _encode_attr(value: Any) -> Any:
    """JSON for what frames carry in ``attrs`` besides plain values: numpy scalars and the
    project's own dataclasses (a frame's ``coverage``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return {_CLASS: f"{kind.__module__}:{kind.__qualname__}", "fields": fields}
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(type(value).__name__)


def _decode_attr(found: dict[str, Any]) -> Any:
    if _CLASS not in found:
        return found
    module, _, name = str(found[_CLASS]).partition(":")
    if not module.startswith("monitor."):  # only the project's own dataclasses
        raise ValueError(module)
    kind = getattr(importlib.import_module(module), name)
    if not dataclasses.is_dataclass(kind):
        raise ValueError(name)
    return kind(**found["fields"])


def key_of(namespace: str, parts: Sequence[Any]) -> str:
    """A short, stable Redis key; the parts (which hold the store URL) are hashed."""
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:40]
    return f"{PREFIX}{namespace}:{digest}"


class Cache:
    """An LRU in this process, in front of Redis when a client is given."""

    def __init__(
        self,
        client: redis.Redis | None = None,
        size: int = LOCAL_SIZE,
        max_bytes: int = LOCAL_BYTES,
    ) -> None:
        self.client = client
        self.size = size
        self.max_bytes = max_bytes
        #: key → (value, estimated bytes); ``_bytes`` their sum.
        self._local: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        #: What happened, for tests and the bench: local hits, shared hits, builds.
        self.counts = {"local": 0, "shared": 0, "built": 0}
        self._paused_until = 0.0
        #: key → [lock, threads holding or waiting for it]: one builder per key.
        self._flights: dict[str, list[Any]] = {}

    @property
    def shared(self) -> bool:
        return self.client is not None

    def remember(
        self, namespace: str, parts: Sequence[Any], build: Callable[[], T], codec: Codec = JSON
    ) -> T:
        """The value for ``parts`` (which must include the score generation): from this
        process, else from Redis, else built (and kept in both) by one thread of one
        instance while the others wait for it. Returns a copy."""
        key = key_of(namespace, parts)
        found = self._local_get(key, codec)
        if found is not _MISSING:
            return found
        with self._flight(key):
            # Another thread of this process may have built it while this one waited.
            found = self._local_get(key, codec)
            if found is not _MISSING:
                return found
            value, size = self._fetch_or_build(key, build, codec)
            with self._lock:
                self._keep(key, value, codec.size(value) if size is None else size)
        return codec.copy(value)

    def _local_get(self, key: str, codec: Codec) -> Any:
        with self._lock:
            if key not in self._local:
                return _MISSING
            self._local.move_to_end(key)
            self.counts["local"] += 1
            return codec.copy(self._local[key][0])

    def _fetch_or_build(
        self, key: str, build: Callable[[], T], codec: Codec
    ) -> tuple[Any, int | None]:
        """From Redis; else built here when this instance holds the claim (or nobody can
        claim: no Redis, a local value), else what the claiming instance keeps there. With
        the size of its encoding when there is one (no value is encoded twice)."""
        local_only = getattr(codec, "local_only", False)
        claimed = False
        if not local_only:
            found = self._shared_get(key, codec)
            if found is not None:
                self.counts["shared"] += 1
                return found
            claimed = self._claim(key)
            if not claimed:
                found = self._await(key, codec)
                if found is not None:
                    self.counts["shared"] += 1
                    return found
        try:
            value = build()
            self.counts["built"] += 1
            data = None if local_only else self._shared_set(key, value, codec)
        finally:
            if claimed:  # only this instance's own claim (another may still be building)
                self._release(key)
        # What the other instances will decode, not what was built: the same dtypes
        # everywhere (Arrow turns an object column of ints and None into floats, say), so
        # no page behaves differently on another instance.
        return (value, None) if data is None else (codec.decode(data), len(data))

    @contextmanager
    def _flight(self, key: str) -> Iterator[None]:
        """One thread of this process at a time for ``key``."""
        with self._lock:
            entry = self._flights.setdefault(key, [threading.Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._lock:
                entry[1] -= 1
                if not entry[1]:
                    self._flights.pop(key, None)

    def _claim(self, key: str) -> bool:
        """True when this instance is to build ``key``: it claimed it in Redis, or Redis
        cannot say (then every instance builds, as without Redis)."""
        if not self._usable():
            return True
        try:
            claimed = self.client.set(  # type: ignore[union-attr]
                key + CLAIM_SUFFIX, b"1", nx=True, px=int(CLAIM_SECONDS * 1000)
            )
        except redis.RedisError as exc:
            self._failed("geclaimd", key, exc)
            return True
        return bool(claimed)

    def _await(self, key: str, codec: Codec) -> tuple[Any, int] | None:
        """The value another instance is building, once it is in Redis; None when its
        claim ends without one (it failed) or lasts too long."""
        deadline = time.monotonic() + CLAIM_SECONDS
        pause, longest = POLL_SECONDS
        while time.monotonic() < deadline and self._usable():
            time.sleep(pause)
            pause = min(longest, pause * 2)
            found = self._shared_get(key, codec)
            if found is not None:
                return found
            try:
                if not self.client.exists(key + CLAIM_SUFFIX):  # type: ignore[union-attr]
                    return self._shared_get(key, codec)
            except redis.RedisError as exc:
                self._failed("gelezen", key, exc)
                return None
        return None

    def _release(self, key: str) -> None:
        if not self._usable():
            return
        try:
            self.client.delete(key + CLAIM_SUFFIX)  # type: ignore[union-attr]
        except redis.RedisError as exc:
            self._failed("vrijgegeven", key, exc)

    def _keep(self, key: str, value: Any, size: int) -> None:
        """Keep a value in this process (the caller holds the lock); the least recently
        used go when there are too many or they are too large together."""
        if key in self._local:
            self._bytes -= self._local.pop(key)[1]
        if size > self.max_bytes:
            return
        self._local[key] = (value, size)
        self._bytes += size
        while len(self._local) > self.size or self._bytes > self.max_bytes:
            self._bytes -= self._local.popitem(last=False)[1][1]

    def clear_local(self) -> None:
        with self._lock:
            self._local.clear()
            self._bytes = 0

    def _usable(self) -> bool:
        return self.client is not None and time.monotonic() >= self._paused_until

    def counter(self, key: str) -> int | None:
        """A counter kept in Redis (0 when never raised); None without a Redis that
        answers (a failure pauses Redis for :data:`PAUSE_SECONDS`, as every read)."""
        if not self._usable():
            return None
        try:
            return int(self.client.get(key) or 0)  # type: ignore[union-attr]
        except (redis.RedisError, ValueError) as exc:
            self._failed("gelezen", key, exc)
            return None

    def raise_counter(self, key: str) -> bool:
        """Raise a counter kept in Redis; False when Redis is not there or did not answer."""
        if not self._usable():
            return False
        try:
            self.client.incr(key)  # type: ignore[union-attr]
        except redis.RedisError as exc:
            self._failed("geschreven", key, exc)
            return False
        return True

    def _failed(self, what: str, key: str, exc: Exception) -> None:
        if isinstance(exc, redis.RedisError):
            self._paused_until = time.monotonic() + PAUSE_SECONDS
        log.warning("gedeelde cache niet %s (%s): %s", what, key, type(exc).__name__)

    def _shared_get(self, key: str, codec: Codec) -> tuple[Any, int] | None:
        """The value kept in Redis and the size of its encoding; None when there is none."""
        if not self._usable():
            return None
        try:
            data = self.client.get(key)  # type: ignore[union-attr]
            return None if data is None else (codec.decode(data), len(data))
        except (redis.RedisError, pa.ArrowException, ValueError) as exc:
            self._failed("gelezen", key, exc)
            return None

    def _shared_set(self, key: str, value: Any, codec: Codec) -> bytes | None:
        """Keep ``value`` in Redis; its encoding when kept, else None."""
        if not self._usable():
            return None
        try:
            data = codec.encode(value)
            self.client.set(key, data, ex=TTL_SECONDS)  # type: ignore[union-attr]
        except (redis.RedisError, pa.ArrowException, TypeError, ValueError) as exc:
            self._failed("geschreven", key, exc)
            return None
        return data


_caches: dict[str | None, Cache] = {}
_caches_lock = threading.Lock()


def redis_client(url: str) -> redis.Redis:
    """A Redis client with short time-outs (a cache or a status read must not hang)."""
    return redis.Redis.from_url(
        url, socket_timeout=TIMEOUT_SECONDS * 5, socket_connect_timeout=TIMEOUT_SECONDS
    )


def shared() -> Cache:
    """This process's cache for the configured Redis (``MONITOR_REDIS_URL``), or an
    in-process one without it. Read at call time: tests change the setting per test."""
    url = get_settings().redis_url
    with _caches_lock:
        found = _caches.get(url)
        if found is None:
            found = _caches[url] = Cache(redis_client(url) if url else None)
        return found


def remember(
    namespace: str, parts: Sequence[Any], build: Callable[[], T], codec: Codec = JSON
) -> T:
    """:meth:`Cache.remember` on :func:`shared`."""
    return shared().remember(namespace, parts, build, codec)
