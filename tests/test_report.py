"""The report runner: papermill + nbconvert, atomic writes, clear errors, index page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS, SEEDS

from govstats import report
from govstats.errors import ParameterError, ReportError


def test_every_notebook_declares_a_parameters_cell():
    nbs = report.available_notebooks(NOTEBOOKS)
    assert nbs, "no notebooks found"
    for nb in nbs:
        params = report.notebook_parameters(nb)
        assert "seeds_dir" in params, nb.name


def test_notebooks_are_thin_and_stored_without_outputs():
    for path in report.available_notebooks(NOTEBOOKS):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            assert not cell.outputs, f"{path.name}: outputs stored"
            assert cell.execution_count is None
            for line in cell.source.splitlines():
                assert not line.lstrip().startswith(("def ", "class ", "for ", "while ")), (
                    f"{path.name}: logic belongs in the library: {line!r}"
                )


@pytest.mark.parametrize(
    "name", ["overview", "corpus_overview", "01", "01_corpus_overview", "01_corpus_overview.ipynb"]
)
def test_resolve_notebook_names(name):
    assert report.resolve_notebook(name, NOTEBOOKS).stem == "01_corpus_overview"


def test_unknown_report_name_lists_known_ones():
    with pytest.raises(ParameterError, match="unknown report 'nope'.*overview"):
        report.resolve_notebook("nope", NOTEBOOKS)


def test_bad_seeds_dir_is_one_clear_error_before_any_kernel(tmp_path):
    with pytest.raises(ParameterError, match="seeds_dir='/no/such/folder'"):
        report.run_report("overview", {"seeds_dir": "/no/such/folder"}, out_dir=tmp_path)
    assert not list(tmp_path.iterdir()), "nothing is written for a rejected parameter"


def test_unknown_parameter_is_rejected(tmp_path):
    with pytest.raises(ParameterError, match="unknown parameter 'colour'.*seeds_dir"):
        report.run_report("overview", {"colour": "red"}, out_dir=tmp_path)


def test_cli_bad_parameter_prints_one_line_and_exits_nonzero(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govstats",
            "report",
            "overview",
            "-p",
            "seeds_dir",
            "/no/such",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "/no/such" in lines[0] and lines[0].startswith("govstats: error:")


@pytest.mark.parametrize(
    ("params", "stem"),
    [
        ({}, "04_model_comparison"),
        ({"models": ["楼长+", "四级体系"]}, "04_model_comparison-models-楼长plus_四级体系"),
        ({"k": 4}, "04_model_comparison-k-4"),
        ({"seeds_dir": "/data/x", "k": 4}, "04_model_comparison-k-4"),  # /data/x: the default
        ({"seeds_dir": "/data/y", "k": 4}, "04_model_comparison-k-4-in-y-"),  # another input
    ],
)
def test_report_stem_is_a_safe_file_name(params, stem):
    got = report.report_stem(Path("04_model_comparison.ipynb"), params, default_input="/data/x")
    if stem.endswith("-"):  # named after its input: folder name + hash of its path
        assert got.startswith(stem) and len(got) == len(stem) + 6
    else:
        assert got == stem
    assert "/" not in got and "+" not in got and " " not in got


@pytest.mark.notebooks
def test_overview_report_executes_and_embeds_an_image(tmp_path):
    result = report.run_report(
        "overview", {"seeds_dir": str(SEEDS)}, out_dir=tmp_path, progress=False
    )
    html = result.html.read_text(encoding="utf-8")
    assert result.html.name == "01_corpus_overview.html"  # input paths stay out of the name
    assert "<img" in html and "data:image/png;base64," in html
    assert html.count('alt="Figure ') == html.count("<img"), "every figure has alternative text"
    assert "Run manifest" in html and "000_87448dcd333f1b71.txt" in html
    assert "import govstats" not in html, "code is hidden by default"
    executed = nbformat.read(result.notebook, as_version=4)
    assert executed.metadata["govstats"]["parameters"]["seeds_dir"] == str(SEEDS.resolve())
    manifest = json.loads((tmp_path / f"{result.name}.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok"
    assert set(manifest["inputs"]) == {p.name for p in SEEDS.glob("*.txt")}
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert result.html.name in index


@pytest.mark.notebooks
def test_failing_notebook_keeps_the_last_good_html(tmp_path):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    out = tmp_path / "out"
    good = nbformat.v4.new_notebook()
    good.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    good.cells = [
        nbformat.v4.new_code_cell(
            'seeds_dir = "x"\nfail = False', metadata={"tags": ["parameters"]}
        ),
        nbformat.v4.new_code_cell(
            'if fail:\n    raise RuntimeError("boom in cell two")\nprint("fine")'
        ),
    ]
    nbformat.write(good, nbdir / "09_demo.ipynb")
    first = report.run_report("demo", {}, out_dir=out, notebooks_dir=nbdir, progress=False)
    before = first.html.read_bytes()
    with pytest.raises(ReportError, match="RuntimeError: boom in cell two"):
        report.run_report("demo", {"fail": True}, out_dir=out, notebooks_dir=nbdir, progress=False)
    # a failing run with other parameters writes its own failed notebook and leaves the good one
    assert first.html.read_bytes() == before
    assert (out / "09_demo-fail-True.failed.ipynb").exists()
    assert not (out / "09_demo-fail-True.html").exists()
    # the same report failing on a re-run keeps its previous good HTML
    (nbdir / "09_demo.ipynb").write_text(
        (nbdir / "09_demo.ipynb")
        .read_text(encoding="utf-8")
        .replace("fail = False", "fail = True"),
        encoding="utf-8",
    )
    with pytest.raises(ReportError):
        report.run_report("demo", {}, out_dir=out, notebooks_dir=nbdir, progress=False)
    assert first.html.read_bytes() == before
    assert (out / "09_demo.failed.ipynb").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "FAILED" in index and "09_demo.html" in index
