"""Time-scope classes found in random non-gold text (issue 11; read in ``tools/sample_scopes.py
--seed 1``): the examples are short sentences of non-gold stories of ``../shared/corpora``."""

from __future__ import annotations

import pytest

from govstats.indicators import extract_from_text


def _scope(text: str, surface: str) -> str | None:
    got = [q for q in extract_from_text(text) if q.surface == surface]
    assert got, [q.surface for q in extract_from_text(text)]
    assert text[got[0].start : got[0].end] == got[0].surface
    return got[0].time_scope


# since a dated event, the clause written with its digits: 自2013年…以来 (not the bare year)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "自2013年上海设立首个自贸试验区以来，已累计形成202项制度创新成果复制推广。",
            "202项",
            "自2013年上海设立首个自贸试验区以来",
        ),
        (
            "记者从厦门海关获悉，自2023年开通以来，国内首条电商快线已运行126艘次。",
            "126艘次",
            "自2023年开通以来",
        ),
        ("自1日以来，奥运会相关的阳性人数累计达67人。", "67人", "自1日以来"),
        (
            "据统计，从2005年中央民族工作会议以来，国家共投入4200亿元专项资金。",
            "4200亿元",
            "从2005年中央民族工作会议以来",
        ),
        ("自2017年以来，生态环境部一共命名6批生态文明建设示范区。", "6批", "自2017年以来"),
    ],
)
def test_since_a_dated_event(text, surface, scope):
    assert _scope(text, surface) == scope


# the span a cumulative total is counted over: 5年累计, 近三年累计 (not 一年累计, a cap)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("中央财政五年累计安排100亿元，支持制种大县现代化水平提升。", "100亿元", "五年"),
        ("农业保险近三年累计提供风险保障0.94万亿元，保持逐年增长。", "0.94万亿元", "近三年"),
        ("河北三年累计引进的京津项目就超过了一万个。", "一万个", "三年"),
        ("个人一年累计自费分别不超过3000元。", "不超过3000元", None),
    ],
)
def test_span_of_a_cumulative_total(text, surface, scope):
    assert _scope(text, surface) == scope


# the event the figures are of: 本次大赛, 此次地震 (not the duration of the event itself)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("本次大赛共设速度赛、障碍赛等6个比赛项目，400多名骑手将展开对决。", "400多名", "本次大赛"),
        ("列入此次清理规范的投资项目报建审批事项共计65项。", "65项", None),
        ("此次空军航空开放活动暨长春航空展为期5天，展示总面积14万平方米。", "5天", None),
        (
            "此次空军航空开放活动暨长春航空展为期5天，展示总面积14万平方米。",
            "14万平方米",
            "此次空军航空开放活动",
        ),
    ],
)
def test_this_event(text, surface, scope):
    assert _scope(text, surface) == scope


# school holidays as a period: 暑期，…; 这个暑期，…; 2012年暑假，…; 暑假里
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("这个暑期，已有来自全国各地的游客超40万人次走进良渚古城。", "超40万人次", "这个暑期"),
        ("暑期里，长白山景区累计接待游客超157万人次，同比增长超35%。", "超35%", "暑期里"),
        (
            "旅游大数据显示，这个暑期，我国入境旅游订单同比增长1倍。",
            "1倍",
            "这个暑期",
        ),
    ],
)
def test_school_holidays(text, surface, scope):
    assert _scope(text, surface) == scope


# a past point referred back to: …，当时…; not an age or a duration (as 那年)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "他在家门口发现一个被遗弃的女婴，当时阿巴拜克力已经有4个子女，最大的18岁。",
            "4个",
            "当时",
        ),
        ("他在家门口发现一个被遗弃的女婴，当时阿巴拜克力已经有4个子女，最大的18岁。", "18岁", None),
        ("根据幸存者的描述，当时这艘船上载有大约50名乘客。", "大约50名", "当时"),
        ("受打印设备的限制，当时车站只能发售三天以内的车票。", "三天以内", None),
    ],
)
def test_a_past_point(text, surface, scope):
    assert _scope(text, surface) == scope


# a span of years opening a clause of a report, with the report's figures after it: the period of
# those figures, not a duration (government work reports, 2008, 2011, 2013); not a duration
# without a figure after it, a 两年平均 statistic, nor a plan's name
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("人民生活显著改善。五年全国新增城镇就业5100万人。", "5100万人", "五年"),
        ("积极稳妥推进城镇化，五年转移农村人口8463万人。", "8463万人", "五年"),
        ("西部大开发继续推进，五年中央财政支持重点建设投资2800多亿元。", "2800多亿元", "五年"),
        (
            "城乡基层自治组织建设进一步健全。五年国务院共向全国人大常委会提交39件法律议案。",
            "39件",
            "五年",
        ),
    ],
)
def test_span_of_years_opening_a_report_clause(text, surface, scope):
    assert _scope(text, surface) == scope
    assert "五年" not in [q.surface for q in extract_from_text(text)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("经过五年接续奋斗，我省“十四五”顺利收官。", "五年"),
        ("五年的成绩来之不易。", "五年"),
        ("这个中秋，叶连平依然在教室里，19年自掏腰包义务坚守是他给祖国的告白。", "19年"),
    ],
)
def test_span_of_years_still_a_duration(text, surface):
    assert surface in [q.surface for q in extract_from_text(text)]


# the time since an event, before what was done in it: an anchor that scopes the figures after it,
# not a duration (seed-1 sample of '…N个月[，,]?(?:已|就)'); 仅用了2个月就完成 stays a duration
@pytest.mark.parametrize(
    ("text", "surface", "scope", "span"),
    [
        (
            "在浙江台州等地，国开行开展这项业务仅2个月，就向5万多户小微企业发放贷款近500亿元。",
            "近500亿元",
            "国开行开展这项业务仅2个月",
            "2个月",
        ),
        (
            "自主研发嵌入式人工智能视觉芯片的这个公司，成立三年就获得了第二轮6亿美元的融资。",
            "6亿美元",
            "成立三年",
            "三年",
        ),
    ],
)
def test_time_since_an_event(text, surface, scope, span):
    assert _scope(text, surface) == scope
    assert span not in [q.surface for q in extract_from_text(text)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("没有了后顾之忧，10个村1.5万人的拆迁安置，仅用了2个月就完成了。", "2个月"),
        ("加上多年的工作经验，牛师傅只用一个月就能熟练操作这台机床。", "一个月"),
    ],
)
def test_time_used_is_still_a_duration(text, surface):
    assert surface in [q.surface for q in extract_from_text(text)]


# a dated event opening a clause, with the figures after it: the event, not the bare year
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "该线路全长1119公里，2017年建成后，每年可向华东地区送电450亿度。",
            "450亿度",
            "2017年建成后",
        ),
        (
            "外资需求增加，2018年之后，每月新增规模300到500亿元人民币。",
            "300到500亿元",
            "2018年之后",
        ),
        ("2019年，全省新增就业120万人。", "120万人", "2019年"),
    ],
)
def test_dated_event_opening_a_clause(text, surface, scope):
    assert _scope(text, surface) == scope
