"""Model-vs-model tables: where each governance model appears, its structure, mechanisms,
indicators, distinctive terms and topic profile, plus findings written from the numbers.

The report notebooks stay thin by calling the functions here: ``load_tables`` gives the
tables every notebook needs (extracted from a folder of articles, or read from a store
written by ``govstats extract``), the ``*_table`` helpers shape them for display, and
``compare_models`` / ``findings`` build the side-by-side comparison.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus
    from .lexicon import Lexicon

logger = logging.getLogger(__name__)

__all__ = [
    "Tables",
    "Comparison",
    "TABLE_NAMES",
    "QUALIFIER_LABELS",
    "load_tables",
    "tables_from_corpus",
    "filter_indicators",
    "count_table",
    "model_counts",
    "qualifier_mix",
    "largest_claims",
    "duplicates_table",
    "topic_tables",
    "compare_models",
    "distinctive_terms",
    "findings",
    "findings_markdown",
    "quote",
]

#: The tables ``load_tables`` returns (and reads from a store).
TABLE_NAMES = ("documents", "articles", "paragraphs", "indicators", "mentions", "hierarchies", "problems")

_COLUMNS: dict[str, list[str]] = {
    "documents": ["file", "id", "encoding", "n_chars", "sha256", "n_articles"],
    "articles": [
        "file", "article_index", "id", "title", "place", "date", "source", "byline",
        "n_paragraphs", "n_chars", "start", "end", "duplicate_of",
    ],
    "paragraphs": [
        "file", "article_id", "paragraph_index", "id", "kind", "duplicate_of", "start", "end", "text",
    ],
    "indicators": [
        "file", "article_index", "article_id", "paragraph_index", "start", "end", "surface",
        "context", "value", "value_max", "unit", "qualifier", "subject", "time_scope", "place",
        "duplicate", "per", "pair_role",
    ],
    "mentions": [
        "model_id", "alias", "surface", "file", "article_id", "article_index", "paragraph_index",
        "start", "end", "duplicate", "kind",
    ],
    "hierarchies": [
        "file", "article_id", "article_index", "start", "end", "levels", "n_levels",
        "n_levels_claimed", "model_id", "counts", "ratios", "surface",
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
        rows.append([file, b.article_id, b.index, b.id, b.kind, b.duplicate_of, b.start, b.end, b.text])
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
            "articles": corpus.articles_frame(),
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
            logger.warning("store %s has no %s table (%s): that part of the report is empty", store, name, e)
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


# ----------------------------------------------------------------------------- indicator views


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def quote(context: str | None, surface: str | None) -> str:
    """The claim's sentence with the claim marked: ``建立【34个】社区党组织``."""
    if not isinstance(context, str):
        return ""
    if isinstance(surface, str) and surface and surface in context:
        return context.replace(surface, f"【{surface}】", 1)
    return context


def filter_indicators(
    tables: Tables | pd.DataFrame,
    *,
    unit: str | Sequence[str] | None = None,
    place: str | Sequence[str] | None = None,
    model: str | Sequence[str] | None = None,
    subject: str | None = None,
    include_duplicates: bool = False,
) -> pd.DataFrame:
    """The indicator table, filtered and sorted by file and position.

    Parameters
    ----------
    tables : ``Tables`` or an indicators frame with a ``models`` column
    unit : keep these units (``"%"``, ``"个"``, …); None keeps all
    place : keep claims whose ``place`` contains one of these strings
    model : keep claims about one of these governance models (id, name or alias)
    subject : keep claims whose ``subject`` contains this string
    include_duplicates : keep claims from paragraphs the layout printed twice

    Returns
    -------
    DataFrame with the indicator columns plus ``models`` (joined by 、) and ``model_link``.

    Raises
    ------
    UnknownModelError
        For a model the lexicon does not know (with a suggestion).
    """
    ind = tables.indicators if isinstance(tables, Tables) else tables
    keep = ind["value"].notna() if len(ind) else ind.index == ind.index
    if not include_duplicates and "duplicate" in ind.columns:
        keep &= ~ind["duplicate"].astype(bool)
    units = _as_list(unit)
    if units is not None:
        keep &= ind["unit"].isin(units)
    places = _as_list(place)
    if places is not None:
        keep &= ind["place"].fillna("").map(lambda p: any(x in p for x in places)).astype(bool)
    models = _as_list(model)
    if models is not None:
        from .lexicon import get_model

        ids = {get_model(m).id for m in models}
        keep &= ind["models"].map(lambda ms: bool(ids.intersection(ms))).astype(bool)
    if subject is not None:
        keep &= ind["subject"].fillna("").str.contains(subject, regex=False)
    out = ind[keep].sort_values(["file", "article_index", "start"], kind="stable").reset_index(drop=True)
    out["models"] = out["models"].map(lambda ms: "、".join(ms))
    out["quote"] = [quote(c, su) for c, su in zip(out["context"], out["surface"])]
    return out


