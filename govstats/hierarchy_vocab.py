"""The level vocabulary of a lexicon, compiled for reading hierarchies: level nouns and start
words, administrative ranks, the set-up verbs cut off a first item, and the lexicon's rules for
structures that name a structure model. Used by :mod:`govstats.hierarchy` and
:mod:`govstats.hierarchy_forms`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .errors import LexiconError
from .lexicon import Lexicon

__all__ = ["_Vocab", "_vocab"]

_NUM = "一二两三四五六七八九十"
_PAREN = re.compile(r"[（(]([^（）()]{1,12})[)）]$")
# a parenthesised alternative inside a level name: 街道（乡镇）党（工）委
_INNER_PAREN = re.compile(r"[（(][^（）()]{1,6}[)）]")
_CJK_ITEM = re.compile(r"[\u4e00-\u9fff（）()]+")
# the last character of a place name that says its rank (福建省, 莆田市, 仙游县, 翁牛特旗)
_PLACE_RANKS = frozenset("省市县区旗州盟乡镇村")
# what an autonomous region's stories call their own level (see _Vocab.regional)
_REGION_WORDS = frozenset(("区", "区级"))
# stop words that end the last item of an unquoted chain ("楼栋党小组的四级体系")
_TAIL_STOP = re.compile(rf"(?:的|等|和|与|及|为|[{_NUM}\d]级)")
# a paragraph can hold a structure only with one of these (or with clauses led by ranks,
# see _Vocab.may_hold)
_CANDIDATE = re.compile(r"[—－\-–―→+＋级]")


class _Vocab:
    """Level vocabulary compiled once per lexicon (see ``_vocab``)."""

    def __init__(self, lex: Lexicon) -> None:
        lv = lex.levels
        alt = "|".join(map(re.escape, lv.nouns)) or "(?!)"
        self.noun_end = re.compile(rf"(?:{alt})$")
        self.noun_any = re.compile(rf"(?:{alt})")
        self.starts = re.compile("|".join(map(re.escape, lv.starts)) or "(?!)")
        self.verbs = tuple(lv.enumeration_verbs)
        self.lead_verbs = tuple(v for v in lv.enumeration_verbs if len(v) >= 2)
        # ids of the structure models (a hierarchy's model_id is one of them)
        self.structure = frozenset(
            m.id for m in lex.models if m.category == "organisation structure"
        )
        # administrative rank of each rank word (0 = top), and a regex for them, longest first
        self.rank: dict[str, int] = {}
        for i, group in enumerate(lv.ranks):
            for w in group:
                self.rank.setdefault(w, i)
        words = sorted(self.rank, key=lambda w: (-len(w), w))
        self.rank_words = re.compile("|".join(map(re.escape, words))) if words else None
        self.city, self.region = self.rank.get("市"), self.rank.get("自治区")
        alt = "|".join(map(re.escape, words))
        self.rank_seq = re.compile(f"(?:{alt})(?:[和及与、]?(?:{alt}))*") if words else None
        # other ladders of units (军 / 师 / 团 …): per ladder, each word's step (0 = top),
        # and the words of all ladders, longest first
        self.ladders: list[dict[str, int]] = [
            {w: i for i, step in enumerate(steps) for w in step} for steps in lv.ladders
        ]
        self.ladder_words = sorted(
            {w for lad in self.ladders for w in lad}, key=lambda w: (-len(w), w)
        )
        # models a stated structure of their depth names: (id, depth, rules), lexicon order
        self.named_by: list[tuple[str, int, tuple]] = []
        for m in lex.models:
            if m.structures and m.depth:
                for r in m.structures:
                    if r.top_at_or_below is not None and r.top_at_or_below not in self.rank:
                        raise LexiconError(
                            f"{m.source}: model {m.id!r}: structures: top_at_or_below "
                            f"{r.top_at_or_below!r} is no rank word of the level vocabulary "
                            f"(levels: ranks); known: {', '.join(sorted(self.rank))}"
                        )
                self.named_by.append((m.id, m.depth, m.structures))
        # a clause after a separator that starts with a rank word (maybe after a few
        # characters and an opening quote): a ranked run needs two of them
        self.rank_after_sep = (
            re.compile(
                r"[、，,；;](?:[^、，,；;。！？!?\n]{0,5}[“\"‘「])?(?:"
                + "|".join(map(re.escape, words))
                + ")"
            )
            if words
            else None
        )

    def may_hold(self, text: str) -> bool:
        """Whether a paragraph can state a structure at all (a cheap test before the forms)."""
        if _CANDIDATE.search(text) or text.count("不出") >= 3:  # 小事不出村，大事不出乡…
            return True
        first = self.rank_after_sep.search(text) if self.rank_after_sep else None
        return first is not None and self.rank_after_sep.search(text, first.end()) is not None

    def rank_suffix(self, item: str, like: str = "", below: int | None = None) -> int | None:
        """Length of the rank word (maybe with a parenthesised alternative) that ends
        ``item``: ``区已全面完成省`` → 1 (省), ``分别与州`` → 1; None when there is none.

        Of several, one above the rank ``below`` (the list runs top first: 由|自治区、市、县)
        is preferred, then the one closest in length to ``like`` (the next item: 当地|市、县),
        the longer on a tie; 全县/全区 … are not the level of ``健全县``.
        """
        found = []
        for k in range(min(len(item), 8), 0, -1):
            tail = item[-k:]
            if _INNER_PAREN.sub("", tail) in self.rank and not tail.startswith(("（", "(")):
                if tail.startswith("全") and k < len(item):
                    continue
                found.append(k)
        if not found:
            return None

        def above(k: int) -> bool:
            r = self.rank.get(_INNER_PAREN.sub("", item[-k:]))
            return below is None or (r is not None and r < below)

        return min(found, key=lambda k: (not above(k), abs(k - len(like)) if like else 0, -k))

    def rank_prefix(self, item: str) -> bool:
        """Whether ``item`` is a rank word, or one followed by a set-up verb or 的."""
        return item in self.rank or any(
            item.startswith(w)
            and (item[len(w) :] == "的" or item[len(w) :].startswith(self.lead_verbs))
            for w in self.rank
        )

    def is_ranks(self, level: str) -> bool:
        """Whether a level names administrative tiers only: a rank word (省, 县级, 省（区）),
        rank words one after another (市县, 乡镇街道, 村和社区), or a place name of a rank
        (福建省, 莆田市)."""
        bare = _INNER_PAREN.sub("", level)
        if not bare or bare in self.rank:
            return bool(bare)
        if self.rank_seq is not None and self.rank_seq.fullmatch(bare):
            return True
        return len(bare) <= 8 and bare[-1] in _PLACE_RANKS and _CJK_ITEM.fullmatch(bare) is not None

    def naming(self, levels: Sequence[str], depth: int) -> tuple[str, str] | None:
        """``(model id, label)`` of the first structure model a structure of ``depth``
        levels names by its lexicon ``structures`` rules (the first rule that fits labels
        it), or None."""
        for mid, d, rules in self.named_by:
            if d != depth:
                continue
            for r in rules:
                if r.top_at_or_below is not None:
                    top = self.rank_of(levels[0]) if levels else None
                    if top is None or top < self.rank[r.top_at_or_below]:
                        continue
                if r.ranks_only and not all(self.is_ranks(lv) for lv in levels):
                    continue
                if r.level_words and not any(w in lv for lv in levels for w in r.level_words):
                    continue
                return mid, r.label
        return None

    def regional(self, levels: Sequence[str], ranks: list[int | None]) -> list[int | None]:
        """``ranks`` of ``levels`` with 区 read as the autonomous region where it stands next
        to a city-level rank at an end of a list the district reading leaves out of order
        (区地县乡村五级, 县级、市级、区级), as the Tibet, Xinjiang, Ningxia and Guangxi stories
        write it; 市区两级 stays city and district."""
        if len(levels) < 2 or self.city is None or self.region is None or None in ranks:
            return ranks
        steps = [b - a for a, b in zip(ranks, ranks[1:])]
        if all(d > 0 for d in steps) or all(d < 0 for d in steps):
            return ranks  # already in order: 市区两级 is city and district
        out = list(ranks)
        for i, j in ((0, 1), (len(levels) - 1, len(levels) - 2)):
            if _INNER_PAREN.sub("", levels[i]) in _REGION_WORDS and out[j] == self.city:
                out[i] = self.region
        return out

    def rank_of(self, level: str) -> int | None:
        """The administrative rank of a level name from the rank word it starts with."""
        m = self.rank_words.match(level) if self.rank_words else None
        return self.rank[m.group()] if m else None

    def is_level(self, item: str) -> bool:
        """A level name: 1–24 CJK chars (parentheses allowed) ending with a level noun.

        Parenthesised alternatives inside the name are allowed:
        ``街道（乡镇）党（工）委`` is a level because ``街道党委`` is.
        """
        if "、" in item:  # alternatives listed inside parentheses: 县（市、区）
            item = _INNER_PAREN.sub(lambda m: m.group().replace("、", ""), item)
        if not (1 <= len(item) <= 24) or not _CJK_ITEM.fullmatch(item):
            return False
        if _INNER_PAREN.search(item) and not _PAREN.search(item):
            bare = _INNER_PAREN.sub("", item)
            return (
                bool(bare)
                and len(bare) <= 14
                and _CJK_ITEM.fullmatch(bare) is not None
                and "(" not in bare
                and "（" not in bare
                and bool(self.noun_end.search(bare))
            )
        if len(item) > 14:
            return False
        base = item
        m = _PAREN.search(item)
        if m:
            base = item[: m.start()]
            if not base:
                return False
            if self.noun_end.search(m.group(1)) and self.noun_end.search(base):
                return True
        if "(" in base or "（" in base or ")" in base or "）" in base:
            return False
        return bool(self.noun_end.search(base))

    def trim_front(self, item: str) -> int | None:
        """Offset where the level name inside the first item begins, or None."""
        cut = max((item.rfind(v) + len(v) for v in self.lead_verbs if v in item), default=0)
        if cut and cut < len(item):  # 武汉市已实行|社区
            rest = self.trim_front(item[cut:])
            if rest is not None:
                return cut + rest
        if self.starts.match(item) and self.is_level(item):
            return 0
        for m in self.starts.finditer(item):  # cut a leading verb: 建立健全|社区党委
            if self.is_level(item[m.start() :]):
                return m.start()
        return 0 if self.is_level(item) else None

    def trim_back(self, item: str) -> int | None:
        """Length of the level name at the start of the last item, or None."""
        if self.is_level(item):
            return len(item)
        stop = _TAIL_STOP.search(item, 1)
        limit = stop.start() if stop else len(item)
        best = None
        for m in self.noun_any.finditer(item, 0, limit):
            if self.is_level(item[: m.end()]):
                best = m.end()
        return best


@lru_cache(maxsize=8)
def _vocab(lex: Lexicon) -> _Vocab:
    """The compiled vocabulary of a lexicon (lexicons are immutable: built once each)."""
    return _Vocab(lex)
