"""Issue 11: numerals inside idioms and fixed expressions are no quantities; a range with the
unit written on both ends is one figure (sentences written for the classes)."""

import pytest

from govstats.indicators import extract_from_text


def _got(s):
    return [(q.surface, q.value, q.value_max, q.unit) for q in extract_from_text(s)]


@pytest.mark.parametrize(
    "s",
    [
        "每当跟着音乐起舞时却判若两人。", "今明两天，四川盆地将有大雨。", "今明两年要解决好饮水困难",
        "游行呼吁二次公投", "确保不产生二次污染", "修订草案三次审议稿修改意见的汇报",
        "青海实现两位数增长", "满载汽车零部件的列车", "夫妻俩曾四处借钱", "他四处奔波",
        "坚持数十年如一日免费授课", "美国多地枪声四起", "统筹国内国际两个大局",
        "恪守一个中国政策", "严格执行约法三章", "当地成百上千名群众前来送别",
    ],
)  # fmt: skip
def test_fixed_expressions_are_no_quantities(s):
    assert _got(s) == []


def test_counts_next_to_the_classes_are_kept():
    assert _got("强降雨引发的四处山体滑坡") == [("四处", 4.0, None, "处")]
    assert _got("在第十二次会议上") == []
    assert _got("两名群众被困") == [("两名", 2.0, None, "名")]
    assert _got("连续两次出车") == [("两次", 2.0, None, "次")]


def test_range_with_the_unit_on_both_ends():
    assert _got("每人每年5000元至1万元的助学基金") == [("5000元至1万元", 5000.0, 10000.0, "元")]
    assert _got("每亩3吨到5吨") == [("3吨到5吨", 3.0, 5.0, "吨")]
    # 从A到B without 不等 is a before/after pair: two figures
    assert [g[0] for g in _got("从5000元到1万元")] == ["5000元", "1万元"]
