"""govstats.minhash gives the pipeline's near-duplicate values bit for bit, only faster.

The reference is ``segment.near_duplicate_features`` / ``shingle_hashes`` (now in
``govstats.neardup``, re-exported by ``segment``) and ``neardup._minhash``: what
``pipeline.extract_document`` runs today: identical signatures and shingle sets mean
identical candidate pairs, identical exact checks and so identical flags, which the
real-archive test checks on the flags themselves too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import real_records
from hypothesis import given, settings
from hypothesis import strategies as st

from govstats import minhash, neardup, segment
from govstats.corpus import normalize_text
from govstats.records import Document

ROOT = Path(__file__).resolve().parents[1]


def _same(got, want) -> None:
    (gs, gh), (ws, wh) = got, want
    assert gs.dtype == ws.dtype == np.uint32 and gh.dtype == wh.dtype == np.uint64
    assert np.array_equal(gs, ws) and np.array_equal(gh, wh)


def _story_articles(records):
    out = []
    for i, rec in enumerate(records):
        text = normalize_text(f"{rec['title']}\n\n{rec['text']}\n")
        doc = Document(id=f"s{i}", path=f"{i}.txt", encoding="utf-8", text=text, sha256=str(i))
        out += segment.segment_document(doc)[0]
    return out


def test_identical_to_the_pipeline_on_the_seeds(seed_corpus):
    texts = [segment.near_duplicate_text(a) for a in seed_corpus.articles]
    assert len(texts) >= 20
    many = minhash.features_many(texts)
    for t, got in zip(texts, many):
        want = segment.near_duplicate_features(t)
        _same(got, want)
        _same(minhash.features(t), want)
        assert np.array_equal(minhash.shingle_set(t), segment.shingle_hashes(t))
    assert sum(len(s) > 0 for s, _ in many) >= 18  # nearly all are long enough to compare


def test_identical_signatures_and_flags_on_the_real_archive():
    arts = _story_articles(real_records("xwlb", n=2500))
    texts = [segment.near_duplicate_text(a) for a in arts]
    ref = [segment.near_duplicate_features(t) for t in texts]
    new = minhash.features_many(texts)
    for got, want in zip(new, ref):
        _same(got, want)
    roots_ref = segment.near_duplicate_roots([s for s, _ in ref], lambda i: ref[i][1])
    roots_new = segment.near_duplicate_roots([s for s, _ in new], lambda i: new[i][1])
    assert roots_new == roots_ref
    # the archive repeats stories: the sample does flag some, and not most
    flagged = sum(r != i for i, r in enumerate(roots_new))
    assert 0 < flagged < len(arts) // 10, flagged


def test_short_empty_and_whitespace_texts_are_never_compared():
    s30 = "社区网格员每天巡查辖区内的楼栋和商铺共计三十处地方记录问题并上报处理结果啊"[:30]
    assert len(s30) == 30
    for text in ("", "   \n\t ", s30[:29], " ".join(s30[:29])):
        sig, sh = minhash.features(text)
        want = segment.near_duplicate_features(text)
        _same((sig, sh), want)
        assert len(sig) == 0 and len(sh) == 0
    sig, sh = minhash.features(s30)  # exactly min_chars: compared
    _same((sig, sh), segment.near_duplicate_features(s30))
    assert len(sig) == 128 and len(sh) == 26
    assert minhash.features_many([]) == []


def test_a_batch_equals_one_text_at_a_time_with_short_texts_between():
    texts = ["短", "第一篇文章讲的是社区治理中的网格化管理，每个网格配备一名专职网格员。" * 3, ""]
    texts += ["第二篇：全市共有3万家企业参加了培训，培训人员达到12000人次以上。" * 2, "  "]
    batch = minhash.features_many(texts)
    for t, got in zip(texts, batch):
        _same(got, minhash.features(t))
        _same(got, segment.near_duplicate_features(t))


def test_characters_beyond_the_basic_plane_and_other_parameters():
    text = "𠮷野家在𡈼村开了新店，村里的𪚥字招牌很醒目。" * 3 + "ＡＢＣ　全角"
    for k, num_perm, seed in ((5, 128, 20240601), (1, 32, 7), (9, 64, 0)):
        opts = {"k": k, "num_perm": num_perm, "seed": seed}
        _same(minhash.features(text, **opts), segment.near_duplicate_features(text, **opts))
    h = segment.shingle_hashes(text)
    a, b = neardup._permutations(128, 20240601)
    assert np.array_equal(minhash.signature(h), neardup._minhash(h, a, b))
    # an empty set: the reference's all-ones signature
    empty = np.empty(0, dtype=np.uint64)
    assert np.array_equal(minhash.signature(empty), neardup._minhash(empty, a, b))


def test_bad_parameters_name_the_value():
    with pytest.raises(ValueError, match="num_perm=0"):
        minhash.features("足够长的文字" * 10, num_perm=0)
    with pytest.raises(ValueError, match="k=0"):
        minhash.shingle_set("文字", k=0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from("网格员楼栋长社区党支部 123，。\n\t\u3000\xa0\u2028\x1c𠮷a"),
            max_size=80,
        ),
        max_size=6,
    )
)
def test_any_texts_match_the_reference(texts):
    for t, got in zip(texts, minhash.features_many(texts, min_chars=8)):
        _same(got, segment.near_duplicate_features(t, min_chars=8))


def test_the_numpy_fallback_gives_the_same_values(seed_corpus):
    texts = [segment.near_duplicate_text(a) for a in seed_corpus.articles][:40]
    code = (
        "import json, sys, hashlib; from govstats import minhash, segment\n"
        "texts = json.loads(sys.stdin.read())\n"
        "h = hashlib.sha256()\n"
        "for s, sh in minhash.features_many(texts): h.update(s.tobytes() + sh.tobytes())\n"
        "print(minhash.BACKEND, h.hexdigest())\n"
    )
    env = dict(os.environ, GOVSTATS_MINHASH="numpy", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    import hashlib

    h = hashlib.sha256()
    for t in texts:
        s, sh = segment.near_duplicate_features(t)
        h.update(s.tobytes() + sh.tobytes())
    assert out == ["numpy", h.hexdigest()]


def test_compiled_backend_is_used_where_numba_is_installed():
    pytest.importorskip("numba")
    if os.environ.get("GOVSTATS_MINHASH", "").lower() == "numpy":
        pytest.skip("GOVSTATS_MINHASH=numpy forces the fallback")
    assert minhash.BACKEND == "numba"


def test_whitespace_is_removed_as_the_pipeline_removes_it_for_every_code_point():
    import re

    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert "".join(chars.split()) == re.sub(r"\s+", "", chars)  # what segment strips
    assert np.array_equal(minhash._codepoints(" a\u3000b\xa0\u2029c "), minhash._codepoints("abc"))
