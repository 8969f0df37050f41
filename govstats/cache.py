"""The extract cache: per-document rows of earlier runs in one SQLite file.

``OUT/.cache/cache.sqlite`` holds one entry per document, keyed by a hash of the
document and of everything that decides its rows (see :mod:`govstats.pipeline`), as
three blobs (a JSON head, the zlib-compressed rows, the near-duplicate features), plus
the cached result of the near-duplicate reduce. A run writes inside one transaction
that :meth:`RowCache.commit` makes permanent only when the run succeeds; a failed or
interrupted run leaves the store exactly as it was.

Two runs may share one ``--out``: each entry records when a run last wrote or used it
(``used_at``, in a narrow table of its own, so marking an entry never rewrites its blobs),
and a committing run drops only entries nobody wrote or used since it started, so it never
deletes what a concurrent run wrote. A run that wants to write while
another holds the write lock waits for it (``LOCK_WAIT`` seconds) instead of failing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

__all__ = ["RowCache", "CACHE_FILE"]

CACHE_FILE = "cache.sqlite"
#: Seconds a run waits for another run's write lock on the cache before giving up.
LOCK_WAIT = 3600


#: page size of a new store and the connection's page cache: on 74,529 entries of the
#: archive's blob sizes (``python -m bench.sqlite_pages``, bench/README.md) writing takes 1.23 s
#: CPU against 2.50 s with SQLite's defaults (4096-byte pages, 2 MiB), reading 0.49 s against 0.60 s
PAGE_SIZE = 65536
CACHE_KIB = 65536


class RowCache:
    """The per-document rows of earlier runs: one SQLite file, written in one transaction.

    The file (and its folder) is created only when the first entry is written;
    :meth:`commit` makes the run's entries permanent and drops entries no longer
    used, :meth:`rollback` leaves the store exactly as it was.
    """

    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, head BLOB, body BLOB, nd BLOB)",
        # when a run last wrote or used each entry: apart from the blobs, because SQLite
        # rewrites a whole row (overflow pages and all) to change one column of it
        "CREATE TABLE IF NOT EXISTS entry_use (key TEXT PRIMARY KEY, used_at REAL)",
        "CREATE INDEX IF NOT EXISTS entry_use_at ON entry_use (used_at)",
        "CREATE TABLE IF NOT EXISTS reduce (key TEXT PRIMARY KEY, value BLOB)",
        # per input file: its size, mtime and hash, and what it gave (problems, entry keys)
        "CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, value BLOB, used_at REAL DEFAULT 0)",
        # the last committed run: its inputs and options, its summary and its outputs' stat
        "CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, value BLOB)",
    )

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE
        self._con: sqlite3.Connection | None = None
        self._created_folder = False
        self._created_file = False
        self.used: set[str] = set()
        self.used_files: set[str] = set()
        self.started = time.time()  # entries nobody wrote or used since then may be dropped

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self._con is not None:
            return self._con
        if not self.path.exists():
            if not create:
                return None
            if not self.folder.exists():
                self.folder.mkdir(parents=True)
                self._created_folder = True
            self._created_file = True
        new = not self.path.exists()
        con = sqlite3.connect(str(self.path), timeout=LOCK_WAIT, isolation_level="DEFERRED")
        try:
            self._schema(con, new=new)
        except sqlite3.DatabaseError as e:  # not a cache file: start a new one
            con.close()
            logger.warning("ignoring unreadable cache %s (%s)", self.path, e)
            self.path.unlink(missing_ok=True)
            self._created_file = True
            con = sqlite3.connect(str(self.path), timeout=LOCK_WAIT, isolation_level="DEFERRED")
            self._schema(con, new=True)
        self._con = con
        return con

    def _schema(self, con: sqlite3.Connection, *, new: bool) -> None:
        if new:
            # large pages for large blobs (rows and shingle sets of a story are kilobytes):
            # fewer overflow pages to write and read; fixed once the file has its first table
            con.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            # freed pages go back at each commit: a full re-extraction must not leave twice the data
            con.execute("PRAGMA auto_vacuum = INCREMENTAL")
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # KiB of pages kept in memory
        had_use = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entry_use'"
        ).fetchone()
        for stmt in self.SCHEMA:
            con.execute(stmt)
        if had_use:
            return
        columns = {row[1] for row in con.execute("PRAGMA table_info(entries)")}
        if "used_at" in columns:  # a cache whose entries carried used_at: move it out
            con.execute(
                "INSERT OR IGNORE INTO entry_use SELECT key, coalesce(used_at, 0) FROM entries"
            )
        else:  # entries of a cache written before either (used by nobody since)
            con.execute("INSERT OR IGNORE INTO entry_use SELECT key, 0 FROM entries")

    def get_many(self, keys: Sequence[str]) -> dict[str, tuple[bytes, bytes, bytes]]:
        """The stored ``(head, body, nd)`` blobs of the keys that are present."""
        con = self._connect(create=False)
        if con is None or not keys:
            return {}
        out: dict[str, tuple[bytes, bytes, bytes]] = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            q = f"SELECT key, head, body, nd FROM entries WHERE key IN ({','.join('?' * len(part))})"
            for key, head, body, nd in con.execute(q, part):
                out[key] = (head, body, nd)
        return out

    def put_many(self, items: Sequence[tuple[str, bytes, bytes, bytes]]) -> None:
        """Store ``(key, head, body, nd)`` rows (inside the run's transaction)."""
        if not items:
            return
        con = self._connect(create=True)
        assert con is not None
        now = time.time()
        con.executemany(
            "INSERT OR REPLACE INTO entries (key, head, body, nd) VALUES (?, ?, ?, ?)", items
        )
        con.executemany(
            "INSERT OR REPLACE INTO entry_use VALUES (?, ?)", [(item[0], now) for item in items]
        )

    def has_all(self, keys: Sequence[str]) -> bool:
        """Whether every key has an entry."""
        uniq = sorted(set(keys))
        if not uniq:
            return True
        con = self._connect(create=False)
        if con is None:
            return False
        for i in range(0, len(uniq), 500):
            part = uniq[i : i + 500]
            q = f"SELECT count(*) FROM entries WHERE key IN ({','.join('?' * len(part))})"
            if con.execute(q, part).fetchone()[0] != len(part):
                return False
        return True

    def get_files(self, keys: Sequence[str]) -> dict[str, dict]:
        """The stored records of input files (see :mod:`govstats.pipeline`), by file key."""
        con = self._connect(create=False)
        out: dict[str, dict] = {}
        if con is None:
            return out
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            q = f"SELECT key, value FROM files WHERE key IN ({','.join('?' * len(part))})"
            for key, value in con.execute(q, part):
                try:
                    out[key] = json.loads(value)
                except ValueError:
                    logger.warning("ignoring a damaged file record %s", key[:16])
        return out

    def put_file(self, key: str, value: dict) -> None:
        """Store an input file's record (inside the run's transaction)."""
        con = self._connect(create=True)
        assert con is not None
        con.execute(
            "INSERT OR REPLACE INTO files (key, value, used_at) VALUES (?, ?, ?)",
            (key, json.dumps(value, ensure_ascii=False), time.time()),
        )

    def refresh_files(self, items: Sequence[tuple[str, dict]]) -> None:
        """Update the records of input files at once, in a transaction of their own
        (a run that reuses everything keeps the new size and mtime of files whose bytes
        did not change, without touching the rest of the store)."""
        con = self._connect(create=False)
        if con is None or not items:
            return
        now = time.time()
        con.executemany(
            "UPDATE files SET value = ?, used_at = ? WHERE key = ?",
            [(json.dumps(v, ensure_ascii=False), now, k) for k, v in items],
        )
        con.commit()

    def get_run(self) -> dict | None:
        """The record of the last committed run, or None."""
        con = self._connect(create=False)
        if con is None:
            return None
        row = con.execute("SELECT value FROM runs").fetchone()
        try:
            return json.loads(row[0]) if row else None
        except ValueError:
            return None

    def put_run(self, key: str, value: dict) -> None:
        """Replace the record of the last run (made permanent by :meth:`commit`)."""
        con = self._connect(create=True)
        assert con is not None
        con.execute("DELETE FROM runs")
        con.execute("INSERT INTO runs VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))

    def get_reduce(self, key: str) -> dict[str, str | None] | None:
        con = self._connect(create=False)
        if con is None:
            return None
        row = con.execute("SELECT value FROM reduce WHERE key = ?", (key,)).fetchone()
        try:
            return json.loads(row[0]) if row else None
        except ValueError:
            return None

    def put_reduce(self, key: str, value: dict[str, str | None]) -> None:
        con = self._connect(create=True)
        assert con is not None
        con.execute("DELETE FROM reduce")
        con.execute("INSERT INTO reduce VALUES (?, ?)", (key, json.dumps(value)))

    def commit(self) -> None:
        """Keep this run's entries; drop those nobody wrote or used since this run started.

        Entries of documents no longer in the input go; entries a concurrent run wrote or
        used (and committed) while this one ran stay.
        """
        con = self._con
        if con is None:
            return
        con.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        con.execute("DELETE FROM used")
        con.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in self.used])
        now = time.time()
        con.execute("UPDATE entry_use SET used_at = ? WHERE key IN (SELECT key FROM used)", (now,))
        con.execute(
            "DELETE FROM entries WHERE key IN (SELECT key FROM entry_use WHERE used_at < ?)",
            (self.started,),
        )
        con.execute("DELETE FROM entry_use WHERE used_at < ?", (self.started,))
        con.execute("DELETE FROM used")
        con.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in self.used_files])
        con.execute("UPDATE files SET used_at = ? WHERE key IN (SELECT key FROM used)", (now,))
        con.execute("DELETE FROM files WHERE used_at < ?", (self.started,))
        con.commit()
        con.executescript("PRAGMA incremental_vacuum;")  # run to the end: every freed page
        con.close()
        self._con = None
        for p in [*self.folder.glob("*.jsonl.gz"), *self.folder.glob("*.nd")]:
            p.unlink(missing_ok=True)  # entries of the per-file cache of earlier versions
        for p in self.folder.glob("reduce-*.json"):
            p.unlink(missing_ok=True)

    def close(self) -> None:
        """Close a store this run only read (nothing to keep, nothing dropped)."""
        if self._con is not None:
            self._con.rollback()
            self._con.close()
            self._con = None

    def rollback(self) -> None:
        """Forget this run's writes; remove the file and folder if this run made them."""
        if self._con is not None:
            self._con.rollback()
            self._con.close()
            self._con = None
        if self._created_file:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
        if self._created_folder:
            with contextlib.suppress(OSError):
                self.folder.rmdir()
