"""Each class of issue 11 tested on real sentences from the shared corpora, not on the one
sentence the issue quotes: the first 12 sentences (新闻联播 archive, then the governance
corpus) that contain a member of the class, found by a pattern written for the class."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from conftest import shared_file

from govstats.indicators import extract_from_text

N = 12

#: classes that are not indicators: no quantity may overlap the match
NOT_QUANTITIES = {
    "street": r"(?:草厂|东四|西四北)[一二三四五六七八九十]+条",
    "session": r"[一二三四五六七八九十]+届全国人大",
    "plenum": r"[一二三四五六七八九十]+届[一二三四五六七八九十]中全会",
    "months_before": r"前[0-9一二三四五六七八九十]+个月",
    "years_since": r"[0-9一二三四五六七八九十两]+年来",
    "these_days": r"这[两几三]天",
    "years_ago": r"[0-9一二三四五六七八九十]+年前",
    "clock": r"[0-9]{1,2}点钟?[0-9]{1,2}分",
    "anniversary": r"[0-9一二三四五六七八九十]+周年",
    "five_year_plan": r"五年规划",
    "eight_rules": r"八项规定",
}
#: classes that are indicators: a quantity must cover the match (the key: what it must carry)
QUANTITIES = {
    "lanes": (r"[0-9]+条胡同", None),
    "share": (r"近?[一二三四五六七八九]成(?:以上)?(?=[，。、的])", None),
    "fraction": (r"[二三四五六七八九十]分之[一二三四五六七八九]", None),
    "half": (r"一半以上", None),
    "zero": (r"零(?=感染|事故|投诉|伤亡)", None),
    "multiplier_only": (r"(?<=[达超近约])[0-9]+万(?=[，。、])", None),
    "rate": (
        r"每(?:个|名|位)?[\u4e00-\u9fff]{1,3}?(?:都|均|就)?(?:配备|有|设立|建立|选派)了?"
        r"[0-9一二两三四五六七八九十]+(?:名|个|支|位)",
        "per",
    ),
    "pair": (
        r"从[0-9]+[个项件张家人]?(?:减少|压减|精简|压缩|增加|提高|增长)[到至][0-9]+[个项件张家人]",
        "pair",
    ),
}


@pytest.fixture(scope="module")
def sentences():
    pats = {k: re.compile(p) for k, p in NOT_QUANTITIES.items()}
    pats |= {k: re.compile(p) for k, (p, _) in QUANTITIES.items()}
    found: dict[str, list[str]] = {k: [] for k in pats}
    for corpus in ("xwlb", "governance"):
        with gzip.open(shared_file("corpora", f"{corpus}.jsonl.gz"), "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for k, p in pats.items():
                    if len(found[k]) < N and p.search(text):
                        for s in re.split(r"(?<=[。！？\n])", text):
                            if len(found[k]) < N and len(s) < 300 and p.search(s):
                                found[k].append(s)
                if all(len(v) >= N for v in found.values()):
                    return found
    return found


@pytest.mark.parametrize("cls", sorted(NOT_QUANTITIES))
def test_not_quantities_on_real_sentences(sentences, cls):
    pat = re.compile(NOT_QUANTITIES[cls])
    assert len(sentences[cls]) >= 3, f"only {len(sentences[cls])} real sentences of {cls}"
    wrong = []
    for s in sentences[cls]:
        qs = list(extract_from_text(s))
        for m in pat.finditer(s):
            if any(q.start < m.end() and q.end > m.start() for q in qs):
                wrong.append((m.group(), s[:60]))
    print(f"{cls}: {len(sentences[cls])} sentences, {len(wrong)} wrong")
    assert not wrong


@pytest.mark.parametrize("cls", sorted(QUANTITIES))
def test_quantities_on_real_sentences(sentences, cls):
    pattern, what = QUANTITIES[cls]
    pat = re.compile(pattern)
    assert len(sentences[cls]) >= 3, f"only {len(sentences[cls])} real sentences of {cls}"
    wrong = []
    for s in sentences[cls]:
        qs = list(extract_from_text(s))
        for m in pat.finditer(s):
            if what == "pair":
                roles = [q.pair_role for q in qs if m.start() <= q.start < m.end()]
                ok = roles == ["before", "after"]
            else:
                at = m.start() + (m.group()[:1] in "近每")  # where the numeral (or 每) starts
                if what == "per":  # the figure inside the rule carries the unit it applies to
                    hit = [q for q in qs if m.start() <= q.start < m.end() and q.per]
                else:
                    hit = [q for q in qs if q.start <= at < q.end]
                ok = bool(hit)
            if not ok:
                wrong.append((m.group(), [(q.surface, q.per, q.pair_role) for q in qs][:4]))
    print(f"{cls}: {len(sentences[cls])} sentences, {len(wrong)} wrong")
    assert not wrong
