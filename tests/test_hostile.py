"""Hostile input, interrupted runs and report safety (issue 16; the report-runner defects of 15).

Every test here runs one probe of the issue that failed before its fix: script payloads in
article titles, bodies, file names, folder names and parameters; wrong-typed and duplicate
parameters; a killed or interrupted ``extract``; stale temporary files; non-finite numbers.
The corpora are written into ``tmp_path``; nothing here reads the shared corpora.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from conftest import NOTEBOOKS, ROOT, SEEDS

from govstats import cli, htmlsafe, report, runs, store
from govstats.errors import ParameterError, ReportError, UnknownModelError

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SVG = "<svg onload=alert(4)>"
BOLD = "<b onmouseover=alert(6)>"
PAYLOAD_TAGS = ("<script>alert", "<img src=x", "<svg onload", "<b onmouseover", 'href="javascript')
PLACE = "<script>alert(7)</script>"
UNIT = "<img src=x onerror=alert(11)>"


def write_hostile_corpus(base: Path) -> Path:
    """Four small articles whose titles, bodies and file names carry payloads.

    The folder's own name is a payload too (it is shown in the run manifest), one file
    name holds a newline (a manifest row must survive it) and one holds ``$\\cmd$``
    (matplotlib read that as TeX and every figure of the report failed to draw).
    """
    folder = base / "<svg onload=alert(8)>"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(
        f"我区“楼长+”模式推动小区治理{SCRIPT}\n\n"
        f"东昌府讯 {IMG}依据“社区党委+小区党支部+楼院党小组”的组织体系，选出优秀“楼长”，"
        "楼长轮流兼任驿站站长，共召开议事会议30余次<script>alert(3)</script>，解决问题120件。\n\n"
        "“楼长+网格员”深化网格化治理[点我](javascript:alert(9))，楼长和网格员双向进入，"
        "服务居民近500人。\n",
        encoding="utf-8",
    )
    (folder / "<img src=x onerror=alert(5)>.txt").write_text(
        f"莱山区健全四级组织体系{SVG}\n\n"
        "莱山区健全完善“社区党组织—小区党支部—楼栋党小组—党员中心户”四级组织体系，"
        f"建立34个社区党组织、95个小区党支部、387个楼栋党小组{BOLD}。\n\n"
        "每季度召开联席会议，累计解决停车难等194项问题，满意率达96%。楼长+模式也在推广。\n",
        encoding="utf-8",
    )
    (folder / "x$\\undefinedcmd$.txt").write_text(
        "电商培训热 技能学习忙\n\n该镇启动乡村振兴电商直播技能培训，共50余人参加了培训。\n",
        encoding="utf-8",
    )
    (folder / "new\nline.txt").write_text(
        "社区议事会<script>alert(10)</script>\n\n社区召开议事协商会议12次，解决问题30件，四级体系运转顺畅。\n",
        encoding="utf-8",
    )
    return folder


# ----------------------------------------------------------------------------- escaping


def test_htmlsafe_escapes_once_and_keeps_values_on_one_line():
    assert htmlsafe.escape(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert htmlsafe.escape('"/a/seeds"', quote=False) == '"/a/seeds"'  # text: quotes stay
    assert htmlsafe.escape("new\nline.txt", one_line=True) == "new\\nline.txt"
    cell = htmlsafe.element("a", IMG, href='x" onclick="alert(1)')
    assert cell == '<a href="x&quot; onclick=&quot;alert(1)">&lt;img src=x onerror=alert(2)&gt;</a>'
    t = htmlsafe.table(["file", "sha"], [("new\nline.txt", "abc"), (SCRIPT, '"q"')], code=[1])
    assert "\n\n" not in t and "new\\nline.txt" in t and "<script>" not in t
    assert '<code>"q"</code>' in t
    with pytest.raises(ValueError, match="tag='img onerror'"):
        htmlsafe.element("img onerror", "x")


def test_show_table_escapes_cells_index_column_labels_and_caption():
    import pandas as pd

    from govstats import plotting

    df = pd.DataFrame(
        {"title": [SCRIPT, "a&b"], IMG: [0.5, 0.25], "n": [1.5, 2.0]}, index=[SVG, "y"]
    )
    html = plotting.show_table(df, caption=f"caption {BOLD}", percent=(IMG,)).to_html()
    for tag in PAYLOAD_TAGS:
        assert tag not in html, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "caption &lt;b onmouseover=alert(6)&gt;" in html
    assert "50.0%" in html and "1.50" in html  # formats still apply to escaped tables


def test_findings_are_escaped_html(tmp_path):
    from govstats import compare

    tables = compare.load_tables(write_hostile_corpus(tmp_path))
    c = compare.compare_models(tables, ["楼长+", "四级体系"], topics=False)
    shown = compare.findings_markdown(c)
    html = shown._repr_html_() if hasattr(shown, "_repr_html_") else shown.data
    for tag in PAYLOAD_TAGS:
        assert tag not in html, tag
    assert "<ul><li>" in html and "<strong>楼长+</strong>" in html
    # each finding is there, as escaped text
    for line in compare.findings(c):
        assert htmlsafe.escape(line, quote=False) in html


def test_manifest_cell_escapes_once_and_survives_a_newline_in_a_file_name():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    manifest = {
        "name": "01_corpus_overview",
        "notebook": "notebooks/01_corpus_overview.ipynb",
        "generated": "2026-12-01T00:00:00+00:00",
        "run": "1-2",
        "parameters": {"seeds_dir": "/data/<svg onload=alert(8)>", "place": PLACE},
        "versions": {"python": "3.11"},
        "inputs": {"new\nline.txt": "ab" * 32, "<img src=x onerror=alert(5)>.txt": "cd" * 32},
    }
    html = markdown2html_mistune(report._manifest_cell(manifest).source)
    for tag in PAYLOAD_TAGS:
        assert tag not in html, tag
    assert "&amp;quot;" not in html and "&amp;lt;" not in html  # escaped exactly once
    assert '<code>"/data/&lt;svg onload=alert(8)&gt;"</code>' in html
    assert "<td>new\\nline.txt</td>" in html  # one row, the newline shown as \n
    assert html.count("<tr>") == 1 + 2 + 1 + 2  # two header rows, 2 parameters, 2 files


def test_figures_take_dollar_signs_in_labels_literally():
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    from govstats import plotting

    plotting.use_cjk_font()
    ax = plotting.plot_bar(
        pd.Series({"x$\\undefinedcmd$.txt": 1, "a.txt": 2}), title="t", xlabel="x", ylabel="y"
    )
    ax.figure.canvas.draw()  # raised ParseFatalException (Unknown symbol) before
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "x$\\undefinedcmd$.txt" in labels


# ----------------------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("name", "params", "pattern"),
    [
        (
            "topics",
            {"random_state": "abc"},
            r"random_state='abc': expected an integer \(default 0\)",
        ),
        (
            "topics",
            {"unit": "sentence"},
            r"unit='sentence': expected one of 'auto', 'paragraph', 'article'",
        ),
        ("indicators", {"top": "abc"}, r"top='abc': expected an integer \(default 40\)"),
        ("indicators", {"top": "1e999"}, r"top='1e999': expected an integer"),
        ("comparison", {"models": "楼长+,楼长+"}, r"楼长\+ is listed twice"),
        ("comparison", {"random_state": True}, r"random_state=True: expected an integer"),
        ("indicators", {"model": "四级"}, r"'四级'.*四级体系"),
        ("topics", {"k": "148"}, r"k=148: only 148 paragraph\(s\) to cluster .*from 2 to 147"),
    ],
)
def test_bad_parameters_fail_before_a_kernel_starts(tmp_path, name, params, pattern):
    with (
        mock.patch.object(report, "_execute", side_effect=AssertionError("kernel started")),
        pytest.raises((ParameterError, UnknownModelError), match=pattern),
    ):
        report.run_report(name, {"seeds_dir": str(SEEDS), **params}, out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_cli_wrong_type_is_one_line_and_exit_2(tmp_path, capsys):
    code = cli.main(["report", "topics", "-p", "random_state", "abc", "--out", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "random_state='abc'" in err[0] and "integer" in err[0]


def test_good_parameters_are_coerced_to_the_declared_types():
    nb = NOTEBOOKS / "02_indicators.ipynb"
    got = report.validate_parameters(nb, {"top": "7", "unit": "5", "place": "None"})
    assert got == {"top": 7, "unit": "5", "place": None}  # unit: str stays a str
    p04 = report.validate_parameters(
        NOTEBOOKS / "04_model_comparison.ipynb", {"models": "楼长+，四级体系"}
    )
    assert p04["models"] == ["楼长+", "四级体系"]


def test_relative_seeds_dir_is_taken_from_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "mine").mkdir()
    monkeypatch.chdir(tmp_path)
    got = report.validate_parameters(NOTEBOOKS / "01_corpus_overview.ipynb", {"seeds_dir": "mine"})
    assert got["seeds_dir"] == str((tmp_path / "mine").resolve())
    with pytest.raises(ParameterError, match=f"current directory {tmp_path}"):
        report.validate_parameters(NOTEBOOKS / "01_corpus_overview.ipynb", {"seeds_dir": "nope"})


def test_manifest_inputs_keep_same_named_files_in_subfolders_apart(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(f"{sub}社区召开议事会议12次。\n", encoding="utf-8")
    hashes = report._input_hashes({"seeds_dir": str(tmp_path)})
    assert set(hashes) == {"a/x.txt", "b/x.txt"} and len(set(hashes.values())) == 2


def test_a_report_of_another_input_gets_its_own_name(tmp_path):
    nb = NOTEBOOKS / "01_corpus_overview.ipynb"
    declared = report.notebook_parameters(nb)
    default = report._default_input(nb, declared)
    assert default == SEEDS.resolve()
    assert report.report_stem(nb, {"seeds_dir": str(SEEDS)}, default_input=default) == nb.stem
    other = tmp_path / "seeds"
    other.mkdir()
    stem = report.report_stem(nb, {"seeds_dir": str(other)}, default_input=default)
    assert stem.startswith("01_corpus_overview-in-seeds-") and stem != nb.stem
    store_stem = report.report_stem(
        nb, {"store": str(tmp_path / "gov.duckdb")}, default_input=default
    )
    assert store_stem.startswith("01_corpus_overview-store-gov_duckdb-")
    # two folders of the same name elsewhere do not collide either
    twin = tmp_path / "x" / "seeds"
    assert report.report_stem(nb, {"seeds_dir": str(twin)}, default_input=default) != stem


def test_failed_notebook_is_announced_only_when_written(tmp_path):
    out = tmp_path / "out"

    def no_kernel(notebook, output, params, *, progress):
        raise RuntimeError("kernel died before the first save")

    with mock.patch.object(report, "_execute", no_kernel), pytest.raises(ReportError) as exc:
        report.run_report("overview", {"seeds_dir": str(SEEDS)}, out_dir=out)
    assert "saved as" not in str(exc.value) and "no executed notebook was written" in str(exc.value)
    assert not list(out.glob("*.failed.ipynb"))
    manifest = json.loads((out / "01_corpus_overview.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and manifest["failed_notebook"] is None

    def half(notebook, output, params, *, progress):
        Path(output).write_text("{}", encoding="utf-8")
        raise RuntimeError("boom")

    with mock.patch.object(report, "_execute", half), pytest.raises(ReportError) as exc:
        report.run_report("overview", {"seeds_dir": str(SEEDS)}, out_dir=out)
    failed = out / "01_corpus_overview.failed.ipynb"
    assert f"saved as {failed}" in str(exc.value) and failed.exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary file left"


def _manifest(out: Path, name: str, status: str, generated: str, **extra) -> None:
    m = {
        "name": name,
        "report": name.split("-")[0],
        "html": f"{name}.html",
        "parameters": {},
        "generated": generated,
        "status": status,
        **extra,
    }
    (out / f"{name}.json").write_text(json.dumps(m), encoding="utf-8")


def test_index_drops_stale_failures_and_links_the_failed_notebook(tmp_path):
    out = tmp_path
    (out / "03_topics.html").write_text("ok", encoding="utf-8")
    _manifest(out, "03_topics", "ok", "2026-01-02T00:00:00+00:00")
    # failed before the last good run of the same report: stale
    (out / "03_topics-k-9.failed.ipynb").write_text("{}", encoding="utf-8")
    _manifest(out, "03_topics-k-9", "failed", "2026-01-01T00:00:00+00:00", error="old")
    # failed after it: listed, with a link to its executed notebook
    (out / "03_topics-k-5.failed.ipynb").write_text("{}", encoding="utf-8")
    _manifest(
        out,
        "03_topics-k-5",
        "failed",
        "2026-01-03T00:00:00+00:00",
        error=f"new {SCRIPT}",
        failed_notebook="03_topics-k-5.failed.ipynb",
    )
    # failed, but its notebook was deleted and it has no HTML: nothing to show
    _manifest(out, "02_indicators", "failed", "2026-01-04T00:00:00+00:00", error="gone")
    index = report.write_index(out).read_text(encoding="utf-8")
    assert "03_topics-k-9" not in index and "02_indicators" not in index
    assert '<a href="03_topics-k-5.failed.ipynb">executed notebook</a>' in index
    assert '<a href="03_topics.html">03_topics</a>' in index
    assert "<script>alert" not in index and "new &lt;script&gt;" in index


def test_report_all_passes_no_progress_to_every_notebook(tmp_path):
    calls = []

    def fake_run(cmd, **kw):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, stderr="")

    with mock.patch.object(report.subprocess, "run", fake_run):
        assert cli.main(["report", "all", "--no-progress", "--out", str(tmp_path)]) == 0
    assert len(calls) == len(report.available_notebooks())
    assert all("--no-progress" in c for c in calls)


def test_report_help_lists_every_notebook_parameter_with_its_default(capsys):
    with pytest.raises(SystemExit):
        cli.main(["report", "--help"])
    out = capsys.readouterr().out
    for nb in report.available_notebooks():
        for name, spec in report.notebook_parameters(nb).items():
            assert f"{name} [{spec['default']}]" in out
    assert "current directory" in out


def test_out_defaults_to_reports_in_the_current_directory():
    args = cli.build_parser().parse_args(["report", "overview"])
    assert args.out == "reports" and not Path(args.out).is_absolute()


def test_notebooks_do_not_open_with_a_debug_repr():
    import nbformat

    for path in report.available_notebooks(NOTEBOOKS):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
                last = cell.source.strip().splitlines()[-1].strip()
                assert last not in ("tables", "topics", "comparison", "corpus"), (path.name, last)


def test_make_lab_passes_jupyter_opts_and_allows_root():
    proc = subprocess.run(
        ["make", "-n", "-s", "lab", "STAMP=Makefile", "JUPYTER_OPTS=--port 9999"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(ln for ln in proc.stdout.splitlines() if "jupyter lab" in ln)
    assert "--port 9999" in line and line.rstrip().endswith("notebooks/")
    assert ("--allow-root" in line) == (os.geteuid() == 0)


# ----------------------------------------------------------------------------- JSON


def test_rows_are_standard_json(tmp_path):
    w = store.JsonlWriter(tmp_path / "indicators.jsonl")
    w.write({"value": float("nan"), "value_max": 3.0, "counts": {"a": float("nan")}})
    w.commit()
    line = (tmp_path / "indicators.jsonl").read_text(encoding="utf-8").strip()
    assert line == '{"value": null, "value_max": 3.0, "counts": {"a": null}}'
    w = store.JsonlWriter(tmp_path / "indicators.jsonl")
    with pytest.raises(store.NonFiniteError, match=r"indicators\.value=inf: not a finite number"):
        w.write({"surface": "9" * 320 + "万元", "value": float("inf")})
    w.abort()
    from govstats.pipeline import _dumps

    with pytest.raises(ValueError, match="finite"):
        _dumps({"value": float("-inf")})
    with pytest.raises(store.NonFiniteError, match=r"ratios\[0\]\[2\]=inf"):
        store.write_parquet(
            [{"ratios": [["a", "b", float("inf")]]}], tmp_path / "h.parquet", name="hierarchies"
        )


# ----------------------------------------------------------------------------- interrupts


def _many_files(folder: Path, n: int) -> Path:
    """``n`` distinct synthetic articles: enough work for a run to be interrupted mid-way."""
    folder.mkdir(parents=True)
    for i in range(n):
        body = "\n\n".join(
            f"第{i}区召开议事会议{j + i}次，解决问题{3 * j + i}件，服务居民{100 + j}人，楼长{j}名参与网格化治理。"
            * 3
            for j in range(8)
        )
        (folder / f"{i:05d}.txt").write_text(f"{i}号社区治理报道\n\n{body}\n", encoding="utf-8")
    return folder


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rfind(")") + 2 :].split()[1]) == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def _start_extract(src: Path, out: Path, tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """``extract -j 2`` in a subprocess; returns once both workers write rows."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "govstats",
            "extract",
            str(src),
            "--out",
            str(out),
            "-j",
            "2",
            "--no-cache",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        assert proc.poll() is None, (
            f"extract ended before it could be interrupted: {proc.communicate()}"
        )
        kids = _children(proc.pid)
        tmp = (
            [p for p in out.glob(".paragraphs.jsonl.*.tmp") if p.stat().st_size > 0]
            if out.exists()
            else []
        )
        if len(kids) >= 2 and tmp:
            return proc, kids
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("extract did not start writing within 120 s")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    return _many_files(tmp_path_factory.mktemp("big") / "src", 1500)


