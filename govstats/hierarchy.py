"""Stated organisation hierarchies ("A—B—C—D" chains, "X为一级网格…" enumerations) with counts.

A chain is a hierarchy only when every item is a level name from the lexicon's level
vocabulary (``govstats/data/levels.yaml``), so step-by-step procedures such as
``居民下单—社区派单—党员接单`` are rejected. Counts per level come only from explicit
indicators of the same article (``34个社区党组织``), matched through level synonyms.
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import hierarchy_clauses as clauses
from . import hierarchy_forms as forms
from . import hierarchy_units as units
from .hierarchy_vocab import _Vocab, _vocab
from .lexicon import Lexicon, _lex
from .records import Hierarchy

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus
    from .records import Indicator

logger = logging.getLogger(__name__)

__all__ = [
    "find_hierarchies",
    "hierarchies_frame",
    "hierarchy_to_json",
    "stated_levels",
    "structure_mentions",
    "outside_other_depths",
    "MIN_LEVELS",
]

MIN_LEVELS = 3  # a chain of fewer levels is not reported unless its level count is stated

# A clause: a run of text between punctuation (quotes end clauses too).
_PUNCT = r"，,。；;：:、“”\"‘’「」！!？?《》【】\s"
_PUNCT_SET = frozenset('，,。；;：:、“”"‘’「」！!？?《》【】 \t\n\r\u3000\xa0')
_PUNCT_RE = re.compile(rf"[{_PUNCT}]")
_SEP_ANY = re.compile(r"[—－\-–―→+＋]")
_DASHES = "—－-–―→"
_PLUSES = "+＋"
_SPLIT = {
    "dash": re.compile(r"\s*[—－\-–―→]+\s*"),
    "plus": re.compile(r"\s*[+＋]\s*"),
}
_NUM = "一二两三四五六七八九十"
# "…”四级治理体系", "…”一贯到底的四级组织体系" (used with .match at the chain's end)
_CLAIM_AFTER = re.compile(rf"[”\"’」]?\s*(?:[\u4e00-\u9fff]{{0,6}}?的)?\s*([{_NUM}]|\d)级")
_CLAIM_BEFORE = re.compile(rf"([{_NUM}]|\d)级(?:[\u4e00-\u9fff]{{0,4}})?[“\"：:]?$")
# "为一级网格" anchors an enumerated level; the level name is the text before it
_ENUM_ANCHOR = re.compile(rf"为([{_NUM}\d])级(?:网格|党组织|组织|单元)")
_ENUM_STOP = '，,。；;：:、“”"'
_ENUM_MAX = 14


_SENTENCE_END = "。！？!?；;\n"
_SENTENCE_CAP = 200  # characters either side of a structure searched for its model
_NEAR = 6  # chars after a chain where a named model still labels it ("”的四级…")


_num = forms._num  # a level count written as a digit or a Chinese numeral


def _lazy_indicators(corpus: Corpus) -> list[Indicator]:
    if importlib.util.find_spec(f"{__package__}.indicators") is None:
        logger.info("govstats.indicators is not available: hierarchy counts left empty")
        return []
    from . import indicators as ind_mod

    return list(ind_mod.extract_indicators(corpus))


def find_hierarchies(
    corpus: Corpus,
    *,
    lexicon: Lexicon | None = None,
    indicators: Sequence[Indicator] | None = None,
    include_restated: bool = False,
) -> list[Hierarchy]:
    """Organisation hierarchies stated in the corpus, top level first, with counts.

    Parameters
    ----------
    corpus : a loaded corpus
    lexicon : the lexicon (level vocabulary, synonyms, model aliases); default: packaged
    indicators : the corpus's indicators, used to align counts to levels; when ``None``
        they are extracted with :func:`govstats.indicators.extract_indicators` if that
        module exists (else counts stay empty)
    include_restated : also list a structure each time the article states it again (same
        levels, e.g. restated in the next paragraph); by default each distinct structure
        is listed once per article, at its first statement

    Returns
    -------
    list of Hierarchy in document order. ``doc.text[h.start:h.end] == h.surface``;
    ``counts`` pairs every level with a number or ``None``.
    """
    lex = _lex(lexicon)
    if indicators is None:
        indicators = _lazy_indicators(corpus)
    by_article: dict[str, list[Indicator]] = {}
    for ind in indicators:
        if not getattr(ind, "duplicate", False):
            by_article.setdefault(ind.article_id, []).append(ind)
    texts = {d.id: d.text for d in corpus.documents}
    written = {d.id: d.original for d in corpus.documents if d.original is not None}
    out: list[Hierarchy] = []
    for art in corpus.articles:
        if art.duplicate_of is not None:  # an article the layout printed twice
            continue
        doc_text = texts.get(art.doc_id)
        if doc_text is None:
            doc_text = corpus.document(art.doc_id).text
        found = []
        as_written = written.get(art.doc_id)
        for p in art.paragraphs:
            if p.kind in ("furniture", "caption") or p.duplicate_of is not None:
                continue
            t = p.text
            for s, e, levels, spans, claimed, model, direct, _c in _readings(t, lex):
                start, end = p.doc_offset(s), p.doc_offset(e - 1) + 1
                quoted = _as_written(levels, spans, p, as_written) if as_written else levels
                found.append((start, end, levels, quoted, claimed, model, direct))
        seen: set[tuple[str, ...]] = set()
        for start, end, levels, quoted, claimed, model, direct in found:
            key = tuple(lex.canonical_level(lv) for lv in levels)
            if key in seen and not include_restated:
                continue  # the same structure stated again later in the article
            seen.add(key)
            counts = _align_counts(levels, by_article.get(art.id, ()), doc_text, (start, end), lex)
            # a count written right at the level (一级网格12个) beats one found elsewhere
            counts = tuple(
                (q, d if d is not None else v) for (_lv, v), d, q in zip(counts, direct, quoted)
            )
            out.append(
                Hierarchy(
                    file=art.file,
                    article_id=art.id,
                    article_index=art.index,
                    start=start,
                    end=end,
                    levels=quoted,
                    n_levels_claimed=claimed,
                    model_id=model,
                    counts=counts,
                    surface=doc_text[start:end],
                )
            )
    return out


def _wide(ch: str) -> str:
    """The full-width form :func:`govstats.sources.normalize_text` folds into ``ch``."""
    return "\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


def _as_written(levels, spans, p, original: str) -> tuple[str, ...]:
    """``levels`` (slices of the normalised paragraph ``p.text`` at ``spans``) quoted as the
    document wrote them: a full-width character the load-time normalisation folded to ASCII
    (乡镇（街道） read as 乡镇(街道)) comes back from ``original``, the decoded text, at the
    same offset (the normalisation keeps lengths). Simplified characters stay simplified."""
    out = []
    for lv, (a, b) in zip(levels, spans):
        if p.text[a:b] != lv or lv.isascii() or not any(c.isascii() for c in lv):
            out.append(lv)
            continue
        chars = []
        for i, c in enumerate(lv, a):
            j = p.doc_offset(i)
            o = original[j] if j < len(original) else c
            chars.append(o if c.isascii() and o != c and o == _wide(c) else c)
        out.append("".join(chars))
    return tuple(out)


@lru_cache(maxsize=512)
def _readings(text: str, lex: Lexicon) -> tuple:
    """:func:`_in_text` of a paragraph, remembered: :func:`govstats.lexicon.find_models`
    and :func:`find_hierarchies` read the same paragraphs one after the other."""
    vocab = _vocab(lex)
    return tuple(_in_text(text, vocab, lex)) if vocab.may_hold(text) else ()


def _in_text(text: str, vocab: _Vocab, lex: Lexicon):
    """Hierarchies in one paragraph: (start, end, levels, item spans, claimed, model_id,
    direct counts, (start, end) of the N级 claim or None)."""
    found = []
    pos = 0
    while (m := _SEP_ANY.search(text, pos)) is not None:
        a, b = _clause_bounds(text, m.start())
        ctext = text[a:b]
        for kind, chars in (("dash", _DASHES), ("plus", _PLUSES)):
            if any(c in ctext for c in chars):
                found.extend(_chains(text, a, ctext, kind, vocab))
        pos = b + 1
    found.extend(_enumerations(text, vocab))
    found.extend(forms.claimed_lists(text, vocab))
    found.extend(forms.ordinal_clauses(text, vocab))
    found.extend(forms.ordinal_grids(text, vocab))
    found.extend(forms.rank_runs(text, vocab))
    found.extend(forms.from_to(text, vocab))
    found.extend(forms.pair_lists(text, vocab))
    found.extend(forms.lists_before_claim(text, vocab))
    found.extend(forms.rank_led_chains(text, vocab))
    found.extend(clauses.ranked_clauses(text, vocab))
    found.extend(clauses.role_chains(text, vocab))
    found.extend(clauses.not_beyond(text, vocab))
    found.extend(units.ladder_lists(text, vocab))
    found.extend(units.unit_lists(text, vocab))
    found.sort(key=lambda f: (f[0], -f[1]))
    out = []
    last_end = -1
    ms = _Mentions(text, lex)
    for s, e, levels, spans, stated in found:
        if s < last_end:  # overlapping another reading: keep the earlier, longer one
            continue
        last_end = e
        ranks = vocab.regional(levels, [vocab.rank_of(lv) for lv in levels])
        if None not in ranks and all(a > b for a, b in zip(ranks, ranks[1:])):
            # written bottom-up (社区、街道、区委三级联动): levels are listed top first
            levels, spans = list(reversed(levels)), list(reversed(spans))
        levels, spans = units.named_top(text, levels, spans)
        s = min(s, spans[0][0])
        claim = _claim_span(text, s, e)
        claimed = (_num_of(text, claim) if claim else None) or stated
        depth = claimed or len(levels)
        model = _model_for(ms, s, e, vocab.structure, depth)
        if model is None and claimed and (named := vocab.naming(levels, claimed)) is not None:
            model = named[0]  # a structure claimed to have the model's depth names it
        direct = forms.direct_counts(text, spans)
        out.append((s, e, tuple(levels), tuple(spans), claimed, model, direct, claim))
    return out


def stated_levels(text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, int]]:
    """``(start, end, depth)`` of every level of the structures stated in one paragraph:
    ``depth`` is the claimed number of levels, else the number written.

    :func:`govstats.lexicon.find_models` uses it so that a level of a three-level chain
    (楼栋党小组 in ``社区党委—小区党支部—楼栋党小组``) is no role of the four-level model.
    """
    lex = _lex(lexicon)
    out = []
    for _s, _e, levels, spans, claimed, _model, _direct, _c in _readings(text, lex):
        depth = claimed or len(levels)
        out.extend((a, b, depth) for a, b in spans)
    return out


def structure_mentions(text: str, hits: list, lexicon: Lexicon) -> list:
    """``hits`` (``Lexicon.find_kinds`` rows of one paragraph) with a mention for each stated
    structure that names a model by the lexicon's ``structures`` rules: its claimed number of
    levels is the model's depth (``省、市、县、乡四级联动`` names 四级体系; a division of work
    over four levels that claims no number names nothing).

    The mention covers the statement, its N级 claim and every mention of the same model
    they overlap (which it replaces), and its alias is the label of the rule the structure
    fits (四级行政层级, 四级组织链条 …): the kind of structure that named the model.
    """
    lex = _lex(lexicon)
    vocab = _vocab(lex)
    if not vocab.named_by:
        return hits
    out = list(hits)
    for s, e, levels, _spans, claimed, _model, _direct, claim in _readings(text, lex):
        # only a stated depth: 省级统筹、市级协调、县级落实、乡镇执行 claims none
        named = vocab.naming(levels, claimed) if claimed else None
        if named is None:
            continue
        mid, label = named
        a, b = (min(s, claim[0]), max(e, claim[1])) if claim else (s, e)
        same = [h for h in out if h[2] == mid and h[0] < b and a < h[1]]
        # a role of another model that is a level of the structure is no mention of it, as
        # inside a chain the lexicon matches whole: 街道党工委、村党组织、网格党支部和党员中心户
        # 四级党组织体系 (xwlb 8efc5243) mentions no 网格化治理
        inner = [h for h in out if h[2] != mid and h[4] == "role" and s <= h[0] and h[1] <= e]
        a = min([a] + [h[0] for h in same])
        b = max([b] + [h[1] for h in same])
        out = [h for h in out if h not in same and h not in inner]
        out.append((a, b, mid, label, "model"))
    out.sort(key=lambda h: (h[0], h[0] - h[1]))
    return out


def outside_other_depths(text: str, hits, lexicon: Lexicon, depths: dict[str, int]) -> list:
    """``hits`` (``Lexicon.find_kinds`` rows) without the roles of a structure model of depth
    N that are levels of a structure of another depth stated in ``text``: 楼栋党小组 inside a
    three-level chain is no role of 四级体系. ``depths``: model id → depth."""
    levels = stated_levels(text, lexicon)
    if not levels:
        return hits

    def inside_other(h) -> bool:
        return any(a <= h[0] and h[1] <= b and d != depths[h[2]] for a, b, d in levels)

    return [h for h in hits if not (h[4] == "role" and h[2] in depths and inside_other(h))]


def _clause_bounds(text: str, i: int) -> tuple[int, int]:
    """The run of text between punctuation marks around position ``i``."""
    a = i
    while a > 0 and text[a - 1] not in _PUNCT_SET:
        a -= 1
    m = _PUNCT_RE.search(text, i)
    return a, (m.start() if m else len(text))


def _chains(text: str, base: int, clause: str, kind: str, vocab: _Vocab):
    """Maximal runs of ≥ MIN_LEVELS level names joined by one kind of separator."""
    pieces = []  # (start, end) of items within clause
    pos = 0
    for m in _SPLIT[kind].finditer(clause):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(clause)))
    if len(pieces) < 2:
        return []
    items = [clause[a:b] for a, b in pieces]
    full = [vocab.is_level(x) for x in items]
    out = []
    i = 0
    n = len(items)
    while i < n:
        front = vocab.trim_front(items[i]) if items[i] else None
        if front is None:
            i += 1
            continue
        j = i + 1
        while j < n and full[j]:
            j += 1
        # items i..j-1 are levels; item j (if any) may contribute a trimmed last level
        spans = [(pieces[i][0] + front, pieces[i][1])]
        spans += [pieces[k] for k in range(i + 1, j)]
        if j < n and items[j]:
            back = vocab.trim_back(items[j])
            if back:
                spans.append((pieces[j][0], pieces[j][0] + back))
        if (
            len(spans) >= 2
            and (len(spans) >= MIN_LEVELS or _claimed_near(text, base, spans))
            and not forms.route(clause, spans, vocab)
        ):
            levels = [clause[a:b] for a, b in spans]
            spans = [(base + a, base + b) for a, b in spans]
            out.append((spans[0][0], spans[-1][1], levels, spans, None))
            i = j + 1 if len(spans) > j - i else j
        else:
            i += 1
    return out


def _claimed_near(text: str, base: int, spans) -> bool:
    s, e = base + spans[0][0], base + spans[-1][1]
    return _claimed(text, s, e, len(spans)) is not None


def _enumerations(text: str, vocab: _Vocab):
    """``划定社区为一级网格,村(小区)为二级网格,内部片区为三级网格`` → levels.

    The surface is the whole clause (from 划定); the levels drop the leading verb.
    """
    if "级" not in text:
        return []
    hits = []  # (item start, anchor start, anchor end, ordinal)
    for m in _ENUM_ANCHOR.finditer(text):
        a = m.start()
        while a > max(0, m.start() - _ENUM_MAX) and text[a - 1] not in _ENUM_STOP:
            a -= 1
        if a < m.start():
            hits.append((a, m.start(), m.end(), _num(m.group(1))))
    out = []
    run: list[tuple[int, int, int, int]] = []

    def flush():
        if len(run) >= 2:
            levels, spans = [], []
            for a, b, _, _ in run:
                item = text[a:b]
                for v in vocab.verbs:
                    if item.startswith(v) and len(item) > len(v):
                        a += len(v)
                        item = item[len(v) :]
                        break
                levels.append(item)
                spans.append((a, b))
            # "…为三级网格" itself states the number of levels
            out.append((run[0][0], run[-1][2], levels, spans, run[-1][3]))

    for h in hits:
        if run and h[3] == run[-1][3] + 1 and h[0] - run[-1][2] <= 2:
            run.append(h)
        else:
            flush()
            run = [h] if h[3] == 1 else []
    flush()
    return out


def _claimed(text: str, s: int, e: int, n_levels: int) -> int | None:
    """The number of levels the text states next to the structure (四级, 三级), if any."""
    claim = _claim_span(text, s, e)
    return _num_of(text, claim) if claim else None


def _claim_span(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Where the text states the number of levels next to ``text[s:e]``: the span of
    ``…四级`` right after it or of ``三级…`` right before it, or None."""
    m = _CLAIM_AFTER.match(text, e)
    if m is not None:
        return m.start(), m.end()
    m = _CLAIM_BEFORE.search(text, max(0, s - 8), s)
    return (m.start(), m.end()) if m is not None else None


