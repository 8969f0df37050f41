"""Model-vs-model comparison: where each governance model appears, its structure,
mechanisms, indicators, distinctive terms and topic profile (``compare_models``), and the
findings written from those numbers (``findings``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .summaries import quote
from .tables import _APPROX, _COLUMNS, Tables, _as_tables
from .terms import distinctive_terms
from .topic_tables import TopicTables, nonzero_rows, topic_tables

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus
    from .lexicon import Lexicon

__all__ = ["Comparison", "compare_models", "findings", "findings_markdown"]


@dataclass(frozen=True)
class Comparison:
    """Side-by-side tables for two or more governance models (``compare_models``).

    Attributes
    ----------
    models : the model ids compared, in the order asked
    names : model id → display name
    presence : one row per model: ``model, name, mentions, paragraphs`` (body paragraphs:
        a title is not one), ``articles, files, dated_articles, places`` (how many, at the
        rolled-up level), ``top_places`` (the five with most articles), ``first_date,
        last_date`` (None when no article is dated), ``indicators, structures``
    places : place × model: articles mentioning the model, with every article's place
        rolled up to one level (the index name: ``province``, ``city`` or ``place``)
    articles : ``model, file, article_index, title, place, city, province, date, source,
        mentions``
    overlap : articles mentioning two or more of the models: ``file, article_index,
        title, models``
    structures : ``model, file, article_index, levels, n_levels, n_levels_claimed,
        counts, ratios, approximate`` (levels whose count is stated as 余/多/近/约),
        ``surface`` (levels joined by —); a structure restated in the same article with
        the same levels and counts is listed once
    levels : one row per level of each model's main structure: ``model, rank, level,
        count, ratio, approximate, ratio_approximate`` (ratio = this level's count / the
        level above's: span of control; approximate when either count is)
    mechanisms : other lexicon model × compared model: paragraphs of the compared model
        that also mention the other (co-mentions), most frequent first
    indicators : ``model, surface, value, unit, qualifier, subject, place, quote`` (the
        sentence with the claim in 【】), ``file, article_index, model_link, context``
    terms : distinctive terms per model (``distinctive_terms`` columns, ``group`` = model),
        only those with ``z >= z_min``
    topics : cluster × model: share of the model's units in each topic cluster (clusters
        none of the models falls in are left out)
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


def _model_paragraphs(
    mentions: pd.DataFrame, model: str, body: set | None = None
) -> set[tuple[str, int]]:
    """The (article, paragraph) keys where ``model`` is mentioned; only body paragraphs
    when ``body`` (the body keys) is given: a title is not a paragraph."""
    ms = mentions[mentions["model_id"] == model]
    keys = {(a, int(i)) for a, i in zip(ms["article_id"], ms["paragraph_index"])}
    return keys & body if body is not None else keys


def _approx_values(tables: Tables) -> dict[str, set[float]]:
    """Per article: values stated with an approximate qualifier (余/多/近/约)."""
    ind = tables.indicators
    out: dict[str, set[float]] = {}
    if ind.empty or "qualifier" not in ind.columns:
        return out
    sub = ind[ind["qualifier"].isin(_APPROX) & ind["value"].notna()]
    for aid, v in zip(sub["article_id"], sub["value"]):
        out.setdefault(aid, set()).add(float(v))
    return out


