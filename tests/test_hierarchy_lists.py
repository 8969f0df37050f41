"""Level lists before an N级 claim, as 新闻联播 and the work reports write them.

Each class of sentence is tested with short quotes from ../shared/corpora (the id in the
comment; none of them is a gold document) and, where the corpora are present, on the
records themselves.
"""

from __future__ import annotations

import pytest
from conftest import corpus_of, real_records
from test_hierarchy import one  # structures of one text, surfaces and levels checked

from govstats.hierarchy import find_hierarchies

LISTS = [
    # 国家 heads a list of ranks (xwlb 363543d5)
    ("我国已经建立国家、省、市、县四级免疫规划管理体系", ("国家", "省", "市", "县"), 4),
    # the first item of a list of ranks is the rank that ends it
    (
        "调研期间，分别与州、县、乡、村四级书记个别谈心",
        ("州", "县", "乡", "村"),
        4,
    ),  # xwlb 21dac857
    (
        "目前，3个试点地区已全面完成省、市、县三级监察委员会组建工作",
        ("省", "市", "县"),
        3,
    ),  # xwlb 2775b876
    (
        "在宁夏，由自治区、市、县三级扶贫部门组成的多个联合调研组",
        ("自治区", "市", "县"),
        3,
    ),  # xwlb 7ebe95c2
    ("当地市、县两级财政设立了“农村危房改造补助资金”专户", ("市", "县"), 2),  # xwlb 8bffd2b9
    (
        "坚持重心下移、力量下沉，健全区、街道、社区三级网络",
        ("区", "街道", "社区"),
        3,
    ),  # xwlb aaf2b9d1
    # a longer list whose last n items are the levels (xwlb b0333bad)
    (
        "全国31个省区市和新疆生产建设兵团的省、市、县三级监察委员会全部组建完成",
        ("省", "市", "县"),
        3,
    ),
    # written bottom-up (xwlb 267d1d00)
    ("不仅要在村居委会、乡镇、县三级公示", ("县", "乡镇", "村居委会"), 3),
    # a set-up verb between the list and its count (xwlb 17b5b575)
    (
        "惠州市结合“两学一做”学习教育活动，在县、镇、村构建起三级网络基层公共服务平台",
        ("县", "镇", "村"),
        3,
    ),
    # fewer levels written than claimed, the last two joined by 和 and followed by 的
    ("覆盖全市所有区县、镇街和村社的五级联动", ("区县", "镇街", "村社"), 5),
    # from … to … (xwlb ab1df596, f4373fd8, bbb0fff0)
    ("形成了从国家到省、市、县四级联动的保护体系", ("国家", "省", "市", "县"), 4),
    ("目前，山东已建立从省到村五级为民服务体系", ("省", "村"), 5),
    ("积极构建从国家到村（社区）的六级公共文化服务网络", ("国家", "村（社区）"), 6),
    ("建立从市到村的四级联动机制", ("市", "村"), 4),
    # lists on both sides of 到 (xwlb df64356b, 4c4fe338)
    ("山东已初步建立起从省、市、县到镇、村的五级监管体系", ("省", "市", "县", "镇", "村"), 5),
    (
        "已建立从国家、省、市、县、乡镇（街道）到村（社区）的6级退役军人服务中心（站）",
        ("国家", "省", "市", "县", "乡镇（街道）", "村（社区）"),
        6,
    ),
    # the first item a rank word or a level with a parenthesised alternative (xwlb 7442e7d0),
    # named places of descending rank (b20a52b6), 地 for a prefecture (25426347, d6ba1b74),
    # 行政村 (b4940c2a), 建设 between list and count (92153fd8)
    (
        "覆盖城乡的国家、省、市、县、乡、村（社区）六级公共文化服务网络已经基本建成",
        ("国家", "省", "市", "县", "乡", "村（社区）"),
        6,
    ),
    (
        "在流调溯源方面，国家、福建省、莆田市、仙游县四级组成了超过200人的流调队伍",
        ("国家", "福建省", "莆田市", "仙游县"),
        4,
    ),
    ("当天，习近平带领地县两级领导接待了102名上访群众", ("地", "县"), 2),
    ("对我国省、地、县、乡四级行政区划代码的确定、公布和使用作出规定", ("省", "地", "县", "乡"), 4),
    ("去年，广西建立了从自治区到行政村的五级联动", ("自治区", "行政村"), 5),
    (
        "全国供销合作社系统服务下沉，在省、市、县、乡、村建设五级为农服务中心",
        ("省", "市", "县", "乡", "村"),
        5,
    ),
    # clauses led by descending ranks inside a quote after a set-up verb (xwlb 892679ee)
    (
        "我国已基本形成“地市诊断、县区体检、乡镇康复”的三级职业病诊疗康复体系",
        ("地市", "县区", "乡镇"),
        None,
    ),
    # a 、 inside a parenthesised alternative separates no levels (xwlb cb6a37fc)
    (
        "县（市、区）、乡镇（街道）、行政村（社区）三级公共健身设施实现全覆盖",
        ("县（市、区）", "乡镇（街道）", "行政村（社区）"),
        3,
    ),
    # two ranks joined by 和 (state-council-reports 1999)
    (
        "加快高等教育向中央和省两级管理、在国家宏观政策指导下以省级政府统筹为主的新体制过渡",
        ("中央", "省"),
        2,
    ),
    # 的 or the levels' holder between the pair and 两级 (xwlb ccb60aaa, state-council 1995)
    ("明确了中央和省级的两级督察体制", ("中央", "省级"), 2),
    ("高等教育实行中央和省级政府两级办学、两级管理的体制", ("中央", "省级"), 2),
    # a run of ranks with the holders of the levels before the count (xwlb 5928d969)
    ("在吉林市，市县乡村书记四级联动，干部群众共同学习十九大精神", ("市", "县", "乡", "村"), 4),
    # a run of ranks right after a place name ending in a rank character (xwlb 6d391442)
    ("针对最后的“硬骨头”，贵州省市县三级联动，主要责任人挂牌督战", ("省", "市", "县"), 3),
    # the claim later in the sentence (xwlb e9325670, 103ea919)
    ("实现了以三家医院为核心，延伸至县、乡、村的六级远程医疗会诊平台", ("县", "乡", "村"), 6),
    (
        "十年来，西藏初步建成了覆盖区、市、县、乡、村的五级医疗卫生服务网络",
        ("区", "市", "县", "乡", "村"),
        5,
    ),
    (
        "每个省、市、县、乡的党政一把手层层签署责任书，立下军令状，形成了五级书记一起抓扶贫的局面",
        ("省", "市", "县", "乡"),
        5,
    ),
    # regional party committees (大党委, 大工委) are levels
    (
        "构建街道大工委、社区大党委、网格党支部三级组织体系",
        ("街道大工委", "社区大党委", "网格党支部"),
        3,
    ),
    # a dash chain of rank-led units before its count (xwlb 85af2a72)
    (
        "推进“县政务服务中心——乡镇便民服务中心——村便民服务站”三级平台建设",
        ("县政务服务中心", "乡镇便民服务中心", "村便民服务站"),
        3,
    ),
]


