"""Choosing the number of topic clusters: candidate k, the scores, and the rule.

The rule (``choose_k``) prefers **fewer, stable** clusters:

1. k is bounded by the corpus: at most ``sqrt(n / 2)`` clusters for ``n`` units (the
   classic rule of thumb; 148 seed paragraphs → 8, 617 development-corpus articles → 17),
   and within ``k_range``;
2. each candidate gets its silhouette (cosine, in the space k-means clusters) and its
   stability (mean adjusted Rand index of re-fits on 80 % subsamples with other seeds);
3. ``score = silhouette × stability``: high only where the clusters are both separated
   and reproducible (silhouette alone when stability is off, ``n_resamples=0``);
4. the chosen k is the **smallest** k whose score is within ``tolerance`` (10 %) of the
   best score: a larger k must be clearly better, not just as good, to be chosen.

Silhouette alone keeps rising with k on small, varied corpora (on the seeds it peaked at
k = 36 of 40 for 148 paragraphs, i.e. about two clusters per article), which is why it is
not used on its own.

The search is made cheap (``search_k``): above ``search_size`` units it runs on a seeded
random sample of that many units, with 3 k-means restarts per k and a silhouette on at most
2 000 units; only the chosen k is then fitted on every unit with the full restarts. All
random steps are seeded from ``random_state``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score, silhouette_score

__all__ = ["k_candidates", "k_bound", "choose_k", "search_k", "TOLERANCE"]

#: ``choose_k`` takes the smallest k whose score is at least (1 - TOLERANCE) × the best.
TOLERANCE = 0.10


def k_bound(n: int) -> int:
    """The largest k worth trying on ``n`` units: ``floor(sqrt(n / 2))``, at least 2."""
    return max(2, int(math.sqrt(max(n, 0) / 2)))


def k_candidates(k_range: tuple[int, int], n: int) -> list[int]:
    """The k values ``k="auto"`` tries: every k up to 10, then steps of about 25 %.

    The upper end is ``min(k_range[1], n - 1, k_bound(n))``; both ends are always tried.

    Parameters
    ----------
    k_range : ``(low, high)``, inclusive
    n : number of units

    Returns
    -------
    list of int, ascending
    """
    lo, hi = k_range
    hi = min(hi, n - 1, max(lo, k_bound(n)))
    if hi < lo:
        return [max(2, min(lo, n - 1))]
    ks = set(range(lo, min(hi, 10) + 1)) | {lo, hi}
    g = 10.0
    while round(g) < hi:
        g *= 1.25
        if lo <= round(g) < hi:
            ks.add(round(g))
    return sorted(ks)


def choose_k(scores: list[tuple], *, tolerance: float = TOLERANCE) -> tuple[int, list[float]]:
    """Apply the rule to ``(k, silhouette, stability, …)`` rows.

    ``score = silhouette × stability`` (silhouette alone where stability is NaN, i.e. off);
    the chosen k is the smallest whose score is at least ``(1 - tolerance)`` × the best.
    A negative or NaN score is never chosen while a positive one exists.

    Returns
    -------
    (chosen k, score of each row)
    """
    ks = [r[0] for r in scores]
    sil = np.array([r[1] for r in scores], dtype=float)
    stab = np.array([r[2] for r in scores], dtype=float)
    score = np.where(np.isfinite(stab), sil * np.clip(stab, 0.0, None), sil)
    score = np.round(np.nan_to_num(score, nan=-np.inf), 12)
    best = float(score.max())
    if not np.isfinite(best):
        return ks[0], [float("nan")] * len(ks)
    cut = best - tolerance * abs(best)
    chosen = min(k for k, s in zip(ks, score) if s >= cut - 1e-12)
    return chosen, [float(s) if np.isfinite(s) else float("nan") for s in score]


def _stability(
    Xm: Any, labels: np.ndarray, k: int, rs: int, make: Callable, n_resamples: int
) -> float:
    """Mean ARI between ``labels`` and single-restart re-fits on random 80 % subsamples."""
    n = Xm.shape[0]
    if n_resamples <= 0 or n < 2 * k + 2:
        return float("nan")
    aris = []
    for b in range(n_resamples):
        rng = np.random.default_rng([rs, k, b])
        idx = np.sort(rng.choice(n, size=max(k + 1, int(0.8 * n)), replace=False))
        km = make(k, rs + 1 + b, len(idx), 1).fit(Xm[idx])
        aris.append(adjusted_rand_score(labels, km.predict(Xm)))
    return round(float(np.mean(aris)), 12)


def search_k(
    Xm: Any,
    ks: list[int],
    *,
    make: Callable[[int, int, int, Any], Any],
    random_state: int,
    n_resamples: int,
    search_size: int = 2000,
    silhouette_size: int = 2000,
) -> list[tuple[int, float, float, float]]:
    """Score every k in ``ks`` on (a sample of) the rows of ``Xm``.

    Parameters
    ----------
    make : ``make(k, seed, n_rows, n_init)`` → an unfitted k-means estimator
    search_size : rows above which the search runs on a seeded sample of this many
    silhouette_size : rows the silhouette is computed on (a seeded sample above it)

    Returns
    -------
    list of ``(k, silhouette, stability, inertia)`` (inertia of the search fit)
    """
    n = Xm.shape[0]
    rs = int(random_state)
    if n > search_size:
        idx = np.sort(np.random.default_rng([rs, n]).choice(n, size=search_size, replace=False))
        Xs = Xm[idx]
    else:
        Xs = Xm
    m = Xs.shape[0]
    rows = []
    for k in ks:
        if k >= m:
            continue
        km = make(k, rs, m, 3).fit(Xs)
        labels = km.labels_
        if len(np.unique(labels)) > 1:
            sil = float(
                silhouette_score(
                    Xs,
                    labels,
                    metric="cosine",
                    sample_size=silhouette_size if silhouette_size < m else None,
                    random_state=rs,
                )
            )
        else:
            sil = float("nan")
        stab = _stability(Xs, labels, k, rs, make, n_resamples)
        rows.append((k, round(sil, 12), stab, float(km.inertia_)))
    return rows
