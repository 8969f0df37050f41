"""One function per measured stage; each returns ``{"chars": …, "wall_s": …, …}``.

Every stage reads the corpus files itself and times only its own work (for the
per-stage rows, the read+segment that feeds a later stage is done untimed, file by
file, so nothing but one file's records is held at a time). ``run_child`` runs one
stage in a fresh interpreter so that the peak RSS it reports belongs to that stage
alone (``ru_maxrss`` of the child, and of the child's own pool workers).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .synth import corpus_files

STAGES: dict[str, Callable[..., dict[str, Any]]] = {}


def stage(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    STAGES[fn.__name__] = fn
    return fn


def _clock() -> float:
    return time.perf_counter()


# A source is a folder of .txt files (the synthetic corpora) or ``xwlb:N`` / ``xwlb:all``,
# the first N stories of the 新闻联播 archive read straight from its gzip JSON lines.
REAL_PREFIX = "xwlb:"


def real_source(n: int | None) -> str:
    """The source spec of the archive's first ``n`` stories (``None``: all)."""
    return f"{REAL_PREFIX}{n if n else 'all'}"


def _real_n(src: Any) -> int | None | bool:
    """``N`` (or ``None`` for the whole archive) of an ``xwlb:`` source; ``False`` otherwise."""
    s = str(src)
    if not s.startswith(REAL_PREFIX):
        return False
    tail = s[len(REAL_PREFIX) :]
    return None if tail == "all" else int(tail)


def _documents(src: Any) -> Iterator[Any]:
    """Every readable ``Document`` of the source, in order (reading included)."""
    n = _real_n(src)
    if n is not False:
        from .real import documents

        yield from documents(n)
        return
    from govstats.corpus import load_document

    for f in corpus_files(Path(src)):
        doc = load_document(f)
        if hasattr(doc, "text"):
            yield doc


def source_files(src: Any) -> Path:
    """What ``govstats extract`` reads for the source: the synthetic folder, or the
    record file of the archive's first N stories (the archive itself for all)."""
    n = _real_n(src)
    if n is False:
        return Path(src)
    from .real import records_file

    return records_file(n)


def _docs(folder: Any) -> Iterator[tuple[Any, tuple, tuple]]:
    """``(document, articles, blocks)`` per readable document (not timed by callers)."""
    from govstats.corpus import segment_document

    for doc in _documents(folder):
        articles, blocks = segment_document(doc)
        yield doc, tuple(articles), tuple(blocks)


def _one_corpus(doc, articles, blocks):
    from govstats.corpus import Corpus

    return Corpus((doc,), articles, (), blocks)


def sample_lines(folder: Any, max_chars: int | None) -> list[str]:
    """Non-empty lines of the source's texts, in order, up to ``max_chars`` characters."""
    out: list[str] = []
    n = 0
    for doc in _documents(folder):
        for line in doc.text.splitlines():
            s = line.strip()
            if s:
                out.append(s)
                n += len(s)
                if max_chars is not None and n >= max_chars:
                    return out
    return out


# ------------------------------------------------------------------------- the stages


