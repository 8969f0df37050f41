"""``govstats extract``: run every per-document stage over many documents and write the tables.

The unit of work is a document: a text file, an HTML page, or one record of a
JSONL/CSV/Parquet file (:mod:`govstats.sources`). The per-document work is a pure map
(:mod:`govstats.docmap`), run in this process, in a pool of worker processes
(``n_jobs``) or on a Dask cluster (``engine="dask"``; :mod:`govstats.mapper`); the one
corpus-level step, marking near-duplicate articles, is a small reduce over the
articles' MinHash signatures at the end (:mod:`govstats.sink`).

The parent does little: it walks the inputs, reads a record file's raw lines (or a
CSV/Parquet file's rows) and ships them in batches, or ships the names of text/HTML
files; workers parse, prepare, extract and serialise, and send back each document's
rows as JSON-lines bytes per table, which the parent appends to temporary files, so
memory stays bounded however many documents there are. At the end every table is
renamed into place; an interrupted run, or one that reads no usable document, leaves
the previous outputs complete.

The cache (``OUT/.cache/cache.sqlite``, :mod:`govstats.cache`) keeps, per document,
its rows keyed by a hash of the document (its bytes or record text, its ``file`` and
metadata), the govstats code and data files and the lexicon files; per input file, its
size, mtime and content hash and the keys of what it gave; and the last run's record.
An input file whose size and mtime (or, when those moved, content hash) are unchanged
is not read at all: its rows come from the cache. When nothing changed at all (the same
inputs, options and code, and the outputs as the last run left them) the tables are
left in place. A changed file is read in this process and only its changed documents
are extracted again.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import os
import struct
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .cache import RowCache
from .docmap import (
    DocOut,
    DocResult,
    FileResult,
    Unit,
    _dumps,
    article_to_json,
    cache_key,
    doc_out,
    extract_document,
    extract_file,
    indicator_rows,
    paragraph_to_json,
    unpack,
)
from .errors import InputError
from .mapper import Mapper
from .mapper import n_workers as _n_workers
from .mapper import ordered_map as _ordered_map
from .paths import DATA_DIR, PACKAGE_DIR
from .records import Document, Problem
from .runs import remove_stale, tmp_path
from .sink import ShingleStore, Sink
from .sink import near_duplicates as _near_duplicates
from .sources import (
    MAX_BYTES,
    RECORD_EXTENSIONS,
    Columns,
    Input,
    jsonl_row,
    raw_records,
    read_input,
    record_document,
    unique_record_id,
    unreadable_records,
    walk,
)
from .store import JsonlWriter

logger = logging.getLogger(__name__)

__all__ = [
    "ExtractSummary",
    "extract",
    "extract_file",
    "extract_document",
    "article_to_json",
    "indicator_rows",
    "paragraph_to_json",
    "write_jsonl",
    "TABLES",
    "FileResult",
    "DocResult",
]
_REEXPORTED = (_dumps, _ordered_map, ShingleStore, _near_duplicates)  # kept importable from here

#: The tables ``extract`` always writes, in this order (``tokens`` only with ``tokens=True``).
TABLES = ("articles", "paragraphs", "indicators", "mentions", "hierarchies")
CACHE_DIR = ".cache"
#: Documents per batch sent to a worker, and the characters (bytes of raw lines) that
#: close a batch early.
BATCH_DOCS = 32
BATCH_CHARS = 1 << 20
#: A file modified this close (ns) to when its size and mtime were recorded is checked by
#: its content next time: its mtime might not move for a write in the same clock tick.
RACY_NS = 2_000_000_000


@dataclass
class ExtractSummary:
    """Counts of what ``extract`` wrote, and the problems met (each printed once)."""

    out_dir: Path
    n_files: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    cached_files: int = 0
    n_chars: int = 0
    outputs: list[Path] = field(default_factory=list)
    n_documents: int = 0
    problem_rows: list[dict[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"read {self.n_documents} document(s) from {self.n_files} file(s)"
            + (f", {self.cached_files} unchanged (cached)" if self.cached_files else "")
        ]
        out += [
            f"{name}: {n} → {self.out_dir / (name + '.jsonl')}" for name, n in self.counts.items()
        ]
        out += [f"also wrote {p}" for p in self.outputs if p.suffix != ".jsonl"]
        out += [f"problem: {p}" for p in self.problems]
        return out


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows as JSON lines to ``path`` atomically; return the number written."""
    w = JsonlWriter(path)
    try:
        for row in rows:
            w.write(row)
    except BaseException:
        w.abort()
        raise
    w.commit()
    return w.n


