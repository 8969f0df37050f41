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


def _written(sentence: str, s: str) -> str | None:
    """``s`` as written in ``sentence`` (with the quotes between and around its characters)."""
    if not s:
        return None
    best = None
    for span in dict.fromkeys(m.group() for m in _pattern(s).finditer(sentence)):
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


def _after_gap(sentence: str, s: str) -> str | None:
    """The part of ``s`` after the last gap ``_GAP`` lets it skip, as written in ``sentence``
    (2024年推介项目总投资 in 2024年全年推介项目总投资 -> 推介项目总投资), when that part has two
    characters or more."""
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
