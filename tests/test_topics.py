"""Tests for govstats.topics: stable, explained, scalable TF-IDF + k-means topics."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from govstats.tokens import Tokenizer
from govstats.topics import TopicModel, iter_units, k_candidates, plot_map

HAS_LEXICON = importlib.util.find_spec("govstats.lexicon") is not None

# --------------------------------------------------------------- synthetic corpus with planted topics

VOCAB = {
    "gov": "小区党支部 楼栋党小组 党员中心户 红色物业 网格员 议事协商 联席会议 楼长制 社区党委 党群服务驿站 居民诉求 业委会",
    "traffic": "交警 交通安全 民警 校园 过马路 安全带 头盔 闯红灯 交通事故 护学岗 车辆 乘车",
    "shop": "电商 直播 抖音 培训 账号 创业 农产品 物流 带货 网店 消费者 品牌",
    "covid": "核酸 采样 检测 疫情 防控 口罩 排队 阳性 隔离 扫码 体温 疫苗",
}
NOISE = [
    "工作",
    "开展",
    "推进",
    "提升",
    "群众",
    "活动",
    "发展",
    "建设",
    "服务",
    "组织",
    "加强",
    "落实",
]
ALL_WORDS = [w for v in VOCAB.values() for w in v.split()]


def planted(n_per: int = 45, seed: int = 1) -> tuple[list[str], list[int]]:
    """Documents drawn from 4 vocabularies, with shared noise words and one stray topic word each."""
    rng = np.random.default_rng(seed)
    docs, truth = [], []
    for t, words in enumerate(VOCAB.values()):
        words = words.split()
        for _ in range(n_per):
            w = [*rng.choice(words, 8), *rng.choice(NOISE, 4), *rng.choice(ALL_WORDS, 1)]
            docs.append("，".join(w) + "。")
            truth.append(t)
    return docs, truth


@pytest.fixture(scope="module", autouse=True)
def _one_openmp_thread():
    # k-means on these tiny inputs is fastest on one thread, and on a busy 2-core
    # machine OpenMP barriers made the MiniBatchKMeans test 30x slower. Labels do not
    # depend on the thread count (the fresh-process test runs with OMP_NUM_THREADS=1).
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="openmp"):
        yield


@pytest.fixture(scope="module")
def synth_tokenizer() -> Tokenizer:
    return Tokenizer(user_words=ALL_WORDS)


@pytest.mark.parametrize(
    ("engine", "n_components", "k_range"),
    [
        ("tfidf", 0, (2, 40)),  # the defaults: k picked over the whole default range
        ("tfidf", "auto", (2, 40)),  # LSA (TruncatedSVD + Normalizer) before k-means
        ("hashing", 0, (2, 8)),  # MiniBatchKMeans is slow at large k on tiny data
    ],
)
def test_planted_topics_are_recovered(engine, n_components, k_range, synth_tokenizer):
    docs, truth = planted()
    m = TopicModel(
        engine=engine,
        n_components=n_components,
        k_range=k_range,
        tokenizer=synth_tokenizer,
        n_features=2**14,
        n_resamples=3,
    ).fit([(f"d{i}", d) for i, d in enumerate(docs)])
    assert m.engine_ == engine
    assert m.k_ == 4  # picked by silhouette
    assert adjusted_rand_score(truth, m.labels_) >= 0.9
    best = m.k_scores_.set_index("k").loc[4]
    assert best["silhouette"] == m.k_scores_["silhouette"].max()
    assert best["stability"] >= 0.9
    # each cluster's top terms come from one vocabulary
    for terms in m.top_terms_:
        owners = {t for t, v in VOCAB.items() for w in terms[:5] if w in v.split()}
        assert len(owners) == 1


def test_auto_engine_switches_to_hashing_above_the_threshold(synth_tokenizer):
    docs, truth = planted(n_per=20)
    m = TopicModel(k=4, tokenizer=synth_tokenizer, hashing_above=50, n_features=2**14).fit(docs)
    assert m.engine_ == "hashing"
    assert adjusted_rand_score(truth, m.labels_) >= 0.9
    assert list(m.pipeline_.named_steps) == ["hashing", "columns", "tfidf", "kmeans"]
    names = m.get_feature_names_out()
    # only the hashed columns that can carry weight (document frequency within
    # min_df..max_df) are kept, each named by its most frequent token
    assert 0 < len(names) < 2**14 and "核酸" in set(names) and all(names)
    assert (
        len(names)
        == m.pipeline_["columns"].transform(m.pipeline_["hashing"].transform(docs)).shape[1]
    )


def test_fit_accepts_generators_and_plain_texts(synth_tokenizer):
    docs, _ = planted(n_per=12)
    a = TopicModel(k=4, tokenizer=synth_tokenizer).fit(docs)
    b = TopicModel(k=4, tokenizer=synth_tokenizer).fit((i, d) for i, d in enumerate(docs))
    assert (a.labels_ == b.labels_).all()
    assert a.units_["unit_id"].tolist() == list(range(len(docs)))


def test_pretokenized_units_are_not_tokenised_again(synth_tokenizer):
    # e.g. the tokens column of tokens.jsonl (extract(tokens=True)): the same clusters
    docs, _ = planted(n_per=20)
    joined = [synth_tokenizer.join(d) for d in docs]
    for engine in ("tfidf", "hashing"):
        a = TopicModel(k=4, engine=engine, tokenizer=synth_tokenizer, n_features=2**14).fit(docs)
        b = TopicModel(k=4, engine=engine, pretokenized=True, n_features=2**14).fit(joined)
        assert b.labels_.tolist() == a.labels_.tolist() and b.top_terms_ == a.top_terms_
        assert b.units_["text"].tolist() == joined
        assert (b.predict(joined) == a.predict(docs)).all()


def test_large_inputs_fit_the_map_on_a_sample(synth_tokenizer, monkeypatch):
    import govstats.topics as topics

    docs, _ = planted(n_per=20)
    whole = TopicModel(k=4, tokenizer=synth_tokenizer, n_resamples=0).fit(docs)
    monkeypatch.setattr(topics, "MAP_SAMPLE", 40)
    a = TopicModel(k=4, tokenizer=synth_tokenizer, n_resamples=0).fit(docs)
    b = TopicModel(k=4, tokenizer=synth_tokenizer, n_resamples=0).fit(docs)
    assert a.labels_.tolist() == whole.labels_.tolist()  # the clusters do not depend on it
    xy = a.embedding_[["x", "y"]].to_numpy()
    assert xy.shape == (len(docs), 2) and np.isfinite(xy).all()
    assert xy.tolist() == b.embedding_[["x", "y"]].to_numpy().tolist()  # seeded
    assert np.allclose(a.project(docs[:3])[["x", "y"]].to_numpy(), xy[:3], atol=1e-6)


def test_predict_and_transform_new_texts(synth_tokenizer):
    docs, truth = planted(n_per=20)
    m = TopicModel(k=4, tokenizer=synth_tokenizer).fit(docs)
    assert (m.predict(docs) == m.labels_).all()
    d = m.transform(docs[:3])
    assert d.shape == (3, 4)
    assert (d.argmin(axis=1) == m.labels_[:3]).all()
    new = m.predict(["交警在校园讲交通安全，提醒过马路系好安全带。"])
    assert new[0] == m.labels_[truth.index(1)]
    with pytest.raises(TypeError, match="single string"):
        m.predict("交警")


def test_sklearn_contract(synth_tokenizer):
    m = TopicModel(k=3, unit="paragraph", random_state=7, k_range=(2, 5), tokenizer=synth_tokenizer)
    params = m.get_params()
    assert params["k"] == 3 and params["random_state"] == 7 and params["k_range"] == (2, 5)
    assert not [a for a in vars(m) if a.endswith("_")]  # nothing learned before fit
    c = clone(m)
    assert c.get_params()["k_range"] == (2, 5)
    docs, _ = planted(n_per=10)
    assert m.fit(docs) is m
    assert m.labels_.shape == (len(m.units_),)
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        TopicModel().predict(["社区"])


@pytest.mark.parametrize(
    ("kw", "msg"),
    [
        ({"unit": "sentence"}, "unit='sentence'"),
        ({"engine": "gpu"}, "engine='gpu'"),
        ({"k": 1}, "k=1"),
        ({"k_range": (5, 2)}, "k_range"),
        ({"random_state": None}, "random_state=None"),
        ({"min_tokens": 0}, "min_tokens"),
        ({"n_components": "many"}, "n_components='many'"),
    ],
)
def test_bad_parameters_are_named(kw, msg):
    with pytest.raises(ValueError, match=msg):
        TopicModel(**kw).fit(["社区网格员上门服务"] * 5)


def test_too_few_units_is_explained(synth_tokenizer):
    with pytest.raises(ValueError, match="only 1 unit"):
        TopicModel(tokenizer=synth_tokenizer).fit(["交警 民警 校园 过马路 头盔 车辆", "短"])
    with pytest.raises(TypeError, match="single string"):
        TopicModel().fit("社区网格员上门服务")
    with pytest.raises(TypeError, match=r"unit 1: expected a text or an \(id, text\) pair"):
        list(iter_units(["社区", 3]))


# --------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_model(seed_corpus) -> TopicModel:
    # the notebook defaults (notebooks/specs/03_topics.py)
    return TopicModel(k="auto", unit="paragraph", random_state=0).fit(seed_corpus)


def _fingerprint(m: TopicModel) -> dict:
    return {"labels": m.labels_.tolist(), "top": m.top_terms_, "k": int(m.k_)}


def test_same_input_same_clusters(seed_corpus, seed_model):
    again = TopicModel(k="auto", unit="paragraph", random_state=0).fit(seed_corpus)
    assert _fingerprint(again) == _fingerprint(seed_model)
    assert again.k_scores_.equals(seed_model.k_scores_)
    assert (
        again.embedding_[["x", "y"]].to_numpy().tolist()
        == seed_model.embedding_[["x", "y"]].to_numpy().tolist()
    )


def test_stability_scores_are_deterministic(synth_tokenizer):
    docs, _ = planted(n_per=12)
    a = TopicModel(k_range=(2, 6), tokenizer=synth_tokenizer, n_resamples=3).fit(docs)
    b = TopicModel(k_range=(2, 6), tokenizer=synth_tokenizer, n_resamples=3).fit(docs)
    assert a.k_scores_.equals(b.k_scores_)
    assert a.k_scores_["stability"].notna().all()


def test_same_clusters_in_a_fresh_process_with_another_hash_seed(seeds_dir, seed_model):
    code = (
        "import json, govstats as gs\n"
        "from govstats.topics import TopicModel\n"
        "m = TopicModel(k='auto', unit='paragraph', random_state=0)\n"
        f"m.fit(gs.load_corpus({str(seeds_dir)!r}))\n"
        "print(json.dumps({'labels': m.labels_.tolist(), 'top': m.top_terms_, 'k': int(m.k_)}, ensure_ascii=False))\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345", OMP_NUM_THREADS="1")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == _fingerprint(seed_model)


def test_rjieba_default_gives_the_same_topics_as_jieba(seed_corpus, seed_model):
    ref = TopicModel(
        k="auto", unit="paragraph", random_state=0, tokenizer=Tokenizer(backend="jieba")
    )
    ref.fit(seed_corpus)
    assert _fingerprint(ref) == _fingerprint(seed_model)
    assert ref.clusters_["label"].tolist() == seed_model.clusters_["label"].tolist()


# Every article of the seeds, decided by reading it (keys are parts of the titles the
# segmenter finds). Governance: articles about how grassroots governance is organised
# or delivered. Unrelated: short items on other subjects printed on the same pages.
GOVERNANCE_ARTICLES = {
    "拉着家常": "000 牟平: 小区党支部, 联席会议, 四级治理体系, 红色议事厅",
    "东华社区": "000 东华社区: 网格员 home visits, legal aid, 党建引领 品质社区",
    "寒亭区下好党建": "001 寒亭: 社区赋能·书记赋权, 红网 网格化治理",
    "莱山区": "002 莱山: 四级组织体系, 兼职委员, 党群服务阵地",
    "千千结": "003 蓝海社区: 民情台账, 调解, 四级网格治理体系",
    "楼长+": "004 东昌府: 楼长+ model, 红色物业",
    "幸福食堂": "004 柳园街道: community canteens (a governance service)",
    "小积分": "004 侯营镇: 信义积分 (a governance incentive scheme)",
}
UNRELATED_ITEMS = {
    "交警": "003 traffic safety at school (开学第一课)",
    "无证明城市": "003 certificate-free administration",
    "数字化转型": "000 digital transformation of a smelter",
    "电商培训": "004 e-commerce training",
    "闫寺": "004 rural industry (闫寺街道 采访)",
    "防疫24小时": "004 COVID testing diary of a community secretary",
    "不负青春": "004 training reflection essay 1",
    "用奋斗": "004 training reflection essay 2",
}
# Borderline, not asserted either way: 孝善 (好婆婆·好媳妇 family virtues), 学雷锋
# (高陵镇 volunteers), 宁海街道 社区工作者 training and 文化街道 后备干部 election
# (governance staff, not governance practice).


def _cluster_of(articles, key: str) -> int:
    rows = articles[articles["title"].str.contains(key, regex=False)]
    assert len(rows) == 1, key  # the segmenter found exactly that article
    return int(rows["cluster"].iloc[0])


# Unrelated items with a vocabulary of their own (not administrative services, which
# read like the governance service articles: 无证明城市, 数字化转型 of a smelter).
OWN_SUBJECT_ITEMS = ("交警", "电商培训", "防疫24小时", "不负青春", "用奋斗")


def test_governance_articles_gather_apart_from_the_unrelated_items(seed_model):
    # At article level: each article's majority cluster over its paragraphs. With few
    # clusters (k chosen by silhouette x stability, bounded by sqrt(n/2)) k-means must
    # merge subjects; what must hold is that the governance articles sit in clusters of
    # their own, and the items with a vocabulary of their own sit elsewhere.
    articles = seed_model.article_clusters()
    gov = {key: _cluster_of(articles, key) for key in GOVERNANCE_ARTICLES}
    own = {key: _cluster_of(articles, key) for key in OWN_SUBJECT_ITEMS}
    assert not set(gov.values()) & set(own.values()), (gov, own)
    assert len(set(gov.values())) <= 3  # 8 governance articles, at most 3 clusters
    assert seed_model.k_ <= 8


def test_article_clusters(seed_corpus, seed_model):
    ac = seed_model.article_clusters()
    assert list(ac.columns) == [
        "article_id",
        "file",
        "title",
        "n_units",
        "cluster",
        "label",
        "share",
        "clusters",
    ]
    assert ac["n_units"].sum() == len(seed_model.units_)
    assert ac["share"].between(0, 1, inclusive="right").all()
    assert set(ac["article_id"]) <= {a.id for a in seed_corpus.articles}
    units = seed_model.units_
    for _, r in ac.iterrows():
        counts = Counter(units.loc[units["article_id"] == r["article_id"], "cluster"])
        assert counts[r["cluster"]] == max(counts.values())
        assert r["label"] == seed_model.clusters_["label"][r["cluster"]]
    # fitted from (id, text) pairs: the article of each unit is passed in
    groups = dict(zip(units["unit_id"], units["article_id"]))
    pairs = TopicModel(k=3, n_resamples=0).fit(list(zip(units["unit_id"], units["text"])))
    by_pairs = pairs.article_clusters(groups=groups)
    assert by_pairs["title"].isna().all() and by_pairs["n_units"].sum() == len(pairs.units_)
    with pytest.raises(ValueError, match="groups"):
        pairs.article_clusters()


def test_short_boilerplate_units_are_left_out(seed_model):
    texts = set(seed_model.units_["text"])
    assert "(全百惠 牟组宣)" not in texts and "A01版:重点" not in texts
    assert seed_model.n_units_dropped_ > 0
    assert (seed_model.units_["n_tokens"] >= seed_model.min_tokens).all()


def test_units_skip_duplicates_and_non_body_paragraphs(seed_corpus):
    ids = [u[0] for u in iter_units(seed_corpus)]
    body = {
        p.id
        for a in seed_corpus.articles
        for p in a.paragraphs
        if p.kind == "body" and p.duplicate_of is None
    }
    assert set(ids) == body
    arts = list(iter_units(seed_corpus, unit="article"))
    assert len(arts) == sum(a.duplicate_of is None for a in seed_corpus.articles)


def test_summary_explains_each_cluster(seed_corpus, seed_model):
    s = seed_model.summary()
    assert list(s.columns) == [
        "cluster",
        "size",
        "share",
        "label",
        "top_terms",
        "models",
        "rep_unit_id",
        "rep_file",
        "rep_article_id",
        "rep_paragraph_index",
        "rep_text",
    ]
    assert s["cluster"].tolist() == list(range(seed_model.k_))
    assert s["size"].sum() == len(seed_model.units_)
    assert s["size"].is_monotonic_decreasing
    paras = {p.id: (a, p) for a, p in seed_corpus.paragraphs()}
    for _, r in s.iterrows():
        assert r["label"] and r["top_terms"]
        a, p = paras[r["rep_unit_id"]]
        assert (r["rep_file"], r["rep_article_id"], r["rep_paragraph_index"], r["rep_text"]) == (
            a.file,
            a.id,
            p.index,
            p.text,
        )
        assert (
            seed_model.units_.set_index("unit_id").loc[r["rep_unit_id"], "cluster"] == r["cluster"]
        )


def test_clusters_name_the_governance_models_they_mention(seed_model):
    s = seed_model.summary()
    # the cluster of 小区 governance paragraphs carries both models the seeds compare
    gov = s[s["label"].str.contains("小区")]
    assert len(gov) >= 1
    assert any("四级体系" in m and "楼长+" in m for m in gov["models"])
    assert seed_model.units_["models"].str.len().gt(0).any()


def test_k_scores_report_silhouette_and_stability(seed_model):
    ks = seed_model.k_scores_
    assert ks["k"].tolist() == k_candidates((2, 30), len(seed_model.units_))
    assert ks["silhouette"].between(-1, 1).all()
    assert ks["stability"].between(-1, 1).all()
    assert (ks["score"] == (ks["silhouette"] * ks["stability"].clip(lower=0)).round(12)).all()
    # the smallest k within 10 % of the best score (not the silhouette peak)
    assert seed_model.k_ == ks.loc[ks["score"] >= 0.9 * ks["score"].max() - 1e-12, "k"].min()


def test_choose_k_prefers_fewer_stable_clusters():
    from govstats.ksearch import choose_k

    # silhouette rising with k, stability falling: the product peaks early
    rows = [(2, 0.02, 0.90, 0), (3, 0.03, 0.80, 0), (4, 0.04, 0.30, 0), (10, 0.06, 0.20, 0)]
    assert choose_k(rows)[0] == 3
    # a larger k only within 10 % of a smaller one: the smaller is chosen
    assert choose_k([(2, 0.10, 0.5, 0), (5, 0.105, 0.5, 0)])[0] == 2
    # stability off (NaN): silhouette alone
    assert choose_k([(2, 0.1, float("nan"), 0), (3, 0.3, float("nan"), 0)])[0] == 3
    # negative silhouettes are not chosen over a positive one
    assert choose_k([(2, -0.1, 0.9, 0), (3, 0.01, 0.2, 0)])[0] == 3


@pytest.mark.parametrize(
    ("k_range", "n", "expected"),
    [
        ((2, 40), 148, [2, 3, 4, 5, 6, 7, 8]),  # bounded by sqrt(148 / 2) = 8.6
        ((2, 30), 617, [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 17]),  # sqrt(308) = 17.5 -> 17
        ((2, 30), 15640, [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 24, 30]),
        ((2, 8), 148, [2, 3, 4, 5, 6, 7, 8]),
        ((2, 40), 6, [2]),
        ((4, 40), 4, [3]),
        ((5, 5), 100, [5]),
    ],
)
def test_k_candidates(k_range, n, expected):
    assert k_candidates(k_range, n) == expected


def test_lsa_clusters_in_the_reduced_space(synth_tokenizer):
    docs, truth = planted(n_per=20)
    m = TopicModel(k=4, n_components=10, tokenizer=synth_tokenizer, n_resamples=0).fit(docs)
    assert list(m.pipeline_.named_steps) == ["tfidf", "svd", "normalize", "kmeans"]
    assert m.n_components_ == 10 and 0 < m.explained_variance_ <= 1
    assert m.pipeline_["kmeans"].cluster_centers_.shape == (4, 10)
    assert (m.predict(docs) == m.labels_).all()
    assert adjusted_rand_score(truth, m.labels_) >= 0.9
    assert len(m.get_feature_names_out()) > 10  # top terms stay words, not SVD axes
    for terms in m.top_terms_:
        assert {t for t, v in VOCAB.items() for w in terms[:3] if w in v.split()}
    with pytest.raises(ValueError, match="n_components=-1"):
        TopicModel(n_components=-1).fit(docs)


def test_fixed_k_and_article_units(seed_corpus):
    m = TopicModel(k=2, unit="article", min_tokens=5).fit(seed_corpus)
    assert m.k_ == 2 and len(m.k_scores_) == 1
    assert m.units_["paragraph_index"].isna().all()


def test_projection_and_plot(seed_model):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    emb = seed_model.project()
    assert list(emb.columns) == [
        "unit_id",
        "file",
        "article_id",
        "paragraph_index",
        "x",
        "y",
        "cluster",
        "label",
        "models",
    ]
    assert len(emb) == len(seed_model.units_)
    new = seed_model.project(["社区网格员上门服务，解决居民诉求"])
    assert len(new) == 1 and np.isfinite(new[["x", "y"]].to_numpy()).all()
    fig, ax = plt.subplots()
    try:
        assert seed_model.plot_map(ax=ax) is ax
        assert plot_map(emb, ax=ax) is ax
        assert len(ax.collections) == 2 * seed_model.k_
        with pytest.raises(ValueError, match="lacks columns"):
            plot_map(emb.drop(columns="x"), ax=ax)
    finally:
        plt.close(fig)
