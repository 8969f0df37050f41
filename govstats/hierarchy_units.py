"""Structures of units that are no administrative ranks, used by :mod:`govstats.hierarchy`.

A reader takes one paragraph and the compiled level vocabulary and returns candidates
``(start, end, levels, spans, claimed)`` as the readers of :mod:`govstats.hierarchy_forms`.

- :func:`ladder_lists`: a 、-list of the steps of one ladder of the lexicon (``levels:
  ladders``: 军 / 师 / 团 / 营 / 连, 兵团 / 师 / 团 / 连, 教委 / 学校 / 院系), each lower than the
  one before, right before an N级 claim of as many levels: ``向团、营、连三级递交了…请战书``,
  ``在兵、师、团三级分别组建宣讲团``, ``建立了教委、高校、院(系)三级负责人听课制度``,
  ``首批士官长分旅、团、营、连四个级别`` (N个级别, N个层级 claim as N级 does).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hierarchy_vocab import _Vocab

__all__ = ["ladder_lists"]

_NUM_VALUE = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_LADDER_CLAIM = re.compile(r"[”\"’」]?([两二三四五六七八])(?:级|个级别|个层级)")
_JOIN = "和及与"


def _word_before(text: str, end: int, words: list[str]) -> str | None:
    """The longest of ``words`` that ends at ``text[end]``."""
    return next((w for w in words if text.startswith(w, end - len(w))), None)


def ladder_lists(text: str, vocab: _Vocab):
    """``团、营、连三级`` → 团, 营, 连 (claimed 3): N steps of one ladder, top first, joined by
    、 (the last two maybe by 和/及/与), ending right at an N级 claim. The list must be the
    whole list (no 、 before its first item) and each step lower than the one before."""
    if "级" not in text or "、" not in text or not vocab.ladders:
        return []
    out = []
    for c in _LADDER_CLAIM.finditer(text):
        n = _NUM_VALUE[c.group(1)]
        for lad in vocab.ladders:
            words = [w for w in vocab.ladder_words if w in lad]
            spans, end = [], c.start()
            while len(spans) < n:
                w = _word_before(text, end, words)
                if w is None:
                    break
                spans.insert(0, (end - len(w), end))
                end -= len(w)
                if len(spans) < n:
                    if end == 0 or not (
                        text[end - 1] == "、" or (len(spans) == 1 and text[end - 1] in _JOIN)
                    ):
                        break
                    end -= 1
            if len(spans) != n or (end > 0 and text[end - 1] == "、"):
                continue
            steps = [lad[text[a:b]] for a, b in spans]
            if any(x >= y for x, y in zip(steps, steps[1:])):
                continue
            out.append((spans[0][0], spans[-1][1], [text[a:b] for a, b in spans], spans, n))
            break
    return out
