"""Smoke test of the benchmark code (``make bench``), so it cannot rot. No timings asserted."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is a top-level package beside govstats/
    sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402
from bench.__main__ import markdown, print_table, targets  # noqa: E402
from bench.stages import STAGES, run_stage  # noqa: E402


def test_synthetic_corpus_is_deterministic(tmp_path):
    a = synth.build_corpus(20, root=tmp_path / "a", seed=3)
    b = synth.build_corpus(20, root=tmp_path / "b", seed=3)
    fa, fb = synth.corpus_files(a), synth.corpus_files(b)
    assert len(fa) == 20 and [p.read_bytes() for p in fa] == [p.read_bytes() for p in fb]
    assert synth.build_corpus(20, root=tmp_path / "a", seed=3) == a  # reused, not rebuilt
    sizes = [len(p.read_text(encoding="utf-8")) for p in fa]
    assert all(1200 <= n <= 4000 for n in sizes)


def test_one_stage_in_process_and_the_table(tmp_path, capsys):
    folder = synth.build_corpus(20, root=tmp_path, seed=0)
    assert {"jieba_lcut", "extraction", "extract_e2e", "e2e_topics"} <= set(STAGES)
    res = run_stage("extraction", folder)
    assert res["chars"] > 20 * 1000 and res["rows"] > 0 and res["peak_rss_mib"] > 0
    base = run_stage("jieba_lcut", folder, sample_chars=2000)
    assert base["chars"] >= 2000 and base["tokens"] > 0
    rows = [
        {"size": 20, "label": "jieba.lcut (baseline, sample)", "ratio_to_jieba": 1.0, **base},
        {"size": 20, "label": "extraction w/o tokens (seg+ind+men+hier)",
         "ratio_to_jieba": res["chars_per_s"] / base["chars_per_s"], **res},
    ]  # fmt: skip
    print_table(rows)
    assert "extraction" in capsys.readouterr().out
    tg = targets(rows)
    assert [t["target"].split()[0] for t in tg] == ["extraction"]
    assert markdown(rows, tg).count("\n| 20 |") == 2
