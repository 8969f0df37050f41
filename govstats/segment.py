"""Page segmentation: decoded page text → line blocks → articles with metadata and provenance.

The steps are pure functions of the text (plus the package's own rule and place
files under ``govstats/data/``):

1. :func:`split_blocks` (in :mod:`govstats.blocks`, re-exported here) cuts the text
   into non-blank lines (``Block``) and gives each a first-pass class (furniture,
   section letter, byline, dateline, headline-like, caption, body) from the line
   itself and the blank lines around it.
2. :func:`segment_text` / :func:`segment_document` walk the blocks
   (:mod:`govstats.articlewalk`), find where each
   article starts (headline runs after a byline, headline runs of several units,
   headlines followed by an author line, a dateline or a ``…讯`` lead), give every
   headline line its role (kicker / title / subtitle / in-article heading), rejoin
   sentences that the page layout broke across blank lines, mark paragraphs the page
   printed twice, and read each article's place, date, source and byline.
3. :func:`mark_near_duplicates` (in :mod:`govstats.neardup`, re-exported here)
   compares articles across the corpus (character shingles, MinHash + LSH banding,
   exact Jaccard check) and flags reprints.

Every returned ``Paragraph`` keeps offsets into the document text; a rejoined
paragraph lists its source pieces in ``spans``. This module holds step 2's public
functions and each article's metadata (place, date, source, byline).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from .articlewalk import _Art, _page_evidence, _rejoin_groups, _walk, _walk_story
from .blocks import (  # re-exported: step 1 lived here first
    _LEAD,
    _PAREN_LINE,
    Block,
    _dateline,
    _is_headline_like,  # noqa: F401 - govstats.stories imports it from here
    _names_ok,
    ends_sentence,
    split_blocks,
)
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

_WE_DISTRICT = re.compile(r"我区|本区")

__all__ = [
    "Block",
    "Rules",
    "Places",
    "load_rules",
    "load_places",
    "split_blocks",
    "ends_sentence",
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