def test_workers_end_when_the_parent_is_killed(big_corpus, tmp_path):
    proc, kids = _start_extract(big_corpus, tmp_path / "out", tmp_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.1)
    left = [k for k in kids if _alive(k)]
    for k in left:  # do not leave them to the machine
        os.kill(k, signal.SIGKILL)
    assert not left, f"workers {left} outlived their SIGKILLed parent"
    # the next run removes the dead run's temporary files, and only those
    debris = [p.name for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]
    assert debris, "a SIGKILLed run leaves its temporary files (nothing to clean up?)"
    from govstats.pipeline import extract

    extract(SEEDS, tmp_path / "out")
    assert not [p.name for p in (tmp_path / "out").iterdir() if ".tmp" in p.name]


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_prints_one_line_exits_128_plus_signal_and_leaves_no_debris(
    big_corpus, tmp_path, sig, code
):
    from govstats.pipeline import extract

    out = tmp_path / "out"
    extract(SEEDS, out, cache=False)  # a good earlier run
    before = {p.name: p.read_bytes() for p in out.glob("*.jsonl")}
    proc, kids = _start_extract(big_corpus, out, tmp_path)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"govstats: interrupted ({signal.Signals(sig).name})")
    assert "Traceback" not in err
    time.sleep(0.5)
    assert not [k for k in kids if _alive(k)], "workers outlived the interrupted run"
    assert {p.name: p.read_bytes() for p in out.glob("*.jsonl")} == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".cache"]


