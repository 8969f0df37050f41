CELLS = [
("md", """
# 数量指标 · Numeric indicators

Every numeric claim extracted from the articles (how many meetings, people, problems, places, what
percentage …), with its unit, qualifier (余/近/约 …), subject, place and the sentence it is quoted
from. Filter with the parameters `unit`, `place` and `model`; claims from paragraphs the layout
printed twice are excluded (listed at the end).
"""),
("parameters", """
seeds_dir: str = "../seeds"  # folder of .txt article files (or one file)
store: str = None  # a .duckdb file or folder of tables from `govstats extract`; overrides seeds_dir
unit: str = None  # keep only this unit, e.g. "%", "个", "名" (None: all)
place: str = None  # keep only claims whose place contains this, e.g. "莱山" (None: all)
model: str = None  # keep only claims about this governance model, e.g. "四级体系" (None: all)
top: int = 40  # rows shown of the long tables
"""),
("code", """
import govstats as gs
from govstats import compare, plotting

plotting.use_cjk_font()
plotting.setup_display()
tables = compare.load_tables(seeds_dir, store=store)
ind = compare.filter_indicators(tables, unit=unit, place=place, model=model)
"""),
("md", "## 指标表 · The indicator table"),
("code", """
plotting.show_table(
    ind[["surface", "value", "value_max", "unit", "qualifier", "subject", "time_scope", "place", "models", "quote", "file", "article_index"]],
    caption=f"数量指标 · claims (unit={unit}, place={place}, model={model}) in reading order",
    top=top,
)
"""),
("md", "## 按单位、主题、地区、模式计数 · Counts by unit, subject, place and model"),
("code", """
ax = plotting.plot_counts(ind, "unit", title="各单位的指标数 · claims per unit", xlabel="指标数 (claims)", ylabel="单位 (unit)")
"""),
("code", """
plotting.show_table(compare.count_table(ind, "subject"), caption="主题 · claims per subject", top=25)
"""),
("code", """
ax = plotting.plot_counts(ind, "place", title="各地的指标数 · claims per place", xlabel="指标数 (claims)", ylabel="地区 (place)")
"""),
("code", """
ax = plotting.plot_bar(
    compare.count_table(ind, "models", label="model").set_index("model")["n"],
    title="各治理模式的指标数 · claims per governance model",
    xlabel="指标数 (claims; a claim can concern several models)",
    ylabel="模式 (model)",
)
"""),
("md", """
## 最大的数字 · Largest claims

The largest values of the most frequent units, each with the sentence it is quoted from (the claim
in 【】). Values are only compared within a unit.
"""),
("code", """
plotting.show_table(compare.largest_claims(ind), caption="各单位最大的数字 · largest claims per unit (top 3 of the 5 most frequent units)")
"""),
("md", "## 精确程度 · Qualifier mix (how many claims are 余/近/约)"),
("code", """
mix = compare.qualifier_mix(ind)
plotting.show_table(mix, caption="限定词 · qualifiers (approximate = 余/多, 近, 约/左右)")
"""),
("code", """
ax = plotting.plot_bar(
    mix.set_index("reads_as")["n"],
    title="指标的限定词 · qualifiers of the claims",
    xlabel="指标数 (claims)",
    ylabel="限定词 (qualifier)",
)
"""),
("md", "## 去掉的重复 · Duplicates excluded"),
("code", """
dups = compare.filter_indicators(tables, unit=unit, place=place, model=model, include_duplicates=True)
plotting.show_table(
    dups[dups["duplicate"]][["surface", "subject", "quote", "file", "article_index"]],
    caption="重复段落中的指标（已排除） · claims in paragraphs printed twice (excluded above)",
)
"""),
]
