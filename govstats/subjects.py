"""The subject of an indicator: the head noun phrase of what a figure counts or measures, never
a function word, a verb fragment, an adverb or a time word.

Entry point: ``_subject(text, c, h, q_start, q_end, unit)`` (called by ``indicators``); the
forms that name a subject by themselves (a list before 分别, a change to the figure) are in
``subject_forms``, durations, dimensions and ages in ``subject_spans``, the word and tag helpers
in ``noun_chunks``. The rule set (measured on the real-corpus dev gold, ``python tools/accuracy.py --dev``; the
annotators' conventions are in ``tests/data/gold/real/parts/*/NOTES.md``):

*Method.* Candidates are found on characters (bounding words of
``data/indicator_subject_words.txt``) and cut to a noun chunk with POS tags from a private
rjieba tagger (``noun_chunks``; tagging only the candidate strings, cached). Measured on the
dev gold with the same rules: rjieba tags 0.599 exact, jieba ``posseg`` 0.578 (and 2.9× the
extraction CPU time on 2,000 新闻联播 stories), rjieba without the HMM 0.562 (seeds 0.931), words
without tags 0.417. Subjects take about a third of ``extract_indicators``' CPU time, which is
about 0.3× that of ``jieba.lcut`` over the same texts.

*Where the subject is* (first rule that applies):

1. ``A、B分别<verb>X、Y``: the k-th figure after 分别 takes the k-th item; a short item borrows the
   last item's head (一产、二产、三产增加值 → 一产增加值); a modifier before 的 in an earlier item
   scopes over the list, the last item keeps a noun possessor; a per phrase (平均每斤) is dropped;
   a change verb after 分别 is appended (事故起数和死亡人数分别下降 → 死亡人数下降).
2. ``以N为X`` → X; durations: a cue (仅用, 短短 …) or 把 before the task → task用时; a duration
   right before a verb phrase → phrase用时 (20分钟赶到现场); ``为期N的X`` / ``X为期N`` → X时长;
   ``经过N的X`` → X用时; N + a span noun (30余年党龄) → the noun; ``N年的<clause>`` → clause年数
   (连续两年的党员积分名列前茅); ``N天无X`` → 无X天数; ``X迄今N`` → X时长; ages: ``N岁的<name>``
   → name年龄, ``N岁的<name><head noun>`` → head年龄 (70岁的谢冬治老人 → 老人年龄),
   ``N岁的老<noun><name>`` → 老<noun>年龄.
3. Rates (%, shares): the phrase before the figure without its link (达, 为 …), cut at 的; a
   bare change verb (增长, 年均增长) takes the subject of the figure just before it in the clause
   (举办大型活动2295场、增长25.8% → 大型活动增长); a share before 的 names the noun after it
   unless a named rate comes before (全省93%的建制镇 → 建制镇; 满意率达95%的社区 → 满意率), and
   so does a share followed directly by a noun (70%村卫生室实现… → 村卫生室); baselines (比上年,
   较平时) are no part of a name.
4. An amount of change (…增加二十亿元) is what changed + the verb, without the baseline.
5. The classifier's noun after the figure (34个社区党组织 → 社区党组织): it ends at a bounding
   word (a one-character one only outside a noun: 植被), at a predicate (an adverb or preposition
   after the noun, a verb followed by 了/着/过/的/a verb/a place), after two coordinated nouns
   (居委会和行政村); nested ages and storeys are skipped (3栋14层高楼 → 高楼); a verb clause
   before 的 after a thing classifier keeps the head after 的 (两起空巢老人突发疾病的案例); a
   person classifier keeps the person (200多位老人举办的集体寿宴 → 老人); an income noun takes
   its owner before the figure (社区集体就有68万元收入 → 社区集体收入); an area before 的 is the area
   of the noun after it unless an area noun comes before (一间10平方米的卧室 → 卧室面积); zero of an
   event names who
   it happens to (全院医护人员保持零感染 → 医护人员感染).
6. Else the noun phrase before the figure, back to the last bounding word: a figure right
   before it shares its noun (共有居民3325户12765人 → 居民); a short relative clause with a verb
   stays before 的 (来看病的患者); for counts, the verbs that open the clause are dropped when a
   noun of three or more characters follows (查摆民生相关问题1127个 → 民生相关问题; not after a
   bounding word, not 满意工单); a range after 在 belongs to the noun before 在
   (集体经济年收益在5万—50万元的村); a subject that is only a place backs off to the sentence's
   topic, a bare noun-phrase clause before it (像这样的党员中心户，在内蒙古已有9400多户); money
   after a bare verb and before 的 names the action on the goods (采购20多万元的口罩、防护服等防疫
   物资 → 采购防疫物资).

*Read on random non-gold paragraphs* (session 3, ``tools/sample_indicators.py``; classes and their
real sentences in ``tests/test_subjects_classes.py``): a classifier's noun ends before its
predicate (a word of ``data/subject_predicates.txt`` after a noun, an adverb, a one-character verb;
after 名/位/人/户 at its last person word: 党员志愿者支援 -> 党员志愿者); an agent and 共/累计/已经
before a verb phrase are dropped (边检机关共检查出入境人员 -> 检查出入境人员), and before a bare verb
the topic is counted (滞留游客已经转运); people named by nothing else are named by what was done
(惠及人数, 被困人数); a person's noun or an agentless clause before 的 stays (7名先心病的孩子,
3304户需要重建的农房); durations, dimensions and ages are ``subject_spans``'.

*Noun chunk* (``noun_chunks._tidy``): time words and per words dropped, leading places and scope
words dropped, adverbs/prepositions/conjunctions/particles/pronouns/localisers (not region words
such as 沿海)/numerals/classifiers stripped from both ends, inner adverbs dropped; a conjunction or
particle glued to the start (和…, 了…, 及以上…) is dropped; a subject never holds another figure
(城镇化率由53.1%上升 → 城镇化率; 12345热线 stays), is never 人/人均 (the unit of a rate), and is
cut to whole words (at most 12–14 characters).

*Convention v2* (``tests/data/gold/real/README.md``; session 5): every subject is finished by
``subject_forms``: a change without its verb (大型活动增长 -> 大型活动), no action verb, 的-phrase or
determiner in front (老楼加装电梯 -> 电梯, 聆听宣讲的群众 -> 群众, 各类保障房 -> 保障房), people
named only by a verb take the people counted earlier in the sentence or verb + 人数, coordinated
nouns kept whole (国家和地区). Quotes are still stripped (v2 keeps them; the seed gold does not).
"""

