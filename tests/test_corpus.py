"""Reading: encodings, normalisation, problems per file, the seed corpus, ids, frames."""

from __future__ import annotations

import codecs
import hashlib
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govstats as gs
from govstats.corpus import (
    Corpus,
    InputFileNotFound,
    decode_bytes,
    list_files,
    load_corpus,
    load_document,
    normalize_text,
)
from govstats.errors import GovstatsError, InputError
from govstats.records import Document, Problem

ARTICLE = (
    "\n\n我区“楼长+”模式推动小区治理注入新“栋”能\n\n"
    "东昌府讯 家住新区街道新纺苑小区的刘玉洪是一名优秀的离退休老党员,还是小区2号楼的楼长。\n\n"
    "今年以来,我市开展“红色物业·聊来温暖”主题攻坚行动,不断推动城市治理重心下移,把居民小区作为服务群众的第一线。\n\n"
    "(融媒体 裴崇旭)\n"
)

SEED_TITLES = {
    "000": [
        "拉着家常就把问题解决了",
        "牟平区武宁街道东华社区开展春日便民活动 把服务送到居民心坎里",
        "数字化转型促进企业降本增效高质量发展",
        "牟平区“好婆婆”“好媳妇”讲述感人故事",
        "牟平区高陵镇开展“暖心走访·志愿同行”活动",
        "牟平区宁海街道开展社区工作者能力提升培训班",
        "牟平区文化街道开展社区后备干部竞选活动",
    ],
    "001": ["寒亭区下好党建一颗“子” 激活基层一盘“棋”"],
    "002": ["莱山区:“四向发力”助推城市精细化治理"],
    "003": ["社区治理“千千结”", "交警支队第五大队交通普法进校园", "高新区全力推进“无证明城市”建设"],
    "004": [
        "我区“楼长+”模式推动小区治理注入新“栋”能",
        "柳园街道与辖区企业就“幸福食堂”项目签约",
        "电商培训热 技能学习忙",
        "“高质量发展东昌府”主题采访活动走进闫寺街道",
        "“小积分”兑出大文明",
        "一个社区书记的防疫24小时",
        "不负青春守初心 实干担当启征程",
        "用奋斗擦亮青春底色 以实干担当时代重任",
    ],
}
SEED_PLACES = {
    "000": "牟平区",
    "001": "寒亭区",
    "002": "莱山区",
    "003": "烟台高新区",
    "004": "东昌府区",
}


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def check_invariants(corpus: Corpus) -> None:
    texts = {d.id: d.text for d in corpus.documents}
    for b in corpus.blocks:
        text = texts[b.id.split("-", 1)[0]]
        assert 0 <= b.start <= b.end <= len(text)
        assert b.text == "".join(text[a:z].strip() for a, z in b.spans)
        if len(b.spans) == 1:
            assert text[b.start : b.end] == b.text
        for a, z in b.spans:
            assert 0 <= a <= z <= len(text)
    ids = [b.id for b in corpus.blocks]
    assert len(ids) == len(set(ids))
    in_blocks = set(ids)
    for a in corpus.articles:
        assert all(p.id in in_blocks for p in a.paragraphs)
        assert 0 <= a.start <= a.end <= len(texts[a.doc_id])


def line_start(text: str, lineno: int) -> int:
    """Offset of the first non-space character of 1-based line ``lineno``."""
    pos = 0
    for _ in range(lineno - 1):
        pos = text.index("\n", pos) + 1
    while text[pos] in " \t":
        pos += 1
    return pos


def block_at(corpus: Corpus, doc: Document, lineno: int):
    off = line_start(doc.text, lineno)
    hits = [
        b for b in corpus.blocks if any(a == off for a, _ in b.spans) and b.id.startswith(doc.id)
    ]
    assert hits, f"no block starts at line {lineno}"
    return hits[0]


# ---------------------------------------------------------------------------
# normalisation and decoding


def test_normalize_is_length_preserving_and_folds_full_width():
    raw = "莱山区：“四向发力”\r\nＡＢＣ１２３\u3000（融媒体）\rx"
    out = normalize_text(raw)
    assert len(out) == len(raw)
    assert out == "莱山区:“四向发力” \nABC123 (融媒体)\nx"
    assert normalize_text("“引号”。、") == "“引号”。、"  # CJK punctuation outside FF01–FF5E is kept


