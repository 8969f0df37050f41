"""Amounts of change (``change``): a figure written right after a change verb is how much a
measure changed, not its level, and aggregates never add it to the level.

Sentences from random non-gold 新闻联播 stories (``tools/sample_scopes.py --seed 21`` on the
change verbs), and the list and level cases that bound the rule.
"""

from __future__ import annotations

import pytest

from govstats.indicators import aggregate_indicators, extract_from_text


def _changes(text: str) -> list[tuple[str, str | None]]:
    return [(q.surface, q.change) for q in extract_from_text(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "去年，安吉县生产总值达到285亿元，增长了7.2%，其中旅游收入达到127.5亿，增长了24.7%。",
            [("285亿元", None), ("7.2%", "增长"), ("127.5亿", None), ("24.7%", "增长")],
        ),
        (
            "中央财政已将2012年农业综合开发项目资金290亿元全部拨付地方，比上年增加60亿元。",
            [("290亿元", None), ("60亿元", "增加")],
        ),
        (
            "自今年2月中旬以来，普京的支持率上升9.7个百分点，升至71.6%，达到三年来的最高点。",
            [("9.7个百分点", "上升"), ("71.6%", None)],  # 升至: the level reached
        ),
        ("其设计时速为80公里，使总体物流成本降低了40%。", [("80公里", None), ("40%", "降低")]),
        (
            "今年1—4月份，全国规模以上工业企业实现利润总额21170.2亿元，同比增长1.4%，"
            "较1—3月份加快0.6个百分点。",
            [("21170.2亿元", None), ("1.4%", "增长"), ("0.6个百分点", "加快")],
        ),
        # a 分别 list: every figure of it is a change
        (
            "一季度，全国规模以上工业原煤、原油、天然气、电力产量分别同比增长10.3%、4.4%、6.6%和3.1%。",
            [("10.3%", "增长"), ("4.4%", "增长"), ("6.6%", "增长"), ("3.1%", "增长")],
        ),
        # levels after a change: 增加到, 提高至
        ("参与人数增加到90人", [("90人", None)]),
        ("2022年，铜陵铜基新材料产业产值占铜产业比重提高至51.9%。", [("51.9%", None)]),
    ],
)
def test_change_verbs_mark_amounts_of_change(text, want):
    assert _changes(text) == want


def test_an_amount_of_change_is_not_added_to_the_level():
    from govstats.records import Indicator

    qs = list(extract_from_text("其中农业补贴资金1230亿元，比上年增加200亿元。"))
    inds = [
        Indicator(
            file="f",
            article_id="a",
            article_index=0,
            paragraph_index=0,
            start=q.start,
            end=q.end,
            surface=q.surface,
            context=q.context,
            value=q.value,
            value_max=q.value_max,
            unit=q.unit,
            qualifier=q.qualifier,
            subject="资金",
            time_scope=q.time_scope,
            place=q.place,
            per=q.per,
            pair_role=q.pair_role,
            change=q.change,
        )  # fmt: skip
        for q in qs
    ]
    got = aggregate_indicators(inds, by=("subject", "unit")).to_dict("records")
    assert got == [{"subject": "资金", "unit": "元", "n": 2, "total": 1230e8, "n_not_summed": 1}]