def _num_of(text: str, claim: tuple[int, int]) -> int | None:
    """The level count written in a claim span (its last ``N级``)."""
    nums = re.findall(rf"([{_NUM}]|\d)级", text[claim[0] : claim[1]])
    return (_num(nums[-1]) or None) if nums else None


def _sentence(text: str, s: int, e: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, s) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, e) for c in _SENTENCE_END) if i >= 0]
    return a, (min(ends) if ends else len(text))


class _Mentions:
    """A paragraph's model mentions and sentence ends, found once for all its structures."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self._hits: list | None = None
        self._ends: list[int] | None = None
        self._named: set[str] | None = None

    @property
    def hits(self) -> list:
        if self._hits is None:
            self._hits = self.lex.find_kinds(self.text)
            self._starts = [h[0] for h in self._hits]
        return self._hits

    def sentence(self, s: int, e: int) -> tuple[int, int]:
        """Bounds of the sentence(s) holding ``text[s:e]`` (as :func:`_sentence`)."""
        if self._ends is None:
            self._ends = [i for i, ch in enumerate(self.text) if ch in _SENTENCE_END]
        i = bisect.bisect_left(self._ends, s)
        a = self._ends[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self._ends, e)
        return a, (self._ends[j] if j < len(self._ends) else len(self.text))

    @property
    def named(self) -> set[str]:
        """Ids of the models the paragraph names (a ``model`` mention)."""
        if self._named is None:
            self._named = {h[2] for h in self.hits if h[4] == "model"}
        return self._named

    def within(self, a: int, b: int) -> list:
        hits = self.hits
        lo = bisect.bisect_left(self._starts, a)
        hi = bisect.bisect_left(self._starts, b)
        return [h for h in hits[lo:hi] if h[1] <= b]


def _model_for(ms: _Mentions, s: int, e: int, structure: frozenset[str], depth: int) -> str | None:
    """The structure model the hierarchy ``ms.text[s:e]`` belongs to, or None.

    First a structure model named inside the chain or right after it (``…”的四级治理体系``),
    else the first structure model named in the same sentence, else a model whose role the
    sentence mentions (楼栋长) when the paragraph names that model (“楼长+组长”…). A role
    word alone (楼栋长, 网格员) never makes the structure a model's. A model whose name
    states another depth (三级网格 for a four-level chain) is never it.
    """
    lex = ms.lex
    a, b = ms.sentence(s, e)
    # a "sentence" of thousands of characters (no 。 in a whole paragraph) is capped
    a, b = max(a, s - _SENTENCE_CAP), min(b, e + _SENTENCE_CAP)
    fits = {m.id for m in lex.models if m.id in structure and m.depth in (None, depth)}
    found = [h for h in ms.within(a, b) if h[2] in fits]
    # only words that name a model (四级治理体系), not its roles (楼栋党小组, 网格员)
    hits = [h for h in found if h[4] == "model"]
    near = [h for h in hits if h[1] > s and h[0] <= e + _NEAR]
    if near:
        return near[0][2]
    if hits:
        return hits[0][2]
    roles = [h[2] for h in found if h[4] == "role"]
    if roles:
        named = ms.named & fits
        for mid in roles:
            if mid in named:
                return mid
    return None


# a count preceded by one of these is a change (新增9个社区), not the size of a level
_FLOW = re.compile(r"(?:新增|新建|增加|减少|收回|扩建|新设)[^，,。；;]{0,3}$")


_HAN = re.compile(r"[\u4e00-\u9fff]")

# classifiers that count organisations or places (not people, events, items)
_UNIT_UNITS = frozenset("个处家座所支户栋")


def _align_counts(
    levels: Sequence[str],
    indicators: Iterable[Indicator],
    doc_text: str,
    span: tuple[int, int],
    lex: Lexicon,
) -> tuple[tuple[str, float | None], ...]:
    """Pair each level with the count the article gives for it, or None.

    A count belongs to a level when the indicator's subject is the level (or a synonym:
    ``34个社区党组织`` counts ``社区党委``), or, less surely, when the counted noun starts
    with the level (``34个社区党群服务中心`` for ``社区``). Changes (``新增9个``),
    percentages and ranges are not level sizes. Preference: same sentence as the
    structure, then an exact subject, then the largest figure (other mentions of the
    level usually count a subset: ``18个社区党群服务中心联合…`` beside ``下辖34个…``).
    """
    s_lo, s_hi = _sentence(doc_text, *span)
    # (level, its canonical name, its spellings), computed once per structure
    targets = [(lv, lex.canonical_level(lv), lex.level_variants(lv)) for lv in levels]
    best: dict[str, tuple] = {}
    for ind in indicators:
        if getattr(ind, "unit", None) == "%" or getattr(ind, "value_max", None) is not None:
            continue
        if _FLOW.search(doc_text, max(0, ind.start - 8), ind.start):
            continue
        subj = getattr(ind, "subject", None)
        subj_canon = lex.canonical_level(subj) if subj else None
        counts_units = getattr(ind, "unit", "") in _UNIT_UNITS
        tail = doc_text[ind.end : ind.end + 16]
        same_sentence = s_lo <= ind.start < s_hi
        for lv, lv_canon, variants in targets:
            # exact: the subject is the level, or the counted noun is the level's name
            # not followed by more of a word (34个社区党组织, not 34个社区党群服务中心)
            exact = (bool(subj) and subj_canon == lv_canon) or any(
                tail.startswith(v) and not _HAN.match(tail, len(v)) for v in variants
            )
            loose = exact or (counts_units and any(tail.startswith(v) for v in variants))
            if not loose:
                continue
            key = (same_sentence, exact, ind.value, -ind.start)
            if lv not in best or key > best[lv][0]:
                best[lv] = (key, ind.value)
    return tuple((lv, best[lv][1] if lv in best else None) for lv in levels)


def hierarchies_frame(hierarchies: Iterable[Hierarchy]) -> pd.DataFrame:
    """Hierarchies as a DataFrame.

    Returns
    -------
    DataFrame with columns ``file, article_id, article_index, start, end, levels,
    n_levels, n_levels_claimed, model_id, counts, ratios, surface``; ``levels`` is a tuple,
    ``counts`` a dict level → number or None, ``ratios`` a list of (upper, lower, ratio).
    """
    import pandas as pd

    cols = [
        "file",
        "article_id",
        "article_index",
        "start",
        "end",
        "levels",
        "n_levels",
        "n_levels_claimed",
        "model_id",
        "counts",
        "ratios",
        "surface",
    ]
    rows = [
        [
            h.file,
            h.article_id,
            h.article_index,
            h.start,
            h.end,
            h.levels,
            len(h.levels),
            h.n_levels_claimed,
            h.model_id,
            h.counts_dict,
            h.ratios(),
            h.surface,
        ]
        for h in hierarchies
    ]
    return pd.DataFrame(rows, columns=cols)


def hierarchy_to_json(h: Hierarchy) -> dict[str, Any]:
    """A hierarchy as a JSON-ready dict (one line of ``hierarchies.jsonl``)."""
    return {
        "file": h.file,
        "article_id": h.article_id,
        "article_index": h.article_index,
        "start": h.start,
        "end": h.end,
        "surface": h.surface,
        "levels": list(h.levels),
        "n_levels_claimed": h.n_levels_claimed,
        "model_id": h.model_id,
        "counts": {lv: (None if v is None else v) for lv, v in h.counts},
        "ratios": [[a, b, r] for a, b, r in h.ratios()],
    }
