"""Shared machinery of the indicator extractor: the data files (units, protected terms,
qualifiers, subject-boundary words, non-indicator patterns), the compiled scanner, and the
small text helpers and per-hit records the extractor, ``subjects`` and ``timescope`` share.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .errors import LexiconError

QUALIFIERS = ("exact", "approx", "approx_over", "approx_under", "at_least", "up_to")
UNIT_CATEGORIES = {
    "count", "people", "time", "distance", "area", "money", "percent", "age", "weight",
    "volume", "score", "energy", "temperature",
}  # fmt: skip

# --------------------------------------------------------------------------- data files


def _data_lines(name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, tab-separated fields)`` of a data file, skipping comments."""
    text = resources.files("govstats").joinpath("data", name).read_text(encoding="utf-8")
    for no, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
        if line.strip():
            yield no, [f.strip() for f in line.split("\t")]


def _bad(name: str, no: int, msg: str) -> LexiconError:
    return LexiconError(f"govstats/data/{name}:{no}: {msg}; fix or remove that line")


@dataclass(frozen=True)
class _Rules:
    units: dict[str, tuple[str, str]]  # unit -> (category, characters that must not follow)
    protected: tuple[str, ...]
    non_indicators: tuple[tuple[str, str], ...]  # (class, regular expression)
    qual_before: dict[str, str]
    qual_mid: dict[str, str]
    qual_after: dict[str, str]
    links: tuple[str, ...]
    stops_before: tuple[str, ...]
    stops_after: tuple[str, ...]
    one_cues: tuple[str, ...]
    keep: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    units: dict[str, tuple[str, str]] = {}
    name = "units.txt"
    for no, f in _data_lines(name):
        if len(f) not in (2, 3) or not f[0]:
            raise _bad(name, no, f"expected 'unit<TAB>category[<TAB>chars]', got {f!r}")
        if f[1] not in UNIT_CATEGORIES:
            raise _bad(
                name, no, f"unknown category {f[1]!r} (expected one of {sorted(UNIT_CATEGORIES)})"
            )
        if f[0] in units:
            raise _bad(name, no, f"unit {f[0]!r} listed twice")
        units[f[0]] = (f[1], f[2] if len(f) == 3 else "")
    protected = []
    name = "protected_terms.txt"
    for no, f in _data_lines(name):
        if len(f) != 1 or len(f[0]) < 2:
            raise _bad(name, no, f"expected one term of two or more characters, got {f!r}")
        protected.append(f[0])
    non_ind = []
    name = "non_indicators.txt"
    for no, f in _data_lines(name):
        if len(f) != 2 or not f[0].isidentifier():
            raise _bad(name, no, f"expected 'class<TAB>regular expression', got {f!r}")
        try:
            re.compile(f[1])
        except re.error as e:
            raise _bad(name, no, f"{f[1]!r} is not a regular expression ({e})") from None
        non_ind.append((f[0], f[1]))
    quals: dict[str, dict[str, str]] = {"before": {}, "mid": {}, "after": {}}
    name = "indicator_qualifiers.txt"
    for no, f in _data_lines(name):
        if len(f) != 3 or f[1] not in quals or f[2] not in QUALIFIERS or f[2] == "exact":
            raise _bad(
                name, no,
                f"expected 'word<TAB>before|mid|after<TAB>qualifier' with a qualifier among "
                f"{QUALIFIERS[1:]}, got {f!r}",
            )  # fmt: skip
        quals[f[1]][f[0]] = f[2]
    roles: dict[str, list[str]] = {"link": [], "before": [], "after": [], "one": [], "keep": []}
    name = "indicator_subject_words.txt"
    for no, f in _data_lines(name):
        if len(f) != 2 or f[1] not in roles or not f[0]:
            raise _bad(name, no, f"expected 'word<TAB>link|before|after|one|keep', got {f!r}")
        roles[f[1]].append(f[0])
    by_len = lambda xs: tuple(sorted(set(xs), key=lambda w: (-len(w), w)))  # noqa: E731
    return _Rules(
        units=units,
        protected=by_len(protected),
        non_indicators=tuple(non_ind),
        qual_before=quals["before"],
        qual_mid=quals["mid"],
        qual_after=quals["after"],
        links=by_len(roles["link"]),
        stops_before=by_len(roles["before"]),
        stops_after=by_len(roles["after"]),
        one_cues=by_len(roles["one"]),
        keep=by_len(roles["keep"]),
    )


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_CN = "零〇○一二两三四五六七八九十百千万亿"  # ○: zero as old reports print it (二百○八)
_CN_DIGIT = "零〇○一二两三四五六七八九"
_AR = "0-9０-９"
_NUM_A = (
    rf"[{_AR}]+(?:[,，][{_AR}]{{3}}(?![{_AR}]))*(?:[.．][{_AR}]+)?"
    r"(?:十万|百万|千万|[十百万亿]|千(?![米克瓦伏]))?"  # 10千米 is 10 千米, not 10000 米
)
_NUM_APPROX = r"[数几][十百千万]+|[零〇一二两三四五六七八九十百千]+几"
_NUM_C = rf"[{_CN}]+(?:点[零〇一二三四五六七八九]+)?"  # 三点五: a Chinese decimal
#: Arabic with a multiplier and a remainder: 100万三千, 1万600, 200亿零四千230
_NUM_MIX = rf"[{_AR}]+[万亿][零〇一二两三四五六七八九十百千{_AR}]+(?:(?<!千)|(?![米克瓦伏]))"
#: digits printed one by one with spaces (old reports): 1 0 ％, 4 0 0 亿元, 1 1 3 4 4 公里
_NUM_SPACED = (
    r"[0-9](?:[ \u3000][0-9])*(?:[ \u3000][.．]|[.．][ \u3000])[ \u3000]?[0-9](?:[ \u3000][0-9])*"
    r"|[0-9](?:[ \u3000][0-9])+"
)
_NUM1 = rf"(?:{_NUM_MIX}|{_NUM_A}|{_NUM_APPROX}|{_NUM_C}|(?<![上下前后大多一])半|{_NUM_SPACED})"
_SEP = r"(?:[至到~～]|[—–\-－]{1,2})"
#: one space after an Arabic numeral, before its multiplier or unit: 177.1 亿元, 100 个县
_GAP = r"(?:(?<=[0-9０-９])[ \u00a0\u3000](?=[\u4e00-\u9fff%％‰]))?"