@pytest.mark.parametrize(
    ("codec", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("gbk", b"", "gb18030"),
        ("gb2312", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
    ],
)
def test_encodings_are_detected_and_recorded(tmp_path, codec, prefix, expected):
    text = ARTICLE.replace("·", "")  # GB2312 has no middle dot
    path = write(tmp_path / f"{codec}.txt", prefix + text.encode(codec))
    doc = load_document(path)
    assert isinstance(doc, Document), doc
    assert doc.encoding == expected
    assert doc.text == normalize_text(text)
    corpus = load_corpus(path)
    assert [a.title for a in corpus.articles] == ["我区“楼长+”模式推动小区治理注入新“栋”能"]
    assert corpus.articles[0].place == "东昌府区"
    assert corpus.documents_frame()["encoding"].tolist() == [expected]


def test_gb18030_only_characters(tmp_path):
    text = ARTICLE + "\n\n社区食堂价格表€,“𠀀”字库扩展。\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    doc = load_document(write(tmp_path / "gb18030.txt", text.encode("gb18030")))
    assert doc.encoding == "gb18030" and doc.text == normalize_text(text)


def test_short_gbk_text_is_not_read_as_big5():
    assert decode_bytes("社区治理".encode("gbk")) == ("社区治理", "gb18030")


def test_crlf_file_keeps_offsets(tmp_path):
    raw = ARTICLE.replace("\n", "\r\n")
    doc = load_document(write(tmp_path / "crlf.txt", raw.encode("utf-8")))
    assert len(doc.text) == len(raw)
    assert "\r" not in doc.text
    corpus = load_corpus(tmp_path / "crlf.txt")
    check_invariants(corpus)
    for b in corpus.blocks:  # each block maps back to the original bytes' text
        for a, z in b.spans:
            assert raw[a:z] == doc.text[a:z]
    assert corpus.articles[0].byline == "融媒体 裴崇旭"


def test_full_width_text_keeps_offsets_into_the_decoded_file(tmp_path):
    raw = "莱山区：“四向发力”助推城市精细化治理\n\n近年来，莱山区认真贯彻落实部署要求（５５１０工作体系）。\n"
    corpus = load_corpus(write(tmp_path / "fw.txt", raw.encode("utf-8")))
    (a,) = corpus.articles
    assert a.title == "莱山区:“四向发力”助推城市精细化治理"
    p = a.body()[0]
    assert raw[p.start : p.end] == "近年来，莱山区认真贯彻落实部署要求（５５１０工作体系）。"
    assert normalize_text(raw[p.start : p.end]) == p.text


# ---------------------------------------------------------------------------
# bad input


def bad_files(folder: Path) -> dict[str, Path]:
    rng = random.Random(7)
    return {
        "empty": write(folder / "empty.txt", b""),
        "blank": write(folder / "blank.txt", b" \r\n\n\t"),
        "png": write(
            folder / "image.txt",
            b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(300)),
        ),
        "nul": write(
            folder / "random.txt", bytes(rng.randrange(256) for _ in range(500)) + b"\x00\x00"
        ),
        "undecodable": write(folder / "latin.txt", bytes(range(0x80, 0x100)) * 4),
        "broken_utf8": write(
            folder / "cut.txt", "小区党支部发挥着反馈业主诉求的作用，业主们说好".encode()[:-1]
        ),
        "bad_bom": write(folder / "badbom.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfd ok"),
    }


def test_each_bad_file_is_a_clear_problem_and_the_rest_still_loads(tmp_path):
    bad = bad_files(tmp_path)
    good = write(tmp_path / "good.txt", ARTICLE.encode("utf-8"))
    corpus = load_corpus(tmp_path)
    cut = bad.pop("broken_utf8")  # read, its cut last character replaced, with a problem
    assert [d.path for d in corpus.documents] == [str(cut), str(good)]
    assert corpus.documents[0].text == "小区党支部发挥着反馈业主诉求的作用,业主们说\ufffd"
    assert len(corpus.articles) == 2
    by_path = {p.path: p.message for p in corpus.problems}
    kinds = {p.path: p.kind for p in corpus.problems}
    assert set(by_path) == {str(p) for p in [*bad.values(), cut]}
    assert kinds[str(cut)] == "truncated-utf8" and "U+FFFD" in by_path[str(cut)]
    del by_path[str(cut)]
    assert "empty file" in by_path[str(bad["empty"])]
    assert "empty file" in by_path[str(bad["blank"])]
    assert "PNG image" in by_path[str(bad["png"])]
    assert "NUL byte" in by_path[str(bad["nul"])]
    assert "cannot decode" in by_path[str(bad["undecodable"])]
    assert "byte-order mark" in by_path[str(bad["bad_bom"])]
    for p in corpus.problems:
        assert str(p).startswith(p.path + ": ")
        if p.kind != "truncated-utf8":
            assert "re-save" in p.message or "empty" in p.message


