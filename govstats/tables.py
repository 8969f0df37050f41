"""The tables every report uses: ``load_tables`` (from a folder of articles or a store
written by ``govstats extract``) and ``Tables``, a frozen bundle of DataFrames.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus
    from .lexicon import Lexicon

logger = logging.getLogger(__name__)

__all__ = ["Tables", "TABLE_NAMES", "QUALIFIER_LABELS", "load_tables", "tables_from_corpus"]

TABLE_NAMES = (
    "documents",
    "articles",
    "paragraphs",
    "indicators",
    "mentions",
    "hierarchies",
    "problems",
)

_COLUMNS: dict[str, list[str]] = {
    "documents": ["file", "id", "encoding", "n_chars", "sha256", "n_articles"],
    "articles": [
        "file",
        "article_index",
        "id",
        "title",
        "place",
        "date",
        "source",
        "byline",
        "n_paragraphs",
        "n_chars",
        "start",
        "end",
        "duplicate_of",
    ],
    "paragraphs": [
        "file",
        "article_id",
        "paragraph_index",
        "id",
        "kind",
        "duplicate_of",
        "start",
        "end",
        "text",
    ],
    "indicators": [
        "file",
        "article_index",
        "article_id",
        "paragraph_index",
        "start",
        "end",
        "surface",
        "context",
        "value",
        "value_max",
        "unit",
        "qualifier",
        "subject",
        "time_scope",
        "place",
        "duplicate",
        "per",
        "pair_role",
        "change",
    ],
    "mentions": [
        "model_id",
        "alias",
        "surface",
        "file",
        "article_id",
        "article_index",
        "paragraph_index",
        "start",
        "end",
        "duplicate",
        "kind",
    ],
    "hierarchies": [
        "file",
        "article_id",
        "article_index",
        "start",
        "end",
        "levels",
        "n_levels",
        "n_levels_claimed",
        "model_id",
        "counts",
        "ratios",
        "surface",
    ],
    "problems": ["path", "message"],
}

#: How each qualifier reads in a table (ANNOTATION.md's classes).
QUALIFIER_LABELS = {
    "approx_over": "余/多 (over)",
    "approx_under": "近 (nearly)",
    "approx": "约/左右 (about)",
    "at_least": "以上/超过 (at least)",
    "up_to": "内/不到 (up to)",
    "exact": "exact",
}
_APPROX = ("approx_over", "approx_under", "approx")


def _empty(name: str) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(columns=_COLUMNS[name])


# ----------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Tables:
    """The DataFrames the report notebooks use, from one corpus or one store.

    Attributes
    ----------
    documents : ``file, id, encoding, n_chars, sha256, n_articles`` (empty from a store)
    articles : one row per article (``Corpus.articles_frame`` columns)
    paragraphs : every block with ``file, article_id, paragraph_index, id, kind,
        duplicate_of, start, end, text``
    indicators : ``indicators_frame`` columns plus ``models`` (tuple of model ids the
        claim is about: its paragraph's models, else its article's) and ``model_link``
        (``paragraph``, ``article`` or ``""``)
    mentions : ``mentions_frame`` columns
    hierarchies : ``hierarchies_frame`` columns (``levels`` a tuple, ``counts`` a dict,
        ``ratios`` a list of ``(upper, lower, ratio)``)
    problems : ``path, message`` of files that could not be read
    source : where the tables came from (a folder or a store path)
    """

    documents: pd.DataFrame = field(repr=False)
    articles: pd.DataFrame = field(repr=False)
    paragraphs: pd.DataFrame = field(repr=False)
    indicators: pd.DataFrame = field(repr=False)
    mentions: pd.DataFrame = field(repr=False)
    hierarchies: pd.DataFrame = field(repr=False)
    problems: pd.DataFrame = field(repr=False)
    source: str = ""

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(getattr(self, n))}" for n in TABLE_NAMES)
        return f"Tables({self.source!r}: {sizes})"

    def body_paragraphs(self, *, include_duplicates: bool = False) -> pd.DataFrame:
        """Body paragraphs (the units topics and distinctive terms use), in reading order."""
        p = self.paragraphs
        if p.empty:
            return p
        keep = p["kind"].eq("body") & p["article_id"].notna()
        if not include_duplicates:
            keep &= p["duplicate_of"].isna()
        return p[keep].reset_index(drop=True)


def _paragraphs_from_corpus(corpus: Corpus) -> pd.DataFrame:
    import pandas as pd

    names = {d.id: d.name for d in corpus.documents}
    files = {a.id: a.file for a in corpus.articles}
    rows = []
    seen = set()
    blocks = list(corpus.blocks) or [p for a in corpus.articles for p in a.paragraphs]
    for b in blocks:
        seen.add(b.id)
        file = files.get(b.article_id) if b.article_id else None
        if file is None:
            file = names.get(b.id.split("-")[0])
        rows.append(
            [file, b.article_id, b.index, b.id, b.kind, b.duplicate_of, b.start, b.end, b.text]
        )
    return pd.DataFrame(rows, columns=_COLUMNS["paragraphs"])


def _model_links(indicators: pd.DataFrame, mentions: pd.DataFrame) -> tuple[list, list]:
    """Models each indicator is about (paragraph's, else article's), and which link gave them."""
    ms = mentions
    if "duplicate" in ms.columns:
        ms = ms[~ms["duplicate"].astype(bool)]
    ms = ms.sort_values(["file", "article_index", "start"], kind="stable")
    by_par: dict[tuple[str, int], list[str]] = {}
    by_art: dict[str, list[str]] = {}
    for mid, aid, pidx in zip(ms["model_id"], ms["article_id"], ms["paragraph_index"]):
        lst = by_par.setdefault((aid, int(pidx)), [])
        if mid not in lst:
            lst.append(mid)
        lst = by_art.setdefault(aid, [])
        if mid not in lst:
            lst.append(mid)
    models, links = [], []
    for aid, pidx in zip(indicators["article_id"], indicators["paragraph_index"]):
        par = by_par.get((aid, int(pidx)))
        if par:
            models.append(tuple(par))
            links.append("paragraph")
        elif by_art.get(aid):
            models.append(tuple(by_art[aid]))
            links.append("article")
        else:
            models.append(())
            links.append("")
    return models, links


def _finish(tables: dict[str, pd.DataFrame], source: str) -> Tables:
    ind = tables["indicators"]
    ind = ind.copy()
    if "duplicate" in ind.columns:
        ind["duplicate"] = ind["duplicate"].fillna(False).astype(bool)
    models, links = _model_links(ind, tables["mentions"]) if len(ind) else ([], [])
    ind["models"] = models
    ind["model_link"] = links
    tables["indicators"] = ind
    return Tables(**tables, source=source)


#: Article fields the stores carry beyond ``Corpus.articles_frame`` (None where absent).
_ARTICLE_EXTRA = ("city", "province", "date_precision", "url")


def _articles_frame(corpus: Corpus) -> pd.DataFrame:
    """``corpus.articles_frame()`` plus the place, date-precision and url fields the
    extract store writes, so a corpus and its store give the same tables."""
    frame = corpus.articles_frame()
    for name in _ARTICLE_EXTRA:
        if name not in frame.columns:
            frame[name] = [getattr(a, name, None) for a in corpus.articles]
    return frame


def tables_from_corpus(corpus: Corpus, *, lexicon: Lexicon | None = None) -> Tables:
    """Run the extraction stages on a loaded corpus and collect their tables.

    Parameters
    ----------
    corpus : a ``Corpus`` from ``govstats.load_corpus``
    lexicon : the governance-model lexicon (default: the packaged one)

    Returns
    -------
    Tables
    """
    from .hierarchy import find_hierarchies, hierarchies_frame
    from .lexicon import find_models, mentions_frame
    from .records import Problem, to_frame

    if importlib.util.find_spec(f"{__package__}.indicators") is not None:
        from .indicators import extract_indicators, indicators_frame

        inds = list(extract_indicators(corpus))
        ind_df = indicators_frame(inds)
    else:  # the indicators stage is optional while the package is being built
        logger.info("govstats.indicators is not available: the indicator table is empty")
        inds, ind_df = [], _empty("indicators")
    mentions = find_models(corpus, lexicon=lexicon)
    hier = find_hierarchies(corpus, lexicon=lexicon, indicators=inds)
    srcs = sorted({str(Path(d.path).parent) for d in corpus.documents})
    return _finish(
        {
            "documents": corpus.documents_frame(),
            "articles": _articles_frame(corpus),
            "paragraphs": _paragraphs_from_corpus(corpus),
            "indicators": ind_df,
            "mentions": mentions_frame(mentions),
            "hierarchies": hierarchies_frame(hier),
            "problems": to_frame(corpus.problems, kind=Problem),
        },
        ", ".join(srcs),
    )


def _json_value(v: Any) -> Any:
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v


def _store_hierarchies(df: pd.DataFrame) -> pd.DataFrame:
    """Stored hierarchies (levels list, counts/ratios JSON) → the in-memory frame's types."""
    import pandas as pd

    rows = []
    for r in df.to_dict("records"):
        levels = tuple(r.get("levels") if r.get("levels") is not None else ())
        counts = _json_value(r.get("counts")) or {}
        if isinstance(counts, list):  # [[level, n], ...]
            counts = {a: b for a, b in counts}
        ratios = _json_value(r.get("ratios")) or []
        claimed = r.get("n_levels_claimed")
        rows.append(
            {
                "file": r.get("file"),
                "article_id": r.get("article_id"),
                "article_index": r.get("article_index"),
                "start": r.get("start"),
                "end": r.get("end"),
                "levels": levels,
                "n_levels": len(levels),
                "n_levels_claimed": None if claimed is None or pd.isna(claimed) else int(claimed),
                "model_id": r.get("model_id"),
                "counts": dict(counts),
                "ratios": [tuple(x) for x in ratios],
                "surface": r.get("surface"),
            }
        )
    return pd.DataFrame(rows, columns=_COLUMNS["hierarchies"])


