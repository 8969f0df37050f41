"""Trends and diffusion: per-period counts with their base, first appearances per province
and city, provinces reached, claims over time; small hand-built tables for each corner and
real 新闻联播 stories for the province and claim readers."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from conftest import real_records

from govstats import figures, plotting, trends
from govstats import tables as tables_mod


def _tables(articles, mentions, indicators=(), paragraphs=()):
    """Tables from row dicts (missing columns filled with None)."""

    def frame(name, rows):
        cols = list(tables_mod._COLUMNS[name])
        extra = [k for r in rows for k in r if k not in cols]
        return pd.DataFrame(list(rows), columns=cols + list(dict.fromkeys(extra)))

    ind = frame("indicators", indicators)
    ind["models"] = [()] * len(ind)
    ind["model_link"] = [""] * len(ind)
    return tables_mod.Tables(
        documents=tables_mod._empty("documents"),
        articles=frame("articles", articles),
        paragraphs=frame("paragraphs", paragraphs),
        indicators=ind,
        mentions=frame("mentions", mentions),
        hierarchies=tables_mod._empty("hierarchies"),
        problems=tables_mod._empty("problems"),
        source="hand-built",
    )


def _art(i, date, title="标题", **kw):
    return {
        "file": f"f{i}.txt",
        "article_index": 0,
        "id": f"a{i}",
        "title": title,
        "date": date,
        **kw,
    }


def _men(i, model="网格化治理", kind=None, par=1):
    row = {
        "model_id": model,
        "article_id": f"a{i}",
        "file": f"f{i}.txt",
        "article_index": 0,
        "paragraph_index": par,
        "duplicate": False,
    }
    if kind is not None:
        row["kind"] = kind
    return row


@pytest.fixture()
def small():
    arts = [
        _art(1, "2019-03-02", "浙江：网格化管理"),
        _art(2, "2019-07-10", "山东省推进基层治理"),
        _art(3, "2021-01-05", "浙江杭州：楼栋长"),
        _art(4, None, "新疆：无日期"),
        _art(5, "2021-05-05", "其他新闻"),
        _art(6, "2021-06-01", "重复", duplicate_of="a5"),
    ]
    ments = [_men(1), _men(2, kind="role"), _men(3, kind="model"), _men(3, kind="role"), _men(4)]
    return _tables(arts, ments)


def test_counts_name_and_role_with_the_corpus_size_beside(small):
    tl = trends.model_timeline(small, ["网格化治理"], freq="year")
    assert tl["period"].tolist() == ["2019", "2020", "2021"]  # the empty year is a zero row
    row = tl.set_index("period").loc["2019"]
    assert (row["named"], row["role_only"], row["corpus_articles"]) == (1, 1, 2)
    # article 3 has a named and a role mention: it names the model; 5 is unrelated; 6 a duplicate
    r21 = tl.set_index("period").loc["2021"]
    assert (r21["named"], r21["role_only"], r21["corpus_articles"]) == (1, 0, 2)
    assert r21["share"] == pytest.approx(0.5)
    assert tl.set_index("period").loc["2020", "corpus_articles"] == 0
    und = trends.timeline_undated(small, ["网格化治理"]).iloc[0]
    assert (und["articles"], und["undated"]) == (4, 1)


def test_missing_kind_counts_as_named(small):
    t = dataclasses.replace(small, mentions=small.mentions.drop(columns="kind"))
    tl = trends.model_timeline(t, ["网格化治理"], freq="year")
    assert tl["role_only"].sum() == 0 and tl["named"].sum() == 3


def test_months_when_dense_and_only_months_that_are_known():
    arts = [_art(i, f"2020-0{1 + i % 3}-1{i % 9}") for i in range(60)] + [_art(99, "2020")]
    t = _tables(arts, [_men(i) for i in range(0, 60, 5)] + [_men(99)])
    assert trends.choose_frequency(trends.article_frame(t)) == "month"
    tl = trends.model_timeline(t, ["网格化治理"], freq="auto")
    assert tl["period"].tolist() == ["2020-01", "2020-02", "2020-03"]
    assert tl["corpus_articles"].sum() == 60  # the year-only article is in no month
    sparse = _tables([_art(1, "2012-01-01"), _art(2, "2020-05-05")], [_men(1)])
    assert trends.choose_frequency(trends.article_frame(sparse)) == "year"
    with pytest.raises(ValueError, match="freq='week'"):
        trends.model_timeline(sparse, freq="week")


def test_province_from_column_title_or_first_paragraph():
    assert trends.province_of("广西壮族自治区南宁市") == "广西"
    assert trends.province_of("学习浙江经验 山东推进") == "浙江"
    assert trends.province_of("没有省名") is None
    t = _tables(
        [_art(1, "2020-01-01", "无省名的标题"), _art(2, "2020-01-01", "江苏：标题")],
        [_men(1), _men(2)],
        paragraphs=[
            {
                "file": "f1.txt",
                "article_id": "a1",
                "paragraph_index": 1,
                "id": "p1",
                "kind": "body",
                "start": 0,
                "end": 20,
                "text": "中国网络电视台消息：四川成都推进网格化服务管理。",
            }
        ],
    )
    a = trends.article_frame(t).set_index("id")
    assert (a.loc["a1", "province"], a.loc["a1", "province_from"]) == ("四川", "text")
    assert (a.loc["a2", "province"], a.loc["a2", "province_from"]) == ("江苏", "title")
    with_col = _tables(
        [_art(1, "2020-01-01", "江苏：标题", province="浙江省", city="杭州市")], [_men(1)]
    )
    b = trends.article_frame(with_col).iloc[0]
    assert (b["province"], b["city"], b["province_from"]) == ("浙江", "杭州市", "column")


def test_first_and_latest_per_province_and_city():
    arts = [
        _art(1, "2019-03-02", "a", province="浙江", city="杭州市"),
        _art(2, "2022-07-10", "b", province="浙江", city="宁波市"),
        _art(3, "2020-01-05", "c", province="山东", city="济南市"),
        _art(4, None, "d", province="山东", city="济南市"),
    ]
    t = _tables(arts, [_men(i) for i in (1, 2, 3, 4)])
    fa = trends.first_appearances(t, ["网格化治理"])
    assert fa["province"].tolist() == ["浙江", "山东"]  # by first date
    zj = fa.iloc[0]
    assert (zj["first_date"], zj["first_title"], zj["latest_date"], zj["articles"]) == (
        "2019-03-02",
        "a",
        "2022-07-10",
        2,
    )
    sd = fa.iloc[1]
    assert (sd["articles"], sd["first_date"], sd["latest_date"]) == (2, "2020-01-05", "2020-01-05")
    cities = trends.first_appearances(t, ["网格化治理"], level="city")
    assert cities["city"].tolist() == ["杭州市", "济南市", "宁波市"]
    reached = trends.provinces_reached(t, ["网格化治理"])
    assert len(reached) == 34 and reached["articles"].sum() == 4
    assert reached.set_index("province").loc["浙江", "first_year"] == "2019"
    assert reached.set_index("province").loc["西藏", "articles"] == 0
    with pytest.raises(ValueError, match="level='county'"):
        trends.first_appearances(t, level="county")


def test_claims_over_time_by_subject_or_following_term():
    ctx1 = "贵阳还把全市社区划分为2768个网格,3500多名网格员每天采集人口动态信息"
    ctx2 = "社区的23名网格员一半都是“90后”"
    inds = [
        {
            "file": "f1.txt",
            "article_index": 0,
            "article_id": "a1",
            "paragraph_index": 1,
            "start": 5,
            "surface": "3500多名",
            "context": ctx1,
            "value": 3500.0,
            "unit": "名",
            "qualifier": "approx_over",
            "subject": "",
            "duplicate": False,
        },
        {
            "file": "f1.txt",
            "article_index": 0,
            "article_id": "a1",
            "paragraph_index": 1,
            "start": 1,
            "surface": "2768个",
            "context": ctx1,
            "value": 2768.0,
            "unit": "个",
            "qualifier": "exact",
            "subject": "网格",
            "duplicate": False,
        },
        {
            "file": "f2.txt",
            "article_index": 0,
            "article_id": "a2",
            "paragraph_index": 1,
            "start": 3,
            "surface": "23名",
            "context": ctx2,
            "value": 23.0,
            "unit": "名",
            "qualifier": "exact",
            "subject": "网格员一半",
            "duplicate": False,
        },
    ]
    t = _tables(
        [_art(1, "2014-05-01", "贵州：网格"), _art(2, "2020-03-01")], [_men(1)], indicators=inds
    )
    c = trends.claims_over_time(t, "网格员")
    assert c["surface"].tolist() == ["3500多名", "23名"]  # the 网格 count is not about 网格员
    assert c["approximate"].tolist() == [True, False]
    assert c["quote"].iloc[0].count("【3500多名】") == 1
    assert c["province"].iloc[0] == "贵州"
    per = trends.claims_per_period(c)
    assert per[["period", "claims", "approximate"]].values.tolist() == [
        ["2014", 1, 1],
        ["2020", 1, 0],
    ]
    both = trends.claims_over_time(t, ["网格员", "网格"])
    assert both["term"].tolist() == ["网格员", "网格员", "网格"]  # each claim once, first term wins
    with pytest.raises(ValueError, match="term"):
        trends.claims_over_time(t, "")
    none = trends.claims_over_time(t, ["楼栋长", "议事会"])  # no claim about either
    assert none.empty and "quote" in none.columns and "_start" not in none.columns
    assert trends.claims_per_period(none).empty


def test_statements_state_their_base_and_hold_back_thin_models(small):
    tl = trends.model_timeline(small, ["网格化治理"], freq="year")
    fa = trends.first_appearances(small, ["网格化治理"])
    st = trends.trend_statements(tl, fa, min_articles=3).iloc[0]
    assert (
        st["articles"] == 3 and "3篇有日期的文章" in st["zh"] and "3 dated article(s)" in st["en"]
    )
    held = trends.trend_statements(tl, fa, min_articles=5).iloc[0]
    assert "no trend is stated" in held["en"] and "不作趋势判断" in held["zh"]


def test_figures_are_deterministic(small, tmp_path):
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plotting.use_cjk_font()

    def png(fig):
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        plt.close(fig)
        return buf.getvalue()

    tl = trends.model_timeline(small, ["网格化治理"], freq="year")
    reached = trends.provinces_reached(small, ["网格化治理"])
    a = (
        png(figures.plot_timeline(tl, title="t")),
        png(figures.plot_province_tiles(reached, title="m")),
    )
    b = (
        png(figures.plot_timeline(tl, title="t")),
        png(figures.plot_province_tiles(reached, title="m")),
    )
    assert a == b
    empty = figures.plot_timeline(tl.iloc[0:0], title="none")
    assert empty is not None


def test_real_stories_give_provinces_and_grid_worker_claims():
    # 新闻联播 stories of the development corpus that name 网格员 with a number
    import govstats as gs

    recs = real_records(
        "governance", n=40, where=lambda r: r["corpus"] == "xwlb" and "网格员" in r["text"]
    )
    assert len(recs) >= 10
    found = [trends.province_of(r["title"]) or trends.province_of(r["text"][:200]) for r in recs]
    assert sum(p is not None for p in found) >= len(recs) // 3
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        for i, r in enumerate(recs):
            (Path(d) / f"{i:02d}.txt").write_text(
                f"{r['title']}\n\n新闻联播     {r['date'][:4]}年{r['date'][5:7]}月{r['date'][8:10]}日\n\n"
                + "\n\n".join(r["text"].split("\n")),
                encoding="utf-8",
            )
        t = tables_mod.tables_from_corpus(gs.load_corpus(d))
    claims = trends.claims_over_time(t, "网格员")
    assert len(claims) >= 3
    # dated by their article (the segmenter may cut a story in two; the second part has no dateline)
    assert claims["period"].notna().sum() >= len(claims) // 2
    assert claims["period"].dropna().str.fullmatch(r"20\d\d").all()
    assert all("【" in q for q in claims["quote"])
    tl = trends.model_timeline(t, freq="year")
    assert (tl["corpus_articles"] >= tl["articles"]).all()


def test_timeline_starts_where_the_models_do():
    arts = [
        _art(1, "1954-09-15", "国务院政府工作报告"),
        _art(2, "2019-03-02"),
        _art(3, "2021-03-02"),
    ]
    t = _tables(arts, [_men(2), _men(3)])
    tl = trends.model_timeline(t, ["网格化治理"], freq="year")
    assert tl["period"].tolist() == ["2019", "2020", "2021"]
    full = trends.model_timeline(t, ["网格化治理"], freq="year", span="corpus")
    assert full["period"].iloc[0] == "1954" and len(full) == 68
    with pytest.raises(ValueError, match="span='all'"):
        trends.model_timeline(t, span="all")


def test_highest_share_is_never_a_sparse_period():
    import pandas as pd

    from govstats.trends import trend_statements

    timeline = pd.DataFrame(
        {
            "model": ["议事协商"] * 3,
            "period": ["1995", "2014", "2020"],
            "articles": [1, 3, 4],
            "named": [1, 3, 4],
            "role_only": [0, 0, 0],
            "corpus_articles": [1, 20, 40],
            "share": [1.0, 0.15, 0.10],
        }
    )
    firsts = pd.DataFrame(columns=["model", "province", "first_date"])
    row = trend_statements(timeline, firsts, min_articles=5).iloc[0]
    assert "1995" in row["zh"] and "首见1995" in row["zh"]  # still its first appearance
    assert "占比最高在2014（3/20篇）" in row["zh"]  # not 1995 (1 of 1)
    assert "highest share in 2014 (3 of 20 articles)" in row["en"]
    sparse = timeline.assign(corpus_articles=[1, 2, 3])
    row = trend_statements(sparse, firsts, min_articles=5).iloc[0]
    assert "占比最高" not in row["zh"] and "highest share" not in row["en"]