from __future__ import annotations

import re

from . import subject_forms as _forms
from . import subject_spans as _spans
from .indicator_rules import (
    _CN_DIGIT,
    _PUNCT_AFTER,
    _TIME_UNITS,
    _after_punct,
    _Compiled,
    _Hit,
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
    _no_figure,
    _object_of,
    _tag,
    _tail_words,
    _tidy,
)

# --------------------------------------------------------------------------- noun chunks


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
            # classifier counts
            return f"{_tidy(s, verbs=True) or s}的{head[0]}"
        elif (
            person
            and noun_head
            and _PERSON_END.search(head[0])
            and len(s) <= 6
            and all(f[:1] in ("n", "j", "a", "b") for _, f in tt)
        ):
            return f"{s}的{head[0]}"  # 7名先心病的孩子, 56名“红色驿站”的党员: a person's noun
    toks = _tag(s[:6]) if s else []
    if toks and (toks[0][1][:1] in ("d", "p", "c") or toks[0][0] in _ADVERB_WORDS):
        return None  # 16.5公里最能领略…: a predicate, not a noun, follows the classifier
    person = text[e - 1 : e] in _PERSON_CLASSIFIERS
    return _tidy(_cut_at_verb(s[:20], person=person), verbs=True)


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


_HEAD_NOUNS = re.compile(
    r"(老年人口|老年人|老人|儿童|女童|男童|女孩|男孩|孩子|患者|青少年|居民|人员|群众|党员|学生|村民|职工|人口)"
)