@dataclass(frozen=True)
class _Compiled:
    main: re.Pattern[str]
    protected: re.Pattern[str] | None
    non_indicator: re.Pattern[str] | None  # every pattern of non_indicators.txt, in order
    links: re.Pattern[str]
    stop_before: re.Pattern[str]
    stop_after: re.Pattern[str]
    one_cue: re.Pattern[str]
    qual_before: re.Pattern[str]
    keep: re.Pattern[str]
    last_stop_before: re.Pattern[str]  # matches up to the right-most bounding word
    stop_before_end: re.Pattern[str]  # a bounding word at the end of the text


#: every character a numeral can start with: a look-ahead on it lets ``re`` skip the
#: other positions quickly (≈ 3× faster scan, same matches)
_NUM_FIRST = f"{_AR}数几{_CN}半负\\-－−"
#: what may follow 成 in a share (三成, 近六成, 九成以上) — not 成为, 成立, 建成 …
_SHARE_NOT_AFTER = "为立绩效果员本都功熟型片交群长就品年人了套像形规"
#: a figure of zero written 零 before what did not happen: 零感染, 零事故
#: a change from one unitless figure to another: 收入倍差从1.96缩小至1.81, 满意度从84.7提升至89.6
_CHANGE_TO = (
    "(?:缩小|扩大|提升|提高|上升|下降|降低|增加|增长|回升|回落|减少)(?:至|到)|降至|升至|增至|减至"
)
_INDEX_CUES = "|".join(
    f"(?<={w})"
    for w in (
        "指数为", "指数是", "指数达", "上升了", "下降了", "回升了", "回落了", "增长了",
        "缩小至", "缩小到", "扩大至", "扩大到", "提升至", "提升到", "提高至", "提高到",
        "上升至", "上升到", "下降至", "下降到", "降低至", "降低到", "增加至", "增加到",
        "回升至", "回落至", "降至", "升至",
    )
)  # fmt: skip
_DECIMAL = "[0-9]+[.．][0-9]+"
_PEOPLE_NOUNS = "常住人口|户籍人口|流动人口|人口|居民|群众|村民|党员|职工|志愿者|学生"
_ZERO_OF = "感染|事故|投诉|死亡|伤亡|发案|差错|延误|违规|上访|欠薪|拒签|病例|确诊"


