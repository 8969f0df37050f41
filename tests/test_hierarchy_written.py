"""Structures quoted as written, and the session-5 classes of structure sentences.

Each class is tested with short quotes from non-gold stories of ../shared/corpora (the record
id in the comment).
"""

from __future__ import annotations

import json

import govstats as gs
from govstats.hierarchy import find_hierarchies


def _load(tmp_path, *texts):
    path = tmp_path / "s.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\n")
    return gs.load_corpus(path)


def test_levels_keep_full_width_brackets_as_written(tmp_path):
    """The load-time normalisation folds （） to (), keeping lengths: a level is quoted with
    the characters the story wrote at the same offsets, the surface stays the normalised text."""
    texts = [
        # xwlb 3d799fd2
        "记者今天从民政部了解到，我国将健全县（区）、乡镇（街道）、村（社区）三级养老服务网络。",
        # xwlb c6476116
        "加快构建区级、街道（乡镇）、社区三级养老服务网络。",
        # written with ASCII brackets: they stay ASCII
        "全力推进县(市)、乡(镇)、村三级便民服务平台建设。",
    ]
    corpus = _load(tmp_path, *texts)
    hs = find_hierarchies(corpus, indicators=[])
    got = {h.file: h for h in hs}
    assert len(got) == 3
    docs = {d.file: d for d in corpus.documents}
    for h in hs:
        assert docs[h.file].text[h.start : h.end] == h.surface
        assert "（" not in h.surface  # the surface is the normalised text
    levels = [list(h.levels) for h in sorted(hs, key=lambda h: h.file)]
    assert levels == [
        ["县（区）", "乡镇（街道）", "村（社区）"],
        ["区级", "街道（乡镇）", "社区"],
        ["县(市)", "乡(镇)", "村"],
    ]
    # counts are keyed by the levels as written
    assert [lv for lv, _ in hs[0].counts] == list(hs[0].levels)


def test_prepare_text_keeps_the_text_as_written():
    from govstats.sources import prepare_text

    raw = "乡镇（街道）、村（社区）\r\n"
    text, _script, original = prepare_text(raw)
    assert len(text) == len(raw) and original == raw
    assert text == "乡镇(街道)、村(社区) \n"
    assert prepare_text("abc")[2] is None