def test_sigint_during_the_duckdb_write_is_one_line_and_exit_130(tmp_path, capsys):
    """DuckDB turns a KeyboardInterrupt raised while it reads rows into InvalidInputException."""
    out = tmp_path / "out"
    real = store._prepare
    fired = []

    def interrupt_once(rows, types):
        if not fired:
            fired.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # arrives while DuckDB pulls this batch
        return real(rows, types)

    with mock.patch.object(store, "_prepare", interrupt_once):
        code = cli.main(
            [
                "extract",
                str(SEEDS),
                "--out",
                str(out),
                "--db",
                str(out / "gov.duckdb"),
                "--no-cache",
            ]
        )
    assert fired and code == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("govstats: interrupted (SIGINT)")
    assert not (out / "gov.duckdb").exists()
    # the run created --out: it removes it again when it is left empty
    left = [p.name for p in out.iterdir()] if out.exists() else []
    assert not [n for n in left if ".tmp" in n or ".stage" in n], left


def test_only_temporary_files_of_dead_runs_are_removed(tmp_path):
    from govstats.pipeline import extract

    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    done = subprocess.run(["true"], check=True)  # noqa: F841 - a pid that has exited
    dead = subprocess.Popen(["true"])
    dead.wait()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live_id = runs.run_id(sleeper.pid)
        me = os.getpid()
        names = {
            f".articles.jsonl.{dead.pid}-123.tmp": False,  # dead run: removed
            f".gov.duckdb.{dead.pid}-123.tmp.wal": False,
            f".articles.jsonl.{dead.pid}.tmp": False,  # an older release's name
            f".mentions.jsonl.{me}-1.tmp": False,  # my pid, another start time: a recycled pid
            f".articles.jsonl.{live_id}.tmp": True,  # a concurrent live run: kept
            f".x.parquet.{runs.current()}.stage": True,  # this run's own
            "notes.tmp": True,  # not ours
        }
        for name in names:
            (out / name).write_text("x")
            (out / ".cache" / name).write_text("x")
        extract(SEEDS, out)
        for name, kept in names.items():
            assert (out / name).exists() == kept, name
            assert (out / ".cache" / name).exists() == kept, name
    finally:
        sleeper.kill()
        sleeper.wait()


