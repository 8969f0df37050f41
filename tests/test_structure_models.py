"""A stated structure names a structure model (issue 13): a four-level structure whose four
levels the text claims names 四级体系, the convention of the real gold's later rounds
(tests/data/gold/real/README.md), and the mention's alias says which kind of structure it is.

Sentences marked with a corpus id are quotes from non-gold stories of ../shared/corpora; the
others are written for the rule.
"""

from __future__ import annotations

import pytest
from conftest import corpus_of

from govstats.errors import LexiconError
from govstats.hierarchy import find_hierarchies
from govstats.lexicon import find_models, load_lexicon


def four_level(text: str):
    """(surface, alias) of every 四级体系 mention of one paragraph."""
    ms = find_models(corpus_of(text))
    for m in ms:
        assert text[m.start : m.end] == m.surface
    return [(m.surface, m.alias) for m in ms if m.model_id == "四级体系"]


@pytest.mark.parametrize(
    "text, surface",
    [
        # xwlb 4ab6b522: a run of one-character ranks before 四级
        ("全国已建设省市县乡四级公共法律服务平台4.1万多个", "省市县乡四级"),
        # xwlb d771c58a: a 、-list, the top level read out of the city's name
        (
            "利用卫星视角，眉山市、县、乡、村四级田长和网格员等9959人开展科技巡田",
            "市、县、乡、村四级",
        ),
        (
            "力争今年底前，在全国所有行政区域，建立省、市、县、乡四级湖长体系。",
            "省、市、县、乡四级",
        ),  # xwlb fd216faf
        ("此次省市县乡四级党委换届，各级党委和纪检机关认真落实", "省市县乡四级"),  # xwlb fda1b007
        ("实现国家、省、市、县四级医保信息互联互通", "国家、省、市、县四级"),  # xwlb 8748c901
        ("当地建立县、乡、村、组四级防灾体系", "县、乡、村、组四级"),  # xwlb 9bf108e4
        (
            "在流调溯源方面，国家、福建省、莆田市、仙游县四级组成了流调队伍",
            "国家、福建省、莆田市、仙游县四级",
        ),  # xwlb b20a52b6
        # the model's own word after the levels is part of the one mention
        ("该省建立省、市、县、乡四级联动机制", "省、市、县、乡四级联动"),
        ("建立从省到乡的四级联动机制", "从省到乡的四级联动"),
    ],
)
def test_a_claimed_four_level_linkage_of_government_levels_names_the_model(text, surface):
    assert four_level(text) == [(surface, "四级行政层级")]


def test_the_community_chain_is_labelled_as_such_and_is_one_mention():
    # governance 8efc5243 (the lexicon's evidence sentence): the chain, its 四级 claim and the
    # model's name are one mention; 党员中心户 inside it is no separate role
    text = "辽宁省通过街道党工委、村党组织、网格党支部和党员中心户四级党组织体系，利用“两微一端”"
    assert four_level(text) == [
        ("街道党工委、村党组织、网格党支部和党员中心户四级党组织体系", "四级组织链条")
    ]
    chain = "建立健全“社区党委—小区党支部—楼栋党小组—党员中心户”四级治理体系。"
    assert four_level(chain) == [
        ("社区党委—小区党支部—楼栋党小组—党员中心户”四级治理体系", "四级组织链条")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "吉林组织省市县乡村五级宣讲团，进学校、进社区",  # xwlb 3e2083e7: five levels
        "全国县乡村三级农村养老服务网络加快构建",  # xwlb 69ed34e1: three levels
        "国家减灾委、民政部紧急启动国家四级救灾应急响应。",  # xwlb 10618a97: a grade
        "全国四级法院开通违纪违法举报网站",  # xwlb 56436e61: 四级 with no level written
        # four levels written but no number claimed: a division of work, not a named model
        "形成省级统筹、市级协调、县级落实、乡镇执行的工作格局",
    ],
)
def test_other_depths_grades_and_unclaimed_divisions_name_no_model(text):
    assert four_level(text) == []


def test_a_bare_four_level_claim_keeps_its_literal_alias():
    # a headline with no level written: the alias is the word itself, the kind unknown
    assert four_level("浙江四级联动举行人防演习") == [("四级联动", "四级联动")]


def test_the_hierarchy_of_a_claimed_four_level_structure_is_the_models():
    hs = find_hierarchies(corpus_of("此次省市县乡四级党委换届，各级党委认真落实"), indicators=[])
    assert [(h.levels, h.n_levels_claimed, h.model_id) for h in hs] == [
        (("省", "市", "县", "乡"), 4, "四级体系")
    ]
    hs = find_hierarchies(
        corpus_of("形成省级统筹、市级协调、县级落实、乡镇执行的工作格局"), indicators=[]
    )
    assert [h.model_id for h in hs] == [None]


def _user_lexicon(tmp_path, structures: str, depth: str = "    depth: 3\n"):
    p = tmp_path / "extra.yaml"
    p.write_text(
        "models:\n"
        "  - id: 三级服务网\n"
        "    category: organisation structure\n"
        "    description: test\n" + depth + "    aliases: [三级服务网]\n" + structures,
        encoding="utf-8",
    )
    return load_lexicon(extra=p)


def test_rules_are_data_first_fitting_rule_labels(tmp_path):
    lex = _user_lexicon(
        tmp_path,
        "    structures:\n"
        "      - label: 网格三级\n"
        "        level_words: [网格]\n"
        "      - label: 行政三级\n"
        "        ranks_only: true\n",
    )
    got = [
        (m.surface, m.alias)
        for m in find_models(corpus_of("全国县乡村三级农村养老服务网络加快构建"), lexicon=lex)
        if m.model_id == "三级服务网"
    ]
    assert got == [("县乡村三级", "行政三级")]


@pytest.mark.parametrize(
    "structures, depth, message",
    [
        ("    structures:\n      - label: x\n", "", "needs 'depth'"),
        ("    structures:\n      - level_words: [网格]\n", "    depth: 3\n", "non-empty 'label'"),
        ("    structures:\n      - label: x\n        top: 街道\n", "    depth: 3\n", "unknown key"),
        (
            "    structures:\n      - label: x\n        ranks_only: 1\n",
            "    depth: 3\n",
            "true or false",
        ),
    ],
)
def test_bad_structure_rules_are_named(tmp_path, structures, depth, message):
    with pytest.raises(LexiconError, match=message):
        _user_lexicon(tmp_path, structures, depth)


def test_a_rule_naming_an_unknown_rank_is_named(tmp_path):
    lex = _user_lexicon(
        tmp_path, "    structures:\n      - label: x\n        top_at_or_below: 大队\n"
    )
    with pytest.raises(LexiconError, match="top_at_or_below '大队' is no rank word"):
        find_models(corpus_of("全国县乡村三级农村养老服务网络加快构建"), lexicon=lex)
