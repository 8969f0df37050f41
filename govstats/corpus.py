"""Reading files into ``Document``s and holding the ``Corpus`` that later stages consume.

(First, simple version: UTF-8 only, one article per blank-line-separated file.
The corpus issue replaces the reading and the segmentation with the real thing.)
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .records import Article, Document, Paragraph, Problem, to_frame

if TYPE_CHECKING:
    import pandas as pd

logger = logging.getLogger(__name__)

__all__ = ["Corpus", "load_corpus", "list_files"]

PathLike = str | Path


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
        """Yield ``(article, paragraph)`` for article paragraphs of the given kinds."""
        kinds = set(kinds)
        for a in self.articles:
            for p in a.paragraphs:
                if p.kind in kinds and (include_duplicates or p.duplicate_of is None):
                    yield a, p

    def articles_frame(self) -> pd.DataFrame:
        """One row per article.

        Returns
        -------
        DataFrame with columns ``file, article_index, id, doc_id, title, place, date,
        source, byline, n_paragraphs, n_chars, start, end, duplicate_of``.
        """
        import pandas as pd

        rows = [
            {
                "file": a.file,
                "article_index": a.index,
                "id": a.id,
                "doc_id": a.doc_id,
                "title": a.title,
                "place": a.place,
                "date": a.date,
                "source": a.source,
                "byline": a.byline,
                "n_paragraphs": len(a.body()),
                "n_chars": sum(len(p.text) for p in a.body()),
                "start": a.start,
                "end": a.end,
                "duplicate_of": a.duplicate_of,
            }
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)

    def paragraphs_frame(self) -> pd.DataFrame:
        """One row per block (all kinds), with its file and article."""
        df = to_frame(self.blocks, kind=Paragraph, exclude=("spans",))
        names = {d.id: d.name for d in self.documents}
        df.insert(0, "file", [names.get(b.id.split("-")[0], None) for b in self.blocks])
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


def list_files(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """Expand a folder (recursively, ``*.txt``), a file, or a list of them, sorted.

    Raises
    ------
    FileNotFoundError
        At once, naming the path, when a given path does not exist.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise InputFileNotFound(f"{p}: no such file or folder (expected a .txt file or a folder of them)")
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


class InputFileNotFound(InputError, FileNotFoundError):
    """A path given to ``load_corpus`` that does not exist."""


def load_corpus(paths: PathLike | Iterable[PathLike], *, strict: bool = False) -> Corpus:
    """Read files and split them into articles.

    Parameters
    ----------
    paths : a folder (recursing into ``*.txt``), a file, or a list of them
    strict : raise ``InputError`` on the first unreadable file instead of listing it
        in ``corpus.problems``

    Returns
    -------
    Corpus
    """
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in list_files(paths):
        data = path.read_bytes()
        try:
            if not data.strip():
                raise InputError(f"{path}: empty file (expected article text)")
            text = data.decode("utf-8-sig")
        except (UnicodeDecodeError, InputError) as e:
            msg = str(e) if isinstance(e, InputError) else f"{path}: not UTF-8 text ({e.reason})"
            if strict:
                raise InputError(msg) from None
            problems.append(Problem(str(path), msg.split(": ", 1)[-1]))
            continue
        sha = hashlib.sha256(data).hexdigest()
        docs.append(Document(id=sha[:16], path=str(path), encoding="utf-8", text=text, sha256=sha))
    articles = []
    blocks = []
    for d in docs:
        aid = f"{d.id}-000"
        paras = []
        pos = 0
        for chunk in d.text.split("\n"):
            s = chunk.strip()
            if s:
                start = pos + chunk.index(s)
                paras.append(
                    Paragraph(
                        id=f"{aid}-{len(paras):03d}",
                        article_id=aid,
                        index=len(paras),
                        text=s,
                        start=start,
                        end=start + len(s),
                        spans=((start, start + len(s)),),
                    )
                )
            pos += len(chunk) + 1
        if not paras:
            continue
        articles.append(
            Article(
                id=aid,
                doc_id=d.id,
                file=d.name,
                index=0,
                title=paras[0].text,
                place=None,
                date=None,
                source=None,
                byline=None,
                start=paras[0].start,
                end=paras[-1].end,
                paragraphs=tuple(paras),
            )
        )
        blocks.extend(paras)
    return Corpus(tuple(docs), tuple(articles), tuple(problems), tuple(blocks))
