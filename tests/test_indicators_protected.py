"""The protected-term list generalises (issue 17): every entry is named in ANNOTATION.md, is a
real name found in more than one document of the shared corpora, or is an idiom; the entries
that only the seed pages needed were removed, and this test measures what that costs on the
seeds (printed: run with ``-s``)."""

from __future__ import annotations

import gzip
import json

import ahocorasick
import pytest
from conftest import SEEDS, shared_file

from govstats import indicator_rules
from govstats.evaluate import load_gold_indicators, score_indicators
from govstats.indicators import extract_from_text, extract_indicators

GOLD = SEEDS.parent / "tests" / "data" / "gold" / "indicators.jsonl"

#: removed in issue 17: seed-only phrases (no class, not in the corpora beyond one page), the
#: over-broad 万家 / 一公里, and entries now covered by a class in non_indicators.txt
REMOVED = [
    "一人多岗",
    "一公里",
    "一品农",
    "一套拳",
    "一寸光阴一寸金",
    "一年都有精神头",
    "一本通",
    "一核多元",
    "一次办好",
    "一盘“棋”",
    "一老一小一青",
    "一联双包",
    "一颗“子”",
    "一餐热饭",
    "万家",
    '三个"一会"',
    "三个“一会”",
    "三心同建",
    "三方办",
    "三方联席会议",
    "三最",
    "三点三线三面",
    "三级书记",
    "二月二",
    "二种人",
    "五员",
    "六个新聊城",
    "十种能力",
    "千千结",
    "四个大字",
    "四五烈士",
    "四向发力",
    "四心",
    "四排查两报告",
    "四级服务架构",
    "四级治理体系",
    "四级组织体系",
    "四级网格治理体系",
    "班后两小时",
    "赴百仞之谷",
]


def _sections():
    """Protected terms by the section comment they sit under."""
    text = (indicator_rules.resources.files("govstats") / "data" / "protected_terms.txt").read_text(
        encoding="utf-8"
    )
    out: dict[str, list[str]] = {}
    sec = ""
    for line in text.splitlines():
        if line.startswith("# ---"):
            sec = line[5:].strip()
        elif line.strip() and not line.startswith("#"):
            out.setdefault(sec, []).append(line.strip())
    return out


def test_every_protected_term_has_a_reason():
    secs = _sections()
    assert set(secs) == {
        "named in ANNOTATION.md",
        "names that occur in several documents of the corpora",
        "idioms (成语) with numerals",
    }
    annotation = shared_file("ANNOTATION.md").read_text(encoding="utf-8")
    not_named = [t for t in secs["named in ANNOTATION.md"] if t not in annotation]
    # variants of a named term (十五分钟生活圈 of 15分钟生活圈, 八小时以外 of 八小时外)
    assert not_named == ["十五分钟生活圈", "八小时以外"]
    assert all(len(t) == 4 for t in secs["idioms (成语) with numerals"])
    names = secs["names that occur in several documents of the corpora"]
    auto = ahocorasick.Automaton()
    for t in names:
        auto.add_word(t, t)
    auto.make_automaton()
    docs = {t: 0 for t in names}
    for corpus in ("governance", "xwlb"):
        with gzip.open(shared_file("corpora", f"{corpus}.jsonl.gz"), "rt", encoding="utf-8") as f:
            for line in f:
                for t in {v for _, v in auto.iter(json.loads(line)["text"])}:
                    docs[t] += 1
    rare = {t: n for t, n in docs.items() if n < 2}
    assert not rare, f"names found in fewer than two corpus documents: {rare}"
    assert not set(REMOVED) & {t for ts in secs.values() for t in ts}


def test_over_broad_entries_are_gone():
    # 万家 swallowed 全市共有3万家企业; 一公里 swallowed 仅一公里 (ANNOTATION keeps both)
    got = [(x.surface, x.value, x.unit) for x in extract_from_text("全市共有3万家企业")]
    assert got == [("3万家", 30000.0, "家")]
    got = [(x.surface, x.value) for x in extract_from_text("距离仅一公里")]
    assert got == [("一公里", 1.0)]


def _seed_score(seed_corpus, extra_protected=()):
    """The seed score with ``extra_protected`` added to the protected list."""
    real = indicator_rules._data_lines

    def lines(name):
        yield from real(name)
        if name == "protected_terms.txt":
            for i, t in enumerate(extra_protected):
                yield 10_000 + i, [t]

    def clear():
        indicator_rules._rules.cache_clear()
        indicator_rules._compiled.cache_clear()

    clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(indicator_rules, "_data_lines", lines)
        try:
            return score_indicators(extract_indicators(seed_corpus), load_gold_indicators(GOLD))
        finally:
            clear()


def test_seed_score_without_the_seed_only_entries(seed_corpus):
    before = _seed_score(seed_corpus, REMOVED)
    after = _seed_score(seed_corpus)
    print(
        f"seed precision with the removed entries {before.precision:.4f}, without "
        f"{after.precision:.4f}; recall {before.recall:.4f} -> {after.recall:.4f}"
    )
    print(
        "extracted only without them:",
        sorted(
            {p.surface for p in after.false_positives} - {p.surface for p in before.false_positives}
        ),
    )
    # measured 0.9762 -> 0.9609 (三个“一会”, 十种能力 out of 128; 六个新聊城 is now caught by the
    # quoted-name class of non_indicators.txt; the other 3 false positives are 1分、2分、5分字样,
    # left since the one-page 字样 rule went); floor 0.02 below
    assert before.precision > after.precision >= 0.94
    assert after.recall >= before.recall
