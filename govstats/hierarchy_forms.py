"""More written forms of an organisation hierarchy, used by :mod:`govstats.hierarchy`.

Each reader takes one paragraph and the compiled level vocabulary and returns candidates
``(start, end, levels, spans, claimed)``: the statement's span in the paragraph, the
levels as written (top first), each level's span, and the number of levels the text
itself states (or None). Overlapping readings are resolved by the caller.

- ordinal clauses: ``第一级以街道为单元；第二级覆盖社区；第三级落到每个小区``
- ordinal grid levels: ``设一级网格12个、二级网格86个、三级网格540个``
- a run of one-character ranks before N级: ``县乡村三级指挥体系``
- clauses each led by a lower rank: ``市级统筹指导、县级牵线搭桥、乡镇组织实施``

and :func:`direct_counts`, the count written right next to a level (``一级网格12个``,
``12个一级网格``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hierarchy import _Vocab

__all__ = ["ordinal_clauses", "ordinal_grids", "rank_runs", "ranked_clauses", "direct_counts"]

_NUM = "一二两三四五六七八九十"
_NUM_VALUE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _num(ch: str) -> int:
    return int(ch) if ch.isdigit() else _NUM_VALUE.get(ch, 0)


# 第一级 / 第二级 … (the ordinal of a level stated in its own clause)
_ORD_CLAUSE = re.compile(rf"第([{_NUM}]|\d)级")
# a clause ends at these (or at the next 第N级)
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_ORD_GAP = 40  # characters allowed between one 第N级 clause and the next
_STOP = re.compile(r"(?:的|等|和|与|及|为|是|作为|由)")
# 一级网格 / 二级网格 … written as level names
_ORD_GRID = re.compile(rf"([{_NUM}])级(网格|党组织|党支部|组织|单元)")
_GRID_GAP = 14
# N级 right after a run of one-character ranks: 县乡村三级
_RUN_ANCHOR = re.compile(rf"([{_NUM}]|\d)级")
_CLOSE_QUOTES = "”\"’」"
_OPEN_QUOTE = re.compile(r"[“\"‘「]")
# one-character rank words that may lead a clause (组 may not: 组织…)
_CLAUSE_RANKS = frozenset("省市县区乡镇村州旗")
# clauses of a ranked run are separated by these
_RANK_SEP = "、，,；;"
_CLAUSE = re.compile(r"[^、，,；;。！？!?\n]+")
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
        if span and run and n == _num(run[-1][0].group(1)) + 1 and m.start() - run[-1][1][1] <= _ORD_GAP:
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
        if len(run) >= 2:
            spans = [(m.start(), m.end()) for m in run]
            out.append((spans[0][0], spans[-1][1], [m.group() for m in run], spans, _num(run[-1].group(1))))

    for m in _ORD_GRID.finditer(text):
        n = _num(m.group(1))
        if run and n == _num(run[-1].group(1)) + 1 and m.start() - run[-1].end() <= _GRID_GAP \
                and m.group(2) == run[-1].group(2) and not _CLAUSE_END.search(text, run[-1].end(), m.start()):
            run.append(m)
            continue
        flush()
        run = [m] if n == 1 else []
    flush()
    return out


def rank_runs(text: str, vocab: _Vocab):
    """``县乡村三级指挥体系`` → 县, 乡, 村: N one-character ranks, top first, before N级."""
    if "级" not in text or not vocab.rank:
        return []
    out = []
    for m in _RUN_ANCHOR.finditer(text):
        n = _num(m.group(1))
        b = m.start() - 1 if m.start() and text[m.start() - 1] in _CLOSE_QUOTES else m.start()
        a = b - n
        if n < 2 or a < 0:
            continue
        chars = text[a:b]
        ranks = [vocab.rank.get(c) for c in chars]
        if None in ranks or any(x >= y for x, y in zip(ranks, ranks[1:])):
            continue
        if a > 0 and vocab.rank.get(text[a - 1]) is not None:
            continue  # part of a longer run that does not match the count
        spans = [(a + i, a + i + 1) for i in range(n)]
        out.append((a, b, list(chars), spans, n))
    return out


def _clause_level(text: str, a: int, b: int, vocab: _Vocab, *, after_verb: bool):
    """The level leading the clause ``text[a:b]``: ``(start, end, rank)`` or None.

    The level is a rank word (市级, 乡镇), a run of one-character ranks (市县乡), or the whole
    clause when it is a level name (街道党工委). ``after_verb`` also tries the level after
    the clause's last set-up verb (加快形成|中央统筹), for the first clause of a run.
    """
    m = vocab.rank_words.match(text, a)
    if m is None:
        q = _OPEN_QUOTE.search(text, a, min(b, a + 6))
        if q is not None:  # 在“中央统筹、…: the run starts inside the quote
            a = q.end()
        elif after_verb:  # 加快形成|中央统筹、…: the run starts after a set-up verb
            a = max((i + len(v) for v in vocab.lead_verbs if (i := text.rfind(v, a, b)) >= 0),
                    default=a)
        else:
            return None
        m = vocab.rank_words.match(text, a)
    # 乡乡有…、村村有… (every township, every village) is distribution, not a level
    if (m is None or b - m.end() < 2 or text.startswith(m.group(), m.end())
            or (len(m.group()) == 1 and m.group() not in _CLAUSE_RANKS)):
        return None
    r = vocab.rank[m.group()]
    if vocab.is_level(text[a:b]):  # the clause is a level name: 街道党工委、村党组织…
        return a, b, r
    end = m.end()
    if len(m.group()) == 1:  # a run of ranks leads the clause: 市县(乡)抓落实
        last = r
        while (n := vocab.rank_words.match(text, end)) is not None and len(n.group()) == 1 \
                and n.group() in _CLAUSE_RANKS and vocab.rank[n.group()] > last and b - n.end() >= 2:
            last = vocab.rank[n.group()]
            end = n.end()
    return a, end, r


def ranked_clauses(text: str, vocab: _Vocab):
    """``市级统筹指导、县级牵线搭桥、乡镇组织实施`` → 市级, 县级, 乡镇.

    At least three clauses in a row, each starting with a level word of a lower rank than
    the clause before and going on with at least two more characters (a clause that is
    only the level word is a plain list, read elsewhere).
    """
    if not vocab.rank_words:
        return []
    # the second and third clauses of a run start with a rank word after a separator
    first = vocab.rank_after_sep.search(text)
    if first is None or vocab.rank_after_sep.search(text, first.end()) is None:
        return []
    # (start, end, ends a sentence) of clauses separated by _RANK_SEP or sentence ends
    clauses = [(m.start(), m.end(), text[m.end() : m.end() + 1] not in _RANK_SEP)
               for m in _CLAUSE.finditer(text)]
    if len(clauses) < 3:
        return []
    levels = [_clause_level(text, a, b, vocab, after_verb=False) for a, b, _ in clauses]
    # the first clause of a run may lead with a verb: try that only before two levels
    for i in range(len(clauses) - 2):
        if levels[i] is None and levels[i + 1] is not None and levels[i + 2] is not None \
                and not clauses[i][2] and not clauses[i + 1][2]:
            levels[i] = _clause_level(text, clauses[i][0], clauses[i][1], vocab, after_verb=True)
    out = []
    run: list[tuple[int, int, int]] = []  # (level start, level end, rank)

    def flush():
        if len(run) >= 3:
            spans = [(a, b) for a, b, _ in run]
            out.append((spans[0][0], spans[-1][1], [text[a:b] for a, b in spans], spans, None))

    for (_a, _b, sentence_end), lv in zip(clauses, levels):
        if lv is not None and run and lv[2] > run[-1][2]:
            run.append(lv)
        else:
            flush()
            run = [lv] if lv is not None else []
        if sentence_end:
            flush()
            run = []
    flush()
    return out


def direct_counts(text: str, spans) -> list[float | None]:
    """The count written right at each level: ``一级网格12个`` or ``12个一级网格``."""
    out: list[float | None] = []
    for a, b in spans:
        m = _COUNT_AFTER.match(text, b)
        if m is None:
            m = _COUNT_BEFORE.search(text, max(0, a - 8), a)
        out.append(float(m.group(1)) if m else None)
    return out
