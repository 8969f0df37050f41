"""``govstats extract``: run every per-document stage and write the tables.

Writes ``articles.jsonl``, ``indicators.jsonl``, ``mentions.jsonl`` and
``hierarchies.jsonl`` into the output folder, each to a temporary name first and
then renamed, so an interrupted run leaves the previous tables complete.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import Corpus, load_corpus

logger = logging.getLogger(__name__)

__all__ = ["ExtractSummary", "extract", "article_to_json", "write_jsonl", "TABLES"]

TABLES = ("articles", "indicators", "mentions", "hierarchies")


@dataclass
class ExtractSummary:
    """Counts of what ``extract`` wrote, and the files it could not read."""

    out_dir: Path
    n_files: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    cached_files: int = 0

    def lines(self) -> list[str]:
        out = [f"read {self.n_files} file(s)" + (f", {self.cached_files} unchanged (cached)" if self.cached_files else "")]
        out += [f"{name}: {n} → {self.out_dir / (name + '.jsonl')}" for name, n in self.counts.items()]
        out += [f"problem: {p}" for p in self.problems]
        return out


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


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows as JSON lines to ``path`` atomically; return the number written."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    n = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False))
            fh.write("\n")
            n += 1
    os.replace(tmp, path)
    return n


def _tables(corpus: Corpus, *, lexicon=None) -> dict[str, Iterator[dict[str, Any]]]:
    from .hierarchy import find_hierarchies, hierarchy_to_json
    from .indicators import extract_indicators, indicator_to_json
    from .lexicon import find_models, mention_to_json

    indicators = extract_indicators(corpus)
    return {
        "articles": (article_to_json(a) for a in corpus.articles),
        "indicators": (indicator_to_json(i) for i in indicators),
        "mentions": (mention_to_json(m) for m in find_models(corpus, lexicon=lexicon)),
        "hierarchies": (
            hierarchy_to_json(h)
            for h in find_hierarchies(corpus, lexicon=lexicon, indicators=indicators)
        ),
    }


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
) -> ExtractSummary:
    """Read ``paths`` and write every table into ``out_dir``.

    Parameters
    ----------
    paths : files or folders of ``.txt`` articles
    out_dir : output folder (created)
    lexicon : extra governance-model YAML file (adds or overrides models)
    db : also write the tables into this DuckDB file
    parquet : also write ``<table>.parquet``
    n_jobs, engine, scheduler, cache : scale options (see the README)
    strict : raise on the first unreadable file instead of reporting it

    Returns
    -------
    ExtractSummary
    """
    from .lexicon import load_lexicon

    lex = load_lexicon(extra=lexicon)
    corpus = load_corpus(paths, strict=strict)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = ExtractSummary(out_dir=out, n_files=len(corpus.documents))
    summary.problems = [str(p) for p in corpus.problems]
    for name, rows in _tables(corpus, lexicon=lex).items():
        summary.counts[name] = write_jsonl(out / f"{name}.jsonl", rows)
    return summary
