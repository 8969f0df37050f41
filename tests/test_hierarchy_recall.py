"""Structures the extractor missed on random non-gold 新闻联播 stories with the wide cue
(tools/measure_structures.py, bench/structure_verdicts_a.json), one class per test, each with
several real sentences (xwlb ids) and the near misses the rule must leave alone.
"""

from __future__ import annotations

import pytest
from test_hierarchy import one  # structures of one text, surfaces and levels checked


def levels_of(text: str):
    return [(h.levels, h.n_levels_claimed) for h in one(text)]


@pytest.mark.parametrize(
    "text, levels, claimed",
    [
        # the list opens inside a clause that ends with its first rank
        (
            "此外，陕西还通过提高保障房补助标准、建立省、市、县、街道、社区五级住房保障信息平台等措施",
            ("省", "市", "县", "街道", "社区"),
            5,
        ),  # xwlb 2f68cbe3
        (
            "山东、河南、湖南等地建立省、市、县三级气象联动机制，精准定位重点路段",
            ("省", "市", "县"),
            3,
        ),  # xwlb 9f29df27
        (
            "今年，江西、安徽开始着力打造省、市、县、乡、村五级林长制体系",
            ("省", "市", "县", "乡", "村"),
            5,
        ),  # xwlb 2f577de6
    ],
)
def test_a_list_that_opens_inside_a_clause(text, levels, claimed):
    assert levels_of(text) == [(levels, claimed)]


def test_a_longer_list_of_ranks_is_still_no_reading():
    # the provinces' set phrase is one level of the pair (state-council reports 1959) ...
    assert levels_of("中央和省、市、自治区两级") == [(("中央", "省、市、自治区"), 2)]
    # ... a list of ranks of several levels is none
    assert levels_of("中央和省、市、县两级") == []


@pytest.mark.parametrize(
    "text, levels, claimed",
    [
        (
            "南疆三地州4151个行政村文化室和社区文化中心建设全部完工，区地县乡村五级公共文化服务体系初步建成",
            ("区", "地", "县", "乡", "村"),
            5,
        ),  # xwlb fd4ac289 (新疆)
        (
            "迅速启动医疗应急响应，构建村县级、市级、区级三级救治体系。",
            ("区级", "市级", "县级"),
            3,
        ),  # xwlb ec4ea9b5 (西藏)
        (
            "宁夏结合实际，成立区、市、县、乡四级宣讲团",
            ("区", "市", "县", "乡"),
            4,
        ),  # xwlb d6498d5c
        # in order as a district below the city: not the region
        ("贯通市区两级数据共享渠道，不断提高办事效率", ("市", "区"), 2),  # xwlb 1a317174
    ],
)
def test_qu_next_to_a_city_rank_is_the_autonomous_region(text, levels, claimed):
    assert levels_of(text) == [(levels, claimed)]


@pytest.mark.parametrize(
    "text, levels",
    [
        (
            "2014年，延安市和洛川县两级果业管理局联合西北农林科技大学",
            ("延安市", "洛川县"),
        ),  # xwlb a30548ad
        ("每一分钱都由北京市和东城区两级政府筹集", ("北京市", "东城区")),  # xwlb 03c02be9
        ("还可以获得国家和辽宁省两级专项资金支持", ("国家", "辽宁省")),  # xwlb 5ce381f9
        ("我国已建立重点医疗物资中央、地方两级调度机制", ("中央", "地方")),  # xwlb 68fd4ee2
    ],
)
def test_two_places_or_the_centre_and_the_localities_of_two_levels(text, levels):
    assert levels_of(text) == [(levels, 2)]


@pytest.mark.parametrize("text", ["坚持中国和美国两级对话", "东城区和西城区两级"])
def test_two_places_need_two_ranks_top_first(text):
    assert levels_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "会议要求按照中央统筹、省负总责、市县抓落实的工作机制",  # xwlb e51437b9
        "强化中央统筹、省负总责、市县抓落实的管理体制",  # xwlb b3a13e32
        "实行中央统筹、省负总责、市县抓落实的工作机制",  # xwlb 8726641b
    ],
)
def test_a_division_of_responsibility_after_any_words(text):
    assert levels_of(text) == [(("中央", "省", "市县"), None)]


@pytest.mark.parametrize(
    "text",
    [
        "加强市场监管、县级执法、乡镇巡查",  # a market is no city level
        # members elected at each level: a plain list, no division of work
        "选举产生新一届市级党委常委4384人、县级党委常委30028人、乡镇党委委员275205人。",  # xwlb fda1b007
    ],
)
def test_no_division_of_responsibility(text):
    assert levels_of(text) == []


@pytest.mark.parametrize(
    "text, levels, claimed",
    [
        (
            "应急管理部推动实施自然灾害防治重点工程，建成部、省、市、县四级贯通的应急指挥信息网",
            ("部", "省", "市", "县"),
            4,
        ),  # xwlb cc085314
        (
            "计划到2025年，形成国家、省、市、县、校五级线上教育平台体系",
            ("国家", "省", "市", "县", "校"),
            5,
        ),  # xwlb 51cc748b: the schools below the four government levels
    ],
)
def test_a_ministry_on_top_or_a_unit_at_the_bottom(text, levels, claimed):
    assert levels_of(text) == [(levels, claimed)]


def test_a_rank_inside_a_word_does_not_break_a_run():
    assert levels_of("全部省市县三级党委") == [(("省", "市", "县"), 3)]


@pytest.mark.parametrize(
    "text, levels",
    [
        ("山西省、太原市两级公安机关迅速成立专案组", ("山西省", "太原市")),  # xwlb a84839e0
        (
            "今年年初，哈工大与黑龙江省、哈尔滨市两级政府联合成立哈工大机器人集团。",
            ("黑龙江省", "哈尔滨市"),
        ),  # xwlb 7d957a5f
        ("仅这一项，西藏自治区和拉萨市两级财政每年就要补贴3.7个亿。", ("西藏自治区", "拉萨市")),
        # xwlb f09b7515; near misses: no named place among the levels, ranks stay bare
        ("重庆市组建市、区县两级宣讲队进企业、进校园等", ("市", "区县")),  # xwlb 01585be9
        ("由北京市和东城区两级政府筹集", ("北京市", "东城区")),  # xwlb 03c02be9
    ],
)
def test_a_rank_beside_a_named_place_keeps_its_name(text, levels):
    assert levels_of(text) == [(levels, 2)]
