"""Tests for govstats.hierarchy: chains, enumerations, procedures rejected, counts, ratios."""

from __future__ import annotations

import json
import re

import pytest
from conftest import corpus_of

import govstats as gs
from govstats.hierarchy import find_hierarchies, hierarchies_frame, hierarchy_to_json
from govstats.records import Indicator


def count_indicators(corpus) -> list[Indicator]:
    """Stand-in for the indicator extractor: every '<digits>个<noun>' with its noun as subject."""
    out = []
    for art in corpus.articles:
        text = corpus.document(art.doc_id).text
        for m in re.finditer(
            r"(\d+)个([\u4e00-\u9fff]{2,6}?(?:党组织|党支部|党小组|党委))",
            text[art.start : art.end],
        ):
            s = art.start + m.start()
            out.append(
                Indicator(
                    file=art.file,
                    article_id=art.id,
                    article_index=art.index,
                    paragraph_index=0,
                    start=s,
                    end=s + len(m.group(1)) + 1,
                    surface=m.group(1) + "个",
                    context="",
                    value=float(m.group(1)),
                    value_max=None,
                    unit="个",
                    qualifier="exact",
                    subject=m.group(2),
                    time_scope=None,
                    place=None,
                )
            )
    return out


def one(text: str, **kw):
    hs = find_hierarchies(corpus_of(text), indicators=kw.pop("indicators", []), **kw)
    for h in hs:
        assert text[h.start : h.end] == h.surface
        for lv in h.levels:
            assert lv in h.surface
    return hs


@pytest.mark.parametrize(
    "text, levels, claimed, model",
    [
        (
            "建立健全“社区党委—小区（网格党支部）—楼栋党小组—党员中心户”四级治理体系。",
            ("社区党委", "小区（网格党支部）", "楼栋党小组", "党员中心户"),
            4,
            "四级体系",
        ),
        (
            "构建起“街道党委-社区党总支-网格党支部-楼栋党小组”的四级网格治理体系。",
            ("街道党委", "社区党总支", "网格党支部", "楼栋党小组"),
            4,
            "四级体系",
        ),
        (
            "健全“社区党组织－小区党支部－楼栋党小组”三级组织体系。",
            ("社区党组织", "小区党支部", "楼栋党小组"),
            3,
            None,
        ),
        (
            "形成社区党委→小区党支部→楼栋党小组→党员中心户的组织链条。",
            ("社区党委", "小区党支部", "楼栋党小组", "党员中心户"),
            None,
            "四级体系",
        ),
        # a role word (楼栋长) alone does not make the structure the 楼长+ model's ...
        (
            "依据“社区党委+小区党支部+楼院党小组”的组织体系，选出优秀楼栋长。",
            ("社区党委", "小区党支部", "楼院党小组"),
            None,
            None,
        ),
        # ... but it does where the paragraph names the model (seed 004)
        (
            "“楼长+组长”夯实党的阵地建设。依据“社区党委+小区党支部+楼院党小组”的组织体系，选出优秀楼栋长。",
            ("社区党委", "小区党支部", "楼院党小组"),
            None,
            "楼长+",
        ),
        (
            "依据社区党委＋小区党支部＋楼院党小组的组织体系开展工作。",
            ("社区党委", "小区党支部", "楼院党小组"),
            None,
            None,
        ),
        ("实现“区级—街道—社区”三级党群服务阵地全覆盖。", ("区级", "街道", "社区"), 3, "三级网格"),
        ("搭建“区、街、社区”三级书记直接沟通交流桥梁。", ("区", "街", "社区"), 3, "三级网格"),
        (
            "依据社区党委、小区党支部、楼栋党小组三级体系。",
            ("社区党委", "小区党支部", "楼栋党小组"),
            3,
            None,
        ),
        (
            "划定社区为一级网格,村(小区)为二级网格,内部片区为三级网格,选配各级网格长。",
            ("社区", "村(小区)", "内部片区"),
            3,
            "三级网格",
        ),
        ("建立“社区党委—小区党支部”两级架构。", ("社区党委", "小区党支部"), 2, None),
    ],
)
def test_chain_and_enumeration_forms(text, levels, claimed, model):
    (h,) = one(text)
    assert h.levels == levels
    assert h.n_levels_claimed == claimed
    assert h.model_id == model
    assert h.counts == tuple((lv, None) for lv in levels)


