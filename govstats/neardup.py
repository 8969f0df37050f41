"""Near-duplicate articles across a corpus: character shingles, MinHash, LSH banding.

:func:`mark_near_duplicates` flags reprints (an article whose text is nearly the
same as an earlier one's); the pipeline uses the same pieces as a map (per-article
:func:`near_duplicate_features`) and a reduce (:func:`near_duplicate_roots`), so a
corpus of 10^5 documents never needs every text in memory.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import logging
import re
from collections.abc import Callable, Sequence

import numpy as np

from .records import Article

logger = logging.getLogger(__name__)

_WS = re.compile(r"\s+")

__all__ = [
    "mark_near_duplicates",
    "shingle_hashes",
    "jaccard",
    "near_duplicate_text",
    "near_duplicate_signature",
    "near_duplicate_features",
    "near_duplicate_roots",
]

# ---------------------------------------------------------------------------
# step 3: near-duplicate articles across the corpus

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads polynomial shingle hashes over 64 bits."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def _shingle_values(s: str, k: int) -> np.ndarray:
    """Mixed 64-bit hashes of every ``k``-character shingle of ``s`` (repeats kept)."""
    cp = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    m = len(cp) - k + 1
    h = cp[:m].copy()
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for j in range(1, k):
            h *= base
            h += cp[j : j + m]
        return _mix64(h)


def shingle_hashes(text: str, *, k: int = 5) -> np.ndarray:
    """Sorted unique 64-bit hashes of the ``k``-character shingles of ``text`` (whitespace removed).

    Deterministic across processes (no use of Python's salted ``hash``).

    Parameters
    ----------
    text : any text
    k : shingle length in characters

    Returns
    -------
    numpy.ndarray of uint64
    """
    s = _WS.sub("", text)
    if len(s) < k:
        return np.empty(0, dtype=np.uint64)
    return np.unique(_shingle_values(s, k))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    if len(a) == 0:
        return 0.0
    pos = np.searchsorted(b, a)
    np.minimum(pos, len(b) - 1, out=pos)
    inter = int(np.count_nonzero(b[pos] == a))
    return inter / (len(a) + len(b) - inter)


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash multipliers (odd) and offsets, fixed by ``seed``."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def _minhash(h: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int = 32) -> np.ndarray:
    """MinHash signature (multiply-shift hashing, the high 32 bits) of hash set ``h``, as uint32.

    Repeated values in ``h`` do not change it. The shift is monotone, so it is taken
    once on the minima; ``chunk`` permutations at a time keep the work in cache.
    """
    out = np.empty(len(a), dtype=np.uint64)
    if len(h) == 0:
        out.fill(np.iinfo(np.uint64).max)
    else:
        buf = np.empty((min(chunk, len(a)), len(h)), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for s in range(0, len(a), chunk):
                v = buf[: len(a[s : s + chunk])]
                np.multiply(a[s : s + chunk, None], h[None, :], out=v)
                v += b[s : s + chunk, None]
                v.min(axis=1, out=out[s : s + chunk])
    return (out >> np.uint64(32)).astype(np.uint32)


def near_duplicate_text(article: Article) -> str:
    """What :func:`mark_near_duplicates` compares: the non-duplicate body paragraphs, joined."""
    return "".join(p.text for p in article.body())


def near_duplicate_features(
    text: str,
    *,
    k: int = 5,
    num_perm: int = 128,
    min_chars: int = 30,
    seed: int = 20240601,
) -> tuple[np.ndarray, np.ndarray]:
    """An article's MinHash signature and its shingle set, from one shingling (a map step).

    Returns
    -------
    (numpy.ndarray of uint32, numpy.ndarray of uint64)
        :func:`near_duplicate_signature` and :func:`shingle_hashes` of ``text``; both
        empty when the text is too short to be compared.
    """
    s = _WS.sub("", text)
    if len(s) < max(min_chars, k):
        return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.uint64)
    h = np.unique(_shingle_values(s, k))
    a, b = _permutations(num_perm, seed)
    return _minhash(h, a, b), h


def near_duplicate_signature(
    text: str,
    *,
    k: int = 5,
    num_perm: int = 128,
    min_chars: int = 30,
    seed: int = 20240601,
) -> np.ndarray:
    """MinHash signature of ``text`` for :func:`mark_near_duplicates` (a per-article map step).

    Parameters
    ----------
    text : an article's :func:`near_duplicate_text`
    k, num_perm, min_chars, seed : as for :func:`mark_near_duplicates` (use the same values)

    Returns
    -------
    numpy.ndarray of uint32
        ``num_perm`` values (``.tobytes()`` ships it compactly), or an empty array when
        the text (whitespace removed) is shorter than ``max(min_chars, k)``: such an
        article is never compared.
    """
    s = _WS.sub("", text)
    if len(s) < max(min_chars, k):
        return np.empty(0, dtype=np.uint32)
    a, b = _permutations(num_perm, seed)
    return _minhash(_shingle_values(s, k), a, b)


def _as_signature(sig: np.ndarray | bytes | bytearray | memoryview) -> np.ndarray:
    if isinstance(sig, np.ndarray):
        return sig.astype(np.uint32, copy=False).ravel()
    return np.frombuffer(sig, dtype=np.uint32)


def _band_candidates(sigs: np.ndarray, bands: int) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs ``(x, y)``, ``x < y``, of ``sigs`` equal on every value of at least one band.

    Each band is hashed to one uint64 and grouped by sorting; pairs of a group are
    then checked on the band's values themselves, so a hash collision never adds a pair.
    The pairs come as two int64 arrays, sorted by ``x`` then ``y``, without repeats.
    """
    n, num_perm = sigs.shape
    rows = num_perm // bands
    if n < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    sb = sigs.reshape(n, bands, rows)
    key = np.zeros((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            key = _mix64(
                key * np.uint64(0x9E3779B97F4A7C15) + sb[:, :, r].astype(np.uint64) + np.uint64(1)
            )
    codes = [np.empty(0, dtype=np.int64)]
    for band in range(bands):
        kb = key[:, band]
        order = np.argsort(kb, kind="stable")
        sk = kb[order]
        same = sk[1:] == sk[:-1]
        if not same.any():
            continue
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        sizes = np.diff(np.append(starts, n))
        vals = sb[:, band]
        for g in np.unique(sizes[sizes >= 2]).tolist():  # groups of g members at once
            members = order[starts[sizes == g][:, None] + np.arange(g)]
            members.sort(axis=1)
            iu, ju = np.triu_indices(g, 1)
            xs, ys = members[:, iu].ravel(), members[:, ju].ravel()
            ok = (vals[xs] == vals[ys]).all(axis=1)
            codes.append(xs[ok].astype(np.int64) * n + ys[ok])
    code = np.unique(np.concatenate(codes))
    return code // n, code % n


#: Reprint tests beyond the Jaccard threshold, from reading flagged pairs of the 74,529-story
#: 新闻联播 archive (bench/nd_verdicts.json, bench/README.md). A reprint keeps at least 80 % of
#: the shorter text's shingles; one outlet storing its own story again keeps it whole — in two
#: samples of 30 flagged pairs every true reprint kept ≥ 99 %, while template stories of one
#: outlet (the next 评论员文章 of a series, another day's bulletin, the notice of another live
#: broadcast) shared 50–88 % — so within one named source the bar is 95 %; a reprint in
#: another paper may rewrite a paragraph (the seeds' 聊城晚报 reprint). And a reprint appears
#: within a month of its original: the same template a year later is a new event.
CONTAINMENT = 0.8
SAME_SOURCE_CONTAINMENT = 0.95
MAX_DAYS = 31


def _day(date: str | None) -> int | None:
    """A ``YYYY-MM-DD…`` date as a day number; ``None`` for anything else."""
    if not date or len(date) < 10:
        return None
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _near_in_time(a: int | None, b: int | None, max_days: int) -> bool:
    return a is None or b is None or abs(a - b) <= max_days


def near_duplicate_roots(
    signatures: Sequence[np.ndarray | bytes],
    shingles: Callable[[int], np.ndarray],
    *,
    threshold: float = 0.5,
    bands: int = 32,
    containment: float = CONTAINMENT,
    dates: Sequence[str | None] | None = None,
    max_days: int | None = MAX_DAYS,
    sources: Sequence[str | None] | None = None,
    same_source_containment: float = SAME_SOURCE_CONTAINMENT,
) -> list[int]:
    """Group near-duplicates from MinHash signatures: each item's group's earliest member.

    LSH banding over the signatures proposes candidate pairs; only for those are the
    shingle sets fetched (``shingles(i)``, so they can live on disk or be recomputed),
    and a pair is kept when its exact shingle Jaccard reaches ``threshold``, at least
    ``containment`` of the smaller set is in the larger (``same_source_containment`` when
    both items name the same source), and (when both are dated) the two are at most
    ``max_days`` apart. Groups are the connected components of the kept pairs.

    Parameters
    ----------
    signatures : per item, its :func:`near_duplicate_signature` (array or its bytes;
        empty: never compared)
    shingles : gives item ``i``'s :func:`shingle_hashes` (of its near-duplicate text);
        called for items of candidate pairs only
    threshold, bands, containment, max_days, same_source_containment : as for
        :func:`mark_near_duplicates`
    sources : per item, the source (outlet) it names, or ``None``; ``None``: unknown for all
    dates : per item, its date (``YYYY-MM-DD…``; anything shorter or unreadable, or
        ``None``, puts no bound on its pairs); ``None``: no date bound at all

    Returns
    -------
    list of int
        Per item, the index of the earliest item of its group (itself when it has no
        near-duplicate before it).
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold={threshold} must be in (0, 1]")
    for name, v in (
        ("containment", containment),
        ("same_source_containment", same_source_containment),
    ):
        if not 0 <= v <= 1:
            raise ValueError(f"{name}={v} must be in [0, 1]")
    days = [_day(d) for d in dates] if dates is not None and max_days is not None else None
    sigs = [_as_signature(s) for s in signatures]
    idx = [i for i, s in enumerate(sigs) if len(s)]
    parent = list(range(len(sigs)))
    if len(idx) < 2:
        return parent
    num_perm = len(sigs[idx[0]])
    if num_perm % bands or any(len(sigs[i]) != num_perm for i in idx):
        raise ValueError(
            f"signatures must all hold the same number of values, a multiple of bands={bands}; "
            "make them with near_duplicate_signature(..., num_perm=...) using one num_perm"
        )
    mat = np.stack([sigs[i] for i in idx])
    sigs = None  # freed (not ``del``: a nested scope used the name, which Cython refuses)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    xs, ys_all = _band_candidates(mat, bands)
    xs, ys_all = _plausible_pairs(mat, xs, ys_all, floor=threshold / 2)
    del mat
    # the pairs come sorted: each item is compared with all its later candidates at once
    cuts = np.flatnonzero(np.diff(xs)) + 1
    for lo, hi in zip([0, *cuts.tolist()], [*cuts.tolist(), len(xs)]):
        if lo == hi:
            continue
        gx = idx[int(xs[lo])]
        ys = [idx[y] for y in ys_all[lo:hi].tolist() if find(idx[y]) != find(gx)]
        if not ys:
            continue
        hx = shingles(gx)
        hys = [shingles(y) for y in ys]
        for y, hy, inter in zip(ys, hys, _intersection_sizes(hx, hys)):
            # the exact Jaccard, computed as jaccard() does, then the share of the smaller set
            same = sources is not None and sources[gx] is not None and sources[gx] == sources[y]
            if (
                inter / (len(hx) + len(hy) - inter) >= threshold
                and inter / min(len(hx), len(hy))
                >= (same_source_containment if same else containment)
                and (days is None or _near_in_time(days[gx], days[y], max_days))
            ):
                rx, ry = find(gx), find(y)
                parent[max(rx, ry)] = min(rx, ry)
    return [find(i) for i in range(len(parent))]


def _plausible_pairs(
    sigs: np.ndarray, xs: np.ndarray, ys: np.ndarray, *, floor: float, chunk: int = 16384
) -> tuple[np.ndarray, np.ndarray]:
    """Drop candidate pairs whose signatures agree on less than ``floor`` of their values.

    The share of equal MinHash values estimates the Jaccard similarity with a standard
    error of about ``sqrt(J(1-J)/num_perm)`` (≈ 0.044 at J = 0.5, 128 values); at
    ``floor = threshold / 2`` a pair that truly reaches the threshold would have to be
    underestimated by more than five standard errors to be dropped. Band collisions
    of unrelated articles (articles sharing a paragraph or two) are the bulk of the
    candidates, and this spares them the exact shingle check.
    """
    keep = np.empty(len(xs), dtype=bool)
    for lo in range(0, len(xs), chunk):
        a, b = sigs[xs[lo : lo + chunk]], sigs[ys[lo : lo + chunk]]
        keep[lo : lo + chunk] = (a == b).mean(axis=1) >= floor
    return xs[keep], ys[keep]


_FILTER_BITS = 18


def _intersection_sizes(a: np.ndarray, others: list[np.ndarray]) -> list[int]:
    """``len(intersect(a, o))`` for each sorted unique hash array ``o`` (``a`` non-empty).

    A table over the low bits of ``a`` rules out most values at once; only the few
    that pass are looked up exactly.
    """
    mask = np.uint64((1 << _FILTER_BITS) - 1)
    table = np.zeros(1 << _FILTER_BITS, dtype=bool)
    table[(a & mask).astype(np.intp)] = True
    cat = np.concatenate(others)
    maybe = np.flatnonzero(table[(cat & mask).astype(np.intp)])
    vals = cat[maybe]
    pos = np.searchsorted(a, vals)
    np.minimum(pos, len(a) - 1, out=pos)
    found = maybe[a[pos] == vals]
    ends = np.cumsum([len(o) for o in others])
    return np.bincount(np.searchsorted(ends, found, side="right"), minlength=len(others)).tolist()


def mark_near_duplicates(
    articles: Sequence[Article],
    *,
    threshold: float = 0.5,
    k: int = 5,
    num_perm: int = 128,
    bands: int = 32,
    min_chars: int = 30,
    seed: int = 20240601,
    signatures: Sequence[np.ndarray | bytes] | None = None,
    containment: float = CONTAINMENT,
    max_days: int | None = MAX_DAYS,
    same_source_containment: float = SAME_SOURCE_CONTAINMENT,
) -> list[Article]:
    """Flag articles that reprint an earlier article (``Article.duplicate_of``).

    Each article's body (duplicate paragraphs left out, whitespace removed) is cut
    into ``k``-character shingles; MinHash signatures with LSH banding propose
    candidate pairs and the exact shingle Jaccard of those pairs decides (only
    candidates are re-shingled: no shingle set is kept per article). Groups of near-duplicates
    point at their earliest member in the given (corpus) order.

    Parameters
    ----------
    articles : the corpus's articles, in corpus order
    threshold : minimum Jaccard similarity of two articles' shingle sets
    containment : minimum share of the smaller shingle set found in the larger
    same_source_containment : the same for two articles naming one source (``Article.source``)
    max_days : two dated articles further apart than this are never reprints (``None``:
        no bound); an undated article, or one dated only to the month or year, has none
    k : shingle length in characters
    num_perm : MinHash permutations; must be a multiple of ``bands``
    bands : LSH bands (``num_perm // bands`` rows each)
    min_chars : articles with a shorter body are never flagged
    seed : fixes the MinHash permutations (the result is deterministic)
    signatures : per article, its :func:`near_duplicate_signature` (made with the same
        ``k``, ``num_perm``, ``min_chars`` and ``seed``), e.g. computed in worker
        processes; computed here when not given

    Returns
    -------
    list of Article
        The same articles (new objects where ``duplicate_of`` changed), same order.
    """
    if num_perm % bands:
        raise ValueError(f"num_perm={num_perm} must be a multiple of bands={bands}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold={threshold} must be in (0, 1]")
    if signatures is None:
        signatures = [
            near_duplicate_signature(
                near_duplicate_text(art), k=k, num_perm=num_perm, min_chars=min_chars, seed=seed
            )
            for art in articles
        ]
    elif len(signatures) != len(articles):
        raise ValueError(
            f"{len(signatures)} signatures for {len(articles)} articles: "
            "pass one near_duplicate_signature per article, in the same order"
        )
    roots = near_duplicate_roots(
        signatures,
        functools.lru_cache(maxsize=4096)(
            lambda i: shingle_hashes(near_duplicate_text(articles[i]), k=k)
        ),
        threshold=threshold,
        bands=bands,
        containment=containment,
        dates=[art.date for art in articles],
        max_days=max_days,
        sources=[art.source for art in articles],
        same_source_containment=same_source_containment,
    )
    out = []
    for i, art in enumerate(articles):
        root = roots[i]
        dup = articles[root].id if root != i else None
        out.append(art if art.duplicate_of == dup else dataclasses.replace(art, duplicate_of=dup))
    return out