# ----------------------------------------------------------------------------- the cache


def _fingerprint(lexicon_files: Sequence[Path], tables: Sequence[str]) -> str:
    """Hash of everything besides the document that decides a document's rows."""
    h = hashlib.sha256(f"govstats {__version__}\0{','.join(tables)}\0".encode())
    # every module of the package, not a list of the stage modules: a list goes stale when a
    # stage is split (blocks, articlewalk, wordtrie, noun_chunks were missing from the old one)
    code = sorted(PACKAGE_DIR.glob("*.py")) + sorted(p for p in DATA_DIR.glob("*") if p.is_file())
    for p in [*code, *lexicon_files]:
        h.update(p.name.encode() + b"\0")
        h.update(Path(p).read_bytes())
    return h.hexdigest()


def _cache_get(store: RowCache, keys: Sequence[str]) -> dict[str, DocOut]:
    out: dict[str, DocOut] = {}
    for key, blobs in store.get_many(keys).items():
        try:
            out[key] = unpack(*blobs, key=key)
        except (ValueError, KeyError, TypeError, IndexError, struct.error, zlib.error) as e:
            logger.warning("ignoring a damaged cache entry %s (%s)", key[:16], e)
    return out


def _sha256_file(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


@dataclass(slots=True, eq=False)
class _File:
    """One input file in this run: its identity, what the cache knows, what it gave."""

    inp: Input
    key: str
    size: int
    mtime_ns: int
    checked_ns: int
    entry: dict | None = None  # the record of an earlier run
    unchanged: bool = False
    sha256: str | None = None  # of its bytes (records: hashed here; pages: by the worker)
    log: list = field(default_factory=list)  # ["p", path, message, kind] / ["d", entry key]
    n_docs: int = 0
    seen_ids: set = field(default_factory=set)
    cacheable: bool = True


def _file_of(inp: Input, fp: str, columns: Columns) -> _File:
    checked = time.time_ns()
    try:
        st = os.stat(inp.path)
    except OSError:  # gone since the walk: read anyway (to say why), never cached
        return _File(inp, "", -1, -1, checked, cacheable=False)
    ident = [fp, list(astuple(columns)), inp.format, inp.rel, str(inp.path.resolve())]
    key = hashlib.sha256(
        json.dumps(ident, ensure_ascii=False).encode("utf-8", "surrogatepass")
    ).hexdigest()
    return _File(inp, key, st.st_size, st.st_mtime_ns, checked)


def _check_files(files: Sequence[_File], store: RowCache) -> None:
    """Mark the files whose bytes are those of the earlier run that recorded them."""
    entries = store.get_files([f.key for f in files])
    for f in files:
        e = f.entry = entries.get(f.key)
        if e is None or e.get("size") != f.size:
            continue
        racy = e["mtime_ns"] >= e["checked_ns"] - RACY_NS
        if e["mtime_ns"] == f.mtime_ns and not racy:
            same = True
        else:
            same = e.get("sha256") is not None and _sha256_file(f.inp.path) == e["sha256"]
            f.sha256 = e.get("sha256") if same else None
        keys = [x[1] for x in e["log"] if x[0] == "d"]
        if same and None not in keys and store.has_all(keys):
            f.unchanged = True
            f.sha256 = e.get("sha256")


# ----------------------------------------------------------------------------- jobs


@dataclass(slots=True, eq=False)
class _Job:
    """One step of the run, in input order.

    ``kind``: ``problem`` / ``events`` (``events`` of ``files[0]``, known here),
    ``unit`` (the worker's events for each of ``files``), ``pre`` (``events`` with
    None where the worker's next document goes), ``done`` (``files[0]`` is read to its
    end; ``error`` is what stopped reading it early).
    """

    kind: str
    files: list = field(default_factory=list)
    unit: Unit | None = None
    events: list | None = None
    error: BaseException | None = None


class _Jobs:
    """The run's jobs: walk the inputs and turn every file into units of work or replays."""

    def __init__(self, walked, files, *, store, fp, columns, max_bytes=MAX_BYTES) -> None:
        self.walked, self.files, self.store = walked, files, store
        self.fp, self.columns, self.max_bytes = fp, columns, max_bytes

    def __iter__(self) -> Iterator[_Job]:
        pages: list[_File] = []
        for item in self.walked:
            f = self.files.get(id(item)) if isinstance(item, Input) else None
            fast_page = (
                f is not None
                and not f.unchanged
                and f.entry is None
                and item.format not in RECORD_EXTENSIONS
            )
            if pages and (not fast_page or len(pages) >= BATCH_DOCS):
                yield self._pages(pages)
                pages = []
            if isinstance(item, Problem):
                yield _Job("problem", events=[item])
            elif f.unchanged:
                yield from self._replay(f)
            elif f.entry is not None and self.store is not None:
                yield from self._changed(f)
            elif fast_page:
                pages.append(f)
            else:
                yield from self._records(f)
        if pages:
            yield self._pages(pages)

    def _pages(self, pages: list[_File]) -> _Job:
        return _Job("unit", files=list(pages), unit=Unit("files", tuple(f.inp for f in pages)))

    def _records(self, f: _File) -> Iterator[_Job]:
        """A record file's raw lines (rows), in batches for the workers."""
        if self.store is not None:
            f.sha256 = _sha256_file(f.inp.path)
        buf: list[tuple[int, Any]] = []
        size = 0
        error = None
        try:
            for n, raw, err in raw_records(f.inp, self.max_bytes):
                if err is not None:
                    if buf:
                        yield _Job("unit", files=[f], unit=Unit("records", tuple(buf), f.inp))
                        buf, size = [], 0
                    yield _Job(
                        "events", files=[f], events=[Problem(str(f.inp.path), err, "bad-record")]
                    )
                    continue
                buf.append((n, raw))
                size += len(raw) if isinstance(raw, bytes) else 1
                if len(buf) >= BATCH_DOCS or size >= BATCH_CHARS:
                    yield _Job("unit", files=[f], unit=Unit("records", tuple(buf), f.inp))
                    buf, size = [], 0
        except (OSError, EOFError, ValueError) as e:
            error = e
        if buf:
            yield _Job("unit", files=[f], unit=Unit("records", tuple(buf), f.inp))
        yield _Job("done", files=[f], error=error)

    def _changed(self, f: _File, skip: int = 0) -> Iterator[_Job]:
        """A file the cache knew another version of: read here, extract what changed
        (``skip``: leave out its first items, already replayed from the cache)."""
        f.sha256 = _sha256_file(f.inp.path)
        items = read_input(f.inp, self.columns, self.max_bytes)
        for batch in _batches(itertools.islice(items, skip, None)):
            keys = [cache_key(d, self.fp) if isinstance(d, Document) else None for d in batch]
            hits = _cache_get(self.store, [k for k in keys if k is not None])
            events: list = []
            todo: list[Document] = []
            for item, key in zip(batch, keys):
                if key is None:
                    events.append(item)
                    if item.kind == "unreadable":
                        f.cacheable = False
                elif key in hits:
                    events.append(hits[key])
                else:
                    events.append(None)
                    todo.append(item)
            unit = Unit("docs", tuple(todo)) if todo else None
            yield _Job("pre", files=[f], unit=unit, events=events)
        yield _Job("done", files=[f])

    def _replay(self, f: _File) -> Iterator[_Job]:
        """An unchanged file: its problems and documents from the cache, nothing read."""
        log = f.entry["log"]
        for i in range(0, len(log), 256):
            part = log[i : i + 256]
            got = _cache_get(self.store, [x[1] for x in part if x[0] == "d"])
            events: list = []
            for x in part:
                if x[0] == "p":
                    events.append(Problem(x[1], x[2], x[3]))
                elif x[1] in got:
                    events.append(got[x[1]])
                else:  # damaged, or dropped by another run into the same --out: read the
                    logger.warning(  # file again from the first item not yet replayed
                        "%s: a cache entry is unreadable or gone; extracting it again", f.inp.path
                    )
                    f.unchanged = False
                    yield from self._changed(f, skip=i)
                    return
            yield _Job("events", files=[f], events=events)
        yield _Job("done", files=[f])


def _batches(items: Iterable[Document | Problem]) -> Iterator[list[Document | Problem]]:
    """Group a document stream into batches of ``BATCH_DOCS`` (or ``BATCH_CHARS``)."""
    buf: list[Document | Problem] = []
    chars = 0
    for item in items:
        buf.append(item)
        if isinstance(item, Document):
            chars += len(item.text)
        if len(buf) >= BATCH_DOCS or chars >= BATCH_CHARS:
            yield buf
            buf, chars = [], 0
    if buf:
        yield buf


# ----------------------------------------------------------------------------- extract


def extract(
    paths: str | Path | Iterable[str | Path],
    out_dir: str | Path,
    *,
    lexicon: str | Path | None = None,
    db: str | Path | None = None,
    parquet: bool = False,
    n_jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    strict: bool = False,
    cache: bool = True,
    tokens: bool = False,
    columns: Columns | None = None,
) -> ExtractSummary:
    """Read ``paths`` and write every table into ``out_dir``.

    Writes ``articles.jsonl``, ``paragraphs.jsonl``, ``indicators.jsonl``,
    ``mentions.jsonl`` and ``hierarchies.jsonl`` (plus ``tokens.jsonl`` with
    ``tokens=True``), rows in document order whatever ``n_jobs`` or ``engine``, and
    ``problems.jsonl`` (``file, kind, message``: every path or record skipped, and why).

    Parameters
    ----------
    paths : files or folders: ``.txt``/``.md`` pages, ``.html``/``.htm`` pages,
        ``.jsonl``/``.jsonl.gz``/``.csv``/``.parquet`` record files (any case)
    out_dir : output folder (created; never read as input)
    lexicon : extra governance-model YAML file (adds or overrides models)
    db : also write the tables into this DuckDB file (``*.duckdb``, atomically replaced)
    parquet : also write ``<table>.parquet`` into ``out_dir``
    n_jobs : worker processes; 1 runs in this process, 0 or -1 uses every core
    engine : ``"local"`` (this machine) or ``"dask"`` (a Dask cluster; also writes Parquet)
    scheduler : Dask scheduler address (``tcp://host:8786``); with ``engine="dask"``
        and no address, a local cluster of ``n_jobs`` worker processes is started
    strict : raise on the first problem instead of reporting it
    cache : reuse the rows of documents unchanged since the last run into ``out_dir``
    tokens : also write ``tokens.jsonl`` (each article's content words, space-joined)
    columns : column names of record files (default :class:`govstats.sources.Columns`)

    Returns
    -------
    ExtractSummary

    Raises
    ------
    InputError
        When no document yields an article (``out_dir`` and its cache are left as
        they were), when ``out_dir`` is a file, and with ``strict=True`` for the
        first problem.
    ValueError
        For a bad ``engine``/``n_jobs``, or a ``db`` that does not end in
        ``.duckdb`` or lies inside an input folder.
    FileNotFoundError
        When an input path does not exist.
    """
    from .lexicon import LEVELS_FILE, MODELS_FILE, load_lexicon
    from .sources import InputFileNotFound

    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: expected 'local' or 'dask'")
    if scheduler:
        engine = "dask"
    workers = _n_workers(n_jobs)
    inputs = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    for p in inputs:
        if not p.exists() and not p.is_symlink():
            raise InputFileNotFound(
                f"{p}: no such file or folder (expected a file of text, HTML or records, "
                "or a folder of them)"
            )
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: is a file; expected a folder for the tables")
    if db is not None:
        _check_db(Path(db), inputs)
    columns = columns or Columns()
    lexicon_spec = (str(Path(lexicon).resolve()),) if lexicon else None
    created_out = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out)  # temporary files of interrupted runs (never those of a live run)
    remove_stale(out / CACHE_DIR)
    tables = TABLES + (("tokens",) if tokens else ())
    with_parquet = parquet or engine == "dask"

    store = RowCache(out / CACHE_DIR) if cache else None
    fp = ""
    if store is not None:
        # the files load_lexicon reads (Lexicon.sources), hashed without parsing them
        lex_files = [MODELS_FILE, LEVELS_FILE, *(Path(p) for p in lexicon_spec or ())]
        fp = _fingerprint(lex_files, tables)

    walked = list(walk(inputs, exclude=(out,)))
    files: dict[int, _File] = {}
    for item in walked:
        if isinstance(item, Input):
            files[id(item)] = _file_of(item, fp, columns)
    run_key = ""
    if store is not None:
        _check_files(list(files.values()), store)
        ident = [files[id(x)].key if isinstance(x, Input) else str(x) for x in walked]
        options = [fp, list(astuple(columns)), str(Path(db).resolve()) if db else None]
        run_key = hashlib.sha256(
            json.dumps([options, with_parquet, ident], ensure_ascii=False).encode(
                "utf-8", "surrogatepass"
            )
        ).hexdigest()
        if all(f.cacheable for f in files.values()):
            again = _unchanged_run(store, run_key, files.values(), out, strict=strict)
            if again is not None:
                return again

    summary = ExtractSummary(out_dir=out)
    sink = Sink(out, tables, summary, strict=strict)
    jobs = _Jobs(walked, files, store=store, fp=fp, columns=columns)
    mapper = Mapper(
        engine, workers, scheduler, lexicon_spec, tokens, None,
        columns=columns, fingerprint=fp or None,
    )  # fmt: skip
    logger.info("extract: %s (%s, %d worker(s))", ", ".join(map(str, inputs)), engine, workers)
    staged: list[tuple[Path, Path]] = []
    try:
        with mapper:
            if any(j for j in files.values() if not j.unchanged):
                mapper.start()  # the workers load the lexicon while this process does
            # loaded here too, so a bad lexicon file fails before any work is done
            mapper.lex = load_lexicon(extra=list(lexicon_spec) if lexicon_spec else None)
            for job, result in mapper.run(jobs):
                _consume(sink, job, result, mapper, store, fp)
                if store is not None and len(sink.fresh) >= BATCH_DOCS:
                    store.put_many(sink.fresh)
                    sink.fresh = []
        if store is not None:
            store.put_many(sink.fresh)
            sink.fresh = []
            store.used |= sink.used
        sink.finish(store, inputs)
        # derived stores, from the finished temporary JSONL files
        from .store import write_parquet, write_store

        writers = sink.writers
        if with_parquet:
            for t, w in [*writers.items(), ("problems", sink.problems_w)]:
                final = out / f"{t}.parquet"
                write_parquet(w.tmp, tmp_path(final, tag="stage"), name=t)
                staged.append((tmp_path(final, tag="stage"), final))
        if db:
            write_store(
                {**{t: writers[t].tmp for t in tables}, "problems": sink.problems_w.tmp}, db
            )
            summary.outputs.append(Path(db))
    except BaseException:
        sink.abort()
        for t in [*tables, "problems"]:
            tmp_path(out / f"{t}.parquet", tag="stage").unlink(missing_ok=True)
        if store is not None:
            store.rollback()
        if created_out:
            with contextlib.suppress(OSError):
                out.rmdir()  # only if this run made it and left it empty
        raise
    for src, dst in staged:
        os.replace(src, dst)
        summary.outputs.append(dst)
    if not staged:  # Parquet files of an earlier run would now disagree with the JSONL
        for t in (*TABLES, "tokens", "problems"):
            (out / f"{t}.parquet").unlink(missing_ok=True)
    for t in tables:
        summary.outputs.append(sink.writers[t].commit())
    summary.outputs.append(sink.problems_w.commit())
    if store is not None:
        _record_run(store, run_key, summary)
        store.commit()
    return summary


