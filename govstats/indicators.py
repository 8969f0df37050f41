"""Numeric indicators: every quantity in the articles, with value, range, unit, qualifier,
subject, time scope, place and provenance (document offsets).

The extractor is rule based (one compiled regular expression plus a few checks per hit);
no tokeniser runs over the text: only the short subject candidates are POS-tagged
(``subjects``). Domain knowledge lives in data files under ``govstats/data/``: ``units.txt``,
``protected_terms.txt`` (names such as 三会一课 that contain numerals), ``non_indicators.txt``
(classes of names, sessions, lanes, relative time phrases, clock times …),
``indicator_qualifiers.txt`` (余/近/以上/左右 …) and ``indicator_subject_words.txt`` (words that
bound a subject). The module is split along its seams: ``indicator_rules`` (data files, the
scanner, shared helpers), ``subjects``, ``timescope``; the rules are written down in
``tests/data/gold/README.md``.

Work per figure is bounded: ``context`` is the sentence cut to ``CONTEXT_REACH`` characters
either side of the surface, and the clause is read ``CLAUSE_REACH`` characters either side.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .indicator_roles import _change, _distant_qualifier, _pair_role, _per, _rule_of_one
from .indicator_rules import (
    _AR,
    _CLAUSE_END,
    _CN_DIGIT,
    _SENT_END,
    _TIME_UNITS,
    RANGE_BOTH_ENDS,
    _bounds,
    _Compiled,
    _compiled,
    _Hit,
    _inside_short_quote,
    _Rules,
    _rules,
    _Text,
    unit_range_tail,
)
from .numbers import NumberParseError, parse_number
from .records import Indicator, to_frame
from .subjects import _subject
from .timescope import (
    _COMPARED,
    _POINT_DATE,
    _sentence_facts,
    inherited_scope,
    point_in_time,
    static_measure,
    unscoped_duration,
)

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

logger = logging.getLogger(__name__)

__all__ = [
    "Quantity",
    "extract_from_text",
    "extract_indicators",
    "indicators_frame",
    "indicator_to_json",
    "aggregate_indicators",
    "JSON_KEYS",
]

#: The keys of one line of ``indicators.jsonl``, in order.
JSON_KEYS = (
    "file", "article_index", "article_id", "paragraph_index", "start", "end", "surface",
    "context", "value", "value_max", "unit", "qualifier", "subject", "time_scope", "place",
    "duplicate", "per", "pair_role", "change",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a piece of text; offsets are into that text.

    ``extract_from_text`` yields these; ``extract_indicators`` maps them to document
    offsets and adds provenance, giving ``records.Indicator``.
    """

    start: int
    end: int
    surface: str
    value: float
    value_max: float | None
    unit: str | None
    qualifier: str
    subject: str | None
    time_scope: str | None
    place: str | None
    context: str
    per: str | None = None  # a rate or rule: the unit it applies to (每个网格 -> 网格)
    pair_role: str | None = None  # 'before' / 'after' in 从A压减至B, 由A增至B
    change: str | None = None  # the verb of an amount of change: 比上年增加200亿元 -> 增加


# --------------------------------------------------------------------------- the extractor


