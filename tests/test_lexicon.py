"""Tests for govstats.lexicon: loading/validating lexicon files, lookup, mention finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import corpus_of

import govstats as gs
from govstats.errors import LexiconError, UnknownModelError
from govstats.lexicon import (
    article_models,
    find_models,
    get_model,
    load_lexicon,
    mention_to_json,
    mentions_frame,
    models,
    models_for,
    paragraph_models,
)
from govstats.records import Article, Document, Paragraph

# the inventory the real-corpus gold annotators use (tests/data/gold/real/README.md)
SPEC_IDS = [
    "楼长+",
    "四级体系",
    "三级网格",
    "网格化治理",
    "红色物业",
    "双报到",
    "吹哨报到",
    "接诉即办",
    "一网统管",
    "街巷长制",
    "三长联动",
    "议事协商",
    "党建联建",
    "共建共治共享",
    "枫桥经验",
    "信用积分",
    "幸福食堂",
    "双赋",
    "一联双包",
]


def write(tmp_path: Path, text: str, name: str = "my.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- the packaged lexicon


def test_packaged_lexicon_has_the_spec_ids_in_order():
    assert models() == SPEC_IDS
    lex = load_lexicon()
    assert load_lexicon() is lex  # cached
    for m in lex:
        assert m.name and m.description and m.category in lex.categories
        assert m.aliases
        assert m.source.endswith(tuple(f":{i}" for i in range(1, 999)))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("楼长+", "楼长+"),
        ("楼长＋", "楼长+"),
        ("楼长制", "楼长+"),
        ("楼长+模式", "楼长+"),
        ("四级治理体系", "四级体系"),
        ("“社区吹哨、部门报到”", "吹哨报到"),
        ("街乡吹哨·部门报到", "吹哨报到"),
        ("社区赋能·书记赋权", "双赋"),
        ("社区赋能、书记赋权", "双赋"),
        ("信义超市", "信用积分"),
        ("幸福大食堂", "幸福食堂"),
    ],
)
def test_get_model_accepts_id_name_or_alias(name, expected):
    assert get_model(name).id == expected
    assert name in load_lexicon()


def test_unknown_model_lists_known_names_and_suggests_closest():
    with pytest.raises(UnknownModelError) as e:
        get_model("楼长")
    msg = str(e.value)
    assert "'楼长'" in msg and "Did you mean '楼长+'" in msg
    for mid in SPEC_IDS:
        assert mid in msg
    assert isinstance(e.value, KeyError) and isinstance(e.value, gs.GovstatsError)
    with pytest.raises(UnknownModelError, match="Did you mean '网格化治理'"):
        get_model("网格化治")
    with pytest.raises(TypeError):
        get_model(3)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- user files


def test_user_file_adds_and_overrides_models(tmp_path):
    p = write(
        tmp_path,
        """
models:
  - id: 楼长+
    name: 楼长模式（自定义）
    category: organisation structure
    description: overridden
    aliases: [楼长, 楼长+]
  - id: 门栋长制
    category: mechanism
    description: 门栋长负责门栋治理。
    aliases: [门栋长制, 门栋长]
    patterns: ['门栋长\\s*[+＋]']
levels:
  nouns: [胡同]
""",
    )
    lex = load_lexicon(extra=p)
    assert lex.ids == SPEC_IDS + ["门栋长制"]
    assert lex.get("楼长").id == "楼长+"
    assert lex.get("楼长+").description == "overridden"
    assert "楼栋长" not in lex.get("楼长+").aliases  # an override replaces the whole entry
    assert "胡同" in lex.levels.nouns
    assert str(p) in lex.sources
    hits = lex.find("推行门栋长制，门栋长+网格员，楼长负责")
    assert [(h[2], h[3]) for h in hits] == [
        ("门栋长制", "门栋长制"),
        ("门栋长制", "re:门栋长\\s*[+＋]"),
        ("网格化治理", "网格员"),
        ("楼长+", "楼长"),
    ]
    # the packaged lexicon is untouched
    with pytest.raises(UnknownModelError):
        get_model("楼长")
    assert models(lex)[-1] == "门栋长制"


def test_labelled_and_nested_patterns(tmp_path):
    lex = load_lexicon()
    text = "构建“街道党委-社区党总支-网格党支部-楼栋党小组”的四级网格治理体系"
    got = [(text[s:e], mid, alias) for s, e, mid, alias in lex.find(text)]
    # the chain's 网格党支部 is a level of the 四级 structure, not a 网格化治理 mention
    assert got == [
        ("街道党委-社区党总支-网格党支部-楼栋党小组", "四级体系", "四级组织链条"),
        ("四级网格治理体系", "四级体系", "四级网格治理体系"),
    ]
    p = write(
        tmp_path,
        """
models:
  - id: 街巷长制
    category: mechanism
    description: d
    patterns:
      - {regex: '街巷长\\s*[+＋]', label: 街巷长+}
      - '巷长制'
  - id: 链
    category: mechanism
    description: a user's nested structure pattern keeps the words inside it
    patterns:
      - {regex: '片区—[^—]{2,6}—楼门', nested: true, label: 片区链}