def count_table(frame: pd.DataFrame, column: str, *, top: int | None = None, label: str | None = None) -> pd.DataFrame:
    """How often each value of ``frame[column]`` occurs, most frequent first.

    Tuple/list cells (e.g. ``models``) count once per element; missing values count as
    ``(none)``. Ties are broken by the value, so the order is stable.

    Returns
    -------
    DataFrame with columns ``<label or column>, n, share`` (share of rows, 0–1).
    """
    import pandas as pd

    col = frame[column] if len(frame) else pd.Series([], dtype=object)
    n_rows = len(col)
    values: list[str] = []
    for v in col:
        if isinstance(v, (tuple, list)):
            values.extend(str(x) for x in v) if v else values.append("(none)")
        elif isinstance(v, str) and "、" in v and column == "models":
            values.extend(v.split("、"))
        elif v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
            values.append("(none)")
        else:
            values.append(str(v))
    counts = sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))
    if top is not None:
        counts = counts[:top]
    name = label or column
    out = pd.DataFrame(counts, columns=[name, "n"])
    out["share"] = out["n"] / n_rows if n_rows else 0.0
    return out


def model_counts(tables: Tables, *, include_duplicates: bool = False) -> pd.DataFrame:
    """Mentions, paragraphs, articles and files per governance model, most mentioned first.

    Returns
    -------
    DataFrame with columns ``model, name, category, mentions, paragraphs, articles, files``.
    """
    import pandas as pd

    from .lexicon import get_model

    ms = tables.mentions
    if not include_duplicates and "duplicate" in ms.columns:
        ms = ms[~ms["duplicate"].astype(bool)]
    rows = []
    for mid, g in ms.groupby("model_id", sort=True):
        try:
            mdl = get_model(mid)
            name, cat = mdl.name, mdl.category
        except Exception:  # a store written with another lexicon
            name, cat = mid, ""
        rows.append(
            {
                "model": mid,
                "name": name,
                "category": cat,
                "mentions": len(g),
                "paragraphs": g[["article_id", "paragraph_index"]].drop_duplicates().shape[0],
                "articles": g["article_id"].nunique(),
                "files": g["file"].nunique(),
            }
        )
    cols = ["model", "name", "category", "mentions", "paragraphs", "articles", "files"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["mentions", "model"], ascending=[False, True], kind="stable").reset_index(drop=True)


def qualifier_mix(frame: Tables | pd.DataFrame) -> pd.DataFrame:
    """How precise the claims are: counts per qualifier, with the approximate ones marked.

    Parameters
    ----------
    frame : ``Tables`` (duplicates left out) or an already filtered indicators frame

    Returns
    -------
    DataFrame with columns ``qualifier, reads_as, approximate, n, share``, in the order of
    ``QUALIFIER_LABELS``; ``approximate`` is True for 余/多, 近 and 约/左右.
    """
    import pandas as pd

    ind = filter_indicators(frame) if isinstance(frame, Tables) else frame
    n = len(ind)
    counts = Counter(ind["qualifier"].fillna("exact")) if n else Counter()
    quals = list(QUALIFIER_LABELS) + sorted(q for q in counts if q not in QUALIFIER_LABELS)
    rows = [
        {
            "qualifier": q,
            "reads_as": QUALIFIER_LABELS.get(q, q),
            "approximate": q in _APPROX,
            "n": counts.get(q, 0),
            "share": counts.get(q, 0) / n if n else 0.0,
        }
        for q in quals
    ]
    return pd.DataFrame(rows, columns=["qualifier", "reads_as", "approximate", "n", "share"])


def largest_claims(frame: Tables | pd.DataFrame, *, per_unit: int = 3, units: int = 5) -> pd.DataFrame:
    """The largest claims of the most frequent units, each with its quoted sentence.

    Values are only compared within a unit (350 次 and 96 % are not comparable).

    Parameters
    ----------
    frame : ``Tables`` (duplicates left out) or an indicators frame
    per_unit : claims shown per unit
    units : how many of the most frequent units to show

    Returns
    -------
    DataFrame with columns ``unit, rank, value, surface, subject, qualifier, place,
    models, quote, file, article_index``; sorted by unit frequency, then value.
    """
    ind = filter_indicators(frame) if isinstance(frame, Tables) else frame
    cols = ["unit", "rank", "value", "surface", "subject", "qualifier", "place", "models", "quote", "file", "article_index"]
    if ind.empty:
        import pandas as pd

        return pd.DataFrame(columns=cols)
    order = count_table(ind, "unit")["unit"].head(units).tolist()
    parts = []
    for rank_u, u in enumerate(order):
        sub = ind[ind["unit"] == u].sort_values(["value", "file", "start"], ascending=[False, True, True], kind="stable")
        sub = sub.head(per_unit).copy()
        sub["rank"] = range(1, len(sub) + 1)
        sub["_u"] = rank_u
        parts.append(sub)
    import pandas as pd

    out = pd.concat(parts, ignore_index=True).sort_values(["_u", "rank"], kind="stable")
    if not isinstance(out["models"].iloc[0], str):
        out["models"] = out["models"].map(lambda ms: "、".join(ms))
    out["quote"] = [quote(c, su) for c, su in zip(out["context"], out["surface"])]
    return out[cols].reset_index(drop=True)


def duplicates_table(tables: Tables) -> pd.DataFrame:
    """What was left out as duplicate: paragraphs printed twice and repeated articles.

    Returns
    -------
    DataFrame with columns ``what, file, id, duplicate_of, text`` (text shortened to 60
    characters), paragraphs first, in reading order.
    """
    import pandas as pd

    rows = []
    p = tables.paragraphs
    if not p.empty:
        for r in p[p["duplicate_of"].notna()].itertuples():
            text = r.text if len(r.text) <= 60 else r.text[:59] + "…"
            rows.append(("paragraph", r.file, r.id, r.duplicate_of, text))
    a = tables.articles
    if not a.empty and "duplicate_of" in a.columns:
        for r in a[a["duplicate_of"].notna()].itertuples():
            rows.append(("article", r.file, r.id, r.duplicate_of, r.title))
    return pd.DataFrame(rows, columns=["what", "file", "id", "duplicate_of", "text"])


