"""Page segmentation: decoded page text → line blocks → articles with metadata and provenance.

The steps are pure functions of the text (plus the package's own rule and place
files under ``govstats/data/``):

1. :func:`split_blocks` cuts the text into non-blank lines (``Block``) and gives each
   a first-pass class (furniture, section letter, byline, dateline, headline-like,
   caption, body) from the line itself and the blank lines around it.
2. :func:`segment_text` / :func:`segment_document` walk the blocks, find where each
   article starts (headline runs after a byline, headline runs of several units,
   headlines followed by an author line, a dateline or a ``…讯`` lead), give every
   headline line its role (kicker / title / subtitle / in-article heading), rejoin
   sentences that the page layout broke across blank lines, mark paragraphs the page
   printed twice, and read each article's place, date, source and byline.
3. :func:`mark_near_duplicates` (in :mod:`govstats.neardup`, re-exported here)
   compares articles across the corpus (character shingles, MinHash + LSH banding,
   exact Jaccard check) and flags reprints.

Every returned ``Paragraph`` keeps offsets into the document text; a rejoined
paragraph lists its source pieces in ``spans``.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .cues import (  # re-exported: the data files were loaded here first
    Places,
    Rules,
    load_places,
    load_rules,
)
from .neardup import (  # re-exported: step 3 lived here first
    jaccard,
    mark_near_duplicates,
    near_duplicate_features,
    near_duplicate_roots,
    near_duplicate_signature,
    near_duplicate_text,
    shingle_hashes,
)
from .records import Article, Document, Paragraph

logger = logging.getLogger(__name__)

__all__ = [
    "Block",
    "Rules",
    "Places",
    "load_rules",
    "load_places",
    "split_blocks",
    "segment_text",
    "segment_document",
    "mark_near_duplicates",
    "shingle_hashes",
    "jaccard",
    "near_duplicate_text",
    "near_duplicate_signature",
    "near_duplicate_features",
    "near_duplicate_roots",
]


# ---------------------------------------------------------------------------
# character classes (the text is already normalised: full-width ASCII → ASCII)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CLOSERS = "”’\"')]》」』】〕>"
# a paragraph ending in one of these is finished (no rejoin with the next one)
_FINISHED = frozenset("。!?…;:" + _CLOSERS + ".")
# a headline never ends in these (after trailing closers are stripped)
_NOT_HEADLINE_END = frozenset("。!?…;:,、.")
_KICKER_END = ("——", "—", "→", "->", ">>", "》》")
_SUBTITLE_START = ("——", "—", "--")

_LETTER = re.compile(r"[A-Z][.、]?")
_SENT_END = re.compile(r"[。!?;]")
_HAS_HAN = re.compile(f"[{_HAN}A-Za-z]")
_PAREN_LINE = re.compile(r"\(\s*([^()]{1,60}?)\s*\)")
_NAME = re.compile(f"[{_HAN}·]{{2,4}}")
_NAME3 = re.compile(f"[{_HAN}]{{2,3}}")
_WS = re.compile(r"\s+")
_COUPLET = re.compile(r"(\S{3,10})\s+(\S{3,10})")
# "…坚持以党建为" / "服务。" : a line that starts with a 1-3 character fragment that ends a sentence
_FRAGMENT_START = re.compile(f"[{_HAN}]{{1,3}}[。!?]")
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
_WE_DISTRICT = re.compile(r"我区|本区")
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


# ---------------------------------------------------------------------------
# step 2: blocks → articles


@dataclass
class _Art:
    items: list[tuple[int, str]] = field(default_factory=list)  # (block index, kind)
    ended: bool = False
    has_body: bool = False
    heading_shapes: set[str] = field(default_factory=set)  # shapes of its in-article headings


_NUMBERED = re.compile(
    r"(?:[一二三四五六七八九十]+、|[(][一二三四五六七八九十]+[)]|\d{1,2}[、.])\S"
)


def _heading_shape(s: str) -> str | None:
    """The shape of a section heading: ``couplet`` (爱心义剪进社区 服务群众零距离),
    ``numbered`` (二、…, (三)…, 4、…) or None."""
    if _is_couplet(s):
        return "couplet"
    return "numbered" if _NUMBERED.match(s) else None


def _is_couplet(s: str) -> bool:
    """``爱心义剪进社区 服务群众零距离``: two balanced halves, the shape of a section heading."""
    m = _COUPLET.fullmatch(s)
    return bool(m) and abs(len(m.group(1)) - len(m.group(2))) <= 2


def _headline_roles(units: list[list[int]], blocks: Sequence[Block]) -> list[str]:
    """Role of each headline unit: ``kicker``, ``title`` or ``subtitle``.

    A unit is one or more consecutive headline lines. Units ending in ``——``/``→``
    are kickers (引题, column tags), units starting with ``——`` subtitles; of the
    rest, a short first unit (≤ 6 characters, e.g. 把脉问诊, 侯营镇) or a two-line
    couplet before a one-line unit is a kicker, the next unit is the title and any
    later unit a subtitle.
    """
    texts = [" ".join(blocks[i].text for i in u) for u in units]
    roles: list[str | None] = [None] * len(units)
    for ui, t in enumerate(texts):
        if t.endswith(_KICKER_END):
            roles[ui] = "kicker"
        elif t.startswith(_SUBTITLE_START):
            roles[ui] = "subtitle"
    core = [ui for ui, r in enumerate(roles) if r is None]
    if not core:
        pick = next((ui for ui, r in enumerate(roles) if r == "subtitle"), len(units) - 1)
        roles[pick] = "title"
        return [r or "subtitle" for r in roles]
    if len(core) >= 2:
        a, b = core[0], core[1]
        short = len(texts[a].replace(" ", "")) <= 6 < len(texts[b].replace(" ", ""))
        couplet = len(units[a]) >= 2 and len(units[b]) == 1
        if short or couplet:
            roles[a] = "kicker"
            core = core[1:]
    roles[core[0]] = "title"
    for ui in core[1:]:
        roles[ui] = "subtitle"
    return [r or "subtitle" for r in roles]


def _walk(blocks: Sequence[Block], R: Rules, P: Places) -> tuple[list[_Art], list[tuple[int, str]]]:
    """Assign every block to an article (with its final kind) or to the loose list.

    A headline run starts a new article when there is no open article, the open one
    ended with a byline, the run has two or more units (kicker + title), an author
    line, dateline or ``…讯`` lead follows it, or it is one line naming a known place
    (``柳园街道与辖区企业…``; in-article headings name none). Otherwise its lines are
    in-article headings.
    """
    n = len(blocks)
    arts: list[_Art] = []
    loose: list[tuple[int, str]] = []
    pending: list[tuple[int, str]] = []
    cur: _Art | None = None

    def captions_after(i: int, art: _Art) -> int:
        # photo captions printed right under the dateline (001: indented lines)
        while (
            i + 1 < n
            and blocks[i].blank_before == 0
            and blocks[i].kind in ("body", "headline", "caption")
            and _is_caption_sentence(blocks[i].text, max_len=60)
        ):
            art.items.append((i, "caption"))
            i += 1
        return i

    i = 0
    while i < n:
        b = blocks[i]
        k = b.kind
        if k == "furniture":
            loose.append((i, "furniture"))
            i += 1
        elif k == "letter":
            if cur is not None and not cur.ended:
                cur.items.append((i, "section"))
            else:
                loose.append((i, "furniture"))
            i += 1
        elif k == "caption":
            (cur.items if cur is not None else loose).append((i, "caption"))
            i += 1
        elif k == "byline":
            if cur is not None:
                cur.items.append((i, "byline"))
                if cur.has_body:
                    cur.ended = True
            else:
                loose.append((i, "byline"))
            i += 1
        elif k == "dateline":
            if cur is not None and not cur.has_body and not cur.ended:
                cur.items.append((i, "dateline"))
                i = captions_after(i + 1, cur)
            elif cur is None:  # a page header: its date/source hold for every article
                loose.append((i, "dateline"))
                i += 1
            else:
                pending.append((i, "dateline"))
                i += 1
        elif k == "headline":
            units: list[list[int]] = []
            j = i
            while j < n and blocks[j].kind == "headline" and len(units) <= 4:
                if units and blocks[j].blank_before == 0 and len(units[-1]) < 3:
                    units[-1].append(j)
                else:
                    if len(units) == 4:
                        break
                    units.append([j])
                j += 1
            nxt = blocks[j] if j < n else None
            cue = nxt is not None and (
                (nxt.kind == "byline" and _PAREN_LINE.fullmatch(nxt.text) is None)
                or nxt.kind == "dateline"
                or (nxt.kind == "body" and _LEAD.match(nxt.text) is not None)
            )
            named = len(units) == 1 and P.pattern.search(blocks[units[0][0]].text) is not None
            new = cur is None or cur.ended or len(units) >= 2 or cue or (named and cur.has_body)
            if (
                new
                and cur is not None
                and cur.ended
                and not cue
                and len(units) == 1
                and len(units[0]) == 1
                and _heading_shape(blocks[i].text) in cur.heading_shapes
            ):
                # a compound article (000: sub-reports, each with its byline, under
                # couplet headings): a heading of the shape its headings have, after a
                # mid-article byline, is its next section, not a new article
                new = False
                cur.ended = False
            if new:
                cur = _Art(items=pending)
                pending = []
                arts.append(cur)
                for unit, role in zip(units, _headline_roles(units, blocks)):
                    cur.items.extend((x, role) for x in unit)
                i = j
                while i < n and blocks[i].kind == "byline" and blocks[i].blank_before <= 2:
                    cur.items.append((i, "byline"))  # author line under the title
                    i += 1
                if i < n and blocks[i].kind == "dateline":
                    cur.items.append((i, "dateline"))
                    i = captions_after(i + 1, cur)
            else:
                for unit in units:
                    for x in unit:
                        cur.items.append((x, "heading"))
                        shape = _heading_shape(blocks[x].text)
                        if shape is not None:
                            cur.heading_shapes.add(shape)
                i = j
        else:  # body
            if cur is None or cur.ended:
                cur = _Art(items=pending)
                pending = []
                arts.append(cur)
            cur.items.append((i, "body"))
            cur.has_body = True
            i += 1
    loose.extend(pending)
    kept: list[_Art] = []
    for art in arts:
        # captions after an article's last paragraph stand alone on the page
        while art.items and art.items[-1][1] == "caption":
            loose.append(art.items.pop())
        if art.has_body:
            kept.append(art)
        else:
            loose.extend(art.items)
    loose.sort()
    return kept, loose


def _page_evidence(blocks: Sequence[Block], R: Rules) -> bool:
    """True when the text shows the marks of a newspaper page holding several articles.

    The marks: a bracketed name byline (``(全百惠 牟组宣)``) ending an article, a
    dateline line (``齐鲁晚报 2022年06月29日``), or a ``…讯`` lead (``本报讯``,
    ``东昌府讯``). A text with none of them is one story (a transcript, a web
    page, a record written out as a file): :func:`_walk_story` reads it.
    """
    seen_body = False
    for i, b in enumerate(blocks):
        if b.kind == "dateline":
            # a page header, or a dateline under a title; not the date under a
            # letter's signature (习近平 / 2014年1月28日)
            prev = blocks[i - 1] if i else None
            if not seen_body or (
                prev is not None and prev.kind == "headline" and len(prev.text) > 6
            ):
                return True
        elif b.kind == "byline":
            m = _PAREN_LINE.fullmatch(b.text)
            if m is not None and _names_ok(m.group(1), R):
                return True
        elif b.kind == "body":
            seen_body = True
            m = _LEAD.match(b.text)
            # 本报讯, 东昌府讯; not 据朝鲜中央通讯社…报道 (a news agency, not a lead)
            if m is not None and m.group(1) and b.text[m.end(1) + 1 : m.end(1) + 2] != "社":
                return True
    return False


_ENUM = re.compile(r"(\d)|([(（][一二三四五六七八九十\d]+[)）])|([一二三四五六七八九十]+、)")


def _same_enumerator(a: str, b: str) -> bool:
    """``2007-2008年 …`` / ``2008-2011年 …``, ``(三)…`` / ``(四)…``: two items of one list."""
    ma, mb = _ENUM.match(a), _ENUM.match(b)
    return ma is not None and mb is not None and ma.lastindex == mb.lastindex


def _walk_story(blocks: Sequence[Block]) -> tuple[list[_Art], list[tuple[int, str]]]:
    """One story: one article, its headline lines at the top, headings inside.

    The first run of headline lines (before any body) is the article's kicker /
    title / subtitle stack, with the byline and dateline under it. A later headline
    line is an in-article heading only when a paragraph follows it (a body line that
    ends a sentence or runs past 40 characters); otherwise it is body: three or more
    in a row are a list (名单, 简历, enumerations), a short line before another short
    line is a list item or a sentence cut without its mark, and lines after the last
    body paragraph head nothing. A text with no body line at all (one unterminated
    sentence, a list) is all body, without a title.
    """
    n = len(blocks)
    loose: list[tuple[int, str]] = []
    art = _Art()
    if not any(b.kind == "body" for b in blocks):
        for i, b in enumerate(blocks):
            if b.kind in ("headline", "caption", "byline", "dateline"):
                art.items.append((i, "body"))
                art.has_body = True
            else:
                loose.append((i, "furniture"))
        return ([art] if art.has_body else []), loose
    last_body = max(i for i, b in enumerate(blocks) if b.kind == "body")
    i = 0
    while i < n and blocks[i].kind == "furniture":
        loose.append((i, "furniture"))
        i += 1
    units: list[list[int]] = []
    j = i
    while j < n and blocks[j].kind == "headline" and len(units) < 4:
        if units and blocks[j].blank_before == 0 and len(units[-1]) < 3:
            units[-1].append(j)
        else:
            units.append([j])
        j += 1
    for unit, role in zip(units, _headline_roles(units, blocks) if units else ()):
        art.items.extend((x, role) for x in unit)
    i = j
    while i < n and blocks[i].kind == "byline":
        art.items.append((i, "byline"))
        i += 1
    if i < n and blocks[i].kind == "dateline":
        art.items.append((i, "dateline"))
        i += 1
    list_item = False
    while i < n:
        b = blocks[i]
        if b.kind == "headline":
            j = i
            while j < n and blocks[j].kind == "headline":
                j += 1
            for x in range(i, j):
                nxt = blocks[x + 1] if x + 1 < n else None
                heads = (
                    j - i < 3
                    and x < last_body
                    and nxt is not None
                    and nxt.kind == "body"
                    and (ends_sentence(nxt.text) or len(nxt.text) > 40)
                    and not list_item  # the item before was a list line: the list goes on
                    and not _same_enumerator(blocks[x].text, nxt.text)
                )
                art.items.append((x, "heading" if heads else "body"))
                art.has_body = art.has_body or not heads
                list_item = not heads
            i = j
            continue
        list_item = False
        role = {"furniture": None, "letter": "section"}.get(b.kind, b.kind)
        if role is None:
            loose.append((i, "furniture"))
        else:
            art.items.append((i, role))
            art.has_body = art.has_body or role == "body"
        i += 1
    while art.items and art.items[-1][1] == "caption":
        loose.append(art.items.pop())
    loose.sort()
    return [art], loose


def _rejoin_groups(
    blocks: Sequence[Block],
    arts: list[_Art],
    loose: list[tuple[int, str]],
    *,
    story: bool = False,
) -> dict[int, list[int]]:
    """Body paragraphs broken across page breaks: first block index → all its pieces.

    In a one-story text (``story``) only a paragraph-shaped line (first-pass kind
    ``body``) is continued, and only across a blank line: list items and lines
    typed body for want of a paragraph under them stay as they are.
    """
    owner: dict[int, tuple[int, str]] = {}
    for ai, art in enumerate(arts):
        for x, k in art.items:
            owner[x] = (ai, k)
    for x, k in loose:
        owner[x] = (-1, k)
    n = len(blocks)
    groups: dict[int, list[int]] = {}
    absorbed: set[int] = set()
    for ai, art in enumerate(arts):
        for x, k in art.items:
            if k != "body" or x in absorbed:
                continue
            group = [x]
            while True:
                last = group[-1]
                m = last + 1
                while m < n and owner.get(m, (ai, "?"))[1] in ("caption", "furniture"):
                    m += 1
                if m >= n or owner.get(m) != (ai, "body"):
                    break
                if story and not (
                    blocks[last].kind == blocks[m].kind == "body" and blocks[m].blank_before >= 1
                ):
                    break
                unfinished = not ends_sentence(blocks[last].text)
                fragment = blocks[m].blank_before >= 2 and _FRAGMENT_START.match(blocks[m].text)
                if not (unfinished or fragment):
                    break
                group.append(m)
                absorbed.add(m)
            if len(group) > 1:
                groups[x] = group
    return groups


# ---------------------------------------------------------------------------
# metadata


def _place_scores(
    text: str,
    weight: int,
    P: Places,
    contexts: tuple[str, ...],
    doc_district: str | None,
    scores: dict[str, int],
    first: dict[str, int],
) -> None:
    for m in P.pattern.finditer(text):
        place = P.resolve(m.group(0), *contexts)
        if place is not None:
            scores[place] = scores.get(place, 0) + weight
            first.setdefault(place, len(first))
    if doc_district is not None:
        for _ in _WE_DISTRICT.finditer(text):
            scores[doc_district] = scores.get(doc_district, 0) + weight
            first.setdefault(doc_district, len(first))


def _pick_place(scores: dict[str, int], first: dict[str, int], P: Places) -> str | None:
    if not scores:
        return None
    local = {p: s for p, s in scores.items() if P.level.get(p) != "city"}
    pool = local or scores
    return min(pool, key=lambda p: (-pool[p], first[p]))


def _lead_place(text: str, P: Places, *contexts: str) -> str | None:
    m = _LEAD.match(text)
    if not m or not m.group(1) or m.group(1) == "本报":
        return None
    word = m.group(1)
    place = P.resolve(word, *contexts)
    if place is None:
        hit = P.pattern.search(word)
        place = P.resolve(hit.group(0), *contexts) if hit else None
    return place


# ---------------------------------------------------------------------------
# step 2 (public): the document → articles and blocks


def segment_text(
    text: str,
    *,
    doc_id: str,
    file: str,
    rules: Rules | None = None,
    places: Places | None = None,
) -> tuple[list[Article], list[Paragraph]]:
    """Split one document's text into articles.

    Parameters
    ----------
    text : the normalised document text
    doc_id : ``Document.id`` (the prefix of every article and paragraph id)
    file : the file name reported in ``Article.file``
    rules : segmentation cues (default: :func:`load_rules`)
    places : the place list (default: :func:`load_places`)

    Returns
    -------
    articles : list of Article
        In text order, ``index`` 0-based; ``paragraphs`` hold every block of the
        article (kicker, title, subtitle, byline, dateline, caption, heading,
        section, body) in text order.
    blocks : list of Paragraph
        Every block of the document in text order: the articles' paragraphs plus
        page furniture and stray captions (``article_id=None``).
    """
    R = rules or load_rules()
    P = places or load_places()
    blocks = split_blocks(text, rules=R)
    if _page_evidence(blocks, R):
        arts, loose = _walk(blocks, R, P)
        groups = _rejoin_groups(blocks, arts, loose)
    else:
        arts, loose = _walk_story(blocks)
        groups = _rejoin_groups(blocks, arts, loose, story=True)
    absorbed = {x for g in groups.values() for x in g[1:]}

    # doc-level metadata: the paper's district (…讯 leads), a page-header date/source
    doc_district = None
    for art in arts:
        first_body = next((x for x, k in art.items if k == "body"), None)
        if first_body is not None:
            doc_district = _lead_place(blocks[first_body].text, P, text)
            if doc_district is not None:
                break
    if doc_district is None:
        counts: dict[str, int] = {}
        for m in P.pattern.finditer(text):
            place = P.resolve(m.group(0), text)
            if place is not None and P.level.get(place) != "city":
                counts[place] = counts.get(place, 0) + 1
        if counts:
            doc_district = min(counts, key=lambda p: (-counts[p], p))
    doc_date = doc_source = None
    first_start = arts[0].items[0][0] if arts else len(blocks)
    for x, k in loose:
        if k == "dateline" and x < first_start:
            d, s = _dateline(blocks[x].text, R) or (None, None)
            doc_date = doc_date or d
            doc_source = doc_source or s

    articles: list[Article] = []
    all_blocks: list[Paragraph] = []
    dup_key: dict[str, str] = {}
    for index, art in enumerate(arts):
        aid = f"{doc_id}-{index:03d}"
        paras: list[Paragraph] = []
        roles: dict[str, list[str]] = {"kicker": [], "title": [], "subtitle": []}
        for x, k in art.items:
            if x in absorbed:
                continue
            b = blocks[x]
            pid = f"{aid}-{len(paras):03d}"
            if x in groups:
                pieces = [blocks[y] for y in groups[x]]
                ptext = "".join(p.text for p in pieces)
                spans = tuple((p.start, p.end) for p in pieces)
                start, end = pieces[0].start, pieces[-1].end
            else:
                ptext, spans, start, end = b.text, ((b.start, b.end),), b.start, b.end
            dup = None
            if k == "body":
                key = "".join(ptext.split())  # = _WS.sub("", ptext), ≈ 4× faster
                if len(key) >= 10:
                    dup = dup_key.get(key)
                    if dup is None:
                        dup_key[key] = pid
            if k in roles:
                roles[k].append(b.text)
            paras.append(Paragraph(pid, aid, len(paras), ptext, start, end, k, dup, spans))
        meta = _article_meta(paras, blocks, art, R, P, text, doc_district)
        title = "\n".join(roles["title"])
        articles.append(
            Article(
                id=aid,
                doc_id=doc_id,
                file=file,
                index=index,
                title=title,
                place=meta["place"],
                date=meta["date"] or doc_date,
                source=meta["source"] or doc_source,
                byline=meta["byline"],
                start=min(p.start for p in paras),
                end=max(p.end for p in paras),
                paragraphs=tuple(paras),
                kicker="\n".join(roles["kicker"]) or None,
                subtitle="\n".join(roles["subtitle"]) or None,
            )
        )
        all_blocks.extend(paras)
    for nf, (x, k) in enumerate(loose):
        b = blocks[x]
        all_blocks.append(
            Paragraph(
                f"{doc_id}-f{nf:03d}",
                None,
                nf,
                b.text,
                b.start,
                b.end,
                k,
                None,
                ((b.start, b.end),),
            )
        )
    all_blocks.sort(key=lambda p: p.start)
    return articles, all_blocks


def _article_meta(
    paras: list[Paragraph],
    blocks: Sequence[Block],
    art: _Art,
    R: Rules,
    P: Places,
    doc_text: str,
    doc_district: str | None,
) -> dict[str, str | None]:
    date = source = None
    bylines: list[tuple[int, str]] = []
    prev_byline_end = -2
    for p in paras:
        if p.kind == "dateline":
            d, s = _dateline(p.text, R) or (None, None)
            date = date or d
            source = source or s
        elif p.kind == "byline":
            m = _PAREN_LINE.fullmatch(p.text)
            content = m.group(1).strip() if m else p.text
            # consecutive byline lines (YMG全媒体记者 王宏伟 / 通讯员 曲晨 摄影报道) make one
            # byline, kept with its line break
            if bylines and doc_text.count("\n", prev_byline_end, p.start) <= 1:
                bylines[-1] = (bylines[-1][0], f"{bylines[-1][1]}\n{content}")
            else:
                bylines.append((p.start, content))
            prev_byline_end = p.end
    body = [p for p in paras if p.kind == "body"]
    lead_place = None
    if body:
        m = _LEAD.match(body[0].text)
        if m and m.group(2) and _names_ok(m.group(2).strip(), R):
            bylines.append((body[0].start, m.group(2).strip()))
        lead_place = _lead_place(body[0].text, P, doc_text)
        tail = _PAREN_LINE.search(body[-1].text)
        if tail and tail.end() == len(body[-1].text) and _names_ok(tail.group(1).strip(), R):
            before = body[-1].text[: tail.start()].rstrip()
            if before and ends_sentence(before):
                bylines.append((body[-1].doc_offset(tail.start()), tail.group(1).strip()))
    byline = min(bylines)[1] if bylines else None

    head = " ".join(p.text for p in paras if p.kind in ("kicker", "title", "subtitle"))
    body_text = "\n".join(p.text for p in body if p.duplicate_of is None)
    context = f"{head}\n{body_text}"
    scores: dict[str, int] = {}
    first: dict[str, int] = {}
    _place_scores(head, 4, P, (context, doc_text), doc_district, scores, first)
    if lead_place is not None:
        scores[lead_place] = scores.get(lead_place, 0) + 4
        first.setdefault(lead_place, len(first))
    _place_scores(body_text, 1, P, (context, doc_text), doc_district, scores, first)
    place = _pick_place(scores, first, P) or doc_district
    return {"place": place, "date": date, "source": source, "byline": byline}


def segment_document(
    doc: Document, *, rules: Rules | None = None, places: Places | None = None
) -> tuple[list[Article], list[Paragraph]]:
    """Split a ``Document`` into articles and give them their metadata.

    A page (``doc.kind == "page"``) is segmented by :func:`segment_text`; a record
    (one story whose boundary is known) becomes one article by
    :func:`govstats.stories.segment_record`. Either way every article then gets its
    place, city, province, date precision and url (:func:`govstats.stories.finish_articles`).

    Parameters
    ----------
    doc : a decoded document
    rules, places : override the package's cue and place files

    Returns
    -------
    (articles, blocks) : as :func:`segment_text`
    """
    from .stories import finish_articles, segment_record

    if doc.kind == "record":
        articles, blocks = segment_record(doc, rules=rules, places=places)
    else:
        articles, blocks = segment_text(
            doc.text, doc_id=doc.id, file=doc.name, rules=rules, places=places
        )
    return finish_articles(doc, articles, places=places), blocks
