"""Records passed between stages: small frozen dataclasses with character offsets.

Every offset is a 0-based, end-exclusive index into ``Document.text`` (the decoded,
length-preservingly normalised file text), so ``doc.text[r.start:r.end] == r.surface``.
``to_frame`` turns any sequence of records into a pandas DataFrame with stable columns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported lazily: records are used in worker processes too
    import pandas as pd

__all__ = [
    "Document",
    "Paragraph",
    "Article",
    "Problem",
    "Indicator",
    "Mention",
    "Hierarchy",
    "to_frame",
    "to_dict",
]


@dataclass(frozen=True, slots=True)
class Document:
    """One input document: a text file, an HTML page, or one record of a record file.

    ``text`` is the decoded text after a length-preserving normalisation (line
    endings, full-width ASCII, traditional → simplified characters that map one to
    one), so offsets into it are offsets into the decoded file or into the record's
    text column. ``original`` keeps the decoded text as written, before the width and
    script normalisation, when they changed anything (for quoting), else ``None``.

    ``kind`` is ``page`` (a file whose articles are found by segmentation) or
    ``record`` (one story whose boundaries are known: title, date, source, place and
    url come from its columns). ``file`` is what exports call ``file``: the path
    relative to the input root, plus ``#<record id>`` for a record.
    """

    id: str
    path: str
    encoding: str
    text: str = field(repr=False)
    sha256: str
    kind: str = "page"
    file: str | None = None
    record_id: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    place: str | None = None
    url: str | None = None
    script: str = "simplified"
    original: str | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """What exports call ``file`` (default: the file name without folders)."""
        return self.file if self.file is not None else Path(self.path).name


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text inside a document.

    ``kind`` is one of ``body``, ``title``, ``kicker``, ``subtitle``, ``heading``
    (an in-article section heading), ``byline``, ``dateline`` (paper and date line,
    e.g. ``齐鲁晚报 2022年06月29日``), ``caption``, ``section`` (a lone
    A/B/C letter) or ``furniture`` (page navigation; such blocks have
    ``article_id=None``). ``spans`` lists the ``(start, end)`` source pieces of a
    paragraph that was rejoined across a page break; for an ordinary paragraph it
    is ``((start, end),)`` and ``text == doc.text[start:end]``.
    ``duplicate_of`` is the ``id`` of the earlier, identical paragraph.
    """

    id: str
    article_id: str | None
    index: int
    text: str
    start: int
    end: int
    kind: str = "body"
    duplicate_of: str | None = None
    spans: tuple[tuple[int, int], ...] = ()

    def doc_offset(self, i: int) -> int:
        """Map offset ``i`` in ``self.text`` to an offset in the document text."""
        if not self.spans:
            return self.start + i
        pos = 0
        for a, b in self.spans:
            n = b - a
            if i < pos + n or (i == pos + n and (a, b) == self.spans[-1]):
                return a + (i - pos)
            pos += n
        return self.spans[-1][1]

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None


@dataclass(frozen=True, slots=True)
class Article:
    """One article found in a document, with its metadata and paragraphs."""

    id: str
    doc_id: str
    file: str
    index: int
    title: str
    place: str | None
    date: str | None
    source: str | None
    byline: str | None
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...] = field(repr=False)
    kicker: str | None = None
    subtitle: str | None = None
    duplicate_of: str | None = None
    city: str | None = None
    province: str | None = None
    date_precision: str | None = None
    url: str | None = None

    def body(self, *, include_duplicates: bool = False) -> list[Paragraph]:
        """Body paragraphs (no title/byline/caption), optionally with duplicates."""
        return [
            p
            for p in self.paragraphs
            if p.kind == "body" and (include_duplicates or p.duplicate_of is None)
        ]

    @property
    def text(self) -> str:
        """Title plus body text, paragraphs separated by newlines (duplicates left out)."""
        return "\n".join([self.title, *(p.text for p in self.body())])


@dataclass(frozen=True, slots=True)
class Problem:
    """A path or record that could not be used (or only partly), and why.

    ``kind`` names the class of problem (``unreadable``, ``not-regular``,
    ``too-large``, ``truncated-utf8``, ``duplicate-id``, ``no-article`` …) so a
    problems table can be grouped; ``message`` says what is wrong and the fix.
    """

    path: str
    message: str
    kind: str = "unreadable"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One numeric claim: value, range, unit, qualifier, subject, time scope, provenance."""

    file: str
    article_id: str
    article_index: int
    paragraph_index: int
    start: int
    end: int
    surface: str
    context: str
    value: float
    value_max: float | None
    unit: str | None
    qualifier: str
    subject: str | None
    time_scope: str | None
    place: str | None
    duplicate: bool = False
    #: a rate or rule: the unit it applies to (每个网格配备1名网格员 -> 网格), else None
    per: str | None = None
    #: 'before' / 'after' for the two figures of a change (从5320张压减至196张), else None
    pair_role: str | None = None
    #: the verb of a figure that is an amount of change (比上年增加200亿元 -> 增加), else None
    change: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A governance-model alias found in the text.

    ``kind`` is ``"model"`` when the text names the model itself (楼长制, 四级治理体系) and
    ``"role"`` when it names only a role or unit that belongs to it (楼栋长, 网格员).
    """

    model_id: str
    alias: str
    surface: str
    file: str
    article_id: str
    article_index: int
    paragraph_index: int
    start: int
    end: int
    duplicate: bool = False
    kind: str = "model"


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """A stated multi-level organisation structure, top level first.

    ``counts`` pairs each level with the number the article gives for it (or ``None``).
    """

    file: str
    article_id: str
    article_index: int
    start: int
    end: int
    levels: tuple[str, ...]
    n_levels_claimed: int | None
    model_id: str | None
    counts: tuple[tuple[str, float | None], ...] = ()
    surface: str = ""

    @property
    def counts_dict(self) -> dict[str, float | None]:
        return dict(self.counts)

    def ratios(self) -> list[tuple[str, str, float]]:
        """Span of control between adjacent levels that both have counts."""
        out = []
        for (upper, a), (lower, b) in zip(self.counts, self.counts[1:]):
            if a and b:
                out.append((upper, lower, b / a))
        return out


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict (tuples of pairs stay tuples; use ``json`` helpers to export)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def to_frame(
    records: Iterable[Any], *, kind: type | None = None, exclude: Sequence[str] = ()
) -> pd.DataFrame:
    """Turn records into a DataFrame whose columns are the record's fields, in order.

    Parameters
    ----------
    records : iterable of dataclass records (all of one type)
    kind : the record type, needed to name the columns when ``records`` is empty
    exclude : field names to leave out (e.g. ``("text",)`` or ``("paragraphs",)``)

    Returns
    -------
    pandas.DataFrame
        One row per record, one column per field.
    """
    import pandas as pd

    records = list(records)
    cls = kind or (type(records[0]) if records else None)
    cols = [f.name for f in dataclasses.fields(cls)] if cls else []
    cols = [c for c in cols if c not in exclude]
    rows = [[getattr(r, c) for c in cols] for r in records]
    return pd.DataFrame(rows, columns=cols)