@stage
def jieba_lcut(folder: Path, *, sample_chars: int | None = None, **_: Any) -> dict[str, Any]:
    """The baseline: plain ``jieba.lcut`` (default dictionary) over the corpus lines."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    lines = sample_lines(folder, sample_chars)
    t0 = _clock()
    jieba.initialize()
    load = _clock() - t0
    return _cut_row(jieba.lcut, lines, load)


def _timed_cuts(cut: Callable[[str], list[str]], lines: list[str]) -> tuple[float, int, str]:
    """Time ``cut`` over ``lines``; the tokens are hashed untimed, 2,000 lines at a time.

    The digest (SHA-256 of every line's tokens, tab-joined, one line each) tells two
    backends apart without keeping every token list of a large corpus in memory.
    """
    import hashlib

    h = hashlib.sha256()
    wall = 0.0
    n_tok = 0
    for lo in range(0, len(lines), 2000):
        part = lines[lo : lo + 2000]
        t0 = _clock()
        got = [cut(s) for s in part]
        wall += _clock() - t0
        for toks in got:
            n_tok += len(toks)
            h.update(("\t".join(toks) + "\n").encode("utf-8"))
    return wall, n_tok, h.hexdigest()


def _cut_row(cut: Callable[[str], list[str]], lines: list[str], load: float) -> dict[str, Any]:
    """A tokenizer row: ``cut`` timed over ``lines`` (``_timed_cuts``), its dictionary load."""
    wall, n_tok, digest = _timed_cuts(cut, lines)
    return {
        "chars": sum(map(len, lines)),
        "lines": len(lines),
        "wall_s": wall,
        "dict_load_s": load,
        "tokens": n_tok,
        "tokens_sha256": digest,
    }


def _tokens(folder: Path, backend: str, sample_chars: int | None) -> dict[str, Any]:
    from govstats.tokens import Tokenizer

    lines = sample_lines(folder, sample_chars)
    t0 = _clock()
    tk = Tokenizer(backend=backend).warm_up()
    load = _clock() - t0
    return {**_cut_row(tk.tokenize, lines, load), "hmm": tk.hmm}


@stage
def tokens_jieba(folder: Path, *, sample_chars: int | None = None, **_: Any) -> dict[str, Any]:
    """``govstats.tokens.Tokenizer(backend="jieba")`` over the same lines as the baseline."""
    return _tokens(folder, "jieba", sample_chars)


@stage
def tokens_rjieba(folder: Path, *, sample_chars: int | None = None, **_: Any) -> dict[str, Any]:
    """``govstats.tokens.Tokenizer(backend="rjieba")`` over the same lines as the baseline."""
    return _tokens(folder, "rjieba", sample_chars)


@stage
def read_segment(folder: Path, **_: Any) -> dict[str, Any]:
    """Read, decode and segment every document into articles (for the archive: the
    gzip JSON lines parsed, each story's ``Document`` built, then segmented)."""
    from govstats.corpus import segment_document

    chars = n_art = 0
    t0 = _clock()
    for doc in _documents(folder):
        chars += len(doc.text)
        n_art += len(segment_document(doc)[0])
    return {"chars": chars, "wall_s": _clock() - t0, "articles": n_art}


@stage
def indicators(folder: Path, **_: Any) -> dict[str, Any]:
    """``extract_indicators`` per file (read+segment done untimed)."""
    from govstats.indicators import extract_indicators

    chars = n = 0
    wall = 0.0
    for doc, arts, blocks in _docs(folder):
        c = _one_corpus(doc, arts, blocks)
        t0 = _clock()
        n += len(extract_indicators(c))
        wall += _clock() - t0
        chars += len(doc.text)
    return {"chars": chars, "wall_s": wall, "rows": n}


@stage
def mentions_hierarchies(folder: Path, **_: Any) -> dict[str, Any]:
    """``find_models`` + ``find_hierarchies`` per file (indicators given, untimed)."""
    from govstats.hierarchy import find_hierarchies
    from govstats.indicators import extract_indicators
    from govstats.lexicon import find_models, load_lexicon

    lex = load_lexicon()
    chars = n_m = n_h = 0
    t_m = t_h = 0.0
    for doc, arts, blocks in _docs(folder):
        c = _one_corpus(doc, arts, blocks)
        inds = extract_indicators(c)
        t0 = _clock()
        n_m += len(find_models(c, lexicon=lex))
        t1 = _clock()
        n_h += len(find_hierarchies(c, lexicon=lex, indicators=inds))
        t_h += _clock() - t1
        t_m += t1 - t0
        chars += len(doc.text)
    return {
        "chars": chars,
        "wall_s": t_m + t_h,
        "mentions_s": t_m,
        "hierarchies_s": t_h,
        "mentions": n_m,
        "hierarchies": n_h,
    }


@stage
def extraction(folder: Path, *, minhash: bool = False, **_: Any) -> dict[str, Any]:
    """Everything but tokens, single process: ``pipeline.extract_file`` on every file
    (read + segment + indicators + mentions + hierarchies + MinHash signatures + JSON
    rows), no writing. ``minhash=True`` swaps in ``govstats.minhash.features`` for the
    signatures (what wiring it into the pipeline gives; the values are identical)."""
    from govstats.lexicon import load_lexicon
    from govstats.pipeline import extract_file

    if minhash:
        import govstats.segment
        from govstats import minhash as mh

        govstats.segment.near_duplicate_features = mh.features
        mh.features("预热编译的一段足够长的文字，用来在计时之前加载已编译的内核。" * 2)
    lex = load_lexicon()
    real = _real_n(folder) is not False
    chars = rows = 0
    t0 = _clock()
    if real:  # the record reader's documents, reading included
        from govstats.pipeline import extract_document

        for doc in _documents(folder):
            r = extract_document(doc, lexicon=lex)
            chars += r.n_chars
            rows += sum(len(v) for v in r.tables.values())
    else:
        for f in corpus_files(Path(folder)):
            r = extract_file(f, lexicon=lex)
            chars += r.n_chars
            rows += sum(len(v) for v in r.tables.values())
    return {"chars": chars, "wall_s": _clock() - t0, "rows": rows}


@stage
def topics(folder: Path, *, k: int = 8, engine: str = "auto", **_: Any) -> dict[str, Any]:
    """``TopicModel(k, unit="article")``: tokens (rjieba) + TF-IDF/hashing + k-means.

    The article texts are built untimed; the fit (which tokenises) is timed.
    """
    from govstats.topics import TopicModel

    units = []
    chars = 0
    for _doc, arts, _blocks in _docs(folder):
        for a in arts:
            t = a.text
            units.append((a.id, t))
            chars += len(t)
    t0 = _clock()
    tm = TopicModel(k=k, unit="article", engine=engine, random_state=0, n_resamples=0).fit(units)
    return {"chars": chars, "wall_s": _clock() - t0, "engine": tm.engine_, "units": len(units)}


def _cpu() -> tuple[float, float]:
    """(this process, its waited-for children): user + system CPU seconds so far."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


@stage
def extract_e2e(
    folder: Path,
    *,
    n_jobs: int = 1,
    tokens: bool = True,
    cache: bool = False,
    rerun: bool = False,
    out: str | None = None,
    **_: Any,
) -> dict[str, Any]:
    """``govstats.pipeline.extract`` end to end into a temporary folder (JSONL written).

    ``cache`` is the extract's own option (a first run that also writes its cache).
    With ``rerun=True`` the extract runs twice into the same folder and the second,
    cached run is the one timed (``first_wall_s`` is the cold run).
    """
    from govstats.pipeline import extract

    tmp = Path(out) if out else Path(tempfile.mkdtemp(prefix="govstats-bench-"))
    try:
        extra: dict[str, Any] = {}
        folder = source_files(folder)
        if rerun:
            t0 = _clock()
            extract(folder, tmp, n_jobs=n_jobs, tokens=tokens, cache=True)
            extra["first_wall_s"] = _clock() - t0
        cpu0 = _cpu()
        t0 = _clock()
        s = extract(folder, tmp, n_jobs=n_jobs, tokens=tokens, cache=cache or rerun)
        wall = _clock() - t0
        cpu1 = _cpu()
        return {
            "chars": s.n_chars,
            "wall_s": wall,
            "files": s.n_files,
            "cached_files": s.cached_files,
            "rows": dict(s.counts),
            # CPU seconds of this process and of its (reaped) workers during the run: on a
            # shared machine the wall ratio of 2 cores to 1 moves with the load, these less
            "parent_cpu_s": cpu1[0] - cpu0[0],
            "workers_cpu_s": cpu1[1] - cpu0[1],
            **extra,
        }
    finally:
        if not out:
            shutil.rmtree(tmp, ignore_errors=True)


@stage
def e2e_topics(
    folder: Path, *, n_jobs: int = 0, k: int = 8, tokens: bool = False, **_: Any
) -> dict[str, Any]:
    """Large-corpus path in one process: ``extract`` on all cores, then
    ``TopicModel(engine="hashing")`` over the articles: with ``tokens``, over the tokens
    table the workers wrote (``stages_real.topics_from_tokens``), else streamed back from
    ``paragraphs.jsonl`` and tokenised; ``wall_s`` is the two together."""
    from govstats.pipeline import extract

    folder = source_files(folder)
    tmp = Path(tempfile.mkdtemp(prefix="govstats-bench-"))
    try:
        t0 = _clock()
        s = extract(folder, tmp, n_jobs=n_jobs, cache=False, tokens=tokens)
        t_extract = _clock() - t0
        rss_extract = _maxrss()
        if tokens:  # the workers' tokens, not cut again (bench/stages_real.py)
            from .stages_real import topics_from_tokens

            res = topics_from_tokens(tmp, k=k)
        else:
            res = topics_from_store(tmp, k=k)
        return {
            "chars": s.n_chars,
            "wall_s": t_extract + res["wall_s"],
            "extract_s": t_extract,
            "topics_s": res["wall_s"],
            "files": s.n_files,
            "rows": dict(s.counts),
            "units": res["units"],
            "rss_after_extract_mib": rss_extract,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@stage
def topics_from_store(folder: Path, *, k: int = 8, **_: Any) -> dict[str, Any]:
    """``TopicModel(k, unit="article", engine="hashing")`` over the articles of an
    extract output folder, streamed from its ``paragraphs.jsonl`` (the notebook path)."""
    from govstats.topics import TopicModel

    chars = [0]

    def units() -> Iterator[tuple[str, str]]:
        for aid, text in _article_units(Path(folder) / "paragraphs.jsonl"):
            chars[0] += len(text)
            yield aid, text

    t0 = _clock()
    tm = TopicModel(k=k, unit="article", engine="hashing", random_state=0, n_resamples=0).fit(
        units()
    )
    return {"chars": chars[0], "wall_s": _clock() - t0, "units": int(len(tm.labels_))}


def _article_units(path: Path) -> Iterator[tuple[str, str]]:
    """``(article_id, title + body text)`` per article, streamed from ``paragraphs.jsonl``."""
    cur: str | None = None
    parts: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            aid = p["article_id"]
            if aid is None or p["duplicate_of"] is not None or p["kind"] not in ("title", "body"):
                continue
            if aid != cur:
                if cur is not None:
                    yield cur, "\n".join(parts)
                cur, parts = aid, []
            parts.append(p["text"])
    if cur is not None:
        yield cur, "\n".join(parts)


# ------------------------------------------------------------------------- running


def _maxrss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB on Linux


class _TreeSampler:
    """Peak of the summed RSS of this process and its descendants, sampled every 0.2 s.

    ``ru_maxrss`` of ``RUSAGE_CHILDREN`` is only the largest child, and a child forked
    from a big parent (e.g. a helper ``subprocess``) inherits the parent's figure; the
    sampled sum is the number to compare with the machine's memory. Needs psutil
    (installed with dask); without it the figure is left out.
    """

    def __init__(self, interval: float = 0.2) -> None:
        import threading

        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def _run(self, interval: float) -> None:
        try:
            import psutil
        except ImportError:  # pragma: no cover
            return
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # it may have just ended
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(interval)

    def __enter__(self) -> _TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()


def run_stage(name: str, folder: Path, **opts: Any) -> dict[str, Any]:
    """Run one stage in this process; add throughput and peak RSS.

    ``peak_rss_mib`` is this process's ``ru_maxrss``; ``workers_peak_rss_mib`` the
    largest child's; ``tree_peak_rss_mib`` the sampled peak of this process plus all
    its children together.
    """
    from . import stages_real  # noqa: F401  (registers the real-corpus stages)

    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r}; known: {', '.join(STAGES)}")
    with _TreeSampler() as sampler:
        res = STAGES[name](folder if _real_n(folder) is not False else Path(folder), **opts)
    res["tree_peak_rss_mib"] = sampler.peak / 2**20 if sampler.peak else None
    res["chars_per_s"] = res["chars"] / res["wall_s"] if res["wall_s"] else None
    res["peak_rss_mib"] = _maxrss()
    res["workers_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return res


def run_child(
    name: str, folder: Path, *, timeout: float | None = None, **opts: Any
) -> dict[str, Any]:
    """Run one stage in a fresh interpreter; peak RSS is that stage's alone.

    ``peak_rss_mib`` is the child's own maximum resident set; ``workers_peak_rss_mib``
    the largest of its worker processes (``RUSAGE_CHILDREN``), 0 for single-process stages.
    """
    spec = json.dumps({"stage": name, "folder": str(folder), "opts": opts})
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = _clock()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.stages", spec],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"stage {name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["process_wall_s"] = _clock() - t0
    return res


def _main(argv: list[str]) -> int:
    spec = json.loads(argv[0])
    res = run_stage(spec["stage"], spec["folder"], **spec["opts"])
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    # run through the importable module, where ``stages_real`` registers its stages
    from bench import stages as _module

    raise SystemExit(_module._main(sys.argv[1:]))
