"""Topic clusters: TF-IDF + k-means over paragraphs or articles, stable, explained, scalable.

``TopicModel`` follows the scikit-learn contract (parameters stored verbatim,
learned attributes end in ``_``, ``fit`` returns ``self``) and composes a
``Pipeline`` of a vectorizer and k-means rather than subclassing either:

* ``engine="tfidf"``: ``TfidfVectorizer(analyzer=str.split)`` on space-joined
  tokens from ``govstats.tokens`` (+ optional LSA) + ``KMeans``;
* ``engine="hashing"``: ``HashingVectorizer`` counts (computed by ``topic_vectors``, only
  the columns min_df/max_df leave weight in) + ``TfidfTransformer`` + ``MiniBatchKMeans``:
  memory proportional to the non-zero entries; the 72,737 articles of the 新闻联播 archive
  (tokens given) fit in 7 s on a quiet 2-core machine (19 s at load 8);
* ``engine="auto"`` (default) switches to hashing above ``hashing_above`` units.

Units are the body paragraphs of a ``Corpus`` (duplicates, titles, headings and
captions left out) or whole articles, or any iterable of ``(id, text)`` pairs.
Units with fewer than ``min_tokens`` content words (bylines, photo credits,
navigation, one-line headings) are not clustered: they would otherwise gather
into a boilerplate cluster of their own. ``article_clusters()`` gives the article
view: each article's majority cluster over its paragraphs.

Choosing k (``govstats.ksearch``): ``k="auto"`` tries k from 2 to
``min(30, sqrt(n/2))`` and takes the smallest k whose silhouette × stability is within
10 % of the best: fewer, reproducible clusters. The silhouette alone kept rising with k
(on the seeds it chose k = 36 for 148 paragraphs, about two clusters per article, with 25
of 36 clusters empty for the compared models; on the 506-document development corpus
k = 40 for 11 800 paragraphs). The search runs on a seeded sample of at most
``search_size`` (2 000) units with 3 restarts per k; only the chosen k is fitted on every
unit. Measured on the 506-document development corpus (governance.jsonl.gz) on a shared
2-core machine: paragraph units (11 800-12 550) went from 297 s wall and k = 40 to 14 s of
CPU (55 s wall at load 10) and k = 7; article units (505) take 11 s of CPU, k = 5
(居民·社区党委·街道 community governance, 调研·教育·学习 leaders' inspections and study
campaigns, 投资·消费·增长 the economy of the work reports, 疫情·防控·核酸 COVID control,
全国人民代表大会 NPC sessions). On the seeds k = 5: 小区党支部 governance, services for the
elderly, the 蓝海 community's 网格 work, training/e-commerce, COVID testing.

Earlier findings that still hold (seeds: 148 paragraphs of 20 articles; the variant table
is in the issue-6 note):

* ``unit="paragraph"``: whole articles give each one-off subject a single point,
  which k-means must pair with something (at article level the chosen k=7-9
  paired the diary with the 信义积分 governance article at random_state 0), while its
  paragraphs form a small group of their own.
* silhouette with the cosine metric, computed in the space k-means clusters:
  TF-IDF rows are L2-normalised, so k-means on them is (nearly) spherical
  k-means and cosine is its geometry.
* ``n_components=0`` (no LSA): TruncatedSVD to 100 dimensions + ``Normalizer``
  (scikit-learn's "Clustering text documents using k-means" recipe, available as
  ``n_components="auto"`` or an int) separated the items equally well (stability
  0.38 vs 0.32 at the chosen k) in nearly twice the time, so the simpler pipeline
  stays the default. No extra stopwords: dropping 20 generic words of official
  prose (工作, 开展, 群众 …) did not change the outcome.

The silhouette values stay low (about 0.1) and the stability moderate (about 0.3):
the seeds are small and their items mostly share little vocabulary; read the
clusters as groups of closely related paragraphs rather than as broad themes.

Everything is deterministic: inputs are taken in order, the vocabulary is
sorted, every random step is seeded from ``random_state``, and clusters are
numbered by size (largest first), so the same input gives the same labels and
top terms on every run and machine.
"""

from __future__ import annotations

import importlib
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import tee
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer
from threadpoolctl import threadpool_limits

