"""More written forms of an organisation hierarchy, used by :mod:`govstats.hierarchy`.

Each reader takes one paragraph and the compiled level vocabulary and returns candidates
``(start, end, levels, spans, claimed)``: the statement's span in the paragraph, the
levels as written (top first), each level's span, and the number of levels the text
itself states (or None). Overlapping readings are resolved by the caller.

- ordinal clauses: ``第一级以街道为单元；第二级覆盖社区；第三级落到每个小区``
- ordinal grid levels: ``设一级网格12个、二级网格86个、三级网格540个``
- a run of one-character ranks before N级: ``县乡村三级指挥体系``
- 、-lists before N级: ``市、区、街道、社区四级联动``, partly written out (``区县、镇街和村社的五级``),
  with the claim later in the sentence (``每个省、市、县、乡的…五级书记``), from-to
  (``从市到村的四级``), pairs (``中央和省两级``)
- dash chains of rank-led units before N级 (``县政务服务中心——乡镇便民服务中心——村便民服务站``),
  and :func:`route`, which rejects places along a road (``鲁甸县-龙头山镇-巧家县``)

and :func:`direct_counts`, the count written right next to a level (``一级网格12个``,
``12个一级网格``). The readers of structures stated over clauses (ranked clauses, role chains,
what stays at each level) are in :mod:`govstats.hierarchy_clauses`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hierarchy_vocab import _Vocab

__all__ = [
    "ordinal_clauses",
    "ordinal_grids",
    "rank_runs",
    "from_to",
    "pair_lists",
    "lists_before_claim",
    "rank_led_chains",
    "claimed_lists",
    "route",
    "direct_counts",
]

_NUM = "一二两三四五六七八九十"
_NUM_VALUE = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def _num(ch: str) -> int:
    return int(ch) if ch.isdigit() else _NUM_VALUE.get(ch, 0)


# 第一级 / 第二级 … (the ordinal of a level stated in its own clause)
_ORD_CLAUSE = re.compile(rf"第([{_NUM}]|\d)级")
# a clause ends at these (or at the next 第N级)
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_ORD_GAP = 40  # characters allowed between one 第N级 clause and the next
_STOP = re.compile(r"(?:的|等|和|与|及|为|是|作为|由)")
# 一级网格 / 二级网格 … written as level names
_ORD_GRID = re.compile(rf"([{_NUM}])级(网格|党组织|党支部|组织|单元)(?![长员])")  # not 一级网格长
_GRID_GAP = 14
# the grid levels of a scheme may be separated by commas, not by a sentence end
_SENT_STOP = re.compile(r"[。！？!?\n]")
_GRID_IS = re.compile(r"(?:为|是|设在|对应)")
# N级 right after a run of one-character ranks: 县乡村三级
_RUN_ANCHOR = re.compile(rf"([{_NUM}]|\d)级")
_CLOSE_QUOTES = '”"’」'
# one-character rank words that may lead a clause (组 may not: 组织…)
_CLAUSE_RANKS = frozenset("省市县区乡镇村州旗")
# who holds the levels, between a run of ranks and its count: 市县乡村|书记|四级联动
_RUN_LINK = re.compile(r"(?:书记|党委|政府|干部|领导|党组织)$")
_FROM = re.compile(r"从")
# 从市到村|的|四级, 从省到村|五级
_FROM_CLAIM = re.compile(rf"的?[“\"]?([{_NUM}]|\d)级")
# the second of the pair may be the provinces' set phrase (省、市、自治区) and may have 的 or its
# holder between it and 两级 (中央和省级的两级督察体制, 中央和省级政府两级办学)
_PAIR = re.compile(
    r"([\u4e00-\u9fff]{1,3})[和与及]((?:[\u4e00-\u9fff]{1,3}、){0,3}[\u4e00-\u9fff]{1,3}?)"
    r"(?:的|政府|党委)?[两二]级"
)
# the words of the provinces' set phrase: 省、市、自治区, 省、自治区、直辖市 (市 is the municipality)
_PROVINCE_SET = frozenset(("省", "市", "自治区", "直辖市", "区"))
# a dash chain before its N级 claim (rank_led_chains)
_CHAIN_CLAIM = re.compile(rf"[”\"’」]?([{_NUM}]|\d)级")
_CHAIN_STOP = '，,。；;：:、“"‘「！!？?\n'
_CHAIN_ITEM = re.compile(r"[\u4e00-\u9fff（）()]+")
_DASH_SEP = re.compile(r"\s*[—－\-–―→]{1,2}\s*")
_ANY_DASH = re.compile(r"[—－\-–―→]")
_CHAIN_ITEM_MAX = 14
# "“区、街、社区”三级书记": a 、-list is a hierarchy only when the text names its level count
# N个层级 / N个级别 claims the same (xwlb b10757a6 "目前设置的国家、省、市、县四个层级的监测站点",
# 952209d6 "纵向推动了市、区、街道、村居四个层级的信息整合"); not N个层次 (of tasks, 1997 report)
_CLAIM_ANCHOR = re.compile(rf"[”\"’」]?\s*([{_NUM}]|\d)(?:级|个层级|个级别)")
_AND = re.compile(r"(?<=[\u4e00-\u9fff）)])[和及与](?=[\u4e00-\u9fff])")
_MASK = "\ue000"  # stands for a 、 inside parentheses while a list is split
_LIST_TAIL = re.compile(
    r"[\u4e00-\u9fff()（）\ue000]{1,12}(?:、[\u4e00-\u9fff()（）\ue000]{1,12}){1,6}$"
)
_FAR_GAP = 60  # characters from a list of ranks to its N级 claim
_SENT_END = re.compile(r"[。！？!?；;\n]")
_FAR_CLAIM = re.compile(
    rf"([{_NUM}])级(?:书记|联动|体系|网络|网格|架构|组织|管理|联创|联建|平台|党委|政府|干部|指挥|巡视|监察|责任|工作)"
)
# a parenthesised alternative: 村（社区）, 街道（乡镇）党（工）委
_PAREN_ANY = re.compile(r"[（(][^（）()]{1,6}[)）]")
# the last character of a place name that says its rank (as hierarchy_vocab._PLACE_RANKS)
_PLACE_RANK_CHARS = frozenset("省市县区旗州盟")
_COUNT_AFTER = re.compile(r"\s*(\d+)\s*[个处支家]")
_COUNT_BEFORE = re.compile(r"(\d+)\s*[个处支家]\s*$")


def _level_in(vocab: _Vocab, text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The first level name in ``text[lo:hi]``: from its first level noun, as long as it
    stays a level name and no stop word (的, 为 …) intervenes."""
    first = vocab.noun_any.search(text, lo, hi)
    if first is None:
        return None
    a = first.start()
    stop = _STOP.search(text, a + 1, hi)
    limit = stop.start() if stop else hi
    best = first.end() if vocab.is_level(text[a : first.end()]) else None
    for m in vocab.noun_any.finditer(text, first.end(), limit):
        if m.end() - a > 14:
            break
        if vocab.is_level(text[a : m.end()]):
            best = m.end()
    return (a, best) if best else None


