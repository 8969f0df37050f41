"""Findings of a model comparison: sentences built from ``Comparison``'s tables, in
Chinese first and English second, each with the number of articles it rests on.

Reports of what the articles state (where a model is mentioned and how often, which
articles mention two of the models, the structure stated for it, how many numeric claims
are linked to it) are always made, with their base. A statement that generalises — a
comparison (which model appears more, whose structure is deeper), a share (what a model's
paragraphs co-mention, which topic its units fall in) or a "distinctive" word — is made
only when it rests on at least ``min_articles`` articles (default ``MIN_ARTICLES`` = 3);
the others are counted in a closing line so the reader knows they were withheld and why. Approximate counts (余/多/近/约)
that feed a ratio are marked ≈ and said to be approximate.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .tables import _APPROX

if TYPE_CHECKING:
    import pandas as pd

    from .comparison import Comparison

__all__ = ["MIN_ARTICLES", "statements", "findings", "findings_markdown"]

#: Least number of articles a characterising or comparing statement must rest on.
MIN_ARTICLES = 3

_COLS = ["section", "model", "zh", "en", "articles", "stated"]


def _fmt(v: Any) -> str:
    f = float(v)
    return f"{int(f)}" if f.is_integer() else f"{f:g}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _is_date(v: Any) -> bool:
    return isinstance(v, str) and bool(v)


def _n_articles(frame: pd.DataFrame) -> int:
    if frame.empty:
        return 0
    return int(frame[["file", "article_index"]].drop_duplicates().shape[0])


def statements(comparison: Comparison, *, min_articles: int = MIN_ARTICLES) -> pd.DataFrame:
    """Every statement the comparison supports, with its base.

    Returns
    -------
    DataFrame with columns ``section, model, zh, en, articles`` (the articles the statement
    rests on), ``stated`` (False for a generalising statement below ``min_articles``).
    """
    import pandas as pd

    c = comparison
    rows: list[tuple] = []
    pres = c.presence.set_index("model")
    level = c.places.index.name or "place"
    level_zh = {"province": "省级地区", "city": "市", "place": "地区"}.get(level, "地区")

    def add(section: str, model: str, zh: str, en: str, n: int, *, always: bool = False) -> None:
        rows.append((section, model, zh, en, int(n), always or n >= min_articles))

    # presence: plain counts
    for m in c.models:
        r = pres.loc[m]
        n = int(r["articles"])
        if r["mentions"] == 0:
            add(
                "presence",
                m,
                f"本语料中未见{m}。",
                f"{m} is not mentioned in this corpus.",
                0,
                always=True,
            )
            continue
        where_zh = f"，分布于{r['places']}个{level_zh}（{r['top_places']}）" if r["places"] else ""
        where_en = f", in {r['places']} {level}(s) ({r['top_places']})" if r["places"] else ""
        when_zh = when_en = ""
        if _is_date(r["first_date"]):
            span = (
                r["first_date"]
                if r["first_date"] == r["last_date"]
                else f"{r['first_date']}至{r['last_date']}"
            )
            span_en = (
                r["first_date"]
                if r["first_date"] == r["last_date"]
                else f"{r['first_date']} to {r['last_date']}"
            )
            when_zh = f"；其中{r['dated_articles']}篇有日期，{span}"
            when_en = f"; {r['dated_articles']} of them dated, {span_en}"
        add(
            "presence",
            m,
            f"{m}在{r['files']}个文件的{n}篇文章、{r['paragraphs']}个正文段落中被提及{r['mentions']}次{where_zh}{when_zh}。",
            f"{m} is mentioned {r['mentions']} time(s) in {r['paragraphs']} body paragraph(s) of {n} "
            f"article(s) from {r['files']} file(s){where_en}{when_en}.",
            n,
            always=True,
        )
    ranked = sorted(c.models, key=lambda m: (-pres.loc[m, "articles"], m))
    if len(ranked) >= 2 and pres.loc[ranked[0], "articles"] > pres.loc[ranked[1], "articles"]:
        total = int(sum(pres.loc[m, "articles"] for m in ranked))
        add(
            "presence",
            ranked[0],
            f"{ranked[0]}出现的文章（{pres.loc[ranked[0], 'articles']}篇）多于"
            + "、".join(f"{m}（{pres.loc[m, 'articles']}篇）" for m in ranked[1:])
            + "。",
            f"{ranked[0]} appears in more articles ({pres.loc[ranked[0], 'articles']}) than "
            + ", ".join(f"{m} ({pres.loc[m, 'articles']})" for m in ranked[1:])
            + ".",
            total,
        )
    if len(c.overlap):
        shown = c.overlap.head(5)
        more = len(c.overlap) - len(shown)
        add(
            "presence",
            "",
            f"{len(c.overlap)}篇文章同时提及两个或以上所比较的模式："
            + "；".join(f"{r.title}（{r.models}）" for r in shown.itertuples())
            + (f"；另有{more}篇" if more else "")
            + "。",
            f"{len(c.overlap)} article(s) mention two or more of the compared models: "
            + "; ".join(f"{r.title} ({r.models})" for r in shown.itertuples())
            + (f"; and {more} more" if more else "")
            + ".",
            len(c.overlap),
            always=True,
        )
    elif all(pres.loc[m, "mentions"] > 0 for m in c.models):
        add(
            "presence",
            "",
            "没有文章同时提及所比较的两个模式。",
            "No article mentions more than one of the compared models.",
            int(sum(pres.loc[m, "articles"] for m in c.models)),
            always=True,
        )

    # structures
    for m in c.models:
        lv = c.levels[c.levels["model"] == m]
        st = c.structures[c.structures["model"] == m]
        n = _n_articles(st)
        if lv.empty:
            if pres.loc[m, "mentions"] > 0:
                add(
                    "structure",
                    m,
                    f"未见{m}的多层级结构陈述。",
                    f"No multi-level structure is stated for {m}.",
                    int(pres.loc[m, "articles"]),
                    always=True,
                )
            continue
        chain = "—".join(lv["level"])
        zh = f"{m}所述结构有{len(lv)}层（{chain}）"
        en = f"{m}'s stated structure has {len(lv)} levels ({chain})"
        if len(st) > 1:
            zh += f"；共有{len(st)}处结构陈述，见于{n}篇文章"
            en += f"; {len(st)} distinct structures are stated for it in {n} article(s)"
        counted = lv[lv["count"].notna()]
        if len(counted):
            zh += "；数量：" + "、".join(
                f"{r.level}{'≈' if r.approximate else ''}{_fmt(r.count)}"
                for r in counted.itertuples()
            )
            en += "; counts given: " + ", ".join(
                f"{r.level} {'≈' if r.approximate else ''}{_fmt(r.count)}"
                for r in counted.itertuples()
            )
        ratios = lv[lv["ratio"].notna()]
        if len(ratios):
            prev = dict(zip(lv["rank"], lv["level"]))
            zh += "；管理幅度 " + "、".join(
                f"每个{prev[r.rank - 1]}{'约' if r.ratio_approximate else ''}{r.ratio:.1f}个{r.level}"
                for r in ratios.itertuples()
            )
            en += "; span of control " + ", ".join(
                f"{'≈' if r.ratio_approximate else ''}{r.ratio:.1f} {r.level} per {prev[r.rank - 1]}"
                for r in ratios.itertuples()
            )
            if ratios["ratio_approximate"].any():
                zh += "（≈：由约数（余/多/近/约）算出，仅为近似）"
                en += " (≈: computed from an approximate count, 余/多/近/约: a bound, not a ratio)"
        add("structure", m, zh + "。", en + ".", n, always=True)
    depth = {
        m: int((c.levels["model"] == m).sum()) for m in c.models if (c.levels["model"] == m).any()
    }
    if len(depth) >= 2 and len(set(depth.values())) > 1:
        deep = max(depth, key=lambda m: (depth[m], m))
        n = _n_articles(c.structures[c.structures["model"].isin(list(depth))])
        add(
            "structure",
            deep,
            f"{deep}所述层级最深（{depth[deep]}层），对比："
            + "、".join(f"{m}（{d}层）" for m, d in depth.items())
            + "。",
            f"{deep} has the deepest stated structure ({depth[deep]} levels) among "
            + ", ".join(f"{m} ({d})" for m, d in depth.items())
            + ".",
            n,
        )

    # mechanisms
    for m in c.models:
        if m not in c.mechanisms.columns:
            continue
        col = c.mechanisms[m]
        col = col[col > 0].sort_values(ascending=False, kind="stable")
        npar = c.n_paragraphs.get(m, 0)
        if len(col) and npar:
            top = col.head(3)
            add(
                "mechanisms",
                m,
                f"在{m}的{npar}个段落中，最常同段提及的模式是"
                + "、".join(f"{o}（{v}段，{_pct(v / npar)}）" for o, v in top.items())
                + "。",
                f"In {m}'s {npar} paragraph(s), the most co-mentioned models are "
                + ", ".join(f"{o} ({v}, {_pct(v / npar)})" for o, v in top.items())
                + ".",
                int(pres.loc[m, "articles"]),
            )

    # indicators
    for m in c.models:
        sub = c.indicators[c.indicators["model"] == m]
        if sub.empty:
            if pres.loc[m, "mentions"] > 0:
                add(
                    "indicators",
                    m,
                    f"没有与{m}相关的数量陈述。",
                    f"No numeric claim is linked to {m}.",
                    int(pres.loc[m, "articles"]),
                    always=True,
                )
            continue
        approx = int(sub["qualifier"].isin(_APPROX).sum())
        units = Counter(sub["unit"])
        top_unit = sorted(units.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]
        biggest = (
            sub[sub["unit"] == top_unit[0]]
            .sort_values("value", ascending=False, kind="stable")
            .iloc[0]
        )
        subj = (
            biggest["subject"] if isinstance(biggest["subject"], str) and biggest["subject"] else ""
        )
        add(
            "indicators",
            m,
            f"与{m}相关的数量陈述{len(sub)}条（见于{_n_articles(sub)}篇文章；其中{approx}条为约数：余/多/近/约）；"
            f"最常见单位“{top_unit[0]}”（{top_unit[1]}条），最大：{biggest['surface']}"
            + (f"（{subj}）" if subj else "")
            + "。",
            f"{len(sub)} numeric claim(s) are linked to {m} (in {_n_articles(sub)} article(s); {approx} approximate: "
            f"余/多/近/约); the most common unit is {top_unit[0]} ({top_unit[1]}), largest: {biggest['surface']}"
            + (f" ({subj})" if subj else "")
            + ".",
            _n_articles(sub),
            always=True,
        )

    # terms
    for m in c.models:
        sub = c.terms[c.terms["group"] == m]
        if len(sub):
            words = "、".join(f"{r.term}（z={r.z:.1f}）" for r in sub.head(5).itertuples())
            add(
                "terms",
                m,
                f"{m}段落最具特色的词（对数优势比 z 值）：{words}。",
                f"Words most distinctive of {m}'s paragraphs (log-odds z-score): "
                + "、".join(f"{r.term} ({r.z:.1f})" for r in sub.head(5).itertuples())
                + ".",
                int(pres.loc[m, "articles"]),
            )

    # topics
    if len(c.topics):
        for m in c.models:
            col = c.topics[m] if m in c.topics.columns else None
            if col is None or col.sum() == 0:
                continue
            best = col.idxmax()
            add(
                "topics",
                m,
                f"{m}的单元中{_pct(col.max())}落在主题聚类“{best}”。",
                f"{_pct(col.max())} of {m}'s clustered units fall in topic cluster {best}.",
                int(pres.loc[m, "articles"]),
            )
    return pd.DataFrame(rows, columns=_COLS)


def findings(comparison: Comparison, *, min_articles: int = MIN_ARTICLES) -> list[str]:
    """The stated findings in English, one sentence each (``statements`` for both languages).

    Every number in a sentence is read from ``comparison``'s tables; nothing is concluded
    that the tables do not contain.
    """
    st = statements(comparison, min_articles=min_articles)
    return st.loc[st["stated"], "en"].tolist()


def findings_markdown(comparison: Comparison, *, min_articles: int = MIN_ARTICLES):
    """The findings for a notebook: the threshold, the Chinese list, the English list, each
    sentence followed by the number of articles it rests on ``[n]``, and how many
    statements were withheld for resting on too few articles.

    Rendered as HTML built by :mod:`govstats.htmlsafe` (not Markdown, which would pass raw
    HTML and ``[links](javascript:…)`` from article titles through): every sentence is
    escaped text.
    """
    from IPython.display import HTML

    from .htmlsafe import bullet_list, element

    min_articles = int(min_articles)
    st = statements(comparison, min_articles=min_articles)
    ok, held = st[st["stated"]], st[~st["stated"]]
    models = "、".join(element("strong", m) for m in comparison.models)
    head = element(
        "p",
        f"比较的模式：{models}。以下每句均由本报告的表格生成；比较、比例、特色词与主题等概括性陈述"
        f"至少需要 {min_articles} 篇文章支持；方括号内为其依据的文章数。<br>"
        f"Compared models: {models}. Each sentence is generated from the tables of this report; a "
        f"generalising statement (a comparison, a share, a distinctive word, a topic) needs at least "
        f"{min_articles} articles; the number in brackets is the articles it rests on.",
        raw=True,
    )
    out = (
        head
        + element("p", element("strong", "中文"), raw=True)
        + bullet_list(f"{r.zh} [{r.articles}]" for r in ok.itertuples())
        + element("p", element("strong", "English"), raw=True)
        + bullet_list(f"{r.en} [{r.articles}]" for r in ok.itertuples())
    )
    if len(held):
        which = "、".join(sorted({f"{r.model or '—'}/{r.section}" for r in held.itertuples()}))
        out += element(
            "p",
            element(
                "em",
                f"{len(held)} 条陈述因依据少于 {min_articles} 篇文章而未列出 · {len(held)} statement(s) "
                f"withheld: fewer than {min_articles} articles ({which}).",
            ),
            raw=True,
        )
    return HTML(out)
