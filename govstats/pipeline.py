"""``govstats extract``: run every per-document stage over many documents and write the tables.

The unit of work is a document: a text file, an HTML page, or one record of a
JSONL/CSV/Parquet file (:mod:`govstats.sources` streams them, with the problems met).
The per-document work (segment → indicators, mentions, hierarchies, optionally tokens,
and each article's MinHash signature) is a pure map over batches of documents; the one
corpus-level step, marking near-duplicate articles, is a small reduce over the
signatures at the end (LSH banding; only candidate pairs are re-read and compared
exactly). The map runs in this process, in a pool of worker processes (``n_jobs``),
or on a Dask cluster (``engine="dask"``). Workers load the lexicon (and tokenizer)
once and send back each document's rows as JSON-lines strings, which the parent
streams to temporary files, so memory stays bounded however many documents there
are. At the end every table is renamed into place; an interrupted run, or one that
reads no usable document, leaves the previous outputs complete.

Unchanged documents are not re-extracted: their rows are kept in one SQLite store,
``OUT/.cache/cache.sqlite``, keyed by a hash of the document (its bytes or record
text, its ``file`` and metadata), the govstats code and data files, and the lexicon
files; it is written in batches inside one transaction that is committed only when
the run succeeds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import struct
import tempfile
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from . import __version__
from .cache import RowCache
from .errors import InputError
from .paths import DATA_DIR, PACKAGE_DIR
from .records import Document, Problem
from .runs import remove_stale, tmp_path
from .sources import Columns
from .store import JsonlWriter, dumps_row

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
]

#: The tables ``extract`` always writes, in this order (``tokens`` only with ``tokens=True``).
TABLES = ("articles", "paragraphs", "indicators", "mentions", "hierarchies")
CACHE_DIR = ".cache"


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


# ----------------------------------------------------------------------------- row makers


def article_to_json(article) -> dict[str, Any]:
    """One ``articles.jsonl`` object: the corpus issue's keys, then doc id, city,
    province, date precision and url (other tables join on ``article_id``)."""
    body = article.body()
    return {
        "file": article.file,
        "article_index": article.index,
        "id": article.id,
        "title": article.title,
        "place": article.place,
        "date": article.date,
        "source": article.source,
        "byline": article.byline,
        "n_paragraphs": len(body),
        "n_chars": sum(len(p.text) for p in body),
        "start": article.start,
        "end": article.end,
        "duplicate_of": article.duplicate_of,
        "doc_id": article.doc_id,
        "city": article.city,
        "province": article.province,
        "date_precision": article.date_precision,
        "url": article.url,
    }


def paragraph_to_json(block, *, file: str) -> dict[str, Any]:
    """One ``paragraphs.jsonl`` object (every block of a document, furniture included)."""
    return {
        "file": file,
        "article_id": block.article_id,
        "paragraph_index": block.index,
        "id": block.id,
        "kind": block.kind,
        "duplicate_of": block.duplicate_of,
        "start": block.start,
        "end": block.end,
        "text": block.text,
    }


def _dumps(row: dict[str, Any]) -> str:
    return dumps_row(row)  # standard JSON: no NaN/Infinity


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


# ----------------------------------------------------------------------------- the map step


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one document contributes: its rows per table as JSON-lines strings."""

    path: str
    name: str
    sha256: str | None
    doc_id: str | None
    n_chars: int
    tables: dict[str, list[str]]
    problem: str | None = None
    note: str | None = None  # a problem that still leaves rows (a document with no article)
    # per article, for the near-duplicate reduce: its MinHash signature (uint32 bytes)
    # and its shingle set (sorted uint64 bytes; read back only for candidate pairs)
    signatures: tuple[bytes, ...] = ()
    shingles: tuple[bytes, ...] = ()
    kind: str = "page"


DocResult = FileResult