from .ksearch import choose_k, k_candidates, search_k
from .tokens import Tokenizer, tokenize_many
from .topic_vectors import Columns, HashedCounts, keep_columns

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .corpus import Corpus

logger = logging.getLogger(__name__)

__all__ = ["TopicModel", "plot_map", "iter_units", "k_candidates"]

UNITS = ("paragraph", "article")
ENGINES = ("auto", "tfidf", "hashing")
_UNIT_COLUMNS = ["unit_id", "file", "article_id", "paragraph_index"]
#: above this many units the 2-D map's SVD is fitted on a seeded sample of this size
MAP_SAMPLE = 10_000


# ---------------------------------------------------------------- units


def iter_units(
    data: Corpus | Iterable[tuple[Any, str]] | Iterable[str], *, unit: str = "paragraph"
) -> Iterator[tuple[Any, str | None, str | None, int | None, str]]:
    """The texts a ``TopicModel`` clusters, with their provenance.

    Parameters
    ----------
    data : a ``Corpus``; or an iterable of ``(id, text)`` pairs; or of plain texts
        (their ids are 0, 1, 2, …). Iterables are taken as given (no de-duplication).
    unit : for a ``Corpus``: ``"paragraph"`` (body paragraphs, duplicates left out)
        or ``"article"`` (title + body of each article that is not a duplicate).

    Yields
    ------
    tuple
        ``(unit_id, file, article_id, paragraph_index, text)``; the provenance
        fields are ``None`` for plain iterables.
    """
    if unit not in UNITS:
        raise ValueError(f"unit={unit!r}: expected one of {UNITS}")
    if hasattr(data, "articles") and hasattr(data, "paragraphs"):
        if unit == "paragraph":
            for a, p in data.paragraphs(include_duplicates=False, kinds=("body",)):
                yield p.id, a.file, a.id, p.index, p.text
        else:
            for a in data.articles:
                if getattr(a, "duplicate_of", None) is None:
                    yield a.id, a.file, a.id, None, a.text
        return
    if isinstance(data, (str, bytes)):
        raise TypeError(
            "data is a single string: pass a Corpus, a list of texts or of (id, text) pairs"
        )
    for i, item in enumerate(data):
        if isinstance(item, str):
            yield i, None, None, None, item
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
            yield item[0], None, None, None, item[1]
        else:
            raise TypeError(
                f"unit {i}: expected a text or an (id, text) pair, got {type(item).__name__}: "
                f"{item!r:.60}"
            )


def _paragraph_models(data: Any, unit: str) -> dict[Any, Counter]:
    """Governance models mentioned per unit id (only for a Corpus)."""
    if not (hasattr(data, "articles") and hasattr(data, "paragraphs")):
        return {}
    lexicon = importlib.import_module(f"{__package__}.lexicon")
    by_par = {(a.id, p.index): p.id for a in data.articles for p in a.paragraphs}
    out: dict[Any, Counter] = {}
    for m in lexicon.find_models(data):
        key = m.article_id if unit == "article" else by_par.get((m.article_id, m.paragraph_index))
        if key is not None:
            out.setdefault(key, Counter())[m.model_id] += 1
    return out


# ---------------------------------------------------------------- the model


