"""Structures of units that are no administrative ranks, used by :mod:`govstats.hierarchy`.

A reader takes one paragraph and the compiled level vocabulary and returns candidates
``(start, end, levels, spans, claimed)`` as the readers of :mod:`govstats.hierarchy_forms`.

- :func:`ladder_lists`: a 、-list of the steps of one ladder of the lexicon (``levels:
  ladders``: 军 / 师 / 团 / 营 / 连, 兵团 / 师 / 团 / 连, 教委 / 学校 / 院系), each lower than the
  one before, right before an N级 claim of as many levels: ``向团、营、连三级递交了…请战书``,
  ``在兵、师、团三级分别组建宣讲团``, ``建立了教委、高校、院(系)三级负责人听课制度``,
  ``首批士官长分旅、团、营、连四个级别`` (N个级别, N个层级 claim as N级 does).
- :func:`unit_lists`: a list of N named units, then 的 and an N级 claim of what they form:
  ``由一线队医、医疗专家、医疗康复保障单位和赛时指定医院在内的四级医疗保障体系``.

:func:`named_top` is no reader: it gives a level that is a bare rank the place name written
before it when another level of the structure is a named place (``黑龙江省、哈尔滨市两级政府``
→ 黑龙江省, 哈尔滨市, not 省, 哈尔滨市).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hierarchy_vocab import _Vocab

__all__ = ["ladder_lists", "named_top", "unit_lists"]

_NUM_VALUE = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_LADDER_CLAIM = re.compile(r"[”\"’」]?([两二三四五六七八])(?:级|个级别|个层级)")
_JOIN = "和及与"


def _word_before(text: str, end: int, words: list[str]) -> str | None:
    """The longest of ``words`` that ends at ``text[end]``."""
    return next((w for w in words if text.startswith(w, end - len(w))), None)


def ladder_lists(text: str, vocab: _Vocab):
    """``团、营、连三级`` → 团, 营, 连 (claimed 3): N steps of one ladder, top first, joined by
    、 (the last two maybe by 和/及/与), ending right at an N级 claim. The list must be the
    whole list (no 、 before its first item) and each step lower than the one before.
    One-character steps may be written together (``师团营三级任务部署``, see :func:`_bare_run`)."""
    if "级" not in text or not vocab.ladders:
        return []
    out = []
    for c in _LADDER_CLAIM.finditer(text):
        n = _NUM_VALUE[c.group(1)]
        for lad in vocab.ladders:
            words = [w for w in vocab.ladder_words if w in lad]
            spans, end = [], c.start()
            bare = False  # 师团营三级: one-character steps written with no separator
            while len(spans) < n:
                w = _word_before(text, end, words)
                if w is None or (bare and len(w) != 1):
                    break
                spans.insert(0, (end - len(w), end))
                end -= len(w)
                if len(spans) < n:
                    if end > 0 and (
                        text[end - 1] == "、" or (len(spans) == 1 and text[end - 1] in _JOIN)
                    ):
                        if bare:
                            break
                        end -= 1
                    elif len(spans) == 1 and len(w) == 1:
                        bare = True
                    elif not bare:
                        break
            if len(spans) != n or (end > 0 and text[end - 1] == "、"):
                continue
            if bare and not _bare_run(text, spans, end, lad, vocab.ladder_words):
                continue
            steps = [lad[text[a:b]] for a, b in spans]
            if any(x >= y for x, y in zip(steps, steps[1:])):
                continue
            out.append((spans[0][0], spans[-1][1], [text[a:b] for a, b in spans], spans, n))
            break
    return out


def _bare_run(text: str, spans, start: int, lad: dict[str, int], words: list[str]) -> bool:
    """Whether one-character steps written together (``师团营三级``, ``军师两级``, xwlb decb0e5e,
    e5733ba2, c1ef83c2) are the whole run and no word: no step of the ladder right before it
    (军|师旅团三级 is not the top of the run), and no two steps that spell a longer step of any
    ladder (兵团两级 is the corps, 团场, 连队)."""
    if start > 0 and text[start - 1] in lad:
        return False
    chars = "".join(text[a:b] for a, b in spans)
    return not any(len(w) > 1 and w in chars for w in words)


# the claim of a list of units: N级 and, a few characters on, what the units form
_UNITS_CLAIM = re.compile(r"([三四五六])级[\u4e00-\u9fff]{0,8}?(?:体系|网络|架构|格局)")
_UNITS_CLAUSE_STOP = "，,。；;：:！!？?\n"
# a unit's name: short, no quote; a longer item is a clause giving the unit its task
# (定点医院救治重症患者、“方舱医院”治疗轻症患者、基层社区排查“四类人员”的三级分层分级防护体系,
# xwlb b0264ddd; 市委常委会集体调研、市领导领题调研和各部门专项调研的三级调研格局, e188ce0f),
# whose levels are the units inside it: not read
_UNITS_ITEM = re.compile(r"[\u4e00-\u9fff0-9（）()]{2,8}")
_UNITS_JOIN = re.compile(r"(?:以及|和|及|与)")
# where a list's first item starts: after a set-up word or the last 的 before it
_UNITS_LEAD = re.compile(r".*(?:的|由|(?:依托|包括|形成|建立|构建|打造|建成)[了起出]?)")
_UNITS_GAP = 6  # characters between the list's 的 and its N级 (生活必需品)


def unit_lists(text: str, vocab: _Vocab):
    """``由一线队医、医疗专家、医疗康复保障单位和赛时指定医院在内的四级医疗保障体系`` → the four
    units as written (claimed 4): a list of N ≥ 3 units (、, the last two maybe joined by
    和/及/以及/与), then 的 (在内的, 组成的), at most a few characters, and an N级 claim of what
    they form (体系, 网络, 架构, 格局). The units are kept in the order written: such lists run
    either way (the example lists its lowest level first), and nothing in the words says which.
    A list of ranks is read by :func:`govstats.hierarchy_forms.claimed_lists`."""
    if "级" not in text or "、" not in text:
        return []
    out = []
    for c in _UNITS_CLAIM.finditer(text):
        n = _NUM_VALUE[c.group(1)]
        de = text.rfind("的", max(0, c.start() - _UNITS_GAP - 1), c.start())
        if de < 0 or any(ch in _UNITS_CLAUSE_STOP for ch in text[de : c.start()]):
            continue
        end = de
        for w in ("在内", "组成", "构成"):
            if text.startswith(w, end - len(w)):
                end -= len(w)
                break
        lo = end
        while lo > 0 and text[lo - 1] not in _UNITS_CLAUSE_STOP:
            lo -= 1
        spans, pos = [], lo
        for part in text[lo:end].split("、"):
            spans.append((pos, pos + len(part)))
            pos += len(part) + 1
        if len(spans) < 2:
            continue
        a, b = spans[-1]
        j = _UNITS_JOIN.search(text, a, b)
        if j is not None:
            spans[-1:] = [(a, j.start()), (j.end(), b)]
        if len(spans) != n:
            continue
        lead = _UNITS_LEAD.match(text, spans[0][0], spans[0][1])
        if lead is not None:
            spans[0] = (lead.end(), spans[0][1])
        levels = [text[a:b] for a, b in spans]
        if not all(_UNITS_ITEM.fullmatch(lv) for lv in levels):
            continue
        if any(vocab.rank_words and vocab.rank_words.match(lv) for lv in levels):
            continue  # ranks: claimed_lists, ranked_clauses (地市诊断、县区体检、乡镇康复)
        out.append((spans[0][0], end, levels, spans, n))
    return out


_NAME_MAX = 8  # characters of a province's name before its rank (新疆维吾尔 + 自治区)


def _full_name(word: str) -> bool:
    """Whether ``word`` is the full name of a division of the gazetteer (山西省, 拉萨市)."""
    from .places import load_gazetteer

    return any(d.name == word for d in load_gazetteer().lookup(word))


def named_top(text: str, levels: list[str], spans: list[tuple[int, int]]):
    """``levels``, ``spans`` with every bare rank level (省, 自治区, 市) that ends a place's full
    name written right before it (山西|省, 西藏|自治区) widened to that name, when another
    level is a named place: ``山西省、太原市两级公安机关`` (xwlb a84839e0), ``哈工大与黑龙江省、
    哈尔滨市两级政府`` (7d957a5f), ``西藏自治区和拉萨市两级财政`` (f09b7515) name both places,
    as ``北京市和东城区两级政府`` does. A list of bare ranks (``重庆市组建市、区县两级``, ``湖北
    省、市、县三级``) has no named place and stays as written."""
    if len(levels) < 2 or not any(_full_name(lv) for lv in levels):
        return levels, spans
    levels, spans = list(levels), list(spans)
    for i, (lv, (a, b)) in enumerate(zip(levels, spans)):
        if len(lv) > 3 or _full_name(lv):
            continue
        for c in range(max(0, a - _NAME_MAX), a):
            if _full_name(text[c:b]):
                levels[i], spans[i] = text[c:b], (c, b)
                break
    return levels, spans