def ordinal_clauses(text: str, vocab: _Vocab):
    """``第一级以街道为单元；第二级覆盖社区；第三级落到每个小区`` → 街道, 社区, 小区."""
    if "第" not in text or "级" not in text:
        return []
    anchors = list(_ORD_CLAUSE.finditer(text))
    out = []
    run: list[tuple[re.Match, tuple[int, int]]] = []

    def flush():
        if len(run) >= 2:
            spans = [sp for _, sp in run]
            levels = [text[a:b] for a, b in spans]
            out.append((run[0][0].start(), spans[-1][1], levels, spans, None))

    for k, m in enumerate(anchors):
        nxt = anchors[k + 1].start() if k + 1 < len(anchors) else len(text)
        end = _CLAUSE_END.search(text, m.end(), nxt)
        span = _level_in(vocab, text, m.end(), end.start() if end else nxt)
        n = _num(m.group(1))
        if (
            span
            and run
            and n == _num(run[-1][0].group(1)) + 1
            and m.start() - run[-1][1][1] <= _ORD_GAP
        ):
            run.append((m, span))
            continue
        flush()
        run = [(m, span)] if span and n == 1 else []
    flush()
    return out


def ordinal_grids(text: str, vocab: _Vocab):
    """``设一级网格12个、二级网格86个、三级网格540个`` → 一级网格, 二级网格, 三级网格.

    The last ordinal is the level count the text states.
    """
    if "级" not in text:
        return []
    out = []
    run: list[re.Match] = []

    def flush():
        if len(run) < 2:
            return
        spans = [(m.start(), m.end()) for m in run]
        # 一级网格为乡镇，二级网格为村…: the levels are the units each grid level is
        named = []
        for m in run:
            is_ = _GRID_IS.match(text, m.end())
            stop = _CLAUSE_END.search(text, m.end()) if is_ else None
            named.append(
                _level_in(vocab, text, is_.end(), stop.start() if stop else len(text))
                if is_
                else None
            )
        if all(named) and all(text[a:b] != "网格" for a, b in named):
            spans = named
        out.append(
            (
                run[0].start(),
                spans[-1][1],
                [text[a:b] for a, b in spans],
                spans,
                _num(run[-1].group(1)),
            )
        )

    for m in _ORD_GRID.finditer(text):
        n = _num(m.group(1))
        if (
            run
            and n == _num(run[-1].group(1)) + 1
            and m.start() - run[-1].end() <= _GRID_GAP
            and m.group(2) == run[-1].group(2)
            and not _SENT_STOP.search(text, run[-1].end(), m.start())
        ):
            run.append(m)
            continue
        flush()
        run = [m] if n == 1 else []
    flush()
    return out


