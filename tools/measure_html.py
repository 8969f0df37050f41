"""trafilatura on pages built from real records: paragraphs kept, boilerplate dropped.

Writes 60 random governance records (seed 5) as HTML pages with a navigation bar, a
sidebar of related links and a copyright footer into a temporary folder (never into
the repository), reads them back through :func:`govstats.sources.iter_documents`
and counts paragraphs recovered verbatim, pages leaking boilerplate, titles and
dates. Run: ``PYTHONPATH=. python tools/measure_html.py``.
"""

from __future__ import annotations

import gzip
import html
import json
import random
import tempfile
import time
from pathlib import Path

from govstats.records import Document
from govstats.sources import iter_documents, prepare_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "governance.jsonl.gz"
NAV = (
    "<nav><a href='/'>首页</a> | <a href='/news'>新闻中心</a> | <a href='/about'>关于我们</a></nav>"
)
SIDE = (
    "<aside><h3>热点推荐</h3><ul><li><a href='/a1'>相关新闻一则标题</a></li>"
    "<li><a href='/a2'>另一则推荐新闻标题</a></li></ul></aside>"
)
FOOT = "<footer><p>版权所有 © 2024 某某网 京ICP备12345678号</p><p>联系我们 | 网站地图</p></footer>"
BOILER = ("首页", "版权所有", "热点推荐", "网站地图")


def page(rec: dict) -> str:
    title = html.escape(rec["title"] or "")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in rec["text"].split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} - 某某网</title>"
        f"<meta name='date' content='{rec['date'] or ''}'></head><body>{NAV}<div class='main'>"
        f"<article><h1>{title}</h1><div class='info'>来源:{html.escape(rec['source'] or '')} "
        f"发布时间:{rec['date'] or ''}</div>{body}</article>{SIDE}</div>{FOOT}</body></html>"
    )


def paragraphs(rec: dict) -> list[str]:
    return [prepare_text(p.strip())[0] for p in rec["text"].split("\n") if p.strip("\u200b\ufeff ")]


def main() -> dict[str, float]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    sample = random.Random(5).sample(recs, 60)
    tmp = Path(tempfile.mkdtemp(prefix="govstats-html-"))
    for i, rec in enumerate(sample):
        (tmp / f"{i:03d}.html").write_text(page(rec), encoding="utf-8")
    t = time.perf_counter()
    docs = {d.path: d for d in iter_documents(tmp) if isinstance(d, Document)}
    elapsed = time.perf_counter() - t
    c = dict.fromkeys(["paragraphs", "verbatim", "pages_complete", "leaks", "dates", "titles"], 0)
    c["dated"] = sum(1 for r in sample if r["date"])
    for i, rec in enumerate(sample):
        d = docs[str(tmp / f"{i:03d}.html")]
        want = paragraphs(rec)
        lines = {s.strip() for s in d.text.split("\n")}
        got = sum(p in lines for p in want)
        c["paragraphs"] += len(want)
        c["verbatim"] += got
        c["pages_complete"] += got == len(want)
        c["leaks"] += any(b in d.text for b in BOILER)
        c["dates"] += d.date is not None and d.date == rec["date"]
        c["titles"] += d.title == prepare_text(" ".join((rec["title"] or "").split()))[0]
    c["pages"] = len(sample)
    c["ms_per_page"] = round(1000 * elapsed / len(sample))
    return c


if __name__ == "__main__":
    print(json.dumps(main()))
