"""``govstats extract`` (govstats.pipeline): tables, keys, parallel = serial, cache, atomicity."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from govstats import docmap, pipeline
from govstats.cli import main
from govstats.errors import InputError
from govstats.store import query, read_table

INDICATOR_KEYS = [
    "file", "article_index", "article_id", "paragraph_index", "start", "end", "surface",
    "context", "value", "value_max", "unit", "qualifier", "subject", "time_scope", "place",
    "duplicate", "per", "pair_role", "change", "city", "province",
]  # fmt: skip
MENTION_KEYS = {"model_id", "alias", "file", "article_id", "paragraph_index", "start", "end",
                "surface", "article_index"}  # fmt: skip
HIERARCHY_KEYS = {"file", "article_index", "start", "end", "levels", "n_levels_claimed",
                  "model_id", "counts"}  # fmt: skip
ARTICLE_KEYS = [
    "file", "article_index", "id", "title", "place", "date", "source", "byline",
    "n_paragraphs", "n_chars", "start", "end", "duplicate_of", "doc_id", "city", "province",
    "date_precision", "url",
]  # fmt: skip
PARAGRAPH_KEYS = ["file", "article_id", "paragraph_index", "id", "kind", "duplicate_of",
                  "start", "end", "text"]  # fmt: skip


def _rows(folder: Path, table: str) -> list[dict]:
    with open(folder / f"{table}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _n_entries(out: Path) -> int:
    import sqlite3

    con = sqlite3.connect(out / ".cache" / "cache.sqlite")
    try:
        return con.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        con.close()


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.jsonl"))}


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory, seeds_dir) -> Path:
    """The seeds extracted once, single process, no cache."""
    out = tmp_path_factory.mktemp("extract1")
    pipeline.extract(seeds_dir, out, n_jobs=1, cache=False)
    return out


def test_extract_writes_every_table_with_exact_keys(seeds_out):
    for t in pipeline.TABLES:
        assert (seeds_out / f"{t}.jsonl").is_file()
    inds = _rows(seeds_out, "indicators")
    assert inds and all(list(r) == INDICATOR_KEYS for r in inds)
    ments = _rows(seeds_out, "mentions")
    assert ments and all(set(r) >= MENTION_KEYS for r in ments)
    hier = _rows(seeds_out, "hierarchies")
    assert hier and all(set(r) >= HIERARCHY_KEYS for r in hier)
    arts = _rows(seeds_out, "articles")
    assert arts and all(list(r)[: len(ARTICLE_KEYS)] == ARTICLE_KEYS for r in arts)
    paras = _rows(seeds_out, "paragraphs")
    assert paras and all(list(r) == PARAGRAPH_KEYS for r in paras)
    assert not list(seeds_out.glob(".*.tmp"))  # no temporary file left behind


def test_offsets_point_into_the_source_files(seeds_out, seeds_dir):
    from govstats.corpus import load_document

    texts = {p.name: load_document(p).text for p in seeds_dir.glob("*.txt")}
    for r in _rows(seeds_out, "indicators") + _rows(seeds_out, "mentions"):
        assert texts[r["file"]][r["start"] : r["end"]] == r["surface"]
    for r in _rows(seeds_out, "paragraphs"):
        if r["end"] - r["start"] == len(r["text"]):  # not rejoined across a page break
            assert texts[r["file"]][r["start"] : r["end"]] == r["text"]


def test_streamed_rows_equal_the_whole_corpus_stage_functions(seeds_out, seed_corpus):
    """Per-file map + reduce gives what the stages give on a loaded Corpus."""
    from govstats.hierarchy import find_hierarchies, hierarchy_to_json
    from govstats.indicators import extract_indicators
    from govstats.lexicon import find_models, mention_to_json

    def norm(rows):  # JSON round trip: tuples → lists, as in the files
        return [json.loads(json.dumps(r, ensure_ascii=False)) for r in rows]

    inds = extract_indicators(seed_corpus)
    assert _rows(seeds_out, "articles") == norm(
        pipeline.article_to_json(a) for a in seed_corpus.articles
    )
    assert _rows(seeds_out, "indicators") == norm(
        pipeline.indicator_rows(inds, seed_corpus.articles)
    )
    assert _rows(seeds_out, "mentions") == norm(
        mention_to_json(m) for m in find_models(seed_corpus)
    )
    assert _rows(seeds_out, "hierarchies") == norm(
        hierarchy_to_json(h) for h in find_hierarchies(seed_corpus, indicators=inds)
    )


def test_two_processes_give_identical_files(seeds_out, seeds_dir, tmp_path):
    pipeline.extract(seeds_dir, tmp_path, n_jobs=2, cache=False)
    assert _bytes(tmp_path) == _bytes(seeds_out)


def test_rerun_skips_unchanged_files_without_calling_the_stages(
    seeds_out, seeds_dir, tmp_path, monkeypatch
):
    first = pipeline.extract(seeds_dir, tmp_path)
    assert first.cached_files == 0
    assert _n_entries(tmp_path) == 5  # one store, one entry per document
    assert [p.name for p in (tmp_path / ".cache").iterdir()] == ["cache.sqlite"]

    def boom(*a, **k):
        raise AssertionError("a stage ran on an unchanged file")

    monkeypatch.setattr(docmap, "extract_document", boom)
    monkeypatch.setattr(pipeline, "_near_duplicates", boom)  # the reduce is cached too
    again = pipeline.extract(seeds_dir, tmp_path, n_jobs=2)
    assert again.cached_files == 5
    assert "5 unchanged (cached)" in again.lines()[0]
    assert _bytes(tmp_path) == _bytes(seeds_out)  # cache hit == cold run


def test_changed_file_is_re_extracted_and_others_come_from_cache(seeds_dir, tmp_path, monkeypatch):
    src = tmp_path / "in"
    shutil.copytree(seeds_dir, src)
    for p in src.glob("*.txt"):
        p.chmod(0o644)
    out = tmp_path / "out"
    pipeline.extract(src, out)
    changed = sorted(src.glob("*.txt"))[2]
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n新增一段:召开会议12次。\n", encoding="utf-8"
    )
    calls = []
    real = docmap.extract_document
    monkeypatch.setattr(
        docmap, "extract_document", lambda d, **k: calls.append(d.name) or real(d, **k)
    )
    s = pipeline.extract(src, out)
    assert s.cached_files == 4 and calls == [changed.name]
    assert _n_entries(out) == 5  # the stale entry was dropped
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    pipeline.extract(src, fresh, cache=False)
    assert _bytes(out) == _bytes(fresh)


def test_other_lexicon_is_another_cache_key(seeds_dir, tmp_path):
    lex = tmp_path / "extra.yaml"
    from govstats.lexicon import MODELS_FILE

    lex.write_text(MODELS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    pipeline.extract(seeds_dir, out)
    assert pipeline.extract(seeds_dir, out, lexicon=lex).cached_files == 0


def test_interrupted_extract_keeps_previous_outputs(seeds_dir, tmp_path, monkeypatch):
    import govstats.indicators as ind

    out, db = tmp_path / "out", tmp_path / "gov.duckdb"
    pipeline.extract(seeds_dir, out, db=db, parquet=True, cache=False)
    before = _bytes(out)
    old = read_table(db, "indicators")
    real, n = ind.extract_indicators, [0]

    def flaky(corpus, **k):
        n[0] += 1
        if n[0] == 3:
            raise RuntimeError("disk on fire")
        return real(corpus, **k)

    monkeypatch.setattr(ind, "extract_indicators", flaky)
    with pytest.raises(RuntimeError, match="disk on fire"):
        pipeline.extract(seeds_dir, out, db=db, parquet=True, cache=False)
    assert _bytes(out) == before
    assert read_table(db, "indicators").equals(old)
    assert read_table(out, "indicators").equals(old)  # the old Parquet file
    leftovers = [p.name for p in tmp_path.rglob(".*") if p.is_file()]
    assert leftovers == []


def test_failure_while_writing_the_store_keeps_the_old_one(seeds_dir, tmp_path, monkeypatch):
    import govstats.store as store

    out, db = tmp_path / "out", tmp_path / "gov.duckdb"
    pipeline.extract(seeds_dir, out, db=db, cache=False)
    old = read_table(db, "mentions")
    real = store.write_store
    monkeypatch.setattr(store, "write_store", lambda t, p: real(t, p, fail_after="indicators"))
    with pytest.raises(RuntimeError, match="simulated failure"):
        pipeline.extract(seeds_dir, out, db=db, cache=False)
    assert read_table(db, "mentions").equals(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gov.duckdb", "out"]


def test_store_tables_equal_jsonl_tables(seeds_out, seeds_dir, tmp_path):
    import pandas as pd

    out, db = tmp_path / "out", tmp_path / "gov.duckdb"
    pipeline.extract(seeds_dir, out, db=db, parquet=True, cache=False)
    for t in pipeline.TABLES:
        from_jsonl = read_table(seeds_out, t)  # a folder with JSONL only
        assert len(from_jsonl) == len(_rows(seeds_out, t)) > 0
        pd.testing.assert_frame_equal(read_table(db, t), from_jsonl)
        pd.testing.assert_frame_equal(read_table(out, t), from_jsonl)  # the Parquet files
    n = query(db, "SELECT count(*) AS n FROM indicators")["n"][0]
    assert n == len(_rows(seeds_out, "indicators"))


def test_cli_extract_with_db(seeds_dir, tmp_path, capsys):
    out, db = tmp_path / "out", tmp_path / "gov.duckdb"
    assert main(["extract", str(seeds_dir), "--out", str(out), "--db", str(db), "-j", "2"]) == 0
    printed = capsys.readouterr().out
    assert "read 5 document(s) from 5 file(s)" in printed and str(db) in printed
    units = query(db, "SELECT unit, count(*) n FROM indicators GROUP BY unit ORDER BY n DESC")
    assert units["n"].sum() == len(_rows(out, "indicators"))
    assert main(["extract", str(seeds_dir), "--out", str(out)]) == 0
    assert "5 unchanged (cached)" in capsys.readouterr().out


def test_problem_files_are_reported_or_raise_with_strict(seeds_dir, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    first = sorted(seeds_dir.glob("*.txt"))[1]
    shutil.copy(first, src / "a.txt")
    shutil.copy(first, src / "b_copy.txt")  # the same bytes again
    (src / "c_empty.txt").write_bytes(b"")
    s = pipeline.extract(src, tmp_path / "out")
    assert len(s.problems) == 2
    assert any("same bytes as" in p and "b_copy.txt" in p for p in s.problems)
    assert {r["file"] for r in _rows(tmp_path / "out", "articles")} == {"a.txt"}
    with pytest.raises(InputError):
        pipeline.extract(src, tmp_path / "out2", strict=True)


def test_reprint_in_another_file_is_marked_a_near_duplicate(seeds_dir, tmp_path):
    from govstats.corpus import load_corpus

    src = tmp_path / "in"
    src.mkdir()
    text = sorted(seeds_dir.glob("*.txt"))[2].read_text(encoding="utf-8")
    (src / "1.txt").write_text(text, encoding="utf-8")
    (src / "2.txt").write_text(text.replace("。", "。 ", 1), encoding="utf-8")  # a reprint
    out = tmp_path / "out"
    pipeline.extract(src, out, n_jobs=2)
    arts = _rows(out, "articles")
    assert any(r["duplicate_of"] for r in arts if r["file"] == "2.txt")
    assert arts == [
        json.loads(json.dumps(pipeline.article_to_json(a), ensure_ascii=False))
        for a in load_corpus(src).articles
    ]


_R = [
    "“我是一名共产党员,在任何时候都应该冲锋在前,发挥带头作用。”这是新区街道御苑社区第二网格党支部党员宋莉莉常说的一句话。",
    "在聊城,像宋莉莉阿姨一样,在享受到时代发展的红利的同时愿意主动参与社区治理的“楼长”们还有很多。",
    "“楼长+网格员”深化细化网格化治理。通过开展党建引领网格化治理工作,以群众需求为导向,鼓励楼长和网格员“双向进入”。",
    "“楼长+站长”健全协商共建机制。结合小区“红旗驿站”,由“楼长”轮流兼任驿站的“兼职”站长,与社区、物业建立三方联席会议制度。",
    "街道还建立了楼长积分制度,楼长参与志愿服务可兑换生活用品,调动了居民参与的积极性。",
    "社区党委书记表示,下一步将把楼长队伍建设与网格化管理深度融合,让服务更加精准。",
]


def test_near_duplicate_chain_across_files_is_the_same_on_every_path(seeds_dir, tmp_path):
    from govstats.corpus import load_corpus

    src = tmp_path / "in"
    src.mkdir()
    other = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    docs = {  # 4 reprints 1 (a paragraph more), 5 reprints 3 (respaced)
        "1.txt": ("聊城楼长积分制见成效", _R[2:]),
        "2.txt": None,  # a seed page
        "3.txt": ("“楼长+”模式推动小区治理", _R[:4]),
        "4.txt": ("楼长们的新“栋”能", _R[1:5]),
        "5.txt": ("“楼长+”推动小区治理", [p.replace(",", ", ") for p in _R[:4]]),
    }
    for name, doc in docs.items():
        text = other if doc is None else doc[0] + "\n\n" + "\n\n".join(doc[1])
        (src / name).write_text(text, encoding="utf-8")
    expected = [
        json.loads(json.dumps(pipeline.article_to_json(a), ensure_ascii=False))
        for a in load_corpus(src).articles
    ]
    first = expected[0]["id"]
    third = next(r["id"] for r in expected if r["file"] == "3.txt")
    flagged = {r["file"]: r["duplicate_of"] for r in expected if r["duplicate_of"]}
    # 4 keeps 80 % of 1 and 5 respaces 3; 3 shares only part of 4 (Jaccard alone would chain
    # 1 ~ 4 ~ 3: test_segment's chain test)
    assert flagged == {"4.txt": first, "5.txt": third}
    for n_jobs in (1, 2):
        out = tmp_path / f"out{n_jobs}"
        pipeline.extract(src, out, n_jobs=n_jobs)
        assert _rows(out, "articles") == expected
    pipeline.extract(src, tmp_path / "out2", n_jobs=2)  # every file from the cache
    assert _rows(tmp_path / "out2", "articles") == expected
    (src / "2.txt").write_text(other.replace("。", "。\n", 1), encoding="utf-8")
    pipeline.extract(src, tmp_path / "out1")  # one file changed: the others' signatures cached
    assert _rows(tmp_path / "out1", "articles") == [
        json.loads(json.dumps(pipeline.article_to_json(a), ensure_ascii=False))
        for a in load_corpus(src).articles
    ]
    assert [r["duplicate_of"] for r in _rows(tmp_path / "out1", "articles")] == [
        r["duplicate_of"] for r in expected
    ]
    assert not list(tmp_path.glob("out*/.shingles*"))  # the spill file is gone


def test_tokens_table(seeds_dir, tmp_path):
    pipeline.extract(seeds_dir, tmp_path, tokens=True, cache=False)
    toks = _rows(tmp_path, "tokens")
    assert len(toks) == len(_rows(tmp_path, "articles"))
    assert all(r["tokens"] and "  " not in r["tokens"] for r in toks)


def test_bad_arguments(seeds_dir, tmp_path):
    with pytest.raises(ValueError, match="engine"):
        pipeline.extract(seeds_dir, tmp_path, engine="spark")
    with pytest.raises(ValueError, match="n_jobs"):
        pipeline.extract(seeds_dir, tmp_path, n_jobs=-3)
    with pytest.raises(FileNotFoundError):
        pipeline.extract(tmp_path / "nope", tmp_path)


# ----------------------------------------------------------------------------- sources


def test_records_file_extracts_with_metadata_in_every_table(tmp_path):
    from conftest import real_records

    recs = real_records("governance", n=15, where=lambda r: r["corpus"] == "xwlb")
    src = tmp_path / "r.jsonl"
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8"
    )
    out = tmp_path / "out"
    s = pipeline.extract(src, out, cache=False)
    assert s.n_documents == len(recs) and s.n_files == 1
    arts = _rows(out, "articles")
    assert len(arts) == len(recs)
    for a, r in zip(arts, recs):
        assert a["file"] == f"r.jsonl#{r['id']}" and a["date"] == r["date"]
        assert a["url"] == r["url"] and a["date_precision"] == "day"
    by_id = {a["id"]: a for a in arts}
    for t in ("paragraphs", "indicators", "mentions"):
        for row in _rows(out, t):
            assert row["article_id"] is None or row["article_id"] in by_id
    inds = _rows(out, "indicators")
    assert inds and all(set(r) >= {"place", "city", "province"} for r in inds)
    # serial, two processes and a cache hit give the same bytes
    out2, out3 = tmp_path / "o2", tmp_path / "o3"
    pipeline.extract(src, out2, n_jobs=2)
    pipeline.extract(src, out2, n_jobs=2)
    pipeline.extract(src, out3, n_jobs=2, cache=False)
    assert _bytes(out) == _bytes(out2) == _bytes(out3)


def test_many_records_are_batched_into_one_cache_store(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_DOCS", 4)
    story = "近年来,街道共组建志愿服务队{}支,累计服务居民3000余人次。"
    src = tmp_path / "r.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": story.format(i + 1)}) + "\n" for i in range(30)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert pipeline.extract(src, out, n_jobs=2).counts["articles"] == 30
    assert _n_entries(out) == 30 and len(list((out / ".cache").iterdir())) == 1
    assert pipeline.extract(src, out).cached_files == 30


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
        for p in sorted(folder.rglob("*"))
    }


def test_no_usable_document_fails_and_leaves_out_and_cache_as_they_were(
    seeds_dir, tmp_path, capsys
):
    out = tmp_path / "out"
    pipeline.extract(seeds_dir, out)
    before = _tree(out)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(InputError, match="no usable document"):
        pipeline.extract(bad, out)
    assert _tree(out) == before
    assert main(["extract", str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("govstats: error: no usable document")
    assert _tree(out) == before
    fresh = tmp_path / "fresh"  # a new --out is not even created
    assert main(["extract", str(bad), "--out", str(fresh)]) == 2
    assert not fresh.exists()


def test_problems_are_a_file_and_a_table_and_printed_once(seeds_dir, tmp_path, capsys):
    src = tmp_path / "in"
    shutil.copytree(seeds_dir, src)
    (src / "empty.txt").write_bytes(b"")
    out, db = tmp_path / "out", tmp_path / "g.duckdb"
    assert main(["extract", str(src), "--out", str(out), "--db", str(db)]) == 0
    cap = capsys.readouterr()
    assert cap.out.count("empty.txt") == 1 and "empty.txt" not in cap.err
    rows = _rows(out, "problems")
    assert [(Path(r["file"]).name, r["kind"]) for r in rows] == [("empty.txt", "empty")]
    assert read_table(db, "problems")["kind"].tolist() == ["empty"]


def test_out_that_is_a_file_and_bad_db_paths_are_one_line_errors(seeds_dir, tmp_path, capsys):
    f = tmp_path / "f.txt"
    f.write_text("x", encoding="utf-8")
    assert main(["extract", str(seeds_dir), "--out", str(f)]) == 2
    assert "is a file" in capsys.readouterr().err
    assert (
        main(
            [
                "extract",
                str(seeds_dir),
                "--out",
                str(tmp_path / "o"),
                "--db",
                str(tmp_path / "g.db"),
            ]
        )
        == 2
    )
    assert ".duckdb" in capsys.readouterr().err
    src = tmp_path / "in"
    shutil.copytree(seeds_dir, src)
    assert (
        main(["extract", str(src), "--out", str(tmp_path / "o"), "--db", str(src / "g.duckdb")])
        == 2
    )
    assert "inside the input folder" in capsys.readouterr().err
    assert not (src / "g.duckdb").exists()


def test_output_folder_inside_the_input_is_not_read_back(seeds_dir, tmp_path):
    src = tmp_path / "in"
    shutil.copytree(seeds_dir, src)
    first = pipeline.extract(src, src / "out")
    again = pipeline.extract(src, src / "out")
    assert first.n_documents == again.n_documents == 5


def test_row_cache_commits_prunes_and_rolls_back(tmp_path):
    from govstats.cache import RowCache

    folder = tmp_path / ".cache"
    c = RowCache(folder)
    assert c.get_many(["a"]) == {} and not folder.exists()  # a read creates nothing
    c.put_many([("a", b"h", b"b", b"n")])
    c.rollback()
    assert not folder.exists()  # made by this run, removed with it
    c = RowCache(folder)
    c.put_many([("a", b"h", b"b", b"n"), ("b", b"h2", b"b2", b"n2")])
    c.used = {"a", "b"}
    c.commit()
    before = (folder / "cache.sqlite").read_bytes()
    c = RowCache(folder)
    assert set(c.get_many(["a", "b"])) == {"a", "b"}
    c.put_many([("c", b"h3", b"b3", b"n3")])
    c.rollback()  # an earlier store stays exactly as it was
    assert (folder / "cache.sqlite").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["cache.sqlite"]
    c = RowCache(folder)
    assert set(c.get_many(["a", "b", "c"])) == {"a", "b"}
    c.used = {"b"}
    c.commit()  # entries no run used any more are dropped
    assert set(RowCache(folder).get_many(["a", "b"])) == {"b"}


def test_concurrent_runs_keep_each_others_cache_entries(tmp_path):
    """Two runs into one --out: the one committing last drops nothing the other wrote."""
    from govstats.cache import RowCache

    folder = tmp_path / ".cache"
    old = RowCache(folder)
    old.put_many([("gone", b"h", b"b", b"n")])
    old.used = {"gone"}
    old.commit()
    first, second = RowCache(folder), RowCache(folder)  # both running now
    second.put_many([("theirs", b"h", b"b", b"n")])
    second.used = {"theirs"}
    second.commit()  # finishes first
    first.put_many([("mine", b"h", b"b", b"n")])
    first.used = {"mine"}
    first.commit()
    assert set(RowCache(folder).get_many(["gone", "theirs", "mine"])) == {"theirs", "mine"}


def test_a_cache_of_the_earlier_schema_is_upgraded(tmp_path):
    import sqlite3

    from govstats.cache import RowCache

    folder = tmp_path / ".cache"
    folder.mkdir()
    con = sqlite3.connect(folder / "cache.sqlite")
    con.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, head BLOB, body BLOB, nd BLOB)")
    con.execute("INSERT INTO entries VALUES ('a', x'00', x'00', x'00')")
    con.commit()
    con.close()
    c = RowCache(folder)
    assert set(c.get_many(["a"])) == {"a"}
    c.put_many([("b", b"h", b"b", b"n")])
    c.used = {"a", "b"}
    c.commit()
    assert set(RowCache(folder).get_many(["a", "b"])) == {"a", "b"}
    con = sqlite3.connect(folder / "cache.sqlite")
    assert con.execute("PRAGMA page_size").fetchone() == (4096,)  # an old store keeps its pages
    con.close()


def test_a_new_cache_has_large_pages(tmp_path):
    import sqlite3

    from govstats.cache import PAGE_SIZE, RowCache

    c = RowCache(tmp_path / ".cache")
    c.put_many([("a", b"h", bytes(200_000), b"n")])
    c.used = {"a"}
    c.commit()
    con = sqlite3.connect(tmp_path / ".cache" / "cache.sqlite")
    assert con.execute("PRAGMA page_size").fetchone() == (PAGE_SIZE,) == (65536,)
    assert con.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # incremental, as before
    con.close()
    assert RowCache(tmp_path / ".cache").get_many(["a"])["a"][1] == bytes(200_000)


def test_row_cache_gives_back_the_space_of_dropped_entries(tmp_path):
    from govstats.cache import RowCache

    folder = tmp_path / ".cache"
    blob = bytes(range(256)) * 400  # 100 kB per entry
    c = RowCache(folder)
    c.put_many([(f"old{i}", b"h", blob, b"n") for i in range(40)])
    c.used = {f"old{i}" for i in range(40)}
    c.commit()
    size = (folder / "cache.sqlite").stat().st_size
    c = RowCache(folder)  # a full re-extraction: 40 new entries, the old ones dropped
    c.put_many([(f"new{i}", b"h", blob, b"n") for i in range(40)])
    c.used = {f"new{i}" for i in range(40)}
    c.commit()
    assert (folder / "cache.sqlite").stat().st_size < 1.3 * size


def test_the_cache_key_covers_every_module_of_the_package(tmp_path, monkeypatch):
    """A change to any module (wordtrie, noun_chunks, blocks …) invalidates cached rows."""
    import shutil

    pkg = tmp_path / "govstats"
    shutil.copytree(pipeline.PACKAGE_DIR, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", pkg)
    before = pipeline._fingerprint([], pipeline.TABLES)
    assert pipeline._fingerprint([], pipeline.TABLES) == before
    for module in sorted(pkg.glob("*.py")):
        module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        assert pipeline._fingerprint([], pipeline.TABLES) != before, module.name
        before = pipeline._fingerprint([], pipeline.TABLES)


def test_a_damaged_cache_entry_is_extracted_again(seeds_dir, seeds_out, tmp_path):
    """A cache entry whose rows cannot be read (cut short, or of another codec) is ignored
    with a warning and the document extracted again: the output is the same."""
    import sqlite3

    out = tmp_path / "out"
    pipeline.extract(seeds_dir, out)
    con = sqlite3.connect(out / ".cache" / "cache.sqlite")
    con.execute("UPDATE entries SET body = substr(body, 1, 10)")
    con.commit()
    con.close()
    for p in out.glob("*.jsonl"):
        p.unlink()  # so the run cannot reuse its outputs whole
    again = pipeline.extract(seeds_dir, out)
    assert again.cached_files == 0
    assert _bytes(out) == _bytes(seeds_out)


def test_cache_entries_of_the_zlib_version_are_still_read():
    import json
    import zlib

    from govstats.docmap import DocOut, pack, unpack

    out = DocOut("p", "n", "s" * 64, "d", 3, "text", None, None, {"articles": b"{}\n"},
                 {"articles": 1}, [("a", None, None, None)], (b"sig",), (b"sh",))  # fmt: skip
    head, body, nd = pack(out)
    old_head = json.loads(head)
    del old_head["codec"]
    old = unpack(json.dumps(old_head).encode(), zlib.compress(b"{}\n", 1), nd)
    assert old.tables == unpack(head, body, nd).tables == {"articles": b"{}\n"}


def test_a_damaged_entry_late_in_a_record_file_reads_only_the_rest_again(tmp_path):
    """300 records, entries past the first 256 damaged: the replayed records are not
    emitted twice and the output equals the first run's."""
    import json
    import sqlite3

    src = tmp_path / "src"
    src.mkdir()
    rows = [
        {"id": f"r{i}", "title": f"第{i}条", "text": f"社区召开议事会{i}次，满意率达{i % 90}%。"}
        for i in range(300)
    ]
    (src / "stories.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    out = tmp_path / "out"
    pipeline.extract(src, out, n_jobs=1)
    first = _bytes(out)
    con = sqlite3.connect(out / ".cache" / "cache.sqlite")
    assert con.execute("UPDATE entries SET body = x'00' WHERE rowid > 270").rowcount > 0
    con.commit()
    con.close()
    for p in out.glob("*.jsonl"):
        p.unlink()
    pipeline.extract(src, out, n_jobs=1)
    assert _bytes(out) == first
