"""The CLI only parses and delegates; errors are one line and a non-zero exit."""

from __future__ import annotations

from unittest import mock

import pytest

from govstats import cli, report


def test_report_delegates_to_the_runner_with_parsed_parameters(tmp_path):
    fake = mock.Mock(
        return_value=report.ReportResult("x", tmp_path / "x.html", tmp_path / "x.ipynb", {})
    )
    with mock.patch.object(report, "run_report", fake):
        code = cli.main(
            [
                "report",
                "comparison",
                "-p",
                "models",
                "楼长+,网格化治理",
                "-p",
                "k",
                "4",
                "--out",
                str(tmp_path),
                "--with-code",
            ]
        )
    assert code == 0
    (name, params), kwargs = fake.call_args
    assert name == "comparison"
    assert params == {"models": "楼长+,网格化治理", "k": "4"}
    assert kwargs["with_code"] is True and kwargs["out_dir"] == str(tmp_path)


def test_all_delegates_to_run_all_and_fails_when_one_report_fails(tmp_path, capsys):
    fake = mock.Mock(
        return_value={"01_corpus_overview": None, "03_topics": "govstats: error: boom"}
    )
    with mock.patch.object(report, "run_all", fake):
        code = cli.main(["report", "all", "--out", str(tmp_path)])
    assert code == 1
    out = capsys.readouterr().out
    assert "01_corpus_overview: ok" in out and "03_topics: FAILED" in out


def test_unknown_model_is_rejected_before_a_kernel_starts(tmp_path, capsys):
    code = cli.main(
        ["report", "comparison", "-p", "models", "楼长,四级体系", "--out", str(tmp_path)]
    )
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "'楼长'" in err[0] and "楼长+" in err[0]
    assert not list(tmp_path.iterdir())


def test_models_lists_the_lexicon(capsys):
    assert cli.main(["models"]) == 0
    out = capsys.readouterr().out
    ids = [line.split("\t")[0] for line in out.splitlines()]
    assert {"楼长+", "四级体系", "网格化治理", "红色物业", "议事协商"} <= set(ids)


def test_models_with_a_user_lexicon(tmp_path, capsys):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "models:\n  - id: 街巷长制\n    name: 街巷长制\n    category: organisation structure\n"
        "    description: 街巷长负责一条街巷的治理。\n    aliases: [街巷长制, 街巷长]\n",
        encoding="utf-8",
    )
    assert cli.main(["models", "--lexicon", str(extra)]) == 0
    assert "街巷长制" in capsys.readouterr().out


def test_malformed_user_lexicon_is_one_clear_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("models:\n  - name: 没有id\n", encoding="utf-8")
    assert cli.main(["models", "--lexicon", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "id" in err


def test_missing_input_path_is_one_clear_line(tmp_path, capsys):
    code = cli.main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("govstats: error:") and "nope" in err


@pytest.mark.parametrize("argv", [["report"], ["extract", "seeds"], ["frobnicate"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_with_a_malformed_lexicon_fails_before_writing(seeds_dir, tmp_path, capsys, jobs):
    bad = tmp_path / "bad.yaml"
    bad.write_text("models:\n  - name: 没有id\n", encoding="utf-8")
    out = tmp_path / "out"
    code = cli.main(
        ["extract", str(seeds_dir), "--out", str(out), "--lexicon", str(bad), "-j", jobs]
    )
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.yaml" in err[0]
    assert not out.exists()
