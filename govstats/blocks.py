"""Page segmentation, step 1: decoded page text → line blocks with a first-pass class.

:func:`split_blocks` cuts the text into non-blank lines (``Block``) and gives each a
first-pass class (furniture, section letter, byline, dateline, headline-like,
caption, body) from the line itself and the blank lines around it. The line tests
(:func:`ends_sentence`, ``_is_headline_like``, ``_dateline`` …) and the character
classes here are shared with the later steps (:mod:`govstats.articlewalk`,
:mod:`govstats.segment`, :mod:`govstats.stories`).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .cues import Rules, load_rules

# ---------------------------------------------------------------------------
# character classes (the text is already normalised: full-width ASCII → ASCII)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CLOSERS = "”’\"')]》」』】〕>"
# a paragraph ending in one of these is finished (no rejoin with the next one)
_FINISHED = frozenset("。!?…;:" + _CLOSERS + ".")
# a headline never ends in these (after trailing closers are stripped)
_NOT_HEADLINE_END = frozenset("。!?…;:,、.")
_KICKER_END = ("——", "—", "→", "->", ">>", "》》")

_LETTER = re.compile(r"[A-Z][.、]?")
_SENT_END = re.compile(r"[。!?;]")
_HAS_HAN = re.compile(f"[{_HAN}A-Za-z]")
_PAREN_LINE = re.compile(r"\(\s*([^()]{1,60}?)\s*\)")
_NAME = re.compile(f"[{_HAN}·]{{2,4}}")
_NAME3 = re.compile(f"[{_HAN}]{{2,3}}")
_LEAD = re.compile(
    f"(?:(本报|[{_HAN}]{{2,6}}?)讯|(?:新华社|中新社|央视网)[{_HAN}]{{0,6}}(?:\\d{{1,2}}月\\d{{1,2}}日)?电)"
    r"\s*(?:\(([^()]{2,80})\))?"
)
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))"
)
_DATELINE_NOISE = re.compile(
    r"星期[一二三四五六日天]|周[一二三四五六日]|第?\s*[A-Z]?\d{1,3}\s*版|"
    r"来源|稿源|发布时间|发布日期|时间|日期|出版|农历\S{0,8}|[\s:|丨/·,、\-—()]+"
)
_SOURCE_LABEL = re.compile(r"(?:来源|稿源|转自)\s*:\s*(\S{2,20})")
_PAGE_HEADER = re.compile(r"\d|版|第[一二三四五六七八九十]+")


# ---------------------------------------------------------------------------
# step 1: text → blocks


@dataclass(frozen=True, slots=True)
class Block:
    """One non-blank line of the document, stripped, with its first-pass class.

    ``kind`` is one of ``furniture``, ``letter`` (a lone section letter), ``byline``,
    ``dateline``, ``headline`` (short, no sentence end: a title or heading
    candidate), ``caption`` or ``body``. ``blank_before``/``blank_after`` count the
    blank lines around it (to the start/end of the text for the first/last line).
    """

    start: int
    end: int
    text: str
    blank_before: int
    blank_after: int
    kind: str


def _strip_closers(s: str) -> str:
    return s.rstrip(_CLOSERS)


def ends_sentence(s: str) -> bool:
    """True when a paragraph ends with sentence-final punctuation (。!?…;: or a closer)."""
    return bool(s) and s[-1] in _FINISHED


def _names_ok(content: str, R: Rules) -> bool:
    """``全百惠 牟组宣`` / ``YMG全媒体记者 王宏伟 通讯员 宋先媛``: roles and names only."""
    tokens = content.split()
    if not tokens:
        return False
    has_role = False
    for t in tokens:
        if R.role.fullmatch(t) or R.role_name.fullmatch(t):
            has_role = True
        elif not _NAME.fullmatch(t):
            return False
    return has_role or len(tokens) >= 2


def _is_reporter_line(s: str, R: Rules) -> bool:
    """``通讯员 石伟``, ``YMG全媒体记者 王宏伟``, ``融媒体 全兴社 通讯员 刘莹莹``."""
    tokens = s.split()
    has_role = has_name = False
    for t in tokens:
        if R.role.fullmatch(t):
            has_role = True
        elif R.role_name.fullmatch(t):
            has_role = has_name = True
        elif _NAME.fullmatch(t):
            has_name = True
        else:
            return False
    return has_role and has_name


def _is_author_line(s: str, R: Rules) -> bool:
    """``道口铺街道 刘雨泽``, ``民盟区委 于立蛟``: an organisation, then 1-3 names."""
    tokens = s.split()
    if not 2 <= len(tokens) <= 4 or not R.author_org.fullmatch(tokens[0]):
        return False
    return all(_NAME3.fullmatch(t) for t in tokens[1:])


def _dateline(s: str, R: Rules) -> tuple[str | None, str | None] | None:
    """``齐鲁晚报     2022年06月29日`` → (``2022-06-29``, ``齐鲁晚报``); None if not a dateline."""
    if len(s) > 60:
        return None
    m = _DATE.search(s)
    label = _SOURCE_LABEL.search(s)
    papers = R.papers.findall(s)
    if not (m or label or papers):
        return None
    rest = _DATE.sub("", s) if m else s
    rest = R.papers.sub("", rest)
    rest = _DATELINE_NOISE.sub("", rest)
    if len(rest) > (8 if label else 4):
        return None
    if not m and not (papers or label):
        return None
    date = None
    if m:
        y = int(m.group(1))
        mo = int(m.group(2) or m.group(4))
        d = int(m.group(3) or m.group(5))
        try:
            date = _dt.date(y, mo, d).isoformat()
        except ValueError:
            date = None
    source = papers[0] if papers else None
    if source is None and label is not None and R.papers.search(label.group(1)):
        source = R.papers.search(label.group(1)).group(0)
    return date, source


def _is_headline_like(s: str, R: Rules) -> bool:
    """Short line without a sentence end: a title, kicker, subtitle or heading candidate."""
    n = len(s)
    if n < 2 or n > 40 or not _HAS_HAN.search(s):
        return False
    if s.endswith(_KICKER_END):
        return True
    core = _strip_closers(s)
    if not core or core[-1] in _NOT_HEADLINE_END or core[-1] in R.function_endings:
        return False
    if "。" in s or ";" in s:
        return False
    if "," in s and n > 26:
        return False
    return s.count("“") <= s.count("”")  # an unclosed quote: a cut sentence


def _is_caption_sentence(s: str, *, max_len: int) -> bool:
    """One short sentence ending in 。 (or no end at all): a photo-caption shape."""
    if len(s) > max_len or len(s) < 4:
        return False
    core = _strip_closers(s)
    if not core:
        return False
    return not _SENT_END.search(core[:-1]) and (core[-1] in "。!" or core[-1] not in "?;:,、")


def _classify(s: str, R: Rules) -> str:
    n = len(s)
    if n <= 60 and R.furniture.match(s):
        return "furniture"
    if n <= 2 and _LETTER.fullmatch(s):
        return "letter"
    if n <= 60:
        m = _PAREN_LINE.fullmatch(s)
        if m and _names_ok(m.group(1), R):
            return "byline"
        if _is_reporter_line(s, R) or _is_author_line(s, R):
            return "byline"
        if _dateline(s, R) is not None:
            return "dateline"
    if _is_headline_like(s, R):
        return "headline"
    return "body"


def split_blocks(text: str, *, rules: Rules | None = None) -> list[Block]:
    """Cut text into non-blank, stripped lines with a first-pass class each.

    Parameters
    ----------
    text : the (normalised) document text; lines end with ``\\n``
    rules : segmentation cues (default: :func:`load_rules`)

    Returns
    -------
    list of Block
        In text order; ``text[b.start:b.end] == b.text`` for each.
    """
    R = rules or load_rules()
    raw: list[tuple[int, int, str, int]] = []
    pos = 0
    blank = 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            a = pos + (len(line) - len(line.lstrip()))
            raw.append((a, a + len(s), s, blank))
            blank = 0
        else:
            blank += 1
        pos += len(line) + 1
    tail_blank = blank
    n = len(raw)
    kinds = [_classify(s, R) for _, _, s, _ in raw]
    # running page headers: a short line with a page number, date or paper name that
    # repeats three or more times (a repeated plain heading is left alone)
    seen: dict[str, int] = {}
    for (_, _, s, _), k in zip(raw, kinds):
        if len(s) <= 40 and k in ("headline", "dateline", "body"):
            seen[s] = seen.get(s, 0) + 1
    if seen and max(seen.values()) >= 3:
        kinds = [
            "furniture"
            if seen.get(s, 0) >= 3 and (_PAGE_HEADER.search(s) or R.papers.search(s))
            else k
            for (_, _, s, _), k in zip(raw, kinds)
        ]
    # captions stand apart: two or more blank lines before them
    last_content = max((i for i, k in enumerate(kinds) if k != "furniture"), default=-1)
    for i, (_, _, s, bb) in enumerate(raw):
        if bb < 2 or kinds[i] not in ("body", "headline"):
            continue
        after = raw[i + 1][3] if i + 1 < n else tail_blank + 1
        if after < 1:
            continue
        cue = R.caption_cue.search(s) is not None
        if kinds[i] == "headline":
            if len(s) <= 20 and (cue or i == last_content):
                kinds[i] = "caption"
        elif _is_caption_sentence(s, max_len=80) and (cue or R.caption_scene.search(s[:20])):
            kinds[i] = "caption"
    out = []
    for i, ((a, b, s, bb), k) in enumerate(zip(raw, kinds)):
        after = raw[i + 1][3] if i + 1 < n else tail_blank
        out.append(Block(a, b, s, bb, after, k))
    return out
