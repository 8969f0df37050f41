"""MinHash shingles and signatures for the near-duplicate pass, compiled with Numba.

The same values as the reference implementation in :mod:`govstats.neardup`
(``near_duplicate_features``, ``shingle_hashes``, ``_band_candidates``), bit for bit,
so the flagged near-duplicates do not change; only faster:

* **Shingles.** ``k``-character shingles of the whitespace-free text, each a
  polynomial hash of its code points (base 1,000,003, mod 2**64) mixed by the
  splitmix64 finaliser; the set is sorted and unique (uint64).
* **Signature.** For each of ``num_perm`` seeded permutations ``(a, b)`` (``a``
  odd), the minimum over the set of ``(a * h + b) mod 2**64``, its high 32 bits
  (uint32). The multiply-add-min over every (permutation, shingle) pair is almost
  all of the cost; it runs in a Numba kernel, one permutation at a time, whose
  branch-free min over the shingles the compiler vectorises (AVX-512/AVX2 where the
  CPU has them), many times NumPy's broadcast ``uint64`` multiply, which is scalar.

The LSH banding over the signatures stays in ``neardup`` (``_band_candidates``, one
NumPy sort per band): 0.06 s for the 10,098 articles of 10,000 新闻联播 stories, so
there is nothing to gain by compiling it (a lexicographic-sort variant measured 2x
slower and was dropped).

Without Numba (or with ``GOVSTATS_MINHASH=numpy`` in the environment) every function
falls back to batched NumPy code giving the same arrays. The kernels are compiled on
first use and cached on disk by Numba (``__pycache__``, or ``NUMBA_CACHE_DIR``).

Entry points: :func:`features` (one text: signature and shingle set, a drop-in for
``segment.near_duplicate_features``), :func:`features_many` (a batch of texts at once),
:func:`signature`, :func:`signatures_many`, :func:`shingle_set`.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Sequence

import numpy as np

__all__ = [
    "BACKEND",
    "features",
    "features_many",
    "signature",
    "signatures_many",
    "shingle_set",
    "permutations",
]

K = 5
NUM_PERM = 128
MIN_CHARS = 30
SEED = 20240601
_BASE = 1_000_003
_MAX64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_EMPTY_SIG = np.empty(0, dtype=np.uint32)
_EMPTY_SH = np.empty(0, dtype=np.uint64)


def _want_numba() -> bool:
    return os.environ.get("GOVSTATS_MINHASH", "").strip().lower() != "numpy"


try:
    if not _want_numba():
        raise ImportError("GOVSTATS_MINHASH=numpy")
    import numba as _nb
except ImportError:
    _nb = None

#: which implementation runs: ``"numba"`` or ``"numpy"`` (same output)
BACKEND = "numba" if _nb is not None else "numpy"


@functools.lru_cache(maxsize=8)
def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash multipliers (odd) and offsets for ``seed`` (those of ``segment``)."""
    if not isinstance(num_perm, int) or num_perm < 1:
        raise ValueError(f"num_perm={num_perm!r}: expected a positive int")
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    a.flags.writeable = b.flags.writeable = False
    return a, b


# ----------------------------------------------------------------------------- NumPy


