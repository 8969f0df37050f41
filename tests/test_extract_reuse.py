"""``govstats extract`` with workers that parse the records, and the per-file cache.

The parent ships raw record lines to the workers; what comes back must equal what the
record reader (``sources.iter_documents``) gives, problems included, whatever ``-j``.
An unchanged input file is not read again, an unchanged run keeps its outputs, and a
changed file, other options or a damaged output are noticed.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from govstats import docmap, pipeline
from govstats.records import Document, Problem
from govstats.sources import iter_documents

STORY = "近年来,街道共组建志愿服务队{}支,累计服务居民3000余人次,开展议事协商活动{}场。"


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.jsonl"))}


def _rows(folder: Path, table: str) -> list[dict]:
    with open(folder / f"{table}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _messy_records(path: Path) -> None:
    lines = []
    for i in range(12):
        lines.append(
            json.dumps({"id": f"s{i}", "text": STORY.format(i + 2, i + 5)}, ensure_ascii=False)
        )
    lines[4] = json.dumps(
        {"id": "s1", "text": STORY.format(40, 41)}, ensure_ascii=False
    )  # repeats s1
    lines[5] = json.dumps({"id": "s1~row6", "text": STORY.format(50, 51)}, ensure_ascii=False)
    lines[7] = json.dumps({"text": STORY.format(60, 61)}, ensure_ascii=False)  # no id
    lines[8] = json.dumps({"id": "null", "text": STORY.format(70, 71)}, ensure_ascii=False)
    lines[9] = ""  # blank
    lines[10] = "{not json"
    lines.insert(3, "[1, 2]")
    lines.insert(6, json.dumps({"id": "x", "body": "no text column"}))
    lines.insert(8, json.dumps({"id": "y", "text": "  "}))
    lines.append(json.dumps({"id": "s3", "text": STORY.format(80, 81)}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _reader_view(path: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Problems and document names as the sequential record reader gives them."""
    problems, names = [], []
    for item in iter_documents(path):
        if isinstance(item, Problem):
            problems.append((item.path, item.kind, item.message))
        else:
            names.append(item.name)
    return problems, names


@pytest.mark.parametrize("batch", [3, 32])
def test_workers_parsing_raw_lines_give_what_the_record_reader_gives(tmp_path, monkeypatch, batch):
    monkeypatch.setattr(pipeline, "BATCH_DOCS", batch)  # duplicate ids across batches
    src = tmp_path / "r.jsonl"
    _messy_records(src)
    problems, names = _reader_view(src)
    assert {k for _, k, _ in problems} >= {
        "duplicate-id",
        "missing-id",
        "bad-record",
        "empty-record",
    }
    outs = {}
    for n_jobs in (1, 2):
        out = outs[n_jobs] = tmp_path / f"j{n_jobs}"
        s = pipeline.extract(src, out, n_jobs=n_jobs, cache=False)
        assert s.n_documents == len(names)
        got = [(r["file"], r["kind"], r["message"]) for r in _rows(out, "problems")]
        assert [g for g in got if g[1] != "no-article"] == problems
        assert [r["file"] for r in _rows(out, "articles")] == names
    assert _bytes(outs[1]) == _bytes(outs[2])
    # the same rows as extract_document on the reader's documents, row for row
    docs = [d for d in iter_documents(src) if isinstance(d, Document)]
    expected = [line for d in docs for line in pipeline.extract_document(d).tables["indicators"]]
    assert (outs[2] / "indicators.jsonl").read_text(encoding="utf-8").splitlines() == expected


