"""Page segmentation, step 2: line blocks → articles (boundaries and headline roles).

``_walk`` goes through a page's blocks and finds where each article starts (headline
runs after a byline, headline runs of several units, headlines followed by an author
line, a dateline or a ``…讯`` lead) and gives every headline line its role (kicker /
title / subtitle / in-article heading); ``_walk_story`` does it for a text known to
hold one story; ``_rejoin_groups`` rejoins sentences the page layout broke across
blank lines. :func:`govstats.segment.segment_text` puts them together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .blocks import (
    _HAN,
    _KICKER_END,
    _LEAD,
    _PAREN_LINE,
    Block,
    _is_caption_sentence,
    _names_ok,
    ends_sentence,
)
from .cues import Places, Rules

_SUBTITLE_START = ("——", "—", "--")
_COUPLET = re.compile(r"(\S{3,10})\s+(\S{3,10})")
# "…坚持以党建为" / "服务。" : a line that starts with a 1-3 character fragment that ends a sentence
_FRAGMENT_START = re.compile(f"[{_HAN}]{{1,3}}[。!?]")

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