def _mix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def _np_signatures(
    sets: Sequence[np.ndarray], a: np.ndarray, b: np.ndarray, chunk: int = 16
) -> np.ndarray:
    """Signatures of non-empty hash sets, all at once: ``(len(sets), num_perm)`` uint32."""
    cat = np.concatenate(sets)
    starts = np.cumsum([0] + [len(s) for s in sets[:-1]])
    out = np.empty((len(sets), len(a)), dtype=np.uint64)
    buf = np.empty((min(chunk, len(a)), len(cat)), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for s in range(0, len(a), chunk):
            v = buf[: len(a[s : s + chunk])]
            np.multiply(a[s : s + chunk, None], cat[None, :], out=v)
            v += b[s : s + chunk, None]
            out[:, s : s + chunk] = np.minimum.reduceat(v, starts, axis=1).T
    return (out >> np.uint64(32)).astype(np.uint32)


# ----------------------------------------------------------------------------- Numba

if _nb is not None:
    _u64 = _nb.uint64

    @_nb.njit(cache=True, nogil=True)
    def _nb_shingle_values(cp, cp_ends, k):  # pragma: no cover - compiled
        """Mixed shingle hashes (repeats kept) of texts concatenated in ``cp``."""
        n = cp_ends.shape[0]
        total = 0
        lo = 0
        for r in range(n):
            total += max(cp_ends[r] - lo - k + 1, 0)
            lo = cp_ends[r]
        out = np.empty(total, dtype=np.uint64)
        ends = np.empty(n, dtype=np.int64)
        base = _u64(_BASE)
        lo = 0
        pos = 0
        for r in range(n):
            hi = cp_ends[r]
            for i in range(lo, hi - k + 1):
                x = _u64(cp[i])
                for j in range(1, k):
                    x = x * base + _u64(cp[i + j])
                x = x ^ (x >> _u64(30))
                x = x * _u64(0xBF58476D1CE4E5B9)
                x = x ^ (x >> _u64(27))
                x = x * _u64(0x94D049BB133111EB)
                out[pos] = x ^ (x >> _u64(31))
                pos += 1
            ends[r] = pos
            lo = hi
        return out, ends

    @_nb.njit(cache=True, nogil=True)
    def _nb_signature_into(h, a, b, out):  # pragma: no cover - compiled
        # one permutation at a time, a branch-free min over the shingles: the compiler
        # vectorises this reduction (1.9x the permutation-inner loop with a compare)
        for j in range(a.shape[0]):
            aj = a[j]
            bj = b[j]
            m = _u64(0xFFFFFFFFFFFFFFFF)
            for i in range(h.shape[0]):
                m = min(m, aj * h[i] + bj)
            out[j] = np.uint32(m >> _u64(32))

    @_nb.njit(cache=True, nogil=True)
    def _nb_signatures(cat, ends, a, b):  # pragma: no cover - compiled
        n = ends.shape[0]
        out = np.empty((n, a.shape[0]), dtype=np.uint32)
        lo = 0
        for r in range(n):
            hi = ends[r]
            _nb_signature_into(cat[lo:hi], a, b, out[r])
            lo = hi
        return out

    @_nb.njit(cache=True, nogil=True)
    def _nb_features(cp, cp_ends, k, a, b):  # pragma: no cover - compiled
        """Shingle hashes and signatures of concatenated texts in one call."""
        vals, ends = _nb_shingle_values(cp, cp_ends, k)
        return vals, ends, _nb_signatures(vals, ends, a, b)


# ----------------------------------------------------------------------------- public


def _codepoints(text: str) -> np.ndarray:
    # "".join(text.split()) removes exactly what re.sub(r"\s+", "", text) removes (both
    # use str.isspace; checked for every code point), about 4x faster
    return np.frombuffer("".join(text.split()).encode("utf-32-le"), dtype=np.uint32)


def _sorted_unique(h: np.ndarray) -> np.ndarray:
    h = np.sort(h)  # NumPy's SIMD sort: faster here than a compiled quicksort
    if len(h) < 2:
        return h
    keep = np.empty(len(h), dtype=bool)
    keep[0] = True
    np.not_equal(h[1:], h[:-1], out=keep[1:])
    return h[keep]


def _raw_shingles(cps: Sequence[np.ndarray], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Every text's shingle hashes (repeats kept), concatenated, and each text's end."""
    cp_ends = np.cumsum([len(c) for c in cps], dtype=np.int64)
    cat = np.concatenate(cps) if len(cps) else np.empty(0, dtype=np.uint32)
    if _nb is not None:
        return _nb_shingle_values(cat, cp_ends, k)
    parts = []
    lo = 0
    for hi in cp_ends.tolist():
        parts.append(_np_raw(cat[lo:hi], k))
        lo = hi
    vals = np.concatenate(parts) if parts else _EMPTY_SH
    return vals, np.cumsum([len(p) for p in parts], dtype=np.int64)


def _np_raw(cp: np.ndarray, k: int) -> np.ndarray:
    if len(cp) < k:
        return _EMPTY_SH
    cp = cp.astype(np.uint64)
    m = len(cp) - k + 1
    h = cp[:m].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            h *= np.uint64(_BASE)
            h += cp[j : j + m]
        return _mix64(h)


def _sign(vals: np.ndarray, ends: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """Signatures of the hash runs ``vals[ends[i-1]:ends[i]]`` (non-empty), one row each."""
    a, b = permutations(num_perm, seed)
    if _nb is not None:
        return _nb_signatures(vals, ends, a, b)
    starts = np.concatenate(([0], ends[:-1])).astype(np.int64)
    return _np_signatures([vals[lo:hi] for lo, hi in zip(starts, ends)], a, b)


def shingle_set(text: str, *, k: int = K) -> np.ndarray:
    """Sorted unique 64-bit hashes of the ``k``-character shingles of ``text``.

    Whitespace is removed first; equal to ``segment.shingle_hashes(text, k=k)``.
    """
    if not isinstance(k, int) or k < 1:
        raise ValueError(f"k={k!r}: expected a positive shingle length")
    vals, _ = _raw_shingles([_codepoints(text)], k)
    return _sorted_unique(vals)


def signatures_many(
    sets: Sequence[np.ndarray], *, num_perm: int = NUM_PERM, seed: int = SEED
) -> np.ndarray:
    """MinHash signatures of shingle sets (uint64 hashes; repeats do not matter).

    Returns a ``(len(sets), num_perm)`` uint32 array; an empty set gives a row of
    ``0xFFFFFFFF`` (what ``segment._minhash`` gives it).
    """
    permutations(num_perm, seed)  # validates num_perm
    out = np.full((len(sets), num_perm), 0xFFFFFFFF, dtype=np.uint32)
    full = [i for i, s in enumerate(sets) if len(s)]
    if full:
        arrs = [np.asarray(sets[i], dtype=np.uint64) for i in full]
        ends = np.cumsum([len(s) for s in arrs], dtype=np.int64)
        out[full] = _sign(np.concatenate(arrs), ends, num_perm, seed)
    return out


def signature(h: np.ndarray, *, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """The MinHash signature (uint32, ``num_perm`` values) of one shingle set."""
    return signatures_many([h], num_perm=num_perm, seed=seed)[0]


def features_many(
    texts: Sequence[str],
    *,
    k: int = K,
    num_perm: int = NUM_PERM,
    min_chars: int = MIN_CHARS,
    seed: int = SEED,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per text, ``(signature, shingle set)``: :func:`features` for a batch at once.

    Parameters
    ----------
    texts : the articles' ``segment.near_duplicate_text``
    k, num_perm, min_chars, seed : as for ``segment.mark_near_duplicates``

    Returns
    -------
    list of (numpy.ndarray of uint32, numpy.ndarray of uint64)
        Per text, its signature and its sorted unique shingle hashes; both empty for a
        text shorter than ``max(min_chars, k)`` characters once whitespace is removed
        (such an article is never compared).
    """
    if not isinstance(k, int) or k < 1:
        raise ValueError(f"k={k!r}: expected a positive shingle length")
    minimum = max(min_chars, k)
    cps = [_codepoints(t) for t in texts]
    use = [i for i, c in enumerate(cps) if len(c) >= minimum]
    out: list[tuple[np.ndarray, np.ndarray]] = [
        (_EMPTY_SIG.copy(), _EMPTY_SH.copy()) for _ in texts
    ]
    if not use:
        return out
    if _nb is not None:  # one compiled call for the batch
        a, b = permutations(num_perm, seed)
        sel = [cps[i] for i in use]
        # the running sum in Python: np.cumsum of a short list costs more than the kernel's call
        cp_ends = np.array(list(itertools.accumulate(map(len, sel))), dtype=np.int64)
        vals, ends, sigs = _nb_features(
            sel[0] if len(sel) == 1 else np.concatenate(sel), cp_ends, k, a, b
        )
    else:
        vals, ends = _raw_shingles([cps[i] for i in use], k)
        sigs = _sign(vals, ends, num_perm, seed)  # repeats do not change a minimum
    lo = 0
    for j, (i, hi) in enumerate(zip(use, ends.tolist())):
        out[i] = (sigs[j], _sorted_unique(vals[lo:hi]))
        lo = hi
    return out


def features(
    text: str,
    *,
    k: int = K,
    num_perm: int = NUM_PERM,
    min_chars: int = MIN_CHARS,
    seed: int = SEED,
) -> tuple[np.ndarray, np.ndarray]:
    """An article's MinHash signature and shingle set (``segment.near_duplicate_features``)."""
    return features_many([text], k=k, num_perm=num_perm, min_chars=min_chars, seed=seed)[0]