def rank_runs(text: str, vocab: _Vocab):
    """``县乡村三级指挥体系`` → 县, 乡, 村: N one-character ranks, top first, before N级.

    The holders of the levels may stand between the run and its count
    (``市县乡村书记四级联动``, ``省市县乡村五级书记`` is the plain form).
    """
    if "级" not in text or not vocab.rank:
        return []
    out = []
    for m in _RUN_ANCHOR.finditer(text):
        n = _num(m.group(1))
        b = m.start() - 1 if m.start() and text[m.start() - 1] in _CLOSE_QUOTES else m.start()
        link = _RUN_LINK.search(text, max(0, b - 4), b)
        if link is not None and vocab.rank.get(text[link.start() - 1 : link.start()]) is not None:
            b = link.start()
        a = b - n
        if n < 2 or a < 0:
            continue
        chars = text[a:b]
        ranks = vocab.regional(chars, [vocab.rank.get(c) for c in chars])
        if None in ranks or any(x >= y for x, y in zip(ranks, ranks[1:])):
            continue
        # part of a longer run that does not match the count (贵州|省市县 is not; nor is
        # 全部|省市县, 部 being a rank only in lists)
        before = vocab.rank.get(text[a - 1]) if a > 0 and text[a - 1] in _CLAUSE_RANKS else None
        if before is not None and before < ranks[0]:
            continue
        spans = [(a + i, a + i + 1) for i in range(n)]
        out.append((a, b, list(chars), spans, n))
    return out


