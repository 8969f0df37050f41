"""Reading files into ``Document``s and holding the ``Corpus`` that later stages consume.

Reading owns the bytes: encoding detection (BOMs, strict UTF-8, then
charset-normalizer restricted to the encodings Chinese news comes in), a
length-preserving normalisation (so every offset stays an offset into the decoded
file), and a per-file ``Problem`` for anything that cannot be read. Segmentation
into articles lives in :mod:`govstats.segment`.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .records import Article, Document, Paragraph, Problem, to_frame
from .segment import mark_near_duplicates, segment_document

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
]

PathLike = str | Path

# full-width ASCII U+FF01–FF5E → U+0021–007E, ideographic space → space: one code point
# for one code point, so offsets do not move (never NFKC, which can change lengths)
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
# the same mapping, character to character, for ``str.replace`` of the few that occur:
# ``str.translate`` looks up every character of the text (≈ 18 M char/s), this ≈ 20× faster
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(k): chr(v) for k, v in _WIDTH_TABLE.items()}

# encodings charset-normalizer may choose between for a file that is not UTF-8; ties
# (equal chaos) go to the earlier one, so a short GBK file reads as GB18030, not Big5
_CANDIDATES = ("gb18030", "big5", "utf_16", "utf_32")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)
# control characters other than tab/newline/carriage return/form feed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_FIX = "re-save it as UTF-8 text, or remove it from the input"


def normalize_text(text: str) -> str:
    """Length-preserving normalisation applied once at load.

    Full-width ASCII (U+FF01–FF5E) becomes ASCII, U+3000 a space, the ``\\r`` of
    ``\\r\\n`` a space and a lone ``\\r`` a newline. ``len(normalize_text(t)) ==
    len(t)`` always, so offsets into the result are offsets into the decoded file.
    """
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    for ch in set(_WIDE.findall(text)):  # the same as text.translate(_WIDTH_TABLE)
        text = text.replace(ch, _NARROW[ch])
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding.

    Order: a byte-order mark (UTF-8/16/32); strict UTF-8; otherwise
    charset-normalizer restricted to GB18030 (covers GBK and GB2312), Big5 and
    UTF-16/32, ties going to GB18030.

    Parameters
    ----------
    data : the file's bytes

    Returns
    -------
    (text, encoding) : the decoded text (BOM removed, not yet normalised) and the
        codec name recorded in ``Document.encoding``

    Raises
    ------
    InputError
        For empty, binary or undecodable bytes; the message says what is wrong
        (without the file name, which the caller adds).
    """
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise InputError(f"empty file ({len(data)} bytes): expected article text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            codec = "utf-8" if enc == "utf-8-sig" else enc
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"starts with a {enc.upper()} byte-order mark but does not decode as "
                    f"{enc.upper()} ({e.reason} at byte {e.start + len(bom)}); {_FIX}"
                ) from None
            if not text.strip():
                raise InputError(f"empty file (only a {enc.upper()} byte-order mark and spaces)")
            return _check_text(text, enc), enc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text; {_FIX}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary file (NUL byte at offset {nul}), not text; if it is UTF-16 without a "
            f"byte-order mark, {_FIX}"
        )
    try:
        return _check_text(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = f"{e.reason} at byte {e.start}"
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(_CANDIDATES)))
    if matches:
        best_chaos = min(m.chaos for m in matches)
        tied = [m for m in matches if m.chaos <= best_chaos + 1e-9]
        rank = {name: i for i, name in enumerate(_CANDIDATES)}
        best = min(tied, key=lambda m: rank.get(m.encoding, len(rank)))
        text = str(best)
        enc = best.encoding.replace("_", "-")
        return _check_text(text, enc), enc
    raise InputError(
        f"cannot decode: not UTF-8 ({utf8_error}) and no reading as GB18030/GBK/GB2312, "
        f"Big5 or UTF-16/32 fits; {_FIX}"
    )


