CELLS = [
("md", """
# 治理模式比较 · Governance models side by side

For each governance model named in `models` (two to eight; default 楼长+ and 四级体系): where it
appears, the organisation structure stated for it (levels, counts, span of control), the mechanisms
mentioned with it, the numeric claims made about it (with the sentence they come from), the words
that set its paragraphs apart, and its topic profile. The findings at the top are generated from
these tables, in Chinese and then English; nothing in them is written by hand, and each gives the
number of articles it rests on.

A model's *paragraphs* are the body paragraphs that mention it (any alias in the lexicon, see
`govstats models`; a title is not a paragraph); paragraphs the page layout printed twice are counted
once. Long tables show their first `top` rows; every table is downloadable in full (CSV and one XLSX
workbook, at the end) and sortable by clicking a column header.
"""),
("parameters", """
models: list = ["楼长+", "四级体系"]  # two to eight governance-model ids (see `govstats models`)
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
store: str = None  # a .duckdb file or folder of tables from `govstats extract`; overrides seeds_dir
k = "auto"  # number of clusters, auto or an int of 2 or more
unit: str = "auto"  # topic units (auto: articles above 300 articles), one of: "auto", "paragraph", "article"
random_state: int = 0  # seed of the topic model (fixed: the report is reproducible)
min_articles: int = 3  # least articles a comparison, share, distinctive word or topic statement rests on
z_min: float = 1.96  # least log-odds z-score of a distinctive term (two-sided 5 %)
place_level: str = "auto"  # place axis (auto: province when 2+ are named), one of: "auto", "province", "city", "place"
top: int = 25  # rows shown of the long tables (full tables are downloadable)
"""),
("code", """
from govstats import comparison as gcomparison, downloads, findings, plotting, tables as gtables

plotting.use_cjk_font()
plotting.setup_display()
tables = gtables.load_tables(seeds_dir, store=store)
comparison = gcomparison.compare_models(
    tables, models, k=k, unit=unit, random_state=random_state, z_min=z_min, place_level=place_level
)
downloads.sortable_tables()
"""),
("md", "## 发现 · Findings"),
("code", """
findings.findings_markdown(comparison, min_articles=min_articles)
"""),
("md", """
## 出现在哪里 · Where each model appears

Mentions, paragraphs, articles and files per model, with the places and dates of those articles.
Places are rolled up to one level (the first column of the place table says which: province, city,
or the article's own place where neither is known), so 区, 社区 and 村 are not mixed on one axis.
"""),
("code", """
plotting.show_table(comparison.presence, caption="各模式出现情况 · presence of each model")
"""),
("code", """
ax = plotting.plot_grouped_bar(
    comparison.places.head(15),
    title=f"各地提及该模式的文章数 · articles mentioning each model, by {comparison.places.index.name} (15 with most articles)",
    xlabel="文章数 (articles)",
    ylabel="地区 (place)",
)
"""),
("code", """
plotting.show_table(comparison.places, caption=f"各地文章数 · articles per {comparison.places.index.name} and model", top=top)
"""),
("code", """
plotting.show_table(
    comparison.articles[["model", "title", "province", "city", "place", "date", "source", "mentions", "file", "article_index"]],
    caption="提及各模式的文章 · articles mentioning each model (most mentions first)",
    top=top,
)
"""),
("code", """
plotting.show_table(comparison.overlap, caption="同时提及多个模式的文章 · articles mentioning two or more of the models", top=top)
"""),
("md", """
## 组织结构 · Organisation structure

The structure drawn for each model is the most informative one stated for it (most levels with a
count); filled boxes have a count in the same article, and `1 : x` is the span of control (units of
the lower level per unit of the upper level). A count stated as 余/多/近/约 is a bound, not a count:
a span of control computed from one is marked approximate (`ratio_approximate`). Every stated
structure is listed below the diagram (a structure restated in the same article once).
"""),
("code", """
ax = plotting.plot_hierarchies(
    comparison.levels,
    models=list(comparison.models),
    title="组织层级与数量 · levels, counts and span of control",
)
"""),
("code", """
plotting.show_table(comparison.levels, caption="主要结构的各层 · levels of each model's main structure (approximate = stated as 余/多/近/约)")
"""),
("code", """
plotting.show_table(comparison.structures, caption="文中陈述的层级结构 · every stated structure, with counts and ratios", top=top)
"""),
("md", """
## 机制 · Mechanisms mentioned with each model

Other models and mechanisms of the lexicon (网格化治理, 议事协商, 红色物业, 双报到 …) named in the same
paragraphs as the model: the number of the model's paragraphs that also mention them.
"""),
("code", """
ax = plotting.plot_grouped_bar(
    comparison.mechanisms.head(15),
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
    top=top,
)
"""),
("md", """
## 独特词 · Distinctive terms

Words over-represented in one model's paragraphs compared with the other models' paragraphs:
log-odds ratios with an informative Dirichlet prior (the whole corpus), as z-scores; only words with
z ≥ `z_min` (default 1.96, two-sided 5 %) are called distinctive. Paragraphs that mention two of the
compared models are left out of this contrast.
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

Units of the whole corpus (paragraphs, or articles above 300 articles) are clustered by their words
(TF-IDF + k-means, `k`, `unit` and `random_state` from the parameters; k chosen as in the topics
report); each column shows how a model's units spread over the clusters (clusters named by their
most characteristic words; clusters none of the models falls in are left out).
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
("md", "## 下载 · Downloads"),
("code", """
downloads.write_tables({
    "statements": findings.statements(comparison, min_articles=min_articles),
    "presence": comparison.presence,
    "places": comparison.places,
    "articles": comparison.articles,
    "overlap": comparison.overlap,
    "structures": comparison.structures,
    "levels": comparison.levels,
    "mechanisms": comparison.mechanisms,
    "indicators": comparison.indicators,
    "terms": comparison.terms,
    "topics": comparison.topics,
})
"""),
]