# ----------------------------------------------------------------------------- topics


def _units(tables: Tables, unit: str) -> pd.DataFrame:
    """Units to cluster: ``unit_id, file, article_id, paragraph_index, text``."""
    import pandas as pd

    body = tables.body_paragraphs()
    cols = ["unit_id", "file", "article_id", "paragraph_index", "text"]
    if body.empty:
        return pd.DataFrame(columns=cols)
    if unit == "paragraph":
        out = body.rename(columns={"id": "unit_id"})[cols]
        return out.reset_index(drop=True)
    titles = dict(zip(tables.articles["id"], tables.articles["title"]))
    dups = set(tables.articles.loc[tables.articles["duplicate_of"].notna(), "id"]) if "duplicate_of" in tables.articles else set()
    rows = []
    for aid, g in body.groupby("article_id", sort=False):
        if aid in dups:
            continue
        text = "\n".join([titles.get(aid) or "", *g["text"]])
        rows.append((aid, g["file"].iloc[0], aid, None, text))
    return pd.DataFrame(rows, columns=cols)


def _unit_models(tables: Tables, unit: str) -> dict[Any, tuple[str, ...]]:
    ms = tables.mentions
    if "duplicate" in ms.columns:
        ms = ms[~ms["duplicate"].astype(bool)]
    if unit == "article":
        keys = ms["article_id"].tolist()
    else:
        pid = {
            (a, int(i)): u
            for a, i, u in zip(tables.paragraphs["article_id"], tables.paragraphs["paragraph_index"], tables.paragraphs["id"])
        }
        keys = [pid.get((a, int(i))) for a, i in zip(ms["article_id"], ms["paragraph_index"])]
    out: dict[Any, list[str]] = {}
    for key, mid in zip(keys, ms["model_id"]):
        if key is None:
            continue
        lst = out.setdefault(key, [])
        if mid not in lst:
            lst.append(mid)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@dataclass(frozen=True, repr=False)
class TopicTables:
    """What the topics notebook shows about a fitted ``TopicModel``.

    Attributes
    ----------
    model : the fitted ``govstats.topics.TopicModel`` (``None`` when there was too little text)
    k_scores : ``k, silhouette, stability, inertia`` per k tried, with ``chosen``
    clusters : ``cluster, label, size, share, top_terms`` — largest first
    representatives : ``cluster, label, file, article_index, paragraph_index, text``
    units : every clustered unit with its ``cluster``, ``label`` and ``models``
    by_model : cluster × governance model: units of the cluster mentioning the model
    embedding : the 2-D map (``TopicModel.project()``)
    note : why the tables are empty, when they are
    articles : where each article sits: ``file, article_index, title, n_units, cluster,
        label, share, clusters`` (its majority cluster and how its units spread)
    """

    model: Any
    k_scores: pd.DataFrame = field(repr=False)
    clusters: pd.DataFrame = field(repr=False)
    representatives: pd.DataFrame = field(repr=False)
    units: pd.DataFrame = field(repr=False)
    by_model: pd.DataFrame = field(repr=False)
    embedding: pd.DataFrame = field(repr=False)
    note: str = ""
    articles: pd.DataFrame = field(default=None, repr=False)

    def __repr__(self) -> str:
        if self.model is None:
            return f"TopicTables(no model: {self.note})"
        m = self.model
        chosen = self.k_scores.loc[self.k_scores["chosen"]] if len(self.k_scores) else None
        score = ""
        if chosen is not None and len(chosen):
            row = chosen.iloc[0]
            score = f", silhouette={row['silhouette']:.3f}, stability={row['stability']:.2f}"
        return (
            f"TopicTables(k={m.k_}{score}, units={len(self.units)} {m.unit}s, "
            f"articles={0 if self.articles is None else len(self.articles)})"
        )


