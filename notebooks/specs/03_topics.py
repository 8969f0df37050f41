CELLS = [
("md", """
# 主题聚类 · Topic clusters

Paragraphs (or whole articles) clustered by their words: TF-IDF over jieba tokens (governance terms
kept whole, stopwords removed) and k-means. With `k="auto"` the number of clusters is the one with
the best silhouette; stability is the mean agreement (adjusted Rand index) with re-fits on 80 %
samples. Clusters are numbered by size and named by their most characteristic words.
"""),
("parameters", """
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
store: str = None  # a .duckdb file or folder of tables from `govstats extract`; overrides seeds_dir
k = "auto"  # number of clusters, auto or an int of 2 or more
unit: str = "paragraph"  # what is clustered, one of: "paragraph", "article"
random_state: int = 0  # seed (fixed: the same input gives the same clusters)
"""),
("code", """
import govstats as gs
from govstats import compare, plotting

plotting.use_cjk_font()
plotting.setup_display()
tables = compare.load_tables(seeds_dir, store=store)
topics = compare.topic_tables(tables, k=k, unit=unit, random_state=random_state)
"""),
("md", "## 选择 k · Choosing k: scores and stability"),
("code", """
ax = plotting.plot_k_scores(topics.k_scores, title="各 k 的轮廓系数与稳定性 · silhouette and stability per k")
"""),
("code", """
plotting.show_table(topics.k_scores, caption="k 的得分 · scores per k (chosen = used below)", precision=3)
"""),
("md", "## 聚类大小与关键词 · Cluster sizes and top terms"),
("code", """
ax = plotting.plot_bar(
    topics.clusters.set_index("label")["size"] if len(topics.clusters) else topics.clusters,
    title="各聚类的单元数 · units per cluster",
    xlabel=f"{unit} 数 (units)",
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
plotting.show_table(topics.articles, caption="文章 × 聚类 · each article's majority cluster")
"""),
("md", "## 代表段落 · Representative paragraphs (closest to each cluster's centre)"),
("code", """
plotting.show_table(topics.representatives, caption="代表段落 · the most central unit of each cluster")
"""),
("md", "## 二维图 · 2-D map"),
("code", """
ax = plotting.plot_topic_map(topics.embedding, title="主题二维图 · topic map (TruncatedSVD of TF-IDF)")
"""),
("md", "## 聚类 × 治理模式 · Clusters × governance models"),
("code", """
ax = plotting.plot_profile(
    topics.by_model,
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
]
