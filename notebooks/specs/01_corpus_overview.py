CELLS = [
("md", """
# 语料概览 · Corpus overview

Which files were read, how they were decoded, how many articles each holds, where and when the
articles were published and by which paper, what could not be read, and what was left out as a
duplicate (paragraphs the page layout printed twice).
"""),
("parameters", """
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
store: str = None  # a .duckdb file or folder of tables from `govstats extract`; overrides seeds_dir
"""),
("code", """
import govstats as gs
from govstats import compare, plotting

plotting.use_cjk_font()
plotting.setup_display()
tables = compare.load_tables(seeds_dir, store=store)
docs = tables.documents
articles = tables.articles
"""),
("md", "## 文件与编码 · Files and encodings"),
("code", """
plotting.show_table(docs, caption="读取的文件 · files read (encoding as detected)")
"""),
("code", """
plotting.show_table(compare.count_table(docs, "encoding"), caption="编码 · encodings")
"""),
("code", """
ax = plotting.plot_bar(
    docs.set_index("file")["n_articles"],
    title="每个文件的文章数 · articles per file",
    xlabel="文章数 (articles)",
    ylabel="文件 (file)",
)
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
plotting.show_table(
    articles[["file", "article_index", "title", "place", "date", "source", "byline", "n_paragraphs", "n_chars"]],
    caption="文章 · articles in reading order",
)
"""),
("code", """
ax = plotting.plot_counts(articles, "place", title="各地文章数 · articles per place", xlabel="文章数 (articles)", ylabel="地区 (place)")
"""),
("code", """
plotting.show_table(compare.count_table(articles, "place"), caption="地区 · places (district or county the article is about)")
"""),
("code", """
plotting.show_table(compare.count_table(articles, "date"), caption="日期 · publication dates stated in the files")
"""),
("code", """
plotting.show_table(compare.count_table(articles, "source"), caption="来源 · newspapers named in the files")
"""),
("md", "## 读取问题 · Problems found while reading"),
("code", """
plotting.show_table(tables.problems, caption="无法读取的文件 · files that could not be read, and why")
"""),
("md", "## 去重 · Duplicates removed"),
("code", """
plotting.show_table(compare.duplicates_table(tables), caption="去掉的重复段落与文章 · duplicate paragraphs and articles left out")
"""),
]
