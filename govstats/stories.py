"""One-story documents (records) → one article; the metadata every article ends with.

A record (a row of a JSONL/CSV/Parquet file, an HTML page's main text) is a document
whose article boundary is known: it is never page-segmented. Its paragraphs are its
``\\n``-separated lines (page furniture such as ``下载`` / ``打印`` / ``【字号：】``
typed ``furniture`` and left out of the article), its title comes from the title
column, and its date, source, place and url from the other columns.

:func:`finish_articles` then gives every article, from either path, its ``city``,
``province``, ``date_precision`` and ``url``: the place is the one segmentation or the
record chose, else the one the gazetteer finds in the text (:func:`govstats.places.locate`),
and city/province come from :func:`govstats.places.resolve` in the article's context.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .dates import find_date, precision
from .places import find_places, locate, resolve
from .records import Article, Document, Paragraph
from .segment import Places, Rules, _is_headline_like, load_places, load_rules

__all__ = ["segment_record", "finish_articles", "article_geo"]


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            a = pos + (len(line) - len(line.lstrip()))
            out.append((a, a + len(s), s))
        pos += len(line) + 1
    return out


def segment_record(
    doc: Document, *, rules: Rules | None = None, places: Places | None = None
) -> tuple[list[Article], list[Paragraph]]:
    """The one article of a record document, and every block of it.

    Parameters
    ----------
    doc : a ``Document`` with ``kind == "record"``
    rules, places : override the package's cue and place files

    Returns
    -------
    (articles, blocks)
        ``articles`` has one article (none when every line is furniture); its
        paragraphs are the record's lines, ``body`` except furniture (kept in
        ``blocks`` with ``article_id=None``) and, when the record has no title, a
        first headline-shaped line followed by more text, typed ``title``.
    """
    R = rules or load_rules()
    lines = _lines(doc.text)
    aid = f"{doc.id}-000"
    kinds = ["furniture" if len(s) <= 60 and R.furniture.match(s) else "body" for _, _, s in lines]
    content = [i for i, k in enumerate(kinds) if k == "body"]
    title = doc.title or ""
    if not title and len(content) >= 2 and _is_headline_like(lines[content[0]][2], R):
        kinds[content[0]] = "title"
        title = lines[content[0]][2]
    paras: list[Paragraph] = []
    loose: list[Paragraph] = []
    dup_key: dict[str, str] = {}
    for (a, b, s), k in zip(lines, kinds):
        if k == "furniture":
            loose.append(
                Paragraph(
                    f"{doc.id}-f{len(loose):03d}", None, len(loose), s, a, b, k, None, ((a, b),)
                )
            )
            continue
        pid = f"{aid}-{len(paras):03d}"
        dup = None
        if k == "body":
            key = "".join(s.split())
            if len(key) >= 10:
                dup = dup_key.get(key)
                if dup is None:
                    dup_key[key] = pid
        paras.append(Paragraph(pid, aid, len(paras), s, a, b, k, dup, ((a, b),)))
    blocks = sorted([*paras, *loose], key=lambda p: p.start)
    body = [p for p in paras if p.kind == "body"]
    if not body:
        return [], blocks
    # the record's place column, else the gazetteer (finish_articles): the seed place
    # list (烟台/聊城 districts and towns) is for the pages it was written on, and one
    # passing 青岛 must not make a national story a Qingdao one
    place = doc.place
    article = Article(
        id=aid,
        doc_id=doc.id,
        file=doc.name,
        index=0,
        title=title,
        place=place,
        date=doc.date,
        source=doc.source,
        byline=None,
        start=paras[0].start,
        end=paras[-1].end,
        paragraphs=tuple(paras),
    )
    return [article], blocks


def article_geo(
    article: Article, doc_text: str = "", *, places: Places | None = None
) -> tuple[str | None, str | None, str | None]:
    """``(place, city, province)`` of an article.

    The article's own place (from segmentation or the record's place column) is
    resolved in the context of the places its headline and body name (and, for a
    place of the seed list, the city that list gives it); without one, the
    gazetteer chooses it from the text (:func:`govstats.places.locate`).
    """
    P = places or load_places()
    head = (
        " ".join(p.text for p in article.paragraphs if p.kind in ("kicker", "title", "subtitle"))
        or article.title
    )
    body = "\n".join(p.text for p in article.body())
    if article.place is None:
        r = locate(head, body, doc_text=doc_text)
        return r.place, r.city, r.province
    context: list[str] = []
    seed_city = P.city.get(article.place)
    if seed_city:
        context.append(seed_city)
    context += [h.surface for h in find_places(f"{head}\n{body}")]
    if doc_text:
        context += [h.surface for h in find_places(doc_text[:2000])]
    r = resolve(article.place, context)
    return article.place, r.city, r.province


def finish_articles(
    doc: Document, articles: Sequence[Article], *, places: Places | None = None
) -> list[Article]:
    """Give each article its place, city, province, date (precision) and url.

    The date stays the dateline's or the record's; where neither gives one, a date
    in the lead of the first body paragraph (``新华社北京2020年1月28日电``,
    ``2020年1月28日，…``) is taken. The url is the document's.
    """
    out = []
    for a in articles:
        date = a.date
        if date is None:
            body = a.body()
            got = find_date(body[0].text, within=30) if body else None
            date = got[0] if got else None
        place, city, province = article_geo(a, doc.text, places=places)
        out.append(
            dataclasses.replace(
                a,
                place=place,
                city=city,
                province=province,
                date=date,
                date_precision=precision(date),
                url=doc.url,
                source=a.source if a.source is not None else doc.source,
            )
        )
    return out
