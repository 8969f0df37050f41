"""Every report notebook runs through papermill on the seeds and on a small synthetic corpus;
key outputs are checked against the library, and figures are byte-identical between runs."""

from __future__ import annotations

import base64
import hashlib
import json

import nbformat
import pytest
from conftest import NOTEBOOKS, SEEDS

from govstats import compare, report

pytestmark = pytest.mark.notebooks

NAMES = ["01_corpus_overview", "02_indicators", "03_topics", "04_model_comparison", "05_trends"]


def _synthetic(folder):
    from test_compare import _write_synthetic

    return _write_synthetic(folder)


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return {
        n: report.run_report(n, {"seeds_dir": str(SEEDS)}, out_dir=out, progress=False)
        for n in NAMES
    }


@pytest.fixture(scope="module")
def synthetic_reports(tmp_path_factory):
    base = tmp_path_factory.mktemp("synthetic")
    seeds = _synthetic(base / "seeds")
    out = base / "reports"
    return {
        n: report.run_report(n, {"seeds_dir": str(seeds)}, out_dir=out, progress=False)
        for n in NAMES
    }, seeds


def _images(nb_path) -> list[bytes]:
    nb = nbformat.read(nb_path, as_version=4)
    return [
        base64.b64decode(o["data"]["image/png"])
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]


def _text(nb_path) -> str:
    nb = nbformat.read(nb_path, as_version=4)
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            data = o.get("data", {})
            parts.append(
                data.get("text/markdown", "")
                + data.get("text/html", "")
                + data.get("text/plain", "")
            )
            parts.append(o.get("text", ""))
    return "\n".join(parts)


def test_every_notebook_declares_seeds_dir_and_store():
    for nb in report.available_notebooks(NOTEBOOKS):
        params = report.notebook_parameters(nb)
        assert {"seeds_dir", "store"} <= set(params), nb.name
    assert set(report.notebook_parameters(NOTEBOOKS / "03_topics.ipynb")) >= {
        "k",
        "unit",
        "random_state",
    }
    p04 = report.notebook_parameters(NOTEBOOKS / "04_model_comparison.ipynb")
    assert p04["models"]["default"] == '["楼长+", "四级体系"]'
    assert set(report.notebook_parameters(NOTEBOOKS / "02_indicators.ipynb")) >= {
        "unit",
        "place",
        "model",
    }


@pytest.mark.parametrize("name", NAMES)
def test_seed_report_runs_with_figures(seed_reports, name):
    r = seed_reports[name]
    manifest = json.loads(r.html.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok"
    assert r.html.name == f"{name}.html"
    assert len(_images(r.notebook)) >= 3, "each report shows figures"
    assert "Traceback" not in _text(r.notebook)


def test_comparison_report_shows_the_library_findings(seed_reports):
    r = seed_reports["04_model_comparison"]
    executed = nbformat.read(r.notebook, as_version=4)
    assert executed.metadata["govstats"]["parameters"]["seeds_dir"] == str(SEEDS.resolve())
    c = compare.compare_models(compare.load_tables(SEEDS), ["楼长+", "四级体系"])
    text = _text(r.notebook)
    for line in compare.findings(c):
        assert line in text


def test_trends_report_shows_the_library_statements_and_writes_its_tables(seed_reports):
    from govstats import trends

    r = seed_reports["05_trends"]
    t = compare.load_tables(SEEDS)
    chosen = trends.pick_models(t, [])
    tl = trends.model_timeline(t, chosen)
    st = trends.trend_statements(tl, trends.first_appearances(t, chosen), min_articles=5)
    text = _text(r.notebook)
    for zh, en in zip(st["zh"], st["en"]):
        assert zh in text and en in text
    assert (r.html.parent / "05_trends.xlsx").exists()
    assert (r.html.parent / "05_trends.tables" / "timeline.csv").exists()


def test_indicator_report_counts_match_the_library(seed_reports):
    text = _text(seed_reports["02_indicators"].notebook)
    n = len(compare.filter_indicators(compare.load_tables(SEEDS)))
    assert f"of {n}" in text  # "top 40 of N" caption of the indicator table


def test_topics_report_uses_the_chosen_k(seed_reports):
    text = _text(seed_reports["03_topics"].notebook)
    tt = compare.topic_tables(compare.load_tables(SEEDS))
    for label in tt.clusters["label"]:
        assert label in text


def test_figures_are_byte_identical_between_runs(seed_reports, tmp_path):
    again = report.run_report(
        "comparison", {"seeds_dir": str(SEEDS)}, out_dir=tmp_path, progress=False
    )
    first = _images(seed_reports["04_model_comparison"].notebook)
    assert first and _images(again.notebook) == first


@pytest.mark.parametrize("name", NAMES)
def test_synthetic_corpus_reports_run(synthetic_reports, name):
    reports, seeds = synthetic_reports
    r = reports[name]
    manifest = json.loads(r.html.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok"
    assert set(manifest["inputs"]) == {"a.txt", "b.txt", "c.txt"}


def test_synthetic_comparison_matches_the_library(synthetic_reports):
    reports, seeds = synthetic_reports
    c = compare.compare_models(compare.load_tables(seeds), ["楼长+", "四级体系"])
    text = _text(reports["04_model_comparison"].notebook)
    for line in compare.findings(c):
        assert line in text


def test_store_parameter_reads_tables_from_a_store(tmp_path):
    from govstats.pipeline import extract

    extract(SEEDS, tmp_path / "store", cache=False)
    r = report.run_report(
        "indicators",
        {"store": str(tmp_path / "store"), "unit": "%"},
        out_dir=tmp_path / "out",
        progress=False,
    )
    digest = hashlib.sha1(str((tmp_path / "store").resolve()).encode("utf-8")).hexdigest()[:6]
    assert r.html.name == f"02_indicators-unit--store-store-{digest}.html"  # named after its input
    n = len(compare.filter_indicators(compare.load_tables(store=tmp_path / "store"), unit="%"))
    assert n > 1
    shown = f"— top 40 of {n}" if n > 40 else f"— {n} rows"
    assert f"claims (unit=%, place=None, model=None) in reading order {shown}" in _text(r.notebook)
