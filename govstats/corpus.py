"""Reading files into ``Document``s and holding the ``Corpus`` that later stages consume.

Reading owns the bytes: encoding detection (BOMs, strict UTF-8, then
charset-normalizer restricted to the encodings Chinese news comes in), a
length-preserving normalisation (so every offset stays an offset into the decoded
file), and a per-file ``Problem`` for anything that cannot be read. Segmentation
into articles lives in :mod:`govstats.segment`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .records import Article, Document, Paragraph, Problem, to_frame
from .segment import mark_near_duplicates, segment_document
from .sources import (  # re-exported: reading lived here first
    MAX_BYTES,
    Columns,
    InputFileNotFound,
    decode_bytes,
    normalize_text,
)

if TYPE_CHECKING:
    import pandas as pd

logger = logging.getLogger(__name__)

__all__ = [
    "Corpus",
    "load_corpus",
    "load_document",
    "decode_bytes",
    "normalize_text",
    "list_files",
    "segment_document",
    "mark_near_duplicates",
    "InputFileNotFound",
    "Columns",
]

PathLike = str | Path


def load_document(path: PathLike) -> Document | Problem:
    """Read one file into a ``Document``, or say why it cannot be read.

    Parameters
    ----------
    path : a text file

    Returns
    -------
    Document or Problem
        A ``Problem`` (path, message, kind) for an unreadable, empty, binary,
        undecodable, oversized or non-regular file; never raises for bad content.
        A UTF-8 file cut inside its last character is read (that character
        replaced by U+FFFD).
    """
    from .sources import Input, _read_text, format_of, walk

    path = Path(path)
    if path.is_dir():
        return Problem(str(path), "cannot read a folder as a file; give a file", "unreadable")
    got = next(iter(walk(path)), None) if path.exists() or path.is_symlink() else None
    if got is None:
        return Problem(str(path), "no such file", "missing")
    if isinstance(got, Problem):
        return got
    if format_of(path) not in (None, "text"):
        got = Input(got.path, "text", got.rel)
    doc = problem = None
    for item in _read_text(got, MAX_BYTES):
        if isinstance(item, Problem):
            problem = problem or item
        else:
            doc = item
    return doc if doc is not None else problem


@dataclass(frozen=True)
class Corpus:
    """Documents, the articles found in them, and the problems met while reading.

    ``blocks`` holds every block of every document in reading order, page
    furniture and stray captions included (those have ``article_id=None``).
    """

    documents: tuple[Document, ...]
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()
    blocks: tuple[Paragraph, ...] = field(default=(), repr=False)

    #: Articles shown by ``repr`` and in Jupyter (the rest are counted, not printed).
    PREVIEW = 5

    def _summary(self) -> str:
        dates = sorted(a.date for a in self.articles if a.date)
        span = f", dated {dates[0]} to {dates[-1]}" if dates else ""
        return (
            f"{len(self.documents)} documents, {len(self.articles)} articles, "
            f"{sum(len(a.paragraphs) for a in self.articles)} paragraphs, "
            f"{len(self.problems)} problems{span}"
        )

    def __repr__(self) -> str:
        """A short summary and the first few articles: never the whole corpus."""
        lines = [f"Corpus({self._summary()})"]
        for a in self.articles[: self.PREVIEW]:
            lines.append(f"  {a.id}  {a.date or '-'}  {a.place or '-'}  {a.title[:40]!r}")
        if len(self.articles) > self.PREVIEW:
            lines.append(f"  … {len(self.articles) - self.PREVIEW} more (corpus.articles_frame())")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Jupyter's view: the summary and a table of the first few articles (escaped)."""
        from .htmlsafe import escape, table

        rows = [
            (a.id, a.date or "", a.place or "", getattr(a, "province", None) or "", a.title)
            for a in self.articles[: self.PREVIEW]
        ]
        more = len(self.articles) - len(rows)
        tail = (
            f"<p>… {more} more articles: <code>corpus.articles_frame()</code></p>"
            if more > 0
            else ""
        )
        return (
            f"<p><b>Corpus</b>: {escape(self._summary(), quote=False)}</p>"
            + table(("article", "date", "place", "province", "title"), rows)
            + tail
        )

    def document(self, doc_id: str) -> Document:
        """The document with this id."""
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(f"no document with id {doc_id!r} in this corpus")

    def paragraphs(
        self, *, include_duplicates: bool = False, kinds: Iterable[str] = ("body",)
    ) -> Iterator[tuple[Article, Paragraph]]:
        """Yield ``(article, paragraph)`` for article paragraphs of the given kinds.

        Paragraphs marked ``duplicate_of`` (printed twice on the page) and all
        paragraphs of articles marked ``duplicate_of`` (reprints) are left out
        unless ``include_duplicates``.
        """
        kinds = set(kinds)
        for a in self.articles:
            if a.duplicate_of is not None and not include_duplicates:
                continue
            for p in a.paragraphs:
                if p.kind in kinds and (include_duplicates or p.duplicate_of is None):
                    yield a, p

    def articles_frame(self) -> pd.DataFrame:
        """One row per article.

        Returns
        -------
        DataFrame with columns ``file, article_index, id, doc_id, title, place, date,
        source, byline, n_paragraphs, n_chars, start, end, duplicate_of, kicker,
        subtitle, city, province, date_precision, url``.
        """
        import pandas as pd

        cols = [
            "file", "article_index", "id", "doc_id", "title", "place", "date", "source",
            "byline", "n_paragraphs", "n_chars", "start", "end", "duplicate_of", "kicker",
            "subtitle", "city", "province", "date_precision", "url",
        ]  # fmt: skip
        rows = [
            [
                a.file,
                a.index,
                a.id,
                a.doc_id,
                a.title,
                a.place,
                a.date,
                a.source,
                a.byline,
                len(a.body()),
                sum(len(p.text) for p in a.body()),
                a.start,
                a.end,
                a.duplicate_of,
                a.kicker,
                a.subtitle,
                a.city,
                a.province,
                a.date_precision,
                a.url,
            ]  # fmt: skip
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=cols)

    def paragraphs_frame(self) -> pd.DataFrame:
        """One row per block (all kinds, furniture included), with its file.

        Returns
        -------
        DataFrame with columns ``file, id, article_id, index, text, start, end, kind,
        duplicate_of``.
        """
        df = to_frame(self.blocks, kind=Paragraph, exclude=("spans",))
        names = {d.id: d.name for d in self.documents}
        # every block id starts with its document id: "<doc>-<art>-<n>" or "<doc>-f<n>"
        df.insert(0, "file", [names.get(b.id.split("-", 1)[0]) for b in self.blocks])
        return df

    def documents_frame(self) -> pd.DataFrame:
        """One row per document.

        Returns
        -------
        DataFrame with columns ``file, id, encoding, n_chars, sha256, n_articles, kind,
        record_id, script, title, date, source, url``.
        """
        import pandas as pd

        n_art: dict[str, int] = {}
        for a in self.articles:
            n_art[a.doc_id] = n_art.get(a.doc_id, 0) + 1
        cols = [
            "file", "id", "encoding", "n_chars", "sha256", "n_articles", "kind", "record_id",
            "script", "title", "date", "source", "url",
        ]  # fmt: skip
        rows = [
            [
                d.name,
                d.id,
                d.encoding,
                len(d.text),
                d.sha256,
                n_art.get(d.id, 0),
                d.kind,
                d.record_id,
                d.script,
                d.title,
                d.date,
                d.source,
                d.url,
            ]  # fmt: skip
            for d in self.documents
        ]
        return pd.DataFrame(rows, columns=cols)