def from_to(text: str, vocab: _Vocab):
    """``从市到村的四级联动机制`` → 市, 村 (claimed 4); ``从国家到省、市、县四级联动`` → 国家,
    省, 市, 县; ``从省、市、县到镇、村的五级监管体系``: the levels written before and after 到,
    before an N级 claim."""
    if "从" not in text or "级" not in text or not vocab.rank_words:
        return []
    out = []
    for m in _FROM.finditer(text):
        spans = []  # the top: one rank or a 、-list of them (从省、市、县到镇、村的五级)
        pos = m.end()
        while (w := _rank_at(text, pos, vocab)) is not None:
            spans.append(w)
            pos = w[1] + 1
            if not text.startswith("、", w[1]):
                break
        if not spans or not text.startswith("到", spans[-1][1]):
            continue
        pos = spans[-1][1] + 1
        while (w := _rank_at(text, pos, vocab)) is not None:
            spans.append(w)
            pos = w[1]
            if not text.startswith("、", pos):
                break
            pos += 1
        c = _FROM_CLAIM.match(text, spans[-1][1])
        if len(spans) < 2 or c is None:
            continue
        levels = [text[a:b] for a, b in spans]
        n = _num(c.group(1))
        if n < len(levels) or not _ranks_descend(levels, vocab):
            continue
        out.append((m.start(), spans[-1][1], levels, spans, n))
    return out


def pair_lists(text: str, vocab: _Vocab):
    """``中央和省两级管理`` → 中央, 省: two ranks joined by 和/与/及 before 两级; two places
    of two ranks keep their names (``北京市和东城区两级政府`` → 北京市, 东城区); the provinces'
    set phrase is one level (``由中央和省、市、自治区两级切实掌握`` → 中央, 省、市、自治区:
    state-council reports 1959), and 的 or the levels' holder may stand before 两级
    (``中央和省级的两级督察体制`` → 中央, 省级, xwlb ccb60aaa; ``中央和省级政府两级办学``, 1995)."""
    if "两级" not in text and "二级" not in text:
        return []
    out = []
    for m in _PAIR.finditer(text):
        a0 = m.start(1)
        first = vocab.rank_suffix(text[max(0, a0 - 8) : a0 + len(m.group(1))])
        second = m.group(2)
        provinces = "、" in second and _provinces(second)
        if "、" in second and not provinces:
            continue
        place = not provinces and second not in vocab.rank and _place_name(second, vocab)
        if first is None or not (place or provinces or second in vocab.rank):
            continue
        if place and first == 1 and _place_name(m.group(1), vocab):
            first = len(m.group(1))  # 延安市和洛川县: the city by its name, as the county
        a = m.start(1) + len(m.group(1)) - first
        levels = [text[a : m.end(1)], second]
        ranks = [vocab.rank.get(lv, vocab.rank.get(lv[-1])) for lv in levels]
        if provinces:
            ranks[1] = vocab.rank.get("省")
        if None in ranks or ranks[0] >= ranks[1]:
            continue
        out.append((a, m.end(2), levels, [(a, m.end(1)), (m.start(2), m.end(2))], 2))
    return out


def _provinces(words: str) -> bool:
    """Whether a 、-list is the provinces' set phrase (省、市、自治区; 省、自治区、直辖市)."""
    items = words.split("、")
    return (
        set(items) <= _PROVINCE_SET
        and "省" in items
        and ("自治区" in items or "直辖市" in items)
        and len(set(items)) == len(items)
    )