def _structure_rows(
    tables: Tables, models: Sequence[str], mpars: Mapping[str, set]
) -> pd.DataFrame:
    """Hierarchies per model: stated for the model, or in one of the model's paragraphs."""
    import pandas as pd

    h = tables.hierarchies
    cols = [
        "model",
        "file",
        "article_index",
        "levels",
        "n_levels",
        "n_levels_claimed",
        "counts",
        "ratios",
        "approximate",
        "surface",
        "_levels",
    ]
    if h.empty:
        return pd.DataFrame(columns=cols)
    par = tables.paragraphs
    spans: dict[str, list[tuple[int, int, int]]] = {}
    if not par.empty:
        for aid, pidx, s, e in zip(
            par["article_id"], par["paragraph_index"], par["start"], par["end"]
        ):
            if aid is not None:
                spans.setdefault(aid, []).append((int(s), int(e), int(pidx)))
    approx = _approx_values(tables)
    rows = []
    seen: set = set()
    for r in h.to_dict("records"):
        pidx = next((i for s, e, i in spans.get(r["article_id"], ()) if s <= r["start"] < e), None)
        for m in models:
            if (
                r["model_id"] == m
                or (
                    r["model_id"] in (None, "")
                    or (isinstance(r["model_id"], float) and math.isnan(r["model_id"]))
                )
                and (r["article_id"], pidx) in mpars[m]
            ):
                counts = r["counts"] or {}
                # a structure restated (same levels and counts, same article) counts once
                key = (
                    m,
                    r["article_id"],
                    tuple(r["levels"]),
                    tuple(sorted((k, v) for k, v in counts.items() if v is not None)),
                )
                if key in seen:
                    continue
                seen.add(key)
                near = approx.get(r["article_id"], set())
                rough = [lv for lv, v in counts.items() if v is not None and float(v) in near]
                rows.append(
                    {
                        "model": m,
                        "file": r["file"],
                        "article_index": r["article_index"],
                        "levels": "—".join(r["levels"]),
                        "n_levels": len(r["levels"]),
                        "n_levels_claimed": r["n_levels_claimed"],
                        "counts": "、".join(
                            f"{lv} {_fmt(v)}" for lv, v in counts.items() if v is not None
                        ),
                        "ratios": "、".join(f"{b}/{a} {x:.1f}" for a, b, x in (r["ratios"] or [])),
                        "approximate": "、".join(rough),
                        "surface": r["surface"],
                        "_levels": [(lv, counts.get(lv), lv in rough) for lv in r["levels"]],
                    }
                )
    out = pd.DataFrame(rows, columns=cols)
    order = {m: i for i, m in enumerate(models)}
    out["_m"] = out["model"].map(order)
    return (
        out.sort_values(["_m", "file", "article_index"], kind="stable")
        .drop(columns="_m")
        .reset_index(drop=True)
    )


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
            key=lambda i: (
                sum(x[1] is not None for x in sub["_levels"].iloc[i]),
                len(sub["_levels"].iloc[i]),
                -i,
            ),
        )
        levels = sub["_levels"].iloc[best]
        prev, prev_rough = None, False
        for rank, (lv, n, rough) in enumerate(levels, start=1):
            ratio = (n / prev) if (n is not None and prev) else None
            rows.append(
                {
                    "model": m,
                    "rank": rank,
                    "level": lv,
                    "count": n,
                    "ratio": ratio,
                    "approximate": bool(rough),
                    "ratio_approximate": bool(ratio is not None and (rough or prev_rough)),
                }
            )
            prev, prev_rough = n, bool(rough)
    return pd.DataFrame(
        rows,
        columns=["model", "rank", "level", "count", "ratio", "approximate", "ratio_approximate"],
    )


#: The most models one comparison takes (one colour each, tables still readable).
MAX_MODELS = 8
#: Default least log-odds z-score for a term to be reported as distinctive (two-sided 5 %).
Z_MIN = 1.96
PLACE_LEVELS = ("auto", "province", "city", "place")


def _place_level(articles: pd.DataFrame, level: str) -> str:
    """The one level a place axis uses (see ``compare_models``'s ``place_level``)."""
    if level != "auto":
        return level
    if articles.empty:
        return "place"
    if articles["province"].dropna().nunique() >= 2:
        return "province"
    if articles["city"].notna().any():
        return "city"
    return "place"


