"""Where rendered public pages are kept: a bounded in-process LRU, or Redis.

An entry is immutable once stored: its key names the published version it was
rendered from, so a worker may keep its own copy as long as the entry lives.
With Redis, every worker keeps such a copy in front of Redis (no network trip
and no decoding on a hit) and Redis shares one rendering between all workers.
A cache that cannot be reached is a miss, never an error: the page is rendered.
"""

import json
import logging
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import redis

log = logging.getLogger(__name__)

IDENTITY = "identity"


@dataclass(frozen=True)
class Entry:
    """Rendered bytes with their content type and ETag; ``bodies`` holds the
    plain bytes under ``identity`` and any precompressed copies ("gzip", "br")."""

    content_type: str
    etag: str
    bodies: dict[str, bytes]

    @property
    def size(self) -> int:
        return sum(len(body) for body in self.bodies.values())

    def encode(self) -> bytes:
        """One JSON line naming the parts, then the parts' bytes one after another."""
        names = list(self.bodies)
        head = {
            "content_type": self.content_type,
            "etag": self.etag,
            "parts": [[name, len(self.bodies[name])] for name in names],
        }
        return json.dumps(head).encode() + b"\n" + b"".join(self.bodies[name] for name in names)

    @classmethod
    def decode(cls, data: bytes) -> "Entry":
        line, _, rest = data.partition(b"\n")
        head = json.loads(line)
        bodies, offset = {}, 0
        for name, length in head["parts"]:
            bodies[name] = rest[offset : offset + length]
            offset += length
        return cls(head["content_type"], head["etag"], bodies)


class Store(Protocol):
    def get(self, key: str) -> Entry | None: ...

    def set(self, key: str, entry: Entry) -> None: ...

    def forget(self, prefix: str) -> None: ...

    def generation(self) -> str: ...

    def next_generation(self) -> None: ...


class MemoryStore:
    """A least-recently-used dict bounded by total bytes, entries expiring after ``ttl``.

    Its generation is the modification time of ``stamp``, a file every worker of
    the host sees: touching it retires every worker's entries at once.
    """

    def __init__(self, max_bytes: int, ttl: float, stamp: Path | None = None):
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.stamp = stamp
        self._entries: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def generation(self) -> str:
        try:
            return str(os.stat(self.stamp).st_mtime_ns) if self.stamp else "0"
        except FileNotFoundError:
            return "0"

    def next_generation(self) -> None:
        self.clear()
        if self.stamp:
            self.stamp.parent.mkdir(parents=True, exist_ok=True)
            self.stamp.touch()
            os.utime(self.stamp, ns=(time.time_ns(), time.time_ns()))

    def get(self, key: str) -> Entry | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            expires, entry = found
            if expires < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def set(self, key: str, entry: Entry) -> None:
        if entry.size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (time.monotonic() + self.ttl, entry)
            self._bytes += entry.size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def forget(self, prefix: str) -> None:
        with self._lock:
            for key in [key for key in self._entries if key.startswith(prefix)]:
                self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def _drop(self, key: str) -> None:
        _expires, entry = self._entries.pop(key)
        self._bytes -= entry.size


class RedisStore:
    """Redis shared by every worker, with each worker's own copies in front."""

    def __init__(self, url: str, ttl: int, local: MemoryStore, generation_key: str):
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.ttl = ttl
        self.local = local
        self.generation_key = generation_key

    def generation(self) -> str:
        """A counter in Redis, so that every worker on every host sees it move."""
        try:
            return (self.client.get(self.generation_key) or b"0").decode()
        except redis.RedisError as error:
            log.warning("public cache: Redis unreachable (%s)", type(error).__name__)
            return "unreachable"

    def next_generation(self) -> None:
        self.local.clear()
        try:
            self.client.incr(self.generation_key)
        except redis.RedisError as error:
            log.warning("public cache: Redis unreachable (%s)", type(error).__name__)

    def get(self, key: str) -> Entry | None:
        entry = self.local.get(key)
        if entry is not None:
            return entry
        try:
            data = self.client.get(key)
        except redis.RedisError as error:
            log.warning("public cache: Redis unreachable (%s)", type(error).__name__)
            return None
        if data is None:
            return None
        entry = Entry.decode(data)
        self.local.set(key, entry)
        return entry

    def set(self, key: str, entry: Entry) -> None:
        self.local.set(key, entry)
        try:
            self.client.set(key, entry.encode(), ex=self.ttl)
        except redis.RedisError as error:
            log.warning("public cache: Redis unreachable (%s)", type(error).__name__)

    def forget(self, prefix: str) -> None:
        self.local.forget(prefix)
        try:
            keys = list(self.client.scan_iter(match=f"{prefix}*", count=500))
            if keys:
                self.client.delete(*keys)
        except redis.RedisError as error:
            log.warning("public cache: Redis unreachable (%s)", type(error).__name__)

    def clear(self) -> None:
        self.local.clear()
