"""Compiled builds of the extraction modules (Cython): optional, same output, faster.

This is the part imported with ``govstats`` (it finds the builds; standard library
only); ``govstats/accel.py`` builds them (``python -m govstats.accel build``).

The extraction stages are plain Python. ``python -m govstats.accel build`` compiles the
modules of the extraction path (``MODULES``) unchanged with Cython into
``govstats/_compiled/`` (one extension per module, git-ignored) and writes a manifest
with the sha256 of each source it compiled. ``make`` runs it when it sets up ``.venv``
(and ``make bench`` before measuring); without a C compiler or Cython nothing is built
and everything runs as Python.

At import time (``govstats/__init__.py`` calls ``install``) a finder on ``sys.meta_path``
hands out a compiled module only when the manifest's hash is the hash of the ``.py``
file beside it now: a module edited since the build is imported from its source, never
from a stale build. ``GOVSTATS_PURE=1`` in the environment switches the compiled modules
off altogether (the tests compare both ways on the seeds and on real stories).

Cython compiles the sources with Python semantics (``annotation_typing=False``: type
hints are not enforced, as in Python; ``binding=True``: functions introspect and pickle
as Python's do). Modules that use numba (``minhash``, ``wordtrie``) stay Python: numba
needs Python function objects. A module Cython cannot compile is left out of the build,
reported, and imported from its source.

Examples
--------
>>> from govstats import accel
>>> sorted(accel.status())[:2]  # doctest: +SKIP
['articlewalk', 'blocks']
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
COMPILED_DIR = PACKAGE_DIR / "_compiled"
MANIFEST = COMPILED_DIR / "manifest.json"
#: the environment variable that switches the compiled modules off ("1", "true", "yes")
PURE_ENV = "GOVSTATS_PURE"

#: the modules of the extraction path that are compiled (``python -m bench.profile``
#: names where the time goes: all of these, none by much). Not: the numba users
#: (``minhash``, ``wordtrie``), and the parent-side and one-off modules.
MODULES = (
    "articlewalk",
    "blocks",
    "cues",
    "dates",
    "docmap",
    "hierarchy",
    "hierarchy_forms",
    "hierarchy_units",
    "hierarchy_vocab",
    "indicator_roles",
    "indicator_rules",
    "indicators",
    "lexicon",
    "matcher",
    "neardup",
    "noun_chunks",
    "numbers",
    "places",
    "script",
    "segment",
    "sources",
    "store",
    "stories",
    "subject_copy",
    "subject_forms",
    "subject_phrases",
    "subject_spans",
    "subjects",
    "timescope",
)

def _suffix() -> str:
    """This interpreter's extension suffix (``.cpython-311-x86_64-linux-gnu.so``)."""
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pure() -> bool:
    """True when ``GOVSTATS_PURE`` asks for the Python modules only."""
    return os.environ.get(PURE_ENV, "").strip().lower() in ("1", "true", "yes")


def _manifest(path: Path = MANIFEST) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def usable(
    package_dir: Path = PACKAGE_DIR, compiled_dir: Path | None = None, *, only: str | None = None
) -> dict[str, Path]:
    """``{module: extension path}`` of the compiled modules that match their sources now.

    A module is usable when the manifest was written for this interpreter's extension
    suffix, its extension file exists and the manifest's sha256 is that of
    ``package_dir/<module>.py`` as it is now. ``only`` checks that one module.
    """
    cdir = compiled_dir or package_dir / "_compiled"
    man = _manifest(cdir / "manifest.json")
    if man.get("suffix") != _suffix():
        return {}
    out: dict[str, Path] = {}
    for name, sha in sorted((man.get("modules") or {}).items()):
        if only is not None and name != only:
            continue
        src = package_dir / f"{name}.py"
        ext = cdir / f"{name}{_suffix()}"
        try:
            if ext.is_file() and _sha(src) == sha:
                out[name] = ext
        except OSError:
            continue
    return out


class _Finder(importlib.abc.MetaPathFinder):
    """Finds ``govstats.<module>`` in ``_compiled/`` for the usable modules."""

    def __init__(self, package: str, modules: dict[str, Path]) -> None:
        self.package = package
        self.modules = modules

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        pkg, _, name = fullname.rpartition(".")
        ext = self.modules.get(name) if pkg == self.package else None
        # checked again now: the source may have been edited since ``install``
        if ext is None or name not in usable(only=name):
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(ext))
        return importlib.util.spec_from_file_location(fullname, ext, loader=loader)


def install(package: str = "govstats") -> dict[str, Path]:
    """Put the finder for the usable compiled modules on ``sys.meta_path`` (once).

    Returns the modules it serves (empty under ``GOVSTATS_PURE=1`` or with no build).
    """
    for f in sys.meta_path:
        if isinstance(f, _Finder) and f.package == package:
            return f.modules
    if pure():
        return {}
    mods = usable()
    if mods:
        sys.meta_path.insert(0, _Finder(package, mods))
    return mods


def status() -> dict[str, str]:
    """``{module: state}`` for ``MODULES``: ``compiled`` (imported from its build, or
    will be), ``stale`` (built from another version of the source), ``not built``, or
    ``off`` (``GOVSTATS_PURE``)."""
    ok = usable()
    man = (_manifest().get("modules") or {}) if _manifest().get("suffix") == _suffix() else {}
    out = {}
    for name in MODULES:
        if pure():
            out[name] = "off"
        elif name in ok:
            out[name] = "compiled"
        elif name in man:
            out[name] = "stale"
        else:
            out[name] = "not built"
    return out


def loaded() -> list[str]:
    """The ``govstats`` modules imported so far from a compiled build."""
    return sorted(
        name.rpartition(".")[2]
        for name, m in list(sys.modules.items())
        if name.startswith("govstats.")
        and str(getattr(m, "__file__", "") or "").endswith(_suffix())
    )
