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


def _one(text: str):
    from conftest import corpus_of

    hs = find_hierarchies(corpus_of(text), indicators=[])
    for h in hs:
        assert text[h.start : h.end] == h.surface
    return [(h.levels, h.n_levels_claimed) for h in hs]


def test_role_chains_give_each_rank_led_unit_its_role():
    # xwlb a60c8d7d, 1bafc471
    assert _one("以县城为中心、乡镇为节点、村组为网点的农村公路交通网络初步形成。") == [
        (("县城", "乡镇", "村组"), None)
    ]
    # xwlb 497bbcc1 (建制村 is a village rank word)
    assert _one(
        "初步形成了以县城为中心、乡镇为节点、建制村为网点，遍布农村、连接城乡的农村公路交通网络。"
    ) == [(("县城", "乡镇", "建制村"), None)]


def test_role_chains_of_units_without_ranks_are_no_structure():
    for text in (
        # xwlb 637a0289, cd1fe7bf, 17a928a6, 819fc272
        "构建以国家公园为主体、自然保护区为基础、各类自然公园为补充的自然保护地体系。",
        "初步建立以企业为主体、市场为导向、创新为动力、产学研用相结合的节水产业发展格局。",
        "北京市持续构建以轨道交通为骨干、地面公交为支撑、多种出行方式为补充的综合交通体系。",
        "我国形成了以妇幼保健机构为核心、以基层医疗卫生机构为基础、以大中型医院和教学科研机构为支撑的妇幼健康服务体系。",
        # two units only (xwlb 9bec784d)
        "北京正积极构建以街道（乡镇）区域养老服务中心为主体，社区养老服务驿站为延伸的居家养老服务网络。",
    ):
        assert _one(text) == [], text


def test_what_stays_at_each_level():
    # xwlb facca00b: written bottom-up, listed top first
    assert _one("基本实现了“小事不出村，大事不出乡，难事不出县”。") == [(("县", "乡", "村"), None)]
    # xwlb a4e7bd0d: a run of ranks is one level
    assert _one("头疼脑热不出村，一般疾病不出县市，大病重病不出省，为了让人民群众就近看上病。") == [
        (("省", "县市", "村"), None)
    ]
    # xwlb bd8729b0
    assert _one(
        "今日之西藏，400多种大病不出自治区、2400多种中病不出地市、常见的小病不出乡镇（街道）就能得到有效救治。"
    ) == [(("自治区", "地市", "乡镇（街道）"), None)]


def test_what_stays_at_two_levels_or_no_rank_is_no_structure():
    for text in (
        # xwlb 1676ea10, 62cb278d, 969cc136 (藏 is no rank word)
        "一个是基本理念不过时，“小事不出村、大事不出镇、矛盾不上交”。",
        "要做到“大病不出县、小病不出乡、预防在基层”。",
        "为了实现“大病不出藏、中病不出地市、小病不出县乡”的“十三五”规划目标。",
    ):
        assert _one(text) == [], text