def indicator_rows(indicators: Sequence[Any], articles: Sequence[Any]) -> list[dict[str, Any]]:
    """``indicators.jsonl`` objects: the indicator's keys plus ``city`` and ``province``.

    Each indicator's ``place`` resolves (:func:`govstats.places.resolve`) in the
    context of its article: the article's place, city and province first, then the
    places of the article's other indicators.
    """
    from .indicators import indicator_to_json
    from .places import resolve

    ctx: dict[str, list[str]] = {
        a.id: [x for x in (a.place, a.city, a.province) if x] for a in articles
    }
    for i in indicators:
        if i.place and i.article_id in ctx:
            ctx[i.article_id].append(i.place)
    rows = []
    for i in indicators:
        row = indicator_to_json(i)
        r = resolve(i.place, ctx.get(i.article_id, ()))
        row["city"], row["province"] = r.city, r.province
        rows.append(row)
    return rows


def extract_document(doc: Document, *, lexicon=None, tokenizer=None) -> FileResult:
    """Run every per-document stage on one document.

    Parameters
    ----------
    doc : a ``Document`` (from :func:`govstats.sources.iter_documents`)
    lexicon : a ``Lexicon`` (default: the packaged one)
    tokenizer : a ``govstats.tokens.Tokenizer`` to also produce the ``tokens`` table

    Returns
    -------
    FileResult
        The document's rows per table as JSON-lines strings; ``note`` says so when
        it holds no article.
    """
    from .corpus import Corpus, segment_document
    from .hierarchy import find_hierarchies, hierarchy_to_json
    from .indicators import extract_indicators
    from .lexicon import find_models, load_lexicon, mention_to_json
    from .minhash import features_many
    from .segment import near_duplicate_text

    lex = lexicon if lexicon is not None else load_lexicon()
    articles, blocks = segment_document(doc)
    name = doc.name
    corpus = Corpus((doc,), tuple(articles), (), tuple(blocks))
    indicators = extract_indicators(corpus)
    ind_rows = indicator_rows(indicators, articles)
    tables: dict[str, list[str]] = {
        "articles": [_dumps(article_to_json(a)) for a in articles],
        "paragraphs": [_dumps(paragraph_to_json(b, file=name)) for b in blocks],
        "indicators": [_dumps(r) for r in ind_rows],
        "mentions": [_dumps(mention_to_json(m)) for m in find_models(corpus, lexicon=lex)],
        "hierarchies": [
            _dumps(hierarchy_to_json(h))
            for h in find_hierarchies(corpus, lexicon=lex, indicators=indicators)
        ],
    }
    if tokenizer is not None:
        tables["tokens"] = [
            _dumps(
                {
                    "file": a.file,
                    "article_id": a.id,
                    "article_index": a.index,
                    "tokens": tokenizer.join(a.text),
                }
            )
            for a in articles
        ]
    note = None
    if not articles:
        note = (
            "no article found (only page furniture or captions); "
            "check that the file holds article text"
        )
    # compiled MinHash (govstats.minhash): bit-identical to neardup.near_duplicate_features
    feats = features_many([near_duplicate_text(a) for a in articles])
    return FileResult(
        doc.path,
        name,
        doc.sha256,
        doc.id,
        len(doc.text),
        tables,
        note=note,
        signatures=tuple(sig.tobytes() for sig, _ in feats),
        shingles=tuple(sh.tobytes() for _, sh in feats),
        kind=doc.kind,
    )


def extract_file(path: str | Path, *, lexicon=None, tokenizer=None) -> FileResult:
    """Run every per-document stage on one text file (the first document of ``path``).

    Returns
    -------
    FileResult
        ``tables`` is empty and ``problem`` says why when the file cannot be read.
    """
    from .sources import iter_documents

    path = Path(path)
    for item in iter_documents(path):
        if isinstance(item, Document):
            return extract_document(item, lexicon=lexicon, tokenizer=tokenizer)
        if item.kind != "truncated-utf8":
            return FileResult(str(path), path.name, None, None, 0, {}, problem=str(item))
    return FileResult(str(path), path.name, None, None, 0, {}, problem=f"{path}: no document")


# Per-process state of a worker: the lexicon and tokenizer, loaded once.
_WORKER: dict[str, Any] = {}


