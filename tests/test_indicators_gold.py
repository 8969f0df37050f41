"""Extracted indicators against the seed gold (tests/data/gold/indicators.jsonl), dev and test.

Strict scorer (``govstats.evaluate.score_indicators``): rows pair by overlapping offsets in
the same file; a pair is correct when value, range and unit agree; every other field is
scored on correct pairs. The split (``split.json``) alternates the 20 gold articles: rules
are written on ``dev`` articles only. Floors sit a stated margin below the score measured
when they were set, and each test prints the measured figures, so a drop shows in the log
before it fails CI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govstats.evaluate import lenient_equal, load_jsonl, score_indicators
from govstats.indicators import extract_indicators

GOLD = Path(__file__).parent / "data" / "gold"
MARGIN = 0.03  # floors = measured score − MARGIN (rounded down to 0.01)

# Measured on 2026-12-01 with the strict scorer after that day's changes: dev precision 0.951,
# recall 1.00, subject 0.948, qualifier 1.00, time scope 0.983, place 0.966; test 0.970, 1.00,
# 0.831, 1.00, 0.954, 0.908. (Before them: precision 1.00 on both and test subject 0.923; the
# drop is the cost of removing rules and protected phrases written for single seed rows.)
# 2026-12-03 (branch h6-subj): seed test subject 0.831 -> 0.769 under the seed gold's first
# convention, after the convention-v2 rules (quotes kept inside names, the verb's object for
# every measure, the part of a share); the floor lowered to 0.73 (measured - MARGIN) for the lead
# to accept or reject with those rules (the seed errors on test were not read).
FLOORS = {
    "dev": {"precision": 0.92, "recall": 0.97, "subject": 0.91, "qualifier": 0.97,
            "time_scope": 0.95, "place": 0.93},
    "test": {"precision": 0.94, "recall": 0.97, "subject": 0.73, "qualifier": 0.97,
             "time_scope": 0.92, "place": 0.87},
}  # fmt: skip


def seed_split() -> dict[tuple[str, int], str]:
    rows = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))["articles"]
    return {(r["file"], r["article_index"]): r["split"] for r in rows}


@pytest.fixture(scope="module")
def scores(seed_corpus):
    split = seed_split()  # a missing gold or split file fails here, it does not skip
    gold = load_jsonl(GOLD / "indicators.jsonl")
    pred = extract_indicators(seed_corpus)
    out = {}
    for part in ("dev", "test"):
        keys = {k for k, v in split.items() if v == part}
        out[part] = score_indicators(
            [p for p in pred if (p.file, p.article_index) in keys],
            [g for g in gold if (g["file"], g["article_index"]) in keys],
        )
    return out


@pytest.mark.parametrize("part", ["dev", "test"])
def test_seed_scores_hold(scores, part):
    s = scores[part]
    print(f"seed {part}:", s.summary())
    got = {"precision": s.precision, "recall": s.recall, **s.fields}
    misses = {
        "fp": [(p.file[:3], p.surface) for p in s.false_positives],
        "fn": [(g["file"][:3], g["surface"]) for g in s.false_negatives],
        "subject": [(g["surface"], g["subject"], p.subject) for p, g in s.pairs
                    if p.subject != g["subject"]],
    }  # fmt: skip
    low = {k: round(got[k], 4) for k, floor in FLOORS[part].items() if got[k] < floor}
    assert not low, (low, misses)


def test_floors_are_below_the_measured_scores_by_the_margin():
    for part in FLOORS.values():
        assert all(0 < v <= 1 - MARGIN for v in part.values())


def test_duplicates_agree_with_gold(scores):
    dup_pairs = [(p, g) for s in scores.values() for p, g in s.pairs if g["duplicate"]]
    assert dup_pairs and all(p.duplicate for p, _ in dup_pairs)


def test_every_gold_article_is_in_the_split():
    split = seed_split()
    gold = load_jsonl(GOLD / "indicators.jsonl")
    assert {(g["file"], g["article_index"]) for g in gold} <= set(split)
    assert sorted(set(split.values())) == ["dev", "test"]


def test_strict_scorer_on_a_tiny_case():
    def row(start, end, value, unit="个", **kw):
        base = {"file": "a", "start": start, "end": end, "surface": "x", "value": value,
                "value_max": None, "unit": unit, "subject": None, "qualifier": "exact",
                "time_scope": None}  # fmt: skip
        return {**base, **kw}

    gold = [
        row(0, 3, 3.0, subject="“村史馆”"),
        row(50, 53, 3.0, subject="社区", time_scope="今年以来"),
        row(90, 93, 9.0, unit="项", subject="服务"),
        row(120, 124, 5.0),
    ]
    pred = [
        row(51, 53, 3, subject="社区", time_scope="今年以来"),  # overlaps, offsets differ
        row(0, 3, 3, subject="村史馆", qualifier="approx"),
        row(70, 72, 5),  # nowhere near a gold row
        row(120, 124, 50.0),  # right place, wrong number
    ]
    s = score_indicators(pred, gold)
    assert (s.n_detected, s.n_correct) == (3, 2)
    assert (s.precision, s.recall) == (pytest.approx(2 / 4), pytest.approx(2 / 4))
    assert (s.detected_precision, s.detected_recall) == (pytest.approx(3 / 4), pytest.approx(3 / 4))
    assert s.fields["subject"] == pytest.approx(0.5)  # quotes differ
    assert s.fields_lenient["subject"] == pytest.approx(1.0)
    assert s.fields["qualifier"] == pytest.approx(0.5)
    assert s.fields["offsets"] == pytest.approx(0.5)
    assert s.fields["time_scope"] == pytest.approx(1.0)
    assert len(s.wrong_number) == 1 and s.wrong_number[0][1]["start"] == 120


def test_leniency_is_bounded():
    assert lenient_equal("服务专员", "副科级服务专员")
    assert lenient_equal("党组织", "社区党组织")
    assert not lenient_equal("社区", "社区党组织")  # a fragment is not the subject
    assert not lenient_equal("补贴", None)
    assert lenient_equal(None, None)
