"""Dates of documents and articles: from a record's column, else from the text.

A date is an ISO string whose length says its precision: ``2020-01-28`` (day),
``2020-01`` (month) or ``2020`` (year). :func:`parse_date` reads a column value
(``2020-01-28``, ``2020/1/28``, ``20200128``, ``2020-01``, ``2020``, a
``datetime``/``date``, an ISO timestamp); :func:`find_date` looks for a dated lead
(``新华社北京2020年1月28日电``, ``2020年1月28日，…``) at the start of a text.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["parse_date", "find_date", "precision"]

_COLUMN = re.compile(
    r"\s*((?:1[89]|20)\d{2})(?:[-/.年]\s*(\d{1,2})(?:[-/.月]\s*(\d{1,2})日?)?月?)?"
    r"(?:[T\s].*)?\s*"
)
_COMPACT = re.compile(r"\s*((?:1[89]|20)\d{2})(\d{2})(\d{2})\s*")
_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def precision(date: str | None) -> str | None:
    """``day``, ``month`` or ``year`` for an ISO date string (None for None)."""
    if not date:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


def _iso(y: int, m: int | None, d: int | None) -> str | None:
    try:
        if d is not None and m is not None:
            return _dt.date(y, m, d).isoformat()
        if m is not None:
            _dt.date(y, m, 1)
            return f"{y:04d}-{m:02d}"
    except ValueError:
        return None
    return f"{y:04d}"


def parse_date(value: object) -> str | None:
    """A column value as an ISO date (day, month or year precision), else None.

    ``None``, empty strings, NaN and values that are not dates give None: a bad
    date column never stops a run.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value:  # NaN
            return None
        value = str(int(value)) if float(value).is_integer() else str(value)
    if not isinstance(value, str):
        value = str(value)
    m = _COMPACT.fullmatch(value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _COLUMN.fullmatch(value)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    return _iso(y, mo, d)


def find_date(text: str, *, within: int = 60) -> tuple[str, int, int] | None:
    """A full or month date in the first ``within`` characters of ``text``.

    Returns
    -------
    (date, start, end) or None
        ``text[start:end]`` is the date as written (``2020年1月28日``); ``date`` is its
        ISO form (``2020-01-28``, or ``2020-01`` without a day).
    """
    m = _TEXT.search(text, 0, within + 12)
    if m is None or m.start() > within:
        return None
    iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return (iso, m.start(), m.end()) if iso else None