def test_load_document_returns_a_problem_instead_of_raising(tmp_path):
    result = load_document(write(tmp_path / "e.txt", b""))
    assert isinstance(result, Problem) and result.path.endswith("e.txt")
    result = load_document(tmp_path)  # a folder cannot be read as a file
    assert isinstance(result, Problem) and "cannot read" in result.message


def test_strict_raises_input_error_naming_the_file(tmp_path):
    write(tmp_path / "a_good.txt", ARTICLE.encode("utf-8"))
    write(tmp_path / "b_empty.txt", b"")
    with pytest.raises(InputError, match=r"b_empty\.txt: empty file"):
        load_corpus(tmp_path, strict=True)
    assert isinstance(InputError("x"), GovstatsError)


def test_missing_path_raises_at_once_with_the_path(tmp_path):
    missing = tmp_path / "nope" / "file.txt"
    with pytest.raises(InputFileNotFound, match="nope") as info:
        load_corpus([tmp_path, missing])
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, GovstatsError)


def test_file_with_only_furniture_is_reported(tmp_path):
    write(tmp_path / "nav.txt", "A01版:重点\n\nA02版:要闻\n\n上一篇 下一篇\n".encode())
    corpus = load_corpus(tmp_path)
    assert len(corpus.documents) == 1 and corpus.articles == ()
    assert "no article found" in corpus.problems[0].message
    assert [b.kind for b in corpus.blocks] == ["furniture"] * 3


def test_identical_copy_is_skipped_and_reported(tmp_path):
    write(tmp_path / "a.txt", ARTICLE.encode("utf-8"))
    write(tmp_path / "b.txt", ARTICLE.encode("utf-8"))
    corpus = load_corpus(tmp_path)
    assert [d.name for d in corpus.documents] == ["a.txt"]
    assert "same bytes as" in corpus.problems[0].message


# ---------------------------------------------------------------------------
# file order, ids, frames


def test_folder_recursion_and_deterministic_order(tmp_path):
    write(tmp_path / "b" / "z.txt", ARTICLE.encode("utf-8"))
    write(tmp_path / "a.txt", ARTICLE.replace("楼长", "楼栋长").encode("utf-8"))
    write(tmp_path / "b" / "notes.doc", b"ignored: not an input format")
    write(tmp_path / "b" / "Y.TXT", ARTICLE.replace("楼长", "网格员").encode("utf-8"))
    write(tmp_path / "b" / "m.md", ARTICLE.replace("楼长", "楼组长").encode("utf-8"))
    files = list_files(tmp_path)
    rel = [p.relative_to(tmp_path).as_posix() for p in files]
    assert rel == ["a.txt", "b/Y.TXT", "b/m.md", "b/z.txt"]  # extensions in any case
    assert list_files([tmp_path / "b" / "z.txt", tmp_path]) == [
        tmp_path / "b" / "z.txt",
        tmp_path / "a.txt",
        tmp_path / "b" / "Y.TXT",
        tmp_path / "b" / "m.md",
    ]


def test_ids_are_stable_and_derived_from_the_bytes(tmp_path):
    data = ARTICLE.encode("utf-8")
    path = write(tmp_path / "a.txt", data)
    c1, c2 = load_corpus(path), load_corpus(str(path))
    (doc,) = c1.documents
    assert (
        doc.id == hashlib.sha256(data).hexdigest()[:16]
        and doc.sha256 == hashlib.sha256(data).hexdigest()
    )
    assert [b.id for b in c1.blocks] == [b.id for b in c2.blocks]
    (a,) = c1.articles
    assert a.id == f"{doc.id}-000"
    assert [p.id for p in a.paragraphs] == [f"{a.id}-{i:03d}" for i in range(len(a.paragraphs))]


