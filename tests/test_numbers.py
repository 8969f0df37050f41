"""Numerals: Arabic, full-width, Chinese, multipliers, percentages, ranges, approximations."""

from __future__ import annotations

import math

import cn2an
import pytest

from govstats.numbers import NumberParseError, cn_to_int, parse_number


@pytest.mark.parametrize(
    ("span", "value", "value_max"),
    [
        ("350", 350, None),
        ("1.5", 1.5, None),
        ("1,300", 1300, None),
        ("１３００", 1300, None),
        ("４.１万", 41000, None),
        ("4.1万", 41000, None),
        ("10万", 100000, None),
        ("1.5亿", 150_000_000, None),
        ("10余万", 100000, None),
        ("三十四", 34, None),
        ("两千", 2000, None),
        ("一万", 10000, None),
        ("一百零五", 105, None),
        ("两千五", 2500, None),
        ("十", 10, None),
        ("十五", 15, None),
        ("一亿三千万", 130_000_000, None),
        ("百分之八十", 80, None),
        ("96%", 96, None),
        ("百余", 100, None),
        ("千余", 1000, None),
        ("60至70", 60, 70),
        ("70-79", 70, 79),
        ("3—5", 3, 5),
        ("3至5万", 30000, 50000),
        ("七八", 7, 8),
        ("十七八", 17, 18),
        ("二三十", 20, 30),
        ("两三百", 200, 300),
        ("十几", 11, 19),
        ("二十几", 21, 29),
        ("数十", 20, 90),
        ("几百", 200, 900),
        # ○ (a white circle) is how old reports print zero: 二百○八所 was read as 8
        ("二百○八", 208, None),
        ("一九五○", 1950, None),
        # digits printed one by one with spaces (old reports)
        ("1 0", 10, None),
        ("8 ．7", 8.7, None),
        # issue 11: silently wrong before
        ("三万五", 35000, None),
        ("十三万五", 135000, None),
        ("一百二十万三", 1_203_000, None),
        ("一千到两千万", 1e7, 2e7),
        ("七千到九千亿", 7e11, 9e11),
        ("两~3百", 200, 300),
        ("八九亿", 8e8, 9e8),
        ("一到三", 1, 3),
        # issue 11: raised before
        ("十八至三十万", 180000, 300000),
        ("一百二十到一百五十万", 1.2e6, 1.5e6),
        ("3至5千万", 3e7, 5e7),
        ("3000至2万", 3000, 20000),
        ("零", 0, None),
        ("〇", 0, None),
        ("一千零十", 1010, None),
        ("100万三千", 1_003_000, None),
        ("1万600", 10600, None),
        ("数十亿", 2e9, 9e9),
        ("十几万", 110000, 190000),
        ("3千万亿", 3e15, None),
        ("177.1 亿", 1.771e10, None),
        ("两个亿", 2e8, None),
        ("一个亿", 1e8, None),
        ("千亿", 1e11, None),
        ("三点五", 3.5, None),
        ("三点五万", 35000, None),
        ("百分之二点五", 2.5, None),
        ("负三", -3, None),
        ("-3.8%", -3.8, None),
        ("-139.13万", -1_391_300, None),
        ("三分之一", 1 / 3, None),
        ("千分之三", 0.003, None),
        ("六成", 0.6, None),
        ("五六成", 0.5, 0.6),
        ("一半", 0.5, None),
        ("兩千六", 2600, None),
        ("二〇二〇", 2020, None),
    ],
)
def test_parse_number(span, value, value_max):
    v, vmax = parse_number(span)
    assert v == pytest.approx(value)
    if value_max is None:
        assert vmax is None
    else:
        assert vmax == pytest.approx(value_max)


@pytest.mark.parametrize(
    "span",
    [
        "", "abc", "个", "两委", "三会一课", "9-3", "1,30",
        "百十一", "一一", "十一十二", "10.1万零100", "零点", "点一", "负", "三三",
        "负三至负一", "二分之三到四",
    ],
)  # fmt: skip
def test_parse_number_rejects_non_numerals(span):
    with pytest.raises(NumberParseError, match="not a numeral"):
        parse_number(span)


def test_parse_number_type_error():
    with pytest.raises(TypeError):
        parse_number(34)  # type: ignore[arg-type]


def test_no_float_noise():
    assert parse_number("4.1万") == (41000.0, None)
    assert parse_number("0.3万")[0] == 3000.0


@pytest.mark.parametrize(
    "s",
    [
        "三十四",
        "两千",
        "一万",
        "一百零五",
        "三千零五",
        "十五",
        "九十九",
        "一千零一十",
        "五万零三百",
    ],
)
def test_cn_to_int_agrees_with_cn2an(s):
    assert cn_to_int(s) == int(cn2an.cn2an(s, "smart"))


def test_cn2an_gets_governance_text_wrong_we_do_not():
    # why govstats never runs a converter over running text: cn2an rewrites names
    assert cn2an.transform("四级治理体系") == "4级治理体系"
    assert cn2an.transform("七八个") == "78个"
    # our converter is only ever given an isolated numeral span
    assert parse_number("七八") == (7.0, 8.0)
    assert cn_to_int("二〇二二") == 2022


@pytest.mark.parametrize("n", [30, 320])
def test_huge_numerals_raise_never_inf(n):
    # issue 16 item 6: 320 nines before 万元 gave value inf (written as Infinity, not JSON)
    with pytest.raises(NumberParseError, match="not a numeral"):
        parse_number("9" * n + "万")
    with pytest.raises(NumberParseError):
        parse_number("九" * n)


def test_every_value_is_finite():
    for span in ("9" * 23, "9" * 16 + "亿", "千万亿"):
        v, _ = parse_number(span)
        assert math.isfinite(v)
