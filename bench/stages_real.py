"""The stages measured on the real corpus only: near-duplicates, the store, the Dask check,
and topics from an extract's tokens table.

Registered into ``stages.STAGES`` on import (``run_stage`` imports this module). Each
takes a source (``xwlb:N`` or a folder, see ``stages.source_files``) like the others.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .stages import _clock, _docs, source_files, stage

__all__ = ["nd_signatures", "nd_reduce", "store_write", "dask_check", "topics_from_tokens"]


def _nd_texts(folder: Any, meta: list | None = None) -> tuple[list[list[str]], int]:
    """Per document, its articles' near-duplicate texts; and the documents' characters.

    ``meta``, when given, receives each article's ``(date, source)``, as the pipeline's
    corpus-wide step gets them.
    """
    from govstats.segment import near_duplicate_text

    per_doc: list[list[str]] = []
    chars = 0
    for doc, arts, _blocks in _docs(folder):
        per_doc.append([near_duplicate_text(a) for a in arts])
        if meta is not None:
            meta += [(a.date, a.source) for a in arts]
        chars += len(doc.text)
    return per_doc, chars


@stage
def nd_signatures(folder: Any, *, impl: str = "segment", **_: Any) -> dict[str, Any]:
    """Every article's MinHash signature and shingle set, one document at a time (as
    ``extract_file`` does): ``impl="segment"`` (the pipeline's code today) or
    ``"minhash"`` (``govstats.minhash.features_many``). ``features_sha256`` hashes every
    signature and shingle set, so the two rows can be compared for identity."""
    per_doc, chars = _nd_texts(folder)
    if impl == "segment":
        from govstats.segment import near_duplicate_features

        def run(texts: list[str]) -> list:
            return [near_duplicate_features(t) for t in texts]
    elif impl == "minhash":
        from govstats import minhash

        run = minhash.features_many
        run(["预热编译的一段足够长的文字，用来在计时之前加载已编译的内核。" * 2])
    else:
        raise ValueError(f"impl={impl!r}: expected 'segment' or 'minhash'")
    h = hashlib.sha256()
    wall = 0.0
    n = 0
    for texts in per_doc:
        t0 = _clock()
        feats = run(texts)
        wall += _clock() - t0
        for sig, sh in feats:
            n += 1
            h.update(sig.tobytes() + b"|" + sh.tobytes() + b"\n")
    extra = {}
    if impl == "minhash":
        from govstats import minhash

        extra["backend"] = minhash.BACKEND
    return {
        "chars": chars,
        "wall_s": wall,
        "articles": n,
        "features_sha256": h.hexdigest(),
        **extra,
    }


@stage
def nd_reduce(folder: Any, **_: Any) -> dict[str, Any]:
    """The corpus-wide near-duplicate step alone: ``segment.near_duplicate_roots`` (LSH
    banding, signature pre-check, exact Jaccard of candidates) over every article's
    signature (computed untimed). Reports how many articles are flagged as reprints."""
    from govstats import minhash
    from govstats.segment import near_duplicate_roots

    meta: list = []
    per_doc, chars = _nd_texts(folder, meta)
    feats = [f for texts in per_doc for f in minhash.features_many(texts)]
    sigs = [s for s, _ in feats]
    t0 = _clock()
    roots = near_duplicate_roots(
        sigs, lambda i: feats[i][1], dates=[d for d, _ in meta], sources=[s for _, s in meta]
    )
    wall = _clock() - t0
    flagged = sum(r != i for i, r in enumerate(roots))
    return {
        "chars": chars,
        "wall_s": wall,
        "articles": len(roots),
        "compared": sum(1 for s in sigs if len(s)),
        "flagged": flagged,
        "groups": len({r for i, r in enumerate(roots) if r != i}),
    }


@stage
def store_write(folder: Any, **_: Any) -> dict[str, Any]:
    """Writing the store: an extract (all cores, untimed) into a temporary folder, then
    ``store.write_store`` of its JSONL tables into one DuckDB file and into Parquet files,
    each timed (``wall_s`` is the DuckDB write; ``parquet_s`` the Parquet one)."""
    from govstats.pipeline import TABLES, extract
    from govstats.store import write_store

    tmp = Path(tempfile.mkdtemp(prefix="govstats-bench-"))
    try:
        s = extract(source_files(folder), tmp / "out", n_jobs=0, cache=False)
        tables = {t: tmp / "out" / f"{t}.jsonl" for t in TABLES}
        t0 = _clock()
        write_store(tables, tmp / "gov.duckdb")
        wall = _clock() - t0
        t0 = _clock()
        write_store(tables, tmp / "parquet")
        parquet = _clock() - t0
        return {
            "chars": s.n_chars,
            "wall_s": wall,
            "parquet_s": parquet,
            "rows": dict(s.counts),
            "duckdb_mib": (tmp / "gov.duckdb").stat().st_size / 2**20,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _digest(folder: Path, tables: tuple[str, ...]) -> dict[str, str]:
    return {t: hashlib.sha256((folder / f"{t}.jsonl").read_bytes()).hexdigest() for t in tables}


@stage
def dask_check(folder: Any, *, n_jobs: int = 2, **_: Any) -> dict[str, Any]:
    """``extract(engine="dask")`` on a local cluster of ``n_jobs`` worker processes
    (timed, cluster start included) against ``extract`` in one process (untimed): are
    the JSONL tables byte-identical? (``identical``; ``differs`` names the tables that
    are not)."""
    from govstats.pipeline import TABLES, extract

    src = source_files(folder)
    tmp = Path(tempfile.mkdtemp(prefix="govstats-bench-"))
    try:
        s = extract(src, tmp / "one", n_jobs=1, cache=False, tokens=True)
        tables = (*TABLES, "tokens")
        t0 = _clock()
        extract(src, tmp / "dask", engine="dask", n_jobs=n_jobs, cache=False, tokens=True)
        wall = _clock() - t0
        one, dask = _digest(tmp / "one", tables), _digest(tmp / "dask", tables)
        differs = [t for t in tables if one[t] != dask[t]]
        return {
            "chars": s.n_chars,
            "wall_s": wall,
            "identical": not differs,
            "differs": differs,
            "rows": dict(s.counts),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@stage
def topics_from_tokens(folder: Any, *, k: int = 8, **_: Any) -> dict[str, Any]:
    """``TopicModel(k, unit="article", engine="hashing", pretokenized=True)`` over the
    ``tokens.jsonl`` of an extract output folder written with ``tokens=True`` (each
    article's content words, already cut by the workers, so not tokenised again), the
    articles ``articles.jsonl`` flags as reprints (``duplicate_of``) left out, as
    ``TopicModel`` leaves them out of a ``Corpus``. Reading both files is timed; ``chars``
    counts the clustered articles' characters."""
    import orjson

    from govstats.topics import TopicModel

    folder = Path(folder)
    chars = [0]

    def units() -> Any:
        keep = {}  # article id -> its characters, for the articles that are not reprints
        with open(folder / "articles.jsonl", "rb") as fh:
            for line in fh:
                a = orjson.loads(line)
                if a.get("duplicate_of") is None:
                    keep[a["id"]] = a["n_chars"]
        with open(folder / "tokens.jsonl", "rb") as fh:
            for line in fh:
                t = orjson.loads(line)
                n = keep.get(t["article_id"])
                if n is not None:
                    chars[0] += n
                    yield t["article_id"], t["tokens"]

    t0 = _clock()
    tm = TopicModel(
        k=k, unit="article", engine="hashing", pretokenized=True, random_state=0, n_resamples=0
    ).fit(units())
    return {
        "chars": chars[0],
        "wall_s": _clock() - t0,
        "units": int(len(tm.labels_)),
        "clusters": tm.clusters_["label"].tolist(),
    }