class TopicModel(BaseEstimator):
    """Cluster paragraphs (or articles) by their words, and explain the clusters.

    Parameters
    ----------
    k : number of clusters, or ``"auto"`` to pick it over ``k_range`` (``ksearch.choose_k``:
        the smallest k within 10 % of the best silhouette × stability).
    unit : ``"paragraph"`` or ``"article"`` (how a ``Corpus`` is cut into units).
    random_state : seed of every random step (k-means, resampling, SVD, silhouette sample).
    k_range : smallest and largest k tried by ``k="auto"`` (inclusive; the upper end is
        capped at ``sqrt(n_units / 2)``; see ``ksearch.k_candidates`` for the k tried).
    n_components : LSA dimensions: ``0`` (default) clusters the TF-IDF rows themselves;
        an int or ``"auto"`` (``min(100, n_units - 1)``) first reduces them with
        ``TruncatedSVD`` and re-normalises the rows (``Normalizer``), and k-means,
        silhouette and stability then work in that space.
    min_tokens : units with fewer content words are left out of fitting (default 5:
        bylines, photo credits and one-line headings have fewer).
    engine : ``"tfidf"``, ``"hashing"``, or ``"auto"`` (hashing above ``hashing_above`` units).
    hashing_above : unit count above which ``engine="auto"`` switches to hashing.
    n_features : columns of the hashing engine.
    min_df, max_df : document-frequency limits of terms. ``min_df="auto"`` keeps terms
        found in at least 2 units (1 below 20 units, 5 from 50 000 units); ``max_df`` drops
        terms found in more than this share of units (0.5: words in every other
        paragraph say nothing about topics).
    n_init : k-means restarts of the final fit; ``"auto"`` is 10 for the tfidf engine up to 5 000 units,
        3 otherwise.
    n_resamples : re-fits per k for the stability score (each a single k-means++ run on
        a random 80 % of the units, with another seed); 0 skips stability.
    n_terms : top terms reported per cluster.
    tokenizer : a ``govstats.Tokenizer``; ``None`` uses the default ``Tokenizer()``.
    pretokenized : the texts are already space-joined content words (``Tokenizer.join``,
        e.g. the ``tokens`` column of ``tokens.jsonl`` written by ``extract(tokens=True)``)
        and are not tokenised again (in ``fit`` and in ``predict``/``transform``/``project``);
        ``units_["text"]`` then holds those token strings.
    n_jobs : processes for tokenising (see ``govstats.tokens.tokenize_many``).
    search_size : units the k search runs on (a seeded sample above it); the chosen k is
        then fitted on every unit.

    Attributes
    ----------
    k_ : int, the number of clusters used.
    labels_ : ndarray, the cluster of each unit in ``units_`` (0 = largest cluster).
    units_ : DataFrame ``unit_id, file, article_id, paragraph_index, n_tokens, cluster,
        models, text`` of the clustered units, in input order.
    n_units_dropped_ : int, units left out for having fewer than ``min_tokens`` tokens.
    k_scores_ : DataFrame ``k, silhouette, stability, inertia, score`` per k tried, from the
        search (silhouette with the cosine metric in the space k-means clusters in;
        ``score`` = silhouette × stability, the quantity ``k="auto"`` ranks by).
    n_components_ : int, LSA dimensions used (0: none).
    explained_variance_ : float, share of TF-IDF variance the LSA keeps (NaN without LSA).
    clusters_ : DataFrame, see ``summary``.
    top_terms_ : list of lists of str, the top terms of each cluster.
    embedding_ : DataFrame, see ``project``.
    pipeline_ : the fitted scikit-learn ``Pipeline`` (vectorizer(s) [+ svd + normalize] + k-means).
    engine_ : str, the engine used.
    """

    def __init__(
        self,
        k: int | str = "auto",
        *,
        unit: str = "paragraph",
        random_state: int = 0,
        k_range: tuple[int, int] = (2, 30),
        n_components: int | str = 0,
        min_tokens: int = 5,
        engine: str = "auto",
        hashing_above: int = 50_000,
        n_features: int = 2**20,
        min_df: int | float | str = "auto",
        max_df: float = 0.5,
        n_init: int | str = "auto",
        n_resamples: int = 5,
        n_terms: int = 10,
        tokenizer: Tokenizer | None = None,
        pretokenized: bool = False,
        n_jobs: int = 1,
        search_size: int = 2000,
    ) -> None:
        self.k = k
        self.unit = unit
        self.random_state = random_state
        self.k_range = k_range
        self.n_components = n_components
        self.min_tokens = min_tokens
        self.engine = engine
        self.hashing_above = hashing_above
        self.n_features = n_features
        self.min_df = min_df
        self.max_df = max_df
        self.n_init = n_init
        self.n_resamples = n_resamples
        self.n_terms = n_terms
        self.tokenizer = tokenizer
        self.pretokenized = pretokenized
        self.n_jobs = n_jobs
        self.search_size = search_size

    # ------------------------------------------------------------ checks

    def _check_params(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit={self.unit!r}: expected one of {UNITS}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine={self.engine!r}: expected one of {ENGINES}")
        if not (self.k == "auto" or (isinstance(self.k, int) and self.k >= 2)):
            raise ValueError(f"k={self.k!r}: expected 'auto' or an int >= 2")
        lo, hi = self.k_range
        if not (isinstance(lo, int) and isinstance(hi, int) and 2 <= lo <= hi):
            raise ValueError(
                f"k_range={self.k_range!r}: expected (low, high) ints with 2 <= low <= high"
            )
        if not isinstance(self.random_state, (int, np.integer)):
            raise ValueError(
                f"random_state={self.random_state!r}: expected an int (a fixed seed keeps "
                "the clusters reproducible)"
            )
        if not (
            self.n_components == "auto"
            or (isinstance(self.n_components, (int, np.integer)) and self.n_components >= 0)
        ):
            raise ValueError(
                f"n_components={self.n_components!r}: expected 'auto' or an int >= 0 "
                "(0 clusters the TF-IDF vectors themselves)"
            )
        if not isinstance(self.min_tokens, int) or self.min_tokens < 1:
            raise ValueError(f"min_tokens={self.min_tokens!r}: expected an int >= 1")

    def _tokenizer(self) -> Tokenizer:
        return self.tokenizer if self.tokenizer is not None else Tokenizer()

    def _joined(self, texts: Iterable[str]) -> Iterable[str]:
        """Space-joined content words of each text (the texts themselves if pretokenized)."""
        if self.pretokenized:
            return texts
        return tokenize_many(texts, n_jobs=self.n_jobs, tokenizer=self._tokenizer())

    def _min_df(self, n: int) -> int | float:
        if self.min_df != "auto":
            return self.min_df
        return 1 if n < 20 else 5 if n >= 50_000 else 2

    # ------------------------------------------------------------ fitting

    def fit(
        self, X: Corpus | Iterable[tuple[Any, str]] | Iterable[str], y: None = None
    ) -> TopicModel:
        """Tokenise the units of ``X``, vectorise them, pick k and cluster.

        Parameters
        ----------
        X : a ``Corpus``, or an iterable of ``(id, text)`` pairs or of texts (streamed:
            a generator is read once, in chunks).
        y : ignored.

        Returns
        -------
        self
        """
        import pandas as pd

        self._check_params()
        rs = int(self.random_state)

        units = iter_units(X, unit=self.unit)
        meta_it, text_it = tee(units)
        joined = self._joined(u[4] for u in text_it)
        meta: list[tuple] = []
        texts: list[str] = []
        n_tokens: list[int] = []
        dropped = 0
        engine = self.engine if self.engine != "auto" else "tfidf"
        buffer: list[str] = []  # joined tokens (tfidf engine, or until auto switches)
        counted = HashedCounts(self.n_features)  # hashed counts (hashing engine)
        for (uid, file, art, par, text), s in zip(meta_it, joined):
            n = s.count(" ") + 1 if s else 0
            if n < self.min_tokens:
                dropped += 1
                continue
            meta.append((uid, file, art, par))
            texts.append(text)
            n_tokens.append(n)
            buffer.append(s)
            if self.engine == "auto" and engine == "tfidf" and len(meta) > self.hashing_above:
                engine = "hashing"
                logger.info(
                    "more than %d units: switching to the hashing engine", self.hashing_above
                )
            if engine == "hashing" and len(buffer) >= 4096:
                counted.add(buffer)
                buffer = []
        n = len(meta)
        if n < 3:
            raise ValueError(
                f"only {n} unit(s) have at least min_tokens={self.min_tokens} content words "
                f"({dropped} shorter ones left out): need at least 3 to cluster; pass more "
                "text or lower min_tokens"
            )
        min_df = self._min_df(n)

        if engine == "tfidf":
            vec = TfidfVectorizer(
                analyzer=str.split,
                token_pattern=None,
                lowercase=False,
                sublinear_tf=True,
                min_df=min_df,
                max_df=self.max_df,
            )
            try:
                Xm = vec.fit_transform(buffer)
            except ValueError as e:  # empty vocabulary after min_df/max_df
                raise ValueError(
                    f"no terms left with min_df={min_df!r}, max_df={self.max_df!r} on {n} units "
                    f"({e}); loosen min_df/max_df"
                ) from None
            names = vec.get_feature_names_out()
            steps: list[tuple[str, Any]] = [("tfidf", vec)]
        else:
            counted.add(buffer)
            C = counted.matrix()
            # min_df/max_df: only the columns that can carry weight are kept
            lo = min_df if isinstance(min_df, int) else int(np.ceil(min_df * n))
            hi = self.max_df if isinstance(self.max_df, int) else int(np.floor(self.max_df * n))
            cols = Columns(keep_columns(C, lo, hi), self.n_features)
            if not len(cols.columns):
                raise ValueError(
                    f"no terms left with min_df={min_df!r}, max_df={self.max_df!r} on {n} units; "
                    "loosen min_df/max_df"
                )
            C = cols.transform(C)
            tfidf = TfidfTransformer(sublinear_tf=True)
            Xm = tfidf.fit_transform(C)
            del C
            names = counted.names()[cols.columns]
            del counted
            hv = HashingVectorizer(
                analyzer=str.split,
                lowercase=False,
                n_features=self.n_features,
                alternate_sign=False,
                norm=None,
                dtype=np.float32,
            )
            steps = [("hashing", hv), ("columns", cols), ("tfidf", tfidf)]
        buffer = []
        if Xm.nnz == 0:
            raise ValueError("no terms left to cluster on; loosen min_df/max_df")

        self.engine_ = engine
        self.n_units_dropped_ = dropped
        self._names = names
        n_terms = len(names)
        lsa_steps, Z = self._lsa(Xm, rs, n_terms=n_terms)
        self.n_components_ = Z.shape[1] if lsa_steps else 0
        # one OpenMP thread: on small inputs per-call thread start-up and barriers
        # dominate (on a busy machine k-means got up to 30x slower), and on the 72,737
        # articles of the 新闻联播 archive MiniBatchKMeans took 8.0 s on one thread and
        # 14.7 s on two (2-core machine at load 6); labels do not depend on the thread count
        with threadpool_limits(limits=1, user_api="openmp"):
            km, scores = self._choose_k(Z, rs, engine)
        self.k_scores_ = pd.DataFrame(
            scores, columns=["k", "silhouette", "stability", "inertia", "score"]
        )
        self.k_ = km.n_clusters

        # number clusters by size (largest first; ties by first unit): stable, readable ids
        raw = km.labels_
        sizes = np.bincount(raw, minlength=self.k_)
        first = np.array([np.flatnonzero(raw == c)[0] if sizes[c] else n for c in range(self.k_)])
        order = np.lexsort((first, -sizes))  # new id i <- old cluster order[i]
        remap = np.empty_like(order)
        remap[order] = np.arange(self.k_)
        km.cluster_centers_ = km.cluster_centers_[order]
        km.labels_ = remap[raw]
        self.labels_ = km.labels_.astype(int)
        self.pipeline_ = Pipeline([*steps, *lsa_steps, ("kmeans", km)])

        models = _paragraph_models(X, self.unit) if meta and meta[0][1] is not None else {}
        self._titles = (
            {a.id: a.title for a in X.articles}
            if hasattr(X, "articles") and hasattr(X, "paragraphs")
            else {}
        )
        self.units_ = pd.DataFrame(meta, columns=_UNIT_COLUMNS)
        self.units_["n_tokens"] = n_tokens
        self.units_["cluster"] = self.labels_
        self.units_["models"] = (
            [", ".join(sorted(models.get(m[0], ()))) for m in meta] if models else ""
        )
        # object dtype: a str column would copy every text into an Arrow buffer (1 s for
        # the 72,737 articles of the 新闻联播 archive); the values are the same
        self.units_["text"] = pd.Series(texts, dtype=object)
        self._describe(Xm, Z, km, models, rs)
        return self

    def _lsa(self, Xm: Any, rs: int, *, n_terms: int) -> tuple[list[tuple[str, Any]], Any]:
        """Latent semantic analysis: TruncatedSVD of the TF-IDF rows, then unit length.

        Returns the pipeline steps and the matrix k-means clusters (the TF-IDF rows
        themselves, already of unit length, when ``n_components`` is 0 or too large).
        """
        n = Xm.shape[0]
        want = 100 if self.n_components == "auto" else int(self.n_components)
        d = min(want, n - 1, n_terms - 1)
        if d < 2:
            self.explained_variance_ = float("nan")
            return [], Xm
        svd = TruncatedSVD(n_components=d, random_state=rs, algorithm="randomized")
        norm = Normalizer(copy=False)
        Z = norm.fit_transform(svd.fit_transform(Xm))
        self.explained_variance_ = float(svd.explained_variance_ratio_.sum())
        return [("svd", svd), ("normalize", norm)], Z

    def _kmeans(self, k: int, rs: int, engine: str, n: int, *, n_init: Any = None) -> Any:
        if n_init is not None:
            pass
        elif engine == "hashing":
            n_init = 3 if self.n_init == "auto" else self.n_init
        elif self.n_init == "auto":
            n_init = 10 if n <= 5_000 else 3
        else:
            n_init = self.n_init
        if engine == "hashing":
            return MiniBatchKMeans(n_clusters=k, random_state=rs, n_init=n_init, batch_size=2048)
        return KMeans(n_clusters=k, random_state=rs, n_init=n_init)

    def _choose_k(self, Xm: Any, rs: int, engine: str) -> tuple[Any, list[tuple]]:
        """Score the candidate k (on a sample above ``search_size`` units), pick one by
        ``ksearch.choose_k``, then fit only that k on every unit with full restarts."""
        n = Xm.shape[0]
        if self.k == "auto":
            ks = k_candidates(self.k_range, n)
        else:
            if self.k >= n:
                raise ValueError(f"k={self.k} but only {n} units to cluster: choose k < {n}")
            ks = [self.k]

        def make(k: int, seed: int, rows: int, n_init: Any) -> Any:
            return self._kmeans(k, seed, engine, rows, n_init=n_init)

        rows = search_k(
            Xm,
            ks,
            make=make,
            random_state=rs,
            n_resamples=self.n_resamples,
            search_size=self.search_size,
        )
        if self.k == "auto":
            best, combined = choose_k(rows)
        else:
            best, combined = self.k, [float("nan")] * len(rows)
        km = self._kmeans(best, rs, engine, n).fit(Xm)
        return km, [(*r, c) for r, c in zip(rows, combined)]

    # ------------------------------------------------------------ explaining

    def _describe(self, Xm: Any, Z: Any, km: Any, models: dict[Any, Counter], rs: int) -> None:
        import pandas as pd
        import scipy.sparse as sp

        names = self._names
        labels = self.labels_
        k = int(km.n_clusters)
        sizes = np.bincount(labels, minlength=k)
        n = len(labels)
        # term weights of a cluster: the mean TF-IDF row of its members (the k-means
        # centroid in term space; with LSA the centroids live in the reduced space)
        member = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
        means = sp.csr_matrix(sp.diags(1.0 / np.maximum(sizes, 1)) @ (member @ sp.csr_matrix(Xm)))
        total = np.asarray(means.sum(axis=0)).ravel()
        top_terms: list[list[str]] = []
        label_terms: list[str] = []
        for c in range(k):
            row = means.getrow(c)
            idx, w = row.indices, row.data
            named = names[idx] != ""
            order = np.lexsort((idx, -w))
            top = [names[idx[i]] for i in order[(w[order] > 0) & named[order]][: self.n_terms]]
            top_terms.append(top)
            # the label: terms whose weight here most exceeds their mean weight elsewhere
            lift = w - (total[idx] - w) / max(k - 1, 1)
            lorder = np.lexsort((idx, -lift))
            lab = [names[idx[i]] for i in lorder[(lift[lorder] > 0) & named[lorder]][:3]]
            label_terms.append("·".join(lab) if lab else f"cluster {c}")
        # most representative unit: highest cosine similarity to the centroid
        centers = np.asarray(km.cluster_centers_)
        norms = np.linalg.norm(centers, axis=1)
        norms[norms == 0] = 1.0
        sims = np.asarray(Z @ (centers / norms[:, None]).T)
        rows = []
        units = self.units_
        for c in range(k):
            members = np.flatnonzero(labels == c)
            best = members[np.argmax(sims[members, c])] if len(members) else None
            tally: Counter = Counter()
            for uid in units["unit_id"].iloc[members] if models else ():
                for mid in models.get(uid, ()):
                    tally[mid] += 1  # units of the cluster that mention the model
            top_models = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
            r = units.iloc[best] if best is not None else None
            rows.append(
                {
                    "cluster": c,
                    "size": int(sizes[c]),
                    "share": float(sizes[c] / n),
                    "label": label_terms[c],
                    "top_terms": "、".join(top_terms[c]),
                    "models": "、".join(f"{m} ({v})" for m, v in top_models),
                    "rep_unit_id": None if r is None else r["unit_id"],
                    "rep_file": None if r is None else r["file"],
                    "rep_article_id": None if r is None else r["article_id"],
                    "rep_paragraph_index": None if r is None else r["paragraph_index"],
                    "rep_text": None if r is None else r["text"],
                }
            )
        self.top_terms_ = top_terms
        self.clusters_ = pd.DataFrame(rows)
        self.units_["label"] = [label_terms[c] for c in labels]
        self.svd_ = TruncatedSVD(n_components=2, random_state=rs, algorithm="randomized")
        if min(Xm.shape) <= 2:
            xy = np.zeros((n, 2))
        elif n > MAP_SAMPLE:  # the map's axes from a seeded sample, every unit placed on them
            idx = np.sort(np.random.default_rng([rs, n]).choice(n, size=MAP_SAMPLE, replace=False))
            xy = self.svd_.fit(Xm[idx]).transform(Xm)
        else:
            xy = self.svd_.fit_transform(Xm)
        emb = units[_UNIT_COLUMNS + ["cluster", "label", "models"]].copy()
        emb.insert(len(_UNIT_COLUMNS), "x", xy[:, 0])
        emb.insert(len(_UNIT_COLUMNS) + 1, "y", xy[:, 1])
        self.embedding_ = emb

    def summary(self) -> pd.DataFrame:
        """One row per cluster, largest first.

        Returns
        -------
        DataFrame with columns ``cluster, size, share, label, top_terms`` (by centroid
        weight, joined by 、), ``models`` (governance models most often mentioned in the
        cluster's units, with unit counts), and the most representative unit (closest to
        the centroid) with its provenance: ``rep_unit_id, rep_file, rep_article_id,
        rep_paragraph_index, rep_text``.
        """
        self._check_fitted()
        return self.clusters_.copy()

    def article_clusters(self, groups: dict[Any, Any] | None = None) -> pd.DataFrame:
        """Where each article sits: its majority cluster, and how its units spread.

        With ``unit="article"`` every article is one unit and its cluster is its label;
        with ``unit="paragraph"`` an article's cluster is the one holding most of its
        paragraphs (ties go to the lower cluster number, i.e. the larger cluster).

        Parameters
        ----------
        groups : ``{unit_id: article_id}`` for units fitted from ``(id, text)`` pairs;
            ``None`` uses the ``article_id`` of units fitted from a ``Corpus``.

        Returns
        -------
        DataFrame with columns ``article_id, file, title`` (``None`` when not fitted from a
        ``Corpus``), ``n_units``, ``cluster`` (the majority cluster), ``label``, ``share``
        (of the article's units in that cluster) and ``clusters`` (every cluster of the
        article with its unit count, e.g. ``"3:5, 7:1"``), one row per article in input order.
        """
        import pandas as pd

        self._check_fitted()
        units = self.units_
        if groups is not None:
            art = units["unit_id"].map(groups)
            if art.isna().any():
                missing = units.loc[art.isna(), "unit_id"].tolist()[:3]
                raise ValueError(f"groups has no article for unit ids {missing} (and maybe more)")
        elif units["article_id"].notna().all():
            art = units["article_id"]
        else:
            raise ValueError(
                "the units carry no article ids (fitted from texts or (id, text) pairs): pass "
                "groups={unit_id: article_id}"
            )
        labels = self.clusters_["label"].to_numpy()
        files = dict(zip(art, units["file"]))
        rows = []
        by_article = pd.Series(units["cluster"].to_numpy(), index=art.to_numpy())
        for a, cl in by_article.groupby(level=0, sort=False):
            counts = Counter(cl.tolist())
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            best, m = ranked[0]
            rows.append(
                {
                    "article_id": a,
                    "file": files.get(a),
                    "title": self._titles.get(a),
                    "n_units": int(len(cl)),
                    "cluster": int(best),
                    "label": labels[best],
                    "share": m / len(cl),
                    "clusters": ", ".join(f"{c}:{v}" for c, v in ranked),
                }
            )
        return pd.DataFrame(
            rows,
            columns=[
                "article_id",
                "file",
                "title",
                "n_units",
                "cluster",
                "label",
                "share",
                "clusters",
            ],
        )

    # ------------------------------------------------------------ new texts

    def _check_fitted(self) -> None:
        if not hasattr(self, "pipeline_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("this TopicModel is not fitted yet: call fit(corpus) first")

    def _vectorise(self, texts: Iterable[str]) -> Any:
        self._check_fitted()
        if isinstance(texts, str):
            raise TypeError("texts is a single string: pass a list of texts")
        joined = list(self._joined(texts))
        return self.pipeline_[:-1].transform(joined)

    def transform(self, texts: Iterable[str]) -> np.ndarray:
        """Distance of each text to each cluster centre (shape ``n_texts × k_``)."""
        V = self._vectorise(texts)
        return self.pipeline_[-1].transform(V)

    def predict(self, texts: Iterable[str]) -> np.ndarray:
        """The nearest cluster of each text (same numbering as ``labels_``)."""
        V = self._vectorise(texts)
        return self.pipeline_[-1].predict(V).astype(int)

    def project(self, texts: Iterable[str] | None = None) -> pd.DataFrame:
        """The 2-D map (a 2-component TruncatedSVD of the TF-IDF vectors) for scatter plots.

        Parameters
        ----------
        texts : new texts to place on the fitted map; ``None`` returns the fitted units.

        Returns
        -------
        DataFrame with columns ``unit_id, file, article_id, paragraph_index, x, y, cluster,
        label, models`` (for new texts: ``unit_id`` is the position, provenance is empty).
        """
        import pandas as pd

        self._check_fitted()
        if texts is None:
            return self.embedding_.copy()
        texts = list(texts)
        V = self._vectorise(texts)
        xy = self.svd_.transform(V)
        cl = self.pipeline_[-1].predict(V).astype(int)
        labels = self.clusters_["label"].to_numpy()
        return pd.DataFrame(
            {
                "unit_id": range(len(texts)),
                "file": None,
                "article_id": None,
                "paragraph_index": None,
                "x": xy[:, 0],
                "y": xy[:, 1],
                "cluster": cl,
                "label": labels[cl] if len(cl) else [],
                "models": "",
            }
        )

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The terms (columns) of the vectorizer; hashed columns are named by their most
        frequent token (``""`` where no token fell)."""
        self._check_fitted()
        return np.asarray(self._names, dtype=object)

    plot_map = None  # replaced below by the module-level function


def plot_map(model_or_frame: TopicModel | pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Scatter the 2-D topic map, one colour per cluster, legend by cluster label.

    Parameters
    ----------
    model_or_frame : a fitted ``TopicModel`` (also callable as ``model.plot_map()``) or a
        frame from ``TopicModel.project()`` (columns ``x, y, cluster`` and optional ``label``).
    ax : the Axes to draw on; ``None`` uses ``plt.gca()``. Chinese labels need a CJK font:
        call ``govstats.plotting.use_cjk_font()`` first.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    frame = model_or_frame.project() if isinstance(model_or_frame, TopicModel) else model_or_frame
    missing = {"x", "y", "cluster"} - set(frame.columns)
    if missing:
        raise ValueError(
            f"plot_map: the frame lacks columns {sorted(missing)} (use TopicModel.project())"
        )
    if ax is None:
        ax = plt.gca()
    from .figures import cluster_colors

    clusters = sorted(frame["cluster"].unique())
    colors = cluster_colors(len(clusters))
    for i, c in enumerate(clusters):
        part = frame[frame["cluster"] == c]
        name = f"{c}: {part['label'].iloc[0]}" if "label" in part.columns else str(c)
        ax.scatter(part["x"], part["y"], s=14, alpha=0.75, color=colors[i], label=name)
    ax.set_xlabel("SVD 1")
    ax.set_ylabel("SVD 2")
    ax.legend(loc="best", fontsize="small", frameon=False)
    return ax


TopicModel.plot_map = plot_map
