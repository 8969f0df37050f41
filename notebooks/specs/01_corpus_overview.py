CELLS = [
("md", """
# 语料概览 · Corpus overview

Which files were read, how they were decoded, how many articles each holds, where and when
they were published, what could not be read, and what was left out as duplicate.
"""),
("parameters", """
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
"""),
("code", """
import govstats as gs
from govstats import plotting

plotting.use_cjk_font()
corpus = gs.load_corpus(seeds_dir)
docs = corpus.documents_frame()
articles = corpus.articles_frame()
"""),
("md", "## 文件 · Files"),
("code", """
docs
"""),
("code", """
ax = plotting.plot_bar(
    docs.set_index("file")["n_chars"],
    title="每个文件的字符数 · characters per file",
    xlabel="字符数 (characters)",
    ylabel="文件 (file)",
)
"""),
("md", "## 文章 · Articles"),
("code", """
articles
"""),
("code", """
ax = plotting.plot_counts(articles, "place", title="各地文章数 · articles per place", xlabel="文章数 (articles)", ylabel="地区 (place)")
"""),
("md", "## 读取问题与重复 · Problems and duplicates"),
("code", """
gs.to_frame(corpus.problems, kind=gs.Problem)
"""),
("code", """
blocks = corpus.paragraphs_frame()
blocks[blocks["duplicate_of"].notna()]
"""),
]