#: the characters every pattern of non_indicators.txt starts with (checked by a test)
_NI_FIRST = "0-9一二两三四五六七八九十百千几〇零前后这届草东西正腊个双多半《近"


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    r = _rules()
    mids = _alt(r.qual_mid)
    afters = _alt(r.qual_after)
    stops_before = _alt(r.stops_before)
    main = re.compile(
        rf"(?=[{_NUM_FIRST}])(?<![{_AR}.．])"
        # a sign: -3.8%, -139.13万元, 负三 (not the hyphen of 70-79 or A-3)
        rf"(?P<sign>(?<![0-9A-Za-z０-９.．])[-－−](?=[{_AR}])|负(?=[{_CN_DIGIT}十])"
        rf"|零下(?=[{_AR}{_CN_DIGIT}十]))?"  # 零下1摄氏度 (below zero)
        # 百分之…, and a range of them: 百分之十到二十左右, 百分之八至九
        rf"(?:百分之(?P<pnum>(?:{_NUM_A}|{_NUM_C})(?:[至到](?:百分之)?(?:{_NUM_A}|{_NUM_C}))?)"
        rf"|(?P<fnum>[{_CN}]+分之{_NUM_C}"  # 三分之一, 千分之三 (a share of 1)
        rf"|(?<=[\u4e00-\u9fff])[1-9]/(?:[2-9]|[1-9][0-9])(?![0-9/.．]|决赛))"  # 占全国1/3以上
        rf"|(?P<snum>[一二两三四五六七八九]{{1,2}}|十|[1-9])成(?![{_SHARE_NOT_AFTER}])"  # 六成, 7成以上
        rf"|(?P<half>一半)"  # 一半以上
        rf"|(?P<znum>零)(?={_ZERO_OF})"  # 零感染
        # people counted without a classifier: 8000多常住人口 (unit null)
        rf"|(?P<gnum>[{_AR}]{{2,}}(?:[余多])?)(?={_PEOPLE_NOUNS})"
        # 三、四个月, 一、二年内: two digits in a row with 、 are a range
        # (not 三、四月份, 一、二年级, 报告分六个部分：一、三年来…)
        rf"|(?P<num>[一二两三四五六七八九]、[二三四五六七八九十](?=[个天周种次名人家位所户]|年(?![来级以]))"
        rf"|{_NUM1}(?:[%％]?{_SEP}{_NUM1})?)"
        rf"{_GAP}(?P<mid>{mids})?(?:个(?=亿))?(?P<mult>十万|百万|千万|[万亿])?"
        rf"(?P<unit>{_alt(r.units)})(?!(?<=个)亿)"  # 两个亿: 个 before 亿 is no unit
        # a multiplier and no unit: 连年亏损300万, 8900多万党员, 超千亿 (unit null)
        rf"|(?P<xnum>{_NUM1}(?:{_SEP}{_NUM1})?){_GAP}(?P<xmid>余|多)?(?:个(?=亿))?"
        rf"(?P<xmult>十万|百万|千万|万亿|[万亿])(?P<xtail>[余多](?=[\u4e00-\u9fff]))?(?![{_CN}{_AR}])"
        # an index value or a change written without a unit: 指数为98.6, 上升了1.3 (tried after
        # the unit alternative, so 增长了4.9倍 keeps its unit)
        rf"|(?:{_INDEX_CUES}|(?<=从)(?={_DECIMAL}(?:{_CHANGE_TO})))"
        # not 降至6.9升/百公里, 2.0版: only a change verb may follow (从1.96缩小至1.81)
        rf"(?P<dnum>{_DECIMAL})(?![0-9.．%％/])(?!(?!{_CHANGE_TO})[\u4e00-\u9fff]))"
        rf"(?P<after>{afters})?"
    )
    return _Compiled(
        main=main,
        protected=re.compile(_alt(r.protected)) if r.protected else None,
        non_indicator=(
            re.compile(
                # a look-ahead on the characters a pattern can start with lets ``re`` skip the
                # other positions at once (the patterns are tried in a window at every hit);
                # no capturing groups: only the spans are read (a named group per pattern
                # made the scan 1.5× the instructions)
                f"(?=[{_NI_FIRST}])(?:" + "|".join(f"(?:{p})" for _, p in r.non_indicators) + ")"
            )
            if r.non_indicators
            else None
        ),
        links=re.compile(rf"(?:{_alt(r.links)})+$"),
        stop_before=re.compile(_alt(r.stops_before)),
        stop_after=re.compile(_alt(r.stops_after)),
        one_cue=re.compile(rf"(?:{_alt(r.one_cues)})$"),
        qual_before=re.compile(rf"(?:{_alt(r.qual_before)})$"),
        keep=re.compile(_alt(r.keep) or "(?!)"),
        # the right-most position where a bounding word starts and no kept word does
        # (the same position as trying ``_stop_at`` from the right, in one C-level search)
        last_stop_before=re.compile(
            rf"(?s:.*)(?=(?:{stops_before}))(?!(?:{_alt(r.keep) or '(?!)'}))"
        ),
        stop_before_end=re.compile(rf"(?:{stops_before})$"),
    )