def _check_text(text: str, enc: str) -> str:
    n_control = len(_CONTROL.findall(text, 0, 100_000))
    if n_control > max(2, len(text[:100_000]) // 100):
        raise InputError(
            f"binary file ({n_control} control characters after decoding as {enc}), not text; {_FIX}"
        )
    if not text.strip():
        raise InputError("empty file (only spaces): expected article text")
    return text


def load_document(path: PathLike) -> Document | Problem:
    """Read one file into a ``Document``, or say why it cannot be read.

    Parameters
    ----------
    path : a text file

    Returns
    -------
    Document or Problem
        A ``Problem`` (path + message) for an unreadable, empty, binary or
        undecodable file; never raises for bad content.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return Problem(
            str(path), f"cannot read the file ({e.strerror or e}); check that it is a readable file"
        )
    try:
        text, enc = decode_bytes(data)
    except InputError as e:
        return Problem(str(path), str(e))
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        id=sha[:16], path=str(path), encoding=enc, text=normalize_text(text), sha256=sha
    )


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
        subtitle``.
        """
        import pandas as pd

        cols = [
            "file", "article_index", "id", "doc_id", "title", "place", "date", "source",
            "byline", "n_paragraphs", "n_chars", "start", "end", "duplicate_of", "kicker",
            "subtitle",
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
        """One row per document: ``file, id, encoding, n_chars, sha256, n_articles``."""
        import pandas as pd

        n_art: dict[str, int] = {}
        for a in self.articles:
            n_art[a.doc_id] = n_art.get(a.doc_id, 0) + 1
        return pd.DataFrame(
            [
                {
                    "file": d.name,
                    "id": d.id,
                    "encoding": d.encoding,
                    "n_chars": len(d.text),
                    "sha256": d.sha256,
                    "n_articles": n_art.get(d.id, 0),
                }
                for d in self.documents
            ],
            columns=["file", "id", "encoding", "n_chars", "sha256", "n_articles"],
        )


class InputFileNotFound(InputError, FileNotFoundError):
    """A path given to ``load_corpus`` that does not exist."""


def list_files(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """Expand a folder (recursively, ``*.txt``), a file, or a list of them.

    Folders are expanded in sorted order; the given order of the list is kept and
    repeated paths appear once.

    Raises
    ------
    FileNotFoundError
        (``InputFileNotFound``, also an ``InputError``) at once, naming the path,
        when a given path does not exist.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise InputFileNotFound(
                f"{p}: no such file or folder (expected a .txt file or a folder of them)"
            )
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        else:
            out.append(p)
    seen: set[Path] = set()
    uniq = []
    for p in out:
        if p.resolve() not in seen:
            seen.add(p.resolve())
            uniq.append(p)
    return uniq


def load_corpus(paths: PathLike | Iterable[PathLike], *, strict: bool = False) -> Corpus:
    """Read files and split them into articles.

    Parameters
    ----------
    paths : a folder (recursing into ``*.txt``), a file, or a list of them
    strict : raise ``InputError`` on the first file with a problem instead of
        listing it in ``corpus.problems``

    Returns
    -------
    Corpus
        ``documents`` in file order; ``articles`` in file then text order, reprints
        flagged by ``duplicate_of``; ``problems`` lists unreadable files (empty,
        binary, undecodable), files with no article, and byte-identical copies of an
        earlier file (skipped so nothing counts twice).

    Raises
    ------
    FileNotFoundError
        (``InputFileNotFound``) when a given path does not exist.
    InputError
        With ``strict=True``, for the first file with a problem.
    """
    docs: list[Document] = []
    problems: list[Problem] = []
    by_sha: dict[str, Document] = {}

    def report(problem: Problem) -> None:
        if strict:
            raise InputError(str(problem))
        logger.warning("%s", problem)
        problems.append(problem)

    for path in list_files(paths):
        result = load_document(path)
        if isinstance(result, Problem):
            report(result)
            continue
        if result.sha256 in by_sha:
            report(
                Problem(
                    str(path),
                    f"same bytes as {by_sha[result.sha256].path} (sha256 {result.sha256[:16]}); "
                    "skipped so its articles are not counted twice",
                )
            )
            continue
        by_sha[result.sha256] = result
        docs.append(result)
    articles: list[Article] = []
    blocks: list[Paragraph] = []
    for d in docs:
        arts, blks = segment_document(d)
        if not arts:
            report(
                Problem(
                    d.path,
                    "no article found (only page furniture or captions); "
                    "check that the file holds article text",
                )
            )
        articles.extend(arts)
        blocks.extend(blks)
    articles = mark_near_duplicates(articles)
    return Corpus(tuple(docs), tuple(articles), tuple(problems), tuple(blocks))
