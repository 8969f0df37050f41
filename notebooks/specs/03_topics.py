CELLS = [
("md", """
# 主题聚类 · Topic clusters

Paragraphs (or whole articles) clustered by their words: TF-IDF over jieba tokens (governance terms
kept whole, stopwords removed) and k-means. With `k="auto"` the candidates run from 2 to √(units/2)
(at most 30); each gets its silhouette (how separated the clusters are) and its stability (mean
agreement, adjusted Rand index, with re-fits on 80 % samples), and the chosen k is the **smallest k
whose silhouette × stability is within 10 % of the best**: fewer clusters unless more are clearly
better. With `unit="auto"` whole articles are clustered when the corpus has more than 300 articles,
paragraphs otherwise. Clusters are numbered by size and named by their most characteristic words.
"""),
("parameters", """
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
store: str = None  # a .duckdb file or folder of tables from `govstats extract`; overrides seeds_dir
k = "auto"  # number of clusters, auto or an int of 2 or more
unit: str = "auto"  # what is clustered (auto: articles above 300 articles), one of: "auto", "paragraph", "article"
random_state: int = 0  # seed (fixed: the same input gives the same clusters)
"""),
("code", """
from govstats import downloads, figures, plotting, tables as gtables, topic_tables

plotting.use_cjk_font()
plotting.setup_display()
tables = gtables.load_tables(seeds_dir, store=store)
unit_used = topic_tables.resolve_unit(tables, unit)
topics = topic_tables.topic_tables(tables, k=k, unit=unit_used, random_state=random_state)
downloads.sortable_tables()
"""),
("md", "## 选择 k · Choosing k: scores and stability"),
("code", """
ax = figures.plot_k_curve(topics.k_scores, title=f"选择 k · silhouette, stability and their product per k ({len(topics.units)} {unit_used} units)")
"""),
("code", """
plotting.show_table(topics.k_scores, caption="k 的得分 · scores per k (chosen = used below)", precision=3)
"""),
("md", "## 聚类大小与关键词 · Cluster sizes and top terms"),
("code", """
ax = plotting.plot_bar(
    topics.clusters.set_index("label")["size"] if len(topics.clusters) else topics.clusters,
    title="各聚类的单元数 · units per cluster",
    xlabel=f"{unit_used} 数 (units)",
    ylabel="聚类 (cluster)",
)
"""),
("code", """
plotting.show_table(topics.clusters, caption="聚类 · clusters, largest first, with their top terms")
"""),
("md", """
## 文章落在哪个聚类 · Where each article sits

An article's cluster is the one holding most of its units; `share` is that fraction and `clusters`
lists every cluster its units fall in (`cluster:units`).
"""),
("code", """
plotting.show_table(topics.articles, caption="文章 × 聚类 · each article's majority cluster (by cluster)", top=60)
"""),
("md", "## 代表段落 · Representative paragraphs (closest to each cluster's centre)"),
("code", """
plotting.show_table(topics.representatives, caption="代表段落 · the most central unit of each cluster")
"""),
("md", "## 二维图 · 2-D map"),
("code", """
fig = figures.plot_topic_map(topics.embedding, title="主题二维图 · topic map (TruncatedSVD of TF-IDF; numbers mark each cluster)")
"""),
("md", "## 聚类 × 治理模式 · Clusters × governance models"),
("md", "Clusters in which no unit mentions any governance model are left out of this figure (they are in the table of clusters above)."),
("code", """
ax = plotting.plot_profile(
    topic_tables.nonzero_rows(topics.by_model),
    title="各聚类中提及各模式的单元数 · units mentioning each model, per cluster",
    xlabel="模式 (model)",
    ylabel="聚类 (cluster)",
    fmt="d",
    cmap="Reds",
)
"""),
("code", """
plotting.show_table(topics.by_model, caption="聚类 × 模式 · units of each cluster that mention each model")
"""),
("md", "## 下载 · Downloads"),
("code", """
downloads.write_tables({
    "k_scores": topics.k_scores,
    "clusters": topics.clusters,
    "articles": topics.articles,
    "representatives": topics.representatives,
    "units": topics.units,
    "by_model": topics.by_model,
})
"""),
]
