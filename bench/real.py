"""The real corpus: 新闻联播 stories of ``../shared/corpora/xwlb.jsonl.gz``, through the
record reader.

The archive is gzip JSON lines (``corpus, id, date, title, source, url, text``). The
benchmark takes the first ``n`` stories in file order (``n=None``: all 74,529) and reads
them as ``govstats extract`` does, with ``govstats.sources.iter_documents`` (one
``Document`` per record: its text, with title, date and source as metadata). For
``n < all`` the first ``n`` lines of the archive are copied, byte for byte, into
``bench/_corpora/xwlb_n<n>.jsonl.gz`` (git-ignored, written once and reused); the
whole-archive run reads the archive itself. The texts never enter the repository.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .synth import CORPORA

ROOT = Path(__file__).resolve().parent
# beside the clone, as for the tests (GOVSTATS_SHARED moves it)
SHARED = Path(os.environ.get("GOVSTATS_SHARED", ROOT.parent.parent / "shared"))
ARCHIVE = SHARED / "corpora" / "xwlb.jsonl.gz"
ARCHIVE_STORIES = 74_529


def archive_path(path: str | Path | None = None) -> Path:
    """The archive file; raises ``FileNotFoundError`` naming it when it is absent."""
    p = Path(path) if path else ARCHIVE
    if not p.is_file():
        raise FileNotFoundError(
            f"{p}: the 新闻联播 archive is not there; the real-corpus benchmark needs "
            "../shared/corpora/xwlb.jsonl.gz beside the repository (or GOVSTATS_SHARED)"
        )
    return p


def records_file(n: int | None, *, root: Path = CORPORA, path: str | Path | None = None) -> Path:
    """A record file holding the archive's first ``n`` stories (``None``: the archive).

    The lines are the archive's own bytes; a copy whose ``.json`` side file records the
    same archive size and ``n`` is reused.
    """
    src = archive_path(path)
    if n is None:
        return src
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n={n!r}: expected a positive number of stories, or None for all")
    out = Path(root) / f"xwlb_n{n}.jsonl.gz"
    side = out.with_suffix(".json")
    params = {"archive": src.name, "archive_bytes": src.stat().st_size, "n": n}
    if out.exists() and side.exists():
        try:
            if json.loads(side.read_text(encoding="utf-8")) == params:
                return out
        except ValueError:
            pass
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    with gzip.open(src, "rb") as fin, gzip.open(tmp, "wb", compresslevel=6) as fout:
        for i, line in enumerate(fin):
            if i >= n:
                break
            fout.write(line)
    os.replace(tmp, out)
    side.write_text(json.dumps(params), encoding="utf-8")
    return out


def documents(n: int | None) -> Iterator[Any]:
    """The first ``n`` stories as the record reader gives them (``Document`` objects)."""
    from govstats.records import Document
    from govstats.sources import iter_documents

    for item in iter_documents(records_file(n)):
        if isinstance(item, Document):
            yield item


def read_records(n: int | None = None, path: str | Path | None = None) -> Iterator[dict]:
    """The raw records (dicts) of the first ``n`` stories, in file order."""
    with gzip.open(archive_path(path), "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if n is not None and i >= n:
                return
            yield json.loads(line)