@pytest.mark.parametrize(
    "text",
    [
        "实行“居民下单—社区派单—党员接单”服务模式。",
        "通过“个人报名自荐—街道园区推荐—组织部门考察”选拔模式。",
        "通过居民提出建议—楼栋党小组集体商议—小区党支部审议—社区党组织定议的方式。",
        "有2处是包含“养老设施+幸福食堂”的社区养老服务中心。",
        "做实“1+7+34”党群服务阵地体系，探索建立“4+N”阵地功能服务体系。",
        "“楼长+组长”夯实党的阵地建设。“楼长+站长”健全协商共建机制。",
        "我于8月9日——13日参加培训，70-79岁老人每餐可享受补贴。",
        "开展“信义+人居环境”“信义+美丽乡村”“信义+优秀胡同”等志愿活动。",
        "搭建“区、街”三级书记直接沟通交流桥梁。",  # two items, three levels claimed
        "小事不出小区、大事不出社区。",
        "建立“社区党委—小区党支部”的联系。",  # two levels, no stated level count
    ],
)
def test_procedures_and_non_structures_are_rejected(text):
    assert one(text) == []


def test_front_and_back_trimming_of_unquoted_chains():
    (h,) = one("我们建立社区党委—小区党支部—楼栋党小组的三级体系。")
    assert h.levels == ("社区党委", "小区党支部", "楼栋党小组")
    assert h.n_levels_claimed == 3


def test_counts_align_through_level_synonyms_and_ratios():
    text = (
        "健全“社区党委—小区党支部—楼栋党小组—党员中心户”四级组织体系，"
        "建立34个社区党组织、95个小区党支部、387个楼栋党小组。"
    )
    c = corpus_of(text)
    (h,) = find_hierarchies(c, indicators=count_indicators(c))
    assert h.counts == (
        ("社区党委", 34.0),
        ("小区党支部", 95.0),
        ("楼栋党小组", 387.0),
        ("党员中心户", None),
    )
    (r1, r2) = h.ratios()
    assert r1[:2] == ("社区党委", "小区党支部") and r1[2] == pytest.approx(95 / 34)
    assert r2[2] == pytest.approx(387 / 95)


def test_counts_found_by_the_text_after_the_indicator_when_subject_is_missing():
    text = "构建“街道党委-社区党总支-网格党支部-楼栋党小组”的四级网格治理体系，建立起10个网格党支部和40个楼栋党小组。"
    c = corpus_of(text)
    inds = [
        Indicator(
            file="t.txt",
            article_id="d0-000",
            article_index=0,
            paragraph_index=0,
            start=text.index(s),
            end=text.index(s) + len(s),
            surface=s,
            context="",
            value=v,
            value_max=None,
            unit="个",
            qualifier="exact",
            subject=None,
            time_scope=None,
            place=None,
        )
        for s, v in (("10个", 10.0), ("40个", 40.0))
    ]
    (h,) = find_hierarchies(c, indicators=inds)
    assert h.counts_dict == {
        "街道党委": None,
        "社区党总支": None,
        "网格党支部": 10.0,
        "楼栋党小组": 40.0,
    }
    assert h.ratios() == [("网格党支部", "楼栋党小组", pytest.approx(4.0))]


