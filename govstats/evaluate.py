"""Scoring extracted indicators against a hand-made gold file.

Rows are matched on ``(file, value, value_max, unit)`` as a multiset; inside one key the
pairs are chosen greedily by closest ``start`` offset. Precision and recall count matched
rows; ``subject``, ``qualifier`` and ``time_scope`` are then compared on matched pairs.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["IndicatorScore", "score_indicators", "load_gold_indicators", "lenient_equal"]

_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」 \u3000")


def load_gold_indicators(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold ``indicators.jsonl`` (one JSON object per line)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{no}: not a JSON object ({e.msg})") from None
    return rows


def _norm(s: Any) -> str | None:
    if s is None:
        return None
    s = str(s).translate(_QUOTES)
    return s or None


def lenient_equal(a: str | None, b: str | None) -> bool:
    """Equal after dropping quotes and spaces, or one contains the other (both non-empty)."""
    a, b = _norm(a), _norm(b)
    if a is None or b is None:
        return a is None and b is None
    return a == b or a in b or b in a


def _get(r: Any, k: str) -> Any:
    return r[k] if isinstance(r, Mapping) else getattr(r, k)


def _key(r: Any) -> tuple:
    vmax = _get(r, "value_max")
    return (
        _get(r, "file"),
        round(float(_get(r, "value")), 6),
        None if vmax is None else round(float(vmax), 6),
        _get(r, "unit"),
    )


@dataclass
class IndicatorScore:
    """Precision/recall and attribute accuracies of one comparison."""

    n_pred: int
    n_gold: int
    n_matched: int
    subject_exact: float
    subject_lenient: float
    qualifier: float
    time_scope: float
    time_scope_lenient: float
    false_positives: list[Any] = field(default_factory=list, repr=False)
    false_negatives: list[Any] = field(default_factory=list, repr=False)
    pairs: list[tuple[Any, Any]] = field(default_factory=list, repr=False)

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "subject_exact": round(self.subject_exact, 4),
            "subject_lenient": round(self.subject_lenient, 4),
            "qualifier": round(self.qualifier, 4),
            "time_scope": round(self.time_scope, 4),
            "time_scope_lenient": round(self.time_scope_lenient, 4),
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "n_matched": self.n_matched,
        }


def score_indicators(pred: Iterable[Any], gold: Iterable[Any]) -> IndicatorScore:
    """Match predicted indicators (records or dicts) to gold rows and score them.

    Parameters
    ----------
    pred, gold : iterables of ``Indicator`` records or dicts with the indicator keys

    Returns
    -------
    IndicatorScore
        Counts, precision/recall, and on matched pairs the share with the same
        ``subject`` (exact and lenient, see ``lenient_equal``), ``qualifier`` and
        ``time_scope`` (exact, and lenient after dropping quotes).
    """
    pred, gold = list(pred), list(gold)
    by_p: dict[tuple, list[Any]] = defaultdict(list)
    by_g: dict[tuple, list[Any]] = defaultdict(list)
    for r in pred:
        by_p[_key(r)].append(r)
    for r in gold:
        by_g[_key(r)].append(r)
    pairs: list[tuple[Any, Any]] = []
    fp: list[Any] = []
    fn: list[Any] = []
    for k in sorted(set(by_p) | set(by_g), key=repr):
        ps, gs = by_p.get(k, []), by_g.get(k, [])
        cand = sorted(
            (abs(_get(p, "start") - _get(g, "start")), i, j)
            for i, p in enumerate(ps)
            for j, g in enumerate(gs)
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        for _, i, j in cand:
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                pairs.append((ps[i], gs[j]))
        fp.extend(p for i, p in enumerate(ps) if i not in used_p)
        fn.extend(g for j, g in enumerate(gs) if j not in used_g)
    n = len(pairs)

    def share(ok: Iterable[bool]) -> float:
        ok = list(ok)
        return sum(ok) / len(ok) if ok else 1.0

    return IndicatorScore(
        n_pred=len(pred),
        n_gold=len(gold),
        n_matched=n,
        subject_exact=share(_get(p, "subject") == _get(g, "subject") for p, g in pairs),
        subject_lenient=share(
            lenient_equal(_get(p, "subject"), _get(g, "subject")) for p, g in pairs
        ),
        qualifier=share(_get(p, "qualifier") == _get(g, "qualifier") for p, g in pairs),
        time_scope=share(_get(p, "time_scope") == _get(g, "time_scope") for p, g in pairs),
        time_scope_lenient=share(
            _norm(_get(p, "time_scope")) == _norm(_get(g, "time_scope")) for p, g in pairs
        ),
        false_positives=fp,
        false_negatives=fn,
        pairs=pairs,
    )
