"""``python -m bench.sqlite_pages``: the row store's SQLite settings at the archive's scale.

Extracts the first ``--n`` 新闻联播 stories (``bench.real``), packs each as the cache stores it
(``docmap.pack``: LZ4 rows, heads, near-duplicate features), repeats those entries under new
keys up to ``--entries`` (default: the archive's 74,529 stories), and writes them into a new
store in batches of 32, then reads them all back, under three settings: SQLite's defaults
(4096-byte pages, 2 MiB cache), a 64 MiB cache, and 65536-byte pages with a 64 MiB cache (what
``govstats.cache`` uses for a new store). Prints CPU and wall seconds and the file size.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from govstats.cache import RowCache

SETTINGS = {
    "defaults (4096 B pages, 2 MiB cache)": [],
    "64 MiB cache": ["PRAGMA cache_size = -65536"],
    "65536 B pages, 64 MiB cache": ["PRAGMA page_size = 65536", "PRAGMA cache_size = -65536"],
}


def entries(n: int, total: int) -> list[tuple[str, bytes, bytes, bytes]]:
    from govstats.docmap import doc_out, pack
    from govstats.lexicon import load_lexicon

    from .real import documents

    lex = load_lexicon()
    packed = [pack(doc_out(d, lex, None, None)) for d in documents(n)]
    return [
        (hashlib.sha256(str(i).encode()).hexdigest(), *packed[i % len(packed)])
        for i in range(total)
    ]


def run(path: Path, pragmas: list[str], rows: list[tuple[str, bytes, bytes, bytes]]) -> str:
    for suffix in ("", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    t, w = time.process_time(), time.perf_counter()
    con = sqlite3.connect(path, isolation_level="DEFERRED")
    for p in pragmas:
        con.execute(p)
    con.execute("PRAGMA auto_vacuum = INCREMENTAL")
    for stmt in RowCache.SCHEMA:  # the store's own tables and index
        con.execute(stmt)
    for i in range(0, len(rows), 32):
        part = rows[i : i + 32]
        con.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", part)
        con.executemany("INSERT OR REPLACE INTO entry_use VALUES (?, 1.0)", [(r[0],) for r in part])
    con.commit()
    con.close()
    tw, ww = time.process_time() - t, time.perf_counter() - w
    t, w = time.process_time(), time.perf_counter()
    con = sqlite3.connect(path)
    for p in pragmas:
        if "cache_size" in p:  # (a page size is the file's own)
            con.execute(p)
    keys = [r[0] for r in rows]
    got = 0
    for i in range(0, len(keys), 500):
        part = keys[i : i + 500]
        q = f"SELECT key, head, body, nd FROM entries WHERE key IN ({','.join('?' * len(part))})"
        got += sum(1 for _ in con.execute(q, part))
    con.close()
    tr, wr = time.process_time() - t, time.perf_counter() - w
    assert got == len(rows)
    size = os.path.getsize(path) / 2**20
    return f"write {tw:5.2f} s CPU {ww:5.2f} s wall | read {tr:5.2f} s CPU {wr:5.2f} s wall | {size:4.0f} MiB"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="stories extracted for the blobs")
    ap.add_argument("--entries", type=int, default=74_529, help="entries written")
    args = ap.parse_args(argv)
    rows = entries(args.n, args.entries)
    print(f"{len(rows)} entries from {args.n} stories")
    with tempfile.TemporaryDirectory() as tmp:
        for label, pragmas in SETTINGS.items():
            print(f"{label:38s} {run(Path(tmp) / 'store.sqlite', pragmas, rows)}", flush=True)


if __name__ == "__main__":
    main()
