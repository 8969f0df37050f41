"""govstats.store: DuckDB / Parquet / JSONL tables, written atomically, read back alike."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from govstats.store import (
    JsonlWriter,
    list_tables,
    query,
    read_table,
    table_schema,
    write_parquet,
    write_store,
)

HIER = [
    {"file": "a.txt", "article_id": "x-000", "article_index": 0, "start": 3, "end": 20,
     "surface": "社区党委—小区党支部", "levels": ["社区党委", "小区党支部"],
     "n_levels_claimed": None, "model_id": None, "counts": {"社区党委": 34, "小区党支部": None},
     "ratios": []},
    {"file": "b.txt", "article_id": "y-001", "article_index": 1, "start": 0, "end": 9,
     "surface": "区—街道—社区", "levels": ["区", "街道", "社区"], "n_levels_claimed": 3,
     "model_id": "网格化治理", "counts": {"区": 1, "街道": 9, "社区": 95},
     "ratios": [["区", "街道", 9.0]]},
]  # fmt: skip


def _jsonl(folder, name, rows):
    folder.mkdir(exist_ok=True)
    with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("target", ["gov.duckdb", "parquet_dir"])
def test_round_trip_equals_jsonl(tmp_path, target):
    _jsonl(tmp_path / "j", "hierarchies", HIER)
    counts = write_store({"hierarchies": iter(HIER)}, tmp_path / target)
    assert counts == {"hierarchies": 2}
    got = read_table(tmp_path / target, "hierarchies")
    pd.testing.assert_frame_equal(got, read_table(tmp_path / "j", "hierarchies"))
    assert list(got.columns) == list(HIER[0])
    assert got["levels"][1] == ["区", "街道", "社区"]
    assert json.loads(got["counts"][0]) == {"社区党委": 34, "小区党支部": None}


def test_dataframe_and_jsonl_path_inputs(tmp_path):
    _jsonl(tmp_path / "j", "hierarchies", HIER)
    df = read_table(tmp_path / "j", "hierarchies")
    write_store(
        {"hierarchies": df, "again": tmp_path / "j" / "hierarchies.jsonl"}, tmp_path / "s.duckdb"
    )
    assert list_tables(tmp_path / "s.duckdb") == ["again", "hierarchies"]
    pd.testing.assert_frame_equal(read_table(tmp_path / "s.duckdb", "hierarchies"), df)


def test_empty_table_has_the_declared_columns(tmp_path):
    write_store({"indicators": []}, tmp_path / "s.duckdb")
    df = read_table(tmp_path / "s.duckdb", "indicators")
    assert len(df) == 0 and "value_max" in df.columns and "duplicate" in df.columns


def test_types_are_inferred_for_unknown_tables():
    t = table_schema("notes", [{"a": 1, "b": 1.5, "c": None, "d": ["x"], "e": {"k": 1}, "f": 2},
                               {"a": 2, "b": 2, "c": None, "d": [], "e": [1, "x"], "f": 2.5}])  # fmt: skip
    assert t == {"a": "int", "b": "float", "c": "str", "d": "list[str]", "e": "json", "f": "float"}


def test_query_on_a_db_and_on_a_folder(tmp_path):
    _jsonl(tmp_path / "j", "hierarchies", HIER)
    write_store({"hierarchies": HIER}, tmp_path / "s.duckdb")
    sql = "SELECT file, len(levels) AS n FROM hierarchies ORDER BY file"
    a = query(tmp_path / "s.duckdb", sql)
    assert a["n"].tolist() == [2, 3]
    pd.testing.assert_frame_equal(query(tmp_path / "j", sql), a)
    (tmp_path / "p").mkdir()
    assert write_parquet(HIER, tmp_path / "p" / "hierarchies.parquet") == 2
    pd.testing.assert_frame_equal(query(tmp_path / "p", sql), a)


@pytest.mark.parametrize("target", ["gov.duckdb", "parquet_dir"])
def test_interrupted_write_keeps_the_previous_store(tmp_path, target):
    path = tmp_path / target
    write_store({"hierarchies": HIER[:1], "mentions": []}, path)

    def rows():
        yield HIER[0]
        raise RuntimeError("killed mid-table")

    with pytest.raises(RuntimeError, match="killed"):
        write_store({"hierarchies": rows(), "mentions": []}, path)
    with pytest.raises(RuntimeError, match="simulated"):
        write_store({"hierarchies": HIER, "mentions": []}, path, fail_after="hierarchies")
    if target.endswith(".duckdb"):
        assert len(read_table(path, "hierarchies")) == 1  # the old rows
        assert sorted(p.name for p in tmp_path.iterdir()) == ["gov.duckdb"]
    else:  # tables are staged and renamed together: the old folder, never half old, half new
        assert len(read_table(path, "hierarchies")) == 1  # the old rows
        assert not [p for p in path.iterdir() if p.name.startswith(".")]
    assert len(read_table(path, "mentions")) == 0


def test_jsonl_writer_abort_and_commit(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text('{"old": 1}\n', encoding="utf-8")
    w = JsonlWriter(p)
    w.write({"new": 1})
    w.abort()
    assert p.read_text(encoding="utf-8") == '{"old": 1}\n'
    w = JsonlWriter(p)
    w.write({"名": "新"})
    assert w.commit() == p and json.loads(p.read_text(encoding="utf-8")) == {"名": "新"}
    assert sorted(x.name for x in tmp_path.iterdir()) == ["t.jsonl"]


def test_missing_store_or_table_says_what_exists(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such store"):
        read_table(tmp_path / "nope.duckdb", "indicators")
    write_store({"mentions": []}, tmp_path / "s.duckdb")
    with pytest.raises(FileNotFoundError, match="tables: mentions"):
        read_table(tmp_path / "s.duckdb", "indicators")
    with pytest.raises(FileNotFoundError, match="govstats extract"):
        read_table(tmp_path, "indicators")


def test_bad_jsonl_line_names_file_and_line(tmp_path):
    (tmp_path / "mentions.jsonl").write_text('{"a": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"mentions.jsonl:2"):
        read_table(tmp_path, "mentions")
