"""The noun phrase next to a figure, for ``subjects``: the classifier's noun after it
(``_subject_after``: 34个社区党组织 -> 社区党组织), the phrase before it (``_subject_before``:
召开联席会议350余次 -> 联席会议), the helpers that cut an agent, a verb or a predicate off them,
and people named only by what was done to them (``_people_done``). The rules are described
in ``subjects``' docstring (rules 5 and 6, *Read on random non-gold paragraphs*)."""

from __future__ import annotations

import re

from . import subject_forms as _forms
from .indicator_rules import (
    _PUNCT_AFTER,
    _after_punct,
    _Compiled,
    _last_stop,
    _stop_at,
    _strip_quotes,
)
from .noun_chunks import (
    _ADVERB_WORDS,
    _ANY_DIGIT,
    _ONE_CHAR_VERBS,
    _PERSON_END,
    _cut_at_verb,
    _inside_nouns,
    _is_place,
    _object_of,
    _predicates,
    _tag,
    _tail_words,
    _tidy,
)


def _subject_after(text: str, e: int, hi: int, c: _Compiled) -> str | None:
    """The noun right after a classifier: 34个社区党组织 -> 社区党组织."""
    out = []
    i = e
    limit = min(hi, e + 30)
    depth = 0
    opened = 0
    head_at = -1  # where the head noun starts after a quoted slogan used as a modifier
    while i < limit:
        ch = text[i]
        if ch in "“‘《「":
            if depth == 0:
                opened = len(out)
            depth += 1
        elif ch in "”’》」":
            depth = max(0, depth - 1)
            if depth == 0 and _SLOGAN.search("".join(out[opened + 1 :])):
                head_at = len(out) + 1
        elif depth == 0:
            if not out and (mm := _NESTED_AGE.match(text, i, limit)):
                i = mm.end()  # 200多位80岁以上老人: the age is the head noun's modifier
                continue
            if _PUNCT_AFTER.match(ch) or "0" <= ch <= "9":
                break
            if (mm := _stop_at(c.stop_after, c, text, i)) and (
                len(mm.group()) > 1 or i - e not in _inside_nouns(text[e:limit], start=True)
            ):
                if out and text[i] in "和与及" and (mm := _COORDINATED.match(text, i + 1, limit)):
                    # 近20万党员和牧户, 557个居委会和行政村: two nouns counted together
                    out.extend(text[i : mm.end()])
                    i = mm.end()
                    break  # the second noun ends the subject (557个居委会和行政村全部联通)
                break
        out.append(ch)
        i += 1
    if 0 <= head_at <= len(out) - 2:
        # 1名副科级“社区赋能、书记赋权”服务专员 -> 服务专员: a quoted slogan (a list, or a
        # long phrase) before a head noun is a modifier; the head names what is counted
        out = out[head_at:]
    if i < hi and text[i] == "、" and out:
        # 316名热心肠、威望高的老党员: a list of modifiers joined by 的 to the head noun
        seg = _CLAUSE_PART.match(text, i, min(hi, i + 30)).group()
        if "的" in seg and not _ANY_NUMERAL.search(seg):
            head = _cut_at_verb(_strip_quotes(seg.rsplit("的", 1)[-1]))
            if head and len(head) >= 2:
                return head[:20]
    s = _strip_quotes("".join(out))
    if text[i : i + 1] == "的" and s:
        # 200多位老人举办的集体寿宴: a verb before 的 opens a relative clause; the noun is the head
        tt = _tag(s)
        person = text[e - 1 : e] in _PERSON_CLASSIFIERS
        mm = _HAN_RUN.match(text, i + 1, min(hi, i + 9))
        head = _tag(mm.group())[0] if mm else ("", "")
        noun_head = head[1][:1] == "n" and len(head[0]) >= 2
        if (
            person
            and len(tt) >= 2
            and tt[-1][1] == "v"
            and len(tt[-1][0]) >= 2
            and tt[-2][1][:1] == "n"
        ):
            s = s[: -len(tt[-1][0])]
        elif (
            noun_head
            and not any(f in ("d", "ad") for _, f in tt[1:])
            and (
                (not person and any(f == "v" for _, f in tt[1:]))  # 两起空巢老人突发疾病的案例
                or (person and tt[0][1] == "v")  # 3304户需要重建的农房: the clause has no agent
            )
        ):
            # a clause with a verb before 的 modifies the noun after it, which is what the
            # classifier counts: the whole noun (需要照顾的空巢老人, not 空巢)
            return f"{_tidy(s, verbs=True) or s}的{_whole_head(text, i + 1, hi, head[0])}"
        elif (
            person
            and noun_head
            and _PERSON_END.search(head[0])
            and len(s) <= 6
            and all(f[:1] in ("n", "j", "a", "b") for _, f in tt)
        ):
            # 7名先心病的孩子, 56名“红色驿站”的党员: a person's noun
            return f"{s}的{_whole_head(text, i + 1, hi, head[0])}"
    toks = _tag(s[:6]) if s else []
    if toks and (toks[0][1][:1] in ("d", "p", "c") or toks[0][0] in _ADVERB_WORDS):
        return None  # 16.5公里最能领略…: a predicate, not a noun, follows the classifier
    person = text[e - 1 : e] in _PERSON_CLASSIFIERS
    return _tidy(_cut_at_verb(s[:20], person=person), verbs=True)