def lists_before_claim(text: str, vocab: _Vocab):
    """``每个省、市、县、乡的党政一把手层层签署责任书…形成了五级书记一起抓扶贫的局面`` →
    省, 市, 县, 乡 (claimed 5): a 、-list of at least three ranks, top first, and later in
    the same sentence an N级 claim (N no smaller than the list) of a structure (书记, 联动,
    体系 …); a list right before its N级 is read by the caller."""
    if "级" not in text or "、" not in text or not vocab.rank_words:
        return []
    first = _FAR_CLAIM.search(text)
    if first is None:
        return []
    out = []
    pos = max(0, first.start() - _FAR_GAP - 40)  # a list far before every claim is no reading
    while (w := vocab.rank_words.search(text, pos)) is not None:
        spans = [_rank_at(text, w.start(), vocab)]
        p = spans[-1][1]
        while text.startswith("、", p) and (nxt := _rank_at(text, p + 1, vocab)) is not None:
            spans.append(nxt)
            p = nxt[1]
        pos = max(p, w.end())
        levels = [text[a:b] for a, b in spans]
        if len(spans) < 3 or _CHAIN_CLAIM.match(text, p) or not _ranks_descend(levels, vocab):
            continue
        if (
            spans[0][0]
            and vocab.rank_suffix(text[max(0, spans[0][0] - 3) : spans[0][0]])
            and vocab.rank.get(text[spans[0][0] - 1]) is not None
        ):
            continue  # 中央、省、市 inside a longer list that is not top first
        end = _SENT_END.search(text, p, p + _FAR_GAP)
        c = _FAR_CLAIM.search(text, p, end.start() if end else min(len(text), p + _FAR_GAP))
        if c is None or _num(c.group(1)) < len(levels):
            continue
        out.append((spans[0][0], c.end(), levels, spans, _num(c.group(1))))
    return out


def rank_led_chains(text: str, vocab: _Vocab):
    """``“县政务服务中心——乡镇便民服务中心——村便民服务站”三级平台`` → the three items as
    written: a dash chain whose items each start with a rank word, top first, right before
    an N级 claim equal to the number of items (the items need not end with a level noun)."""
    if "级" not in text or not vocab.rank_words or not _ANY_DASH.search(text):
        return []
    out = []
    for c in _CHAIN_CLAIM.finditer(text):
        n = _num(c.group(1))
        b = c.start() - 1 if text.startswith("的", c.start() - 1) else c.start()
        a = b
        while a > 0 and text[a - 1] not in _CHAIN_STOP:
            a -= 1
        parts = [(m.start(), m.end()) for m in _CHAIN_ITEM.finditer(text, a, b)]
        seps = [text[x[1] : y[0]] for x, y in zip(parts, parts[1:])]
        if len(parts) != n or n < 2 or not all(_DASH_SEP.fullmatch(sp) for sp in seps):
            continue
        if parts[-1][1] != b or (
            parts[0][0] != a and not _DASH_SEP.fullmatch(text[a : parts[0][0]] or "-")
        ):
            continue
        lead = vocab.rank_words.match(text, parts[0][0])
        if lead is None:  # 推进|县政务服务中心: a set-up verb before the first item
            first = text[parts[0][0] : parts[0][1]]
            cut = max((first.rfind(v) + len(v) for v in vocab.lead_verbs if v in first), default=0)
            parts[0] = (parts[0][0] + cut, parts[0][1])
        ranks = []
        for x, y in parts:
            w = vocab.rank_words.match(text, x)
            if w is None or y - w.end() < 2 or y - x > _CHAIN_ITEM_MAX:
                break
            ranks.append(vocab.rank[w.group()])
        if len(ranks) != n or any(p >= q for p, q in zip(ranks, ranks[1:])):
            continue
        if all(vocab.is_level(text[x:y]) for x, y in parts):
            continue  # a chain of level names: read by the caller's chains
        out.append((parts[0][0], parts[-1][1], [text[x:y] for x, y in parts], parts, n))
    return out


def route(clause: str, spans, vocab: _Vocab) -> bool:
    """Places along a road or line (鲁甸县-龙头山镇-巧家县): every item ends with a rank word
    and the ranks go down and up again, which no hierarchy does."""
    ranks = []
    for a, b in spans:
        k = vocab.rank_suffix(clause[a:b])
        if k is None:
            return False
        ranks.append(vocab.rank.get(_PAREN_ANY.sub("", clause[b - k : b])))
    if None in ranks:
        return False
    steps = [y - x for x, y in zip(ranks, ranks[1:])]
    return any(d > 0 for d in steps) and any(d < 0 for d in steps)


