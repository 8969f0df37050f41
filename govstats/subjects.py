"""The subject of an indicator: the head noun phrase of what a figure counts or measures, never
a function word, a verb fragment, an adverb or a time word.

Entry point: ``_subject(text, c, h, q_start, q_end, unit)`` (called by ``indicators``); the
forms that name a subject by themselves (a list before 分别, a change to the figure) are in
``subject_forms``, durations, dimensions and ages in ``subject_spans``, the word and tag helpers
in ``noun_chunks``, the noun phrase after and before the figure in ``subject_phrases``. The
rule set (measured on the real-corpus dev gold, ``python tools/accuracy.py --dev``; the
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
   before 的 after a thing classifier keeps the whole head after 的, up to its predicate (两起空巢老人突发疾病的案例,
   需要照顾的空巢老人 → 空巢老人); a
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

*Noun chunk* (``noun_chunks._tidy``): time words and per words dropped, leading places (tagged
ns, after the tags of ``data/pos_corrections.txt``: 广义, 新鲜, 回国 name no place) and scope
words dropped, adverbs/prepositions/conjunctions/particles/pronouns/localisers (not region words
such as 沿海)/numerals/classifiers stripped from both ends, inner adverbs dropped; a conjunction or
particle glued to the start (和…, 了…, 及以上…) is dropped; a subject never holds another figure
(城镇化率由53.1%上升 → 城镇化率; 12345热线 stays), is never 人/人均 (the unit of a rate), and is
cut to whole words (at most 12–14 characters).

*Convention v2* (``tests/data/gold/real/README.md``; session 5): every subject is finished by
``subject_forms``: a change without its verb (大型活动增长 -> 大型活动), no action verb, 的-phrase or
determiner in front (老楼加装电梯 -> 电梯, 聆听宣讲的群众 -> 群众, 各类保障房 -> 保障房), people
named only by a verb take the people counted earlier in the sentence or verb + 人数, coordinated
nouns kept whole (国家和地区). Session 6: the object of a verb before the figure, whatever it
measures (``subject_forms.object_of_verb``: 安排科技支出 -> 科技支出), and every subject copied as
written (``subject_copy``, rule 1: quotes inside a name kept, 原煤、原油、天然气产量分别增长 -> 产量); a name
wholly in quotes still loses them (the seed gold does not keep them).
"""

from __future__ import annotations

import re

from . import subject_copy as _copy
from . import subject_forms as _forms
from . import subject_spans as _spans
from .indicator_rules import (
    _CN_DIGIT,
    _PUNCT_AFTER,
    _TIME_UNITS,
    _after_punct,
    _Compiled,
    _Hit,
    _strip_quotes,
)
from .noun_chunks import (
    _is_place,
    _no_figure,
    _object_of,
    _tag,
    _tail_words,
    _tidy,
)
from .subject_phrases import (
    _CLAUSE_PART,
    _HAN_RUN,
    _LEADING_PLACE,
    _PEOPLE_NOUN,
    _is_verb,
    _people_done,
    _previous_figure_subject,
    _relative_head,
    _running_cue,
    _starts_verb_phrase,
    _starts_with_verb,
    _subject_after,
    _subject_before,
    _topic,
    _verb_phrase,
)

#: classifiers that are the counted nouns themselves (商务部等8部门联合推出…)
_NOUN_UNITS = frozenset(["部门", "部", "委", "省", "市", "县", "区", "国"])
#: ... and are the whole subject (units.txt: 民政部等19部门, 支持5省份)
_SELF_UNITS = frozenset(["部门", "省份", "省区市"])

_HEAD_NOUNS = re.compile(
    r"(老年人口|老年人|老人|儿童|女童|男童|女孩|男孩|孩子|患者|青少年|居民|人员|群众|党员|学生|村民|职工|人口)"
)

_COMPLEMENTS = frozenset("起出成好上")  # one-character complements left after a bounding verb

_FREQUENCY = frozenset(["次", "轮", "遍", "回", "趟", "届"])  # counts of repeated activity

#: the base of a share before 的 (按投资额的8%, 占总人口的13.7%)
_SHARE_OF = re.compile(r"(?:^|(?<=[按占为是]))([\u4e00-\u9fff]{2,6})的$")
#: a share of a whole: X占(到)Y的N% counts the part X written in the same clause (ann20: 候鸟 约占
#: 全国鸟类种数的53% -> 候鸟); with no part in the clause the base stays (占到常住人口的19%)
_SHARE_PART = re.compile(
    r"(?<![所])(?:约|均|仅|已)?占(?!比|有|用|地)(?:到|了|据)*[^，,。；;、]{0,16}?(?:的|中)?$"
)
_NAMED_SHARE = re.compile(r"比重|比例|占比|份额")

_WRITTEN_TIME = re.compile(r"的?时间(?!点|节点|表)")

#: convention v2, rule 5: every span of time is composed with 时长 (连续两年的党员积分名列前茅 ->
#: 党员积分名列前茅时长, 19天无新增确诊病例 -> 无新增确诊病例时长), not 年数/天数
_TIME_COUNT = {"年": "时长", "天": "时长", "周": "时长", "个月": "时长", "个星期": "时长"}

