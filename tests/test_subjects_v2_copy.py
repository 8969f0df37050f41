"""Convention v2 classes of session 6 (issue 11), read on random non-gold paragraphs
(``tools/sample_indicators.py --seed 101 -n 4000``): every sentence here is a non-gold one."""

from __future__ import annotations

import pytest
from conftest import figure

from govstats.subject_copy import copied
from govstats.subject_forms import object_of_verb


def _subject(text: str, surface: str) -> str | None:
    return figure(text, surface).subject


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # rule 1: quotes as written, inside a name (a name wholly in quotes loses them: the seed
        # gold of the first convention never keeps them)
        (
            "截至2018年11月，全国共建立“扫黄打非”基层站点51万多个。",
            "51万多个",
            "“扫黄打非”基层站点",
        ),
        ("截至目前，培育专精特新“小巨人”企业4700多家。", "4700多家", "专精特新“小巨人”企业"),
        ("《规定》共11章56条，按照面向部队、面向实战的原则", "11章", "《规定》"),
        # rule 1: the span as written after a word the rules drop from inside (a list's other
        # items before a shared head)
        (
            "从贸易伙伴看，前5个月，我国对东盟、欧盟、非洲进出口分别增长16.3%、10.3%和5%",
            "10.3%",
            "进出口",
        ),
        # rule 2: the object of the verb before the figure, whatever it measures
        ("今年中央财政将安排科技支出1134亿元", "1134亿元", "科技支出"),
        ("最近，这里每天接待参观者8000多人，去年同期增", "8000多人", "参观者"),
        ("日均组织开行货物列车17156列，确保了重点物资的运输。", "17156列", "货物列车"),
        ("全国共查处相关问题8.88万件，追回集体资金5亿元", "5亿元", "集体资金"),
        # rule 2: a classifier, a relative clause and 的: the noun after 的 is counted
        ("彻底地解决了门禁改造、停车收费等120多件久拖不决的难题。", "120多件", "难题"),
        ("社区党委梳理出12条要集中解决的问题。", "12条", "问题"),
        ("颁奖典礼昨晚举行，十名获得特等奖的观众来到现场，畅谈了各自的中国梦。", "十名", "观众"),
        ("同时对22名不适应岗位要求的干部作出调整", "22名", "干部"),
        ("划船社区有275个相对独立的院落，3800多户家庭分属不同的院落。", "275个", "院落"),
        # rule 2: a one-character verb and its object after the classifier's noun are its predicate
        ("夜市上的近百种特色小吃令游人流连忘返", "近百种", "特色小吃"),
        ("湖北省13个市州和4个省直辖县级行政单位设分会场", "4个", "省直辖县级行政单位"),
        (
            "全国4000余架无人机、13.3万座地面水文监测报讯站设施",
            "13.3万座",
            "地面水文监测报讯站设施",
        ),
        # rule 2: a classifier that is the counted noun itself
        ("近日，教育部等十二部门联合印发《关于进一步加强学科类隐形变异", "十二部门", "部门"),
        ("中央组织部给安徽、广西等6省区市划拨专项资金7200万元", "6省区市", "省区市"),
        # a share of a whole counts the part written before 占, not the base
        ("其中，人工造林面积占到了全国森林总面积的三分之一以上。", "三分之一以上", "人工造林面积"),
        ("经济总量约占世界30%，贸易总额占世界五分之一。", "五分之一", "贸易总额"),
        ("河北秦皇岛东经路社区老年人占社区总人口的36%，社区党委", "36%", "老年人"),
        # rule 4: a clause that only links its figure continues the subject of the figure before
        (
            "截至2017年底，我国圈养大熊猫种群数量首次突破500只，达到518只。",
            "518只",
            "圈养大熊猫种群数量",
        ),
        (
            "今年上半年，我国公路基础设施固定资产投资5872亿元，同比增长10.9%。",
            "10.9%",
            "公路基础设施固定资产投资",
        ),
        # ... not after an agent noun, which is what is counted
        ("63位居民代表对新的物业公司进行初步考察", "63位", "居民代表"),
        ("50多家服务外包企业可免费使用基地的公共技术服务平台", "50多家", "服务外包企业"),
    ],
)
def test_v2_classes(text, surface, subject):
    assert _subject(text, surface) == subject