def topic_tables(
    tables: Tables,
    *,
    k: int | str = "auto",
    unit: str = "paragraph",
    random_state: int = 0,
    n_terms: int = 10,
) -> TopicTables:
    """Fit a ``TopicModel`` on the tables' paragraphs (or articles) and shape its results.

    Parameters
    ----------
    tables : from ``load_tables``
    k : number of clusters or ``"auto"`` (chosen by silhouette)
    unit : ``"paragraph"`` or ``"article"``
    random_state : seed (fixed in reports, so clusters are reproducible)
    n_terms : top terms per cluster

    Returns
    -------
    TopicTables
    """
    import pandas as pd

    from .topics import TopicModel

    units = _units(tables, unit)
    empty = pd.DataFrame()
    try:
        if units.empty:
            raise ValueError("no paragraph text (a store without a paragraphs table?)")
        tm = TopicModel(k=k, unit=unit, random_state=random_state, n_terms=n_terms)
        tm.fit(list(zip(units["unit_id"], units["text"])))
    except ValueError as e:
        logger.warning("topics not fitted: %s", e)
        return TopicTables(None, empty, empty, empty, empty, empty, empty, note=f"no topic model: {e}")
    prov = units.set_index("unit_id")[["file", "article_id", "paragraph_index"]]
    fitted = tm.units_.drop(columns=["file", "article_id", "paragraph_index", "models"], errors="ignore")
    fitted = fitted.join(prov, on="unit_id")
    art_index = dict(zip(tables.articles["id"], tables.articles["article_index"]))
    fitted["article_index"] = fitted["article_id"].map(art_index)
    umodels = _unit_models(tables, unit)
    fitted["models"] = fitted["unit_id"].map(lambda u: umodels.get(u, ()))
    scores = tm.k_scores_.copy()
    scores["chosen"] = scores["k"] == tm.k_
    summ = tm.summary()
    clusters = summ[["cluster", "label", "size", "share", "top_terms"]].copy()
    rep = summ[["cluster", "label", "rep_unit_id", "rep_text"]].rename(
        columns={"rep_unit_id": "unit_id", "rep_text": "text"}
    )
    rep = rep.join(prov, on="unit_id")
    rep["article_index"] = rep["article_id"].map(art_index)
    rep = rep[["cluster", "label", "file", "article_index", "paragraph_index", "text"]]
    ex = fitted[["cluster", "models"]].explode("models").dropna()
    if ex.empty:
        by_model = pd.DataFrame(index=clusters["cluster"])
    else:
        by_model = pd.crosstab(ex["cluster"], ex["models"]).reindex(clusters["cluster"], fill_value=0)
        order = sorted(by_model.columns, key=lambda m: (-by_model[m].sum(), m))
        by_model = by_model[order]
    labels = dict(zip(clusters["cluster"], clusters["label"]))
    by_model.index = [f"{c}: {labels[c]}" for c in by_model.index]
    by_model.index.name = "cluster"
    by_model.columns.name = "model"
    emb = tm.project()
    arts = tm.article_clusters(groups=dict(zip(units["unit_id"], units["article_id"])))
    meta = tables.articles.set_index("id")[["file", "article_index", "title"]]
    arts = arts.drop(columns=["file", "title"]).join(meta, on="article_id")
    arts = arts[["file", "article_index", "title", "n_units", "cluster", "label", "share", "clusters"]]
    arts = arts.sort_values(["cluster", "file", "article_index"], kind="stable").reset_index(drop=True)
    return TopicTables(tm, scores, clusters, rep, fitted, by_model, emb, articles=arts)


# ----------------------------------------------------------------------------- distinctive terms


def distinctive_terms(
    groups: Mapping[str, Sequence[str]],
    background: Sequence[str],
    *,
    top: int = 12,
    min_count: int = 2,
    alpha0: float = 500.0,
) -> pd.DataFrame:
    """Words that set each group of texts apart from the others: log-odds ratios with an
    informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), as z-scores.

    Each group is contrasted with the union of the other groups; the prior is the word
    distribution of ``background`` (e.g. every paragraph of the corpus) scaled to
    ``alpha0`` pseudo-counts, which shrinks rare words towards zero.

    Parameters
    ----------
    groups : group name → texts (already tokenised and space-joined, or raw text)
    background : texts giving the prior word distribution (the groups' texts are added)
    top : words reported per group
    min_count : least occurrences of a word inside the group to be reported
    alpha0 : prior strength in pseudo-counts

    Returns
    -------
    DataFrame with columns ``group, rank, term, z, log_odds, n_group, n_others``, the
    ``top`` words per group by z-score (ties by term), groups in the given order.
    """
    import pandas as pd

    from .tokens import tokenize

    def count(texts: Iterable[str]) -> Counter:
        c: Counter = Counter()
        for t in texts:
            c.update(t.split(" ") if _is_joined(t) else tokenize(t))
        return c

    counts = {g: count(texts) for g, texts in groups.items()}
    bg = count(background)
    for c in counts.values():
        for w, n in c.items():
            if w not in bg:
                bg[w] = n
    total_bg = sum(bg.values()) or 1
    alpha = {w: alpha0 * n / total_bg for w, n in bg.items()}
    rows = []
    for g, ci in counts.items():
        cj: Counter = Counter()
        for h, ch in counts.items():
            if h != g:
                cj.update(ch)
        ni, nj = sum(ci.values()), sum(cj.values())
        scored = []
        for w, yi in ci.items():
            if yi < min_count:
                continue
            a = alpha[w]
            yj = cj.get(w, 0)
            li = math.log((yi + a) / (ni + alpha0 - yi - a))
            lj = math.log((yj + a) / (nj + alpha0 - yj - a))
            delta = li - lj
            z = delta / math.sqrt(1.0 / (yi + a) + 1.0 / (yj + a))
            scored.append((w, z, delta, yi, yj))
        scored.sort(key=lambda r: (-r[1], r[0]))
        for rank, (w, z, delta, yi, yj) in enumerate(scored[:top], start=1):
            rows.append((g, rank, w, round(z, 6), round(delta, 6), yi, yj))
    return pd.DataFrame(rows, columns=["group", "rank", "term", "z", "log_odds", "n_group", "n_others"])


def _is_joined(text: str) -> bool:
    """A text that is already space-joined tokens (no CJK punctuation, has spaces)."""
    return " " in text and not any(ch in text for ch in "，。、；：！？“”")


