"""Structures stated over clauses, used by :mod:`govstats.hierarchy` (split off
:mod:`govstats.hierarchy_forms`, whose readers they are like: each takes one paragraph and the
compiled level vocabulary and returns candidates ``(start, end, levels, spans, claimed)``).

- :func:`ranked_clauses`: clauses each led by a lower rank: ``市级统筹指导、县级牵线搭桥、乡镇组织实施``
- :func:`role_chains`: each unit given its role: ``以县城为中心、乡镇为节点、村组为网点``
- :func:`not_beyond`: what stays at each level: ``小事不出村，大事不出乡，难事不出县``
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .hierarchy_forms import _CHAIN_STOP, _CLAUSE_RANKS, _PAREN_ANY, _SENT_END, _rank_at

if TYPE_CHECKING:
    from .hierarchy_vocab import _Vocab

__all__ = ["ranked_clauses", "role_chains", "not_beyond"]

_OPEN_QUOTE = re.compile(r"[“\"‘「]")
# clauses of a ranked run are separated by these
_RANK_SEP = "、，,；;"
_CLAUSE = re.compile(r"[^、，,；;。！？!?\n]+")
# the task after a level that leads a clause behind other words (中央|统筹, 省|负总责)
_TASK_MAX = 4


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
            a = max(
                (i + len(v) for v in vocab.lead_verbs if (i := text.rfind(v, a, b)) >= 0), default=a
            )
            if _OPEN_QUOTE.match(text, a):  # 形成|“地市诊断、县区体检、乡镇康复”
                a += 1
        else:
            return None
        m = vocab.rank_words.match(text, a)
        # 强化|中央统筹, 落实好|中央统筹: any words before a level and its short task (not
        # 选举产生新一届|市级党委常委4384人, a count of members at each level)
        if m is None and after_verb:
            words = [
                w
                for w in vocab.rank_words.finditer(text, a, b)
                if len(w.group()) >= 2 and 2 <= b - w.end() <= _TASK_MAX
            ]
            if words:
                a = words[-1].start()
                m = vocab.rank_words.match(text, a)
    # 乡乡有…、村村有… (every township, every village) is distribution, not a level
    if (
        m is None
        or b - m.end() < 2
        or text.startswith(m.group(), m.end())
        or (len(m.group()) == 1 and m.group() not in _CLAUSE_RANKS)
    ):
        return None
    r = vocab.rank[m.group()]
    if vocab.is_level(text[a:b]):  # the clause is a level name: 街道党工委、村党组织…
        return a, b, r
    end = m.end()
    if len(m.group()) == 1:  # a run of ranks leads the clause: 市县(乡)抓落实
        last = r
        while (
            (n := vocab.rank_words.match(text, end)) is not None
            and len(n.group()) == 1
            and n.group() in _CLAUSE_RANKS
            and vocab.rank[n.group()] > last
            and b - n.end() >= 2
        ):
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
    clauses = [
        (m.start(), m.end(), text[m.end() : m.end() + 1] not in _RANK_SEP)
        for m in _CLAUSE.finditer(text)
    ]
    if len(clauses) < 3:
        return []
    levels = [_clause_level(text, a, b, vocab, after_verb=False) for a, b, _ in clauses]
    # the first clause of a run may lead with a verb: try that only before two levels
    for i in range(len(clauses) - 2):
        if (
            levels[i] is None
            and levels[i + 1] is not None
            and levels[i + 2] is not None
            and not clauses[i][2]
            and not clauses[i + 1][2]
        ):
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


# 以县城为中心、|乡镇为节点、|村组为网点: a unit and its role in the structure
_ROLE_ITEM = re.compile(
    r"以?([\u4e00-\u9fff（）()]{2,14}?)为([\u4e00-\u9fff]{1,4}?)(?=[、，,；;。的]|$)"
)
_ROLE_SEP = "、，,"


def role_chains(text: str, vocab: _Vocab):
    """``以县城为中心、乡镇为节点、村组为网点的农村公路交通网络`` → 县城, 乡镇, 村组.

    At least three clauses ``(以)X为R`` in a row, the first led by 以, each unit X starting
    with a rank word of a lower rank than the one before (以企业为主体、市场为导向 … and
    以国家公园为主体、自然保护区为基础 have units of no rank).
    """
    if "以" not in text or "为" not in text or not vocab.rank_words:
        return []
    out = []
    pos = 0
    while (i := text.find("以", pos)) >= 0:
        pos = i + 1
        spans, ranks, end = [], [], i
        m = _ROLE_ITEM.match(text, i)
        while m is not None:
            a, b = m.span(1)
            w = vocab.rank_words.match(text, a)
            if w is None or (ranks and vocab.rank[w.group()] <= ranks[-1]):
                break
            spans.append((a, b))
            ranks.append(vocab.rank[w.group()])
            end = m.end()
            if end >= len(text) or text[end] not in _ROLE_SEP:
                break
            m = _ROLE_ITEM.match(text, end + 1)
        if len(spans) < 3:
            continue
        out.append((i, spans[-1][1], [text[a:b] for a, b in spans], spans, None))
        pos = end
    return out


_NOT_BEYOND = re.compile("不出")
_NOT_BEYOND_GAP = 25  # characters from one level to the next 不出
_NOT_BEYOND_END = ("", *'，,、。；;！!”"’」 \n')
_NOT_BEYOND_SEP = re.compile(r"[，,、\s]")


def not_beyond(text: str, vocab: _Vocab):
    """``小事不出村，大事不出乡，难事不出县`` → 县, 乡, 村 (the caller lists them top first);
    ``大病不出自治区、中病不出地市、小病不出乡镇（街道）`` → 自治区, 地市, 乡镇（街道）.

    At least three clauses in a row, each saying what does not leave one level (不出 and a
    rank word, or a run of them: 不出县市), the ranks going one way (大病不出藏、中病不出地市 …
    breaks at 藏, no rank). Two levels (小病不出乡、大病不出县) are no structure.
    """
    if "不出" not in text or not vocab.rank_words:
        return []
    hits = []  # (level start, level end, rank)
    for m in _NOT_BEYOND.finditer(text):
        w = _rank_at(text, m.end(), vocab)
        if w is None:
            continue
        end, rank = w[1], vocab.rank[_PAREN_ANY.sub("", text[w[0] : w[1]])]
        nxt = vocab.rank_words.match(text, end)  # 不出县市, 不出县乡: the run is the level
        if nxt is not None and text[nxt.end() : nxt.end() + 1] in _NOT_BEYOND_END:
            end = nxt.end()
        hits.append((w[0], end, rank))
    out = []
    run: list[tuple[int, int, int]] = []

    def flush():
        ranks = [r for _, _, r in run]
        steps = [b - a for a, b in zip(ranks, ranks[1:])]
        if len(run) >= 3 and (all(d > 0 for d in steps) or all(d < 0 for d in steps)):
            spans = [(a, b) for a, b, _ in run]
            a = b = spans[0][0] - 2  # the first clause, from what stays: 小事|不出村
            while a > 0 and b - a < _NOT_BEYOND_GAP and text[a - 1] not in _CHAIN_STOP:
                a -= 1
            out.append((a, spans[-1][1], [text[x:y] for x, y in spans], spans, None))

    for h in hits:
        gap = text[run[-1][1] : h[0] - 2] if run else ""
        if (
            run
            and len(gap) <= _NOT_BEYOND_GAP
            and _NOT_BEYOND_SEP.search(gap)
            and not _SENT_END.search(gap)
        ):
            run.append(h)
        else:
            flush()
            run = [h]
    flush()
    return out