_COMPLEMENTS = frozenset("起出成好上")  # one-character complements left after a bounding verb
_FREQUENCY = frozenset(["次", "轮", "遍", "回", "趟", "届"])  # counts of repeated activity
#: convention v2, rule 5: every span of time is composed with 时长 (连续两年的党员积分名列前茅 ->
#: 党员积分名列前茅时长, 19天无新增确诊病例 -> 无新增确诊病例时长), not 年数/天数
#: the base of a share before 的 (按投资额的8%, 占总人口的13.7%)
_SHARE_OF = re.compile(r"(?:^|(?<=[按占为是]))([\u4e00-\u9fff]{2,6})的$")
_WRITTEN_TIME = re.compile(r"的?时间(?!点|节点|表)")
_TIME_COUNT = {"年": "时长", "天": "时长", "周": "时长", "个月": "时长", "个星期": "时长"}


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


_TIME_NOUNS = frozenset(["日夜", "昼夜", "日日夜夜", "春秋", "寒暑"])
_SPAN_NOUN = re.compile(r"(?:党龄|工龄|教龄|军龄|驾龄|时长|期限|年限|历史|寿命|任期)$")
_HAN_2_6 = re.compile(r"[\u4e00-\u9fff]{2,6}")
_HAN_2_16 = re.compile(r"[\u4e00-\u9fff]{2,16}")
_FROM_OR_OF = re.compile(r"从|由|的")


_NONE_SINCE = re.compile(r"(?:无|没有|未)[\u4e00-\u9fff]{2,10}")


def _running_cue(text: str, cs: int, q_start: int) -> bool:
    """True when a cue before the duration names what it is (为期, 经过, 历经, 用了 …)."""
    return bool(_SPAN_CUE.search(text, max(cs, q_start - 3), q_start))


_SPAN_CUE = re.compile(r"(?:为期|经过|历经|用了|历时|耗时|长达)$")


_DURATION_UNITS = frozenset(["分钟", "小时", "天", "秒", "钟头"])


def _starts_with_verb(tail: str) -> bool:
    """True when ``tail`` starts with a verb (not an action noun, not a quote)."""
    toks = _tag(tail[:12]) if tail else []
    return (
        bool(toks)
        and toks[0][1] == "v"
        and toks[0][0] not in _ONE_CHAR_VERBS
        and toks[0][0] not in ("无", "没有", "未", "不")  # 19天无新增确诊病例: a count of days
    )


#: categories whose figure counts the object of a verb before it (查摆民生相关问题1127个 ->
#: 民生相关问题); a measure (拆除违章建筑2200平方米, 投入资金15亿元) measures the action itself
_OBJECT_COUNTS = frozenset(["count"])


_RATE_NOUN = re.compile(r"(?:率|比|比例|比重|占比|份额|幅度|增速|指数|水平|增长|下降|提高|提升)$")


def _is_verb(s: str) -> bool:
    """True when ``s`` is one verb (采购, 投入)."""
    toks = _tag(s)
    return len(toks) == 1 and toks[0][1] == "v"


_MEASURES = frozenset(["money", "area", "weight", "volume", "distance"])
_MONEY_HEADS = frozenset(["收入", "收益", "利润", "产值", "营收", "分红", "租金"])


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
_BARE_CHANGE = re.compile(
    r"(?:同比|环比|年均|平均)?(?:增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小)了?"
)


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


_CHANGE_BEFORE = re.compile(r"(?:增加|增长|减少|下降|提高|上升|降低|扩大|缩小)了?$")
_BEFORE_BASELINE = re.compile(r"相比|对比|比|较|到|在|于|与|同比|环比")


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