def claimed_lists(text: str, vocab: _Vocab):
    """``区、街、社区”三级`` → levels, when the count of items equals the stated count.

    A list of rank words may state fewer levels than it claims (``覆盖所有区县、镇街和村社的
    五级联动`` → 区县, 镇街, 村社, claimed 5): gold keeps the levels as written.
    """
    if "、" not in text:
        return []
    out = []
    # a 、 inside a parenthesised alternative separates no items: 县（市、区）、乡镇（街道）
    masked = (
        _PAREN_ANY.sub(lambda p: p.group().replace("、", _MASK), text) if "、" in text else text
    )
    for c in _CLAIM_ANCHOR.finditer(text):
        n = _num(c.group(1))
        lo = max(0, c.start() - 7 * 13)
        m = _LIST_TAIL.search(masked, lo, c.start())
        if m is None:
            continue
        items = [x.replace(_MASK, "、") for x in m.group().split("、")]
        base = m.start()
        # 各省、区、市和新疆生产建设兵团的|省、市、县三级: the last n, when the list starts
        # inside the n-th last item (中央和省、市、自治区两级 is one list, too long), also
        # when that item is a clause ending with a rank (湖南等地建立|省、市、县三级)
        if len(items) > n >= 2 and (
            not _plain_level(items[-n], vocab) or _clause_then_rank(items[-n], vocab)
        ):
            base += sum(len(x) + 1 for x in items[:-n])
            items = items[-n:]
        # the last pair may be joined by 和/及/与: …网格党支部和党员中心户四级党组织体系
        joined = _AND.split(items[-1])
        if (
            len(joined) == 2
            and all(joined)
            and (
                len(items) + 1 == n
                or (len(items) + 1 < n and all(vocab.rank_prefix(x) for x in joined))
            )
        ):
            items[-1:] = joined
        end = m.end()
        # a set-up verb (or 的) between the list and its count: 在县、乡、村、组|设置|四级网格,
        # 在县、镇、村|构建起|三级网络, 村社|的|五级联动
        tail = _list_tail(items[-1], vocab)
        if tail:
            items[-1] = items[-1][: -len(tail)]
            end -= len(tail)
        # ranks down to a unit below them: 国家、省、市、县、校五级 (the school at the bottom)
        unit = (
            len(items) == n >= 3
            and _UNIT.fullmatch(items[-1]) is not None
            and items[-1] not in vocab.rank
            and not vocab.is_level(items[-1])
            # a rank word then words is no unit: 县、镇、村|辖区分三级 (xwlb f0dea114)
            and not vocab.rank_words.match(items[-1])
            and all(_PAREN_ANY.sub("", x) in vocab.rank for x in items[1:-1])
        )
        body = items[:-1] if unit else items
        ranked = all(_PAREN_ANY.sub("", x) in vocab.rank for x in body[1:])
        # a list of ranks: the first is a rank too (区已全面完成|省、市、县)
        below = None
        if (
            len(items) > 2
            and (r1 := vocab.rank.get(items[1])) is not None
            and (r2 := vocab.rank.get(items[2])) is not None
            and r1 < r2
        ):
            below = r1  # the list runs top first: the first item ranks above the second
        first = vocab.rank_suffix(items[0], items[1], below) if ranked and len(items) > 1 else None
        front = len(items[0]) - first if first is not None else vocab.trim_front(items[0])
        if front is None and (k := vocab.rank_suffix(items[0])) is not None:
            front = len(items[0]) - k  # 流调溯源方面，|国家、福建省、莆田市、仙游县四级
        if front is None or not all(_plain_level(x, vocab) for x in body[1:]):
            continue
        if unit and not _ranks_descend([items[0][front:], *body[1:]], vocab):
            continue
        if len(items) != n:
            # fewer ranks than claimed, top → bottom: a partly written-out claim
            rest = [items[0][front:], *items[1:]]
            if not (ranked and 2 <= len(items) < n and _ranks_descend(rest, vocab)):
                continue
        a = base + front
        spans, pos = [], a
        for k, x in enumerate(items):
            x = x[front:] if k == 0 else x
            spans.append((pos, pos + len(x)))
            pos += len(x) + 1  # the 、 (or the one-character 和/及/与)
        out.append((a, end, [text[x:y] for x, y in spans], spans, n))
    return out