# ----------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Comparison:
    """Side-by-side tables for two or more governance models (``compare_models``).

    Attributes
    ----------
    models : the model ids compared, in the order asked
    names : model id → display name
    presence : one row per model: ``model, name, mentions, paragraphs, articles, files,
        places, first_date, last_date, indicators, structures``
    places : place × model: articles mentioning the model, per article place
    articles : ``model, file, article_index, title, place, date, source, mentions``
    overlap : articles mentioning two or more of the models: ``file, article_index,
        title, models``
    structures : ``model, file, article_index, levels, n_levels, n_levels_claimed,
        counts, ratios, surface`` (levels joined by —)
    levels : one row per level of each model's main structure: ``model, rank, level,
        count, ratio`` (ratio = this level's count / the level above's: span of control)
    mechanisms : other lexicon model × compared model: paragraphs of the compared model
        that also mention the other (co-mentions), most frequent first
    indicators : ``model, surface, value, unit, qualifier, subject, place, quote`` (the
        sentence with the claim in 【】), ``file, article_index, model_link, context``
    terms : distinctive terms per model (``distinctive_terms`` columns, ``group`` = model)
    topics : cluster × model: share of the model's paragraphs in each topic cluster
    topic_model : the ``TopicTables`` used for ``topics`` (None when topics were skipped)
    n_paragraphs : model → number of its (non-duplicate) paragraphs
    """

    models: tuple[str, ...]
    names: dict[str, str]
    presence: pd.DataFrame = field(repr=False)
    places: pd.DataFrame = field(repr=False)
    articles: pd.DataFrame = field(repr=False)
    overlap: pd.DataFrame = field(repr=False)
    structures: pd.DataFrame = field(repr=False)
    levels: pd.DataFrame = field(repr=False)
    mechanisms: pd.DataFrame = field(repr=False)
    indicators: pd.DataFrame = field(repr=False)
    terms: pd.DataFrame = field(repr=False)
    topics: pd.DataFrame = field(repr=False)
    topic_model: TopicTables | None = field(default=None, repr=False)
    n_paragraphs: dict[str, int] = field(default_factory=dict)

    def side_by_side(self, table: str, *, top: int = 10, column: str | None = None) -> pd.DataFrame:
        """A long per-model table laid out with one column block per model.

        Parameters
        ----------
        table : ``"terms"``, ``"indicators"`` or ``"articles"``
        top : rows per model
        column : the column to show (default ``term`` / ``surface`` / ``title``)

        Returns
        -------
        DataFrame with one column per model, ``top`` rows (blank where a model has fewer).
        """
        import pandas as pd

        frame = getattr(self, table)
        key = "group" if table == "terms" else "model"
        column = column or {"terms": "term", "indicators": "surface", "articles": "title"}[table]
        data = {}
        for m in self.models:
            vals = frame.loc[frame[key] == m, column].astype(str).head(top).tolist()
            data[m] = vals + [""] * (top - len(vals))
        out = pd.DataFrame(data, index=range(1, top + 1))
        out.index.name = "#"
        return out


def _model_paragraphs(mentions: pd.DataFrame, model: str) -> set[tuple[str, int]]:
    ms = mentions[mentions["model_id"] == model]
    return {(a, int(i)) for a, i in zip(ms["article_id"], ms["paragraph_index"])}


def _structure_rows(tables: Tables, models: Sequence[str], mpars: Mapping[str, set]) -> pd.DataFrame:
    """Hierarchies per model: stated for the model, or in one of the model's paragraphs."""
    import pandas as pd

    h = tables.hierarchies
    cols = ["model", "file", "article_index", "levels", "n_levels", "n_levels_claimed", "counts", "ratios", "surface", "_levels"]
    if h.empty:
        return pd.DataFrame(columns=cols)
    par = tables.paragraphs
    spans: dict[str, list[tuple[int, int, int]]] = {}
    if not par.empty:
        for aid, pidx, s, e in zip(par["article_id"], par["paragraph_index"], par["start"], par["end"]):
            if aid is not None:
                spans.setdefault(aid, []).append((int(s), int(e), int(pidx)))
    rows = []
    for r in h.to_dict("records"):
        pidx = next((i for s, e, i in spans.get(r["article_id"], ()) if s <= r["start"] < e), None)
        for m in models:
            if r["model_id"] == m or (
                r["model_id"] in (None, "") or (isinstance(r["model_id"], float) and math.isnan(r["model_id"]))
            ) and (r["article_id"], pidx) in mpars[m]:
                counts = r["counts"] or {}
                rows.append(
                    {
                        "model": m,
                        "file": r["file"],
                        "article_index": r["article_index"],
                        "levels": "—".join(r["levels"]),
                        "n_levels": len(r["levels"]),
                        "n_levels_claimed": r["n_levels_claimed"],
                        "counts": "、".join(f"{lv} {_fmt(v)}" for lv, v in counts.items() if v is not None),
                        "ratios": "、".join(f"{b}/{a} {x:.1f}" for a, b, x in (r["ratios"] or [])),
                        "surface": r["surface"],
                        "_levels": [(lv, counts.get(lv)) for lv in r["levels"]],
                    }
                )
    out = pd.DataFrame(rows, columns=cols)
    order = {m: i for i, m in enumerate(models)}
    out["_m"] = out["model"].map(order)
    return out.sort_values(["_m", "file", "article_index"], kind="stable").drop(columns="_m").reset_index(drop=True)


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    f = float(v)
    return f"{int(f)}" if f.is_integer() else f"{f:g}"


