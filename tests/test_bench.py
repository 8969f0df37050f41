"""The benchmark code (``make bench``) cannot rot, and its prose cannot drift from its numbers.

No timing is asserted. The generated README blocks must equal what the committed
``bench/results.json`` renders (issue 17.5): a hand-edited figure, or results that
were re-measured without ``python -m bench --write-docs``, fail here.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest
from conftest import shared_file

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is a top-level package beside govstats/
    sys.path.insert(0, str(ROOT))

from bench import docs, real, synth  # noqa: E402
from bench.__main__ import REAL_PLAN, SYNTH_PLAN, _merge  # noqa: E402
from bench.stages import STAGES, real_source, run_stage, source_files  # noqa: E402
from bench.targets import TARGETS, real_targets  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"


def test_synthetic_corpus_is_deterministic(tmp_path):
    a = synth.build_corpus(20, root=tmp_path / "a", seed=3)
    b = synth.build_corpus(20, root=tmp_path / "b", seed=3)
    fa, fb = synth.corpus_files(a), synth.corpus_files(b)
    assert len(fa) == 20 and [p.read_bytes() for p in fa] == [p.read_bytes() for p in fb]
    assert synth.build_corpus(20, root=tmp_path / "a", seed=3) == a  # reused, not rebuilt
    sizes = [len(p.read_text(encoding="utf-8")) for p in fa]
    assert all(1200 <= n <= 4000 for n in sizes)


def test_every_planned_stage_exists():
    run_stage  # noqa: B018  (importing it registers nothing; the plan names must exist)
    from bench import stages_real  # noqa: F401

    for _label, name, _opts in REAL_PLAN + SYNTH_PLAN:
        assert name in STAGES, name
    assert REAL_PLAN[0][1] == SYNTH_PLAN[0][1] == "jieba_lcut"  # the baseline comes first


def test_the_record_file_of_n_stories_is_the_archive_s_first_n_lines(tmp_path):
    import gzip

    arch = shared_file("corpora", "xwlb.jsonl.gz")
    f = real.records_file(40, root=tmp_path)
    with gzip.open(arch, "rb") as fh:
        want = [next(fh) for _ in range(40)]
    with gzip.open(f, "rb") as fh:
        assert fh.read() == b"".join(want)
    mtime = f.stat().st_mtime_ns
    assert real.records_file(40, root=tmp_path) == f and f.stat().st_mtime_ns == mtime  # reused
    assert real.records_file(None) == arch  # the whole archive is read in place
    with pytest.raises(ValueError, match="n=0"):
        real.records_file(0, root=tmp_path)


def test_real_stages_in_process_on_a_few_stories(tmp_path, monkeypatch):
    shared_file("corpora", "xwlb.jsonl.gz")
    records_file = real.records_file
    monkeypatch.setattr(real, "records_file", lambda n, **kw: records_file(n, root=tmp_path))
    src = real_source(60)
    base = run_stage("jieba_lcut", src)
    rj = run_stage("tokens_rjieba", src)
    jb = run_stage("tokens_jieba", src)
    assert base["chars"] == rj["chars"] == jb["chars"] > 60 * 100
    assert rj["tokens_sha256"] == jb["tokens_sha256"]  # rjieba = jieba with HMM off
    assert base["tokens_sha256"] != jb["tokens_sha256"]  # (the baseline keeps stopwords)
    ref = run_stage("nd_signatures", src, impl="segment")
    new = run_stage("nd_signatures", src, impl="minhash")
    assert ref["articles"] == new["articles"] >= 60
    assert ref["features_sha256"] == new["features_sha256"]
    seg = run_stage("read_segment", src)
    assert seg["articles"] == ref["articles"] and seg["chars"] > base["chars"]
    red = run_stage("nd_reduce", src)
    assert red["articles"] == ref["articles"] and 0 <= red["flagged"] < red["articles"]


def test_source_files_gives_what_extract_reads(tmp_path, monkeypatch):
    shared_file("corpora", "xwlb.jsonl.gz")
    monkeypatch.setattr(real, "CORPORA", tmp_path)
    seen = []
    records_file = real.records_file

    def spy(n, **kw):
        seen.append(n)
        return records_file(n, root=tmp_path)

    monkeypatch.setattr(real, "records_file", spy)
    f = source_files(real_source(5))
    assert seen == [5] and f.parent == tmp_path and f.name == "xwlb_n5.jsonl.gz"
    docs_ = list(real.documents(5))
    assert [d.record_id for d in docs_] == [r["id"] for r in real.read_records(5)]
    assert source_files(tmp_path) == tmp_path  # a synthetic folder is read as it is


def _row(stage, size=10_000, corpus="xwlb", **kw):
    opts = kw.pop("options", {})
    r = {"corpus": corpus, "size": size, "stage": stage, "label": stage, "options": opts}
    r.update(chars=1000, wall_s=1.0, chars_per_s=1000.0, peak_rss_mib=100)
    r.update(kw)
    return r


def test_targets_met_and_missed_at_their_thresholds():
    rows = [
        _row("extraction", ratio_to_jieba=4.99),
        _row("extraction", options={"minhash": True}, ratio_to_jieba=5.5),
        _row("tokens_rjieba", ratio_to_jieba=15.0, tokens_sha256="x"),
        _row("tokens_jieba", ratio_to_jieba=1.0, tokens_sha256="x"),
        _row("extract_e2e", options={"n_jobs": 1, "tokens": True}, wall_s=18.0),
        _row("extract_e2e", options={"n_jobs": 0, "tokens": True}, wall_s=10.0),
        _row("extract_e2e", options={"n_jobs": 1, "tokens": False}, wall_s=9.5),
        _row("extract_e2e", options={"n_jobs": 1, "tokens": False, "cache": True}, wall_s=10.0),
        _row(
            "extract_e2e",
            options={"n_jobs": 0, "tokens": True, "rerun": True},
            wall_s=1.0,
            first_wall_s=9.0,
        ),
        _row("dask_check", identical=False, differs=["tokens"]),
        _row("e2e_topics", size=None, options={"n_jobs": 0, "tokens": True}, wall_s=59.0,
             extract_s=50.0, topics_s=9.0, peak_rss_mib=900, tree_peak_rss_mib=2100),
    ]  # fmt: skip
    got = {t["target"]: t for t in real_targets(rows)}
    assert set(got) == set(TARGETS)
    st = {k: v["status"] for k, v in got.items()}
    assert st[TARGETS[0]] == "missed" and "5.50×" in got[TARGETS[0]]["measured"]
    assert st[TARGETS[1]] == "met" and "identical" in got[TARGETS[1]]["measured"]
    assert st[TARGETS[2]] == "met"
    assert st[TARGETS[3]] == "missed"  # the sampled sum of all processes counts: 2100 MiB
    assert st[TARGETS[4]] == "met" and got[TARGETS[4]]["value"] == pytest.approx(1.8)
    assert st[TARGETS[5]] == "met" and got[TARGETS[5]]["value"] == pytest.approx(0.05)
    assert st[TARGETS[6]] == "missed"  # 1/9 = 11 %
    assert st[TARGETS[7]] == "missed" and "tokens" in got[TARGETS[7]]["measured"]
    assert st[TARGETS[8]] == "not measured"
    rows[3]["tokens_sha256"] = "y"  # rjieba's tokens no longer jieba's
    assert {t["target"]: t for t in real_targets(rows)}[TARGETS[1]]["status"] == "missed"


def test_merging_replaces_only_the_sizes_measured_again():
    old = [_row("jieba_lcut", size=10_000), _row("jieba_lcut", size=None)]
    old.append(_row("jieba_lcut", size=1000, corpus="synthetic"))
    new = [_row("jieba_lcut", size=10_000, wall_s=2.0)]
    got = _merge(old, new)
    assert [(r["corpus"], r["size"], r["wall_s"]) for r in got] == [
        ("xwlb", None, 1.0),
        ("synthetic", 1000, 1.0),
        ("xwlb", 10_000, 2.0),
    ]
    # a run of some stages only replaces those rows, in place, and appends new ones
    old = [_row("jieba_lcut"), _row("extraction"), _row("jieba_lcut", corpus="synthetic")]
    new = [_row("extraction", wall_s=3.0), _row("dask_check", wall_s=4.0)]
    got = _merge(old, new, by_label=True)
    assert [(r["corpus"], r["stage"], r["wall_s"]) for r in got] == [
        ("xwlb", "jieba_lcut", 1.0),
        ("xwlb", "extraction", 3.0),
        ("xwlb", "dask_check", 4.0),
        ("synthetic", "jieba_lcut", 1.0),
    ]


def test_ratios_use_the_mean_of_the_baseline_runs():
    from bench.__main__ import add_ratios

    rows = [_row("jieba_lcut", wall_s=10.0), _row("extraction", wall_s=2.0)]
    rows.append(_row("jieba_lcut", wall_s=14.0, label="again"))
    rows.append(_row("jieba_lcut", corpus="synthetic", chars_per_s=100.0))
    rows.append(_row("extraction", corpus="synthetic", chars_per_s=250.0))
    add_ratios(rows)
    assert [r["ratio_to_jieba"] for r in rows] == [1.2, 6.0, 12 / 14, 1.0, 2.5]


def test_committed_readme_blocks_equal_what_results_json_renders():
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert data["rows"] and any(r["corpus"] == "xwlb" for r in data["rows"])
    blocks = docs.render_blocks(data)
    found = {}
    for p in docs.DOCS:
        for m in docs._BLOCK.finditer(p.read_text(encoding="utf-8")):
            found[(str(p.relative_to(ROOT)), m.group(2))] = m.group(3)
    # the README carries the headline block, bench/README.md the tables and the review
    assert ("README.md", "scale") in found
    assert {"real", "targets", "synthetic", "profile", "near-duplicates"} <= {
        name for (f, name) in found if f == "bench/README.md"
    }
    assert docs.check_docs(data) == []
    for (_f, name), text in found.items():
        assert text == blocks[name]
    # the same check fails on a figure that moved: it guards the prose
    moved = copy.deepcopy(data)
    r = next(r for r in moved["rows"] if r["corpus"] == "xwlb" and r["stage"] == "extraction")
    r["ratio_to_jieba"] = (r["ratio_to_jieba"] or 0) + 1.0
    moved["targets"] = real_targets(moved["rows"])
    assert docs.check_docs(moved)


def test_write_docs_rewrites_only_the_marked_blocks(tmp_path):
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    f = tmp_path / "X.md"
    f.write_text("intro\n<!-- bench:targets -->\nstale\n<!-- /bench:targets -->\nafter\n", "utf-8")
    assert docs.write_docs(data, files=(f,)) == [f]
    text = f.read_text(encoding="utf-8")
    assert text.startswith("intro\n<!-- bench:targets -->\n| target |") and text.endswith(
        "<!-- /bench:targets -->\nafter\n"
    )
    assert docs.check_docs(data, files=(f,)) == [] and docs.write_docs(data, files=(f,)) == []


def test_tables_print_every_row(capsys):
    rows = [_row("jieba_lcut", ratio_to_jieba=1.0, tokens=10, tokens_sha256="ab")]
    rows.append(_row("nd_reduce", size=None, ratio_to_jieba=50.0, flagged=3, articles=9))
    docs.print_table(rows)
    out = capsys.readouterr().out
    assert "jieba_lcut" in out and "3 of 9 articles flagged" in out
    md = docs.markdown_rows(rows)
    assert md.count("\n| ") == 2 and "| all | nd_reduce |" in md  # the two rows


def test_sqlite_pages_writes_and_reads_every_entry_under_each_setting(
    tmp_path, monkeypatch, capsys
):
    shared_file("corpora", "xwlb.jsonl.gz")
    from bench import sqlite_pages

    records_file = real.records_file
    monkeypatch.setattr(real, "records_file", lambda n, **kw: records_file(n, root=tmp_path))
    sqlite_pages.main(["--n", "5", "--entries", "40"])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "40 entries from 5 stories"
    assert [line.split("  ")[0] for line in out[1:]] == list(sqlite_pages.SETTINGS)
    assert all("write" in line and "read" in line and "MiB" in line for line in out[1:])
