"""Subjects of durations and of dimensions: what a span of time or a length, depth, weight or area
measures, named with a short descriptive phrase (ANNOTATION.md: ``完成工程用时``, ``老人年龄``).

``subjects._subject`` calls these before its general rules; each returns ``None`` when its shape
is not there. Classes (read on random non-gold paragraphs of ``../shared/corpora``):

*Durations.* A verb phrase before the span names what lasted (扎根社区40多年 -> 扎根社区时长,
村民高嘉欣怀孕33周 -> 怀孕时长, 支援已经超过一个月 -> 支援时长); a verb before the span and a noun
after 的 name the state of the noun (搁置两年的政治进程 -> 政治进程搁置时长); 长达N的X -> X时长
(长达5个多小时的等待 -> 等待时长); 相隔/时隔/间隔N -> 间隔时长; a span followed by 后/就/才 and
what was done (5分钟后就被当场抓获 -> 抓获用时, 两三周才能出现症状 -> 出现症状用时); 连续N年 and a
将/把 clause (连续两年将精准扶贫作为…题目) -> the clause + 年数.

*Ages* without 的 before a noun: a name right after the figure (65岁李英琼 -> 李英琼年龄), else the
person before it (村民李春元老两口都85岁了 -> 李春元老两口年龄).

*Dimensions.* A length, depth, height, width, thickness or weight adjective after the figure names
the dimension of the noun after 的, or of the noun before (108米长的红蛇灯饰 -> 红蛇灯饰长度,
湖水有近两米深 -> 湖水深度, 30多斤重的纯净水桶 -> 纯净水桶重量); 全长/长达N的X -> X长度; a named
measure before 约为/为/达 stays the name when a noun follows after 的 (射程约为1000公里的地对地导弹 ->
射程, as 使用面积达500平方米的活动中心 -> 使用面积); an
area or a length directly before a noun (600多平米展厅 -> 展厅面积); a dimension noun after a
length (500米口径球面射电望远镜 -> 球面射电望远镜口径).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .indicator_rules import _strip_quotes
from .noun_chunks import _predicates, _tag, _tail_words, _tidy

_HAN = re.compile(r"[\u4e00-\u9fff]+")

# --------------------------------------------------------------------------- durations

#: words between a verb and the span that does not belong to the verb phrase
_BEFORE_SPAN = re.compile(r"(?:已经|已|了|长达|达|都|就|有|足足|整整|近|约|将近|大约)+$")
#: what may stand between a span and the action done in it: 后就被, 才能, 就
_AFTER_SPAN = re.compile(
    r"^(?:之?后|以后)?(?:就能|才能|就可|就会|就|便|即|才|能)?被?(?:当场|立即|马上|迅速)?"
)
_SPAN_UNITS = frozenset(["分钟", "小时", "天", "秒", "钟头", "周", "个月", "个星期", "个小时"])
#: tags a verb's object may carry between the verb and the span (扎根社区, 支援武汉)
_OBJECT_TAGS = ("n", "j", "s", "ns", "nr", "nz", "vn")
#: verbs that open a clause but never name what lasted (有, 是, 用: the span is an amount)
_NOT_LASTING = frozenset(
    ["是", "有", "用", "为", "达", "到", "在", "占", "花", "花费", "需要", "要"]
)
#: a change of a span is named by what changed (期限延长两年: the older rule's 期限延长)
_CHANGE_VERBS = frozenset(["延长", "缩短", "推迟", "提前", "延期", "压缩", "增加", "减少", "节省"])


def span_after(tail: str, unit: str | None) -> str | None:
    """5分钟后就被当场抓获 -> 抓获用时, 两三周才能出现症状 -> 出现症状用时 (a lead word is needed:
    a bare verb after the span is the older rule's)."""
    if unit not in _SPAN_UNITS:
        return None
    lead = _AFTER_SPAN.match(tail)
    if not lead or not lead.group():
        return None
    rest = tail[lead.end() :]
    toks = _tag(rest[:12]) if rest else ()
    if not toks or toks[0][1] != "v" or len(toks[0][0]) < 2:
        return None
    vp = _HAN.match(rest)
    got = vp.group()[:8] if vp else ""
    return got + "用时" if len(got) >= 2 else None


def verb_before_span(
    text: str, cs: int, q_start: int, tail: str, noun_after: Callable[[], str | None]
) -> str | None:
    """The verb phrase before a span names what lasted: 扎根社区40多年 -> 扎根社区时长; with a noun
    after 的, the noun's state: 搁置两年的政治进程 -> 政治进程搁置时长."""
    head = _BEFORE_SPAN.sub("", text[max(cs, q_start - 16) : q_start])
    if not head or not "\u4e00" <= head[-1] <= "\u9fff":
        return None
    # a verb of data/subject_predicates.txt is a verb whatever its tag (扎根/ns)
    toks = [(w, "v" if w in _predicates() else f) for w, f in _tag(head)]
    v = len(toks) - 1
    while v >= 0 and toks[v][1] in _OBJECT_TAGS and toks[v][1] != "v":
        v -= 1
    if v < 0 or toks[v][1] != "v" or len(toks[v][0]) < 2 or toks[v][0] in _NOT_LASTING:
        return None
    if toks[v][0] in _CHANGE_VERBS:
        return None
    obj = "".join(w for w, _ in toks[v + 1 :])
    if len(obj) > 6:
        return None
    verb = toks[v][0]
    if tail[:1] == "的":
        if obj:  # 扎根社区40多年的社区党委书记: the person after 的 is the one who lasted
            return verb + obj + "时长"
        noun = noun_after()
        return f"{noun}{verb}时长" if noun and 2 <= len(noun) <= 8 else None
    return verb + obj + "时长"


_LONG_CUE = re.compile(r"(?:长达|历时|持续)$")


def long_span_of(
    text: str, cs: int, q_start: int, tail: str, noun_after: Callable[[], str | None]
) -> str | None:
    """长达5个多小时的等待 -> 等待时长 (历时, 持续 too)."""
    if tail[:1] != "的" or not _LONG_CUE.search(text, max(cs, q_start - 2), q_start):
        return None
    noun = noun_after()
    return noun + "时长" if noun and 2 <= len(noun) <= 8 else None


_INTERVAL_CUE = re.compile(r"(?:相隔|时隔|间隔|相距)$")


def interval(text: str, cs: int, q_start: int) -> str | None:
    """相隔七十多年, 时隔4年 -> 间隔时长."""
    return "间隔时长" if _INTERVAL_CUE.search(text, max(cs, q_start - 2), q_start) else None


_RUNNING = re.compile(r"连续$")
_CLAUSE_VERB = re.compile(r"^(?:将|把)[\u4e00-\u9fff]{2,20}")


def running_clause(text: str, cs: int, q_start: int, tail: str, count: str) -> str | None:
    """连续两年将精准扶贫作为专题议政性常委会议题目 -> that clause + 年数 (the agent before 连续 is
    not what is counted)."""
    if not _RUNNING.search(text, max(cs, q_start - 2), q_start):
        return None
    mm = _CLAUSE_VERB.match(tail)
    return mm.group()[:20] + count if mm else None


# --------------------------------------------------------------------------- tasks and spacing

DURATION_CUE = re.compile(r"(?:短短|仅用|只用|仅|用了|历时|耗时|(?<![使应采运利信费作])用)$")
TIME_LEAD = re.compile(r"^的?(?:时间|工夫)?(?:就|便|即|才)?")
DURATION_TASK = re.compile(r"(就|便|即|把)?([\u4e00-\u9fff]{2,10})")
DONE_VERB = re.compile(r"完成|建成|办结|实现")
THIS_TIME = re.compile(r"^(?:此次|本次|这次|该次|该)")
TIME_WORD_END = re.compile(r"时间$")
GROUP_NOUN = re.compile(r"(?:队伍|团队|队|小组|人员|群众|居民|志愿者|党员|村民|老人)$")
_RESULT = re.compile(r"(?:完成|完毕|结束|好|完)?了?$")
_SPACING = re.compile(r"(?:每隔|间隔|相隔)$")
_PEOPLE_ONE = re.compile(r"一(?:人|名|位)([\u4e00-\u9fff]{2,8})")
_THING_ONE = re.compile(r"一(?:个|处|座|根|盏|棵|块|张)([\u4e00-\u9fff]{2,8})")
_HAN_2_10 = re.compile(r"[\u4e00-\u9fff]{2,10}")


def activity(vp: str, *, ba: bool) -> str | None:
    """The activity a duration measures, plus 用时, from the clause after the figure.

    把电缆修复完成 -> 电缆修复用时 (a 把 clause: what is done to the object, as written);
    完成36个村、6844人的养老保险收缴 -> 养老保险收缴用时 (a completed task named after 的).
    None when neither shape applies.
    """
    if ba:
        core = _RESULT.sub("", vp)
        if 3 <= len(core) <= 10 and _HAN.fullmatch(core):
            return core + "用时"
        return None
    if "的" in vp:
        what = TIME_LEAD.sub("", _strip_quotes(vp.rsplit("的", 1)[-1]))
        if _HAN_2_10.fullmatch(what) and what not in ("时间", "时候", "工夫"):  # 用了两年的时间
            return what + "用时"
    return None


def spacing(text: str, q_start: int, tail: str, cs: int) -> str | None:
    """Spacing: 每隔20米一人维持秩序 -> 维持秩序人员间隔, 间隔一米 -> 间隔."""
    head = text[cs:q_start]
    if _SPACING.search(head):
        mm = _PEOPLE_ONE.match(tail)
        if mm:
            who = mm.group(1)
            return who + ("间隔" if GROUP_NOUN.search(who) else "人员间隔")
        mm = _THING_ONE.match(tail)
        return (mm.group(1) if mm else "") + "间隔"
    return None


# --------------------------------------------------------------------------- ages

_NAME_TAGS = ("nr", "nrt", "nrfg")


def age_of(
    text: str, cs: int, q_start: int, tail: str, noun_before: Callable[[], str | None]
) -> str | None:
    """An age without 的 before a noun: a name right after it (65岁李英琼 -> 李英琼年龄), else the
    person before it (村民李春元老两口都85岁了 -> 李春元老两口年龄; not a place)."""
    toks = _tag(tail[:8]) if tail else ()
    if toks and toks[0][1] in _NAME_TAGS and len(toks[0][0]) >= 2:
        return toks[0][0] + "年龄"
    if tail[:1] == "的":
        return None
    who = noun_before()
    if not who or not 2 <= len(who) <= 10 or _HAN.fullmatch(who) is None:
        return None
    wt = _tag(who)
    if wt[-1][1][:1] not in ("n",) or wt[-1][1] == "ns":
        return None
    return who + "年龄"


# --------------------------------------------------------------------------- dimensions

#: adjective after a figure -> the dimension it names
_DIMENSION_ADJ = {
    "长": "长度",
    "宽": "宽度",
    "高": "高度",
    "深": "深度",
    "厚": "厚度",
    "重": "重量",
}
_DIMENSION_NOUNS = re.compile(r"(?:口径|直径|半径|跨度|长度|宽度|高度|深度|厚度|射程|航程|里程)")
_WHOLE_LENGTH = re.compile(r"(?:全长|总长|长达|绵延|延绵)$")
#: a named measure before a link and the figure: 射程约为, 直径为, 高达
_NAMED_MEASURE = re.compile(
    r"([\u4e00-\u9fff]{0,2}?(?:口径|直径|半径|跨度|长度|宽度|高度|深度|厚度|射程|航程|里程|面积|重量|排水量|载重|身高|体重))"
    r"(?:约为|约|为|达到|达|超过|近)?$"
)
#: units of the floor area of a room or a building (an area of land, 亩, is named by the land)
_ROOM_UNITS = frozenset(["平方米", "平米", "平方", "㎡"])
_NOUN_DIMENSION = {"area": "面积", "distance": "长度", "weight": "重量"}


def dimension(
    text: str,
    cs: int,
    q_start: int,
    q_end: int,
    ce: int,
    category: str,
    unit: str | None,
    noun_at: Callable[[int], str | None],
    noun_before: Callable[[], str | None],
) -> str | None:
    """The dimension a length, area or weight measures (see the module docstring)."""
    if category not in _NOUN_DIMENSION:
        return None
    nxt = text[q_end : q_end + 1]
    adj = _DIMENSION_ADJ.get(nxt)
    if adj and text[q_end + 1 : q_end + 2] not in ("期", "达", "城", "江", "河", "廊", "征"):
        # 108米长的红蛇灯饰 -> 红蛇灯饰长度; 湖水有近两米深 -> 湖水深度
        noun = noun_at(q_end + 2) if text[q_end + 1 : q_end + 2] == "的" else noun_before()
        return noun + adj if noun and 2 <= len(noun) <= 10 else None
    if nxt == "的":
        head = text[max(cs, q_start - 8) : q_start]
        if _WHOLE_LENGTH.search(head) and category == "distance":
            noun = noun_at(q_end + 1)  # 全长23公里的山海健康步道 -> 山海健康步道长度
            return noun + "长度" if noun and 2 <= len(noun) <= 10 else None
        mm = _NAMED_MEASURE.search(head)
        if mm:  # 射程约为1000公里的地对地导弹 -> 射程: a measure named before wins (使用面积达…的)
            toks = _tag(head[: mm.end(1)])
            name = toks[-1][0]
            if len(toks) >= 2 and toks[-2][1][:1] in ("n", "v") and len(toks[-2][0]) == 2:
                name = toks[-2][0] + name
            # (an area named before: the older rules keep its whole phrase, 党群服务阵地单体面积)
            return name if _DIMENSION_NOUNS.search(name) else None
        return None
    if "\u4e00" <= nxt <= "\u9fff":
        noun = noun_at(q_end)
        if not noun:
            return None
        mm = _DIMENSION_NOUNS.match(noun)
        if mm and category == "distance":
            rest = _tidy(noun[mm.end() :])  # 500米口径球面射电望远镜 -> 球面射电望远镜口径
            return _tail_words(rest, 10) + mm.group() if rest and len(rest) >= 2 else None
        if (
            category == "area"
            and unit in _ROOM_UNITS
            and not noun.endswith("面积")
            and len(noun) <= 8
        ):
            return noun + "面积"  # 主宾团设立了600多平米展厅 -> 展厅面积 (流转91.7亩土地: the land)
    return None


# --------------------------------------------------------------------------- ages after 的

#: common one-character surnames (the tagger splits some names: 谭/zg 松明/nr)
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
#: a person's noun after a name (谢冬治老人) or before it (老党员刘纯义)
_PERSON_NOUNS = re.compile(
    r"(?:老年人口|老年人|老人|儿童|女童|男童|女孩|男孩|孩子|患者|青少年|居民|人员|群众|党员|学生|村民"
    r"|职工|人口|老党员|老兵|老师|大爷|大妈|奶奶|爷爷|阿姨|婆婆|医生|护士)"
)


def _name(toks: tuple[tuple[str, str], ...], i: int) -> tuple[str, int] | None:
    """A person's name at token ``i`` and the index after it (谢冬治; 谭 + 松明)."""
    if i < len(toks) and toks[i][1] in _NAME_TAGS and len(toks[i][0]) >= 2:
        return toks[i][0], i + 1
    if (
        i + 1 < len(toks)
        and toks[i][0] in _SURNAMES
        and toks[i + 1][1] in (*_NAME_TAGS, "n", "ng")
        and len(toks[i + 1][0]) <= 2
    ):
        return toks[i][0] + toks[i + 1][0], i + 2
    return None


def age_of_named(tail: str) -> str | None:
    """``N岁的X`` (convention v2, rule 5: the person as written + 年龄): a name, with a person's
    noun after it (70岁的谢冬治老人 -> 谢冬治老人年龄); a name after a person's noun (93岁的老党员
    刘纯义 -> 刘纯义年龄); a name alone (89岁的谭松明 -> 谭松明年龄)."""
    if tail[:1] != "的":
        return None
    toks = _tag(tail[1:12])
    at = 0
    if toks and _PERSON_NOUNS.fullmatch(toks[0][0]):
        at = 1  # 老党员刘纯义
    elif len(toks) >= 2 and toks[0][1] == "a" and _PERSON_NOUNS.fullmatch(toks[1][0]):
        at = 2  # 老/a 党员/n 刘纯义
    got = _name(toks, at)
    if got is None:
        return None
    name, nxt = got
    if at == 0 and nxt < len(toks) and _PERSON_NOUNS.fullmatch(toks[nxt][0]):
        return name + toks[nxt][0] + "年龄"  # 谢冬治老人
    return name + "年龄"