def _worker_state(lexicon_spec: tuple[str, ...] | None, tokens: bool) -> tuple[Any, Any]:
    key = (lexicon_spec, tokens)
    if _WORKER.get("key") != key:
        from .lexicon import load_lexicon

        lex = load_lexicon(extra=list(lexicon_spec) if lexicon_spec else None)
        tok = None
        if tokens:
            from .tokens import Tokenizer

            tok = Tokenizer().warm_up()
        _WORKER.update(key=key, lexicon=lex, tokenizer=tok)
    return _WORKER["lexicon"], _WORKER["tokenizer"]


def _init_worker(lexicon_spec: tuple[str, ...] | None, tokens: bool) -> None:
    """Pool initializer: end with the parent (``runs.init_worker``), load the lexicon once."""
    from .runs import init_worker

    init_worker()
    _worker_state(lexicon_spec, tokens)


def _extract_one(doc: Document, lexicon, tokenizer) -> FileResult:
    try:
        return extract_document(doc, lexicon=lexicon, tokenizer=tokenizer)
    except Exception as e:  # name the document: a stage bug on one of 100k must be findable
        e.add_note(f"while extracting {doc.name} ({doc.path})")
        raise


def _map_chunk(
    docs: list[Document], lexicon_spec: tuple[str, ...] | None, tokens: bool
) -> list[FileResult]:
    lex, tok = _worker_state(lexicon_spec, tokens)
    return [_extract_one(d, lex, tok) for d in docs]


