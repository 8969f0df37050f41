CELLS = [
("md", """
# 治理模式比较 · Governance models side by side

For each governance model named in `models` (default 楼长+ and 四级体系): where it appears, the
organisation structure stated for it (levels, counts, span of control), the mechanisms mentioned
with it, the numeric claims made about it (with the sentence they come from), the words that set
its paragraphs apart, and its topic profile. The findings at the top are generated from these
tables; nothing in them is written by hand.

A model's *paragraphs* are the body paragraphs that mention it (any alias in the lexicon, see
`govstats models`); paragraphs the page layout printed twice are counted once.
"""),
("parameters", """
models: list = ["楼长+", "四级体系"]  # two or more governance-model ids (see `govstats models`)
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
store: str = None  # a .duckdb file or folder of tables from `govstats extract`; overrides seeds_dir
k = "auto"  # number of clusters, auto or an int of 2 or more
random_state: int = 0  # seed of the topic model (fixed: the report is reproducible)
"""),
("code", """
import govstats as gs
from govstats import compare, plotting

plotting.use_cjk_font()
plotting.setup_display()
tables = compare.load_tables(seeds_dir, store=store)
comparison = compare.compare_models(tables, models, k=k, random_state=random_state)
"""),
("md", "## 发现 · Findings"),
("code", """
compare.findings_markdown(comparison)
"""),
("md", """
## 出现在哪里 · Where each model appears

Mentions, paragraphs, articles and files per model, with the places and dates of those articles.
"""),
("code", """
plotting.show_table(comparison.presence, caption="各模式出现情况 · presence of each model")
"""),
("code", """
ax = plotting.plot_grouped_bar(
    comparison.places,
    title="各地提及该模式的文章数 · articles mentioning each model, by place",
    xlabel="文章数 (articles)",
    ylabel="地区 (place)",
)
"""),
("code", """
plotting.show_table(comparison.articles, caption="提及各模式的文章 · articles mentioning each model (most mentions first)")
"""),
("code", """
plotting.show_table(comparison.overlap, caption="同时提及多个模式的文章 · articles mentioning two or more of the models")
"""),
("md", """
## 组织结构 · Organisation structure

The structure drawn for each model is the most informative one stated for it (most levels with a
count); filled boxes have a count in the same article, and `1 : x` is the span of control (units of
the lower level per unit of the upper level). Every stated structure is listed below the diagram.
"""),
("code", """
ax = plotting.plot_hierarchies(
    comparison.levels,
    models=list(comparison.models),
    title="组织层级与数量 · levels, counts and span of control",
)
"""),
("code", """
plotting.show_table(comparison.structures, caption="文中陈述的层级结构 · every stated structure, with counts and ratios")
"""),
("md", """
## 机制 · Mechanisms mentioned with each model

Other models and mechanisms of the lexicon (网格化治理, 议事协商, 红色物业, 双报到 …) named in the same
paragraphs as the model: the number of the model's paragraphs that also mention them.
"""),
("code", """
ax = plotting.plot_grouped_bar(
    comparison.mechanisms,
    title="同段落共同提及的机制 · mechanisms co-mentioned in each model's paragraphs",
    xlabel="段落数 (paragraphs)",
    ylabel="共同提及 (co-mentioned)",
)
"""),
("md", """
## 指标 · Numeric claims about each model

Claims made in a paragraph that mentions the model, with the sentence they are quoted from
(file and article give the provenance).
"""),
("code", """
plotting.show_table(
    comparison.indicators[["model", "surface", "subject", "qualifier", "place", "quote", "file", "article_index"]],
    caption="各模式段落中的数量指标 · claims in each model's paragraphs (claim in 【】)",
)
"""),
("md", """
## 独特词 · Distinctive terms

Words over-represented in one model's paragraphs compared with the other models' paragraphs:
log-odds ratios with an informative Dirichlet prior (the whole corpus), as z-scores. Paragraphs that
mention two of the compared models are left out of this contrast.
"""),
("code", """
ax = plotting.plot_terms(
    comparison.terms,
    models=list(comparison.models),
    title="各模式的独特词 · distinctive terms of each model",
)
"""),
("code", """
plotting.show_table(comparison.side_by_side("terms"), caption="独特词并列 · distinctive terms side by side")
"""),
("md", """
## 主题 · Topic profile

Paragraphs of the whole corpus are clustered by their words (TF-IDF + k-means, `k` and
`random_state` from the parameters); each column shows how a model's paragraphs spread over the
clusters (clusters named by their most characteristic words).
"""),
("code", """
ax = plotting.plot_profile(
    comparison.topics,
    title="各模式段落的主题分布 · share of each model's paragraphs per topic cluster",
    xlabel="模式 (model)",
    ylabel="主题聚类 (cluster)",
    fmt=".0%",
    cmap="Blues",
)
"""),
]
