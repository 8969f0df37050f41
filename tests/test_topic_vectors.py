"""The hashing engine's fast counts are HashingVectorizer's counts (govstats.topic_vectors)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp
from conftest import real_records
from sklearn.feature_extraction.text import HashingVectorizer

from govstats.topic_vectors import Columns, HashedCounts, keep_columns, split_tokens


def _reference(texts: list[str], n_features: int) -> tuple[sp.csr_matrix, np.ndarray]:
    """What the engine computed before: HashingVectorizer + a Counter naming each column
    by its most frequent token (ties: the first in string order)."""
    hv = HashingVectorizer(
        analyzer=str.split,
        lowercase=False,
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )
    counts: Counter = Counter()
    for t in texts:
        counts.update(t.split())
    names = np.full(n_features, "", dtype=object)
    toks = sorted(counts, key=lambda t: (-counts[t], t))
    if toks:
        cols = hv.transform(toks).indices
        for tok, col in zip(reversed(toks), reversed(cols)):
            names[col] = tok
    return hv.transform(texts), names


def _counted(texts: list[str], n_features: int, chunk: int) -> HashedCounts:
    hc = HashedCounts(n_features)
    for i in range(0, len(texts), chunk):
        hc.add(texts[i : i + chunk])
    return hc


ODD = [
    "社区 网格员 上门 服务 社区",
    "",  # an empty text is an empty row
    "  两个  空格 \u3000全角空格\t制表 换行\n符 ",  # every kind of whitespace splits
    "𠀀 生僻 字 𠀀𠀀 ABC abc 123 1.5% ——",  # astral characters, Latin, digits, punctuation
    "社区",
    "a" * 40 + " " + "长" * 17,  # tokens longer than the whole-array steps
]


@pytest.mark.parametrize("n_features", [2**4, 2**10, 2**20])
@pytest.mark.parametrize("chunk", [1, 2, 100])
def test_counts_and_names_are_hashing_vectorizers(n_features, chunk):
    ref, ref_names = _reference(ODD, n_features)
    hc = _counted(ODD, n_features, chunk)
    m = hc.matrix()
    assert m.shape == ref.shape and m.dtype == ref.dtype
    assert np.array_equal(m.indptr, ref.indptr) and np.array_equal(m.indices, ref.indices)
    assert np.array_equal(m.data, ref.data)
    assert hc.names().tolist() == ref_names.tolist()


def test_split_tokens_is_str_split():
    joined, start, length, indptr, key = split_tokens(ODD)
    got = [joined[a : a + n] for a, n in zip(start, length)]
    assert got == [t for s in ODD for t in s.split()]
    assert [got[indptr[i] : indptr[i + 1]] for i in range(len(ODD))] == [s.split() for s in ODD]
    by_token: dict = {}
    for t, k in zip(got, key.tolist()):
        assert by_token.setdefault(t, k) == k  # equal tokens, equal keys
    assert len(set(by_token.values())) == len(by_token)  # different tokens, different keys


def test_counts_on_real_tokens():
    # 3,000 新闻联播 stories tokenised with the default tokenizer, in chunks as fit does
    from govstats.tokens import Tokenizer

    tk = Tokenizer()
    texts = [tk.join(r["text"]) for r in real_records("xwlb", n=3000)]
    ref, ref_names = _reference(texts, 2**20)
    hc = _counted(texts, 2**20, 1024)
    m = hc.matrix()
    assert (m != ref).nnz == 0 and np.array_equal(m.indices, ref.indices)
    assert hc.names().tolist() == ref_names.tolist()


def test_columns_keep_the_chosen_columns():
    rng = np.random.default_rng(0)
    X = sp.random(30, 50, density=0.2, format="csr", random_state=rng, dtype=np.float32)
    keep_rows = np.ones(30)
    keep_rows[3] = 0  # an empty row
    X = sp.csr_matrix(sp.diags(keep_rows) @ X)
    X.eliminate_zeros()
    X.sort_indices()
    df = np.bincount(X.indices, minlength=50)
    cols = keep_columns(X, 2, 5)
    assert cols.tolist() == [j for j in range(50) if 2 <= df[j] <= 5]
    got = Columns(cols, 50).transform(X)
    assert (got != X[:, cols]).nnz == 0 and got.has_sorted_indices
    with pytest.raises(ValueError, match="expected 50 columns"):
        Columns(cols, 50).transform(X[:, :10])