def _main_levels(structures: pd.DataFrame, models: Sequence[str]) -> pd.DataFrame:
    """Each model's most informative structure (most counts, then most levels, then first)."""
    import pandas as pd

    rows = []
    for m in models:
        sub = structures[structures["model"] == m]
        if sub.empty:
            continue
        best = max(
            range(len(sub)),
            key=lambda i: (sum(v is not None for _, v in sub["_levels"].iloc[i]), len(sub["_levels"].iloc[i]), -i),
        )
        levels = sub["_levels"].iloc[best]
        prev = None
        for rank, (lv, n) in enumerate(levels, start=1):
            ratio = (n / prev) if (n is not None and prev) else None
            rows.append({"model": m, "rank": rank, "level": lv, "count": n, "ratio": ratio})
            prev = n
    return pd.DataFrame(rows, columns=["model", "rank", "level", "count", "ratio"])


def compare_models(
    corpus_or_tables: Corpus | Tables,
    models: Sequence[str] = ("楼长+", "四级体系"),
    *,
    lexicon: Lexicon | None = None,
    k: int | str = "auto",
    unit: str = "paragraph",
    random_state: int = 0,
    top_terms: int = 12,
    topics: bool = True,
    indicator_link: str = "paragraph",
) -> Comparison:
    """Compare governance models side by side.

    A model's *paragraphs* are the body paragraphs that mention it; its *articles* the
    articles that mention it. Duplicated paragraphs (printed twice by the layout) are
    left out everywhere.

    Parameters
    ----------
    corpus_or_tables : a ``Corpus`` or ``Tables`` (``load_tables``)
    models : two or more model ids, names or aliases (``楼长+``, ``四级体系``, …)
    lexicon : the lexicon to resolve names with (default: the packaged one)
    k, unit, random_state : topic-model settings (see ``topic_tables``)
    top_terms : distinctive terms kept per model
    topics : fit a topic model for the topic profiles (the slowest part)
    indicator_link : ``"paragraph"`` links a claim to the models its own paragraph
        mentions; ``"article"`` also to the models of its article when its paragraph
        mentions none (wider, less certain)

    Returns
    -------
    Comparison

    Raises
    ------
    ValueError
        Fewer than two distinct models.
    UnknownModelError
        A model the lexicon does not know (with the closest suggestion).
    """
    import pandas as pd

    from .lexicon import get_model

    if isinstance(models, str):
        models = [models]
    resolved = [get_model(m, lexicon) for m in models]
    ids: list[str] = []
    for mdl in resolved:
        if mdl.id not in ids:
            ids.append(mdl.id)
    if len(ids) < 2:
        raise ValueError(f"models={list(models)!r}: expected two or more different model ids")
    if indicator_link not in ("paragraph", "article"):
        raise ValueError(f"indicator_link={indicator_link!r}: expected 'paragraph' or 'article'")
    names = {mdl.id: mdl.name for mdl in resolved}
    t = _as_tables(corpus_or_tables, lexicon)

    ms = t.mentions
    if "duplicate" in ms.columns:
        ms = ms[~ms["duplicate"].astype(bool)]
    mpars = {m: _model_paragraphs(ms, m) for m in ids}
    arts = t.articles.set_index("id") if not t.articles.empty else pd.DataFrame(columns=_COLUMNS["articles"]).set_index("id")

    # where each model appears
    art_rows = []
    for m in ids:
        g = ms[ms["model_id"] == m]
        for aid, n in sorted(Counter(g["article_id"]).items()):
            a = arts.loc[aid] if aid in arts.index else None
            art_rows.append(
                {
                    "model": m,
                    "file": None if a is None else a["file"],
                    "article_index": None if a is None else a["article_index"],
                    "title": None if a is None else a["title"],
                    "place": None if a is None else a["place"],
                    "date": None if a is None else a["date"],
                    "source": None if a is None else a["source"],
                    "mentions": n,
                }
            )
    articles = pd.DataFrame(art_rows, columns=["model", "file", "article_index", "title", "place", "date", "source", "mentions"])
    if not articles.empty:
        articles["_m"] = articles["model"].map({m: i for i, m in enumerate(ids)})
        articles = articles.sort_values(["_m", "mentions", "file", "article_index"], ascending=[True, False, True, True], kind="stable")
        articles = articles.drop(columns="_m").reset_index(drop=True)
    places = (
        pd.crosstab(articles["place"].fillna("(unknown)"), articles["model"]).reindex(columns=ids, fill_value=0)
        if not articles.empty
        else pd.DataFrame(0, index=[], columns=ids)
    )
    if len(places):
        places = places.loc[sorted(places.index, key=lambda p: (-places.loc[p].sum(), p))]
    places.index.name = "place"
    places.columns.name = "model"

    by_art: dict[str, list[str]] = {}
    for r in articles.itertuples():
        by_art.setdefault((r.file, r.article_index, r.title), []).append(r.model)
    overlap = pd.DataFrame(
        [(f, i, ti, "、".join(v)) for (f, i, ti), v in sorted(by_art.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])) if len(v) > 1],
        columns=["file", "article_index", "title", "models"],
    )

    # structures
    structures = _structure_rows(t, ids, mpars)
    levels = _main_levels(structures, ids)

    # mechanisms: other models co-mentioned in the model's paragraphs
    pm: dict[tuple[str, int], set[str]] = {}
    for mid, aid, pidx in zip(ms["model_id"], ms["article_id"], ms["paragraph_index"]):
        pm.setdefault((aid, int(pidx)), set()).add(mid)
    co = {m: Counter() for m in ids}
    for m in ids:
        for key in mpars[m]:
            for other in pm.get(key, ()):
                if other != m:
                    co[m][other] += 1
    others = sorted({o for c in co.values() for o in c}, key=lambda o: (-sum(co[m][o] for m in ids), o))
    mechanisms = pd.DataFrame({m: [co[m][o] for o in others] for m in ids}, index=others, columns=ids)
    mechanisms.index.name = "co-mentioned model"
    mechanisms.columns.name = "model"

    # indicators about each model
    ind = t.indicators
    if "duplicate" in ind.columns and len(ind):
        ind = ind[~ind["duplicate"].astype(bool)]
    if indicator_link == "paragraph" and len(ind):
        ind = ind[ind["model_link"] == "paragraph"]
    ind_rows = []
    for m in ids:
        sub = ind[ind["models"].map(lambda x, m=m: m in x)] if len(ind) else ind
        sub = sub.sort_values(["file", "article_index", "start"], kind="stable")
        for r in sub.to_dict("records"):
            ind_rows.append(
                {
                    "model": m,
                    "surface": r["surface"],
                    "value": r["value"],
                    "unit": r["unit"],
                    "qualifier": r["qualifier"],
                    "subject": r["subject"],
                    "place": r["place"],
                    "quote": quote(r["context"], r["surface"]),
                    "file": r["file"],
                    "article_index": r["article_index"],
                    "model_link": r["model_link"],
                    "context": r["context"],
                }
            )
    indicators = pd.DataFrame(
        ind_rows,
        columns=[
            "model", "surface", "value", "unit", "qualifier", "subject", "place", "quote",
            "file", "article_index", "model_link", "context",
        ],
    )

    # distinctive terms: each model's own paragraphs (those mentioning only it among the
    # compared models) against the other compared models' own paragraphs
    body = t.body_paragraphs()
    texts: dict[str, list[str]] = {m: [] for m in ids}
    if not body.empty:
        for aid, pidx, text in zip(body["article_id"], body["paragraph_index"], body["text"]):
            hit = [m for m in ids if (aid, int(pidx)) in mpars[m]]
            if len(hit) == 1:
                texts[hit[0]].append(text)
    terms = (
        distinctive_terms(texts, list(body["text"]), top=top_terms)
        if not body.empty
        else pd.DataFrame(columns=["group", "rank", "term", "z", "log_odds", "n_group", "n_others"])
    )

    # topic profile
    tt = None
    topic_profile = pd.DataFrame(columns=ids)
    if topics and not body.empty:
        tt = topic_tables(t, k=k, unit=unit, random_state=random_state)
        if tt.model is not None:
            units = tt.units
            share = {}
            for m in ids:
                sel = units[units["models"].map(lambda x, m=m: m in x)]
                counts = sel["cluster"].value_counts()
                total = counts.sum()
                share[m] = [counts.get(c, 0) / total if total else 0.0 for c in tt.clusters["cluster"]]
            topic_profile = pd.DataFrame(
                share, index=[f"{c}: {lab}" for c, lab in zip(tt.clusters["cluster"], tt.clusters["label"])]
            )
            topic_profile.index.name = "cluster"
            topic_profile.columns.name = "model"

    n_pars = {m: len(mpars[m]) for m in ids}
    pres_rows = []
    for m in ids:
        a = articles[articles["model"] == m]
        g = ms[ms["model_id"] == m]
        dates = sorted(d for d in a["date"].dropna() if d)
        pl = sorted({p for p in a["place"].dropna() if p})
        pres_rows.append(
            {
                "model": m,
                "name": names[m],
                "mentions": len(g),
                "paragraphs": len(mpars[m]),
                "articles": len(a),
                "files": a["file"].nunique(),
                "places": "、".join(pl),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "indicators": int((indicators["model"] == m).sum()),
                "structures": int((structures["model"] == m).sum()),
            }
        )
    presence = pd.DataFrame(pres_rows)
    return Comparison(
        models=tuple(ids),
        names=names,
        presence=presence,
        places=places,
        articles=articles,
        overlap=overlap,
        structures=structures.drop(columns="_levels"),
        levels=levels,
        mechanisms=mechanisms,
        indicators=indicators,
        terms=terms,
        topics=topic_profile,
        topic_model=tt,
        n_paragraphs=n_pars,
    )


