"""The real corpus: 新闻联播 stories read straight from ``../shared/corpora/xwlb.jsonl.gz``.

The archive is gzip JSON lines (``corpus, id, date, title, source, url, text``; one
``\\n`` between paragraphs). The benchmark takes the first ``n`` stories in file order
(``n=None``: all 74,529), and each story becomes one text: its title, a blank line,
its paragraphs, a final newline (:func:`story_text`). The in-memory stages build each
story's ``Document`` from that text exactly as ``load_document`` would from a file
holding it (:func:`story_document`); the end-to-end rows read the same texts written
one story per file (:func:`materialise`, under the git-ignored ``bench/_corpora``).
The texts never enter the repository.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from .synth import BUCKET, CORPORA

ROOT = Path(__file__).resolve().parent
# beside the clone, as for the tests (GOVSTATS_SHARED moves it)
SHARED = Path(os.environ.get("GOVSTATS_SHARED", ROOT.parent.parent / "shared"))
ARCHIVE = SHARED / "corpora" / "xwlb.jsonl.gz"
ARCHIVE_STORIES = 74_529

try:  # orjson parses the archive ~3x faster than json; both give the same dicts
    from orjson import loads as _loads
except ImportError:  # pragma: no cover
    _loads = json.loads


def archive_path(path: str | Path | None = None) -> Path:
    """The archive file; raises ``FileNotFoundError`` naming it when it is absent."""
    p = Path(path) if path else ARCHIVE
    if not p.is_file():
        raise FileNotFoundError(
            f"{p}: the 新闻联播 archive is not there; the real-corpus benchmark needs "
            "../shared/corpora/xwlb.jsonl.gz beside the repository (or --archive PATH)"
        )
    return p


def read_records(n: int | None = None, path: str | Path | None = None) -> Iterator[dict]:
    """The first ``n`` records of the archive (all with ``n=None``), in file order."""
    if n is not None and n < 1:
        raise ValueError(f"n={n!r}: expected a positive number of stories, or None for all")
    with gzip.open(archive_path(path), "rb") as fh:
        for i, line in enumerate(fh):
            if n is not None and i >= n:
                return
            yield _loads(line)


def story_text(rec: dict) -> str:
    """One story as a text file holds it: title, blank line, paragraphs, newline."""
    title = (rec.get("title") or "").strip()
    body = (rec.get("text") or "").strip("\n")
    return f"{title}\n\n{body}\n" if title else f"{body}\n"


def story_name(i: int, rec: dict) -> str:
    """File name of story ``i``: its position and the archive id (unique, sortable)."""
    return f"{i:06d}_{rec['id']}.txt"


def story_document(i: int, rec: dict):
    """The ``Document`` that ``load_document`` gives for the story's file (no disk)."""
    from govstats.corpus import normalize_text
    from govstats.records import Document

    text = story_text(rec)
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        id=sha[:16],
        path=story_name(i, rec),
        encoding="utf-8",
        text=normalize_text(text),
        sha256=sha,
    )


def stories(n: int | None = None, path: str | Path | None = None) -> Iterator[str]:
    """The stories' texts (:func:`story_text`), first ``n`` in file order."""
    for rec in read_records(n, path):
        yield story_text(rec)


def materialise(n: int | None, *, root: Path = CORPORA, path: str | Path | None = None) -> Path:
    """Write (or reuse) the first ``n`` stories one per file; return the folder.

    ``<root>/xwlb_n<n|all>/<bucket>/<position>_<id>.txt``, 1,000 files per bucket; a
    folder whose ``MANIFEST.json`` records the same archive size and ``n`` is reused.
    """
    src = archive_path(path)
    out = Path(root) / f"xwlb_n{n if n else 'all'}"
    params = {"archive": src.name, "archive_bytes": src.stat().st_size, "n": n, "layout": 1}
    manifest = out / "MANIFEST.json"
    if manifest.exists():
        try:
            if json.loads(manifest.read_text(encoding="utf-8"))["params"] == params:
                return out
        except (ValueError, KeyError):
            pass
    if out.exists():
        shutil.rmtree(out)
    n_chars = n_files = 0
    for i, rec in enumerate(read_records(n, src)):
        d = out / f"{i // BUCKET:04d}"
        if i % BUCKET == 0:
            d.mkdir(parents=True, exist_ok=True)
        text = story_text(rec)
        n_chars += len(text)
        n_files += 1
        (d / story_name(i, rec)).write_text(text, encoding="utf-8")
    manifest.write_text(
        json.dumps({"params": params, "n_chars": n_chars, "n_files": n_files}, indent=1),
        encoding="utf-8",
    )
    return out
