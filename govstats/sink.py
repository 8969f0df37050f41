"""The parent side of ``govstats extract``: write what the workers send back.

:class:`Sink` takes each document's :class:`~govstats.docmap.DocOut` (from a worker
or the cache) and the problems met, in input order, and appends the already-serialised
rows to the tables' temporary files; article rows wait in a staging file until the one
corpus-wide step, flagging near-duplicate articles, has run (:meth:`Sink.finish`). In
memory stays one small stub per article, ``[id, doc id, duplicate_of]``, and its
MinHash signature (512 bytes); the shingle sets wait in an anonymous temporary file
(:class:`ShingleStore`) and are read back only for candidate pairs.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from array import array
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .records import Problem
from .store import JsonlWriter, dumps_row

__all__ = ["Sink", "ShingleStore", "near_duplicates"]


class ShingleStore:
    """The articles' shingle sets in an anonymous temporary file (read for candidates only)."""

    def __init__(self, folder: Path) -> None:
        # closed by close() (extract closes it in every case); unlinked at once on POSIX
        self._fh = tempfile.TemporaryFile(dir=folder, prefix=".shingles.")  # noqa: SIM115
        self._ends = array("q")
        self._size = 0

    def add(self, data: bytes) -> None:
        self._fh.write(data)
        self._size += len(data)
        self._ends.append(self._size)

    def get(self, i: int):
        import numpy as np

        start = self._ends[i - 1] if i else 0
        data = os.pread(self._fh.fileno(), self._ends[i] - start, start)
        return np.frombuffer(data, dtype=np.uint64)

    def flush(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def near_duplicates(
    signatures: Sequence[bytes],
    shingles: ShingleStore,
    dates: Sequence[str | None] | None = None,
    sources: Sequence[str | None] | None = None,
) -> list[int]:
    """Per article (corpus order), the index of its near-duplicate group's first article.

    ``signatures`` are the articles' MinHash signatures and ``shingles`` their shingle
    sets, both computed by the workers (``minhash.features_many``); the
    shingle sets are read back for candidate pairs only. ``dates`` and ``sources`` are
    used as ``mark_near_duplicates`` uses them.
    """
    from .segment import near_duplicate_roots

    shingles.flush()
    return near_duplicate_roots(signatures, shingles.get, dates=dates, sources=sources)


class Sink:
    """The run's outputs while it runs: the tables' writers, the problems, the reduce's input.

    ``summary`` (an ``ExtractSummary``) is filled as documents arrive; ``fresh`` collects
    the cache entries of the documents computed in this run, ``used`` the keys read.
    """

    def __init__(self, out: Path, tables: Sequence[str], summary, *, strict: bool) -> None:
        self.out, self.tables, self.summary, self.strict = out, tuple(tables), summary, strict
        self.writers = {t: JsonlWriter(out / f"{t}.jsonl") for t in self.tables}
        self.problems_w = JsonlWriter(out / "problems.jsonl")
        self.staging = JsonlWriter(out / ".articles.stage.jsonl")
        self.stubs: list[list] = []
        self.sigs: list[bytes] = []
        self.shingles = ShingleStore(out)
        self.seen_sha: dict[str, str] = {}
        self.files: set[str] = set()
        self.order = hashlib.sha256()  # the documents in order: the key of the cached reduce
        self.n_computed = 0
        self.fresh: list[tuple[str, bytes, bytes, bytes]] = []
        self.used: set[str] = set()

    # ------------------------------------------------------------------ events

    def problem(self, p: Problem, log: list | None = None) -> None:
        if log is not None:
            log.append(["p", p.path, p.message, p.kind])
        if self.strict:
            raise InputError(str(p))
        self.summary.problems.append(str(p))
        row = {"file": p.path, "kind": p.kind, "message": p.message}
        self.summary.problem_rows.append(row)
        self.problems_w.write(row)

    def doc(self, d, log: list | None = None) -> None:
        """One document's rows (``d``: a ``DocOut``), in input order."""
        s = self.summary
        if d.cached:
            s.cached_files += 1
        else:
            self.n_computed += 1
            if d.entry is not None and d.key is not None:
                self.fresh.append((d.key, *d.entry))
        if log is not None:
            log.append(["d", d.key])
        self.files.add(d.path)
        s.n_documents += 1
        if d.kind == "page" and d.sha256 in self.seen_sha:
            self.problem(
                Problem(
                    d.path,
                    f"same bytes as {self.seen_sha[d.sha256]} (sha256 "
                    f"{d.sha256[:16]}); skipped so its articles are not counted twice",
                    "duplicate-file",
                )
            )
            return
        if d.note is not None:
            where = d.path if d.kind == "page" else f"{d.path} (record {d.record_id})"
            self.problem(Problem(where, d.note, "no-article"))
        if d.kind == "page":
            self.seen_sha[d.sha256] = d.path
        if d.key is not None:
            self.used.add(d.key)
        self.order.update(f"{d.key or (d.doc_id or '') + (d.sha256 or '')}\n".encode())
        s.n_chars += d.n_chars
        for t, data in d.tables.items():
            if t == "articles":
                self.staging.write_blob(data, d.counts[t])
                continue
            w = self.writers.get(t)
            if w is not None:
                w.write_blob(data, d.counts[t])
        doc_id = d.doc_id or ""
        self.stubs.extend([aid, doc_id, dup, date, src] for aid, dup, date, src in d.stubs)
        self.sigs.extend(d.signatures)
        for sh in d.shingles:
            self.shingles.add(sh)

    # ------------------------------------------------------------------ the reduce

    def finish(self, store, inputs: Sequence[Path]) -> None:
        """Flag near-duplicates (or reuse the cached flags) and write ``articles``."""
        self.staging.close()
        s = self.summary
        s.n_files = len(self.files)
        if not self.stubs:
            first = f"; first: {s.problems[0]}" if s.problems else ""
            raise InputError(
                f"no usable document in {', '.join(map(str, inputs))} "
                f"({s.n_documents} document(s) read, {len(s.problems)} problem(s)"
                f"{first}); nothing written, {self.out} left as it was"
            )
        rk = self.order.hexdigest()
        known = store.get_reduce(rk) if store is not None and self.n_computed == 0 else None
        stubs = self.stubs
        if known is not None and len(known) == len(stubs):
            dups = [known.get(st[0]) for st in stubs]
        else:
            from . import pipeline  # the reduce is looked up there (tests replace it)

            roots = pipeline._near_duplicates(
                self.sigs, self.shingles, [st[3] for st in stubs], [st[4] for st in stubs]
            )
            dups = [stubs[r][0] if r != i else None for i, r in enumerate(roots)]
            if store is not None:
                store.put_reduce(rk, {st[0]: d for st, d in zip(stubs, dups)})
        aw = self.writers["articles"]
        with open(self.staging.tmp, encoding="utf-8") as fh:
            for line, st, dup in zip(fh, stubs, dups):
                line = line.rstrip("\n")
                if dup != st[2]:
                    row = json.loads(line)
                    row["duplicate_of"] = dup
                    line = dumps_row(row)
                aw.write_line(line)
        self.staging.abort()
        self.stubs = []
        self.sigs = []
        self.shingles.close()
        for w in (*self.writers.values(), self.problems_w):
            w.close()
        s.counts = {t: self.writers[t].n for t in self.tables}

    def abort(self) -> None:
        for w in (*self.writers.values(), self.staging, self.problems_w):
            w.abort()
        self.shingles.close()