def _whole_head(text: str, at: int, hi: int, first: str) -> str:
    """The noun after 的 at ``at``, all of it (空巢老人, 跨国医药厂商, 驻村扶贫工作队员): the
    tagger's first word ``first`` and the nouns right after it, up to the first word of its
    predicate (务工人员乘坐包机 -> 务工人员, 难民发生冲突 -> 难民)."""
    mm = _HAN_RUN.match(text, at, min(hi, at + 12))
    toks = _tag(mm.group()) if mm else ()
    if not toks or toks[0][0] != first:
        return first
    preds = _predicates()
    out = [first]
    for w, f in toks[1:]:
        if not (f[:1] in ("n", "j") or f in ("vn", "an")) or w in preds or len(w) >= 4:
            break  # a four-character word here is a predicate the tagger glued (发生冲突)
        out.append(w)
    while len(out) > 1 and _tag(out[-1])[-1][1] == "vn":
        out.pop()  # 难民 of 难民发生冲突: an action noun ends no head
    return "".join(out)


_PERSON_CLASSIFIERS = frozenset("名位人户")
#: a second noun of two or three characters coordinated with the first, up to the clause end
_COORDINATED = re.compile(
    r"[\u4e00-\u9fff]{2,3}?(?=[,，。；;、:：!?！？\n]|$|全部|全都|都|均|已经|分别|共同)"
)
_NESTED_AGE = re.compile(
    r"[0-9一二两三四五六七八九十]+(?:(?:周岁|岁)(?:以上|以下|及以上)?的?|层(?=[高楼]))"
)
_ANY_NUMERAL = re.compile(r"[0-9０-９一二两三四五六七八九十百千万]")
_CLAUSE_PART = re.compile(r"[^,，。；;:：!?！？\n]*")


#: a quoted phrase that works as a slogan or programme name: a list (、 + ，) or long
_SLOGAN = re.compile(r"[、+＋,，]|^.{7,}$")


_COMPARED_WITH = re.compile(
    r"(?:要|会|将|已)?(?:比|较)(?:以前|以往|过去|原来|原先|之前|去年|上年|往年|同期|上月|平时|平常|往常)(?:要|还)?"
    # any other base of a comparison, up to the change it states: 较上一冰雪季增长, 较常年同期偏少
    r"|(?:要|会|将|已)?(?<![占对相])(?:比|较)(?![例重率较大高快好多少低强为])[^，,。；;“”]{1,14}?(?:要|还|更)?"
    r"(?=(?:增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小|上涨|下跌|偏少|偏多|高出|低出)[^\u4e00-\u9fff]*$)"
    # a base after 高于/低于 at the end: 收入增速高于贫困地区增速 -> 收入增速
    r"|(?:高于|低于|快于|慢于|多于|少于)[^，,。；;]{1,14}$"
)
_RATE_LINK = re.compile(r"(?:均达到|均达|达到|高达|已达|达|均为|为|约为|了|均)+$")
_ORG_SUFFIX = re.compile(r".*(?:公司|局|部|委|办|中心|协会|学校|医院|法院)")
_PEOPLE_NOUN = re.compile(r"(?:群众|居民|老年人|老人|党员|村民|儿童|青少年|职工|学生|青年|家庭)$")
_GENERIC_HEADS = (
    "人数",
    "数量",
    "次数",
    "面积",
    "总数",
    "规模",
    "金额",
    "费用",
    "时间",
    "户数",
    "比例",
)