def test_copied():
    assert (
        copied("全国共建立“扫黄打非”基层站点51万多个", "扫黄打非基层站点") == "“扫黄打非”基层站点"
    )
    assert copied("建成“党群服务驿站”15处", "党群服务驿站") == "党群服务驿站"
    assert copied("入选国家“青年千人计划”回国", "千人计划回国") == "千人计划回国"  # unpaired
    assert copied("2024年全年推介项目总投资超2700亿元", "2024年推介项目总投资") == "推介项目总投资"
    assert copied("原煤、原油、天然气产量分别增长72.1%、31.2%", "原油产量") == "产量"
    assert copied("赶到现场", "赶到现场用时") == "赶到现场用时"  # composed (rule 5)


def test_object_of_verb():
    assert object_of_verb("认定省级工业设计中心") == "省级工业设计中心"
    assert object_of_verb("疏解腾退占地") == "占地"  # an amount noun the tagger reads as a verb
    assert object_of_verb("安置住房") == "安置住房"  # a verb that names a kind
    assert object_of_verb("维修总费用") == "维修总费用"  # a named measure
    assert object_of_verb("党群服务驿站") == "党群服务驿站"
    assert object_of_verb("乡村振兴电商直播技能培训") == "乡村振兴电商直播技能培训"
    assert object_of_verb("自建及合作牧场") == "自建及合作牧场"


def _probes(texts, seed):
    """(window, subject) pairs cut from real text: a span, sometimes with one or two of its
    characters dropped (as the rules drop 全年, 的 or a list item), sometimes with a gap word
    written into the window."""
    import random

    from govstats.subject_copy import _QUOTE_CHARS

    rnd = random.Random(seed)
    gaps = [
        "的",
        "每年",
        "全年",
        "当年",
        "平均每人",
        "平均",
        "、农村",
        "和城镇居民",
        "及其他",
        "“的”",
    ]
    for t in texts:
        for _ in range(12):
            if len(t) < 30:
                break
            a = rnd.randrange(len(t) - 10)
            s = "".join(ch for ch in t[a : a + rnd.randint(2, 9)] if ch not in _QUOTE_CHARS)
            if len(s) > 3 and rnd.random() < 0.5:
                j = rnd.randrange(1, len(s) - 1)
                s = s[:j] + s[j + rnd.randint(1, 2) :]
            window = t[max(0, a - 150) : a + 150]
            if rnd.random() < 0.3 and len(s) > 2:
                j = rnd.randrange(1, len(s))
                window = window + "，" + s[:j] + rnd.choice(gaps) + s[j:] + "”"
            if len(s) >= 2:
                yield window, s


def test_copy_without_a_regex_per_subject_agrees_with_the_regex_on_real_text():
    """``_spans`` and ``_after_gap`` find what ``_pattern(s)`` / ``_gapped(s)`` (one compiled
    regex per subject: 20 ms each, most of the extraction time) find, on real stories."""
    from conftest import real_records

    from govstats import subject_copy as sc

    texts = [r["text"] for r in real_records("xwlb", n=50)]
    n = found = 0
    for window, s in _probes(texts, 7):
        ref = list(dict.fromkeys(m.group() for m in sc._pattern(s).finditer(window)))
        assert sc._spans(window, s) == ref, (window, s)
        ref_gap = sc._after_gap_regex(window, s)
        assert sc._after_gap(window, s) == ref_gap, (window, s)
        n += 1
        found += ref_gap is not None
    assert n > 400 and found > 40


@pytest.mark.parametrize(
    ("window", "s"),
    [
        ("全国共建立“扫黄打非”基层站点51万多个", "扫黄打非基层站点"),
        ("《规定》和“规定”及《规定", "规定"),
        ("aaa“a”", "aa"),
        ("”“a”“", "a"),
        ("2024年全年推介项目总投资", "2024年推介项目总投资"),
        ("原煤、原油、天然气产量分别增长", "原油产量"),
        ("人均“平均每人”可支配收入", "人均可支配收入"),
    ],
)
def test_copy_without_a_regex_agrees_on_quotes_and_gaps(window, s):
    from govstats import subject_copy as sc

    assert sc._spans(window, s) == list(
        dict.fromkeys(m.group() for m in sc._pattern(s).finditer(window))
    )
    assert sc._after_gap(window, s) == sc._after_gap_regex(window, s)