def extract_from_text(text: str, *, place: str | None = None) -> Iterator[Quantity]:
    """Yield every quantity in ``text`` (a paragraph), with offsets into ``text``.

    Parameters
    ----------
    text : str
        Any text; the function never raises on odd input.
    place : str, optional
        The place the text is about (an article's place); used when the sentence names
        no narrower place (a 社区, 小区, 街道, 镇 or 村).

    Yields
    ------
    Quantity
        ``text[q.start:q.end] == q.surface`` always holds.

    Examples
    --------
    >>> [(q.surface, q.value, q.unit, q.subject) for q in extract_from_text("共召开联席会议350余次")]
    [('350余次', 350.0, '次', '联席会议')]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_from_text expects a str, got {type(text).__name__}")
    c = _compiled()
    r = _rules()
    t: _Text | None = None
    done = 0  # where the last quantity ended: a numeral inside it starts no other one
    prev: Quantity | None = None
    for m in c.main.finditer(text):
        if m.start() < done:
            continue
        if t is None:  # sentence and clause boundaries, computed once per text with a hit
            t = _Text(
                text=text,
                place=place,
                sentence_ends=[x.start() for x in _SENT_END.finditer(text)],
                clause_ends=[x.start() for x in _CLAUSE_END.finditer(text)],
                facts={},
            )
        try:
            q = _one(t, m, c, r)
        except (NumberParseError, ValueError, KeyError, IndexError) as e:  # never raise on text
            logger.debug("skipped %r: %s", m.group(), e)
            continue
        if q is not None:
            done = q.end
            if q.subject is None or _LINK_ONLY.fullmatch(q.subject):
                q = _comparison_subject(t, q, prev)
            if (
                q.change is None
                and prev is not None
                and prev.change
                and _LIST_SEP.fullmatch(text, prev.end, q.start)
            ):  # 分别增长6%、5.2%和5.2%: every figure of the list is a change
                q = replace(q, change=prev.change)
            prev = q
            yield q


_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_AR_CHARS = frozenset("0123456789０１２３４５６７８９")
#: a span with one or two decimals (10.23年, 10.8年) is no year (not 20.2026年: item 20, 2026)
_DECIMAL_SPAN = re.compile(r"[.．][0-9]{1,2}$")
_YEAR_FOLLOWERS = _AR_CHARS | {"月"}  # 2024年5月, 2年12…: part of a date, not a duration
_NOT_ASCII_DIGIT = re.compile(r"[^0-9]")
_PHONE = re.compile(rf"[{_AR}]+[-—－][{_AR}]+")
_FIVE_DIGITS = re.compile(r"[0-9]{5,}")
_APPROX_NUMERAL = re.compile(r"[数几]|^[一二两三四五六七八九十]{2,}$")
_REPEATED = frozenset(("个", "件", "次", "条", "张", "项", "名", "位", "场", "处"))
_BARE_MULTIPLIERS = frozenset(("百", "千", "万", "亿"))
#: categories a figure of seven or more digits may have (105394301例, not a phone number)
_LONG_COUNTS = frozenset(("money", "people", "count", "weight", "volume", "area", "energy"))
#: the category of a figure written without a unit, by the scanner group that found it
_UNITLESS = {
    "fnum": "share", "snum": "share", "half": "share", "znum": "none", "xnum": "none",
    "dnum": "none", "gnum": "people",
}  # fmt: skip
#: units a bare 百/千 may count without a qualifier (百名党员, 千余人)
_BARE_UNITS = frozenset("名人位户辆个件场次项")
_SEVERAL = re.compile(r"[数几][十百千万]+")
_TENS_AND_SOME = re.compile(r"[一二两三四五六七八九]?十几")  # 十几, 二十几 (ten-odd)
_ITEM_SEP = re.compile(r"[、和与及]")


#: what a grade written in Chinese numerals measures: wind, waves, an earthquake (六级大风)
_MEASURED_GRADE = re.compile(r"[大阵]?风|地震|余震|浪|以上大风|左右的?[大阵]?风")
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９零〇○一二两三四五六七八九十百千万亿.．")
#: 个 followed by a precision word or 半 and then a time unit: 1个多小时, 一个半小时, 两个半月
_CLASSIFIER_MID = re.compile(r"([多余半])(小时|月|星期|钟头|工作日)")
#: time units a 半 may follow (一年半, 两天半, 三小时半); not 一年半载 (a year or so)
_HALF_AFTER = frozenset(("年", "天", "小时", "个小时", "个月", "周", "个星期", "钟头", "个钟头"))
_HALF = re.compile(r"半(?![载天年月日周个小钟])")
_RANGE_STARTS = frozenset("至到~～—–-－")


def _range_tail(text: str, end: int, unit: str, lo: float) -> tuple[float, int] | None:
    """The upper end of a range whose unit is written on both ends: ``到一年半``, ``至5小时``
    after 一年, 3小时 (value and where it ends), when it is larger than ``lo``."""
    half = _HALF if unit in _HALF_AFTER else None
    return unit_range_tail(text, end, unit, lo, _parse_number, multiplier=False, half=half)


def _enumerates(text: str, h: _Hit, start: int) -> bool:
    """The figure only numbers the items listed just before it (in the same clause), none of
    which is itself a figure: 中国、…、多米尼克8个国家, 意向和需求两个清单."""
    head = text[max(h.cs, start - 60) : start]
    if h.category not in _COUNTED:
        return False  # 全体农民和全国人民为提前两年: a list of names counts no span of time
    # the items next to the last separator hold a figure or a date: 3名哨卡守卫者和两名袭击者,
    # 1996年和2003年洱海曾两次 (not 将16支基金整合为产业、科创2支基金)
    last = max(head.rfind(c) for c in "、和与及")
    if last >= 0 and (
        _FIGURE_IN.search(head, max(0, last - 8), last)
        or _FIGURE_IN.search(head, last + 1)
        or "分别" in head[last:]  # A、B、C分别敬献的7个花篮: one each, not the list's size
    ):
        return False
    if (qm := _QUOTED_RUN.search(head)) and qm.group().count("“") == h.value:
        return True  # “一网通办”“一网统管”两张网
    return bool(
        _ITEM_SEP.search(head)
        and not head.rstrip('“”‘’"').endswith(("等", "等共", "共"))
        # in Arabic numerals only a counter of named units (…、多米尼克8个国家, 产业、科创2支基金;
        # the seed gold keeps a count of four listed communities)
        and (h.num[0] not in _AR_CHARS or (h.value <= 20 and _NAMED_KIND.match(text, h.end)))
        and _n_items(head) == h.value
    )


#: categories a counter of a list of names has (not 分别增长4.4%、5.8%, not 两年)
_COUNTED = frozenset(("count", "people"))
#: a figure inside the head of a counter: the items are figures, not names
_FIGURE_IN = re.compile(
    rf"[{_AR}]|[一二两三四五六七八九十百千万]+[个名位人项件条家所座户次支台辆套种]"
)
#: the kinds of named units a list of names is counted in (国家, 省份, 平台 …)
_NAMED_KIND = re.compile(
    r"国家|国|省份|省|城市|市|地区|地|县|平台|基金|部门|单位|机构|企业|公司|高校"
)
#: two or more quoted names in a row before the counter: “一网通办”“一网统管”
_QUOTED_RUN = re.compile(r"(?:“[^“”，,。；;]{1,12}”[、和与及]?){2,}$")


def _n_items(head: str) -> int:
    """How many items a list written before a counter names: 、 and the conjunctions 和, 与,
    及, 以及 (as words: not the 及 of 及时, the 和 of 和谐) separate them."""
    if "、" in head and not _CONJ.search(head):
        return head.count("、") + 1
    from .subjects import _tag

    return 1 + sum(1 for w, f in _tag(head) if w == "、" or (f == "c" and w in _CONJ_WORDS))


_CONJ = re.compile(r"[和与及]")
_COMPARISON_CLAUSE = re.compile(
    r"(?:比|较|同比|环比)[\u4e00-\u9fff]{0,4}?(?P<verb>增加|增长|减少|下降|提高|上升|降低|扩大|缩小)了?$"
)
#: a clause that only links its figure to what the clause before it named (convention v2, rule
#: 4; read on random non-gold figures: 大熊猫种群数量首次突破500只，达到518只; 确诊病例连续第二天超过
#: 3000例，达到3292例; 同我国有着贸易和文化联系的国家和地区，已经达到一百二十多个; 货运指数为211.2点，
#: 同比增长12.9%): the figure continues that subject
_LINK_CLAUSE = re.compile(
    r"(?:同比|环比|(?:比|较)(?:上年|去年|上月|上年同期|去年同期|同期)|今年|五年|十年)?"
    r"(?:已经|已|还|将|预计|可以|今年预计可以|年均|平均)*"
    r"(?:多增|少增|多|少|增长|下降|增加|减少|提高|降低|上升|达到|达|突破|超过)了?"
)
#: a subject that is only such a link (同比多增, 提高): no noun was found for the figure
_LINK_ONLY = re.compile(
    r"(?:同比|环比|年均|预计|已经|已)*(?:多增|少增|增长|下降|增加|减少|提高|降低|达到)"
)
_CONJ_WORDS = frozenset(["和", "与", "及", "以及"])


def _bare_ok(text: str, start: int, num: str, unit: str, c: _Compiled) -> bool:
    """A bare 百/千/万/亿 is a numeral after a qualifier (近百辆, 上万人, 超千亿) or, for 百/千,
    before a count of people or things (百名党员)."""
    if text[start - 1 : start] == "上" or c.qual_before.search(text, max(0, start - 4), start):
        return True
    return num in ("百", "千") and unit in _BARE_UNITS


#: ``parse_number`` on the numerals of the hits; the same numerals recur in any corpus
_parse_number = lru_cache(maxsize=4096)(parse_number)


#: ``context`` is the sentence, cut to at most this many characters either side of the span
CONTEXT_REACH = 60
#: how far either side of a figure its clause is read (subject, qualifier, per, pair role)
CLAUSE_REACH = 80


def _one(t: _Text, m: re.Match[str], c: _Compiled, r: _Rules) -> Quantity | None:  # noqa: C901 - one linear list of checks
    """Check one match of ``c.main``: a quantity (``Quantity``) or not (``None``)."""
    text = t.text
    pnum, num, mid, mult, unit = m.group("pnum", "num", "mid", "mult", "unit")
    start = m.start()
    # the scanner group of a figure without a unit (the alternatives exclude each other)
    kind = None
    if not pnum and num is None:
        kind = next((g for g in _UNITLESS if m.group(g) is not None), None)
    if pnum:  # 百分之…
        num, unit = pnum, "%"
        ns, ne = m.span("pnum")
        end = ne
    elif num is None:  # a share, a zero, or a multiplier without a unit: unit null
        unit, mid, mult = "", None, None
        num = m.group(kind)
        ns, ne = m.span(kind)
        end = ne
        if kind == "xnum":
            head = num
            num, end = num + m.group("xmult"), m.end("xmult")
            mid = m.group("xmid") or m.group("xtail")
            if m.group("xtail"):
                end = m.end("xtail")  # 3万多居民, 十四亿多中国人民
            if head in _BARE_MULTIPLIERS and not _bare_ok(text, start, head, "", c):
                return None  # 千万 (by all means), 亿万: no qualifier, no numeral
        elif kind == "snum":
            num, end = num + "成", ne + 1
        elif kind == "gnum":
            if num[-1] in "余多":
                num, mid = num[:-1], num[-1]
            elif _YEAR_LIKE.fullmatch(num):
                return None  # 2020居民: a year, not a count
    else:
        ns, ne = m.span("num")
        end = m.end("unit")
    mid_of_unit = None
    if unit == "个" and (cm := _CLASSIFIER_MID.match(text, end)):
        # 1个多小时, 一个半小时, 两个半月: the precision word (or 半) sits between 个 and the unit
        mid_of_unit, unit, end = cm.group(1), "个" + cm.group(2), cm.end()
    category, not_after = r.units.get(unit, ("percent", "")) if unit else (_UNITLESS[kind], "")
    # --- is this numeral a quantity at all?
    if num[0] in "百千万亿○" and start > 0 and text[start - 1] in _NUMERAL_CHARS:
        return None  # the tail of a numeral the scanner could not read (10.36百亿亿次)
    if num in _BARE_MULTIPLIERS and not mid and not _bare_ok(text, start, num, unit, c):
        return None  # 千家, 万户: a bare unit character is not a numeral
    if num == "几":
        return None
    if not_after and end < len(text) and text[end] in not_after:
        if not (mult or num[-1] in "万亿") or m.group("after") or text[end] == "级":
            return None  # 人民, 项目, 周边 …, 亿吨级 (a grade)
        # 近14亿人口, 超431亿期限三年的贷款: the multiplier stands without a unit (unit null)
        num, mult, end = num + (mult or ""), None, m.start("unit")
        unit, category = "", _UNITLESS["xnum"]
    if unit in _REPEATED and text[end : end + 1] == unit:
        return None  # 一件件, 一个个
    before1 = text[start - 1] if start > 0 else "^"
    if before1 == "第" or before1 in "初周礼" or (before1 == "星" and num[0] not in _AR_CHARS):
        return None  # ordinals, weekdays (not 发射卫星137颗)
    plain = num.translate(_FW_DIGITS)
    if unit == "年" and not mid and not _DECIMAL_SPAN.search(plain):  # 3000多年, 10.23年
        if len(_NOT_ASCII_DIGIT.sub("", plain)) >= 3 or (
            len(num) >= 2 and all(ch in _CN_DIGIT for ch in num)
        ):
            return None  # a year
        if text[end : end + 1] in _YEAR_FOLLOWERS:
            return None
    if unit == "级" and num[0] not in _AR_CHARS and not _MEASURED_GRADE.match(text, end):
        return None  # 两级, 三级航道, 三级养老服务网络: levels and grades are names (not 六级大风)
    if unit == "分":
        if before1 in "点时" or "点" in num:
            return None  # clock time 1点40分
        if num[0] not in _AR_CHARS:
            return None  # 十分 (very), 三分 …
    if plain.isdigit() and len(plain) >= 2 and plain[0] == "0":
        return None  # codes, phone numbers
    if plain.isdigit() and len(plain) >= 7 and category not in _LONG_COUNTS:
        return None
    if _PHONE.fullmatch(num) and _FIVE_DIGITS.search(plain):
        return None  # phone numbers with an area code
    # the protected vocabulary (三会一课, 两委, 十四五 …)
    if c.protected is not None:
        for pm in c.protected.finditer(text, max(0, ns - 12), min(len(text), ne + 12)):
            if pm.start() < ne and pm.end() > ns:
                return None
    # names, sessions, streets, relative time phrases, clock times … (non_indicators.txt)
    if t.blocks(c, ns, ne):
        return None
    # a bare 一 counts only when it measures (为期一周, 间隔一米, 不到一个小时) or states a
    # rule (每个村都有一支党员工作队: one per village)
    if (
        num == "一"
        and not mid
        and not mid_of_unit
        and not _rule_of_one(text, _bounds(text, start, t.clause_ends)[0], start)
        and not (
            category in _TIME_UNITS
            and text[end : end + 1] in _RANGE_STARTS
            and _range_tail(text, end, unit, 1.0)
        )  # 一年到一年半
    ):
        if (
            category not in _TIME_UNITS
            and category not in ("area", "money", "weight", "volume")
            and unit != "倍"
        ):
            return None
        if not c.one_cue.search(text, max(0, start - 4), start) and not (
            category == "time" and m.group("after") in ("内", "以内", "之内")
        ):
            return None
    # --- value (a multiplier such as 万 is folded in)
    sign = m.group("sign") or ""
    if sign == "零下":
        sign = "-"
    value, value_max = _parse_number(sign + num + (mult or ""))
    if unit in ("块", "元") and value_max is None and (jm := _SPOKEN_JIAO.match(text, end)):
        # 两块五一套 = 2.5 块 a set (spoken prices: the digit after 块/元 is tenths)
        value, end = value + CN_TENTHS[jm.group(1)] / 10, jm.end()
    if value_max is None and ("数" in num or "几" in num):
        return None
    if mid_of_unit == "半":
        value += 0.5  # 一个半小时 = 1.5 小时
    elif value_max is None and category in _TIME_UNITS:
        if text[end : end + 1] == "半" and unit in _HALF_AFTER and (hm := _HALF.match(text, end)):
            value, end = value + 0.5, hm.end()  # 一年半, 两天半
        if (
            text[end : end + 1] in _RANGE_STARTS and (tail := _range_tail(text, end, unit, value))
        ) and (text[start - 1 : start] not in ("从", "由") or text.startswith("不等", tail[1])):
            # 一年到一年半, 3小时至5小时, 从2天到21天不等: the unit written on both ends (从A到B
            # without 不等 is a before/after pair)
            value_max, end = tail
    elif value_max is None and category in RANGE_BOTH_ENDS and text[end : end + 1] in _RANGE_STARTS:
        tail = unit_range_tail(text, end, unit, value, _parse_number)
        if tail and (
            text[start - 1 : start] not in ("从", "由") or text.startswith("不等", tail[1])
        ):
            value_max, end = tail  # 5000元至1万元 (从A到B without 不等 is a before/after pair)
    if _SEVERAL.fullmatch(num) or (kind == "xnum" and _SEVERAL.match(num)):
        value, value_max = value / 2, None  # 数十次 -> 10 approx_over (ANNOTATION.md)
    elif value_max is not None and _TENS_AND_SOME.fullmatch(num):
        # 十几个平方米 -> 10 approx_over, as 几十 and 十多 are (ANNOTATION.md, ann6)
        value, value_max = _parse_number(num[:-1] + (mult or ""))[0], None
    ss, se = _bounds(text, start, t.sentence_ends)
    cs, ce = _bounds(text, start, t.clause_ends)
    # a clause is read at most CLAUSE_REACH characters either side of the figure, so the
    # work per figure is bounded however long the clause (linear cost, issue 16)
    cs, ce = max(cs, start - CLAUSE_REACH), min(ce, end + CLAUSE_REACH)
    hit = _Hit(
        m=m, num=num, start=start, end=end, unit=unit, category=category, value=value,
        value_max=value_max, ss=ss, se=se, cs=cs, ce=ce,
        mid=mid_of_unit if mid_of_unit in ("多", "余") else None,
    )  # fmt: skip
    return _finish(t, hit, c, r)


def _finish(t: _Text, h: _Hit, c: _Compiled, r: _Rules) -> Quantity | None:
    """The qualifier, unit, subject, time scope and place of a checked hit."""
    text, m, num, start, category = t.text, h.m, h.num, h.start, h.category
    # quoted time terms that are names ("15分钟生活圈", "八小时外")
    if category in _TIME_UNITS and _inside_short_quote(
        text, start, h.end, max(h.ss, start - 20), min(h.se, h.end + 20)
    ):
        return None
    # enumerating counters: 群众工作、政务服务、活动策划三条主线, 意向和需求两个清单,
    # 中国、…、多米尼克8个国家, “一网通办”“一网统管”两张网
    if h.value_max is None and h.category != "share" and _enumerates(text, h, start):
        return None
    # --- qualifier
    qualifier = "exact"
    q_start = start
    qm = c.qual_before.search(text, max(0, start - 4), start)
    mid = (
        h.mid
        or m.group("mid")
        or m.group("xmid")
        or m.group("xtail")
        or (m.group("gnum") or "")[-1:].strip("0123456789")
    )
    if qm and not (
        qm.group() == "近" and qm.start() > 0 and text[qm.start() - 1] in "最附将接邻临就"
    ):
        qualifier = r.qual_before[qm.group()]
        q_start = qm.start()
    elif mid:
        qualifier = r.qual_mid[mid]
    elif num[:1] in _BARE_MULTIPLIERS and text[start - 1 : start] == "上":
        qualifier, q_start = "approx_over", start - 1  # 上百人, 上万人
    if (_SEVERAL.match(num) or _TENS_AND_SOME.fullmatch(num)) and h.value_max is None:
        qualifier = "approx_over"  # 数十次, 十几个 -> 10 approx_over (ANNOTATION.md)
    after = m.group("after")
    q_end = h.end
    if after:
        if after == "内" and category not in _TIME_UNITS:
            after = None
        else:
            q_end = m.end("after")
            if qualifier == "exact":
                qualifier = r.qual_after[after]
    if qualifier == "exact":
        qualifier = _distant_qualifier(text, h.cs, q_start, q_end, h.ce, r) or qualifier
    if h.value_max is not None and qualifier == "exact" and _APPROX_NUMERAL.search(num):
        qualifier = "approx"
    # --- unit as written (multiplier folded into the value)
    unit = h.unit
    unit_out: str | None
    if m.group("pnum") or unit == "％":
        unit_out = "%"
    elif not unit:
        unit_out = None  # shares, 零感染, 300万: only a multiplier is written
    elif unit.startswith("个") and len(unit) > 1:
        unit_out = unit[1:]  # 个小时, 个月, 个百分点, 个工作日: the classifier 个 is no unit
    else:
        unit_out = unit
    # --- subject
    subject = _subject(text, c, h, q_start, q_end, unit_out)
    pair_role = _pair_role(text, h.cs, q_start, q_end, h.ce)
    own_subject = subject  # (the static-attribute test reads the figure's own noun)
    if pair_role is not None:  # 基层填报表格从5320张压减至196张: both figures are the table count
        head = text[h.cs : q_start]
        at = max(head.rfind("从"), head.rfind("由"))
        named = _PAIR_SUBJECT.sub("", head[:at].rsplit("的", 1)[-1]).strip('“”‘’"')
        if len(named) >= 2:
            subject = named[-12:]
    # --- time scope: the nearest scoping phrase before the figure in the sentence
    scopes, places = _sentence_facts(t, h.ss, h.se)
    time_scope = None
    best_end = -1
    i = bisect.bisect_right(scopes, (q_start, _MAX_CHAR))  # scopes are in text order
    if i:
        best_end, time_scope = scopes[i - 1]
        if _BASE_AFTER.match(text, best_end, q_start):
            # 在１９７９到１９８３年平均每年递增７．９％的基础上，比上年增长１４．２％: the base's period
            # is not the period of a figure after the base
            best_end, time_scope = scopes[i - 2] if i >= 2 else (-1, None)
    for tm in _POINT_DATE.finditer(text, h.cs, q_start):  # a date in the same clause
        if tm.end() > best_end and not _COMPARED.match(text, tm.end()):
            time_scope, best_end = tm.group(), tm.end()
    if time_scope is None and h.ss and text[h.ss - 1] in "；;":
        # 3年来，…；…；已有三栋楼…: one sentence (a bare opening period not for a duration)
        time_scope = inherited_scope(t, h.ss, bare=category != "time")
    if am := _AGO_BEFORE.search(text, max(h.cs, q_start - 12), q_start):
        # the 'from' of a change named by a past point: 从十年前的600多亿斤增长到…, 中央企业数量从
        # 十年前117家调整至97家 -> 十年前 (not the span of the sentence, 这十年)
        time_scope, best_end = am.group(1), am.end(1)
    if category == "age" and not (subject and "寿命" in subject):
        # an age is a static attribute (ANNOTATION.md): 从3月25日开始为60岁以上人群接种; a life
        # expectancy is a statistic of its year (2024年我国人均预期寿命达到79岁)
        time_scope = None
    elif category == "time" and time_scope and point_in_time(time_scope):
        time_scope = None  # a bare year or a short span does not scope a duration
    elif (
        category == "time"
        and time_scope
        and unscoped_duration(text, q_start, q_end, time_scope, best_end)
    ):
        time_scope = None  # 连续三年的严重自然灾害, 关键五年, 十年最低, 全年…，连续4年增加
    if time_scope and static_measure(own_subject) and text[best_end:q_start] != "的":
        # 全长23公里的步道: a length is no figure of a period; a length of a year is
        # (长途光缆线路长度由1997年的15万公里增加到2002年的47万公里)
        time_scope = None
    if pair_role == "after" and time_scope is not None:
        # 由2009年的168万人减少到486人: the year dates the 'before' figure, not this one; the
        # period of the sentence before 从/由 (if any) still governs
        at = max(text.rfind("从", h.cs, q_start), text.rfind("由", h.cs, q_start))
        if best_end > at:
            j = bisect.bisect_right(scopes, (at, _MAX_CHAR))
            time_scope = scopes[j - 1][1] if j else None
    elif (
        pair_role == "before"
        and i >= 2
        and time_scope == scopes[i - 1][1]
        and best_end <= h.cs
        and time_scope[:1] in "到至"
        and text[best_end : best_end + 1] == "的"
    ):
        # a later pair of a parallel list, written without years: 公路通车里程由1997年的123万公里增加到
        # 2002年的176万公里，其中高速公路由4771公里增加到2.52万公里 -- its 'before' figure is of
        # the earlier pair's from-year (1997年), not of its to-year
        prev_end, prev = scopes[i - 2]
        if text[prev_end - len(prev) - 1 : prev_end - len(prev)] in ("从", "由") and (
            text[prev_end : prev_end + 1] == "的"
        ):
            time_scope = prev
    # --- place: the narrowest place named before the figure in the sentence (else the
    # first one after it), else the article's
    where = t.place
    if places:
        i = bisect.bisect_left(places, (q_start, ""))
        where = places[i - 1][1] if i else places[0][1]
    return Quantity(
        start=q_start, end=q_end, surface=text[q_start:q_end], value=h.value,
        value_max=h.value_max, unit=unit_out, qualifier=qualifier, subject=subject,
        time_scope=time_scope, place=where,
        context=text[max(h.ss, q_start - CONTEXT_REACH) : min(h.se, q_end + CONTEXT_REACH)].strip(),
        per=_per(text, h.cs, q_start, q_end), pair_role=pair_role,
        change=_change(text, h.cs, q_start),
    )  # fmt: skip


_MAX_CHAR = chr(0x10FFFF)
_LIST_SEP = re.compile(r"[、和与及]|以及")
_YEAR_LIKE = re.compile(r"(?:19|20)[0-9]{2}")
CN_TENTHS = {d: i for i, d in enumerate("〇一二三四五六七八九") if i}
CN_TENTHS["两"] = 2
#: the tenths of a spoken price: 两块五, 三元八毛, 两块五一套 (not 两块五千, 三元五角钱 handled as 五)
_SPOKEN_JIAO = re.compile(
    r"([一二两三四五六七八九])(?:毛|角)?(?![十百千万亿元块个人名位次件项户张条])"
)
#: what may stand between the subject and 从/由 (adverbs, time words), dropped from the subject
#: the rest of a base the period names (在１９７９到１９８３年|平均每年递增７．９％的基础上), not a
#: later base (到2020年|将二氧化碳排放量在2005年基础上)
_BASE_AFTER = re.compile(r"[^，,。；;在]{1,16}?的基础上")
#: a past point right before a figure, as the 'from' of a change (ANNOTATION.md: 5年前 is a time
#: phrase): 从5年前的4000多元增加到…
_AGO_BEFORE = re.compile(
    r"[从由]((?:近)?[一二两三四五六七八九十0-9]{1,3}(?:多|余)?(?:个月|年)前)的?$"
)
_PAIR_SUBJECT = re.compile(r"(?:^.*[，,；;：:])|(?:已经|已|均|分别|逐步|大幅|由原来|将)$")


def _comparison_subject(t: _Text, q: Quantity, prev: Quantity | None) -> Quantity:
    """A comparison clause continues a subject: 投入7161亿元，比上年增加1206亿元 (the subject of
    the figure before it in the sentence), 社会商品零售总额，比上一年增加五亿元 (the noun phrase
    of the clause before it, when no figure is there)."""
    text = t.text
    cs = _bounds(text, q.start, t.clause_ends)[0]
    cm = _COMPARISON_CLAUSE.match(text, cs, q.start)
    link = cm is None and _LINK_CLAUSE.fullmatch(text, cs, q.start) is not None
    if (cm is None and not link) or cs == 0:
        return q
    ss = _bounds(text, q.start, t.sentence_ends)[0]
    if (
        prev is not None
        and prev.subject
        and ss <= prev.start
        and prev.end <= cs
        and len(prev.subject) >= 2
        and not _LINK_ONLY.fullmatch(prev.subject)
    ):
        return replace(q, subject=prev.subject)
    if link:
        return q  # a bare link continues only the subject of a figure
    pcs = _bounds(text, cs - 1, t.clause_ends)[0]
    if pcs >= ss and cs - pcs <= 24 and (prev is None or prev.end <= pcs):
        from .subjects import _tidy

        named = _tidy(text[pcs : cs - 1].strip('“”‘’"').rsplit("的", 1)[-1])
        if named and 2 <= len(named) <= 14:
            return replace(q, subject=named)
    return q


# --------------------------------------------------------------------------- corpus level


def extract_indicators(corpus: Corpus, *, include_duplicates: bool = True) -> list[Indicator]:
    """Extract every numeric indicator from the body paragraphs of every article.

    Parameters
    ----------
    corpus : Corpus
        From ``load_corpus``.
    include_duplicates : bool, default True
        Keep indicators of paragraphs the layout printed twice (flagged
        ``duplicate=True``); ``False`` leaves them out.

    Returns
    -------
    list of Indicator
        In corpus order; offsets are document offsets
        (``corpus.document(doc_id).text[i.start:i.end] == i.surface``).
    """
    out: list[Indicator] = []
    texts: dict[str, str] = {}
    for article in corpus.articles:
        if article.doc_id not in texts:
            texts[article.doc_id] = corpus.document(article.doc_id).text
        doc_text = texts[article.doc_id]
        art_dup = getattr(article, "duplicate_of", None) is not None
        for p in article.paragraphs:
            if p.kind != "body":
                continue
            dup = art_dup or p.duplicate_of is not None
            if dup and not include_duplicates:
                continue
            for q in extract_from_text(p.text, place=article.place):
                s = p.doc_offset(q.start)
                e = p.doc_offset(q.end - 1) + 1
                if doc_text[s:e] != q.surface:
                    # crosses a rejoin point (page break): cannot be pointed at, so left out
                    logger.debug(
                        "%s: %r crosses a rejoined paragraph break; skipped",
                        article.file,
                        q.surface,
                    )
                    continue
                out.append(
                    Indicator(
                        file=article.file,
                        article_id=article.id,
                        article_index=article.index,
                        paragraph_index=p.index,
                        start=s,
                        end=e,
                        surface=q.surface,
                        context=q.context,
                        value=q.value,
                        value_max=q.value_max,
                        unit=q.unit,
                        qualifier=q.qualifier,
                        subject=q.subject,
                        time_scope=q.time_scope,
                        place=q.place,
                        duplicate=dup,
                        per=q.per,
                        pair_role=q.pair_role,
                        change=q.change,
                    )  # fmt: skip
                )
    return out


def indicators_frame(indicators: Iterable[Indicator]) -> pd.DataFrame:
    """One row per indicator, duplicates included (filter with ``df[~df.duplicate]``).

    Returns
    -------
    DataFrame with columns ``file, article_id, article_index, paragraph_index, start, end,
    surface, context, value, value_max, unit, qualifier, subject, time_scope, place,
    duplicate`` (the ``Indicator`` fields).
    """
    return to_frame(indicators, kind=Indicator)


def aggregate_indicators(
    indicators: Iterable[Indicator],
    *,
    by: tuple[str, ...] = ("unit",),
    include_duplicates: bool = False,
) -> pd.DataFrame:
    """Count and sum indicators per group, leaving duplicated paragraphs out by default.

    Parameters
    ----------
    indicators : iterable of Indicator
    by : tuple of str, default ("unit",)
        ``Indicator`` fields to group by (e.g. ``("file", "unit")``, ``("subject", "unit")``).
    include_duplicates : bool, default False
        Count indicators of duplicated paragraphs too.

    Returns
    -------
    DataFrame with the ``by`` columns plus ``n`` (rows), ``total`` (sum of ``value`` over the
    rows that can be added up) and ``n_not_summed`` (rows left out of ``total``: rates and
    rules, which carry ``per``; the first figure of a before/after pair, ``pair_role``
    'before' — 从5320张压减至196张 adds up to 196, never 5516; and amounts of change, which
    carry ``change`` — 资金1230亿元，比上年增加200亿元 adds up to 1230, never 1430).
    """
    df = indicators_frame(indicators)
    unknown = [b for b in by if b not in df.columns]
    if unknown:
        raise ValueError(
            f"by={by!r}: unknown column(s) {unknown}; expected Indicator fields {list(df.columns)}"
        )
    if not include_duplicates:
        df = df[~df["duplicate"].astype(bool)]
    summable = df["per"].isna() & (df["pair_role"] != "before") & df["change"].isna()
    df = df.assign(_summed=df["value"].where(summable, 0.0), _not_summed=(~summable).astype(int))
    g = df.groupby(list(by), dropna=False, sort=True)
    return g.agg(
        n=("value", "size"), total=("_summed", "sum"), n_not_summed=("_not_summed", "sum")
    ).reset_index()


def indicator_to_json(ind: Indicator) -> dict[str, Any]:
    """One ``indicators.jsonl`` line as a dict with exactly ``JSON_KEYS``, in order."""
    return {k: getattr(ind, k) for k in JSON_KEYS}