def test_frames(seed_corpus):
    arts = seed_corpus.articles_frame()
    for col in ["file", "article_index", "id", "doc_id", "title", "place", "date", "source",
                "byline", "n_paragraphs", "n_chars", "start", "end", "duplicate_of"]:  # fmt: skip
        assert col in arts.columns
    assert len(arts) == len(seed_corpus.articles) == 20
    paras = seed_corpus.paragraphs_frame()
    assert len(paras) == len(seed_corpus.blocks)
    assert paras["file"].notna().all()
    furniture = paras[paras["kind"] == "furniture"]
    assert set(furniture["file"]) == {"001_c019c36a6722c392.txt"}
    assert furniture["article_id"].isna().all()
    docs = seed_corpus.documents_frame()
    assert docs["n_articles"].tolist() == [7, 1, 1, 3, 8]
    assert set(docs["encoding"]) == {"utf-8"}


def test_empty_corpus_frames(tmp_path):
    corpus = load_corpus(write(tmp_path / "e.txt", b""))
    assert corpus.articles_frame().empty and "title" in corpus.articles_frame().columns
    assert corpus.paragraphs_frame().empty and corpus.documents_frame().empty


def test_public_names():
    assert gs.load_corpus is load_corpus
    assert isinstance(gs.Corpus, type)


# ---------------------------------------------------------------------------
# the five seeds


def test_seed_article_counts_titles_and_places(seed_corpus):
    got: dict[str, list[str]] = {}
    for a in seed_corpus.articles:
        got.setdefault(a.file[:3], []).append(a.title)
        assert a.place == SEED_PLACES[a.file[:3]]
    assert got == SEED_TITLES
    assert seed_corpus.problems == ()
    assert all(a.duplicate_of is None for a in seed_corpus.articles)
    check_invariants(seed_corpus)


def test_seed_metadata(seed_corpus):
    by = {(a.file[:3], a.index): a for a in seed_corpus.articles}
    assert (by["001", 0].date, by["001", 0].source) == ("2022-06-29", "齐鲁晚报")
    assert all(a.date is None and a.source is None for k, a in by.items() if k[0] != "001")
    assert by["000", 0].kicker == "能力作风提升年 →"
    assert by["000", 0].subtitle == "牟平区建强小区党支部,让小区治理有了主心骨"
    assert by["000", 2].kicker == "把脉问诊"
    assert by["003", 0].byline == "YMG全媒体记者 王宏伟\n通讯员 曲晨 摄影报道"
    assert by["003", 1].kicker == "开学第一课\n先上安全课"
    assert by["003", 1].byline == "YMG全媒体记者 王宏伟 通讯员 宋先媛 隋少娟"
    assert by["004", 6].byline == "道口铺街道 刘雨泽"
    assert by["002", 0].byline is None


def seed_doc(corpus: Corpus, prefix: str) -> Document:
    return next(d for d in corpus.documents if d.name.startswith(prefix))


def test_seed_000_duplicate_paragraphs(seed_corpus):
    doc = seed_doc(seed_corpus, "000")
    first9, first11 = block_at(seed_corpus, doc, 9), block_at(seed_corpus, doc, 11)
    copy25, copy31 = block_at(seed_corpus, doc, 25), block_at(seed_corpus, doc, 31)
    assert (first9.duplicate_of, first11.duplicate_of) == (None, None)
    assert (copy25.duplicate_of, copy31.duplicate_of) == (first9.id, first11.id)
    assert copy25.text == first9.text and len(copy25.spans) == 2  # rejoined 25 + 29
    n_with = sum(
        1 for a, p in seed_corpus.paragraphs(include_duplicates=True) if a.doc_id == doc.id
    )
    n_without = sum(1 for a, p in seed_corpus.paragraphs() if a.doc_id == doc.id)
    assert n_with - n_without == 2


@pytest.mark.parametrize(
    ("prefix", "first", "second"),
    [
        ("000", 25, 29), ("000", 39, 41), ("000", 49, 51), ("000", 73, 77), ("000", 83, 85),
        ("000", 89, 91), ("000", 107, 109), ("000", 133, 135), ("000", 147, 149),
        ("002", 13, 19), ("002", 25, 27), ("002", 43, 45),
        ("004", 9, 11), ("004", 15, 17), ("004", 21, 23), ("004", 96, 98), ("004", 102, 104),
        ("004", 120, 122), ("004", 134, 136),
    ],
)  # fmt: skip
def test_seed_broken_sentences_are_rejoined(seed_corpus, prefix, first, second):
    doc = seed_doc(seed_corpus, prefix)
    p = block_at(seed_corpus, doc, first)
    assert p.kind == "body"
    starts = [a for a, _ in p.spans]
    assert starts[0] == line_start(doc.text, first)
    assert line_start(doc.text, second) in starts
    assert p.text == "".join(doc.text[a:z] for a, z in p.spans)
    assert p.doc_offset(len(doc.text[p.spans[0][0] : p.spans[0][1]])) == p.spans[1][0]


