"""``python -m govstats.accel build | status | clean``: compile the extraction modules.

What is compiled, where it goes and when a build is used: ``govstats/_accel.py``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

from ._accel import (
    COMPILED_DIR,
    MANIFEST,
    MODULES,
    PACKAGE_DIR,
    PURE_ENV,
    _manifest,
    _sha,
    _suffix,
    loaded,
    pure,
    status,
    usable,
)

__all__ = ["MODULES", "build", "clean", "loaded", "main", "pure", "status", "usable"]

_DIRECTIVES = {"language_level": 3, "binding": True, "annotation_typing": False}


def _compile_one(name: str, build: Path, opt: str) -> Path:
    """Cythonize and compile ``govstats/<name>.py`` in ``build``; the extension's path."""
    import shutil

    from Cython.Build import cythonize  # only the build needs Cython
    from setuptools import Distribution, Extension

    pkg = build / "govstats"
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").touch()
    src = pkg / f"{name}.py"
    shutil.copyfile(PACKAGE_DIR / f"{name}.py", src)
    ext = Extension(f"govstats.{name}", [str(src)], extra_compile_args=[opt, "-g0", "-w"])
    cwd = os.getcwd()
    os.chdir(build)
    try:
        mods = cythonize([ext], compiler_directives=_DIRECTIVES, quiet=True, force=True)
        dist = Distribution({"ext_modules": mods})
        cmd = dist.get_command_obj("build_ext")
        cmd.inplace = True
        cmd.ensure_finalized()
        cmd.run()
    finally:
        os.chdir(cwd)
    return pkg / f"{name}{_suffix()}"


def build(
    modules: tuple[str, ...] = MODULES, *, jobs: int = 0, opt: str = "-O2", force: bool = False
) -> dict[str, str]:
    """Compile ``modules`` into ``_compiled/`` and write the manifest.

    A module whose build is already current is kept (unless ``force``). Each module is
    compiled in its own child process, ``jobs`` at a time (0: one per core), so one
    that Cython cannot compile is reported and left out without stopping the others.
    Returns ``{module: "built" | "current" | "failed: …"}``.
    """
    import shutil
    import subprocess
    import tempfile

    COMPILED_DIR.mkdir(exist_ok=True)
    man = _manifest()
    have = (man.get("modules") or {}) if man.get("suffix") == _suffix() else {}
    current = {} if force else usable()
    todo = [m for m in modules if m not in current]
    result = {m: "current" for m in modules if m in current}
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="govstats-accel-") as tmp:
        procs: list[tuple[str, str, subprocess.Popen, Path]] = []
        pending = list(todo)
        while pending or procs:
            while pending and len(procs) < jobs:
                name = pending.pop(0)
                bdir = Path(tmp) / name
                log = Path(tmp) / f"{name}.log"
                sha = _sha(PACKAGE_DIR / f"{name}.py")  # the source as it was compiled
                code = (
                    "import sys; from pathlib import Path; from govstats.accel import _compile_one;"
                    f" print(_compile_one({name!r}, Path({str(bdir)!r}), {opt!r}))"
                )
                env = dict(os.environ, **{PURE_ENV: "1"})
                with open(log, "wb") as fh:
                    p = subprocess.Popen(
                        [sys.executable, "-c", code], stdout=fh, stderr=subprocess.STDOUT, env=env
                    )
                procs.append((name, sha, p, log))
            name, sha, p, log = procs.pop(0)
            rc = p.wait()
            ext = Path(tmp) / name / "govstats" / f"{name}{_suffix()}"
            if rc == 0 and ext.is_file():
                dest = COMPILED_DIR / ext.name
                part = dest.with_name(dest.name + ".part")
                shutil.copyfile(ext, part)
                os.replace(part, dest)
                have[name] = sha
                result[name] = "built"
            else:
                have.pop(name, None)
                lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                why = next((ln for ln in reversed(lines) if ln.strip()), "no output")
                result[name] = f"failed: {why.strip()[:200]}"
    for name in list(have):
        if name not in MODULES:
            have.pop(name)
    tmpman = MANIFEST.with_name("manifest.json.part")
    tmpman.write_text(
        json.dumps({"suffix": _suffix(), "modules": dict(sorted(have.items()))}, indent=1) + "\n",
        encoding="utf-8",
    )
    os.replace(tmpman, MANIFEST)
    return result


def clean() -> None:
    """Remove every compiled module and the manifest."""
    import shutil

    shutil.rmtree(COMPILED_DIR, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m govstats.accel",
        description="Compiled (Cython) builds of govstats' extraction modules.",
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="compile the modules whose build is missing or stale")
    b.add_argument("--force", action="store_true", help="rebuild every module")
    b.add_argument("-j", "--jobs", type=int, default=0, help="modules compiled at once (0: cores)")
    b.add_argument(
        "--optional",
        action="store_true",
        help="exit 0 with one line when Cython or a C compiler is missing (make uses this)",
    )
    sub.add_parser("status", help="which modules are compiled, stale or not built")
    sub.add_parser("clean", help="remove the compiled modules")
    args = ap.parse_args(argv)
    if args.cmd == "status":
        for name, state in status().items():
            print(f"{name:18} {state}")
        return 0
    if args.cmd == "clean":
        clean()
        return 0
    if importlib.util.find_spec("Cython") is None:
        print("govstats.accel: Cython is not installed (pip install cython); modules stay Python")
        return 0 if args.optional else 1
    res = build(jobs=args.jobs, force=args.force)
    failed = {k: v for k, v in res.items() if v.startswith("failed")}
    n_ok = sum(v != "current" and not v.startswith("failed") for v in res.values())
    n_cur = sum(v == "current" for v in res.values())
    print(f"govstats.accel: {n_ok} built, {n_cur} current, {len(failed)} left as Python")
    for k, v in failed.items():
        print(f"  {k}: {v}")
    if failed and len(failed) == len(res):
        return 0 if args.optional else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
