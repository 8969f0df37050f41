"""The compiled builds of the extraction modules (govstats/_accel.py, govstats/accel.py).

A build is used only when it was made from the source as it is now; ``GOVSTATS_PURE=1``
switches it off; compiled and pure Python give byte-identical tables on the seeds and on
real 新闻联播 stories. The build itself is made by ``make`` (``python -m govstats.accel
build``); the tests that need it skip, saying so, when nothing is built.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, shared_file

from govstats import _accel

# the hot modules of the extraction (bench.profile): a build that lacks one is broken
HOT = ("indicators", "subjects", "subject_phrases", "noun_chunks", "timescope", "indicator_rules")


def _fake_build(tmp_path: Path, *, source: str, sha: str | None = None, suffix=None) -> Path:
    pkg = tmp_path / "pkg"
    cdir = pkg / "_compiled"
    cdir.mkdir(parents=True)
    (pkg / "mod.py").write_text(source, encoding="utf-8")
    (cdir / f"mod{_accel._suffix()}").write_bytes(b"not really an extension")
    real = hashlib.sha256(source.encode()).hexdigest()
    man = {"suffix": suffix or _accel._suffix(), "modules": {"mod": sha or real}}
    (cdir / "manifest.json").write_text(json.dumps(man), encoding="utf-8")
    return pkg


def test_a_build_of_the_current_source_is_used(tmp_path):
    pkg = _fake_build(tmp_path, source="X = 1\n")
    assert list(_accel.usable(pkg)) == ["mod"]


def test_a_build_of_another_version_of_the_source_is_not_used(tmp_path):
    pkg = _fake_build(tmp_path, source="X = 1\n")
    (pkg / "mod.py").write_text("X = 2  # edited after the build\n", encoding="utf-8")
    assert _accel.usable(pkg) == {}


def test_a_build_for_another_interpreter_is_not_used(tmp_path):
    pkg = _fake_build(tmp_path, source="X = 1\n", suffix=".cpython-39-x86_64-linux-gnu.so")
    assert _accel.usable(pkg) == {}


def test_a_damaged_manifest_means_no_build(tmp_path):
    pkg = _fake_build(tmp_path, source="X = 1\n")
    (pkg / "_compiled" / "manifest.json").write_text("{not json", encoding="utf-8")
    assert _accel.usable(pkg) == {}


def test_the_extension_file_must_exist(tmp_path):
    pkg = _fake_build(tmp_path, source="X = 1\n")
    (pkg / "_compiled" / f"mod{_accel._suffix()}").unlink()
    assert _accel.usable(pkg) == {}


def _run(code: str, *, pure: bool) -> str:
    env = dict(os.environ)
    env.pop(_accel.PURE_ENV, None)
    if pure:
        env[_accel.PURE_ENV] = "1"
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


_LOADED = (
    "import govstats.pipeline, govstats.indicators, govstats._accel as a;"
    " import json; print(json.dumps(a.loaded()))"
)


def _built() -> list[str]:
    ok = [m for m, s in _accel.status().items() if s == "compiled"]
    if not ok:
        pytest.skip("no compiled modules (python -m govstats.accel build; make does it)")
    return ok


def test_the_compiled_hot_modules_are_imported():
    built = _built()
    missing = [m for m in HOT if m not in built]
    assert not missing, f"the build lacks hot modules {missing}: python -m govstats.accel status"
    loaded = json.loads(_run(_LOADED, pure=False))
    assert set(HOT) <= set(loaded)


def test_govstats_pure_switches_them_off():
    _built()
    assert json.loads(_run(_LOADED, pure=True)) == []


_EXTRACT = """
import hashlib, json, sys, tempfile
from pathlib import Path
from govstats import pipeline, _accel
out = {{}}
for name, src in (("seeds", {seeds!r}), ("xwlb", {stories!r})):
    with tempfile.TemporaryDirectory() as tmp:
        pipeline.extract(src, tmp, n_jobs=1, cache=False, tokens=True)
        for p in sorted(Path(tmp).glob("*.jsonl")):
            out[name + "/" + p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
print(json.dumps({{"loaded": _accel.loaded(), "tables": out}}))
"""


def test_compiled_and_pure_python_give_identical_tables(tmp_path):
    _built()
    src = shared_file("corpora", "xwlb.jsonl.gz")
    stories = tmp_path / "stories.jsonl.gz"
    with gzip.open(src, "rb") as fh, gzip.open(stories, "wb") as out:
        for i, line in enumerate(fh):
            if i % 150 == 0:  # 500 stories from 2012 to 2026
                out.write(line)
    code = _EXTRACT.format(seeds=str(SEEDS), stories=str(stories))
    compiled = json.loads(_run(code, pure=False))
    python = json.loads(_run(code, pure=True))
    assert "indicators" in compiled["loaded"] and python["loaded"] == []
    assert len(compiled["tables"]) >= 10
    differ = [t for t in compiled["tables"] if compiled["tables"][t] != python["tables"].get(t)]
    assert not differ, f"compiled and pure Python differ on {differ}"