def _consume(sink: Sink, job: _Job, result, mapper: Mapper, store, fp: str) -> None:
    """Hand one job's problems and documents to the sink, in input order."""
    if job.kind == "problem":
        sink.problem(job.events[0])
        return
    if job.kind == "done":
        f = job.files[0]
        if job.error is not None:
            f.cacheable = False
            sink.problem(unreadable_records(f.inp, job.error, f.n_docs), f.log)
        if store is not None:
            _file_done(store, f)
        return
    if job.kind == "unit":
        per_file = result
    elif job.kind == "pre":
        computed = iter(result[0] if result else ())
        per_file = [[e if e is not None else next(computed) for e in job.events]]
    else:
        per_file = [job.events]
    for f, events in zip(job.files, per_file):
        log = f.log if f is not None else None
        for ev in events:
            if isinstance(ev, Problem):
                if f is not None and ev.kind == "unreadable":
                    f.cacheable = False
                sink.problem(ev, log)
                continue
            if ev.rid is not None:  # a record: its id made unique within its file
                rid, bad = unique_record_id(f.inp, ev.n, ev.rid, f.seen_ids)
                if bad is not None:
                    sink.problem(bad, log)
                    ev = _redo(job, f, ev.n, rid, mapper)
            if f is not None:
                f.n_docs += 1
                if f.inp.format not in RECORD_EXTENSIONS:
                    f.sha256 = ev.sha256
            sink.doc(ev, log)
        if f is not None and store is not None and job.kind == "unit" and job.unit.kind == "files":
            _file_done(store, f)