_TIME_NOUNS = frozenset(["日夜", "昼夜", "日日夜夜", "春秋", "寒暑"])

_SPAN_NOUN = re.compile(r"(?:党龄|工龄|教龄|军龄|驾龄|时长|期限|年限|历史|寿命|任期)$")

_HAN_2_6 = re.compile(r"[\u4e00-\u9fff]{2,6}")

_HAN_2_16 = re.compile(r"[\u4e00-\u9fff]{2,16}")

_FROM_OR_OF = re.compile(r"从|由|的")

_NONE_SINCE = re.compile(r"(?:无|没有|未)[\u4e00-\u9fff]{2,10}")

_DURATION_UNITS = frozenset(["分钟", "小时", "天", "秒", "钟头"])

#: categories whose figure counts the object of a verb before it (查摆民生相关问题1127个 ->
#: 民生相关问题); a measure (拆除违章建筑2200平方米, 投入资金15亿元) measures the action itself
_OBJECT_COUNTS = frozenset(["count"])

_RATE_NOUN = re.compile(r"(?:率|比|比例|比重|占比|份额|幅度|增速|指数|水平|增长|下降|提高|提升)$")

_MEASURES = frozenset(["money", "area", "weight", "volume", "distance"])

_MONEY_HEADS = frozenset(["收入", "收益", "利润", "产值", "营收", "分红", "租金"])

_BARE_CHANGE = re.compile(
    r"(?:同比|环比|年均|平均)?(?:增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小)了?"
)

_CHANGE_BEFORE = re.compile(r"(?:增加|增长|减少|下降|提高|上升|降低|扩大|缩小)了?$")

_BEFORE_BASELINE = re.compile(r"相比|对比|比|较|到|在|于|与|同比|环比")


def _noun_phrase(s: str | None) -> bool:
    """True when ``s`` has two or more characters and ends in a noun (not a person's name)."""
    if not s or len(s) < 2:
        return False
    f = _tag(s)[-1][1]
    return f[:1] in ("n", "j") and f not in ("nr", "nrfg", "nrt")


def _subject(text: str, c: _Compiled, h: _Hit, q_start: int, q_end: int, unit: str) -> str | None:
    """What the quantity counts or measures (``unit`` is the unit as written), finished to
    convention v2 (``subject_forms.without_change``)."""
    found = _forms.without_change(_subject_found(text, c, h, q_start, q_end, unit))
    got = _forms.without_new(_forms.without_predicate(found))
    got = _forms.without_determiner(_forms.without_verb(_forms.without_clause(got)))
    if unit in ("人", "名", "位") and (
        people := _forms.bare_person_count(
            text,
            q_start,
            q_end,
            _forms.without_determiner(_forms.without_verb(_forms.without_clause(found))),
            lambda a, b: _noun_of(text, a, b, c),
        )
    ):
        return _copy.copied(_near(text, h, q_start, q_end), people)
    return _copy.copied(
        _near(text, h, q_start, q_end), _forms.coordinated(text, h.cs, q_start, q_end, h.ce, got)
    )


#: how far from the figure the subject is looked up as written: beyond the reach of any rule
#: that finds it (a clause is read at most 80 characters each side) and bounded, so that a
#: sentence of 20,000 figures costs each of them the same (the whole sentence made it quadratic)
COPY_REACH = 200


def _near(text: str, h: _Hit, q_start: int, q_end: int) -> str:
    """The figure's sentence within ``COPY_REACH`` characters of the figure."""
    return text[max(h.ss, q_start - COPY_REACH) : min(h.se, q_end + COPY_REACH)]


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
    if unit in _SELF_UNITS:
        # 教育部等十二部门联合印发, 安徽、广西等6省区市: the classifier is the counted noun itself
        # (v2, rule 2; not the first member before 等, not the predicate after it)
        return unit
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
        if (zm := _SHARE_PART.search(text, cs, q_start)) and not _NAMED_SHARE.search(zm.group()):
            # 进出口货值占全线货值的60.8%, 金砖国家人口占世界近一半 -> the part, not the base (v2)
            part = _no_figure(_subject_before(text, zm.start(), cs, c, rate=True)[0])
            if part and (mm := _LEADING_PLACE.match(part)):
                part = part[mm.end() :]  # 秦皇岛东经路社区老年人占… -> 老年人
            if part and _noun_phrase(part) and not _is_place(part):
                return part
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
    if (
        category not in ("age", "time", "distance")
        and unit not in _NOUN_UNITS
        and not _noun_phrase(after)
        and not (after and len(after) == 1 and _tag(after)[0][1][:1] == "n")  # 88个县实现了
        and (got := _relative_head(text, q_end, ce, c))
    ):
        return got  # 120多件久拖不决的难题 -> 难题: the noun after the clause
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
    if not (bound and (subj or "").startswith(bound)):
        # v2: 增加就业岗位超过4万个 -> 就业岗位 (not a bounding verb the rules above read as the
        # noun's modifier: 已完成建设任务 -> 建设任务)
        subj = _forms.object_of_verb(subj)
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