def test_a_gzip_file_cut_short_keeps_the_records_before_the_cut(tmp_path):
    full = tmp_path / "full.jsonl.gz"
    with gzip.open(full, "wt", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(
                json.dumps({"id": i, "text": STORY.format(i, i + 1) * 3}, ensure_ascii=False) + "\n"
            )
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    problems, names = _reader_view(src)
    assert problems[-1][1] == "unreadable" and 0 < len(names) < 400
    for n_jobs in (1, 2):
        out = tmp_path / f"j{n_jobs}"
        s = pipeline.extract(src, out, n_jobs=n_jobs)
        assert s.n_documents == len(names)
        got = [(r["file"], r["kind"], r["message"]) for r in _rows(out, "problems")]
        assert got == problems
    # a file that could not be read to its end is read again next time
    calls = []
    real = docmap.extract_document
    monkeypatch_calls = pytest.MonkeyPatch()
    monkeypatch_calls.setattr(
        docmap, "extract_document", lambda d, **k: calls.append(1) or real(d, **k)
    )
    try:
        pipeline.extract(src, tmp_path / "j1")
    finally:
        monkeypatch_calls.undo()
    assert len(calls) == len(names)


def _no_stages(monkeypatch) -> None:
    def boom(*a, **k):
        raise AssertionError("a stage ran on an unchanged input")

    monkeypatch.setattr(docmap, "extract_document", boom)
    monkeypatch.setattr(pipeline, "_near_duplicates", boom)


def _records_file(path: Path, n: int, start: int = 0) -> None:
    path.write_text(
        "".join(
            json.dumps({"id": f"s{i}", "text": STORY.format(i + 2, i + 9)}, ensure_ascii=False)
            + "\n"
            for i in range(start, n)
        ),
        encoding="utf-8",
    )


def _age(path: Path, seconds: float = 3600) -> None:
    """Date the file back (as a file written long before the run is)."""
    t = path.stat().st_mtime_ns - int(seconds * 1e9)
    os.utime(path, ns=(t, t))


def test_an_unchanged_run_keeps_its_outputs_without_reading_the_inputs(
    seeds_dir, tmp_path, monkeypatch
):
    src = tmp_path / "r.jsonl"
    _records_file(src, 40)
    _age(src)
    out = tmp_path / "out"
    first = pipeline.extract([src, seeds_dir], out, n_jobs=2, tokens=True)
    before = _bytes(out)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.jsonl")}
    _no_stages(monkeypatch)
    monkeypatch.setattr(
        pipeline, "raw_records", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read"))
    )
    again = pipeline.extract([src, seeds_dir], out, n_jobs=2, tokens=True)
    assert again.cached_files == again.n_documents == first.n_documents == 45
    assert again.counts == first.counts and again.problems == first.problems
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.jsonl")} == stamps  # not rewritten
    assert _bytes(out) == before
    # an output edited (or removed) since: written again, from the cache
    (out / "indicators.jsonl").write_text("{}\n", encoding="utf-8")
    (out / "mentions.jsonl").unlink()
    pipeline.extract([src, seeds_dir], out, n_jobs=2, tokens=True)
    assert _bytes(out) == before


def test_same_bytes_with_a_new_mtime_are_not_read_again_a_change_is(tmp_path, monkeypatch):
    src = tmp_path / "r.jsonl"
    _records_file(src, 30)
    _age(src)
    out = tmp_path / "out"
    pipeline.extract(src, out)
    os.utime(src)  # touched: same bytes
    monkeypatch.setattr(docmap, "extract_document", lambda *a, **k: 1 / 0)
    assert pipeline.extract(src, out).cached_files == 30
    monkeypatch.undo()
    # new bytes, same size, a moment later (inside the mtime's racy window): noticed
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("s7", "t7"), encoding="utf-8")
    calls = []
    real = docmap.extract_document
    monkeypatch.setattr(
        docmap, "extract_document", lambda d, **k: calls.append(d.name) or real(d, **k)
    )
    s = pipeline.extract(src, out)
    assert calls == ["r.jsonl#t7"] and s.cached_files == 29  # the others from the cache
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    pipeline.extract(src, fresh, cache=False)
    assert _bytes(out) == _bytes(fresh)


def test_records_appended_to_a_file_are_the_only_ones_extracted(tmp_path, monkeypatch):
    src = tmp_path / "r.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        for i in range(20):
            fh.write(
                json.dumps({"id": f"s{i}", "text": STORY.format(i, i + 3)}, ensure_ascii=False)
                + "\n"
            )
    out = tmp_path / "out"
    pipeline.extract(src, out, n_jobs=2)
    with gzip.open(src, "at", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "s1", "text": STORY.format(90, 91)}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "new", "text": STORY.format(92, 93)}, ensure_ascii=False) + "\n")
    calls = []
    real = docmap.extract_document
    monkeypatch.setattr(
        docmap, "extract_document", lambda d, **k: calls.append(d.name) or real(d, **k)
    )
    s = pipeline.extract(src, out)  # in this process: the calls are seen
    assert sorted(calls) == ["r.jsonl.gz#new", "r.jsonl.gz#s1~row21"] and s.cached_files == 20
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    pipeline.extract(src, fresh, n_jobs=2, cache=False)
    assert _bytes(out) == _bytes(fresh)


def test_other_options_are_other_keys(tmp_path, monkeypatch):
    src = tmp_path / "r.jsonl"
    _records_file(src, 10)
    _age(src)
    out = tmp_path / "out"
    pipeline.extract(src, out)
    calls = []
    real = docmap.extract_document
    monkeypatch.setattr(
        docmap, "extract_document", lambda d, **k: calls.append(d.name) or real(d, **k)
    )
    s = pipeline.extract(src, out, tokens=True)
    assert len(calls) == 10 and s.cached_files == 0 and (out / "tokens.jsonl").is_file()
    from govstats.sources import Columns

    calls.clear()
    s = pipeline.extract(src, out, tokens=True, columns=Columns(title="id"))
    assert len(calls) == 10 and s.cached_files == 0
    assert {r["title"] for r in _rows(out, "articles")} == {f"s{i}" for i in range(10)}
    # and the fingerprint covers the code and data files: one byte more is another key
    import shutil

    pkg = tmp_path / "pkg"
    shutil.copytree(pipeline.PACKAGE_DIR, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "wordtrie.py").write_text(
        (pkg / "wordtrie.py").read_text(encoding="utf-8") + "\n#\n", encoding="utf-8"
    )
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", pkg)
    calls.clear()
    assert pipeline.extract(src, out, tokens=True, columns=Columns(title="id")).cached_files == 0
    assert len(calls) == 10