# bounding words a generic head (人数, 面积) does not take with it: 参与人数 keeps 参与, 的人数 no 的
_GLUE_WORDS = frozenset(["的", "等", "在", "对", "向", "从", "由", "把", "将"])
_FUNCTION_WORDS = _GLUE_WORDS | {"让", "使", "其中", "累计", "预计", "价值"}


def _subject_before(
    text: str, s: int, lo: int, c: _Compiled, *, rate: bool = False, people: bool = False
) -> tuple[str | None, str]:
    """The noun phrase right before the numeral (召开联席会议350余次 -> 联席会议).

    Returns the subject (or None) and the bounding word that ended the search ('' if none).
    """
    lo = max(lo, s - 40)
    a = _after_punct(text, s, lo)
    w = text[a:s]
    if not rate:
        # 共有居民3325户12765人: the figure before this one counts the same noun
        w = _TRAILING_FIGURE.sub("", w)
    m = c.links.search(w) if not rate else None  # 达, 共, 同比增加 … between subject and numeral
    if m:
        w = w[: m.start()]
    if rate:  # named rates and changes: 满意率达 -> 满意率, 效率提升 -> 效率提升; cut only at 的
        w = _COMPARED_WITH.sub("", w)  # 时间要比以前节省 -> 时间节省: the baseline is no name
        w = _RATE_LINK.sub("", w)
        w = w.rsplit("的", 1)[-1]
        w = _strip_quotes(w)
        return _tail_words(_tidy(w, verbs=True), 12), ""
    last = _last_stop(w, c)  # the right-most bounding word
    if last is None:
        w = _after_agent(w)  # 边检机关共检查出入境人员 -> 检查出入境人员
    while (
        last is not None and len(last.group()) == 1 and last.start() in _inside_nouns(w, start=True)
    ):
        last = _last_stop(w[: last.start()], c)  # 在院病人: a bounding character inside a noun
    bound = ""
    if last is not None:
        bound = last.group()
        rest = _strip_quotes(w[last.end() :])
        if rest in _GENERIC_HEADS and bound not in _GLUE_WORDS:
            rest = bound + rest  # 参与人数, 服务面积
        if (
            rest
            and (len(rest) <= 2 or rest in _GENERIC_HEADS or rest.startswith(bound))
            and bound not in _FUNCTION_WORDS
            and not _PEOPLE_NOUN.search(rest)
            and (toks := _tag(w[: last.end()]))
            and toks[-1] == (bound, "vn")
        ):
            # 完成建设任务 -> 建设任务, 拆除违法建设面积 -> 违法建设面积: a bounding verb the tagger
            # reads as a noun (vn) modifies the noun after it, with the nouns before it
            k = len(toks) - 1
            while k > 0 and toks[k - 1][1] in ("vn", "n") and len(toks[k - 1][0]) >= 2:
                k -= 1
            rest = "".join(x for x, _ in toks[k:-1]) + (
                rest if rest.startswith(bound) else bound + rest
            )
        if not rest and bound not in _FUNCTION_WORDS and not people:
            # 举办…技能培训100余场 where the last bound is itself a noun-like verb: go back one
            mm = _last_stop(w[: last.start()], c)
            # 中央财政拟安排“三农”投入7161亿元: with no bound before it, the whole phrase
            rest = _strip_quotes(w[mm.end() :] if mm is not None else w)
        if not rest and bound == "等":  # 负责人等共50余人: the item before 等
            head = w[: last.start()]
            mm = _last_stop(head, c)
            rest = _strip_quotes(head[mm.end() :] if mm else head)
        if bound == "的" and rest:
            # 来看病的患者, 需要血液透析的居民: a short relative clause before 的 is part of the
            # noun phrase (the clause back to the previous bounding word or clause start)
            head = w[: last.start()]
            mm = _last_stop(head, c)
            rel = _tidy(_strip_quotes(head[mm.end() :] if mm else head), verbs=True)
            if rel:  # 这个社区仅需要血液透析的居民: the clause starts after its last adverb
                tt = _tag(rel)
                cut = max((i for i, (_, f) in enumerate(tt) if f == "d"), default=-1)
                rel = "".join(w for w, _ in tt[cut + 1 :])
            if (
                rel
                and len(rel) + 1 + len(rest) <= 14
                and not _ANY_DIGIT.search(rel)
                and any(f == "v" for _, f in _tag(rel))  # a clause, not a possessor
            ):
                rest = f"{rel}的{rest}"
        w = rest
    w = _strip_quotes(w)
    if last is None and len(w) > 8:  # 山东恒云信息技术有限公司相关负责人 -> 相关负责人
        mm = _ORG_SUFFIX.match(w)
        if mm and len(w) - mm.end() >= 2:
            w = w[mm.end() :]
    return _tail_words(_tidy(w), 14), bound


