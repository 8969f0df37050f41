"""Trends and diffusion: when and where each governance model appears, and what is claimed
about a unit (网格员, 楼长 …) over time.

Every count here is a count of **articles** (not of mentions), and every per-period count
comes with the corpus size of that period beside it (``corpus_articles``): a share without
its base misleads when the corpus itself grows or shrinks from year to year.

Columns used, when present (and how their absence is handled):

* ``articles.date`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and ``articles.date_precision``:
  undated articles are counted separately (``undated``) and never put in a period; an
  article dated only to the year is left out of monthly tables.
* ``articles.province`` / ``articles.city``: the place an article is about. Without a
  ``province`` column the province is read from the article's title, else its first body
  paragraph: the first of the 34 provincial-level names (``govstats/data/provinces.csv``,
  full or short form, e.g. 广西壮族自治区 / 广西) found there. Without a ``city`` column no
  city table is made.
* ``mentions.kind``: ``model`` (the model is named) or ``role`` (only a role or unit of it is
  mentioned, e.g. 楼栋长 for 楼长+); a missing column counts every mention as ``model``.
  An article *names* a model when at least one of its mentions has kind ``model``; it
  mentions *only a role* when all its mentions of that model are ``role``.

Duplicated articles and paragraphs (``duplicate_of`` / ``duplicate``) are left out.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .paths import DATA_DIR

if TYPE_CHECKING:
    import pandas as pd

    from .tables import Tables

__all__ = [
    "PROVINCES",
    "FREQUENCIES",
    "article_frame",
    "choose_frequency",
    "model_timeline",
    "first_appearances",
    "provinces_reached",
    "claims_over_time",
    "claims_per_period",
    "trend_statements",
    "timeline_undated",
    "province_of",
    "pick_models",
    "timeline_wide",
    "statements_markdown",
]

FREQUENCIES = ("auto", "year", "month")

#: ``freq="auto"`` picks months when the dated articles average at least this many per
#: month over the months they span; otherwise years.
DENSE_PER_MONTH = 20


# ----------------------------------------------------------------------------- provinces


@lru_cache(maxsize=1)
def _provinces() -> tuple[dict[str, Any], ...]:
    rows = []
    with open(DATA_DIR / "provinces.csv", encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            rows.append(
                {"name": r["name"], "short": r["short"], "row": int(r["row"]), "col": int(r["col"])}
            )
    return tuple(rows)


def _province_table() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(list(_provinces()), columns=["name", "short", "row", "col"])


#: Short names of the 34 provincial-level divisions, in the data file's order.
PROVINCES: tuple[str, ...] = tuple(r["short"] for r in _provinces())


def province_of(text: str | None) -> str | None:
    """The first provincial-level division named in ``text`` (its short name), or None.

    Full names (浙江省, 广西壮族自治区) and short names (浙江, 广西) both count; the one
    starting earliest wins (ties: the longer name).
    """
    if not isinstance(text, str) or not text:
        return None
    best: tuple[int, int, str] | None = None
    for r in _provinces():
        for form in (r["name"], r["short"]):
            i = text.find(form)
            if i >= 0 and (best is None or (i, -len(form)) < (best[0], -best[1])):
                best = (i, len(form), r["short"])
    return best[2] if best else None


def _normalise_province(value: Any) -> str | None:
    """A province value as the short name (浙江省 → 浙江); unknown names kept as given."""
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    for r in _provinces():
        if v in (r["name"], r["short"]):
            return r["short"]
    return province_of(v) or v


# ----------------------------------------------------------------------------- articles


def _year_month(date: Any, precision: Any = None) -> tuple[str | None, str | None]:
    """``("2019", "2019-03")`` from a date string; month None when only the year is known."""
    if not isinstance(date, str) or len(date) < 4 or not date[:4].isdigit():
        return None, None
    year = date[:4]
    if isinstance(precision, str) and precision == "year":
        return year, None
    if len(date) >= 7 and date[5:7].isdigit():
        return year, date[:7]
    return year, None


def article_frame(tables: Tables) -> pd.DataFrame:
    """One row per (non-duplicate) article with the fields trends need.

    Returns
    -------
    DataFrame with columns ``id, file, article_index, title, date, year, month, province,
    city, province_from`` (``column``, ``title``, ``text`` or ``""``: where the province
    was read from).
    """
    import pandas as pd

    cols = [
        "id",
        "file",
        "article_index",
        "title",
        "date",
        "year",
        "month",
        "province",
        "city",
        "province_from",
    ]
    a = tables.articles
    if a.empty:
        return pd.DataFrame(columns=cols)
    if "duplicate_of" in a.columns:
        a = a[a["duplicate_of"].isna()]
    first_par: dict[str, str] = {}
    if "province" not in a.columns:
        body = tables.body_paragraphs()
        if not body.empty:
            firsts = body.drop_duplicates("article_id", keep="first")
            first_par = dict(zip(firsts["article_id"], firsts["text"]))
    prec = a["date_precision"] if "date_precision" in a.columns else [None] * len(a)
    rows = []
    for r, p in zip(a.to_dict("records"), prec):
        year, month = _year_month(r.get("date"), p)
        if "province" in a.columns:
            prov, src = _normalise_province(r.get("province")), "column"
        else:
            prov, src = province_of(r.get("title")), "title"
            if prov is None:
                prov, src = province_of(first_par.get(r["id"])), "text"
        city = r.get("city") if isinstance(r.get("city"), str) and r.get("city") else None
        rows.append(
            {
                "id": r["id"],
                "file": r.get("file"),
                "article_index": r.get("article_index"),
                "title": r.get("title"),
                "date": r.get("date") if isinstance(r.get("date"), str) else None,
                "year": year,
                "month": month,
                "province": prov,
                "city": city,
                "province_from": src if prov else "",
            }
        )
    return pd.DataFrame(rows, columns=cols)


def choose_frequency(articles: pd.DataFrame, *, dense: int = DENSE_PER_MONTH) -> str:
    """``"month"`` when the dated articles average at least ``dense`` per month over the
    months they span, else ``"year"``.

    Parameters
    ----------
    articles : ``article_frame`` output (``month`` column)
    """
    months = articles["month"].dropna() if len(articles) else []
    if len(months) == 0:
        return "year"
    lo, hi = min(months), max(months)
    span = (int(hi[:4]) - int(lo[:4])) * 12 + int(hi[5:7]) - int(lo[5:7]) + 1
    return "month" if len(months) / span >= dense else "year"


def _model_articles(tables: Tables, models: Sequence[str] | None) -> tuple[list[str], pd.DataFrame]:
    """Per (model, article): whether the article names the model, or only a role of it."""
    import pandas as pd

    ms = tables.mentions
    if "duplicate" in ms.columns and len(ms):
        ms = ms[~ms["duplicate"].fillna(False).astype(bool)]
    kind = (
        ms["kind"].astype(object).fillna("model")
        if "kind" in ms.columns
        else pd.Series("model", index=ms.index)
    )
    frame = pd.DataFrame(
        {"model": ms["model_id"], "id": ms["article_id"], "named": kind.ne("role")}
    )
    if models is None:
        counts = frame.drop_duplicates(["model", "id"])["model"].value_counts()
        models = sorted(counts.index, key=lambda m: (-counts[m], m))
    else:
        from .lexicon import get_model

        ids: list[str] = []
        for m in models:
            mid = get_model(m).id
            if mid not in ids:
                ids.append(mid)
        models = ids
    frame = frame[frame["model"].isin(models)]
    per = frame.groupby(["model", "id"], sort=True)["named"].any().reset_index()
    return list(models), per


def _period(articles: pd.DataFrame, freq: str) -> pd.Series:
    return articles["month"] if freq == "month" else articles["year"]


def _check_freq(freq: str, articles: pd.DataFrame) -> str:
    if freq not in FREQUENCIES:
        raise ValueError(f"freq={freq!r}: expected one of {FREQUENCIES}")
    return choose_frequency(articles) if freq == "auto" else freq


def _all_periods(present: Sequence[str], freq: str) -> list[str]:
    """Every period from the first to the last present one (gaps shown as zero rows)."""
    if not present:
        return []
    lo, hi = min(present), max(present)
    if freq == "year":
        return [str(y) for y in range(int(lo), int(hi) + 1)]
    out, y, m = [], int(lo[:4]), int(lo[5:7])
    while f"{y:04d}-{m:02d}" <= hi:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def pick_models(tables: Tables, models: Sequence[str] | None = None, *, top: int = 6) -> list[str]:
    """The models a trends report shows: ``models`` resolved to ids (in the order given),
    or, when empty, the ``top`` models mentioned in the most articles."""
    chosen, _ = _model_articles(tables, list(models) if models else None)
    return chosen if models else chosen[:top]


def timeline_wide(timeline: pd.DataFrame) -> pd.DataFrame:
    """``model_timeline`` as one row per period: ``corpus_articles`` and, per model, the
    articles naming it and those mentioning only a role (``<model> named`` / ``<model> role``)."""
    import pandas as pd

    if timeline.empty:
        return pd.DataFrame(columns=["period", "corpus_articles"])
    base = timeline.drop_duplicates("period").set_index("period")["corpus_articles"]
    out = pd.DataFrame({"corpus_articles": base})
    for m in dict.fromkeys(timeline["model"]):
        sub = timeline[timeline["model"] == m].set_index("period")
        out[f"{m} named"] = sub["named"]
        out[f"{m} role"] = sub["role_only"]
    out.index.name = "period"
    return out.reset_index()


def statements_markdown(statements: pd.DataFrame, *, min_articles: int):
    """Trend statements (``trend_statements``) for a notebook: Chinese, then English, as
    HTML built by :mod:`govstats.htmlsafe` (every sentence escaped text)."""
    from IPython.display import HTML

    from .htmlsafe import bullet_list, element

    head = element(
        "p",
        f"每条陈述注明其依据的文章数；少于 {int(min_articles)} 篇有日期的文章不作趋势判断。<br>"
        f"Each statement gives the number of articles it rests on; below {min_articles} dated "
        "articles no trend is stated.",
        raw=True,
    )
    return HTML(
        head
        + element("p", element("strong", "中文"), raw=True)
        + bullet_list(statements["zh"])
        + element("p", element("strong", "English"), raw=True)
        + bullet_list(statements["en"])
    )


def model_timeline(
    tables: Tables, models: Sequence[str] | None = None, *, freq: str = "auto", span: str = "models"
) -> pd.DataFrame:
    """Articles naming each model, and articles mentioning only a role of it, per period.

    Parameters
    ----------
    tables : from ``govstats.tables.load_tables``
    models : model ids, names or aliases; None: every model mentioned, most articles first
    freq : ``"year"``, ``"month"`` or ``"auto"`` (see ``choose_frequency``)
    span : ``"models"`` (default): periods from the first one in which any of the models
        appears to the corpus's last; ``"corpus"``: from the corpus's first dated period
        (a corpus reaching back to 1954 would otherwise spend most of the axis on years
        before any model existed)

    Returns
    -------
    DataFrame with columns ``period, model, named, role_only, articles`` (named + role_only),
    ``corpus_articles`` (dated articles of the period, the base), ``share`` (articles /
    corpus_articles), one row per model and period from the corpus's first to its last
    dated period (zeros included), periods ascending, models in the order given. Undated
    articles are in no period: ``timeline_undated`` counts them.
    """
    import pandas as pd

    arts = article_frame(tables)
    freq = _check_freq(freq, arts)
    cols = ["period", "model", "named", "role_only", "articles", "corpus_articles", "share"]
    if span not in ("models", "corpus"):
        raise ValueError(f"span={span!r}: expected 'models' or 'corpus'")
    models, per = _model_articles(tables, models)
    period = dict(zip(arts["id"], _period(arts, freq)))
    base = _period(arts, freq).dropna().value_counts()
    periods = _all_periods(sorted(base.index), freq)
    per = per.assign(period=per["id"].map(period)).dropna(subset=["period"])
    if span == "models" and len(per):
        first = min(per["period"])
        periods = [p for p in periods if p >= first]
    rows = []
    for m in models:
        sub = per[per["model"] == m]
        named = sub[sub["named"]]["period"].value_counts()
        role = sub[~sub["named"]]["period"].value_counts()
        for p in periods:
            n, r, b = int(named.get(p, 0)), int(role.get(p, 0)), int(base.get(p, 0))
            rows.append((p, m, n, r, n + r, b, (n + r) / b if b else 0.0))
    return pd.DataFrame(rows, columns=cols)


def timeline_undated(tables: Tables, models: Sequence[str] | None = None) -> pd.DataFrame:
    """Articles per model that carry no date (left out of ``model_timeline``).

    Returns
    -------
    DataFrame with columns ``model, articles, undated`` (all articles mentioning the
    model, and those of them without a date).
    """
    import pandas as pd

    arts = article_frame(tables)
    models, per = _model_articles(tables, models)
    dated = set(arts.loc[arts["year"].notna(), "id"])
    rows = []
    for m in models:
        ids = set(per.loc[per["model"] == m, "id"])
        rows.append((m, len(ids), len(ids - dated)))
    return pd.DataFrame(rows, columns=["model", "articles", "undated"])


def first_appearances(
    tables: Tables, models: Sequence[str] | None = None, *, level: str = "province"
) -> pd.DataFrame:
    """First and latest dated appearance of each model in each province (or city).

    Parameters
    ----------
    level : ``"province"`` or ``"city"`` (needs a ``city`` column on the articles)

    Returns
    -------
    DataFrame with columns ``model, <level>, articles, named, first_date, first_title,
    latest_date, latest_title``; per model, places by first date (then name). Articles
    without a date count in ``articles`` but give no first/latest date.
    """
    import pandas as pd

    if level not in ("province", "city"):
        raise ValueError(f"level={level!r}: expected 'province' or 'city'")
    cols = [
        "model",
        level,
        "articles",
        "named",
        "first_date",
        "first_title",
        "latest_date",
        "latest_title",
    ]
    arts = article_frame(tables)
    models, per = _model_articles(tables, models)
    j = per.merge(arts, on="id", how="inner").dropna(subset=[level])
    rows = []
    for m in models:
        sub = j[j["model"] == m]
        block = []
        for place, g in sub.groupby(level, sort=True):
            dated = g.dropna(subset=["date"]).sort_values(
                ["date", "file", "article_index"], kind="stable"
            )
            first = dated.iloc[0] if len(dated) else None
            last = dated.iloc[-1] if len(dated) else None
            block.append(
                {
                    "model": m,
                    level: place,
                    "articles": len(g),
                    "named": int(g["named"].sum()),
                    "first_date": None if first is None else first["date"],
                    "first_title": None if first is None else first["title"],
                    "latest_date": None if last is None else last["date"],
                    "latest_title": None if last is None else last["title"],
                }
            )
        block.sort(key=lambda r: (r["first_date"] or "9999", r[level]))
        rows.extend(block)
    return pd.DataFrame(rows, columns=cols)


def provinces_reached(tables: Tables, models: Sequence[str] | None = None) -> pd.DataFrame:
    """Every province × model: articles mentioning the model there and the first year.

    Returns
    -------
    DataFrame with columns ``model, province, name, row, col, articles, first_year``
    (``first_year`` None where the model was not seen or only undated), one row per model
    and each of the 34 provincial-level divisions (for ``figures.plot_province_tiles``).
    """
    import pandas as pd

    fa = first_appearances(tables, models, level="province")
    models = (
        list(dict.fromkeys(fa["model"])) if models is None else _model_articles(tables, models)[0]
    )
    prov = _province_table()
    rows = []
    for m in models:
        sub = fa[fa["model"] == m].set_index("province")
        for r in prov.itertuples():
            hit = sub.loc[r.short] if r.short in sub.index else None
            fy = (
                None
                if hit is None or not isinstance(hit["first_date"], str)
                else hit["first_date"][:4]
            )
            rows.append(
                (m, r.short, r.name, r.row, r.col, 0 if hit is None else int(hit["articles"]), fy)
            )
    return pd.DataFrame(
        rows, columns=["model", "province", "name", "row", "col", "articles", "first_year"]
    )


# ----------------------------------------------------------------------------- claims


def claims_over_time(
    tables: Tables, terms: str | Sequence[str], *, freq: str = "year"
) -> pd.DataFrame:
    """Numeric claims about a unit (``网格员``, ``楼长``, ``议事会`` …), dated by their article.

    A claim is about a term when its ``subject`` contains it, or when the term follows the
    number in its sentence (``3000余名网格员``: ``surface`` + up to 2 characters + term).

    Parameters
    ----------
    terms : one term or several (a claim goes to the first term it is about)
    freq : ``"year"`` or ``"month"`` (the ``period`` column)

    Returns
    -------
    DataFrame with columns ``term, period, date, value, unit, qualifier, approximate,
    surface, subject, province, title, quote, file, article_index``, by term, then date,
    then position; undated claims have ``period`` None and come last within their term.
    """
    import pandas as pd

    terms = [terms] if isinstance(terms, str) else list(terms)
    if not terms:
        raise ValueError("terms=[]: expected one or more unit terms such as '网格员'")
    parts, seen = [], set()
    for t in terms:
        part = _claims_for(tables, t, freq)
        key = list(zip(part["file"], part["article_index"], part["_start"]))
        keep = pd.Series([k not in seen for k in key], index=part.index, dtype=bool)
        seen.update(key)
        parts.append(part[keep])
    out = pd.concat(parts, ignore_index=True) if parts else _claims_for(tables, terms[0], freq)
    return out.drop(columns=["_start"]).reset_index(drop=True)


def _claims_for(tables: Tables, term: str, freq: str) -> pd.DataFrame:
    import re

    import pandas as pd

    from .summaries import quote
    from .tables import _APPROX

    cols = [
        "term",
        "period",
        "date",
        "value",
        "unit",
        "qualifier",
        "approximate",
        "surface",
        "subject",
        "province",
        "title",
        "quote",
        "file",
        "article_index",
        "_start",
    ]
    if not isinstance(term, str) or not term:
        raise ValueError(f"term={term!r}: expected a non-empty string such as '网格员'")
    ind = tables.indicators
    if ind.empty:
        return pd.DataFrame(columns=cols)
    if "duplicate" in ind.columns:
        ind = ind[~ind["duplicate"].astype(bool)]
    ind = ind[ind["value"].notna()]
    subj = ind["subject"].fillna("").str.contains(term, regex=False)
    follow = [
        isinstance(c, str)
        and isinstance(s, str)
        and re.search(re.escape(s) + ".{0,2}" + re.escape(term), c) is not None
        for c, s in zip(ind["context"], ind["surface"])
    ]
    ind = ind[subj | pd.Series(follow, index=ind.index)]
    arts = article_frame(tables).set_index("id")
    freq = "month" if freq == "month" else "year"
    rows = []
    for r in ind.to_dict("records"):
        a = arts.loc[r["article_id"]] if r["article_id"] in arts.index else None
        date = None if a is None else a["date"]
        per = None if a is None else (a["month"] if freq == "month" else a["year"])
        rows.append(
            {
                "term": term,
                "period": per if isinstance(per, str) else None,
                "date": date,
                "value": r["value"],
                "unit": r["unit"],
                "qualifier": r["qualifier"],
                "approximate": r["qualifier"] in _APPROX,
                "surface": r["surface"],
                "subject": r["subject"],
                "province": None if a is None else a["province"],
                "title": None if a is None else a["title"],
                "quote": quote(r["context"], r["surface"]),
                "file": r["file"],
                "article_index": r["article_index"],
                "_start": r["start"],
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    out["_undated"] = out["period"].isna()
    out = out.sort_values(["_undated", "date", "file", "article_index", "_start"], kind="stable")
    return out.drop(columns=["_undated"]).reset_index(drop=True)


def claims_per_period(claims: pd.DataFrame) -> pd.DataFrame:
    """``claims_over_time`` summarised: per period and unit, how many claims and articles,
    and the smallest, median and largest value (approximate claims counted apart).

    Returns
    -------
    DataFrame with columns ``term, period, unit, claims, articles, approximate, min,
    median, max``.
    """
    import pandas as pd

    cols = ["term", "period", "unit", "claims", "articles", "approximate", "min", "median", "max"]
    c = claims.dropna(subset=["period"]) if len(claims) else claims
    if c.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (t, p, u), g in c.groupby(["term", "period", "unit"], sort=True):
        v = g["value"].astype(float)
        rows.append(
            (
                t,
                p,
                u,
                len(g),
                g[["file", "article_index"]].drop_duplicates().shape[0],
                int(g["approximate"].sum()),
                float(v.min()),
                float(v.median()),
                float(v.max()),
            )
        )
    return pd.DataFrame(rows, columns=cols)


# ----------------------------------------------------------------------------- statements


def trend_statements(
    timeline: pd.DataFrame, firsts: pd.DataFrame, *, min_articles: int = 5
) -> pd.DataFrame:
    """What the trend tables show, per model, in Chinese then English, with the number of
    articles each statement rests on. Models in fewer than ``min_articles`` dated articles
    get no statement but a line saying so; the period of highest share is named only among
    periods whose corpus holds at least ``min_articles`` dated articles (a share of 1 of 1
    says nothing).

    Returns
    -------
    DataFrame with columns ``model, zh, en, articles``.
    """
    import pandas as pd

    rows = []
    for m, g in timeline.groupby("model", sort=False):
        n = int(g["articles"].sum())
        if n < min_articles:
            rows.append(
                (
                    m,
                    f"{m}：仅见于{n}篇有日期的文章，少于{min_articles}篇，不作趋势判断。",
                    f"{m}: only {n} dated article(s), fewer than {min_articles}: no trend is stated.",
                    n,
                )
            )
            continue
        hit = g[g["articles"] > 0]
        first, last = hit["period"].iloc[0], hit["period"].iloc[-1]
        # a share only where the period's corpus holds enough dated articles to rest it on
        dense = hit[hit["corpus_articles"] >= min_articles]
        peak_zh = peak_en = ""
        if len(dense):
            peak = dense.sort_values(
                ["share", "period"], ascending=[False, True], kind="stable"
            ).iloc[0]
            a, b = int(peak["articles"]), int(peak["corpus_articles"])
            peak_zh = f"；占比最高在{peak['period']}（{a}/{b}篇）"
            peak_en = f"; highest share in {peak['period']} ({a} of {b} articles)"
        named, role = int(g["named"].sum()), int(g["role_only"].sum())
        provs = firsts[firsts["model"] == m]
        where_zh = where_en = ""
        if len(provs):
            early = provs.dropna(subset=["first_date"]).head(3)
            where_zh = f"；见于{len(provs)}个省级地区，最早：" + "、".join(
                f"{r.province}（{r.first_date}）" for r in early.itertuples()
            )
            where_en = f"; seen in {len(provs)} province(s), earliest: " + ", ".join(
                f"{r.province} ({r.first_date})" for r in early.itertuples()
            )
        rows.append(
            (
                m,
                f"{m}：{n}篇有日期的文章提及（{named}篇点名该模式，{role}篇只提及其角色），"
                f"首见{first}，最近{last}{peak_zh}{where_zh}。",
                f"{m}: mentioned in {n} dated article(s) ({named} name it, {role} mention only a role), "
                f"first {first}, latest {last}{peak_en}{where_en}.",
                n,
            )
        )
    return pd.DataFrame(rows, columns=["model", "zh", "en", "articles"])
