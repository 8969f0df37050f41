"""Model-vs-model tables: seeds, a store, small synthetic corpora, and findings built from numbers."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import SEEDS

import govstats as gs
from govstats import compare
from govstats import tables as tables_mod
from govstats.errors import UnknownModelError

PAIR = ["楼长+", "四级体系"]


@pytest.fixture(scope="module")
def tables():
    return compare.load_tables(SEEDS)


@pytest.fixture(scope="module")
def comparison(tables):
    return compare.compare_models(tables, PAIR, topics=False)


def _write_synthetic(folder):
    """Three short files: UTF-8, GBK-encoded, and one about neither model."""
    folder.mkdir()
    (folder / "a.txt").write_text(
        "我区“楼长+”模式推动小区治理\n\n"
        "东昌府讯 依据“社区党委+小区党支部+楼院党小组”的组织体系，选出优秀“楼长”，"
        "楼长轮流兼任驿站站长，共召开议事会议30余次，解决问题120件。\n\n"
        "“楼长+网格员”深化网格化治理，楼长和网格员双向进入，服务居民近500人。\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_bytes(
        (
            "莱山区健全四级组织体系\n\n"
            "莱山区健全完善“社区党组织—小区党支部—楼栋党小组—党员中心户”四级组织体系，"
            "建立34个社区党组织、95个小区党支部、387个楼栋党小组。\n\n"
            "每季度召开联席会议，累计解决停车难等194项问题，满意率达96%。\n"
        ).encode("gbk")
    )
    (folder / "c.txt").write_text(
        "电商培训热 技能学习忙\n\n该镇启动乡村振兴电商直播技能培训，共50余人参加了培训。\n",
        encoding="utf-8",
    )
    return folder


def test_load_tables_from_seeds_has_every_table(tables):
    for name in compare.TABLE_NAMES:
        assert isinstance(getattr(tables, name), pd.DataFrame), name
    assert len(tables.documents) == len(list(SEEDS.glob("*.txt")))
    assert len(tables.articles) >= 5
    assert {"models", "model_link"} <= set(tables.indicators.columns)
    counts = ", ".join(f"{n}={len(getattr(tables, n))}" for n in compare.TABLE_NAMES)
    assert repr(tables) == f"Tables({tables.source!r}: {counts})"
    assert tables.source.endswith("seeds")
    assert "documents=5, articles=20," in repr(tables)


def test_indicator_models_follow_the_lexicon_rule(tables):
    """An indicator's models are its paragraph's (else its article's): models_for agrees."""
    from govstats.lexicon import article_models, paragraph_models

    ms = [m for m in gs.find_models(gs.load_corpus(SEEDS)) if not m.duplicate]
    table = {**article_models(ms), **paragraph_models(ms)}
    ind = tables.indicators
    for aid, pidx, models in zip(ind["article_id"], ind["paragraph_index"], ind["models"]):
        assert tuple(models) == tuple(table.get((aid, pidx)) or table.get(aid) or ())


def test_presence_counts_match_the_mentions(tables, comparison):
    ms = tables.mentions[~tables.mentions["duplicate"]]
    pres = comparison.presence.set_index("model")
    for m in PAIR:
        sub = ms[ms["model_id"] == m]
        assert pres.loc[m, "mentions"] == len(sub)
        assert pres.loc[m, "articles"] == sub["article_id"].nunique()
        assert pres.loc[m, "paragraphs"] == comparison.n_paragraphs[m]
    assert comparison.models == tuple(PAIR)
    assert list(comparison.places.columns) == PAIR
    # one level on the place axis: all seed articles are in 山东, so the cities
    assert comparison.places.index.name == "city"
    assert comparison.places.loc["聊城市", "楼长+"] >= 1  # the 东昌府区 article
    own = compare.compare_models(tables, PAIR, topics=False, place_level="place")
    assert own.places.index.name == "place" and own.places.loc["东昌府区", "楼长+"] >= 1
    with pytest.raises(ValueError, match="place_level='county'"):
        compare.compare_models(tables, PAIR, topics=False, place_level="county")


def test_four_level_structure_with_counts_and_span_of_control(comparison):
    lv = comparison.levels[comparison.levels["model"] == "四级体系"].set_index("level")
    assert len(lv) == 4
    assert lv.loc["社区党组织", "count"] == 34
    assert lv.loc["小区党支部", "count"] == 95
    assert lv.loc["楼栋党小组", "count"] == 387
    assert lv.loc["小区党支部", "ratio"] == pytest.approx(95 / 34)
    assert lv.loc["楼栋党小组", "ratio"] == pytest.approx(387 / 95)
    louzhang = comparison.levels[comparison.levels["model"] == "楼长+"]
    assert list(louzhang["level"]) == ["社区党委", "小区党支部", "楼院党小组"]


def test_indicators_quote_their_sentence(comparison):
    ind = comparison.indicators
    assert set(ind["model"]) <= set(PAIR)
    assert len(ind[ind["model"] == "四级体系"]) >= 3
    for surface, context, q in zip(ind["surface"], ind["context"], ind["quote"]):
        assert surface in context
        assert f"【{surface}】" in q
    assert (ind["model_link"] == "paragraph").all()  # the default: the claim's own paragraph


def test_mechanisms_are_co_mentions(tables, comparison):
    mech = comparison.mechanisms
    assert list(mech.columns) == PAIR
    assert "网格化治理" in mech.index
    # recompute one cell by hand
    ms = tables.mentions[~tables.mentions["duplicate"]]
    keys = lambda m: {  # noqa: E731
        (a, p)
        for a, p in zip(
            ms.loc[ms.model_id == m, "article_id"], ms.loc[ms.model_id == m, "paragraph_index"]
        )
    }  # noqa: E731
    assert mech.loc["网格化治理", "四级体系"] == len(keys("四级体系") & keys("网格化治理"))


def test_distinctive_terms_pick_the_group_words():
    groups = {
        "A": ["楼长 驿站 楼长 站长 居民", "楼长 网格员 居民 楼长"],
        "B": ["党小组 党支部 党员 居民", "党小组 中心户 党支部 居民"],
    }
    bg = groups["A"] + groups["B"] + ["居民 社区 服务"] * 5
    terms = compare.distinctive_terms(groups, bg, top=3)
    top = terms[terms["rank"] == 1].set_index("group")["term"]
    assert top["A"] == "楼长"
    assert top["B"] in {"党小组", "党支部"}
    assert "居民" not in set(terms.loc[terms["rank"] == 1, "term"])
    assert list(terms.columns) == ["group", "rank", "term", "z", "log_odds", "n_group", "n_others"]


def test_findings_are_built_from_the_tables(comparison):
    lines = compare.findings(comparison)
    assert lines and all(isinstance(s, str) and s.endswith(".") for s in lines)
    text = "\n".join(lines)
    pres = comparison.presence.set_index("model")
    for m in PAIR:
        assert f"{m} is mentioned {pres.loc[m, 'mentions']} time(s)" in text
    assert "社区党组织 34" in text and "2.8 小区党支部 per 社区党组织" in text
    # every number in the findings appears somewhere in the comparison's tables
    numbers = set()
    for frame in (
        comparison.presence,
        comparison.levels,
        comparison.mechanisms,
        comparison.indicators,
        comparison.overlap,
        comparison.terms,
        comparison.structures,
    ):
        for v in frame.to_numpy().ravel():
            numbers.update(re.findall(r"\d+(?:\.\d+)?", str(v)))
            if isinstance(v, float) and v == v and v.is_integer():
                numbers.add(str(int(v)))
    numbers.update(str(v) for v in comparison.n_paragraphs.values())
    for line in lines:
        for num in re.findall(
            r"(?<![\d.])\d+(?:\.\d+)?(?!\d)", re.sub(r"\d+%|\(\d+\.\d\)|\d+\.\d ", "", line)
        ):
            assert num in numbers, (num, line)


def test_findings_change_with_the_data(tmp_path):
    t = compare.load_tables(_write_synthetic(tmp_path / "syn"))
    c = compare.compare_models(t, PAIR, topics=False)
    text = "\n".join(compare.findings(c))
    assert "楼长+ is mentioned" in text and "四级体系 is mentioned" in text
    assert "社区党组织 34" in text
    other = compare.compare_models(t, ["幸福食堂", "双赋"], topics=False)
    assert "幸福食堂 is not mentioned in this corpus." in compare.findings(other)


def test_synthetic_corpus_reads_the_gbk_file(tmp_path):
    t = compare.load_tables(_write_synthetic(tmp_path / "syn"))
    encodings = dict(zip(t.documents["file"], t.documents["encoding"]))
    assert {"a.txt", "b.txt", "c.txt"} <= set(encodings)  # the GBK file is read, not a problem
    assert encodings["b.txt"].lower().replace("-", "") in {"gbk", "gb18030", "gb2312"}
    assert (t.indicators.loc[t.indicators["file"] == "b.txt", "surface"] == "387个").any()


def test_store_gives_the_same_comparison(tmp_path, tables, comparison):
    from govstats.pipeline import extract

    extract(SEEDS, tmp_path / "store", cache=False)
    st = compare.load_tables(store=tmp_path / "store")
    assert len(st.articles) == len(tables.articles)
    assert len(st.indicators) == len(tables.indicators)
    c2 = compare.compare_models(st, PAIR, topics=False)
    pd.testing.assert_frame_equal(c2.presence, comparison.presence)
    pd.testing.assert_frame_equal(c2.levels, comparison.levels)
    pd.testing.assert_frame_equal(c2.mechanisms, comparison.mechanisms)
    assert compare.findings(c2) == compare.findings(comparison)


def test_store_without_paragraphs_still_compares(tmp_path):
    from govstats.pipeline import extract

    extract(SEEDS, tmp_path / "store", cache=False)
    (tmp_path / "store" / "paragraphs.jsonl").unlink()
    st = compare.load_tables(store=tmp_path / "store")
    assert st.paragraphs.empty
    c = compare.compare_models(st, PAIR)
    assert c.terms.empty and c.topics.empty
    assert compare.findings(c)


def test_model_names_are_resolved_and_checked(tables):
    c = compare.compare_models(tables, ["楼长制", "四级组织体系"], topics=False)  # aliases
    assert c.models == ("楼长+", "四级体系")
    with pytest.raises(UnknownModelError, match="楼长"):
        compare.compare_models(tables, ["楼长", "四级"], topics=False)
    with pytest.raises(ValueError, match="2 to 8"):
        compare.compare_models(tables, ["楼长+", "楼长制"], topics=False)
    nine = [
        "楼长+",
        "四级体系",
        "网格化治理",
        "议事协商",
        "红色物业",
        "双报到",
        "幸福食堂",
        "三级网格",
        "双赋",
    ]
    with pytest.raises(ValueError, match="2 to 8 different model ids, got 9"):
        compare.compare_models(tables, nine, topics=False)
    with pytest.raises(TypeError, match="Corpus"):
        compare.compare_models("seeds", PAIR)


def test_three_models_side_by_side(tables):
    c = compare.compare_models(tables, ["楼长+", "四级体系", "网格化治理"], topics=False)
    assert list(c.places.columns) == ["楼长+", "四级体系", "网格化治理"]
    side = c.side_by_side("terms", top=5)
    assert list(side.columns) == ["楼长+", "四级体系", "网格化治理"] and len(side) == 5


def test_topic_profile_is_deterministic(tables):
    a = compare.compare_models(tables, PAIR, k=3, random_state=0)
    b = compare.compare_models(tables, PAIR, k=3, random_state=0)
    pd.testing.assert_frame_equal(a.topics, b.topics)
    # k=3 clusters; the one neither model's units fall in is left out (no all-zero rows)
    assert a.topic_model.model.k_ == 3 and a.topics.shape == (2, 2)
    assert (a.topics.sum(axis=1) > 0).all()
    for m in PAIR:
        assert a.topics[m].sum() == pytest.approx(1.0)


def test_indicator_views(tables):
    ind = compare.filter_indicators(tables)
    assert not ind["duplicate"].any()
    pct = compare.filter_indicators(tables, unit="%")
    assert len(pct) and set(pct["unit"]) == {"%"}
    four = compare.filter_indicators(tables, model="四级组织体系")
    assert len(four) and four["models"].str.contains("四级体系").all()
    with pytest.raises(UnknownModelError):
        compare.filter_indicators(tables, model="no such model")
    mix = compare.qualifier_mix(ind)
    assert mix["n"].sum() == len(ind)
    assert mix["share"].sum() == pytest.approx(1.0)
    assert set(mix.loc[mix["approximate"], "qualifier"]) == {
        "approx_over",
        "approx_under",
        "approx",
    }
    big = compare.largest_claims(ind, per_unit=2, units=3)
    assert big["unit"].nunique() <= 3
    for _, g in big.groupby("unit"):
        assert list(g["value"]) == sorted(g["value"], reverse=True)
    counts = compare.count_table(ind, "unit")
    assert counts["n"].sum() == len(ind)
    assert list(counts["n"]) == sorted(counts["n"], reverse=True)
    dups = compare.filter_indicators(tables, include_duplicates=True)
    assert dups["duplicate"].sum() == len(dups) - len(ind)


def test_duplicates_table_lists_the_repeated_paragraphs(tables):
    d = compare.duplicates_table(tables)
    assert list(d.columns) == ["what", "file", "id", "duplicate_of", "text"]
    n_dup = tables.paragraphs["duplicate_of"].notna().sum()
    assert (d["what"] == "paragraph").sum() == n_dup


def test_topic_tables_shapes(tables):
    tt = compare.topic_tables(tables, k=3, random_state=0)
    assert tt.model is not None and tt.model.k_ == 3
    assert list(tt.clusters["cluster"]) == [0, 1, 2]
    assert tt.clusters["size"].sum() == len(tt.units)
    assert len(tt.representatives) == 3 and tt.representatives["file"].notna().all()
    assert len(tt.by_model) == 3
    assert tt.k_scores["chosen"].sum() == 1


def test_topic_tables_on_too_little_text_says_why():
    empty = compare.Tables(*(tables_mod._empty(n) for n in compare.TABLE_NAMES), source="none")
    tt = compare.topic_tables(empty)
    assert tt.model is None and "no topic model" in tt.note


# ----------------------------------------------------------------------------- findings, thresholds, levels


def test_findings_chinese_first_each_with_its_base(comparison):
    from govstats import findings

    st = findings.statements(comparison)
    assert list(st.columns) == ["section", "model", "zh", "en", "articles", "stated"]
    assert st["zh"].str.contains(r"[\u4e00-\u9fff]").all() and st["en"].str.len().gt(0).all()
    html = findings.findings_markdown(comparison).data
    assert html.index("中文") < html.index("English")
    for r in st[st["stated"]].itertuples():
        assert f"{r.zh} [{r.articles}]" in html
    assert f"at least {findings.MIN_ARTICLES} articles" in html
    pres = comparison.presence.set_index("model")
    first = st[(st["section"] == "presence") & (st["model"] == "楼长+")].iloc[0]
    assert first["articles"] == pres.loc["楼长+", "articles"]


def test_generalising_statements_need_enough_articles(comparison):
    from govstats import findings

    st = findings.statements(comparison, min_articles=100)
    gen = st["section"].isin(["mechanisms", "terms", "topics"])
    assert not st.loc[gen, "stated"].any()
    assert st.loc[st["section"] == "presence", "stated"].all()  # counts are always reported
    assert st.loc[st["section"] == "structure", "stated"].any()
    html = findings.findings_markdown(comparison, min_articles=100).data
    assert "withheld: fewer than 100 articles" in html
    assert len(findings.findings(comparison, min_articles=100)) < len(findings.findings(comparison))


def test_dates_for_only_some_models_never_read_nan(tables):
    import dataclasses

    arts = tables.articles.copy()
    lz = set(tables.mentions.loc[tables.mentions["model_id"] == "楼长+", "article_id"])
    sj = set(tables.mentions.loc[tables.mentions["model_id"] == "四级体系", "article_id"])
    arts["date"] = [("2023-05-01" if a in lz - sj else None) for a in arts["id"]]
    c = compare.compare_models(dataclasses.replace(tables, articles=arts), PAIR, topics=False)
    pres = c.presence.set_index("model")
    assert (
        pres.loc["四级体系", "first_date"] is None
        and pres.loc["楼长+", "first_date"] == "2023-05-01"
    )
    text = "\n".join(compare.findings(c))
    assert "nan" not in text and "dated" in text


def test_titles_are_not_paragraphs_and_restated_structures_count_once(tables, comparison):
    import dataclasses

    par = tables.paragraphs
    aid = tables.mentions.loc[tables.mentions["model_id"] == "楼长+", "article_id"].iloc[0]
    title = par[(par["article_id"] == aid) & (par["kind"] == "title")].iloc[0]
    extra = tables.mentions.iloc[[0]].copy()
    extra["article_id"], extra["paragraph_index"], extra["model_id"] = (
        aid,
        title["paragraph_index"],
        "楼长+",
    )
    h = tables.hierarchies
    again = h.iloc[[0]].copy()
    again["start"] = again["start"] + 1  # the same structure restated further on
    t2 = dataclasses.replace(
        tables,
        mentions=pd.concat([tables.mentions, extra], ignore_index=True),
        hierarchies=pd.concat([h, again], ignore_index=True),
    )
    c = compare.compare_models(t2, PAIR, topics=False)
    assert c.n_paragraphs["楼长+"] == comparison.n_paragraphs["楼长+"]
    assert len(c.structures) == len(comparison.structures)


def test_approximate_counts_are_flagged_where_they_feed_a_ratio(tables, comparison):
    import dataclasses

    lv = comparison.levels.set_index(["model", "level"])
    assert not lv["ratio_approximate"].any()
    ind = tables.indicators.copy()
    n95 = ind["value"].eq(95) & ind["surface"].str.contains("95")
    assert n95.any()
    ind.loc[n95, "qualifier"] = "approx_over"  # as if the text said 95余个
    c = compare.compare_models(dataclasses.replace(tables, indicators=ind), PAIR, topics=False)
    lv = c.levels.set_index(["model", "level"])
    assert lv.loc[("四级体系", "小区党支部"), "approximate"]
    assert lv.loc[("四级体系", "小区党支部"), "ratio_approximate"]
    assert lv.loc[("四级体系", "楼栋党小组"), "ratio_approximate"]  # 387 / ≈95
    assert not lv.loc[("四级体系", "社区党组织"), "ratio_approximate"]
    text = "\n".join(compare.findings(c))
    assert "≈2.8 小区党支部 per 社区党组织" in text and "approximate count" in text


def test_distinctive_terms_only_above_the_stated_z(tables, comparison):
    assert (comparison.terms["z"] >= 1.96).all()
    loose = compare.compare_models(tables, PAIR, topics=False, z_min=-100)
    assert len(loose.terms) > len(comparison.terms)


def test_places_roll_up_to_provinces_when_two_are_named(tables):
    import dataclasses

    arts = tables.articles.copy()
    arts["province"] = ["江苏省" if i % 2 else "山东省" for i in range(len(arts))]
    c = compare.compare_models(dataclasses.replace(tables, articles=arts), PAIR, topics=False)
    assert c.places.index.name == "province"
    assert set(c.places.index) <= {"江苏", "山东"}  # short names, one level
    assert c.places.to_numpy().sum() == c.presence["articles"].sum()