def list_files(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """The regular input files of a folder (recursively), a file, or a list of them.

    Folders are expanded in sorted order to the files of the known extensions
    (``.txt``, ``.md``, ``.html``, ``.htm``, ``.jsonl``, ``.jsonl.gz``, ``.csv``,
    ``.parquet``, any case); paths that cannot be read are left out (see
    :func:`govstats.sources.walk` for the problems). Repeated paths appear once.

    Raises
    ------
    FileNotFoundError
        (``InputFileNotFound``, also an ``InputError``) at once, naming the path,
        when a given path does not exist.
    """
    from .sources import Input, walk

    return [x.path for x in walk(paths) if isinstance(x, Input)]


def load_corpus(
    paths: PathLike | Iterable[PathLike],
    *,
    strict: bool = False,
    columns: Columns | None = None,
) -> Corpus:
    """Read files and record files and split them into articles.

    Parameters
    ----------
    paths : a folder (recursing into text, HTML and record files), a file, or a list
    strict : raise ``InputError`` on the first problem instead of listing it in
        ``corpus.problems``
    columns : column names of record files (``text``, ``title``, ``date``, ``id``,
        ``source``, ``place``, ``url`` by default)

    Returns
    -------
    Corpus
        ``documents`` in input order (one per text file or HTML page, one per
        record of a JSONL/CSV/Parquet file); ``articles`` in document then text
        order, reprints flagged by ``duplicate_of``; ``problems`` lists every path
        or record skipped (and why), files with no article, and byte-identical
        copies of an earlier file (skipped so nothing counts twice).

    Raises
    ------
    FileNotFoundError
        (``InputFileNotFound``) when a given path does not exist.
    InputError
        With ``strict=True``, for the first problem.
    """
    from .sources import iter_documents

    docs: list[Document] = []
    problems: list[Problem] = []
    by_sha: dict[str, Document] = {}

    def report(problem: Problem) -> None:
        if strict:
            raise InputError(str(problem))
        logger.debug("%s", problem)
        problems.append(problem)

    for result in iter_documents(paths, columns=columns):
        if isinstance(result, Problem):
            report(result)
            continue
        if result.kind == "page" and result.sha256 in by_sha:
            report(
                Problem(
                    result.path,
                    f"same bytes as {by_sha[result.sha256].path} (sha256 {result.sha256[:16]}); "
                    "skipped so its articles are not counted twice",
                    "duplicate-file",
                )
            )
            continue
        if result.kind == "page":
            by_sha[result.sha256] = result
        docs.append(result)
    articles: list[Article] = []
    blocks: list[Paragraph] = []
    for d in docs:
        arts, blks = segment_document(d)
        if not arts:
            report(
                Problem(
                    d.path if d.kind == "page" else f"{d.path} (record {d.record_id})",
                    "no article found (only page furniture or captions); "
                    "check that the file holds article text",
                    "no-article",
                )
            )
        articles.extend(arts)
        blocks.extend(blks)
    articles = mark_near_duplicates(articles)
    return Corpus(tuple(docs), tuple(articles), tuple(problems), tuple(blocks))
