"""Error types: one ``GovstatsError`` root for domain failures, with a few subclasses.

Bad *arguments* raise the built-in ``ValueError``/``TypeError``/``FileNotFoundError``
(or a subclass that is also one of those), so callers can catch what they expect.
Every message names the thing that is wrong, the bad value, and what was expected.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "GovstatsError",
    "InputError",
    "LexiconError",
    "UnknownModelError",
    "ParameterError",
    "ReportError",
    "closest",
]


class GovstatsError(Exception):
    """Root of every error govstats raises on purpose."""


class InputError(GovstatsError):
    """A file or folder that cannot be read as articles (missing, empty, binary, undecodable)."""


class LexiconError(GovstatsError, ValueError):
    """A malformed lexicon file: the message names the file, the entry and the field."""


class UnknownModelError(GovstatsError, KeyError):
    """A governance-model name that the lexicon does not know."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ParameterError(GovstatsError, ValueError):
    """A bad parameter for a report or a CLI command."""


class ReportError(GovstatsError):
    """A notebook that failed while executing or converting."""


def closest(value: str, known: Iterable[str], *, n: int = 1) -> list[str]:
    """Return up to ``n`` names from ``known`` that look most like ``value``.

    Substring matches rank first (``楼长`` → ``楼长+``), then difflib similarity.
    """
    known = list(known)
    subs = [k for k in known if value and (value in k or k in value)]
    subs.sort(key=lambda k: (abs(len(k) - len(value)), k))
    rest = difflib.get_close_matches(value, known, n=n + len(subs), cutoff=0.3)
    out: list[str] = []
    for k in subs + rest:
        if k not in out:
            out.append(k)
    return out[:n]
