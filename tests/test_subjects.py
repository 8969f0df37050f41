"""Indicator subjects (``govstats.subjects``, ``govstats.noun_chunks``): the head noun phrase of
what a figure counts, never a function word, a verb fragment, an adverb or a time word.

Written cases name one rule each (the class it belongs to is in the rule's docstring); the
corpus tests run each class on the first real sentences of ``../shared/corpora`` that hold a
member of it (documents of the gold selections skipped), so a rule that only fits the sentence
it was written on fails there.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import shared_file

from govstats.indicators import extract_from_text
from govstats.noun_chunks import _cut_at_verb, _is_place, _no_figure, _object_of, _possessor

GOLD = Path(__file__).parent / "data" / "gold" / "real"


def subjects(text: str) -> dict[str, str | None]:
    return {q.surface: q.subject for q in extract_from_text(text)}


# --------------------------------------------------------------------------- written cases


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # issue 11's own sentences
        ("基层填报表格从5320张压减至196张", "5320张", "基层填报表格"),
        ("基层填报表格从5320张压减至196张", "196张", "基层填报表格"),
        ("村级挂牌从47块精简到6块", "6块", "村级挂牌"),
        ("每个社区组建不少于8人的志愿服务队", "不少于8人", "志愿服务队"),
        ("以10分钟为步行半径", "10分钟", "步行半径"),
        ("推选316名热心肠、威望高的老党员", "316名", "老党员"),
        ("一场为社区200多位80岁以上老人举办的集体寿宴", "200多位", "老人"),
        ("20分钟赶到现场", "20分钟", "赶到现场用时"),
        ("绿色低碳产业产值规模已经超过11万亿元", "超过11万亿元", "绿色低碳产业产值规模"),
        ("16位国际知名卫生法学家日前", "16位", "国际知名卫生法学家"),
        ("竹排漂流的16.5公里最能领略福建泰宁上清溪景区", "16.5公里", "竹排漂流"),
        ("建立34个社区党组织", "34个", "社区党组织"),
        ("满意率达96%", "96%", "满意率"),
        # the predicate after a classifier's noun starts at an adverb or a preposition
        ("这里的1400余名医务人员始终奋战在第一线", "1400余名", "医务人员"),
        ("198项精品赛事叫好又叫座", "198项", "精品赛事"),
        ("近120位委员通过移动履职平台发表意见", "近120位", "委员"),
        # ... but a verb clause before 的 after a thing classifier modifies the head after 的
        ("及时发现了两起空巢老人突发疾病的案例", "两起", "案例"),
        # a clause-initial verb before a counted object is no part of it
        ("学习教育开展以来，达州共查摆民生相关问题1127个", "1127个", "民生相关问题"),
        ("着力推动教育改革发展，新增普惠托位8897个", "8897个", "普惠托位"),
        ("立改废政府规章18项", "18项", "政府规章"),
        ("汇集了各类文创企业3000多家。", "3000多家", "文创企业"),
        # ... not before a measure when a bounding verb already cut it (收回预留用房4500平方米)
        ("今年以来,收回预留用房4500平方米,通过调整置换", "4500平方米", "预留用房"),
        # 分别: the k-th figure, the change verb, a numeral item, the per phrase dropped
        ("全市生产安全死亡事故起数和死亡人数分别下降3.6%和1.3%", "1.3%", "死亡人数"),
        ("一产、二产、三产增加值分别增长6%、5.2%、5.2%", "6%", "一产增加值"),
        ("今年小麦、稻谷最低收购价平均每斤分别提高0.11元和0.13元", "0.13元", "稻谷最低收购价"),
        (
            "内河和沿海运输企业的货物周转量分别增长21.4%和29.2%",
            "29.2%",
            "货物周转量",  # v2, rule 1: copied as written (the head after 的)
        ),
        ("农村卫生厕所普及率、生活污水治理率分别提高到88%、83.6%", "83.6%", "生活污水治理率"),
        ("运输货物品类增至1342种", "1342种", "运输货物品类"),
        # a change with nothing before it is the change of the figure before it
        ("举办大型活动2295场、增长25.8%", "25.8%", "大型活动"),
        ("全年实现地区生产总值5696亿元，增长5.3%，超过全国平均水平。", "5.3%", "地区生产总值"),
        # the topic of the sentence when the clause names only a place
        ("像这样的党员中心户，在内蒙古已有9400多户。", "9400多户", "党员中心户"),
        # a range after 在 belongs to the noun before 在; income nouns take their owner
        ("对有主导产业、集体经济年收益在5万—50万元的村", "5万—50万元", "集体经济年收益"),
        ("去年社区集体就有68万元收入。", "68万元", "社区集体收入"),
        ("为村集体每年带来16.3万元的收益。", "16.3万元", "村集体收益"),
        # a figure before the figure counts the same noun; no figure inside a subject
        ("东湖新城社区共有居民3325户12765人。", "12765人", "居民"),
        ("我国的城镇化率由53.1%上升到64.7%。", "64.7%", "城镇化率"),
        ("423个重大项目总投资7483.7亿元", "7483.7亿元", "重大项目总投资"),
        ("12345热线满意率达96%", "96%", "12345热线满意率"),  # a number that names stays
        # shares before 的, durations and ages
        ("近年来，我国90%的植被类型得到保护", "90%", "植被类型"),
        ("青海省近80%的村庄都像陶北村一样", "近80%", "村庄"),
        ("满意率达95%的社区", "95%", "满意率"),
        ("经过20天的精心治疗，如今能吃能动", "20天", "精心治疗时长"),
        ("有着30余年党龄的安保人员", "30余年", "党龄"),
        ("在93岁的老党员刘纯义的带领下", "93岁", "刘纯义年龄"),
        ("25岁的陈鹏鹏，连续两年的党员积分名列前茅，在他看来", "两年", "党员积分名列前茅时长"),
        ("2月21日以来已经连续19天无新增确诊病例。", "19天", "无新增确诊病例时长"),
        ("武汉关闭离汉通道迄今40多天，社区封控持续多日", "40多天", "关闭离汉通道时长"),
        ("仅用两年的时间完成改造", "两年", "时间"),
        ("在感染病房，70岁的谢冬治老人正在接受治疗", "70岁", "谢冬治老人年龄"),
        # coordination, nested measures, nouns holding a bounding character
        ("社区通将全区557个居委会和行政村全部联通", "557个", "居委会和行政村"),
        ("有3栋14层高楼的红林雅居顺利竣工", "3栋", "高楼"),
        ("调整配强5000多名贫困村党组织书记", "5000多名", "贫困村党组织书记"),
        ("组织800多辆公交车每日配送", "800多辆", "公交车"),
        ("16个区均被评为全国双拥模范城", "16个", "区"),
        # a place written as name + 社区 is dropped; a bounding character inside a noun is no bound
        ("武汉市江岸区桃源社区常住居民3302人。", "3302人", "常住居民"),
        ("目前，在院病人1014人，全院医护人员保持零感染。", "1014人", "在院病人"),
        ("新标准提高到人均1196元，扶贫对象覆盖4007万人", "4007万人", "扶贫对象"),
        # zero of an event, shares followed by their noun, money of an action on goods
        ("全院医护人员保持零感染。", "零", "医护人员感染"),
        ("70%村卫生室实现与乡镇卫生院一体化管理", "70%", "村卫生室"),
        ("他们在天井里搭了一间10平方米的卧室。", "10平方米", "卧室面积"),
        ("使用面积达500平方米的活动中心", "500平方米", "使用面积"),
        (
            "当即从深圳采购20多万元的口罩、防护服等防疫物资，并以个人名义捐赠",
            "20多万元",
            "防疫物资",
        ),
        ("来看病的患者每天上百人，虽然较平时增加了三倍", "三倍", "患者"),
        # a conjunction left at the start by a bounding word
        ("修改废止和宣布失效政府规章10部", "10部", "宣布失效政府规章"),
    ],
)
def test_subject(text, surface, subject):
    got = subjects(text)
    assert surface in got, got
    assert got[surface] == subject


@pytest.mark.parametrize(
    "text",
    ["新标准提高到人均1196元，扶贫对象覆盖4007万人", "这位今年就有9人"],
)
def test_never_a_per_unit_or_function_word(text):
    for subj in subjects(text).values():
        assert subj not in ("人", "人均", "就", "今年", "这位")


def test_chunk_helpers():
    assert _cut_at_verb("医务人员始终奋战") == "医务人员"
    assert _cut_at_verb("居民诉求") == "居民诉求"  # a final verb is an action noun
    assert _cut_at_verb("新就业群体休憩区") == "新就业群体休憩区"  # a verb-noun compound
    assert _object_of("查摆民生相关问题") == "民生相关问题"
    assert _object_of("满意工单") == "满意工单"  # a short noun after a verb is a compound's head
    assert _possessor("沿海运输企业的货物周转量") == "沿海运输企业货物周转量"
    assert _possessor("交通部直属的内河") == "交通部直属内河"
    assert _is_place("内蒙古") and _is_place("桃源社区") and not _is_place("贫困村")
    assert _no_figure("城镇化率由53.1%上升") == "城镇化率"
    assert _no_figure("来自14个国家") == "国家"
    assert _no_figure("12345工单") == "12345工单"


# --------------------------------------------------------------------------- real sentences

N = 12
#: class -> (pattern that finds a member in running text, check on (sentence, match, quantities))
_SENT = re.compile(r"[^。！？\n]+[。！？]?")


def _selected_ids() -> set[str]:
    ids = set()
    for path in GOLD.glob("selection*.jsonl"):  # every round, held-out ones included
        ids |= {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}
    return ids


CLASSES = {
    # A、B分别<change>X、Y: every figure after 分别 names its own item (v2: without the change)
    "distributive_change": r"[\u4e00-\u9fff]{2,10}[、和][\u4e00-\u9fff]{2,10}分别(?:增长|下降|提高)"
    r"[0-9.]+%[、和][0-9.]+%",
    # N%的X: the share's subject is the noun after 的
    "share_of": r"(?<![0-9.])[0-9]{1,2}%的[\u4e00-\u9fff]{2,6}",
    # N<classifier>X<adverb>: the subject ends before the adverb
    "noun_then_adverb": r"[0-9]+(?:名|位|个|家)[\u4e00-\u9fff]{2,6}(?:始终|均|都|已经|正在)",
    # a change right after a figure of the same clause part: the subject names the figure's noun
    "bare_change": r"[0-9]+(?:万|亿)?(?:场|个|项|家|人次|元|亿元|万元)[，、](?:同比)?增长[0-9.]+%",
}


@pytest.fixture(scope="module")
def class_sentences():
    skip = _selected_ids()
    pats = {k: re.compile(p) for k, p in CLASSES.items()}
    found: dict[str, list[tuple[str, re.Match[str]]]] = {k: [] for k in pats}
    with gzip.open(shared_file("corpora", "governance.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in skip:
                continue
            for sent in _SENT.findall(rec["text"]):
                for k, pat in pats.items():
                    if len(found[k]) < N and (m := pat.search(sent)):
                        found[k].append((sent, m))
            if all(len(v) >= N for v in found.values()):
                break
    return found


def _in(sent: str, m: re.Match[str]):
    return [q for q in extract_from_text(sent) if q.start < m.end() and m.start() < q.end]


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_class_on_real_sentences(class_sentences, name):
    cases = class_sentences[name]
    assert len(cases) >= 4, f"{name}: only {len(cases)} real sentences found"
    bad = []
    for sent, m in cases:
        qs = _in(sent, m)
        subj = [q.subject for q in qs]
        if name == "distributive_change":
            verb = re.search(r"分别(增长|下降|提高)", m.group()).group(1)
            pct = [q for q in qs if q.unit == "%"]
            ok = len(pct) >= 2 and all(q.subject and not q.subject.endswith(verb) for q in pct)
            ok = ok and len({q.subject for q in pct}) == len(pct)
        elif name == "share_of":
            noun = m.group().split("的", 1)[1]
            ok = bool(subj) and bool(subj[0]) and noun.startswith(subj[0][:2])
        elif name == "noun_then_adverb":
            ok = bool(subj) and bool(subj[0]) and not re.search(r"始终|均|都|已经|正在$", subj[0])
        else:  # bare_change
            last = [q for q in qs if q.unit == "%"]
            ok = bool(last) and bool(last[-1].subject) and len(last[-1].subject) > 2
        if not ok:
            bad.append((m.group(), subj))
    print(name, len(cases), "sentences;", len(bad), "wrong:", bad)
    assert len(bad) <= len(cases) // 4, bad


def test_subjects_are_clean_on_random_documents():
    """On the first 40 documents outside the gold selections, no subject starts with a
    conjunction or particle, ends with a particle, is only a time word, or holds a figure
    (other than a number that names, such as 12345热线)."""
    skip = _selected_ids()
    bad_start = re.compile(r"^(?:的|了|着|和|与|及|或)")
    bad_end = re.compile(r"(?:的|了|着|和|与|及)$")
    time_only = re.compile(r"^(?:今年|去年|目前|当前|现在|如今|近日|日前|此前)$")
    n = 0
    bad = []
    with gzip.open(shared_file("corpora", "governance.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in skip or rec["corpus"] == "state-council-reports":
                continue
            for para in rec["text"].split("\n"):
                for q in extract_from_text(para):
                    s = q.subject
                    if s and (
                        bad_start.search(s)
                        or bad_end.search(s)
                        or time_only.match(s)
                        or (re.search(r"[0-9]", s) and not re.match(r"[0-9]{4,}", s))
                    ):
                        bad.append((s, para[max(0, q.start - 12) : q.end]))
                    n += 1
            if n > 1500:
                break
    print(n, "figures,", len(bad), "unclean subjects:", bad[:20])
    assert n > 1000
    assert len(bad) <= n // 100, bad[:20]