@pytest.mark.parametrize("text, levels, claimed", LISTS)
def test_level_lists(text, levels, claimed):
    (h,) = one(text)
    assert h.levels == levels
    assert h.n_levels_claimed == claimed


@pytest.mark.parametrize(
    "text, levels",
    [
        # 省、市、自治区 is one (provincial) level, the provinces' set phrase (state-council 1959)
        (
            "一九五八年由中央和省、市、自治区两级举办的限额以上的新建和扩建的工矿企业共有一千多个",
            ("中央", "省、市、自治区"),
        ),
        # a list of ranks of different levels is no one level of a pair
        ("由中央和省、市、县两级共同负责", None),
        # a clause is no level: only the run of ranks before 两级 is read (xwlb d8c7865c)
        ("大部分省、区、市已经选出县乡两级人大代表", ("县", "乡")),
        # a list of ranks with no N级 in its sentence (a funding source, ann5 rule 6)
        ("中央、省、市、县财政专项扶贫资金累计投入近1.6万亿元", None),
        # places along a road: the ranks go down and up again (xwlb 62c7d7e3)
        (
            "地震灾区最主要的5条通道，也就是昭巧线(鲁甸县-龙头山镇-巧家县)、鲁甸县-火德红镇全部被打通",
            None,
        ),
        # roles of component kinds, not levels (xwlb b3ad5910, c5aa8bc0): 以A为主体、B为基础…
        ("以国家公园为主体、自然保护区为基础、各类自然公园为补充的自然保护地体系", None),
        ("以居家为基础、社区为依托、机构为支撑的养老服务体系", None),
        # a far claim of something that is no structure (医院 grade)
        ("县、乡、村卫生室全部配齐医生，三级医院对口支援", None),
    ],
)
def test_lists_that_are_not_or_only_partly_structures(text, levels):
    hs = one(text)
    assert [h.levels for h in hs] == ([levels] if levels else [])