""",
    )
    (h,) = load_lexicon(extra=p).find("街巷长+")
    assert h[3] == "街巷长+"
    text = "片区—网格党支部—楼门"
    assert [(text[s:e], mid) for s, e, mid, _ in load_lexicon(extra=p).find(text)] == [
        ("片区—网格党支部—楼门", "链"),
        ("网格党支部", "网格化治理"),
    ]
    # find_models accepts a lexicon file path too
    c = corpus_of("推行巷长制")
    assert [(m.model_id, m.alias) for m in find_models(c, lexicon=p)] == [("街巷长制", "re:巷长制")]


def test_user_file_can_be_a_bare_list(tmp_path):
    p = write(tmp_path, "- id: 街巷长制\n  category: mechanism\n  description: d\n")
    assert load_lexicon(extra=[p]).get("街巷长制").aliases == ("街巷长制",)


@pytest.mark.parametrize(
    "text, where, needles",
    [
        (
            "models:\n  - name: 无名\n    category: mechanism\n    description: d\n",
            ":2:",
            ["entry #1", "missing field 'id'"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: d\n    patterns: ['楼长(']\n",
            ":5:",
            ["model '坏'", "field 'patterns'", "bad regular expression"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: d\n    aliases: 5\n",
            ":5:",
            ["model '坏'", "field 'aliases'", "expected a list of strings", "int"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: d\n    aliases: [ok, 7]\n",
            ":5:",
            ["field 'aliases'", "got int 7"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: [d]\n",
            ":4:",
            ["field 'description'", "non-empty string"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: d\n    alias: [x]\n",
            ":5:",
            ["unknown field 'alias'", "did you mean 'aliases'"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanisms\n    description: d\n",
            ":3:",
            ["unknown category 'mechanisms'", "did you mean 'mechanism'"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: d\n    patterns: ['x*']\n",
            ":5:",
            ["matches the empty string"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: d\n"
            "  - id: 坏\n    category: mechanism\n    description: d\n",
            ":5:",
            ["duplicate id"],
        ),
        (
            "models:\n  - id: 新\n    category: mechanism\n    description: d\n    aliases: [楼栋长]\n",
            ":2:",
            ["alias '楼栋长' also belongs to model '楼长+'"],
        ),
        ("models: {id: 坏}\n", ":1:", ["`models` must be a list"]),
        ("models:\n  - id: 坏\n    aliases: [a\n", ":", ["not valid YAML"]),
        (
            "model:\n  - id: 坏\n",
            ":1:",
            ["unknown top-level field 'model'", "did you mean 'models'"],
        ),
        (
            "models:\n  - id: 坏\n    category: mechanism\n    description: d\n"
            "    patterns: [{regex: 5}]\n",
            ":5:",
            ["field 'patterns'", "{regex: '...'"],
        ),
        ("levels:\n  noun: [x]\n", ":2:", ["levels: unknown field 'noun'", "did you mean 'nouns'"]),
        ("", "", ["empty lexicon file"]),
    ],
)
def test_malformed_files_name_file_line_entry_and_field(tmp_path, text, where, needles):
    p = write(tmp_path, text, "bad.yaml")
    with pytest.raises(LexiconError) as e:
        load_lexicon(extra=p)
    msg = str(e.value)
    assert msg.startswith(str(p) + where)
    for n in needles:
        assert n in msg


def test_missing_user_file(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon(extra=tmp_path / "nope.yaml")


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "text, expected",
    [
        ("推行“社区吹哨、部门报到”工作机制", [("吹哨报到", "社区吹哨、部门报到")]),
        ("推行社区吹哨·部门报到", [("吹哨报到", "社区吹哨·部门报到")]),
        ("推行“社区吹哨”“部门报到”", [("吹哨报到", "社区吹哨”“部门报到")]),
        ("实施“社区赋能,书记赋权”工程", [("双赋", "社区赋能,书记赋权")]),
        ("“楼长+组长”夯实", [("楼长+", "楼长+组长")]),
        ("“楼长＋站长”健全", [("楼长+", "楼长＋站长")]),
        ("楼长 + 网格员", [("楼长+", "楼长 + 网格员")]),
        ("构建四级网格治理体系", [("四级体系", "四级网格治理体系")]),  # not 网格治理
        ("信义积分卡", [("信用积分", "信义积分")]),
        ("红色物业党支部", [("红色物业", "红色物业党支部")]),
        ("没有任何模式", []),
    ],
)
def test_find_tolerates_separators_and_longest_match_wins(text, expected):
    got = [(mid, text[s:e]) for s, e, mid, _ in load_lexicon().find(text)]
    assert got == expected


def test_longest_match_wins_across_start_positions(tmp_path):
    p = write(
        tmp_path,
        """