# ----------------------------------------------------------------------------- reports


NAMES = ["01_corpus_overview", "02_indicators", "03_topics", "04_model_comparison"]


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    seeds = write_hostile_corpus(base / "in")
    out = base / "reports"
    done = {
        n: report.run_report(n, {"seeds_dir": str(seeds)}, out_dir=out, progress=False)
        for n in NAMES
    }
    done["02_indicators-params"] = report.run_report(
        "indicators",
        {"seeds_dir": str(seeds), "place": PLACE, "unit": UNIT},
        out_dir=out,
        progress=False,
    )
    return done, out


@pytest.mark.notebooks
@pytest.mark.parametrize("name", [*NAMES, "02_indicators-params"])
def test_report_html_holds_no_payload_markup(hostile_reports, name):
    done, out = hostile_reports
    r = done[name]
    assert r.manifest["status"] == "ok"
    assert "-in-svg_onload_alert_8-" in r.name, "named after its (non-default) input"
    html = r.html.read_text(encoding="utf-8")
    for tag in PAYLOAD_TAGS:
        assert tag not in html, (name, tag)
    assert "&amp;quot;" not in html and "&amp;lt;" not in html, "escaped exactly once"
    assert "new\\nline.txt" in html  # the manifest row of the file with a newline
    assert "&lt;" in html  # the payloads are there, as text