def _ordered_map(
    submit: Callable[[Any], Any],
    chunks: Iterable[Any],
    *,
    window: int,
    result: Callable[[Any], Any],
) -> Iterator[Any]:
    """Run chunks with at most ``window`` in flight, yielding results in input order."""
    it = iter(chunks)
    pending: deque = deque(submit(c) for c in islice(it, window))
    while pending:
        fut = pending.popleft()
        res = result(fut)
        nxt = next(it, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield res


def _n_workers(n_jobs: int) -> int:
    if not isinstance(n_jobs, int) or n_jobs < -1:
        raise ValueError(f"n_jobs={n_jobs!r}: expected a positive int, or 0 / -1 for every core")
    return (os.cpu_count() or 1) if n_jobs in (0, -1) else n_jobs


#: Documents per batch sent to a worker, and the characters that close a batch early.
BATCH_DOCS = 32
BATCH_CHARS = 1 << 20


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


def _cache_key(doc: Document, fingerprint: str) -> str:
    meta = [doc.kind, doc.name, doc.id, doc.sha256, doc.encoding]
    meta += [doc.title, doc.date, doc.source, doc.place, doc.url]
    return hashlib.sha256(
        (json.dumps(meta, ensure_ascii=False) + "\0" + fingerprint).encode("utf-8", "surrogatepass")
    ).hexdigest()


def _pack(res: FileResult) -> tuple[bytes, bytes, bytes]:
    head = {
        "path": res.path,
        "name": res.name,
        "sha256": res.sha256,
        "doc_id": res.doc_id,
        "n_chars": res.n_chars,
        "note": res.note,
        "kind": res.kind,
        "tables": {t: len(rows) for t, rows in res.tables.items()},
    }
    body = "\n".join(row for rows in res.tables.values() for row in rows)
    parts = [struct.pack("<I", len(res.signatures))]
    for sig, sh in zip(res.signatures, res.shingles):
        parts += [struct.pack("<II", len(sig), len(sh)), sig, sh]
    return (
        json.dumps(head, ensure_ascii=False).encode(),
        zlib.compress(body.encode("utf-8", "surrogatepass"), 1),
        b"".join(parts),
    )


def _unpack(head_b: bytes, body_b: bytes, nd: bytes) -> FileResult:
    head = json.loads(head_b)
    body = zlib.decompress(body_b).decode("utf-8", "surrogatepass")
    lines = body.split("\n") if body else []
    tables: dict[str, list[str]] = {}
    pos = 0
    for t, n in head["tables"].items():
        tables[t] = lines[pos : pos + n] if n else []
        pos += n
    if pos != len(lines):
        raise ValueError(f"{pos} rows announced, {len(lines)} stored")
    (n,) = struct.unpack_from("<I", nd, 0)
    off, sigs, shingles = 4, [], []
    for _ in range(n):
        a, b = struct.unpack_from("<II", nd, off)
        off += 8
        sigs.append(nd[off : off + a])
        shingles.append(nd[off + a : off + a + b])
        off += a + b
    if off != len(nd) or len(sigs) != len(tables.get("articles", ())):
        raise ValueError("near-duplicate features do not match the article rows")
    return FileResult(
        head["path"],
        head["name"],
        head["sha256"],
        head["doc_id"],
        head["n_chars"],
        tables,
        note=head.get("note"),
        signatures=tuple(sigs),
        shingles=tuple(shingles),
        kind=head.get("kind", "page"),
    )


# ----------------------------------------------------------------------------- the reduce step


def _cache_get(store: RowCache, keys: Sequence[str]) -> dict[str, FileResult]:
    out: dict[str, FileResult] = {}
    for key, blobs in store.get_many(keys).items():
        try:
            out[key] = _unpack(*blobs)
        except (ValueError, KeyError, struct.error, zlib.error) as e:
            logger.warning("ignoring a damaged cache entry %s (%s)", key[:16], e)
    return out


class _ShingleStore:
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


def _near_duplicates(
    signatures: Sequence[bytes],
    shingles: _ShingleStore,
    dates: Sequence[str | None],
    sources: Sequence[str | None],
) -> list[int]:
    """Per article (corpus order), the index of its near-duplicate group's first article.

    ``signatures`` are the articles' MinHash signatures and ``shingles`` their shingle
    sets, both computed by the workers (``minhash.features_many``); the
    shingle sets are read back for candidate pairs only. ``dates`` and ``sources`` are used
    as ``mark_near_duplicates`` uses them.
    """
    from .segment import near_duplicate_roots

    shingles.flush()
    return near_duplicate_roots(signatures, shingles.get, dates=dates, sources=sources)


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
    from .lexicon import load_lexicon
    from .sources import InputFileNotFound, iter_documents

    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: expected 'local' or 'dask'")
    if scheduler:
        engine = "dask"
    n_workers = _n_workers(n_jobs)
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
    lexicon_spec = (str(Path(lexicon).resolve()),) if lexicon else None
    # loaded here too, so a bad lexicon file fails before any work is done
    lex = load_lexicon(extra=list(lexicon_spec) if lexicon_spec else None)
    created_out = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out)  # temporary files of interrupted runs (never those of a live run)
    remove_stale(out / CACHE_DIR)
    tables = TABLES + (("tokens",) if tokens else ())

    store = RowCache(out / CACHE_DIR) if cache else None
    fp = ""
    if store is not None:
        lex_files = [Path(s) for s in getattr(lex, "sources", ())] or (
            [Path(p) for p in lexicon_spec] if lexicon_spec else []
        )
        fp = _fingerprint(lex_files, tables)

    summary = ExtractSummary(out_dir=out)
    writers = {t: JsonlWriter(out / f"{t}.jsonl") for t in tables}
    problems_w = JsonlWriter(out / "problems.jsonl")
    # article rows wait in a staging file until the near-duplicate reduce has run; in
    # memory stays one small stub per article, [id, doc id, duplicate_of], and its
    # MinHash signature (512 bytes); the shingle sets wait in a temporary file
    staging = JsonlWriter(out / ".articles.stage.jsonl")
    stubs: list[list] = []
    sigs: list[bytes] = []
    shingles = _ShingleStore(out)
    seen_sha: dict[str, str] = {}
    files: set[str] = set()
    order = hashlib.sha256()  # the documents in order: the key of the cached reduce
    n_computed = 0

    def problem(p: Problem) -> None:
        if strict:
            raise InputError(str(p))
        summary.problems.append(str(p))
        row = {"file": p.path, "kind": p.kind, "message": p.message}
        summary.problem_rows.append(row)
        problems_w.write(row)

    def prepare(batch: list[Document | Problem]):
        keys: dict[int, str] = {}
        if store is not None:
            keys = {i: _cache_key(d, fp) for i, d in enumerate(batch) if isinstance(d, Document)}
        hits = _cache_get(store, list(keys.values())) if store is not None else {}
        todo = [
            d for i, d in enumerate(batch) if isinstance(d, Document) and keys.get(i) not in hits
        ]
        return batch, keys, hits, todo

    logger.info("extract: %s (%s, %d worker(s))", ", ".join(map(str, inputs)), engine, n_workers)
    try:
        stream = _batches(iter_documents(inputs, columns=columns, exclude=(out,)))
        with _mapper(engine, n_workers, scheduler, lexicon_spec, tokens, lex) as run:
            for batch, keys, hits, computed in run(map(prepare, stream)):
                fresh: list[tuple[str, FileResult]] = []
                it = iter(computed)
                for i, item in enumerate(batch):
                    if isinstance(item, Problem):
                        problem(item)
                        continue
                    doc = item
                    key = keys.get(i)
                    if key is not None and key in hits:
                        res = hits[key]
                        summary.cached_files += 1
                    else:
                        res = next(it)
                        n_computed += 1
                        if key is not None:
                            fresh.append((key, res))
                    files.add(doc.path)
                    summary.n_documents += 1
                    if doc.kind == "page" and res.sha256 in seen_sha:
                        problem(
                            Problem(
                                doc.path,
                                f"same bytes as {seen_sha[res.sha256]} (sha256 "
                                f"{res.sha256[:16]}); skipped so its articles are not counted twice",
                                "duplicate-file",
                            )
                        )
                        continue
                    if res.note is not None:
                        where = (
                            doc.path
                            if doc.kind == "page"
                            else f"{doc.path} (record {doc.record_id})"
                        )
                        problem(Problem(where, res.note, "no-article"))
                    if doc.kind == "page":
                        seen_sha[res.sha256] = doc.path
                    if key is not None:
                        store.used.add(key)
                    order.update(f"{key or doc.id + doc.sha256}\n".encode())
                    summary.n_chars += res.n_chars
                    _consume(res, writers, staging, stubs, sigs, shingles)
                if store is not None:
                    store.put_many([(k, *_pack(r)) for k, r in fresh])
        summary.n_files = len(files)
        staging.close()
        if not stubs:
            first = f"; first: {summary.problems[0]}" if summary.problems else ""
            raise InputError(
                f"no usable document in {', '.join(map(str, inputs))} "
                f"({summary.n_documents} document(s) read, {len(summary.problems)} problem(s)"
                f"{first}); nothing written, {out} left as it was"
            )
        rk = order.hexdigest()
        known_dups = store.get_reduce(rk) if store is not None and n_computed == 0 else None
        if known_dups is not None and len(known_dups) == len(stubs):
            dups = [known_dups.get(st[0]) for st in stubs]
        else:
            roots = _near_duplicates(
                sigs, shingles, [st[3] for st in stubs], [st[4] for st in stubs]
            )
            dups = [stubs[r][0] if r != i else None for i, r in enumerate(roots)]
            if store is not None:
                store.put_reduce(rk, {st[0]: d for st, d in zip(stubs, dups)})
        aw = writers["articles"]
        with open(staging.tmp, encoding="utf-8") as fh:
            for line, st, dup in zip(fh, stubs, dups):
                line = line.rstrip("\n")
                if dup != st[2]:
                    row = json.loads(line)
                    row["duplicate_of"] = dup
                    line = _dumps(row)
                aw.write_line(line)
        staging.abort()
        stubs.clear()
        sigs.clear()
        shingles.close()
        for w in (*writers.values(), problems_w):
            w.close()
        summary.counts = {t: writers[t].n for t in tables}
        # derived stores, from the finished temporary JSONL files
        from .store import write_parquet, write_store

        staged: list[tuple[Path, Path]] = []
        if parquet or engine == "dask":
            for t, w in [*writers.items(), ("problems", problems_w)]:
                final = out / f"{t}.parquet"
                write_parquet(w.tmp, tmp_path(final, tag="stage"), name=t)
                staged.append((tmp_path(final, tag="stage"), final))
        if db:
            write_store({**{t: writers[t].tmp for t in tables}, "problems": problems_w.tmp}, db)
            summary.outputs.append(Path(db))
    except BaseException:
        for w in (*writers.values(), staging, problems_w):
            w.abort()
        shingles.close()
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
        summary.outputs.append(writers[t].commit())
    summary.outputs.append(problems_w.commit())
    if store is not None:
        store.commit()
    return summary


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


