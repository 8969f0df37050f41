"""Input sources (govstats.sources): every format from real records, and each corner.

Fixtures are written from ``../shared/corpora`` records into ``tmp_path`` inside the
tests (never kept in git); those tests skip with the reason where ``../shared`` is
absent. The corner cases are small hand-made files.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import os
from pathlib import Path

import pytest
from conftest import real_records

from govstats.corpus import load_corpus
from govstats.records import Document, Problem
from govstats.sources import (
    Columns,
    format_of,
    iter_documents,
    prepare_text,
    walk,
)

STORY = (
    "社区治理见实效\n"
    "近年来,街道坚持党建引领,共组建志愿服务队12支,累计服务居民3000余人次。\n"
    "下一步,街道将继续推进小区治理工作,切实提升居民的幸福感和满意度。\n"
)


def _records(n: int = 12) -> list[dict]:
    # 新闻联播 stories and party-building articles: short, with dates, titles, urls
    return real_records(
        "governance", n=n, where=lambda r: r["corpus"] in ("xwlb", "party-building")
    )


def _docs(path, **kw) -> tuple[list[Document], list[Problem]]:
    items = list(iter_documents(path, **kw))
    return (
        [d for d in items if isinstance(d, Document)],
        [p for p in items if isinstance(p, Problem)],
    )


def _check_record_docs(docs: list[Document], recs: list[dict], name: str) -> None:
    assert len(docs) == len(recs)
    for d, r in zip(docs, recs):
        assert d.kind == "record"
        assert d.record_id == str(r["id"]) or d.record_id.startswith("row")
        assert d.file == f"{name}#{d.record_id}"
        text, _, _ = prepare_text(r["text"])
        assert d.text == text and len(d.text) == len(r["text"])  # offsets into the column
        assert d.title == prepare_text(" ".join(r["title"].split()))[0]
        assert d.date == r["date"]
        assert d.url == r["url"] and d.source == r["source"]


# ----------------------------------------------------------------------------- formats


def test_jsonl_and_jsonl_gz_records(tmp_path):
    recs = _records()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    (tmp_path / "a.jsonl").write_text(lines, encoding="utf-8")
    with gzip.open(tmp_path / "b.JSONL.GZ", "wt", encoding="utf-8") as fh:
        fh.write(lines)
    docs_a, probs = _docs(tmp_path / "a.jsonl")
    assert not probs
    _check_record_docs(docs_a, recs, "a.jsonl")
    docs_b, _ = _docs(tmp_path / "b.JSONL.GZ")
    _check_record_docs(docs_b, recs, "b.JSONL.GZ")
    # same file and record id → same document id; another file → another id
    assert [d.id for d in docs_a] == [d.id for d in _docs(tmp_path / "a.jsonl")[0]]
    assert not {d.id for d in docs_a} & {d.id for d in docs_b}


def test_csv_records_with_other_column_names(tmp_path):
    recs = _records()
    with open(tmp_path / "s.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["story_id", "headline", "published", "body", "outlet", "link"])
        for r in recs:
            w.writerow([r["id"], r["title"], r["date"], r["text"], r["source"], r["url"]])
    cols = Columns(text="body", title="headline", date="published", id="story_id",
                   source="outlet", url="link")  # fmt: skip
    docs, probs = _docs(tmp_path / "s.csv", columns=cols)
    assert not probs
    _check_record_docs(docs, recs, "s.csv")
    # without the options: one clear problem per row naming the missing column
    _, probs = _docs(tmp_path / "s.csv")
    assert len(probs) == len(recs) and "--text-col" in probs[0].message


def test_parquet_records_streamed_in_batches(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = _records(20)
    pq.write_table(pa.Table.from_pylist(recs), tmp_path / "s.parquet", row_group_size=7)
    docs, probs = _docs(tmp_path / "s.parquet")
    assert not probs
    _check_record_docs(docs, recs, "s.parquet")


def test_html_pages_main_text_without_boilerplate(tmp_path):
    recs = _records(6)
    for i, r in enumerate(recs):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in r["text"].split("\n") if p.strip())
        (tmp_path / f"{i}.HTM").write_text(
            f"<html><head><meta charset='utf-8'><title>{html.escape(r['title'])}</title>"
            f"<meta name='date' content='{r['date']}'></head><body>"
            "<nav><a href='/'>首页</a> | <a href='/n'>新闻中心</a></nav><article>"
            f"<h1>{html.escape(r['title'])}</h1>{body}</article>"
            "<footer>版权所有 © 2024 某某网 京ICP备12345678号</footer></body></html>",
            encoding="utf-8",
        )
    docs, probs = _docs(tmp_path)
    assert not probs and len(docs) == len(recs)
    for d, r in zip(docs, recs):
        lines = {s.strip() for s in d.text.split("\n")}
        for p in r["text"].split("\n"):
            if p.strip():
                assert prepare_text(p.strip())[0] in lines
        assert "首页" not in d.text and "版权所有" not in d.text
        assert d.title == prepare_text(" ".join(r["title"].split()))[0]
        assert d.date == r["date"]  # from the meta tag, not the footer's 2024


def test_html_without_a_date_gets_none_not_the_copyright_year(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>社区治理见实效</title></head><body><article><h1>社区治理见实效</h1>"
        + "".join(f"<p>{s}</p>" for s in STORY.split("\n")[1:] if s)
        + "</article><footer>版权所有 © 2024 某某网</footer></body></html>",
        encoding="utf-8",
    )
    (d,), _ = _docs(tmp_path / "p.html")
    assert d.date is None and "共组建志愿服务队12支" in d.text


def test_load_corpus_reads_records_as_one_article_each_with_metadata(tmp_path):
    recs = _records(8)
    (tmp_path / "r.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == len(recs)
    for a, d, r in zip(corpus.articles, corpus.documents, recs):
        assert a.doc_id == d.id and a.file == d.file
        assert a.title == d.title and a.date == r["date"] and a.url == r["url"]
        assert a.date_precision == "day"
        for p in a.paragraphs:
            assert d.text[p.start : p.end] == p.text
        assert {p.kind for p in a.paragraphs} <= {"body"}  # the title is the column's


# ----------------------------------------------------------------------------- corners


def test_extensions_any_case_and_unknown_ones_ignored_in_folders(tmp_path):
    for name in ("a.TXT", "b.Md", "c.txt", "notes.docx", "img.png"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    assert [x.rel for x in walk(tmp_path)] == ["a.TXT", "b.Md", "c.txt"]
    assert format_of("x.JSONL.gz") == "jsonl" and format_of("x.Parquet") == "parquet"


def test_file_is_the_path_relative_to_the_input_root(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(STORY.replace("12", sub), encoding="utf-8")
    docs, _ = _docs(tmp_path)
    assert [d.name for d in docs] == ["a/same.txt", "b/same.txt"]


def test_duplicate_and_missing_record_ids_are_made_unique_with_a_problem(tmp_path):
    rows = [{"id": "7", "text": STORY}, {"id": "7", "text": STORY + "又一段。"},
            {"id": None, "text": STORY}, {"id": "None", "text": STORY}, {"text": STORY}]  # fmt: skip
    (tmp_path / "r.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    docs, probs = _docs(tmp_path / "r.jsonl")
    assert [d.record_id for d in docs] == ["7", "7~row2", "row3", "row4", "row5"]
    assert len({d.id for d in docs}) == 5
    assert [p.kind for p in probs] == ["duplicate-id", "missing-id", "duplicate-id", "missing-id"]
    assert [d.record_id for d in _docs(tmp_path / "r.jsonl")[0]] == [d.record_id for d in docs]


def test_bad_records_are_problems_and_the_rest_is_read(tmp_path):
    (tmp_path / "r.jsonl").write_text(
        json.dumps({"id": 1, "text": STORY}, ensure_ascii=False)
        + "\nnot json\n[1, 2]\n"
        + json.dumps({"id": 2, "text": "  "})
        + "\n"
        + json.dumps({"id": 3, "text": STORY}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    docs, probs = _docs(tmp_path / "r.jsonl")
    assert [d.record_id for d in docs] == ["1", "3"]
    assert [p.kind for p in probs] == ["bad-record", "bad-record", "empty-record"]
    assert "line 2 is not JSON" in probs[0].message


def test_cut_gzip_keeps_the_records_before_the_cut(tmp_path):
    data = gzip.compress(
        "".join(json.dumps({"id": i, "text": STORY}) + "\n" for i in range(200)).encode()
    )
    (tmp_path / "r.jsonl.gz").write_bytes(data[: len(data) // 2])
    docs, probs = _docs(tmp_path / "r.jsonl.gz")
    assert docs and probs[-1].kind == "unreadable" and "kept" in probs[-1].message


def test_utf8_cut_inside_the_last_character_is_read_with_a_problem(tmp_path):
    data = STORY.rstrip("\n").encode("utf-8")[:-1]
    (tmp_path / "cut.txt").write_bytes(data)
    docs, probs = _docs(tmp_path / "cut.txt")
    assert docs[0].text.endswith("满意度\ufffd") and len(docs[0].text) == len(STORY.rstrip("\n"))
    assert [p.kind for p in probs] == ["truncated-utf8"]


def test_oversized_file_is_refused_without_reading_it_whole(tmp_path):
    (tmp_path / "big.txt").write_text(STORY * 100, encoding="utf-8")
    docs, probs = _docs(tmp_path, max_bytes=1000)
    assert not docs and probs[0].kind == "too-large" and "1,000 bytes" in probs[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_fifo_device_and_dangling_link_are_refused_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block for ever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    docs, probs = _docs(tmp_path)
    assert [d.name for d in docs] == ["ok.txt"]
    assert sorted(p.kind for p in probs) == ["dangling-link", "not-regular"]
    # given by name: the same problems, and /dev/zero never eats memory
    assert [p.kind for p in _docs(tmp_path / "pipe.txt")[1]] == ["not-regular"]
    assert [p.kind for p in _docs(Path("/dev/zero"))[1]] == ["not-regular"]


def test_symlinked_folder_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")  # a loop
    docs, probs = _docs(tmp_path)
    assert [d.name for d in docs] == ["real/a.txt"]
    assert [p.kind for p in probs] == ["symlinked-folder"]


def test_unreadable_file_and_folder_are_problems(tmp_path, monkeypatch):
    # permissions are simulated: the tests may run as root, who reads everything
    import govstats.sources as src

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    real_scandir, real_read = os.scandir, src._read_bounded

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def read(path, max_bytes):
        if path.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path, max_bytes)

    monkeypatch.setattr(src.os, "scandir", scandir)
    monkeypatch.setattr(src, "_read_bounded", read)
    docs, probs = _docs(tmp_path)
    assert [d.name for d in docs] == ["ok.txt"]
    assert [(Path(p.path).name, p.kind) for p in probs] == [
        ("locked", "unreadable"),
        ("secret.txt", "unreadable"),
    ]
    assert all("Permission denied" in p.message for p in probs)


def test_traditional_script_is_converted_one_to_one_and_matches_models():
    import opencc

    from govstats.lexicon import find_models
    from govstats.stories import segment_record  # noqa: F401 - records path below

    recs = real_records(
        "governance", n=3, where=lambda r: "楼栋长" in r["text"] or "网格化" in r["text"]
    )
    s2t = opencc.OpenCC("s2t")
    for r in recs:
        trad = s2t.convert(r["text"])
        text, script, original = prepare_text(trad)
        assert script == "traditional" and original == trad  # as written
        assert len(text) == len(trad)  # offsets stay offsets into the original
        assert "網格化" not in text and "樓棟長" not in text
    doc_text, _, _ = prepare_text("建立“樓棟長+網格員”機制,黨支部書記擔任網格長。")
    from conftest import corpus_of

    hits = {m.alias for m in find_models(corpus_of(doc_text))}
    assert hits & {"楼栋长", "网格员", "网格长"}


def test_simplified_text_with_a_stray_traditional_name_is_left_alone():
    # a name with 乾 in a mainland story (新闻联播: 张槐乾, 张振乾): not converted to 干
    text = "记者在现场看到,大学生张槐乾和社区党支部组织的志愿者一起清扫积水,帮助居民解决实际困难。"
    assert prepare_text(text) == (text, "simplified", None)


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-28", "2020-01-28"), ("2020/1/28", "2020-01-28"), ("20200128", "2020-01-28"),
        ("2020-01-28T19:00:00+08:00", "2020-01-28"), ("2020年1月28日", "2020-01-28"),
        ("2020-01", "2020-01"), ("2020", "2020"), (2020, "2020"), (None, None), ("", None),
        ("None", None), ("2020-13-01", None), ("2020-02-30", None), (float("nan"), None),
    ],
)  # fmt: skip
def test_parse_date_column_values(value, expected):
    from govstats.dates import parse_date, precision

    assert parse_date(value) == expected
    assert precision(expected) == {10: "day", 7: "month", 4: "year"}.get(len(expected or ""))


def test_date_from_the_text_when_the_record_has_none(tmp_path):
    rows = [
        {"id": "a", "text": "新华社北京2020年1月28日电 " + STORY.split("\n")[1]},
        {"id": "b", "text": "2019年3月,街道召开联席会议12次,解决群众诉求30余件。"},
        {"id": "c", "text": STORY.split("\n")[1] + "会议定于2021年5月1日召开。"},  # not a lead
        {"id": "d", "text": STORY.split("\n")[1], "date": "2018"},
    ]
    (tmp_path / "r.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    got = [(a.date, a.date_precision) for a in load_corpus(tmp_path).articles]
    assert got == [("2020-01-28", "day"), ("2019-03", "month"), (None, None), ("2018", "year")]


# ----------------------------------------------------------------------------- streaming


def test_records_are_streamed_not_read_whole(tmp_path):
    import inspect

    from govstats.pipeline import _batches

    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(20_000):
            fh.write(json.dumps({"id": i, "text": STORY}, ensure_ascii=False) + "\n")
    it = iter_documents(path)
    assert inspect.isgenerator(it)
    first = next(it)
    assert isinstance(first, Document) and first.record_id == "0"
    it.close()

    def endless():
        i = 0
        while True:
            yield Document(id=str(i), path="x", encoding="utf-8", text=STORY, sha256="0")
            i += 1

    batch = next(_batches(endless()))  # batching never drains its source
    assert 1 <= len(batch) <= 32


def test_jsonl_rows_read_by_orjson_are_those_json_reads():
    """orjson reads the lines; what it refuses and json accepts (a BOM, NaN, a lone
    surrogate escape, a huge integer) is still read, and errors keep json's wording."""
    import json

    from govstats.sources import jsonl_row

    lines = [
        '{"id": "a", "text": "社区召开议事会3次", "n": 1.5e3}'.encode(),
        '\ufeff{"id": "b", "text": "x"}'.encode(),
        b'{"id": "c", "v": NaN}',
        b'{"id": "d", "t": "\\ud800"}',
        b'{"id": "e", "n": 123456789012345678901234567890}',
        b'{"id": "f", "id": "g"}',
    ]
    for n, line in enumerate(lines, 1):
        row, err = jsonl_row(n, line)
        assert err is None
        want = json.loads(line.decode("utf-8-sig"))
        if "v" in want:  # NaN is not equal to itself
            assert row["v"] != row["v"] and want["v"] != want["v"]
        else:
            assert row == want and all(type(row[k]) is type(want[k]) for k in want)
    row, err = jsonl_row(7, b"{not json")
    assert row is None and err.startswith("line 7 is not JSON (Expecting property name")
