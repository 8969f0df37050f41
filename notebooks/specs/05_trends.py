CELLS = [
("md", """
# 趋势与扩散 · Trends and diffusion

When and where each governance model appears: per model, the articles that **name** it and the
articles that mention **only a role** of it (楼栋长 for 楼长+, 网格员 for 网格化治理 …), per year (per
month when the corpus is dense), always beside the number of dated articles of the corpus in that
period; the first and latest appearance per province (and city, where the articles carry one); the
provinces a model reached on a tile-grid map; and what is claimed about a unit (e.g. how many 网格员)
over time, with the sentence each number is quoted from.

Counts are articles, not mentions; duplicated articles and paragraphs are counted once. Undated
articles are in no period (their number is shown).
"""),
("parameters", """
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
store: str = None  # a .duckdb file or folder of tables from `govstats extract`; overrides seeds_dir
models: list = []  # model ids to follow (see `govstats models`); empty: the 6 mentioned in most articles
freq: str = "auto"  # periods (auto: months when the dated articles average 20+ a month), one of: "auto", "year", "month"
terms: list = ["网格员", "楼栋长", "楼长"]  # units whose stated numbers are followed over time
min_articles: int = 5  # least dated articles a model needs before a trend is stated
top: int = 30  # rows shown of the long tables (full tables are downloadable)
"""),
("code", """
from govstats import downloads, figures, plotting, tables as gtables, trends

plotting.use_cjk_font()
plotting.setup_display()
tables = gtables.load_tables(seeds_dir, store=store)
chosen = trends.pick_models(tables, models)
arts = trends.article_frame(tables)
freq_used = trends.choose_frequency(arts) if freq == "auto" else freq
timeline = trends.model_timeline(tables, chosen, freq=freq_used)
undated = trends.timeline_undated(tables, chosen)
firsts = trends.first_appearances(tables, chosen, level="province")
cities = trends.first_appearances(tables, chosen, level="city")
reached = trends.provinces_reached(tables, chosen)
claims = trends.claims_over_time(tables, terms, freq="year")
per_period = trends.claims_per_period(claims)
statements = trends.trend_statements(timeline, firsts, min_articles=min_articles)
downloads.sortable_tables()
"""),
("md", "## 发现 · Findings"),
("code", """
trends.statements_markdown(statements, min_articles=min_articles)
"""),
("md", """
## 时间线 · Articles per period

Solid bars: articles naming the model; hatched: articles mentioning only a role of it. The grey
line (right axis) is the number of dated articles in the corpus for that period, the base every bar
must be read against.
"""),
("code", """
fig = figures.plot_timeline(timeline, title=f"各模式的文章数 · articles per {freq_used}", models=chosen)
"""),
("code", """
plotting.show_table(trends.timeline_wide(timeline), caption=f"每期文章数与语料规模 · articles per {freq_used}, with the corpus size (corpus_articles)", top=top)
"""),
("code", """
plotting.show_table(undated, caption="无日期的文章 · articles per model, and those without a date (not in any period)")
"""),
("md", """
## 地区 · Where each model appeared first and last

A province is the one the article carries (or, without that field, the first province named in
its title, else in its first paragraph: `province_from`). Cities need a `city` field on the
articles.
"""),
("code", """
fig = figures.plot_province_tiles(reached, title="模式到达的省级地区 · provinces each model reached (colour: first year)", models=chosen)
"""),
("code", """
plotting.show_table(firsts, caption="各省首次与最近出现 · first and latest appearance per province", top=top)
"""),
("code", """
plotting.show_table(cities, caption="各市首次与最近出现 · first and latest appearance per city (articles with a city)", top=top)
"""),
("md", """
## 数量陈述随时间 · Claims about a unit over time

Numbers stated about each unit in `terms` (its subject, or the unit written right after the
number), dated by their article. Hollow dots are approximate (余/多/近/约): such a number is a bound,
not a count, and should not be divided by another.
"""),
("code", """
ax = figures.plot_claims(claims, title="各年陈述的数量 · numbers stated per year (" + "、".join(terms) + ")")
"""),
("code", """
plotting.show_table(per_period, caption="每年的数量陈述 · claims per year and unit (approximate = 余/多/近/约)", top=top)
"""),
("code", """
plotting.show_table(
    claims[["term", "period", "surface", "qualifier", "subject", "province", "quote", "title"]],
    caption="数量陈述及原句 · every claim with its sentence (claim in 【】)",
    top=top,
)
"""),
("md", "## 下载 · Downloads"),
("code", """
downloads.write_tables({
    "timeline": timeline,
    "undated": undated,
    "first_by_province": firsts,
    "first_by_city": cities,
    "provinces_reached": reached,
    "claims": claims,
    "claims_per_period": per_period,
    "statements": statements,
})
"""),
]