# ----------------------------------------------------------------------------- findings


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def findings(comparison: Comparison) -> list[str]:
    """Sentences stating what the comparison's numbers show, one finding each.

    Every number in a sentence is read from ``comparison``'s tables; nothing is
    concluded that the tables do not contain. Sentences are in English with the
    Chinese model, place and level names as written.

    Returns
    -------
    list of str
    """
    c = comparison
    out: list[str] = []
    pres = c.presence.set_index("model")
    # presence
    for m in c.models:
        r = pres.loc[m]
        if r["mentions"] == 0:
            out.append(f"{m} is not mentioned in this corpus.")
            continue
        where = f" in {r['places']}" if r["places"] else ""
        when = ""
        if r["first_date"]:
            when = f", dated {r['first_date']}" if r["first_date"] == r["last_date"] else f", dated {r['first_date']} to {r['last_date']}"
        out.append(
            f"{m} is mentioned {r['mentions']} time(s) in {r['paragraphs']} paragraph(s) of "
            f"{r['articles']} article(s) from {r['files']} file(s){where}{when}."
        )
    ranked = sorted(c.models, key=lambda m: (-pres.loc[m, "articles"], m))
    if len(ranked) >= 2 and pres.loc[ranked[0], "articles"] > pres.loc[ranked[1], "articles"]:
        out.append(
            f"{ranked[0]} appears in more articles ({pres.loc[ranked[0], 'articles']}) than "
            + ", ".join(f"{m} ({pres.loc[m, 'articles']})" for m in ranked[1:])
            + "."
        )
    if len(c.overlap):
        out.append(
            f"{len(c.overlap)} article(s) mention two or more of the compared models: "
            + "; ".join(f"{r.title} ({r.models})" for r in c.overlap.itertuples())
            + "."
        )
    elif all(pres.loc[m, "mentions"] > 0 for m in c.models):
        out.append("No article mentions more than one of the compared models.")
    # structures
    for m in c.models:
        lv = c.levels[c.levels["model"] == m]
        if lv.empty:
            if pres.loc[m, "mentions"] > 0:
                out.append(f"No multi-level structure is stated for {m}.")
            continue
        chain = "—".join(lv["level"])
        n_struct = int(pres.loc[m, "structures"])
        s = f"{m}'s stated structure has {len(lv)} levels ({chain})"
        if n_struct > 1:
            s += f"; {n_struct} structures are stated for it in all"
        counted = lv[lv["count"].notna()]
        if len(counted):
            s += "; counts given: " + ", ".join(f"{r.level} {_fmt(r.count)}" for r in counted.itertuples())
        ratios = lv[lv["ratio"].notna()]
        if len(ratios):
            prev = dict(zip(lv["rank"], lv["level"]))
            s += "; span of control " + ", ".join(
                f"{r.ratio:.1f} {r.level} per {prev[r.rank - 1]}" for r in ratios.itertuples()
            )
        out.append(s + ".")
    if len(c.levels):
        depth = {m: int((c.levels["model"] == m).sum()) for m in c.models if (c.levels["model"] == m).any()}
        if len(depth) >= 2 and len(set(depth.values())) > 1:
            deep = max(depth, key=lambda m: (depth[m], m))
            out.append(
                f"{deep} has the deepest stated structure ({depth[deep]} levels) among "
                + ", ".join(f"{m} ({d})" for m, d in depth.items())
                + "."
            )
    # mechanisms
    for m in c.models:
        if m not in c.mechanisms.columns:
            continue
        col = c.mechanisms[m]
        col = col[col > 0].sort_values(ascending=False, kind="stable")
        n = c.n_paragraphs.get(m, 0)
        if len(col) and n:
            top = col.head(3)
            out.append(
                f"In {m}'s {n} paragraph(s), the most co-mentioned models are "
                + ", ".join(f"{o} ({v}, {_pct(v / n)})" for o, v in top.items())
                + "."
            )
    # indicators
    for m in c.models:
        sub = c.indicators[c.indicators["model"] == m]
        if sub.empty:
            if pres.loc[m, "mentions"] > 0:
                out.append(f"No numeric claim is linked to {m}.")
            continue
        approx = sub["qualifier"].isin(_APPROX).sum()
        units = Counter(sub["unit"])
        top_unit = sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        biggest = sub[sub["unit"] == top_unit[0]].sort_values("value", ascending=False, kind="stable").iloc[0]
        out.append(
            f"{len(sub)} numeric claim(s) are linked to {m} ({approx} of them approximate: 余/多/近/约); "
            f"the most common unit is {top_unit[0]} ({top_unit[1]}), largest: {biggest['surface']}"
            + (f" ({biggest['subject']})" if isinstance(biggest["subject"], str) and biggest["subject"] else "")
            + "."
        )
    # terms
    for m in c.models:
        sub = c.terms[c.terms["group"] == m]
        if len(sub):
            out.append(
                f"Words most distinctive of {m}'s paragraphs (log-odds z-score): "
                + "、".join(f"{r.term} ({r.z:.1f})" for r in sub.head(5).itertuples())
                + "."
            )
    # topics
    if len(c.topics):
        for m in c.models:
            col = c.topics[m] if m in c.topics.columns else None
            if col is None or col.sum() == 0:
                continue
            best = col.idxmax()
            out.append(f"{_pct(col.max())} of {m}'s clustered paragraphs fall in topic cluster {best}.")
    return out


def findings_markdown(comparison: Comparison):
    """``findings(comparison)`` as a bullet list for a notebook to display.

    Rendered as HTML built by :mod:`govstats.htmlsafe` (not Markdown, which would pass
    raw HTML and ``[links](javascript:…)`` from article titles through): every sentence
    is escaped text.
    """
    from IPython.display import HTML

    from .htmlsafe import bullet_list, element

    models = "、".join(element("strong", m) for m in comparison.models)
    head = element(
        "p",
        f"Compared models: {models}. Each sentence below is generated from the tables in this report.",
        raw=True,
    )
    return HTML(head + bullet_list(findings(comparison)))
