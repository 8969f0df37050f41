"""Counts and claims for the overview and indicator reports: filtered indicator tables,
value counts, per-model counts, qualifier mix, largest claims and the duplicates left out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .tables import _APPROX, QUALIFIER_LABELS, Tables

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "quote",
    "filter_indicators",
    "count_table",
    "model_counts",
    "qualifier_mix",
    "largest_claims",
    "duplicates_table",
]


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
    out = (
        ind[keep]
        .sort_values(["file", "article_index", "start"], kind="stable")
        .reset_index(drop=True)
    )
    out["models"] = out["models"].map(lambda ms: "、".join(ms))
    out["quote"] = [quote(c, su) for c, su in zip(out["context"], out["surface"])]
    return out


def count_table(
    frame: pd.DataFrame, column: str, *, top: int | None = None, label: str | None = None
) -> pd.DataFrame:
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
    return out.sort_values(
        ["mentions", "model"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


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


def largest_claims(
    frame: Tables | pd.DataFrame, *, per_unit: int = 3, units: int = 5
) -> pd.DataFrame:
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
    cols = [
        "unit",
        "rank",
        "value",
        "surface",
        "subject",
        "qualifier",
        "place",
        "models",
        "quote",
        "file",
        "article_index",
    ]
    if ind.empty:
        import pandas as pd

        return pd.DataFrame(columns=cols)
    order = count_table(ind, "unit")["unit"].head(units).tolist()
    parts = []
    for rank_u, u in enumerate(order):
        sub = ind[ind["unit"] == u].sort_values(
            ["value", "file", "start"], ascending=[False, True, True], kind="stable"
        )
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