@pytest.mark.notebooks
@pytest.mark.browser
def test_no_payload_runs_or_exists_in_the_dom(hostile_reports):
    from test_browser import ARGS, CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium to run the browser test")
    pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")
    from playwright.sync_api import sync_playwright

    done, out = hostile_reports
    dialogs: list[str] = []
    found: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for name, r in [*done.items(), ("index", None)]:
                page.goto((out / "index.html").as_uri() if r is None else r.html.as_uri())
                page.wait_for_load_state("load")
                page.wait_for_timeout(200)
                found[name] = page.evaluate(
                    """() => ({
                      handlers: document.querySelectorAll('[onerror],[onload],[onmouseover],[onclick]').length,
                      payloadTags: document.querySelectorAll('img[src="x"], svg, b').length,
                      alertScripts: Array.from(document.scripts).filter(s => s.text.includes('alert(')).length,
                      jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
                      text: document.body.innerText,
                    })"""
                )
        finally:
            browser.close()
    assert dialogs == [], dialogs
    for name, f in found.items():
        assert (f["handlers"], f["payloadTags"], f["alertScripts"], f["jsLinks"]) == (0, 0, 0, 0), (
            name
        )
    assert SCRIPT in found["01_corpus_overview"]["text"]  # visible, as text
    assert "<img src=x onerror=alert(5)>.txt" in found["01_corpus_overview"]["text"]
    assert PLACE in found["02_indicators-params"]["text"]  # the parameter in the caption


