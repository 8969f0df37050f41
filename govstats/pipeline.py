"""``govstats extract``: run every per-document stage over many files and write the tables.

The per-file work (read → segment → indicators, mentions, hierarchies, optionally tokens,
and each article's MinHash signature) is a pure map; the one corpus-level step, marking
near-duplicate articles across files, is a small reduce over the signatures at the end
(LSH banding; only candidate pairs are re-read and compared exactly). The map runs in
this process, in a pool of worker processes (``n_jobs``), or on a Dask cluster
(``engine="dask"``). Workers load the lexicon (and tokenizer) once and send back each
file's rows as JSON-lines strings, which the parent streams to temporary files, so
memory stays bounded however many files there are. At the end every table is renamed
into place; an interrupted run leaves the previous outputs complete.

Unchanged files are not re-extracted: each file's rows are cached in
``OUT/.cache/<key>.jsonl.gz``, the key hashing the file's bytes and name, the govstats
code and data files, and the lexicon files.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import os
import struct
import tempfile
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError
from .paths import DATA_DIR, PACKAGE_DIR
from .runs import remove_stale, tmp_path
from .store import JsonlWriter, dumps_row

logger = logging.getLogger(__name__)

__all__ = [
    "ExtractSummary",
    "extract",
    "extract_file",
    "article_to_json",
    "paragraph_to_json",
    "write_jsonl",
    "TABLES",
]

#: The tables ``extract`` always writes, in this order (``tokens`` only with ``tokens=True``).
TABLES = ("articles", "paragraphs", "indicators", "mentions", "hierarchies")
CACHE_DIR = ".cache"
# modules whose code decides a file's rows: a change to any of them invalidates the cache
_STAGE_MODULES = (
    "records",
    "corpus",
    "segment",
    "numbers",
    "indicators",
    "lexicon",
    "hierarchy",
    "tokens",
    "pipeline",
)


@dataclass
class ExtractSummary:
    """Counts of what ``extract`` wrote, and the files it could not read."""

    out_dir: Path
    n_files: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    cached_files: int = 0
    n_chars: int = 0
    outputs: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"read {self.n_files} file(s)"
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
    """One ``articles.jsonl`` object: the keys the corpus issue lists, in order."""
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
    """What one file contributes: its rows per table as JSON-lines strings (compact to ship)."""

    path: str
    name: str
    sha256: str | None
    doc_id: str | None
    n_chars: int
    tables: dict[str, list[str]]
    problem: str | None = None
    note: str | None = None  # a problem that still leaves rows (a file with no article)
    # per article, for the near-duplicate reduce: its MinHash signature (uint32 bytes)
    # and its shingle set (sorted uint64 bytes; read back only for candidate pairs)
    signatures: tuple[bytes, ...] = ()
    shingles: tuple[bytes, ...] = ()


def _load_one(path: Path):
    """Read and segment one file → ``(Document, articles, blocks)`` or a ``Problem``."""
    from .corpus import load_document, segment_document

    doc = load_document(path)
    if not hasattr(doc, "text"):  # a Problem
        return doc
    articles, blocks = segment_document(doc)
    return doc, tuple(articles), tuple(blocks)


def extract_file(path: str | Path, *, lexicon=None, tokenizer=None) -> FileResult:
    """Run every per-document stage on one file.

    Parameters
    ----------
    path : a text file
    lexicon : a ``Lexicon`` (default: the packaged one)
    tokenizer : a ``govstats.tokens.Tokenizer`` to also produce the ``tokens`` table

    Returns
    -------
    FileResult
        The file's rows per table as JSON-lines strings (``tables`` is empty and
        ``problem`` says why when the file cannot be read).
    """
    from .corpus import Corpus
    from .hierarchy import find_hierarchies, hierarchy_to_json
    from .indicators import extract_indicators, indicator_to_json
    from .lexicon import find_models, load_lexicon, mention_to_json

    path = Path(path)
    lex = lexicon if lexicon is not None else load_lexicon()
    got = _load_one(path)
    if not isinstance(got, tuple):
        return FileResult(str(path), path.name, None, None, 0, {}, problem=str(got))
    doc, articles, blocks = got
    name = doc.name  # a property that parses the path: once per file
    corpus = Corpus((doc,), articles, (), blocks)
    indicators = extract_indicators(corpus)
    tables: dict[str, list[str]] = {
        "articles": [_dumps(article_to_json(a)) for a in articles],
        "paragraphs": [_dumps(paragraph_to_json(b, file=name)) for b in blocks],
        "indicators": [_dumps(indicator_to_json(i)) for i in indicators],
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
            f"{doc.path}: no article found (only page furniture or captions); "
            "check that the file holds article text"
        )
    from .segment import near_duplicate_features, near_duplicate_text

    feats = [near_duplicate_features(near_duplicate_text(a)) for a in articles]
    return FileResult(
        str(path),
        name,
        doc.sha256,
        doc.id,
        len(doc.text),
        tables,
        note=note,
        signatures=tuple(sig.tobytes() for sig, _ in feats),
        shingles=tuple(sh.tobytes() for _, sh in feats),
    )


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


def _extract_one(path: str, lexicon, tokenizer) -> FileResult:
    try:
        return extract_file(path, lexicon=lexicon, tokenizer=tokenizer)
    except Exception as e:  # name the file: a stage bug on one file of 100k must be findable
        e.add_note(f"while extracting {path}")
        raise


def _map_chunk(
    paths: list[str], lexicon_spec: tuple[str, ...] | None, tokens: bool
) -> list[FileResult]:
    lex, tok = _worker_state(lexicon_spec, tokens)
    return [_extract_one(p, lex, tok) for p in paths]


def _ordered_map(
    submit: Callable[[list[str]], Any],
    chunks: Iterable[list[str]],
    *,
    window: int,
    result: Callable[[Any], list[FileResult]],
) -> Iterator[FileResult]:
    """Run chunks with at most ``window`` in flight, yielding results in input order."""
    it = iter(chunks)
    pending: deque = deque(submit(c) for c in islice(it, window))
    while pending:
        fut = pending.popleft()
        res = result(fut)
        nxt = next(it, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield from res


def _chunked(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _n_workers(n_jobs: int) -> int:
    if not isinstance(n_jobs, int) or n_jobs < -1:
        raise ValueError(f"n_jobs={n_jobs!r}: expected a positive int, or 0 / -1 for every core")
    return (os.cpu_count() or 1) if n_jobs in (0, -1) else n_jobs


def _chunksize(n_items: int, n_workers: int) -> int:
    # several chunks per worker (load balance), but not one tiny task per file
    return max(1, min(32, n_items // (n_workers * 8) or 1))


# ----------------------------------------------------------------------------- the cache


def _fingerprint(lexicon_files: Sequence[Path], tables: Sequence[str]) -> str:
    """Hash of everything besides the file that decides a file's rows."""
    h = hashlib.sha256(f"govstats {__version__}\0{','.join(tables)}\0".encode())
    code = [PACKAGE_DIR / f"{m}.py" for m in _STAGE_MODULES]
    code = [p for p in code if p.exists()] + sorted(p for p in DATA_DIR.glob("*") if p.is_file())
    for p in [*code, *lexicon_files]:
        h.update(p.name.encode() + b"\0")
        h.update(Path(p).read_bytes())
    return h.hexdigest()


