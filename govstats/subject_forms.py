"""Sentence forms that name a figure's subject by themselves: a list before 分别 (``A、B分别增长X、Y``)
and a change to the figure (``死亡人数已上升到81人``). ``subjects._subject`` tries them first.
"""

from __future__ import annotations

import re

from .indicator_rules import _strip_quotes
from .noun_chunks import _is_place, _possessor, _tag, _tail_words, _tidy

TIME_WORDS = re.compile(r"^(?:目前|当前|现在|今年|去年|近年来|截至目前|如今|此前|之前|其中)")

_FIGURE = re.compile(
    r"(?:百分之)?[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
    r"|[0-9０-９][0-9０-９.．,，]*"
)


def distributive(text: str, cs: int, q_start: int) -> str | None:
    """``A和B分别<verb>X和Y``: the k-th figure after 分别 belongs to the k-th item before it
    (市民服务热线诉求解决率、满意率分别达97.3%和97.7% -> 满意率 for 97.7%); a short item
    shares the last item's head (食品、药品抽检合格率 -> 食品抽检合格率, 一产、二产、三产增加值 ->
    一产增加值); a modifier before 的 in an earlier item scopes over the list and is dropped, the
    last item keeps a possessor (沿海运输企业的货物周转量 -> 沿海运输企业货物周转量); a per phrase
    before 分别 is no part of the items (平均每斤); a change verb after 分别 names the change, as
    in a single rate (事故起数和死亡人数分别下降3.6%和1.3% -> 事故起数下降, 死亡人数下降)."""
    head = text[cs:q_start]
    at = head.rfind("分别")
    if at < 2:
        return None
    k = len(_FIGURE.findall(head, at + 2))
    lead = _PER_TAIL.sub("", head[:at])
    items = _list_items(lead)
    if len(items) < 2 or k >= len(items) or _LEADING_FIGURE.match(lead.lstrip("“‘")):
        return None
    item = _strip_quotes(items[k])
    item = _possessor(item) if k == len(items) - 1 else item.rsplit("的", 1)[-1]
    if len(item) > 2:
        item = _tidy(item, verbs=True) or ""
    if len(item) <= 2 and k < len(items) - 1:
        last = _tag(_possessor(_strip_quotes(items[-1])))
        item += "".join(w for w, _ in last[1:])
    if len(item) < 2:
        return None
    verb = _CHANGE_AFTER.match(head, at + 2)
    return _tail_words(item, 14) + (verb.group(1) if verb else "")


def _list_items(s: str) -> list[str]:
    """The items of a list written before 分别: separated by 、 and by the conjunctions 和, 与, 及,
    以及 as words (not the 及 of 普及率, the 和 of 和谐)."""
    out, cur = [], ""
    for w, f in _tag(s):
        if w == "、" or (f == "c" and w in ("和", "与", "及", "以及")):
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += w
    return [*out, cur] if cur else out


#: a list that starts with a figure is no list of names (3个社区、5个村分别…)
_LEADING_FIGURE = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万]+[个项名位件条家所户人]")
_PER_TAIL = re.compile(r"(?:平均)?每(?:个|名|位)?[\u4e00-\u9fff]$|平均$")
_CHANGE_AFTER = re.compile(
    r"(?:比|较)?[\u4e00-\u9fff]{0,4}?(增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小|下调|上调)"
)


#: a change to the figure: 死亡人数已上升到81人, 占领阵地缩短到20分钟以内, 准驾年龄延长至63周岁
_CHANGED_TO = re.compile(
    r"(?:已经|已|迅速|逐步|进一步|大幅|将|会|又|再|明年起|今年起)*"
    r"(?:上升|下降|缩短|延长|提高|降低|扩大|缩小|提升|压减|压缩|攀升|跃升|回落|下调|上调|放宽|减少|增加|增长"
    r"|降|升|涨|跌)"
    r"(?:到|至)$"
)


_SEQUENCE_WORDS = frozenset(["后来", "随后", "此后", "之后", "然后", "最后", "最终"])


def changed_to(text: str, cs: int, q_start: int) -> str | None:
    """What changed to the figure (a before/after pair with 从/由 is the pair's rule)."""
    mm = _CHANGED_TO.search(text, max(cs, q_start - 14), q_start)
    if mm is None:
        return None
    head = text[cs : mm.start()]
    if "从" in head or "由" in head:
        return None
    head = _strip_quotes(head.rsplit("的", 1)[-1] if len(head.rsplit("的", 1)[-1]) >= 2 else head)
    got = _tidy(TIME_WORDS.sub("", head[-24:]))
    if got in _SEQUENCE_WORDS:
        return None  # 后来增加到十六亿土方: a time word, no name
    return _tail_words(got, 14) if got and len(got) >= 2 and not _is_place(got) else None


#: a change verb a subject ends with (convention v2, rule 4: the measure that changes names the
#: change, without the verb): 死亡人数下降 -> 死亡人数, 货币余额同比增长 -> 货币余额
_CHANGE_END = re.compile(
    r"(?:同比|环比|年均|平均|分别|已经|已|均|又|再|大幅|持续|稳步|逐步|进一步)*"
    r"(?:增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小|上涨|下跌|下调|上调|增收|多增|精简|稳定"
    r"|回落|攀升|跃升)了?$"
)
#: what is left of a change that names no measure (同比多增 -> 同比)
_NO_MEASURE = re.compile(r"^(?:同比|环比|比上年|较上年|年均|平均|累计|共|已|已经|后来|其中)?$")


def without_change(subject: str | None) -> str | None:
    """The measure of a change without its verb (convention v2, rule 4): 大型活动增长 -> 大型活动,
    人民币贷款增加 -> 人民币贷款, 集体经济增收 -> 集体经济; a bare verb stays (增长)."""
    if not subject or not (mm := _CHANGE_END.search(subject)) or mm.start() == 0:
        return subject
    rest = subject[: mm.start()]
    if _NO_MEASURE.fullmatch(rest) or len(rest) < 2:
        return subject
    return rest