def test_counts_only_from_the_same_article():
    text = "健全“社区党委—小区党支部—楼栋党小组”三级体系。"
    c = corpus_of(text)
    other = Indicator(
        file="t.txt",
        article_id="other",
        article_index=1,
        paragraph_index=0,
        start=0,
        end=2,
        surface="健全",
        context="",
        value=5.0,
        value_max=None,
        unit="个",
        qualifier="exact",
        subject="社区党委",
        time_scope=None,
        place=None,
    )
    (h,) = find_hierarchies(c, indicators=[other])
    assert h.counts_dict["社区党委"] is None


def test_seed_002_counts_and_ratios(seed_corpus):
    hs = find_hierarchies(seed_corpus, indicators=count_indicators(seed_corpus))
    (h,) = [h for h in hs if h.file.startswith("002") and h.n_levels_claimed == 4]
    assert h.levels == ("社区党组织", "小区党支部", "楼栋党小组", "党员中心户")
    assert h.model_id == "四级体系"
    assert h.counts_dict == {
        "社区党组织": 34,
        "小区党支部": 95,
        "楼栋党小组": 387,
        "党员中心户": None,
    }
    ratios = {(a, b): r for a, b, r in h.ratios()}
    assert ratios[("小区党支部", "楼栋党小组")] == pytest.approx(387 / 95)
    assert round(ratios[("小区党支部", "楼栋党小组")], 1) == pytest.approx(4.1)


def test_seed_002_counts_with_the_real_indicator_extractor(seed_corpus):
    hs = find_hierarchies(seed_corpus)  # indicators extracted lazily
    (h,) = [h for h in hs if h.file.startswith("002") and h.n_levels_claimed == 4]
    assert h.counts_dict == {
        "社区党组织": 34,
        "小区党支部": 95,
        "楼栋党小组": 387,
        "党员中心户": None,
    }


def test_seed_hierarchies_and_invariants(seed_corpus):
    hs = find_hierarchies(seed_corpus, indicators=[])
    texts = {d.id: d.text for d in seed_corpus.documents}
    doc_of = {a.id: a.doc_id for a in seed_corpus.articles}
    for h in hs:
        assert texts[doc_of[h.article_id]][h.start : h.end] == h.surface
    got = {(h.file[:3], h.levels) for h in hs}
    assert ("000", ("社区党委", "小区(网格党支部)", "楼栋党小组", "党员中心户")) in got
    assert ("001", ("社区", "村(小区)", "内部片区")) in got
    assert ("003", ("街道党委", "社区党总支", "网格党支部", "楼栋党小组")) in got
    assert ("004", ("社区党委", "小区党支部", "楼院党小组")) in got
    assert not any("派单" in lv or "推荐" in lv or "提事" in lv for h in hs for lv in h.levels)
    assert find_hierarchies(seed_corpus, indicators=[]) == hs  # deterministic


def test_json_and_frame():
    (h,) = one("健全“社区党委—小区党支部—楼栋党小组”三级组织体系。")
    row = hierarchy_to_json(h)
    assert row["levels"] == ["社区党委", "小区党支部", "楼栋党小组"]
    assert row["counts"] == {"社区党委": None, "小区党支部": None, "楼栋党小组": None}
    assert {"file", "article_index", "start", "end", "n_levels_claimed", "model_id"} <= set(row)
    json.dumps(row, ensure_ascii=False)
    df = hierarchies_frame([h])
    assert df.loc[0, "n_levels"] == 3 and df.loc[0, "levels"] == h.levels
    assert list(hierarchies_frame([]).columns) == list(df.columns)


def test_user_level_nouns_extend_the_vocabulary(tmp_path):
    text = "建立“社区党委—胡同党支部—院落长”三级体系。"
    assert one(text) == []
    p = tmp_path / "lv.yaml"
    p.write_text("levels:\n  nouns: [院落长]\n", encoding="utf-8")
    (h,) = one(text, lexicon=gs.load_lexicon(extra=p))
    assert h.levels == ("社区党委", "胡同党支部", "院落长")