def _cache_key(sha: str, name: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{sha}\0{name}\0{fingerprint}".encode()).hexdigest()


def _cache_read(path: Path) -> FileResult | None:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            head = json.loads(fh.readline())
            tables: dict[str, list[str]] = {t: [] for t in head["tables"]}
            for line in fh:
                t, _, row = line.rstrip("\n").partition("\t")
                tables[t].append(row)
        sigs, shingles = _nd_read(path.with_name(path.name[: -len(".jsonl.gz")] + ".nd"))
    except (OSError, EOFError, ValueError, KeyError, struct.error) as e:
        logger.warning("ignoring unreadable cache entry %s (%s)", path, e)
        return None
    n_articles = len(tables.get("articles", ()))
    if sum(len(v) for v in tables.values()) != head.get("n_rows") or not (
        len(shingles) == len(sigs) == n_articles
    ):
        return None
    return FileResult(
        head["path"],
        head["name"],
        head["sha256"],
        head["doc_id"],
        head["n_chars"],
        tables,
        note=head.get("note"),
        signatures=sigs,
        shingles=shingles,
    )


def _cache_write(path: Path, res: FileResult) -> None:
    tmp = tmp_path(path)
    head = {
        "path": res.path,
        "name": res.name,
        "sha256": res.sha256,
        "doc_id": res.doc_id,
        "n_chars": res.n_chars,
        "note": res.note,
        "tables": list(res.tables),
        "n_rows": sum(len(v) for v in res.tables.values()),
    }
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as fh:
        fh.write(json.dumps(head, ensure_ascii=False) + "\n")
        for t, rows in res.tables.items():
            for row in rows:
                fh.write(f"{t}\t{row}\n")
    nd = path.with_name(path.name[: -len(".jsonl.gz")] + ".nd")
    nd_tmp = tmp_path(nd)
    parts = [struct.pack("<I", len(res.signatures))]
    for sig, sh in zip(res.signatures, res.shingles):
        parts += [struct.pack("<II", len(sig), len(sh)), sig, sh]
    nd_tmp.write_bytes(b"".join(parts))
    os.replace(nd_tmp, nd)  # first: the .jsonl.gz entry is only used with its .nd
    os.replace(tmp, path)


def _nd_read(path: Path) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """A cache entry's near-duplicate side file: per article, its signature and shingles."""
    data = path.read_bytes()
    (n,) = struct.unpack_from("<I", data, 0)
    pos, sigs, shingles = 4, [], []
    for _ in range(n):
        a, b = struct.unpack_from("<II", data, pos)
        pos += 8
        sigs.append(data[pos : pos + a])
        shingles.append(data[pos + a : pos + a + b])
        pos += a + b
    if pos != len(data):
        raise ValueError(f"{path}: {len(data) - pos} trailing bytes")
    return tuple(sigs), tuple(shingles)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# ----------------------------------------------------------------------------- the reduce step


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


def _near_duplicates(signatures: Sequence[bytes], shingles: _ShingleStore) -> list[int]:
    """Per article (corpus order), the index of its near-duplicate group's first article.

    ``signatures`` are the articles' MinHash signatures and ``shingles`` their shingle
    sets, both computed by the workers (``segment.near_duplicate_features``); the
    shingle sets are read back for candidate pairs only.
    """
    from .segment import near_duplicate_roots

    shingles.flush()
    return near_duplicate_roots(signatures, shingles.get)


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
) -> ExtractSummary:
    """Read ``paths`` and write every table into ``out_dir``.

    Writes ``articles.jsonl``, ``paragraphs.jsonl``, ``indicators.jsonl``,
    ``mentions.jsonl`` and ``hierarchies.jsonl`` (plus ``tokens.jsonl`` with
    ``tokens=True``), rows in file order, whatever ``n_jobs`` or ``engine``.

    Parameters
    ----------
    paths : files or folders of ``.txt`` articles
    out_dir : output folder (created)
    lexicon : extra governance-model YAML file (adds or overrides models)
    db : also write the tables into this DuckDB file (atomically replaced)
    parquet : also write ``<table>.parquet`` into ``out_dir``
    n_jobs : worker processes; 1 runs in this process, 0 or -1 uses every core
    engine : ``"local"`` (this machine) or ``"dask"`` (a Dask cluster; also writes Parquet)
    scheduler : Dask scheduler address (``tcp://host:8786``); with ``engine="dask"``
        and no address, a local cluster of ``n_jobs`` worker processes is started
    strict : raise on the first unreadable file instead of reporting it
    cache : reuse the rows of files unchanged since the last run into ``out_dir``
    tokens : also write ``tokens.jsonl`` (each article's content words, space-joined)

    Returns
    -------
    ExtractSummary

    Raises
    ------
    InputError
        With ``strict=True``, for the first file that cannot be read.
    """
    from .corpus import list_files
    from .lexicon import load_lexicon

    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: expected 'local' or 'dask'")
    if scheduler:
        engine = "dask"
    n_workers = _n_workers(n_jobs)
    lexicon_spec = (str(Path(lexicon).resolve()),) if lexicon else None
    # loaded here too, so a bad lexicon file fails before any work is done
    lex = load_lexicon(extra=list(lexicon_spec) if lexicon_spec else None)
    files = list_files(paths)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out)  # temporary files of interrupted runs (never those of a live run)
    remove_stale(out / CACHE_DIR)
    tables = TABLES + (("tokens",) if tokens else ())

    # --- which files are cached
    cache_dir = out / CACHE_DIR
    keys: dict[str, str] = {}
    cached: dict[str, Path] = {}
    if cache:
        cache_dir.mkdir(exist_ok=True)
        lex_files = [Path(s) for s in getattr(lex, "sources", ())] or (
            [Path(p) for p in lexicon_spec] if lexicon_spec else []
        )
        fp = _fingerprint(lex_files, tables)
        for f in files:
            k = keys[str(f)] = _cache_key(_sha256_file(f), f.name, fp)
            if (cache_dir / f"{k}.jsonl.gz").exists():
                cached[str(f)] = cache_dir / f"{k}.jsonl.gz"
    todo = [str(f.resolve()) if engine == "dask" else str(f) for f in files if str(f) not in cached]
    # the near-duplicate reduce depends on every file: its result is cached under the
    # ordered list of file keys, so a re-run on an unchanged corpus skips it too
    reduce_path = None
    known_dups: dict[str, str | None] | None = None
    if cache:
        rk = hashlib.sha256("\n".join(keys[str(f)] for f in files).encode()).hexdigest()
        reduce_path = cache_dir / f"reduce-{rk}.json"
        if not todo and reduce_path.exists():
            try:
                known_dups = json.loads(reduce_path.read_text(encoding="utf-8"))
            except ValueError:
                known_dups = None
    logger.info(
        "extract: %d file(s), %d cached, %d to do (%s, %d worker(s))",
        len(files),
        len(cached),
        len(todo),
        engine,
        n_workers,
    )

    summary = ExtractSummary(out_dir=out, n_files=len(files), cached_files=len(cached))
    writers = {t: JsonlWriter(out / f"{t}.jsonl") for t in tables}
    # article rows wait in a staging file until the near-duplicate reduce has run; in
    # memory stays one small stub per article, [id, doc id, duplicate_of], and its
    # MinHash signature (512 bytes); the shingle sets wait in a temporary file
    staging = JsonlWriter(out / ".articles.stage.jsonl")
    stubs: list[list] = []
    sigs: list[bytes] = []
    shingles = _ShingleStore(out)
    seen_sha: dict[str, str] = {}
    used_cache: set[str] = set()
    try:
        with _mapper(engine, n_workers, scheduler, lexicon_spec, tokens, lex) as run:
            computed = run(todo)
            for f in files:
                res = None
                if str(f) in cached:
                    res = _cache_read(cached[str(f)])
                    if res is None:  # a damaged entry: compute it here
                        summary.cached_files -= 1
                        res = _map_chunk([str(f)], lexicon_spec, tokens)[0]
                else:
                    res = next(computed)
                if res.problem is None and res.sha256 in seen_sha:
                    res = dataclasses.replace(
                        res,
                        problem=(
                            f"{f}: same bytes as {seen_sha[res.sha256]} (sha256 "
                            f"{res.sha256[:16]}); skipped so its articles are not counted twice"
                        ),
                    )
                if res.problem is not None or res.note is not None:
                    msg = res.problem or res.note
                    if strict:
                        raise InputError(msg)
                    logger.warning("%s", msg)
                    summary.problems.append(msg)
                    if res.problem is not None:
                        continue
                seen_sha[res.sha256] = str(f)
                if cache and str(f) in keys:
                    k = keys[str(f)]
                    used_cache.add(k)
                    if str(f) not in cached:
                        _cache_write(cache_dir / f"{k}.jsonl.gz", res)
                summary.n_chars += res.n_chars
                _consume(res, writers, staging, stubs, sigs, shingles)
        staging.close()
        if known_dups is not None and len(known_dups) == len(stubs):
            dups = [known_dups.get(st[0]) for st in stubs]
        else:
            roots = _near_duplicates(sigs, shingles)
            dups = [stubs[r][0] if r != i else None for i, r in enumerate(roots)]
            if reduce_path is not None:
                tmp = tmp_path(reduce_path)
                tmp.write_text(
                    json.dumps({st[0]: d for st, d in zip(stubs, dups)}), encoding="utf-8"
                )
                os.replace(tmp, reduce_path)
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
        for w in writers.values():
            w.close()
        summary.counts = {t: writers[t].n for t in tables}
        # derived stores, from the finished temporary JSONL files
        from .store import write_parquet, write_store

        staged: list[tuple[Path, Path]] = []
        if parquet or engine == "dask":
            for t in tables:
                final = out / f"{t}.parquet"
                write_parquet(writers[t].tmp, tmp_path(final, tag="stage"), name=t)
                staged.append((tmp_path(final, tag="stage"), final))
        if db:
            write_store({t: writers[t].tmp for t in tables}, db)
            summary.outputs.append(Path(db))
    except BaseException:
        for w in (*writers.values(), staging):
            w.abort()
        shingles.close()
        for t in tables:
            tmp_path(out / f"{t}.parquet", tag="stage").unlink(missing_ok=True)
        raise
    for src, dst in staged:
        os.replace(src, dst)
        summary.outputs.append(dst)
    if not staged:  # Parquet files of an earlier run would now disagree with the JSONL
        for t in (*TABLES, "tokens"):
            (out / f"{t}.parquet").unlink(missing_ok=True)
    for t in tables:
        summary.outputs.append(writers[t].commit())
    if cache:
        for p in [*cache_dir.glob("*.jsonl.gz"), *cache_dir.glob("*.nd")]:
            if p.name.split(".")[0] not in used_cache:  # entries of files no longer there
                p.unlink(missing_ok=True)
        for p in cache_dir.glob("reduce-*.json"):
            if p != reduce_path:
                p.unlink(missing_ok=True)
    return summary


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
                stubs.append([row["id"], res.doc_id or "", row.get("duplicate_of")])
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
    """Context manager giving ``run(paths) -> iterator of FileResult`` for an engine."""

    def __init__(self, engine, n_workers, scheduler, lexicon_spec, tokens, lex) -> None:
        self.engine, self.n_workers, self.scheduler = engine, n_workers, scheduler
        self.lexicon_spec, self.tokens, self.lex = lexicon_spec, tokens, lex
        self._close: list[Callable[[], None]] = []

    def __enter__(self) -> Callable[[list[str]], Iterator[FileResult]]:
        return self.run

    def __exit__(self, exc_type, *exc) -> None:
        self._failed = exc_type is not None  # interrupted or failed: stop workers at once
        for fn in reversed(self._close):
            fn()

    def run(self, todo: list[str]) -> Iterator[FileResult]:
        if not todo:
            return iter(())
        spec, tokens = self.lexicon_spec, self.tokens
        if self.engine == "dask":
            return self._dask(todo)
        if self.n_workers == 1 or len(todo) == 1:
            tok = None
            if tokens:
                from .tokens import Tokenizer

                tok = Tokenizer()
            return (_extract_one(p, self.lex, tok) for p in todo)
        from concurrent.futures import ProcessPoolExecutor

        from .runs import terminate_pool

        n = min(self.n_workers, len(todo))
        ex = ProcessPoolExecutor(max_workers=n, initializer=_init_worker, initargs=(spec, tokens))
        self._close.append(
            lambda: terminate_pool(ex)
            if getattr(self, "_failed", False)
            else ex.shutdown(wait=True, cancel_futures=True)
        )
        size = _chunksize(len(todo), n)
        return _ordered_map(
            lambda c: ex.submit(_map_chunk, c, spec, tokens),
            _chunked(todo, size),
            window=2 * n,
            result=lambda f: f.result(),
        )

    def _dask(self, todo: list[str]) -> Iterator[FileResult]:
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
        n = max(1, len(client.scheduler_info().get("workers", {})) or self.n_workers)
        size = _chunksize(len(todo), n)
        spec, tokens = self.lexicon_spec, self.tokens
        return _ordered_map(
            lambda c: client.submit(_map_chunk, c, spec, tokens, pure=False),
            _chunked(todo, size),
            window=2 * n,
            result=lambda f: f.result(),
        )