def _place_name(word: str, vocab: _Vocab) -> bool:
    """A place named with its rank: 2–4 characters ending with a one-character rank word
    (洛川县, 东城区, 辽宁省), not a run of ranks (省市) nor words of a clause."""
    return (
        2 <= len(word) <= 4
        and word[-1] in _PLACE_RANK_CHARS
        and word[-2] not in vocab.rank
        and not _CLAUSE_CHARS.search(word)
    )


def _clause_then_rank(item: str, vocab: _Vocab) -> bool:
    """Whether a list item is words ending with a rank that opens the list (安徽开始着力打造|省,
    建立|省): not a rank word itself, its rank word after a set-up verb or after three or more
    other characters."""
    if item in vocab.rank:
        return False
    k = vocab.rank_suffix(item)
    if k is None or k == len(item):
        return False
    head = item[:-k]
    return len(head) >= 3 or head.endswith(vocab.lead_verbs)


def _list_tail(item: str, vocab: _Vocab) -> str:
    """What follows the level in the last item of a list before its N级: a set-up verb
    (``村构建起``, ``组设置``) or 的 (``村社的``); "" when the item is the level."""
    if vocab.is_level(item) or item in vocab.rank:
        return ""
    if item.endswith("的") and (vocab.is_level(item[:-1]) or item[:-1] in vocab.rank):
        return "的"
    for k in range(len(item) - 1, 0, -1):
        head, rest = item[:k], item[k:]
        if (head in vocab.rank or vocab.is_level(head)) and any(
            rest.startswith(v) for v in vocab.lead_verbs
        ):
            return rest
    return ""


# a unit below the ranks at the end of a list (校, 企业, 营运单位: "我国核应急体系由国家、省和营运
# 单位三级核应急组织构成", xwlb 557bcd16): a short word
_UNIT = re.compile(r"[\u4e00-\u9fff]{1,4}")
# characters of a clause, not of a level name (市已经选出县乡 is no level)
_CLAUSE_CHARS = re.compile(r"[已经在的了将从对把被由是能需要]")


def _plain_level(item: str, vocab: _Vocab) -> bool:
    """A list item that is a rank word or a level name with no clause inside it."""
    return item in vocab.rank or (vocab.is_level(item) and not _CLAUSE_CHARS.search(item))


def _rank_at(text: str, pos: int, vocab: _Vocab) -> tuple[int, int] | None:
    """The rank word at ``pos`` with a parenthesised alternative after it (村（社区）)."""
    w = vocab.rank_words.match(text, pos)
    if w is None:
        return None
    p = _PAREN_ANY.match(text, w.end())
    return (pos, p.end() if p else w.end())


def _ranks_descend(levels, vocab: _Vocab) -> bool:
    ranks = vocab.regional(levels, [vocab.rank.get(_PAREN_ANY.sub("", lv)) for lv in levels])
    return None not in ranks and all(x < y for x, y in zip(ranks, ranks[1:]))


def direct_counts(text: str, spans) -> list[float | None]:
    """The count written right at each level: ``一级网格12个`` or ``12个一级网格``."""
    out: list[float | None] = []
    for a, b in spans:
        m = _COUNT_AFTER.match(text, b)
        if m is None:
            m = _COUNT_BEFORE.search(text, max(0, a - 8), a)
        out.append(float(m.group(1)) if m else None)
    return out