def compare_models(
    corpus_or_tables: Corpus | Tables,
    models: Sequence[str] = ("楼长+", "四级体系"),
    *,
    lexicon: Lexicon | None = None,
    k: int | str = "auto",
    unit: str = "auto",
    random_state: int = 0,
    top_terms: int = 12,
    topics: bool = True,
    indicator_link: str = "paragraph",
    z_min: float = Z_MIN,
    place_level: str = "auto",
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
    z_min : distinctive terms are kept only with a log-odds z-score of at least this
        (default 1.96: two-sided 5 %)
    place_level : the one level the ``places`` table is rolled up to: ``"province"``,
        ``"city"``, ``"place"`` (the article's own place field, which mixes 区, 街道 and
        村) or ``"auto"``: province when the models' articles name two or more
        provinces, else city when the articles carry cities, else place

    Returns
    -------
    Comparison

    Raises
    ------
    ValueError
        Fewer than two or more than eight distinct models.
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
    if not 2 <= len(ids) <= MAX_MODELS:
        raise ValueError(
            f"models={list(models)!r}: expected 2 to {MAX_MODELS} different model ids, got {len(ids)}"
        )
    if place_level not in PLACE_LEVELS:
        raise ValueError(f"place_level={place_level!r}: expected one of {PLACE_LEVELS}")
    if indicator_link not in ("paragraph", "article"):
        raise ValueError(f"indicator_link={indicator_link!r}: expected 'paragraph' or 'article'")
    names = {mdl.id: mdl.name for mdl in resolved}
    t = _as_tables(corpus_or_tables, lexicon)

    ms = t.mentions
    if "duplicate" in ms.columns:
        ms = ms[~ms["duplicate"].astype(bool)]
    body_keys = None
    if not t.paragraphs.empty:
        bp = t.paragraphs[t.paragraphs["kind"].eq("body")]
        body_keys = {(a, int(i)) for a, i in zip(bp["article_id"], bp["paragraph_index"])}
    mpars = {m: _model_paragraphs(ms, m, body_keys) for m in ids}
    from .trends import article_frame

    geo = article_frame(t).set_index("id")[["province", "city"]]
    arts = (
        t.articles.set_index("id")
        if not t.articles.empty
        else pd.DataFrame(columns=_COLUMNS["articles"]).set_index("id")
    )

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
                    "city": geo["city"].get(aid),
                    "province": geo["province"].get(aid),
                    "date": None if a is None else a["date"],
                    "source": None if a is None else a["source"],
                    "mentions": n,
                }
            )
    articles = pd.DataFrame(
        art_rows,
        columns=[
            "model",
            "file",
            "article_index",
            "title",
            "place",
            "city",
            "province",
            "date",
            "source",
            "mentions",
        ],
    )
    if not articles.empty:
        articles["_m"] = articles["model"].map({m: i for i, m in enumerate(ids)})
        articles = articles.sort_values(
            ["_m", "mentions", "file", "article_index"],
            ascending=[True, False, True, True],
            kind="stable",
        )
        articles = articles.drop(columns="_m").reset_index(drop=True)
    level = _place_level(articles, place_level)
    places = (
        pd.crosstab(articles[level].fillna("(unknown)"), articles["model"]).reindex(
            columns=ids, fill_value=0
        )
        if not articles.empty
        else pd.DataFrame(0, index=[], columns=ids)
    )
    if len(places):
        places = places.loc[sorted(places.index, key=lambda p: (-places.loc[p].sum(), p))]
    places.index.name = level
    places.columns.name = "model"

    by_art: dict[str, list[str]] = {}
    for r in articles.itertuples():
        by_art.setdefault((r.file, r.article_index, r.title), []).append(r.model)
    overlap = pd.DataFrame(
        [
            (f, i, ti, "、".join(v))
            for (f, i, ti), v in sorted(by_art.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))
            if len(v) > 1
        ],
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
    others = sorted(
        {o for c in co.values() for o in c}, key=lambda o: (-sum(co[m][o] for m in ids), o)
    )
    mechanisms = pd.DataFrame(
        {m: [co[m][o] for o in others] for m in ids}, index=others, columns=ids
    )
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
            "model",
            "surface",
            "value",
            "unit",
            "qualifier",
            "subject",
            "place",
            "quote",
            "file",
            "article_index",
            "model_link",
            "context",
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
    if len(terms):  # "distinctive" only above the stated z
        terms = terms[terms["z"] >= z_min].reset_index(drop=True)

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
                share[m] = [
                    counts.get(c, 0) / total if total else 0.0 for c in tt.clusters["cluster"]
                ]
            topic_profile = pd.DataFrame(
                share,
                index=[
                    f"{c}: {lab}" for c, lab in zip(tt.clusters["cluster"], tt.clusters["label"])
                ],
            )
            topic_profile = nonzero_rows(topic_profile)  # clusters none of the models falls in
            topic_profile.index.name = "cluster"
            topic_profile.columns.name = "model"

    n_pars = {m: len(mpars[m]) for m in ids}
    pres_rows = []
    for m in ids:
        a = articles[articles["model"] == m]
        g = ms[ms["model_id"] == m]
        dates = sorted(d for d in a["date"] if isinstance(d, str) and d)
        pl = Counter(p for p in a[level] if isinstance(p, str) and p)
        top_pl = sorted(pl.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        pres_rows.append(
            {
                "model": m,
                "name": names[m],
                "mentions": len(g),
                "paragraphs": len(mpars[m]),
                "articles": len(a),
                "files": a["file"].nunique(),
                "dated_articles": int(sum(isinstance(d, str) and bool(d) for d in a["date"])),
                "places": len(pl),
                "top_places": "、".join(f"{p} ({n})" for p, n in top_pl),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "indicators": int((indicators["model"] == m).sum()),
                "structures": int((structures["model"] == m).sum()),
            }
        )
    presence = pd.DataFrame(pres_rows)
    for col in ("first_date", "last_date"):  # None, not NaN, where a model has no dated article
        presence[col] = pd.Series([r[col] for r in pres_rows], dtype=object, index=presence.index)
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
# (in govstats.findings; re-exported here for old callers)

from .findings import MIN_ARTICLES, findings, findings_markdown, statements  # noqa: E402

__all__ += ["statements", "MIN_ARTICLES", "MAX_MODELS", "Z_MIN"]
