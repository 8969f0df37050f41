"""Convention v2, rule 1 (*copy, do not compose*): the subject is a contiguous span of the
figure's sentence, quotes as written. ``copied`` is the last step of ``subjects._subject``.

The rules before it find the subject on text with quotes stripped, and some of them join words
that are not written together: a time or per word dropped from the middle (2024年全年推介项目总投资
-> 2024年推介项目总投资), a possessor's 的 dropped, a list item joined to the shared head
(原煤、原油、天然气产量分别增长 -> 原油产量). ``copied`` gives back the span as written when the
subject occurs in the sentence with only quotes between its characters (扫黄打非基层站点 ->
“扫黄打非”基层站点, 规定 -> 《规定》); else the part after the last dropped word (-> 推介项目总投资,
-> 产量). Examples from random non-gold figures (``tools/sample_indicators.py``). A subject the
rules compose on purpose (rule 5: 张某年龄, 赶到现场用时, 确诊人数) is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTE_CHARS = '“”‘’"《》「」『』'
_OPEN = "“‘《「『"
_CLOSE = "”’》」』"
_Q = f"[{_QUOTE_CHARS}]*"
#: suffixes of the subjects rule 5 (and its neighbours) compose: no span of the text to copy
_COMPOSED = re.compile(
    r"(?:人数|户数|人次|时长|用时|年龄|年数|天数|次数|面积|距离|价格|长度|宽度|高度|价值|金额|"
    r"资金|条数|剂次)$"
)


@lru_cache(maxsize=4096)
def _pattern(s: str) -> re.Pattern[str]:
    return re.compile(_Q + _Q.join(re.escape(ch) for ch in s) + _Q)


def _balanced(span: str) -> str:
    """``span`` without the quotes at its ends that open or close nothing inside it, and
    without the quotes of any kind that is still unpaired inside (千人计划”回国 -> 千人计划回国)."""
    while span and span[0] in _CLOSE:
        span = span[1:]
    while span and span[-1] in _OPEN:
        span = span[:-1]
    for o, c in zip(_OPEN, _CLOSE):
        if span.startswith(o) and c not in span:
            span = span[1:]
        if span.endswith(c) and o not in span:
            span = span[:-1]
        if span.count(o) != span.count(c):
            span = span.replace(o, "").replace(c, "")
    if span.count('"') % 2:
        span = span.replace('"', "")
    return span


@lru_cache(maxsize=1024)
def _unquoted(sentence: str) -> tuple[str, tuple[int, ...]]:
    """``sentence`` without its quote characters, and the offset in ``sentence`` of each
    character kept."""
    pos = tuple(i for i, ch in enumerate(sentence) if ch not in _QUOTE_CHARS)
    return "".join(sentence[i] for i in pos), pos


def _spans(sentence: str, s: str) -> list[str]:
    """The spans of ``sentence`` that ``_pattern(s)`` matches, in order, each distinct one
    once: ``s`` found in the text without quotes, widened over the quotes around it (a
    search of the text without quotes, not a regex compiled for each subject: compiling
    one per distinct subject was most of the extraction time)."""
    if any(ch in _QUOTE_CHARS for ch in s):
        return list(dict.fromkeys(m.group() for m in _pattern(s).finditer(sentence)))
    plain, pos = _unquoted(sentence)
    out: dict[str, None] = {}
    i, n, end = plain.find(s), len(s), 0
    while i >= 0:
        a, b = pos[i], pos[i + n - 1] + 1
        while a > end and sentence[a - 1] in _QUOTE_CHARS:
            a -= 1
        while b < len(sentence) and sentence[b] in _QUOTE_CHARS:
            b += 1
        out[sentence[a:b]] = None
        end = b
        i = plain.find(s, i + n)
    return list(out)


def _written(sentence: str, s: str) -> str | None:
    """``s`` as written in ``sentence`` (with the quotes between and around its characters)."""
    if not s:
        return None
    best = None
    for span in _spans(sentence, s):
        got = _balanced(span)  # (each distinct span once: a list repeats its items)
        if best is None or len(got) > len(best):
            best = got
    return best


def _unwrapped(span: str | None) -> str | None:
    """A name wholly inside one pair of quotation marks without them (“党群服务驿站” ->
    党群服务驿站: the seed gold, of the first convention, never keeps them; v2 does, so this
    costs a v2 row where a whole subject is quoted); book titles keep 《》 (《条例》)."""
    if span and len(span) > 2 and span[0] in '“‘「『"' and span[-1] in '”’」』"':
        inner = span[1:-1]
        if not any(q in inner for q in _QUOTE_CHARS):
            return inner
    return span


#: what the rules drop from inside a phrase (a possessor's 的, a per or time word, the other items
#: of a list before a shared head): the subject as written is the part after the last such gap
_GAP = (
    f"({_Q}(?:的|每[年月天日周季]|全年|当年|平均每[\u4e00-\u9fff]|平均"
    f"|[、和与及][\u4e00-\u9fff]{{1,6}}?){_Q})?"
)


@lru_cache(maxsize=4096)
def _gapped(s: str) -> re.Pattern[str]:
    return re.compile(_Q + _GAP.join(re.escape(ch) for ch in s) + _Q)


def _quotes_end(text: str, i: int) -> int:
    while i < len(text) and text[i] in _QUOTE_CHARS:
        i += 1
    return i


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _gap_ends(text: str, i: int) -> list[int]:
    """Where a gap of ``_GAP`` that starts at ``i`` can end (before its closing quotes), in
    the order the regex tries them."""
    out = []
    ch, nxt = text[i : i + 1], text[i + 1 : i + 2]
    if ch == "的":
        out.append(i + 1)
    if ch == "每" and nxt and nxt in "年月天日周季":
        out.append(i + 2)
    if ch in ("全", "当") and nxt == "年":
        out.append(i + 2)
    if ch == "平" and nxt == "均":
        if text[i + 2 : i + 3] == "每" and _is_han(text[i + 3 : i + 4] or "a"):
            out.append(i + 4)
        out.append(i + 2)
    if ch and ch in "、和与及":
        j = i + 1
        while j < len(text) and j - i <= 6 and _is_han(text[j]):
            j += 1
            out.append(j)  # lazy: the shortest first
    return out


def _gap_match(
    text: str, s: str, k: int, pos: int, gap: int | None
) -> tuple[int | None, int] | None:
    """``_gapped(s)`` matched on from ``pos``, right after ``s[k]``: (the end of the last gap
    used, the end of the match), or None."""
    if k == len(s) - 1:
        return gap, _quotes_end(text, pos)
    want = s[k + 1]
    start = _quotes_end(text, pos)
    for e in _gap_ends(text, start):
        q = _quotes_end(text, e)
        if q < len(text) and text[q] == want:
            got = _gap_match(text, s, k + 1, q + 1, q)
            if got is not None:
                return got
    if pos < len(text) and text[pos] == want:
        return _gap_match(text, s, k + 1, pos + 1, gap)
    return None


def _gap_search(text: str, s: str) -> tuple[int | None, int] | None:
    """``_gapped(s).search(text)`` as (``m.end(last gap)``, ``m.end()``), found without
    compiling a regex for ``s`` (its Han classes cost 20 ms per subject, most of the
    extraction time); ``tests/test_subjects_v2_copy.py`` checks the two agree."""
    i = text.find(s[0])
    while i >= 0:
        got = _gap_match(text, s, 0, i + 1, None)
        if got is not None:
            return got
        i = text.find(s[0], i + 1)
    return None


def _after_gap(sentence: str, s: str) -> str | None:
    """The part of ``s`` after the last gap ``_GAP`` lets it skip, as written in ``sentence``
    (2024年推介项目总投资 in 2024年全年推介项目总投资 -> 推介项目总投资), when that part has two
    characters or more."""
    if not s or any(ch in _QUOTE_CHARS for ch in s):
        return _after_gap_regex(sentence, s)
    got = _gap_search(sentence, s)
    if got is None or got[0] is None:
        return None
    got = _balanced(sentence[got[0] : got[1]])
    return got if len(got.strip(_QUOTE_CHARS)) >= 2 else None


def _after_gap_regex(sentence: str, s: str) -> str | None:
    """``_after_gap`` by the compiled pattern (a subject with quotes in it; and the reference)."""
    m = _gapped(s).search(sentence)
    if m is None:
        return None
    last = (
        max((i for i in range(1, m.lastindex + 1) if m.group(i)), default=None)
        if m.lastindex
        else None
    )
    if last is None:
        return None
    got = _balanced(sentence[m.end(last) : m.end()])
    return got if len(got.strip(_QUOTE_CHARS)) >= 2 else None


def copied(sentence: str, subject: str | None) -> str | None:
    """``subject`` as a span of ``sentence`` (see the module's docstring)."""
    if not subject or "的" in subject:
        return subject
    got = _unwrapped(_written(sentence, subject))
    if got:
        return got
    if _COMPOSED.search(subject):
        return subject
    return _unwrapped(_after_gap(sentence, subject)) or subject
