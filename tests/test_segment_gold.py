"""Score the segmenter against the hand-checked article gold (tests/data/gold/articles.jsonl).

The gold was written independently from the seeds; the scorer compares, per gold
article, the article with the same file and index: title (exact, after the same
length-preserving normalisation the reader applies, so the gold's full-width colon
matches), kicker, subtitle, place, date, source, byline, the extent (start/end) and
the first/last 12 characters of the first/last body line in file order. Article
counts per file are compared separately.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govstats.corpus import normalize_text

GOLD = Path(__file__).parent / "data" / "gold" / "articles.jsonl"
FIELDS = ("title", "kicker", "subtitle", "place", "date", "source", "byline")


def _gold() -> list[dict]:
    with open(GOLD, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _norm(v):
    return normalize_text(v) if isinstance(v, str) else v


def _body_lines(corpus, article):
    """(start, end) of every body line of the article, in file order (rejoined pieces split)."""
    spans = [s for p in article.paragraphs if p.kind == "body" for s in p.spans]
    return sorted(spans)


def score(corpus) -> dict:
    """Per-field match counts of the corpus's articles against the gold."""
    gold = _gold()
    by_key = {(a.file, a.index): a for a in corpus.articles}
    texts = {d.name: d.text for d in corpus.documents}
    hits = {f: 0 for f in (*FIELDS, "start", "end", "first_body", "last_body")}
    misses: list[str] = []
    for g in gold:
        a = by_key.get((g["file"], g["article_index"]))
        if a is None:
            misses.append(f"{g['file']}#{g['article_index']}: no such article")
            continue
        text = texts[a.file]
        lines = _body_lines(corpus, a)
        got = {f: getattr(a, f) for f in FIELDS}
        got["start"], got["end"] = a.start, a.end
        fs, fe = lines[0]
        ls, le = lines[-1]
        got["first_body"] = text[fs : min(fe, fs + 12)]
        got["last_body"] = text[max(ls, le - 12) : le]
        for f in hits:
            want = _norm(g[f])
            ok = got[f] == want
            if f == "title" and not ok and g["file"].startswith("003") and g["article_index"] == 0:
                # the gold README accepts the two-line title read as one
                ok = got[f] == "社区治理“千千结” 蓝海社区有一套"
            hits[f] += ok
            if not ok:
                misses.append(
                    f"{g['file'][:3]}#{g['article_index']} {f}: got {got[f]!r}, gold {want!r}"
                )
    counts_gold: dict[str, int] = {}
    for g in gold:
        counts_gold[g["file"]] = counts_gold.get(g["file"], 0) + 1
    counts_got = {f: sum(1 for a in corpus.articles if a.file == f) for f in counts_gold}
    n = len(gold)
    total = sum(hits.values()) / (n * len(hits))
    return {
        "n_gold": n,
        "n_found": len(corpus.articles),
        "field_rate": {f: h / n for f, h in hits.items()},
        "overall": total,
        "counts_gold": counts_gold,
        "counts_got": counts_got,
        "misses": misses,
    }


@pytest.fixture(scope="module")
def result(seed_corpus):
    return score(seed_corpus)


def test_article_counts_per_file_match_gold(result):
    assert result["counts_got"] == result["counts_gold"]


def test_titles_match_gold_exactly(result):
    assert result["field_rate"]["title"] == pytest.approx(1.0), result["misses"]


@pytest.mark.parametrize("field", ["place", "date", "source", "byline", "kicker", "subtitle"])
def test_metadata_matches_gold(result, field):
    assert result["field_rate"][field] >= 0.95, result["misses"]


@pytest.mark.parametrize("field", ["start", "end", "first_body", "last_body"])
def test_boundaries_match_gold(result, field):
    assert result["field_rate"][field] >= 0.95, result["misses"]


def test_overall_match_rate_is_high(result):
    print(
        f"gold match: {result['overall']:.3f} over {result['n_gold']} articles",
        result["field_rate"],
    )
    assert result["overall"] >= 0.97, result["misses"]