# --------------------------------------------------------------------------- text helpers

_SENT_END = re.compile(r"[。！？!?；;\n]")
_CLAUSE_END = re.compile(r"[,，。！？!?；;:：\n]")
_QUOTES = "“”‘’\"'《》「」『』"
_QUOTE_TABLE = str.maketrans("", "", _QUOTES)
_PUNCT_AFTER = re.compile(r"[,，。！？!?；;:：、\n()（）\s…—\-]")
_TIME_UNITS = {"time", "distance"}
#: up to the right-most ``_PUNCT_AFTER`` character of a span, in one C-level match
_TO_LAST_PUNCT = re.compile(r"(?s:.*)" + _PUNCT_AFTER.pattern)


def _after_punct(text: str, pos: int, lo: int) -> int:
    """Where a walk back from ``pos`` stops: just after the last ``_PUNCT_AFTER`` character
    of ``text[lo:pos]``, else ``lo`` (``pos`` when ``lo >= pos``); the same position as
    stepping back one character at a time while ``a > lo`` and ``text[a - 1]`` is none."""
    if lo >= pos:
        return pos
    m = _TO_LAST_PUNCT.match(text, lo, pos)
    return m.end() if m else lo


def _bounds(text: str, pos: int, ends: list[int]) -> tuple[int, int]:
    """The (start, end) of the sentence/clause around ``pos`` given sorted delimiter positions."""
    i = bisect.bisect_right(ends, pos - 1)
    start = ends[i - 1] + 1 if i > 0 else 0
    end = ends[i] if i < len(ends) else len(text)
    return start, end


def _inside_short_quote(text: str, s: int, e: int, lo: int, hi: int) -> bool:
    """True when [s, e) sits inside a short quotation (a name, not speech)."""
    left = max(text.rfind("“", lo, s), text.rfind("‘", lo, s), text.rfind('"', lo, s))
    if left < 0:
        return False
    if max(text.rfind("”", left, s), text.rfind("’", left, s)) >= 0:
        return False
    right_cands = [
        x
        for x in (text.find("”", e, hi + 1), text.find("’", e, hi + 1), text.find('"', e, hi + 1))
        if x >= 0
    ]
    if not right_cands:
        return False
    right = min(right_cands)
    inner = text[left + 1 : right]
    return len(inner) <= 16 and not _SENTENCE_PUNCT.search(inner)


_SENTENCE_PUNCT = re.compile(r"[,，。！？!?；;]")


def _strip_quotes(s: str) -> str:
    return s.translate(_QUOTE_TABLE).strip()


def _stop_at(pat: re.Pattern[str], c: _Compiled, text: str, i: int) -> re.Match[str] | None:
    """A bounding word starting at ``i`` (unless a longer kept word such as 在职 starts there)."""
    m = pat.match(text, i)
    if m is None or c.keep.match(text, i):
        return None
    return m


