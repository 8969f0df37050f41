"""The role of a figure in its clause, read from the text around it.

A qualifier written apart from the figure (大概有900到1000户, 在两个月的时间内), the unit a rate
or rule applies to (``per``: 每个小区都有1个党支部 -> 小区), which figure of a 从A压减至B pair
is before and which after (``pair_role``), and the verb of a figure that is an amount of change
(``change``: 比上年增加200亿元 -> 增加, 同比增长7.2% -> 增长; not 提高到88%, a level). Pure functions of the text and the
clause bounds; :mod:`govstats.indicators` calls them for every figure it keeps.
"""

from __future__ import annotations

import re
from typing import Any

_ITEM_SEP = re.compile(r"[、和与及]")

#: a precision word separated from the figure by a verb (it stays out of the surface)
_APPROX_VERB = re.compile(r"(?:大概|大约|约|差不多)(?:有|是|为|在)$")
_WITHIN_TIME = re.compile(r"(?:的)?时间(?:内|之内|以内)")
_SHARED_QUAL = re.compile(r"分别([\u4e00-\u9fff]{1,2})")


def _distant_qualifier(text: str, cs: int, q_start: int, q_end: int, ce: int, r: Any) -> str | None:
    """A qualifier written apart from the figure: 大概有900到1000户 (approx), 在两个月的时间内
    (up_to), 分别超98.5%和99% (超 applies to both figures)."""
    if _APPROX_VERB.search(text, max(cs, q_start - 3), q_start):
        return "approx"
    if _WITHIN_TIME.match(text, q_end, ce):
        return "up_to"
    head = text[cs:q_start]
    at = head.rfind("分别")
    if at >= 0 and (mm := _SHARED_QUAL.match(head, at)):
        for w in (mm.group(1), mm.group(1)[:1]):
            if w in r.qual_before and _ITEM_SEP.search(head, mm.end()):
                return r.qual_before[w]
    return None


_PER = re.compile(
    r"每(?!隔)(?:一个|个|名|位|户|家|所|座|栋|条|处|间)?([\u4e00-\u9fff]{1,6}?)(?:都|均|各|就|还|也|分别|平均|可)?"
    r"(?:需|要|至少|不少于|配备|配有|设有|设立|建立|组建|拥有|有|安排|确定|落实|明确|选派|提高|增加|"
    r"补助|补贴|发放|奖励|享受|领取|获得|收取|"
    r"(?<![周期])[0-9一二两三四五六七八九十]|$)"  # not 每周五 (a weekday), 每期三 …
)
_PER_TIME = frozenset(["季度", "年", "月", "天", "日", "周", "小时"])
_PER_UNIT = re.compile(
    r"每(?:一)?(季度|年|月|天|日|周|人|户|斤|亩|吨|公斤|小时)(?![\u4e00-\u9fff]{0,1}(?:都|均)?有)"
)
_PAIR_BEFORE = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:至|到)(?=[近约超0-9０-９一二两三四五六七八九十百千])"
)
_PAIR_FROM = re.compile(r"(?:从|由)[^从由]*$")
#: (full-width digits too, as the State Council reports of the 1950s-80s write them:
#: 由１９５４年的３３％上升到３４％)
_PAIR_AFTER = re.compile(r"(?:从|由)[^从由]*?[0-9０-９一二两三四五六七八九十][^从由]*?(?:至|到)$")


def _rule_of_one(text: str, cs: int, q_start: int) -> bool:
    """每个村都有一支党员工作队: a bare 一 in a rule per noun counts (not 每周开展一次, a
    frequency, which the seed gold leaves out)."""
    per = _per(text, cs, q_start)
    return per is not None and per not in _PER_TIME


#: the group a rule forms of a figure right after 每: 每20户组成一个互助小组 -> 互助小组
_PER_GROUP = re.compile(
    r"(?:左右)?(?:组成|建立|建|设立|设置|设|成立|划分为|划为|编为|编成|结成|为)?一"
    r"(?:组|[个支名处座栋]([“”\u4e00-\u9fff]{1,8}?)(?=[，,。；;！？!?\n]|$))"
)


def _per(text: str, cs: int, q_start: int, q_end: int | None = None) -> str | None:
    """The unit a rate or rule applies to: 每个小区都有1个党支部 -> 小区, 每年保底分红8万元 ->
    年, 人均住房面积4平方米 -> 人, the group of a figure right after 每 (每20户组成一个互助小组
    -> 互助小组; given ``q_end``) (else None)."""
    head = text[cs:q_start]
    at = head.rfind("每")
    if q_end is not None and at >= 0 and at == len(head) - 1:
        gm = _PER_GROUP.match(text, q_end)
        if gm:
            return gm.group(1) or "组"  # 每3人一组
    if at < 0:
        return "人" if "人均" in head else None
    if mm := _PER_UNIT.match(head, at):
        return mm.group(1)
    m = _PER.match(head, at)
    return m.group(1) if m and m.end() >= len(head) - 4 else None


def _pair_role(text: str, cs: int, q_start: int, q_end: int, ce: int) -> str | None:
    """'before' / 'after' for the figures of 从A压减至B, 由A增至B (the first / the second)."""
    head = text[cs:q_start]
    if _PAIR_AFTER.search(head):
        return "after"
    if _PAIR_FROM.search(head) and _PAIR_BEFORE.match(text, q_end, min(ce, q_end + 8)):
        return "before"
    return None


#: a change verb written right before the figure (a qualifier between): the figure is the amount
#: of the change, not a level (增长7.2%, 比上年增加200亿元, 降低了40%, 同比增3.1%; not 增加到90人)
_CHANGE_VERB = re.compile(
    r"(?P<verb>增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小|上涨|下跌|下滑|增收|减收|多增|少增"
    r"|回落|回升|攀升|跃升|下调|上调|加快|放缓|减缓|(?<=同比|环比|年均|分别)(?:增|降|减))"
    r"了?(?:约|近|超过|超|逾|达)?$"
)


def _change(text: str, cs: int, q_start: int) -> str | None:
    """The change verb of a figure that is an amount of change (else None)."""
    m = _CHANGE_VERB.search(text, max(cs, q_start - 8), q_start)
    return m.group("verb") if m else None
