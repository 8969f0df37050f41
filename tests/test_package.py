"""The package imports, exposes a short public API, and installs a console script."""

from __future__ import annotations

import shutil
import subprocess
import sys

import govstats as gs


def test_import_and_version():
    assert gs.__version__
    assert "load_corpus" in gs.__all__


def test_public_names_resolve():
    for name in gs.__all__:
        if name.startswith("__"):
            continue
        assert getattr(gs, name) is not None, name


def test_import_is_light():
    """``import govstats`` must not pull in pandas, sklearn or jieba (workers and the CLI start fast)."""
    code = "import sys, govstats; print(sorted(m for m in ('pandas','sklearn','jieba','matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_console_script_installed():
    exe = shutil.which("govstats") or str(
        __import__("pathlib").Path(sys.executable).with_name("govstats")
    )
    out = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "report" in out.stdout and "extract" in out.stdout