def _run_demo_report(tmp_path: Path, tmpdir: Path) -> subprocess.CompletedProcess:
    """``govstats report demo`` on a two-cell notebook, with ``TMPDIR`` set to ``tmpdir``."""
    import nbformat

    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell('seeds_dir = "x"', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell('print("fine")')]  # fmt: skip
    nbformat.write(nb, nbdir / "09_demo.ipynb")
    return subprocess.run(
        [sys.executable, "-m", "govstats", "report", "demo", "--notebooks", str(nbdir),
         "--out", str(tmp_path / "out"), "--no-progress"],
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmpdir)},
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip


@pytest.mark.notebooks
def test_report_runs_under_a_temp_folder_too_long_for_a_socket(tmp_path):
    """A TMPDIR whose path leaves no room for a Unix socket name (107 bytes) still runs."""
    tmp = tmp_path / ("t" * 60) / ("m" * 40)
    tmp.mkdir(parents=True)
    proc = _run_demo_report(tmp_path, tmp)
    assert proc.returncode == 0, proc.stderr
    assert "fine" in (tmp_path / "out" / "09_demo.html").read_text(encoding="utf-8")
    assert not list(tmp.glob("govstats-kernel-*"))


def test_report_run_logs_no_kernel_noise(tmp_path):
    # a temp folder of its own: another run on the machine (a second suite) makes its own
    # govstats-kernel-* folders in the shared /tmp
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    kernel_dirs: set[Path] = set()
    proc = _run_demo_report(tmp_path, tmp)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "", proc.stderr  # no TCP warning, no KeyboardInterrupt log
    # the IPC sockets lived in a private folder, not beside the notebook, and are gone
    assert not [p.name for p in tmp_path.rglob("kernel-*")]
    assert set(tmp.glob("govstats-kernel-*")) <= kernel_dirs