models:
  - {id: A, category: mechanism, description: d, aliases: [红色物]}
  - {id: B, category: mechanism, description: d, aliases: [色物业党支]}
""",
    )
    hits = load_lexicon(extra=p).find("是红色物业党支")  # 红色物 (A) overlaps the longer B
    assert [(h[0], h[1], h[2]) for h in hits] == [(2, 7, "B")]


def test_mentions_on_seeds_keep_offsets_and_attribution(seed_corpus):
    ms = find_models(seed_corpus)
    assert len(ms) > 50
    texts = {d.id: d.text for d in seed_corpus.documents}
    doc_of = {a.id: a.doc_id for a in seed_corpus.articles}
    for m in ms:
        assert texts[doc_of[m.article_id]][m.start : m.end] == m.surface
    by_file: dict[str, set[str]] = {}
    for m in ms:
        by_file.setdefault(m.file[:3], set()).add(m.model_id)
    assert {"楼长+", "红色物业", "议事协商", "幸福食堂", "信用积分"} <= by_file["004"]
    assert {"四级体系", "网格化治理", "信用积分"} <= by_file["003"]
    assert {"双赋", "三级网格", "网格化治理", "红色物业", "幸福食堂"} <= by_file["001"]
    assert {"四级体系", "双报到", "议事协商", "一联双包", "红色物业"} <= by_file["000"]
    assert {"四级体系", "双报到", "议事协商", "幸福食堂"} <= by_file["002"]
    # deterministic
    assert find_models(seed_corpus) == ms


def test_mention_json_frame_and_attribution(seed_corpus):
    ms = find_models(seed_corpus)
    row = mention_to_json(ms[0])
    assert {
        "model_id",
        "alias",
        "file",
        "article_id",
        "article_index",
        "paragraph_index",
        "start",
        "end",
        "surface",
    } <= set(row)
    json.dumps(row, ensure_ascii=False)
    df = mentions_frame(ms)
    assert list(df.columns)[:3] == ["model_id", "alias", "surface"] and len(df) == len(ms)
    assert list(mentions_frame([]).columns) == list(df.columns)
    arts = article_models(ms)
    paras = paragraph_models(ms)
    m = ms[0]
    assert m.model_id in arts[m.article_id]
    assert m.model_id in paras[(m.article_id, m.paragraph_index)]
    # an indicator inherits its paragraph's models, falling back to the article's
    table = {**arts, **paras}
    assert (
        models_for((m.article_id, m.paragraph_index), ms)
        == paras[(m.article_id, m.paragraph_index)]
    )
    assert models_for((m.article_id, 9999), table) == arts[m.article_id]
    assert models_for(("nope", 0), table) == ()


def test_duplicate_paragraphs_are_flagged_or_skipped():
    text = "推行楼长制。\n小区推行双报到。\n小区推行双报到。"
    c = corpus_of(text)
    art = c.articles[0]
    paras = list(art.paragraphs)
    paras[2] = Paragraph(
        id=paras[2].id,
        article_id=art.id,
        index=2,
        text=paras[2].text,
        start=paras[2].start,
        end=paras[2].end,
        duplicate_of=paras[1].id,
    )
    art = Article(**{**{f: getattr(art, f) for f in art.__slots__}, "paragraphs": tuple(paras)})
    c = gs.Corpus(c.documents, (art,), (), tuple(paras))
    ms = find_models(c)
    assert [(m.model_id, m.paragraph_index, m.duplicate) for m in ms] == [
        ("楼长+", 0, False),
        ("双报到", 1, False),
        ("双报到", 2, True),
    ]
    assert len(find_models(c, include_duplicates=False)) == 2


def test_mentions_across_a_rejoined_page_break_keep_the_invariant():
    text = "创新“红色\n\n议事厅”机制"
    doc = Document(id="d0", path="t.txt", encoding="utf-8", text=text, sha256="0")
    p = Paragraph(
        id="d0-000-000",
        article_id="d0-000",
        index=0,
        text="创新“红色议事厅”机制",
        start=0,
        end=len(text),
        spans=((0, 5), (7, len(text))),
    )
    art = Article(
        id="d0-000",
        doc_id="d0",
        file="t.txt",
        index=0,
        title="t",
        place=None,
        date=None,
        source=None,
        byline=None,
        start=0,
        end=len(text),
        paragraphs=(p,),
    )
    (m,) = find_models(gs.Corpus((doc,), (art,), (), (p,)))
    assert (m.model_id, m.alias) == ("议事协商", "红色议事厅")
    assert text[m.start : m.end] == m.surface == "红色\n\n议事厅"


def test_user_dictionary_terms_are_plain_words():
    terms = load_lexicon().user_dictionary_terms()
    for w in (
        "楼栋党小组",
        "党员中心户",
        "红色物业",
        "社区吹哨",
        "部门报到",
        "四级治理体系",
        "一联双包",
    ):
        assert w in terms
    assert all("+" not in t and "、" not in t and "\\" not in t for t in terms)
    assert terms == sorted(set(terms))
