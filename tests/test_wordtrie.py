"""govstats.wordtrie: leftmost-longest matching, compiled and Python scans alike."""

from __future__ import annotations

import random

import pytest
from conftest import real_records

from govstats import wordtrie
from govstats.places import load_gazetteer
from govstats.wordtrie import WordTrie


def brute_force(words, text):
    """Leftmost-longest matches by trying every length at every position."""
    ws = {w: v for w, v in words}
    longest = max(map(len, ws), default=0)
    out, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + n] in ws:
                if ws[text[i : i + n]] is not None:
                    out.append((i, i + n, ws[text[i : i + n]]))
                i += n
                break
        else:
            i += 1
    return out


def _gazetteer_words():
    T = load_gazetteer().trie
    return list(zip(T.words, T.values))


def _fragments(words, rng, n):
    """Texts glued from words, their prefixes and suffixes and other characters."""
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            w = rng.choice(words)[0]
            r = rng.random()
            if r < 0.3:
                w = w[: rng.randint(1, len(w))]
            elif r < 0.5:
                w = w[rng.randint(0, len(w) - 1) :]
            elif r < 0.6:
                w = rng.choice("的了在，。 \n𠀀a\ud800")
            parts.append(w)
        texts.append("".join(parts) * rng.choice((1, 1, 3)))  # some long enough to compile
    return texts


def test_longest_match_then_on_after_it_and_none_values_hide_shorter_words():
    T = WordTrie([("南京", "南京"), ("南京市", "南京市"), ("京市", "x"), ("市长", "市长"), ("北京时间", None), ("北京", "北京")])  # fmt: skip
    assert T.scan("南京市长江大桥") == [(0, 3, "南京市")]
    assert T.scan("北京时间八点，北京") == [(7, 9, "北京")]
    assert T.scan("南京") == [(0, 2, "南京")]
    assert T.scan("") == []
    with pytest.raises(ValueError, match="empty word"):
        WordTrie([("", 1)])


def test_compiled_and_python_scans_equal_brute_force_on_glued_gazetteer_words():
    words = _gazetteer_words()
    T = load_gazetteer().trie
    rng = random.Random(0)
    long_seen = 0
    for text in _fragments(words, rng, 3000):
        want = brute_force(words, text)
        assert T.scan_python(text) == want, text
        assert T.scan(text) == want, text
        long_seen += len(text) >= wordtrie.SHORT
    assert long_seen > 500  # texts long enough for the compiled scan (with Numba)


def test_a_word_inside_an_unfinished_longer_one_at_the_end_of_the_text():
    # pyahocorasick's iter_long dropped 兴安 here (大兴安岭地区 left unfinished)
    pad = "这是一段足够长的前文，让编译的扫描来处理它：" * 2
    for text in ("大兴安", pad + "大兴安"):
        assert [h.surface for h in load_gazetteer().find(text)] == ["兴安"]


def test_real_stories_compiled_equals_python():
    T = load_gazetteer().trie
    recs = real_records("xwlb", n=300)
    hits = 0
    for r in recs:
        got = T.scan(r["text"])
        assert got == T.scan_python(r["text"])
        hits += len(got)
    assert hits > 300
