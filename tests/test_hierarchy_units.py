"""Structures of units that are no administrative ranks, and rank lists ending with a unit.

Each class of sentence is tested with short quotes from ../shared/corpora (the id in the
comment; none of them is a gold document) and, where the corpora are present, on the
records themselves.
"""

from __future__ import annotations

import pytest
from conftest import corpus_of, real_records
from test_hierarchy import one  # structures of one text, surfaces and levels checked

from govstats.hierarchy import find_hierarchies

UNITS = [
    # the steps of one ladder of units (levels: ladders) before N级 (xwlb 699b31a6, ffee2902)
    ("申亮亮连续两年向团、营、连三级递交了志愿参加维和的请战书", ("团", "营", "连"), 3),
    ("新疆生产建设兵团在兵、师、团三级分别组建宣讲团宣讲", ("兵", "师", "团"), 3),
    # education units, a parenthesised alternative kept (xwlb 9bee6625)
    ("陕西省建立了教委、高校、院（系）三级负责人听课制度", ("教委", "高校", "院（系）"), 3),
    ("去年起实行了一项由教委、学校、院系三级负责人旁听思政课的新制度", ("教委", "学校", "院系"), 3),
    # ranks down to a unit of four characters, the last joined by 和 (xwlb 557bcd16)
    ("我国核应急体系由国家、省和营运单位三级核应急组织构成", ("国家", "省", "营运单位"), 3),
    # a list of named units, then 的 and an N级 claim of what they form (xwlb 6e9c576b):
    # kept in the order written
    (
        "此外，由一线队医、医疗专家、医疗康复保障单位和赛时指定医院在内的四级医疗保障体系也已经建成",
        ("一线队医", "医疗专家", "医疗康复保障单位", "赛时指定医院"),
        4,
    ),
    # one-character steps written together before N级 (xwlb decb0e5e, c1ef83c2, e5733ba2)
    ("依托指挥信息系统师团营三级任务部署同步展开", ("师", "团", "营"), 3),
    ("考验着师团两级指挥员的指挥和应变能力", ("师", "团"), 2),
    ("浙江省军区组织军师两级机关和地方有关部门开展模拟演练", ("军", "师"), 2),
    # two steps joined by 和 (xwlb 06060f0c)
    ("在华中科技大学，学校和院系两级领导深入师生", ("学校", "院系"), 2),
    # N个级别 / N个层级 claim as N级 (xwlb d54afe1c, b10757a6, 952209d6)
    (
        "全军首批士官长上岗。首批士官长分旅、团、营、连四个级别，从优秀士官中选拔",
        ("旅", "团", "营", "连"),
        4,
    ),
    ("目前设置的国家、省、市、县四个层级的监测站点已经超过5000个", ("国家", "省", "市", "县"), 4),
    ("纵向推动了市、区、街道、村居四个层级的信息整合", ("市", "区", "街道", "村居"), 4),
]


@pytest.mark.parametrize("text, levels, claimed", UNITS)
def test_unit_lists(text, levels, claimed):
    (h,) = one(text)
    assert h.levels == levels
    assert h.n_levels_claimed == claimed


@pytest.mark.parametrize(
    "text",
    [
        # steps out of order, or fewer than claimed: no structure
        "申亮亮连续两年向连、营、团三级递交了请战书",
        "新疆生产建设兵团在师、团四级分别组建宣讲团",
        # a longer list than the claim: which steps are the levels is not said
        "向军、师、旅、团、营三级递交了请战书",
        # a rank word then words is no unit below the ranks (xwlb f0dea114)
        "这里搞起了“河长制”，县、镇、村辖区分三级，层层有人管",
        # steps written together: the whole run, no word of a ladder inside it (兵团, 团场)
        "依托指挥信息系统军师团营三级任务部署",
        "兵团两级机关",
        "团场连队两级",
        # a step word alone is no level (共青团, 连队)
        "共青团中央、全国学联三级联动",
        # a grading by colour is no ladder (xwlb fbb8656a)
        "吉林省梨树县开展城乡联动，推出红、黄、绿三级新冠病毒诊疗研判体系",
        # units given their tasks in clauses: the levels are inside the items (xwlb b0264ddd,
        # e188ce0f); the provinces before 三级法院 are no levels (xwlb ea824e78)
        "正在形成定点医院救治重症患者、“方舱医院”治疗轻症患者、基层社区排查“四类人员”的三级分层分级防护体系",
        "北京市形成了市委常委会集体调研、市领导领题调研和各部门专项调研的三级调研格局",
        "目前，全国31个省（区、市）及新疆生产建设兵团的三级法院已全部实现",
        # N个层次 of tasks is no claim (state-council-reports 1997)
        "抓好技术开发和应用、高新技术及其产业、基础性科学研究三个层次的工作",
    ],
)
def test_no_unit_structure(text):
    assert one(text) == []


RECORDS = [
    ("xwlb", "699b31a645", ("团", "营", "连")),
    ("xwlb", "ffee290237", ("兵", "师", "团")),
    ("xwlb", "9bee6625ad", ("教委", "高校", "院（系）")),
    ("xwlb", "557bcd16d8", ("国家", "省", "营运单位")),
    ("xwlb", "d54afe1c66", ("旅", "团", "营", "连")),
    ("xwlb", "b10757a6f4", ("国家", "省", "市", "县")),
    ("xwlb", "952209d6fd", ("市", "区", "街道", "村居")),
    ("xwlb", "6e9c576b9f", ("一线队医", "医疗专家", "医疗康复保障单位", "赛时指定医院")),
    ("xwlb", "decb0e5e2e", ("师", "团", "营")),
    ("xwlb", "c1ef83c2aa", ("师", "团")),
    ("xwlb", "e5733ba2c2", ("军", "师")),
]


@pytest.fixture(scope="module")
def records():
    prefixes = tuple(i for _, i, _ in RECORDS)
    return {
        r["id"][:10]: r for r in real_records("xwlb", where=lambda r: r["id"].startswith(prefixes))
    }


@pytest.mark.parametrize("corpus, rid, levels", RECORDS)
def test_on_the_records_the_quotes_come_from(records, corpus, rid, levels):
    rec = records.get(rid)
    if rec is None:
        pytest.skip(f"{corpus}/{rid} is not in this copy of the corpora")
    hs = find_hierarchies(corpus_of(rec["text"]), indicators=[], include_restated=True)
    assert levels in [h.levels for h in hs]
    for h in hs:
        assert rec["text"][h.start : h.end] == h.surface