def test_seed_title_is_not_joined_with_the_scrambled_fragment(seed_corpus):
    doc = seed_doc(seed_corpus, "000")
    title, fragment = block_at(seed_corpus, doc, 63), block_at(seed_corpus, doc, 67)
    assert (title.kind, fragment.kind) == ("title", "body")
    assert fragment.article_id == title.article_id
    heading = block_at(seed_corpus, doc, 95)  # printed after the byline, same article
    assert heading.kind == "heading" and heading.article_id == title.article_id


@pytest.mark.parametrize(
    ("prefix", "lineno", "in_article"),
    [("001", 98, True), ("001", 99, True), ("002", 17, True), ("002", 59, False),
     ("003", 106, False), ("004", 60, False)],
)  # fmt: skip
def test_seed_captions(seed_corpus, prefix, lineno, in_article):
    b = block_at(seed_corpus, seed_doc(seed_corpus, prefix), lineno)
    assert b.kind == "caption"
    assert (b.article_id is not None) == in_article


def test_seed_001_furniture(seed_corpus):
    doc = seed_doc(seed_corpus, "001")
    furniture = [b for b in seed_corpus.blocks if b.id.startswith(doc.id) and b.kind == "furniture"]
    assert len(furniture) == 48
    assert furniture[0].text == "A01版:重点" and furniture[-1].text == "上一篇 下一篇"
    (a,) = [a for a in seed_corpus.articles if a.doc_id == doc.id]
    assert a.start == line_start(doc.text, 95)
    assert [p.kind for p in a.paragraphs].count("heading") == 6


def test_seed_003_sections_stay_inside_one_article(seed_corpus):
    a = next(a for a in seed_corpus.articles if a.file.startswith("003") and a.index == 0)
    assert [p.text for p in a.paragraphs if p.kind == "section"] == ["A", "B", "C"]
    assert [p.text for p in a.paragraphs if p.kind == "heading"] == ["美德相守 诚信相伴"]


def test_seed_reprint_is_flagged_across_files(tmp_path, seeds_dir):
    """The 楼长+ article copied into another file with a new header and one sentence changed."""
    src = (seeds_dir / "004_5df60fb9f6520897.txt").read_text(encoding="utf-8")
    lead = src[: src.index("(融媒体 裴崇旭)")]
    reprint = "聊城晚报 2022年09月02日\n\n“楼长+”让小区治理有了新“栋”能\n\n" + lead.split("\n", 3)[
        3
    ].replace("社区建设也更加有爱、和谐。", "邻里关系也更加融洽。")
    for p in sorted(seeds_dir.glob("*.txt")):
        write(tmp_path / p.name, p.read_bytes())
    write(tmp_path / "005_reprint.txt", reprint.encode("gbk"))
    corpus = load_corpus(tmp_path)
    (rep,) = [a for a in corpus.articles if a.file == "005_reprint.txt"]
    orig = next(a for a in corpus.articles if a.file.startswith("004") and a.index == 0)
    assert rep.duplicate_of == orig.id
    assert rep.date == "2022-09-02" and rep.source == "聊城晚报"
    assert sum(a.duplicate_of is not None for a in corpus.articles) == 1
    assert all(a.id != rep.id for a, _ in corpus.paragraphs())  # not counted twice


# ---------------------------------------------------------------------------
# property test

_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("社区党支部治理居民。,、“”:;!?()——A01版\n\n\n  \r\t")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=300,
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_text, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"]))
def test_loading_arbitrary_text_never_breaks_invariants(tmp_path, text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path = tmp_path / f"f{os.getpid()}.txt"
    path.write_bytes(data)
    corpus = load_corpus(
        path
    )  # problems, never an exception: any input file gives one or the other
    assert len(corpus.documents) + len(corpus.problems) >= 1
    check_invariants(corpus)
    for a in corpus.articles:
        assert a.paragraphs and all(p.article_id == a.id for p in a.paragraphs)