# the records the quotes above come from: (corpus, id, the levels found there)
RECORDS = [
    ("xwlb", "363543d5d24c4c8fa22a4e982d751092", ("国家", "省", "市", "县")),
    ("xwlb", "21dac857febb470a84b8e1582c9507ec", ("州", "县", "乡", "村")),
    ("xwlb", "17b5b5755bc74a6894fd90c04e819855", ("县", "镇", "村")),
    ("xwlb", "ab1df596428e41369292ec30512118da", ("国家", "省", "市", "县")),
    ("xwlb", "5928d969b7a848f0a2a3a039f227d3a7", ("市", "县", "乡", "村")),
    ("xwlb", "2775b876d6a843948b80d9636cd3a013", ("省", "市", "县")),
    (
        "xwlb",
        "85af2a728c3e4d6691a19568a9bf7b1e",
        ("县政务服务中心", "乡镇便民服务中心", "村便民服务站"),
    ),
    ("xwlb", "df64356b6bb84bf8a56537dc426f6c78", ("省", "市", "县", "镇", "村")),
]


@pytest.fixture(scope="module")
def records():
    wanted = {i for _, i, _ in RECORDS}
    return {r["id"]: r for r in real_records("xwlb", where=lambda r: r["id"] in wanted)}


@pytest.mark.parametrize("corpus, rid, levels", RECORDS)
def test_on_the_records_the_quotes_come_from(records, corpus, rid, levels):
    rec = records.get(rid)
    if rec is None:
        pytest.skip(f"{corpus}/{rid} is not in this copy of the corpora")
    hs = find_hierarchies(corpus_of(rec["text"]), indicators=[], include_restated=True)
    assert levels in [h.levels for h in hs]
    for h in hs:
        assert rec["text"][h.start : h.end] == h.surface


def test_traditional_script_structures_read_as_simplified(tmp_path):
    """The reader converts traditional characters 1:1 (OpenCC t2s), so the level words,
    ranks and ordinal grids match with no traditional copy of the vocabulary."""
    import govstats as gs

    text = (
        "構建“社區黨委—小區黨支部—樓棟黨小組—黨員中心戶”四級治理體系。"
        "全區設一級網格12個、二級網格86個、三級網格540個。在縣、鄉、村、組設置四級網格。"
    )
    (tmp_path / "t.txt").write_text(text + "\n", encoding="utf-8")
    corpus = gs.load_corpus(tmp_path)
    doc = corpus.documents[0].text
    if "區" in doc:
        pytest.skip("the reader does not convert traditional script")
    hs = find_hierarchies(corpus, indicators=[])
    assert [h.levels for h in hs] == [
        ("社区党委", "小区党支部", "楼栋党小组", "党员中心户"),
        ("一级网格", "二级网格", "三级网格"),
        ("县", "乡", "村", "组"),
    ]
    assert [h.model_id for h in hs] == ["四级体系", "三级网格", "四级体系"]
    assert hs[1].counts_dict == {"一级网格": 12.0, "二级网格": 86.0, "三级网格": 540.0}
    for h in hs:
        assert doc[h.start : h.end] == h.surface