def _read_store(store: str | Path) -> dict[str, pd.DataFrame]:
    from .store import read_table

    out: dict[str, pd.DataFrame] = {}
    for name in ("articles", "paragraphs", "indicators", "mentions", "hierarchies"):
        try:
            df = read_table(store, name)
        except FileNotFoundError as e:
            logger.warning(
                "store %s has no %s table (%s): that part of the report is empty", store, name, e
            )
            df = _empty(name)
        if name == "paragraphs" and "paragraph_index" not in df.columns and "index" in df.columns:
            df = df.rename(columns={"index": "paragraph_index"})
        out[name] = df
    out["hierarchies"] = _store_hierarchies(out["hierarchies"])
    out["documents"] = _documents_from_articles(out["articles"])
    out["problems"] = _empty("problems")
    return out


def _documents_from_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """What a store can tell about its files: articles and characters per file."""
    import pandas as pd

    if articles.empty:
        return _empty("documents")
    g = articles.groupby("file", sort=True)
    return pd.DataFrame(
        {
            "file": list(g.groups),
            "id": None,
            "encoding": None,
            "n_chars": g["n_chars"].sum().to_numpy(),
            "sha256": None,
            "n_articles": g.size().to_numpy(),
        },
        columns=_COLUMNS["documents"],
    )