#: adverbs between an agent and its verb phrase (the agent is no part of what is counted)
_AGENT_ADVERBS = frozenset(["共", "共计", "总共", "累计", "先后", "已经", "已", "均", "都", "还"])


def _after_agent(w: str) -> str:
    """``w`` after an agent and the adverb that ends it, when a verb follows the adverb:
    边检机关共检查出入境人员 -> 检查出入境人员 (共青团 is one word: no adverb there); before the
    adverb when only a verb follows it (滞留游客已经转运 -> 滞留游客: the topic is what is counted)."""
    toks = _tag(w)
    at = 0
    for i, (x, f) in enumerate(toks[1:-1], 1):
        if x in _AGENT_ADVERBS and f[:1] in ("d", "v", "m") and toks[i + 1][1][:1] in ("v", "n"):
            at = i + 1
    if not at:
        return w
    if at == len(toks) - 1 and toks[at][1] == "v":
        # 滞留游客已经转运9553人: a bare verb after the adverb; the topic before it is counted
        return "".join(x for x, _ in toks[: at - 1])
    return "".join(x for x, _ in toks[at:])


_TRAILING_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff])[0-9０-９][0-9０-９.．]*[余多]?[户人名个位家]$")


_ASPECT_LE = re.compile(r"^([\u4e00-\u9fff]{2})了")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_HAN_2_10 = re.compile(r"[\u4e00-\u9fff]{2,10}")


def _starts_verb_phrase(text: str, i: int, c: _Compiled) -> bool:
    """True when an action verb (a ``before`` word such as 开展, 组织, 参加) starts at ``i``."""
    mm = _stop_at(c.stop_before, c, text, i)
    if mm is None or mm.group() in _FUNCTION_WORDS or len(mm.group()) < 2:
        return False
    # 30人增加到50多人: a change to another figure, not an activity
    return not mm.group().endswith("到") and not c.links.match(mm.group())


def _verb_phrase(tail: str) -> str:
    """The verb phrase of a clause tail, without aspect 了 and quotes (at most 20 chars)."""
    vp = _strip_quotes(tail)
    vp = _ASPECT_LE.sub(r"\1", vp)
    if vp.startswith("时间") and len(vp) > 3:
        vp = vp[2:]  # 用了两个月时间走访村民 -> 走访村民
    return vp[:20]


def _running_cue(text: str, cs: int, q_start: int) -> bool:
    """True when a cue before the duration names what it is (为期, 经过, 历经, 用了 …)."""
    return bool(_SPAN_CUE.search(text, max(cs, q_start - 3), q_start))


_SPAN_CUE = re.compile(r"(?:为期|经过|历经|用了|历时|耗时|长达)$")


def _starts_with_verb(tail: str) -> bool:
    """True when ``tail`` starts with a verb (not an action noun, not a quote)."""
    toks = _tag(tail[:12]) if tail else []
    return (
        bool(toks)
        and toks[0][1] == "v"
        and toks[0][0] not in _ONE_CHAR_VERBS
        and toks[0][0] not in ("无", "没有", "未", "不")  # 19天无新增确诊病例: a count of days
    )


def _is_verb(s: str) -> bool:
    """True when ``s`` is one verb (采购, 投入)."""
    toks = _tag(s)
    return len(toks) == 1 and toks[0][1] == "v"


def _topic(text: str, cs: int) -> str | None:
    """The topic of the sentence when the clause before the figure's is a bare noun phrase
    (像这样的党员中心户，在内蒙古已有9400多户 -> 党员中心户): its head after 的, without figures."""
    if cs < 2 or text[cs - 1] not in "，,":
        return None
    lo = cs - 1
    while lo > max(0, cs - 24) and not _CLAUSE_OR_SENTENCE.match(text[lo - 1]):
        lo -= 1
    part = _strip_quotes(text[lo : cs - 1]).rsplit("的", 1)[-1]
    if not part or _ANY_NUMERAL.search(part) or not 2 <= len(part) <= 10:
        return None
    toks = _tag(part)
    if any(f[:1] in ("v", "d", "p", "r", "u", "f", "c") for _, f in toks):
        return None
    return part


_CLAUSE_OR_SENTENCE = re.compile(r"[,，。！？!?；;:：\n]")


_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９.．零〇一二两三四五六七八九十百千万亿")