def _redo(job: _Job, f: _File, n: int, rid: str, mapper: Mapper) -> DocOut:
    """Record ``n`` again under the id ``rid`` (its own repeated an earlier record's)."""
    raw = dict(job.unit.items)[n]
    row = jsonl_row(n, raw)[0] if isinstance(raw, bytes) else raw
    doc = record_document(f.inp, n, row, mapper.columns, rid)
    return doc_out(doc, mapper.lex, mapper.tokenizer(), mapper.fp)


def _file_done(store: RowCache, f: _File) -> None:
    """Record what the file gave, keyed by its size, mtime and hash (unless it is unsure)."""
    store.used_files.add(f.key)
    if not f.cacheable or any(x[0] == "d" and x[1] is None for x in f.log):
        return
    if f.unchanged and not _stale_stat(f):
        return  # the record stands as it is
    store.put_file(f.key, {**_file_stat(f), "sha256": f.sha256, "log": f.log})


def _file_stat(f: _File) -> dict[str, int]:
    return {"size": f.size, "mtime_ns": f.mtime_ns, "checked_ns": f.checked_ns}


def _stale_stat(f: _File) -> bool:
    """Whether the file's record should take the stat of this run (it moved, or was racy)."""
    e = f.entry
    if e is None:
        return True
    return (e["size"], e["mtime_ns"]) != (f.size, f.mtime_ns) or e["mtime_ns"] >= e[
        "checked_ns"
    ] - RACY_NS