def _consume(
    res: FileResult,
    writers,
    staging: JsonlWriter,
    stubs: list,
    sigs: list[bytes],
    shingles: _ShingleStore,
) -> None:
    """Stream a file's rows to the table writers (articles to the staging file)."""
    for t, rows in res.tables.items():
        if t == "articles":
            for line in rows:
                staging.write_line(line)
                row = json.loads(line)
                stubs.append(
                    [
                        row["id"],
                        res.doc_id or "",
                        row.get("duplicate_of"),
                        row.get("date"),
                        row.get("source"),
                    ]
                )
            if not (len(res.shingles) == len(res.signatures) == len(rows)):
                raise RuntimeError(
                    f"{res.path}: {len(rows)} article rows but {len(res.shingles)} shingle "
                    f"sets and {len(res.signatures)} signatures"
                )
            sigs.extend(res.signatures)
            for sh in res.shingles:
                shingles.add(sh)
            continue
        w = writers.get(t)
        if w is None:
            continue
        for r in rows:
            w.write_line(r)


class _mapper:
    """Context manager giving ``run(batches) -> iterator of (batch…, results)`` for an engine.

    Each prepared batch is ``(items, keys, cache hits, documents to compute)``; the
    documents to compute go to a worker (the pool or the cluster is started at the
    first batch that has any), results come back in input order with at most two
    batches per worker in flight.
    """

    def __init__(self, engine, n_workers, scheduler, lexicon_spec, tokens, lex) -> None:
        self.engine, self.n_workers, self.scheduler = engine, n_workers, scheduler
        self.lexicon_spec, self.tokens, self.lex = lexicon_spec, tokens, lex
        self._close: list[Callable[[], None]] = []
        self._submit: Callable[[list[Document]], Any] | None = None
        self._window = 2

    def __enter__(self) -> Callable[[Iterable[tuple]], Iterator[tuple]]:
        return self.run

    def __exit__(self, exc_type, *exc) -> None:
        self._failed = exc_type is not None  # interrupted or failed: stop workers at once
        for fn in reversed(self._close):
            fn()

    def run(self, prepared: Iterable[tuple]) -> Iterator[tuple]:
        if self.engine == "local" and self.n_workers == 1:
            tok = None
            if self.tokens:
                from .tokens import Tokenizer

                tok = Tokenizer()
            for batch, keys, hits, todo in prepared:
                yield batch, keys, hits, [_extract_one(d, self.lex, tok) for d in todo]
            return
        it = iter(prepared)
        first = next(it, None)
        if first is None:
            return
        window = 2 * self.n_workers

        def submit(p):
            todo = p[3]
            if not todo:
                return p, None
            if self._submit is None:
                self._start()
            return p, self._submit(todo)

        def result(pf):
            p, fut = pf
            return (*p[:3], fut.result() if fut is not None else [])

        yield from _ordered_map(submit, _chain_one(first, it), window=window, result=result)

    def _start(self) -> None:
        spec, tokens = self.lexicon_spec, self.tokens
        if self.engine == "dask":
            client = self._dask_client()
            self._submit = lambda c: client.submit(_map_chunk, c, spec, tokens, pure=False)
            return
        from concurrent.futures import ProcessPoolExecutor

        from .runs import terminate_pool

        ex = ProcessPoolExecutor(
            max_workers=self.n_workers, initializer=_init_worker, initargs=(spec, tokens)
        )

        def close() -> None:
            # interrupted or failed: end the workers at once; otherwise let them finish,
            # unless an interrupt arrives while waiting for them
            if getattr(self, "_failed", False):
                terminate_pool(ex)
                return
            try:
                ex.shutdown(wait=True, cancel_futures=True)
            except BaseException:
                terminate_pool(ex)
                raise

        self._close.append(close)
        self._submit = lambda c: ex.submit(_map_chunk, c, spec, tokens)

    def _dask_client(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover
            raise ImportError(
                "engine='dask' needs dask.distributed: pip install 'govstats[dask]'"
            ) from None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=self.n_workers,
                processes=True,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address=":0",  # any free port: never clash with another cluster
            )
            self._close.append(cluster.close)
            client = Client(cluster)
        self._close.append(client.close)
        return client


def _chain_one(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest
