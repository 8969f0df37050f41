"""What the topics report shows about a fitted ``TopicModel``: ``topic_tables`` fits one on
the tables' paragraphs (or articles) and shapes scores, clusters, representatives and the
cluster × model table.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .tables import Tables

if TYPE_CHECKING:
    import pandas as pd

logger = logging.getLogger(__name__)

__all__ = ["TopicTables", "topic_tables", "resolve_unit", "ARTICLE_UNITS_ABOVE", "nonzero_rows"]

#: ``unit="auto"`` clusters whole articles above this many (non-duplicate) articles, else
#: paragraphs: a few hundred articles give enough points, and a paragraph-level model of a
#: large corpus splits every article over many small clusters of similar wording.
ARTICLE_UNITS_ABOVE = 300


def resolve_unit(tables: Tables, unit: str) -> str:
    """``"paragraph"`` or ``"article"``; ``"auto"`` picks article units above
    ``ARTICLE_UNITS_ABOVE`` non-duplicate articles."""
    if unit not in ("auto", "paragraph", "article"):
        raise ValueError(f"unit={unit!r}: expected 'auto', 'paragraph' or 'article'")
    if unit != "auto":
        return unit
    a = tables.articles
    n = int(a["duplicate_of"].isna().sum()) if "duplicate_of" in a.columns else len(a)
    return "article" if n > ARTICLE_UNITS_ABOVE else "paragraph"


def nonzero_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a numeric table that are not all zero (e.g. topic clusters no compared
    model's units fall in), order kept."""
    if table.empty:
        return table
    return table[(table.fillna(0) != 0).any(axis=1)]


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
    dups = (
        set(tables.articles.loc[tables.articles["duplicate_of"].notna(), "id"])
        if "duplicate_of" in tables.articles
        else set()
    )
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
            for a, i, u in zip(
                tables.paragraphs["article_id"],
                tables.paragraphs["paragraph_index"],
                tables.paragraphs["id"],
            )
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
    unit: str = "auto",
    random_state: int = 0,
    n_terms: int = 10,
) -> TopicTables:
    """Fit a ``TopicModel`` on the tables' paragraphs (or articles) and shape its results.

    Parameters
    ----------
    tables : from ``load_tables``
    k : number of clusters or ``"auto"`` (chosen by silhouette)
    unit : ``"paragraph"``, ``"article"`` or ``"auto"`` (see ``resolve_unit``)
    random_state : seed (fixed in reports, so clusters are reproducible)
    n_terms : top terms per cluster

    Returns
    -------
    TopicTables
    """
    import pandas as pd

    from .topics import TopicModel

    unit = resolve_unit(tables, unit)
    units = _units(tables, unit)
    empty = pd.DataFrame()
    try:
        if units.empty:
            raise ValueError("no paragraph text (a store without a paragraphs table?)")
        tm = TopicModel(k=k, unit=unit, random_state=random_state, n_terms=n_terms)
        tm.fit(list(zip(units["unit_id"], units["text"])))
    except ValueError as e:
        logger.warning("topics not fitted: %s", e)
        return TopicTables(
            None, empty, empty, empty, empty, empty, empty, note=f"no topic model: {e}"
        )
    prov = units.set_index("unit_id")[["file", "article_id", "paragraph_index"]]
    fitted = tm.units_.drop(
        columns=["file", "article_id", "paragraph_index", "models"], errors="ignore"
    )
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
        by_model = pd.crosstab(ex["cluster"], ex["models"]).reindex(
            clusters["cluster"], fill_value=0
        )
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
    arts = arts[
        ["file", "article_index", "title", "n_units", "cluster", "label", "share", "clusters"]
    ]
    arts = arts.sort_values(["cluster", "file", "article_index"], kind="stable").reset_index(
        drop=True
    )
    return TopicTables(tm, scores, clusters, rep, fitted, by_model, emb, articles=arts)