def load_tables(
    seeds_dir: str | Path | None = None,
    *,
    store: str | Path | None = None,
    lexicon: Lexicon | str | Path | None = None,
) -> Tables:
    """The tables a report needs, from a folder of articles or from a store.

    Parameters
    ----------
    seeds_dir : a folder of ``.txt`` articles (or one file) to extract from; default the
        project's ``seeds/``
    store : a ``.duckdb`` file or a folder of ``.jsonl``/``.parquet`` tables written by
        ``govstats extract``; when given, tables are read from it (``seeds_dir`` is ignored)
        and nothing is extracted. A store has no documents or problems tables; those
        come back empty or summarised from the articles.
    lexicon : a ``Lexicon``, or a YAML file extending the packaged one

    Returns
    -------
    Tables
    """
    from .lexicon import Lexicon, load_lexicon

    if lexicon is not None and not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(extra=lexicon)
    if store not in (None, ""):
        return _finish(_read_store(store), str(store))
    from .corpus import load_corpus
    from .paths import SEEDS_DIR

    corpus = load_corpus(seeds_dir if seeds_dir not in (None, "") else SEEDS_DIR)
    return tables_from_corpus(corpus, lexicon=lexicon)


def _as_tables(data: Corpus | Tables, lexicon: Lexicon | None) -> Tables:
    if isinstance(data, Tables):
        return data
    if hasattr(data, "articles") and hasattr(data, "documents"):
        return tables_from_corpus(data, lexicon=lexicon)
    raise TypeError(
        f"expected a Corpus (gs.load_corpus) or Tables (compare.load_tables), got {type(data).__name__}"
    )