def _subject(text: str, c: _Compiled, h: _Hit, q_start: int, q_end: int, unit: str) -> str | None:
    """What the quantity counts or measures (``unit`` is the unit as written), finished to
    convention v2 (``subject_forms.without_change``)."""
    got = _forms.without_change(_subject_found(text, c, h, q_start, q_end, unit))
    got = _forms.without_determiner(_forms.without_verb(_forms.without_clause(got)))
    if unit in ("人", "名", "位") and (
        people := _forms.bare_person_count(
            text, q_start, q_end, got, lambda a, b: _noun_of(text, a, b, c)
        )
    ):
        return people
    return _forms.coordinated(text, h.cs, q_start, q_end, h.ce, got)


def _noun_of(text: str, a: int, b: int, c: _Compiled) -> str | None:
    """The noun an earlier figure at a:b counts: after its classifier, else before it."""
    ce = min(len(text), b + 14)
    got = _subject_after(text, b, ce, c) if b < len(text) and text[b] not in "，,。；、" else None
    if not got:
        got = _subject_before(text, a, _after_punct(text, a, max(0, a - 30)), c)[0]
    return _forms.without_verb(got)


def _subject_found(
    text: str, c: _Compiled, h: _Hit, q_start: int, q_end: int, unit: str
) -> str | None:
    """The subject as the rules below find it."""
    category, cs, ce = h.category, h.cs, h.ce
    tail = text[q_end:ce]
    got = _forms.distributive(text, cs, q_start) or _forms.changed_to(text, cs, q_start)
    if got:
        return got
    if text[q_start - 1 : q_start] == "以" and tail[:1] == "为":  # 以10分钟为步行半径 -> 步行半径
        got = _tidy(_CLAUSE_PART.match(tail, 1).group().rsplit("的", 1)[-1][:12])
        if got:
            return got
    if category == "time" and _WRITTEN_TIME.match(tail):
        return "时间"  # 用二十年时间, 四个月的时间: the span's own noun is written (v2, rule 5)
    if category in _TIME_UNITS:
        # durations: 仅48小时就完成工程 -> 完成工程用时, 短短一周达成共识 -> 达成共识用时
        cue = _spans.DURATION_CUE.search(text[max(cs, q_start - 3) : q_start])
        mm = _spans.DURATION_TASK.match(tail)
        if mm and (mm.group(1) or cue):
            task = _spans.TIME_LEAD.sub("", mm.group(2))  # 用了两年的时间走访村民 -> 走访村民
            got = _spans.activity(tail[mm.start(2) :], ba=mm.group(1) == "把") or (
                task and task + "用时"
            )
            if got:
                return got
    if unit in _DURATION_UNITS and _starts_with_verb(tail):
        # 20分钟赶到现场 -> 赶到现场用时: a duration right before what was done in it
        return _verb_phrase(tail)[:10] + "用时"
    if category == "time":
        got = (
            _spans.span_after(tail, unit)
            or _spans.interval(text, cs, q_start)
            or _spans.running_clause(text, cs, q_start, tail, _TIME_COUNT.get(unit, "时长"))
            or _spans.long_span_of(
                text, cs, q_start, tail, lambda: _subject_after(text, q_end + 1, ce, c)
            )
        )
        if got:
            return got
    got = _spans.dimension(
        text, cs, q_start, q_end, ce, category, unit,
        lambda i: _subject_after(text, i, ce, c),
        lambda: _no_figure(_subject_before(text, q_start, cs, c)[0]),
    )  # fmt: skip
    if got:
        return got
    if category == "distance":
        got = _spans.spacing(text, q_start, tail, cs)
        if got:
            return got
    if (_starts_verb_phrase(text, q_end, c) and (category == "time" or unit in _FREQUENCY)) or (
        unit in _FREQUENCY and _starts_with_verb(tail)
    ):  # 十余次约谈苹果贸易公司
        # 两年开展评选活动 -> 开展评选活动年数; 先后两次组织部门梳理材料 -> the activity:
        # the agent before the figure (蓝海社区, 服务局) is not what is counted
        vp = _verb_phrase(tail)
        if category == "time" and _spans.DONE_VERB.match(vp):
            return vp[:10] + "用时"  # 三天完成改造 -> 完成改造用时 (a duration, not a count)
        if category == "time":
            return vp + _TIME_COUNT.get(unit, "时长")
        return vp
    if (
        category == "time"
        and unit in _TIME_COUNT
        and tail[:1] == "的"
        and not _running_cue(text, cs, q_start)
    ):
        # 连续两年的党员积分名列前茅 -> 党员积分名列前茅年数: a duration of a state (a clause with
        # a verb after 的)
        mm = _HAN_RUN.match(tail, 1)
        clause = mm.group() if mm else ""
        toks = _tag(clause) if 4 <= len(clause) <= 12 else ()
        if toks and toks[0][1][:1] == "n" and any(f in ("v", "i") for _, f in toks[1:]):
            return clause + _TIME_COUNT[unit]
    if category == "time" and (mm := _NONE_SINCE.match(tail)):
        # 连续19天无新增确诊病例 -> 无新增确诊病例天数: a count of days without an event (连续
        # stays out, as in 连续三年举办邻里文化节 -> 举办邻里文化节年数)
        return mm.group() + _TIME_COUNT.get(unit, "时长")
    if category == "time" and text[max(cs, q_start - 2) : q_start] in ("迄今", "至今"):
        what = _subject_before(text, q_start - 2, cs, c)[0]  # 武汉关闭离汉通道迄今40多天
        if what and len(what) >= 2:
            return what + "时长"
    if category == "time":
        if text[max(cs, q_start - 2) : q_start].endswith("为期"):
            if (
                tail[:1] == "的"
            ):  # 为期一年的培训 -> 培训时长 (before the agent: 街乡镇制订了为期3年的计划)
                nxt = _subject_after(text, q_end + 1, ce, c)
                if nxt:
                    return nxt + "时长"
            subj = _no_figure(_subject_before(text, q_start, cs, c)[0])
            if subj:  # 此次培训为期一周 -> 培训时长
                return _spans.THIS_TIME.sub("", subj) + "时长"
        if text[max(cs, q_start - 2) : q_start] in ("经过", "历经") and tail[:1] == "的":
            nxt = _subject_after(text, q_end + 1, ce, c)  # 经过20天的精心治疗 -> 精心治疗时长
            if nxt and len(nxt) >= 2:
                return nxt + "时长"
        after = _subject_after(text, q_end, ce, c)
        if after in _TIME_NOUNS:
            after = None  # 坚守了40多个日夜: the noun is the span itself
        if after and _HAN_2_6.fullmatch(after):  # 四天培训时间 -> 培训时长
            if _SPAN_NOUN.search(after):
                return after  # 30余年党龄: the noun names the span itself
            return _spans.TIME_WORD_END.sub("", after) + "时长"
        if not after and category == "time":
            got = _spans.verb_before_span(
                text, cs, q_start, tail, lambda: _subject_after(text, q_end + 1, ce, c)
            )  # 扎根社区40多年 -> 扎根社区时长
            if got:
                return got
            if tail[:1] == "的":  # 另外700小时的录音带 -> 录音带时长
                nxt = _subject_after(text, q_end + 1, ce, c)
                if (
                    nxt
                    and 2 <= len(nxt) <= 8
                    and not nxt.startswith(("时间", "时候", "工夫", "时光"))
                ):
                    return nxt + "时长"
    if category == "age":
        if got := _spans.age_of_named(tail):  # 25岁的陈鹏鹏 -> 陈鹏鹏年龄
            return got
        if tail[:1] == "的":  # 81岁的患者 -> 患者年龄
            toks = _tag(tail[1:10])
            if toks and toks[0][1] in ("nr", "n", "nrfg", "nrt") and len(toks[0][0]) >= 2:
                return toks[0][0] + "年龄"
        mm = _HEAD_NOUNS.search(tail[:14])
        if mm:
            return mm.group(1) + "年龄"
        got = _spans.age_of(
            text, cs, q_start, tail, lambda: _subject_before(text, q_start, cs, c)[0]
        )
        if got:
            return got
    if unit == "%" or category in ("percent", "share"):
        subj, _ = _subject_before(text, q_start, cs, c, rate=True)
        if subj and _BARE_CHANGE.fullmatch(subj):
            # 举办大型活动2295场、增长25.8%: a change with nothing before it is the change of the
            # figure just before it (大型活动增长)
            prev = _previous_figure_subject(text, q_start, c)
            if prev:
                return prev + subj
        if tail[:1] == "的" and unit != "倍" and not (subj and _RATE_NOUN.search(subj)):
            # 我国90%的植被类型, 覆盖全省93%的建制镇: a share of the noun after 的 (unless a
            # named rate comes before: 满意率达95%的社区)
            nxt = _subject_after(text, q_end + 1, ce, c)
            if nxt and _BARE_CHANGE.fullmatch(nxt):
                nxt = None  # 一到三倍的增长: the figure is the change itself
            if nxt or subj is None or _is_place(subj):
                return nxt or subj
        if _HAN_RUN.match(tail) and not (subj and _RATE_NOUN.search(subj)):
            # 70%村卫生室实现…一体化管理 -> 村卫生室, 覆盖九成以上城乡社区 -> 城乡社区: a share
            # written before a noun is a share of that noun (v2), whatever verb comes before
            nxt = _subject_after(text, q_end, ce, c)
            if nxt and len(nxt) >= 2 and _tag(nxt)[0][1][:1] in ("n", "j", "z"):
                return nxt
        if unit == "%" and (mm := _SHARE_OF.search(text, max(cs, q_start - 12), q_start)):
            base = _tidy(mm.group(1).lstrip("按占为是"), verbs=True)  # 按投资额的8% -> 投资额
            if base and len(base) >= 2 and not _RATE_NOUN.search(base):
                return base
        return _no_figure(subj)
    if cm := _CHANGE_BEFORE.search(text, max(cs, q_start - 4), q_start):
        # 零售商品库存到年末比年初增加二十亿元: an amount of change is named like a rate: what
        # changed (the noun chunk before a preposition or comparison) and the verb; the
        # baseline (比年初) and the date are no part of the name
        head = _strip_quotes(text[max(cs, q_start - 24) : cm.start()])
        if "的" in head:  # 零售商品的库存: a possessor stays (without 的); a clause before 的 goes
            before, after = head.rsplit("的", 1)
            head = before + after if not any(f == "v" for _, f in _tag(before)) else after
        head = _BEFORE_BASELINE.split(head, 1)[0]
        got = _tidy(head)
        if got and len(got) >= 2:
            return _tail_words(got, 12) + cm.group().rstrip("了")
    after = _subject_after(text, q_end, ce, c)
    if after and after[0] in _CN_DIGIT + "十":
        after = None  # 每隔20米一人
    if after and unit is None and text[q_start:q_end] in ("零", "〇"):
        # 全院医护人员保持零感染 -> 医护人员感染: zero of an event happening to the noun before
        who = _no_figure(_subject_before(text, q_start, cs, c)[0])
        toks = list(_tag(who)) if who else []
        while toks and toks[-1][1] == "v":
            toks.pop()  # 保持, 实现
        who = "".join(w for w, _ in toks)
        if len(who) >= 2 and not _is_place(who):
            return who + after
    if after in _MONEY_HEADS and category == "money":
        # 社区集体就有68万元收入: a bare income noun is the income of the noun before the figure
        owner, _ = _subject_before(text, q_start, cs, c)
        if owner and len(owner) >= 2 and not _is_place(owner):
            return owner + after
    if after:
        return after
    if text[q_end : q_end + 1] == "是":  # 其中2处是…的社区养老服务中心 -> 社区养老服务中心
        what = _strip_quotes(text[q_end + 1 : ce].rsplit("的", 1)[-1])
        if _HAN_2_16.fullmatch(what):
            return what
    subj, bound = _subject_before(text, q_start, cs, c, people=category == "people")
    if category in _OBJECT_COUNTS and not bound:
        subj = _object_of(subj)  # a clause's own verb, not one a bounding word already cut
    if subj is not None and len(subj) == 1 and subj in _COMPLEMENTS:
        subj = None  # 组建起120人的队伍: the verb's complement is no subject
    if subj in ("人", "人均"):
        subj = None  # 提高到人均1196元: the unit of a rate (per 人), not what is counted
    if subj and _is_place(subj):
        subj = _topic(text, cs) or subj  # 像这样的党员中心户，在内蒙古已有9400多户
    if subj is None and bound == "在" and category in _MEASURES:
        # 集体经济年收益在5万—50万元的村: the figure is a range of the noun before 在
        head = text[cs:q_start]
        head = _strip_quotes(
            head[max(i for i in range(len(head)) if i == 0 or _PUNCT_AFTER.match(head[i - 1])) :]
        )
        at = head.rfind("在")
        got = _tidy(head[:at]) if at >= 2 else None
        if got and len(got) >= 2:
            return _tail_words(got, 14)
    if subj and category == "money" and text[q_end : q_end + 1] == "的":
        nxt = _subject_after(text, q_end + 1, ce, c)  # 为村集体每年带来16.3万元的收益
        if nxt in _MONEY_HEADS:
            return subj + nxt
    if subj is None and category == "people" and text[q_end : q_end + 1] == "的":
        nxt = _subject_after(text, q_end + 1, ce, c)  # 6844人的养老保险收缴 -> 养老保险收缴人数
        if nxt and len(nxt) >= 2:
            return (
                nxt if _spans.GROUP_NOUN.search(nxt) else nxt + ("户数" if unit == "户" else "人数")
            )
    if subj and _forms.TIME_WORDS.match(subj):
        subj = _forms.TIME_WORDS.sub("", subj) or None
    if subj and subj.startswith("服务") and _PEOPLE_NOUN.search(subj) and len(subj) > 3:
        subj = subj[2:]
    if (
        subj is None
        and text[q_end : q_end + 1] == "的"
        and category in ("money", "area", "distance", "weight", "temperature")
    ):
        nxt = _subject_after(text, q_end + 1, ce, c)  # 价值10元的洗衣粉 -> 洗衣粉价值
        if nxt and text[max(0, q_start - 2) : q_start] == "价值":
            return nxt + "价值"
        return nxt
    if category == "area" and text[q_end : q_end + 1] == "的" and not (subj or "").endswith("面积"):
        # 搭了一间10平方米的卧室 -> 卧室面积: the area of the thing after 的
        nxt = _subject_after(text, q_end + 1, ce, c)
        if nxt and 2 <= len(nxt) <= 8:
            return nxt + "面积"
    if subj and category == "money" and text[q_end : q_end + 1] == "的" and _is_verb(subj):
        # 从深圳采购20多万元的口罩、防护服等防疫物资 -> 采购防疫物资: the amount of an action on
        # the goods after 的 (the head after 等 of a list)
        part = _CLAUSE_PART.match(text, q_end + 1, ce).group()
        head = part.rsplit("等", 1)[-1] if "等" in part else _subject_after(text, q_end + 1, ce, c)
        head = _tidy(head) if head else None
        if head and 2 <= len(head) <= 8 and _HAN_RUN.fullmatch(head):
            return subj + head
    if subj is None and bound in (
        "的",
        "从",
        "由",
        "增加到",
        "增长到",
        "提高到",
        "提升到",
        "到",
        "达到",
    ):
        head = text[cs:q_start]  # 培训规模从原计划的30人, 增加到50人 -> 培训规模
        mm = _FROM_OR_OF.search(head)
        if mm and mm.start() >= 2:
            subj = _strip_quotes(head[: mm.start()])[-10:] or None
    if subj and len(subj) == 1 and subj in "的了着是":
        subj = None
    if subj is None and category == "people":
        return _people_done(text, q_start, q_end, ce, cs, bound, c)
    return _no_figure(subj)