def _stat(p: Path) -> list[int] | None:
    try:
        st = os.stat(p)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _record_run(store: RowCache, run_key: str, summary: ExtractSummary) -> None:
    s = summary
    store.put_run(
        run_key,
        {
            "key": run_key,
            "outputs": {str(p): _stat(p) for p in s.outputs},
            "summary": {
                "n_files": s.n_files,
                "counts": s.counts,
                "problems": s.problems,
                "n_chars": s.n_chars,
                "outputs": [str(p) for p in s.outputs],
                "n_documents": s.n_documents,
                "problem_rows": s.problem_rows,
            },
        },
    )


def _unchanged_run(
    store: RowCache, run_key: str, files: Iterable[_File], out: Path, *, strict: bool
) -> ExtractSummary | None:
    """The summary of the last run when nothing changed since and its outputs stand."""
    if not all(f.unchanged for f in files):
        return None
    rec = store.get_run()
    if not rec or rec.get("key") != run_key:
        return None
    outputs = rec.get("outputs") or {}
    if not outputs or any(_stat(Path(p)) != st for p, st in outputs.items()):
        return None
    s = rec["summary"]
    if strict and s["problems"]:
        return None  # let the run raise on the first problem
    store.refresh_files([(f.key, {**f.entry, **_file_stat(f)}) for f in files if _stale_stat(f)])
    store.close()
    logger.info("extract: nothing changed since the last run into %s; outputs kept", out)
    return ExtractSummary(
        out_dir=out,
        n_files=s["n_files"],
        counts=s["counts"],
        problems=s["problems"],
        cached_files=s["n_documents"],
        n_chars=s["n_chars"],
        outputs=[Path(p) for p in s["outputs"]],
        n_documents=s["n_documents"],
        problem_rows=s["problem_rows"],
    )


def _check_db(db: Path, inputs: Sequence[Path]) -> None:
    if db.suffix.lower() != ".duckdb":
        raise ValueError(
            f"--db {db}: expected a DuckDB file name ending in .duckdb (e.g. {db.stem}.duckdb)"
        )
    target = db.resolve()
    for p in inputs:
        root = p.resolve() if p.is_dir() else None
        if root is not None and (target == root or root in target.parents):
            raise ValueError(
                f"--db {db}: inside the input folder {p}; write the store outside what is read"
            )