def _previous_figure_subject(text: str, q_start: int, c: _Compiled) -> str | None:
    """The subject of the last figure of the clause part before the one holding ``q_start``
    (the part ends at 、 or ，), found as a subject before its numeral."""
    a = _after_punct(text, q_start, max(0, q_start - 12))
    if a == 0 or text[a - 1] not in "、，,":
        return None
    end = a - 1
    lo = _after_punct(text, end, max(0, end - 40))
    figs = list(_forms._FIGURE.finditer(text, lo, end))
    if not figs:
        return None
    at = figs[-1].start()
    while at > lo and text[at - 1] in _NUMERAL_CHARS:
        at -= 1  # 5696亿: the whole numeral
    subj, bound = _subject_before(text, at, lo, c)
    if subj and not bound:
        subj = _object_of(subj)
    return subj if subj and len(subj) >= 2 else None


_LEADING_PLACE = re.compile(
    r"[\u4e00-\u9fff]{2,6}?(?:社区|街道|村|镇|乡|县|区|市|省)(?=[\u4e00-\u9fff]{2})"
)
_PASSIVE = re.compile(r"被[\u4e00-\u9fff]{1,2}(?=[,，。；;、！!]|$)")


def _people_done(
    text: str, q_start: int, q_end: int, ce: int, cs: int, bound: str, c: _Compiled
) -> str | None:
    """A count of people named by what was done to them, when no noun names them: 惠及82万多人 ->
    惠及人数, 已完成检测采样643万人 -> 检测采样人数 (the verb phrase back to the bound before the
    verb), 近400人被困 -> 被困人数."""
    if mm := _PASSIVE.match(text, q_end, ce):
        return mm.group() + "人数"
    if not bound or bound in _FUNCTION_WORDS or bound in _GLUE_WORDS:
        return None
    vp, _ = _subject_before(text, q_start, cs, c)
    if not vp and text[max(cs, q_start - len(bound)) : q_start] == bound and len(bound) >= 2:
        vp = bound  # 惠及82万多人: the verb alone
    if vp and (mm := _LEADING_PLACE.match(vp)):
        vp = vp[mm.end() :]  # 中巨社区共采样4140人 -> 采样人数: the place is no part of it
    if vp and _HAN_2_10.fullmatch(vp) and (vp == bound or not _is_place(vp)):
        return vp + "人数"  # (the tagger reads 惠及 as a place name)
    return None


_CLAUSE_PART_24 = re.compile(r"[^,，。；;:：!?！？\n“”《》]{3,24}")
_NOUN_START = ("n", "nr", "ns", "nt", "nz", "j", "t", "m", "q")


def _relative_head(text: str, q_end: int, ce: int, c: _Compiled) -> str | None:
    """A classifier followed by a relative clause and 的: the noun after 的 is what is counted
    (convention v2, rule 2: no 的-phrase in front). Read on random non-gold figures:
    解决了120多件久拖不决的难题 -> 难题, 10条要集中解决的问题 -> 问题, 7个防治严重危及生命疾病的
    境外新药 -> 境外新药, 十名获得特等奖的观众 -> 观众. Only a clause that opens with a verb, an
    idiom, an adverb or a preposition (no agent noun: 63位居民代表对新的物业公司 counts the
    representatives, 36个重点城市的市场环境 the cities)."""
    mm = _CLAUSE_PART_24.match(text, q_end, ce)
    if mm is None or "的" not in mm.group():
        return None
    before = mm.group().split("的", 1)[0]
    if not 2 <= len(before) <= 16 or _ANY_NUMERAL.search(before):
        return None
    toks = _tag(before)
    if not toks or toks[0][1] in _NOUN_START or toks[0][1][:1] in ("n", "u", "c"):
        return None
    if not any(f[:1] in ("v", "i", "l") for _, f in toks):
        return None  # 五个大的方面: an adjective, not a clause
    at = q_end + len(before) + 1
    head = _subject_after(text, at, ce, c)
    if not head or len(head) < 2 or not _HAN_RUN.fullmatch(head):
        return None
    ht = _tag(head)
    for i in range(1, len(ht)):  # 22名不适应岗位要求的干部作出调整: the predicate goes
        if ht[i][1] == "v" and len(ht[i][0]) >= 2 and ht[i - 1][1][:1] in ("n", "j"):
            ht = ht[:i]
            break
    if ht[-1][1][:1] not in ("n", "j") and ht[-1][1] != "vn":
        return None
    head = "".join(w for w, _ in ht)
    return head if len(head) >= 2 else None