def _last_stop(w: str, c: _Compiled) -> re.Match[str] | None:
    """The right-most bounding word of ``w`` (one not starting a longer kept word)."""
    m = c.last_stop_before.match(w)
    return None if m is None else c.stop_before.match(w, m.end())


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs 3-4x (one per text)
class _Text:
    """What the hits in one text share."""

    text: str
    place: str | None  # the article's place
    sentence_ends: list[int]  # positions of the sentence delimiters
    clause_ends: list[int]  # positions of the clause delimiters
    facts: dict[int, tuple[list, list]]  # sentence start -> its (time scopes, places)
    #: the (starts, ends) of the non-indicator matches of the text, found once on first use
    blocked: list[tuple[list[int], list[int]]] = field(default_factory=list)

    def blocks(self, c: _Compiled, ns: int, ne: int) -> bool:
        """True when a match of non_indicators.txt overlaps the numeral ``[ns, ne)``."""
        if not self.blocked:
            spans = (
                [m.span() for m in c.non_indicator.finditer(self.text)] if c.non_indicator else []
            )
            self.blocked.append(([a for a, _ in spans], [b for _, b in spans]))
        starts, ends = self.blocked[0]
        i = bisect.bisect_left(starts, ne) - 1  # the last match starting before the numeral ends
        return i >= 0 and ends[i] > ns


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs 3-4x (one per hit)
class _Hit:
    """A numeral with its unit that passed the checks of ``_one``; offsets into the text."""

    m: re.Match[str]  # the match of ``_Compiled.main``
    num: str  # the numeral as written (no multiplier, no unit)
    start: int  # where the match starts
    end: int  # where the unit (or 百分之 numeral) ends
    unit: str  # the unit as matched ('%' for 百分之…)
    category: str  # its category in units.txt
    value: float
    value_max: float | None
    ss: int  # the sentence around the hit: [ss, se)
    se: int
    cs: int  # the clause around the hit: [cs, ce)
    ce: int
    mid: str | None = None  # a precision word written inside the unit (1个多小时 -> 多)


# --------------------------------------------------------------------------- ranges

#: categories whose range may write the unit on both ends: 5000元至1万元, 3吨到5吨, 50至80平方米
#: (time and distance have their own, with 半: 一年到一年半)
RANGE_BOTH_ENDS = frozenset(("money", "area", "weight", "volume"))
_UNIT_RANGE_TAIL = re.compile(
    rf"(?:[至到~～]|[—–\-－]{{1,2}})((?:[{_AR}]+(?:[.．][{_AR}]+)?|[一二两三四五六七八九十百千]+)"
    r"(?:万|亿)?)"
)
_BARE_RANGE_TAIL = re.compile(
    rf"(?:[至到~～]|[—–\-－]{{1,2}})((?:[{_AR}]+(?:[.．][{_AR}]+)?|[一二两三四五六七八九十百千]+))"
)


def unit_range_tail(
    text: str,
    end: int,
    unit: str,
    lo: float,
    parse,
    *,
    multiplier: bool = True,
    half: re.Pattern[str] | None = None,
) -> tuple[float, int] | None:
    """The upper end of a range whose unit is written on both ends: ``至1万元`` after 5000元,
    ``到一年半`` after 一年 (its value and where it ends), when it is larger than ``lo``.

    ``parse`` reads a numeral as ``(value, value_max)``; ``multiplier=False`` takes no 万/亿 after
    the numeral; ``half`` matches a 半 after the unit that adds 0.5 (一年半)."""
    rm = (_UNIT_RANGE_TAIL if multiplier else _BARE_RANGE_TAIL).match(text, end)
    if rm is None or not text.startswith(unit, rm.end()):
        return None
    try:
        hi, hi_max = parse(rm.group(1))
    except ValueError:
        return None
    stop = rm.end() + len(unit)
    if half is not None and (hm := half.match(text, stop)):
        hi, stop = hi + 0.5, hm.end()
    if hi_max is not None or hi <= lo:
        return None
    return hi, stop
