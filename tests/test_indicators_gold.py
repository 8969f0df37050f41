"""Extracted indicators against the hand-made gold file (tests/data/gold/indicators.jsonl).

Rows are matched on (file, value, value_max, unit) as a multiset, pairing by closest offset
(``govstats.evaluate.score_indicators``). The asserted floors are the values measured when
this test was written; they may only go up.

Measured on the five seeds: precision 1.00, recall 1.00, subject exact 0.951 (117/123),
subject lenient 0.984 (quotes dropped, or one subject contains the other), qualifier 1.00,
time_scope 0.976. (Subject exact was 0.846 before the verb-phrase, 是/的, spacing/length,
把/的 duration, baseline, comparison and quoted-slogan rules in ``indicators._subject``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govstats.evaluate import lenient_equal, load_gold_indicators, score_indicators
from govstats.indicators import extract_indicators

GOLD = Path(__file__).parent / "data" / "gold" / "indicators.jsonl"


@pytest.fixture(scope="module")
def score(seed_corpus):
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is missing")
    return score_indicators(extract_indicators(seed_corpus), load_gold_indicators(GOLD))


def test_precision_and_recall(score):
    assert score.precision >= 0.99, [(p.file, p.surface) for p in score.false_positives]
    assert score.recall >= 0.99, [(g["file"], g["surface"]) for g in score.false_negatives]


def test_attribute_accuracy_on_matched_rows(score):
    misses = [(g["surface"], g["subject"], p.subject) for p, g in score.pairs
              if p.subject != g["subject"]]  # fmt: skip
    assert score.subject_lenient >= 0.98, misses
    assert score.subject_exact >= 0.95, misses
    assert score.qualifier >= 0.99
    assert score.time_scope >= 0.97


def test_duplicates_agree_with_gold(score):
    dup_pairs = [(p, g) for p, g in score.pairs if g["duplicate"]]
    assert dup_pairs and all(p.duplicate for p, _ in dup_pairs)


def test_scorer_on_a_tiny_case():
    gold = [
        {"file": "a", "start": 0, "value": 3.0, "value_max": None, "unit": "个",
         "subject": "“村史馆”", "qualifier": "exact", "time_scope": None},
        {"file": "a", "start": 50, "value": 3.0, "value_max": None, "unit": "个",
         "subject": "社区", "qualifier": "exact", "time_scope": "今年以来"},
        {"file": "a", "start": 90, "value": 9.0, "value_max": None, "unit": "项",
         "subject": "服务", "qualifier": "exact", "time_scope": None},
    ]  # fmt: skip
    pred = [
        {"file": "a", "start": 52, "value": 3, "value_max": None, "unit": "个",
         "subject": "社区", "qualifier": "exact", "time_scope": "今年以来"},
        {"file": "a", "start": 1, "value": 3, "value_max": None, "unit": "个",
         "subject": "村史馆", "qualifier": "approx", "time_scope": None},
        {"file": "a", "start": 70, "value": 5, "value_max": None, "unit": "个",
         "subject": None, "qualifier": "exact", "time_scope": None},
    ]  # fmt: skip
    s = score_indicators(pred, gold)
    assert (s.n_matched, s.precision, s.recall) == (2, pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert s.subject_exact == pytest.approx(0.5)  # quotes differ
    assert s.subject_lenient == pytest.approx(1.0)
    assert s.qualifier == pytest.approx(0.5)
    assert s.time_scope == pytest.approx(1.0)
    assert lenient_equal("服务专员", "副科级服务专员") and not lenient_equal("补贴", None)
