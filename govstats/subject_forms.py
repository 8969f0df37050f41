"""Sentence forms that name a figure's subject by themselves: a list before 分别 (``A、B分别增长X、Y``)
and a change to the figure (``死亡人数已上升到81人``). ``subjects._subject`` tries them first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .indicator_rules import _strip_quotes
from .noun_chunks import _MODALS, _is_place, _possessor, _predicates, _tag, _tail_words, _tidy

TIME_WORDS = re.compile(r"^(?:目前|当前|现在|今年|去年|近年来|截至目前|如今|此前|之前|其中)")

_FIGURE = re.compile(
    r"(?:百分之)?[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
    r"|[0-9０-９][0-9０-９.．,，]*"
)


def distributive(text: str, cs: int, q_start: int) -> str | None:
    """``A和B分别<verb>X和Y``: the k-th figure after 分别 belongs to the k-th item before it
    (市民服务热线诉求解决率、满意率分别达97.3%和97.7% -> 满意率 for 97.7%); a short item
    shares the last item's head (食品、药品抽检合格率 -> 食品抽检合格率, 一产、二产、三产增加值 ->
    一产增加值); a modifier before 的 in an earlier item scopes over the list and is dropped, the
    last item keeps a possessor (沿海运输企业的货物周转量 -> 沿海运输企业货物周转量); a per phrase
    before 分别 is no part of the items (平均每斤); a change verb after 分别 names the change, as
    in a single rate (事故起数和死亡人数分别下降3.6%和1.3% -> 事故起数下降, 死亡人数下降)."""
    head = text[cs:q_start]
    at = head.rfind("分别")
    if at < 2:
        return None
    k = len(_FIGURE.findall(head, at + 2))
    lead = _PER_TAIL.sub("", head[:at])
    items = _list_items(lead)
    if len(items) < 2 or k >= len(items) or _LEADING_FIGURE.match(lead.lstrip("“‘")):
        return None
    item = _strip_quotes(items[k])
    item = _possessor(item) if k == len(items) - 1 else item.rsplit("的", 1)[-1]
    if len(item) > 2:
        item = _tidy(item, verbs=True) or ""
    if len(item) <= 2 and k < len(items) - 1:
        last = _tag(_possessor(_strip_quotes(items[-1])))
        item += "".join(w for w, _ in last[1:])
    if len(item) < 2:
        return None
    verb = _CHANGE_AFTER.match(head, at + 2)
    return _tail_words(item, 14) + (verb.group(1) if verb else "")


def _list_items(s: str) -> list[str]:
    """The items of a list written before 分别: separated by 、 and by the conjunctions 和, 与, 及,
    以及 as words (not the 及 of 普及率, the 和 of 和谐)."""
    out, cur = [], ""
    for w, f in _tag(s):
        if w == "、" or (f == "c" and w in ("和", "与", "及", "以及")):
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += w
    return [*out, cur] if cur else out


#: a list that starts with a figure is no list of names (3个社区、5个村分别…)
_LEADING_FIGURE = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万]+[个项名位件条家所户人]")
_PER_TAIL = re.compile(r"(?:平均)?每(?:个|名|位)?[\u4e00-\u9fff]$|平均$")
_CHANGE_AFTER = re.compile(
    r"(?:比|较)?[\u4e00-\u9fff]{0,4}?(增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小|下调|上调)"
)


#: a change to the figure: 死亡人数已上升到81人, 占领阵地缩短到20分钟以内, 准驾年龄延长至63周岁
_CHANGED_TO = re.compile(
    r"(?:已经|已|迅速|逐步|进一步|大幅|将|会|又|再|明年起|今年起)*"
    r"(?:上升|下降|缩短|延长|提高|降低|扩大|缩小|提升|压减|压缩|攀升|跃升|回落|下调|上调|放宽|减少|增加|增长"
    r"|降|升|涨|跌)"
    r"(?:到|至)$"
)


_SEQUENCE_WORDS = frozenset(["后来", "随后", "此后", "之后", "然后", "最后", "最终"])


def changed_to(text: str, cs: int, q_start: int) -> str | None:
    """What changed to the figure (a before/after pair with 从/由 is the pair's rule)."""
    mm = _CHANGED_TO.search(text, max(cs, q_start - 14), q_start)
    if mm is None:
        return None
    head = text[cs : mm.start()]
    if "从" in head or "由" in head:
        return None
    head = _strip_quotes(head.rsplit("的", 1)[-1] if len(head.rsplit("的", 1)[-1]) >= 2 else head)
    got = _tidy(TIME_WORDS.sub("", head[-24:]))
    if got in _SEQUENCE_WORDS:
        return None  # 后来增加到十六亿土方: a time word, no name
    return _tail_words(got, 14) if got and len(got) >= 2 and not _is_place(got) else None


#: a change verb a subject ends with (convention v2, rule 4: the measure that changes names the
#: change, without the verb): 死亡人数下降 -> 死亡人数, 货币余额同比增长 -> 货币余额
_CHANGE_END = re.compile(
    r"(?:同比|环比|年均|平均|分别|已经|已|均|又|再|大幅|持续|稳步|逐步|进一步)*"
    r"(?:增长|下降|提高|上升|降低|减少|增加|提升|扩大|缩小|上涨|下跌|下调|上调|增收|多增|精简|稳定"
    r"|回落|攀升|跃升)了?$"
)
#: what is left of a change that names no measure (同比多增 -> 同比)
_NO_MEASURE = re.compile(r"^(?:同比|环比|比上年|较上年|年均|平均|累计|共|已|已经|后来|其中)?$")


#: determiners before a noun (convention v2 drops them: 各类保障房 -> 保障房, 各类学校 -> 学校)
_DETERMINER = re.compile(
    r"^(?:各类|各种|各项|各个|各色|这些|那些|所有|全部|这个|那个|该)(?=[\u4e00-\u9fff“]{2})"
)


_DETERMINER_WORDS = frozenset(
    ["各类", "各种", "各项", "各个", "各色", "这些", "那些", "所有", "全部"]
)


def without_determiner(subject: str | None) -> str | None:
    """``subject`` without a determiner in front (各类保障房 -> 保障房, 这些企业 -> 企业)."""
    if subject and (mm := _DETERMINER.match(subject)) and not COMPOSED_END.search(subject):
        return subject[mm.end() :]
    return subject


def without_change(subject: str | None) -> str | None:
    """The measure of a change without its verb (convention v2, rule 4): 大型活动增长 -> 大型活动,
    人民币贷款增加 -> 人民币贷款, 集体经济增收 -> 集体经济; a bare verb stays (增长)."""
    if not subject or not (mm := _CHANGE_END.search(subject)) or mm.start() == 0:
        return subject
    rest = subject[: mm.start()]
    if _NO_MEASURE.fullmatch(rest) or len(rest) < 2:
        return subject
    return rest


#: tags of a verb phrase a noun's predicate is made of (耕地面积保持, 可防性案件发案)
_PREDICATE_TAGS = ("v", "vd", "d", "ad")
_NOUN_END_TAGS = ("n", "nz", "j", "ng", "nt")
#: predicates that end a noun only after a whole noun phrase, so not in subject_predicates.txt
#: (which also cuts inside the noun after a classifier): 6家全国重点实验室重组入列
_LATE_PREDICATES = frozenset(["入列", "绽放"])
_MANNER = frozenset(
    ["竞相", "纷纷", "次第", "相继", "陆续", "先后", "集中", "经常性"]
)  # 洋紫荆竞相绽放


def without_predicate(subject: str | None) -> str | None:
    """A noun phrase without the predicate written after it (convention v2, rule 2: no predicate
    after). Read on random non-gold figures: 耕地面积保持在18.2亿亩以上 -> 耕地面积,
    可防性案件全年零发案 -> 可防性案件, 6家全国重点实验室重组入列 -> 全国重点实验室. Only verbs
    (and adverbs before them) of two or more characters after a noun of two or more are cut; a
    verb that names an amount (出口, 投资), an action on the noun (疫苗接种) or a kind (就业) stays,
    and so does a composed subject; the predicate's verb is one of ``data/subject_predicates.txt``
    (企业诉求, 林草生态治理 keep their verb-like head)."""
    if not subject or len(subject) < 4 or COMPOSED_END.search(subject) or "的" in subject:
        return subject
    toks = _tag(subject)
    k = len(toks)
    while k > 1 and (toks[k - 1][1] in _PREDICATE_TAGS or toks[k - 1][0] in _MANNER):
        k -= 1
    if k < len(toks) and toks[k - 1][1] == "vn" and k > 1 and toks[k][1] == "v":
        k -= 1  # 重组入列: a verb-noun opening the predicate
    cut = toks[k:]
    if not cut or not any(f == "v" for _, f in cut) or any(len(w) < 2 for w, _ in cut):
        return subject
    if any(w in _AMOUNT_NOUNS or w in _ACTION_VERBS or w in _KIND_VERBS for w, _ in cut):
        return subject
    if not any(w in _predicates() or w in _LATE_PREDICATES for w, f in cut if f == "v"):
        return subject  # 企业诉求, 林草生态治理: a verb the tagger reads in a noun's name
    head = "".join(w for w, _ in toks[:k])
    if len(head) < 2 or toks[k - 1][1] not in _NOUN_END_TAGS or len(toks[k - 1][0]) < 2:
        return subject
    return head


#: 新增 before a noun is the report's verb, not part of the name (convention v2: ann18 and ann19
#: notes leave 新增 out); 城镇新增就业 is a named indicator
_NEW = re.compile(r"新增(?=[\u4e00-\u9fff“]{2})")


def without_new(subject: str | None) -> str | None:
    """``subject`` without 新增 and an agent before it: 新增风电光伏装机 -> 风电光伏装机, 银行保险机构
    新增债券投资 -> 债券投资 (not 新增就业, 新增确诊病例 either way a kind)."""
    if not subject or COMPOSED_END.search(subject) or not (mm := _NEW.search(subject)):
        return subject
    rest = subject[mm.end() :]
    toks = _tag(rest)
    if rest == "就业" or rest.startswith("就业") or toks[0][1][:1] not in ("n", "j"):
        return subject
    if mm.start() and not all(f[:1] in ("n", "j") for _, f in _tag(subject[: mm.start()])):
        return subject
    return rest


#: the measure words a composed subject ends with (rule 5): 惠及人数, 完成工程用时, 卧室面积 …
COMPOSED_END = re.compile(
    r"(?:人数|户数|次数|用时|时长|年数|天数|年龄|长度|高度|深度|宽度|重量|距离|口径|价值|面积|件数|数量"
    r"|间隔)$"
)
#: verbs that name a kind of thing when they stand before its noun (新增就业, 新建住房)
_MODIFIER_VERBS = re.compile(r"^(?:新增|新建|新设|新开|新发|新招|新批|新上|累计|现有|共有|拥有)")
_NOUN_TAGS = ("n", "nz", "nt", "nl", "ng", "j", "vn", "an", "nr", "nrt", "nrfg", "l", "i")


def without_verb(subject: str | None) -> str | None:
    """A counted noun without the verb that stands before it (convention v2, rule 2: no verb in
    front; 安置剩余劳动力 -> 剩余劳动力, 投放春耕备耕相关贷款 -> 春耕备耕相关贷款, 加装电梯 ->
    电梯, 修订《…条例》 -> 《…条例》). A short noun after a verb is mostly a compound's head
    (安置住房, 注册志愿者, 确诊病例), so a noun of two characters loses only a verb of
    ``_ACTION_VERBS``; composed subjects (惠及人数, 赶到现场用时) and verbs that name a kind
    (新增就业) keep their verb."""
    if not subject or len(subject) < 4 or COMPOSED_END.search(subject):
        return subject
    if _MODIFIER_VERBS.match(subject) or "的" in subject:
        return subject
    toks = _tag(subject)
    j = 0  # an agent before the verb (老楼加装电梯, 中央财政拟安排补贴资金): nouns only
    while j < len(toks) - 2 and toks[j][1] in ("n", "ns", "nt", "j", "nz") and len(toks[j][0]) >= 2:
        j += 1
    if j and not any(w in _ACTION_VERBS for w, _ in toks[j : j + 2]):
        j = 0
    k = j
    while k < len(toks) - 1 and (
        (toks[k][1] == "v" and len(toks[k][0]) >= 2 and toks[k][0] not in _KIND_VERBS)
        or toks[k][0] in _MODALS
        or (toks[k][0] in _ACTION_VERBS and toks[k][1] == "nz")  # 纳管/nz 流动党员
    ):
        k += 1
    if all(w in _MODALS for w, _ in toks[j:k]):
        return subject
    rest = toks[k:]
    out = "".join(w for w, _ in rest)
    if rest[0][0] in _MEASURE_HEADS:
        return subject  # 整体接待规模, 服务能力: a verb before a measure's head names the measure
    if not all(w in _ACTION_VERBS or w in _MODALS for w, _ in toks[j:k]):
        return subject  # 共建一带一路国家, 建档立卡贫困人口, 选举工作条例: a verb that names a kind
    if (
        rest[0][1] in ("v", "a")
        or rest[0][1][:1] in ("d", "p", "c", "u", "m", "q", "r")
        or not (rest[-1][1] in _NOUN_TAGS or rest[-1][0] in "》”")
    ):
        return subject
    if any(
        f in ("v", "a") and len(w) == 2 and w != "相关" and rest[i + 1][1][:1] == "n"
        for i, (w, f) in enumerate(rest[:-1])
        if i > 0
    ):
        return subject  # 组织志愿者清理河道: a clause (a verb and its object), not a noun phrase
    return out


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_MEASURE_HEADS = _words("规模 能力 水平 数量 总量 比例 面积 量 总额 能级 效率 速度")


#: verbs that report an action on the counted thing (加装电梯869台: the lifts are counted)
_ACTION_VERBS = _words(
    "安排 加装 压减 支持 投放 提升 修订 采购 开展 召开 举办 抓获 挽回 招收 破获 捣毁 撤销 服务 匹配"
    " 考察 疏解 腾退 纳管 接种 解决 建成 完成 改造 新建 培训 帮扶 走访 慰问 查处 办理 受理 化解 排查"
    " 整改 收集 征集 发放 救助 救治 转运 收治 检测 组织 引进 培育 打造 创建 建设 吸纳 招募 签约"
    " 实施 推出 上线 出台 制定 印发 发布 清理 拆除 关闭 整治 回应 落实 解答 调解 接听 处置"
)
#: verbs that, written before a noun, name a kind of it (注册志愿者, 确诊病例, 在职党员, 就业岗位)
_KIND_VERBS = _words(
    "学前 无疫 签证 执行 集中 注册 登记 确诊 疑似 在职 在建 搬迁 创新 出行 残障 知识 拳击 就业 死亡 失业 参加 参与 留守 流动"
    " 安置 受益 受灾 受伤 遇难 脱贫 贫困 困难 待业 退休 离退休 退役 孤寡 失能 独居 空巢 居住 常住"
    " 户籍 外出 返乡 务工 入库 入驻 在校 在读 在岗 在编 在册 在线 在院 住院 隔离 观察 密接 治愈"
)


def without_clause(subject: str | None) -> str | None:
    """The head after the last 的 (convention v2, rule 2: no 的-phrase in front): 需要重建的农房 ->
    农房, 空巢老人突发疾病的案例 -> 案例; not inside a quoted or titled name, not a composed
    subject."""
    if not subject or "的" not in subject or COMPOSED_END.search(subject):
        return subject
    head = subject.rsplit("的", 1)[-1]
    if len(head) < 2 or any(ch in head for ch in "”》’」") or head[0] in "地得":
        return subject
    toks = _tag(head)
    if not toks or toks[-1][1] not in _NOUN_TAGS or toks[0][1] in ("v", "d", "p", "c", "u"):
        return subject
    return head


# --------------------------------------------------------------------------- coordinated nouns

_NOUN_ONLY = ("n", "nz", "nt", "ns", "j", "ng", "nr", "l")


def _list_after(text: str, at: int, ce: int, subject: str, conj: str) -> str:
    """``subject`` + ``conj`` + the noun phrase at ``at``, when that noun phrase ends where a
    predicate, 的 or (after 和/与/及) the clause ends: 30个国家和地区的…, 557个居委会和行政村，
    236处老旧小区、背街小巷得到…; not 3座钢构大棚、水肥一体化控制系统， (a list of items goes on)."""
    toks = _tag(text[at : min(ce, at + 12)])
    k = 0
    while k < len(toks) and toks[k][1] in _NOUN_ONLY:
        k += 1
    b = "".join(w for w, _ in toks[:k])
    if not 2 <= len(b) <= 8 or k == len(toks) or all(f == "ns" for _, f in toks[:k]):
        return subject  # 30多个国际组织与中国签署: a place named once is not counted with them
    nxt_w, nxt_f = toks[k]
    ends = nxt_w[:1] in "，。；、,;：:！？" or nxt_w == "的"
    # a predicate word or an adverb starts the predicate; another verb may be a noun's head the
    # tagger split (国际组织, 社会组织), so it ends nothing
    pred = nxt_f[:1] in ("d", "p") or nxt_w in _predicates() or nxt_w in ("等", "全部", "都", "均")
    if any(w in _predicates() for w, _ in toks[:k]):
        return subject
    if (conj == "、" and not pred) or not (ends or pred):
        return subject
    return subject + conj + b


#: the items of a list written before the figure, back to the clause start
_LIST_BEFORE = re.compile(r"[^，。；,;：:！？\n]*$")
_FIGURE_CHAR = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万]+[个项名位件条家所户人处]")


def coordinated(text: str, cs: int, q_start: int, q_end: int, ce: int, subject: str | None):
    """Convention v2, rule 6 (ann23, ann24): a figure counted over a coordination of nouns, with
    no 分别, takes the whole coordination (30个国家和地区 -> 国家和地区, 236处老旧小区、背街小巷 ->
    老旧小区、背街小巷, 改造老旧小区、抗震宜居农房等23万多户 -> 老旧小区、抗震宜居农房); else
    ``subject``."""
    if not subject:
        return subject
    if text.startswith(subject, q_end) and (
        (conj := text[q_end + len(subject) : q_end + len(subject) + 1]) in ("和", "与", "及", "、")
    ):
        return _list_after(text, q_end + len(subject) + 1, ce, subject, conj)
    head = text[max(cs, q_start - 40) : q_start]
    head = head[_LIST_BEFORE.search(head).start() :]
    if "分别" in head or _FIGURE_CHAR.search(head):
        return subject
    lead = re.sub(r"(?:等|共|近|均|达到|达|为|超过|累计)+$", "", head)
    if not lead.endswith(subject) or "、" not in lead and "和" not in lead:
        return subject
    sep = max(lead.rfind("、"), lead.rfind("和"))
    last = lead[sep + 1 :]
    if len(last) > 16 or not last.endswith(subject):
        return subject
    mod = _tag(last[: -len(subject)]) if last != subject else ()
    if mod and (
        mod[0][1][:1] not in ("n", "j") or not all(f[:1] in ("n", "j", "v") for _, f in mod)
    ):
        return subject  # 社区改造省级项目: a noun (and a verb) before the head, no clause
    first = _after_last_action(_strip_quotes(re.split(r"[、和及]", lead[:sep])[-1]))
    ft = _tag(first) if first else ()
    if len(first) < 2 or not ft or ft[0][1][:1] not in ("n", "j", "a") and ft[0][0] != "有":
        return subject  # 对于没有主导产业: a clause, not an item
    if any(f[:1] in ("p", "d", "c", "u", "r", "m") for _, f in ft):
        return subject  # 粤港澳大湾区由香港、澳门: a preposition inside, no list of names
    if len(first) <= 3 and _OWNER.search(first) and _OWNER.match(last):
        return subject  # 党员、村民家风家训: only the owners are coordinated (ann24)
    return first + lead[sep] + last


_OWNER = re.compile(r"(?:党员|村民|居民|群众|市民|职工|干部|学生|家长|企业)")


def _after_last_action(item: str) -> str:
    """An item without the clause before its last action verb (推动各级党委政府受理办理群众建议 ->
    群众建议, 改造老旧小区 -> 老旧小区)."""
    toks = _tag(item)
    at = max((i for i, (w, _) in enumerate(toks[:-1]) if w in _ACTION_VERBS), default=-1)
    return "".join(w for w, _ in toks[at + 1 :])


# --------------------------------------------------------------------------- bare person counts

_PERSON_FIGURE = re.compile(
    r"(?:[0-9０-９.]+|[零〇一二两三四五六七八九十百千]+)[万亿]?(?:多|余)?(?:名|位|人)"
)
_PERSON_WORD = re.compile(
    r"(?:人|者|员|民|生|师|工|士|兵|众|属|童|友|户|客|对象|人口|患者|病人|病例|党员|干部|代表|同志|老人"
    r"|孩子)$"
)


#: what happens to people counted by a bare 人 written before it (至少11人受伤, 2000多人受益)
_PERSON_EVENTS = _words("受益 伤亡 丧生 身亡 获益 脱贫 返乡 就业 参赛 参展 报名 入住 签约 到场")
_EVENT_VERBS = _words("确诊 死亡 受伤 遇难 失踪 撤离 获救 感染 治愈 出院 转移 被困 滞留 参会 出席")


def bare_person_count(
    text: str,
    q_start: int,
    q_end: int,
    subject: str | None,
    noun_at: Callable[[int, int], str | None],
) -> str | None:
    """A count of people whose subject is only a verb phrase (治愈出院1335人, 组织关系正式转入
    2281名, 累计确诊32人): the people counted earlier in the same sentence (收治2404名患者 ->
    患者, 纳管流动党员3.4万余人 -> 流动党员: ann22), else the verb + 人数 (确诊人数: ann23).
    ``noun_at(start, end)`` is the noun of the figure at start:end. ``None`` when the subject
    names people already or is no verb phrase."""
    if not subject or _PERSON_WORD.search(subject) or COMPOSED_END.search(subject):
        return None
    if (
        subject in _EVENT_VERBS | _PERSON_EVENTS
        and text.startswith(subject, q_end)
        and _tag(text[q_end : q_end + len(subject) + 3])[0][0] == subject
    ):
        return subject + "人数"  # 至少11人受伤, 至少2人死亡: what happened to them (ann23 确诊人数)
    if subject in text[q_end : q_end + 12] or _MODIFIER_VERBS.match(subject) or subject == "就业":
        return None  # 120名警察: the classifier's own phrase; 新增就业: a named indicator
    toks = _tag(subject)
    if len(subject) < 2 or not any(f == "v" and len(w) >= 2 for w, f in toks):
        return None
    if len(toks) == 1 and subject in _predicates() | _EVENT_VERBS:
        return subject + "人数"  # 4人死亡, 79人受伤: what happened to them
    ss = max(text.rfind(ch, 0, q_start) for ch in "。！？；\n") + 1
    for mm in reversed(list(_PERSON_FIGURE.finditer(text, ss, q_start))):
        noun = noun_at(mm.start(), mm.end())
        if noun and _PERSON_WORD.search(noun) and len(noun) >= 2:
            return noun
    if toks[0][1] == "v" and len(subject) <= 4:
        return subject + "人数"
    return None


#: nouns of amounts that the tagger reads as verbs (投入, 支出, 占地: 安排科技投入716亿元)
_AMOUNT_NOUNS = _words(
    "投入 支出 投资 捐款 占地 收入 分红 融资 贷款 补贴 结余 营收 进出口 出口 进口"
)
#: people a kind verb acts on rather than names a kind of (安置剩余劳动力: the workers placed)
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_CHANGE_VERBS = re.compile(r"(?:增加|减少|扩大|缩小|提高|降低)$")
_MEASURE_END = re.compile(r"(?:费用|金额|总额|规模|能力|水平|成本|价格|面积)$")
_PEOPLE_HEAD = re.compile(r"(?:劳动力|人员|人口|群众|村民|居民|农民|贫困户|职工)$")


def object_of_verb(subject: str | None) -> str | None:
    """Convention v2, rule 2 (召开联席会议350余次 -> 联席会议): the phrase written before a figure
    that opens with an agent, a modal and verbs counts the verbs' object, whatever the figure
    measures (in the first convention a measure measured the action itself). Read on random
    non-gold figures: 中央财政将安排科技支出1134亿元 -> 科技支出, 追回集体资金5亿元 -> 集体资金,
    每天接待参观者8000多人 -> 参观者, 组织开行货物列车17156列 -> 货物列车, 认定省级工业设计中心20个
    以上 -> 省级工业设计中心. A verb of ``_KIND_VERBS`` stays (安置住房, 确诊病例) unless people
    follow it (安置劳动力); a noun of two characters loses only a verb of ``_ACTION_VERBS`` (服务企业, 疏解腾退占地); a clause inside
    (组织志愿者清理河道) and a measure's head (服务能力) keep the verb."""
    if not subject or len(subject) < 3 or COMPOSED_END.search(subject):
        return subject
    if _MODIFIER_VERBS.match(subject) or "的" in subject:
        return subject
    toks = _tag(subject)
    j = 0  # an agent before the verb (中央财政拟安排…): nouns only
    while j < len(toks) - 2 and toks[j][1] in ("n", "ns", "nt", "j", "nz") and len(toks[j][0]) >= 2:
        j += 1
    k = j
    while (
        k < len(toks) - 1
        and not (k > j and toks[k][0] in _KIND_VERBS)
        and (
            toks[k][0] in _MODALS
            or (
                len(toks[k][0]) >= 2
                and (toks[k][1] == "v" or (toks[k][1] == "vn" and toks[k][0] in _ACTION_VERBS))
            )
        )
    ):
        k += 1
    verbs = [w for w, _ in toks[j:k] if w not in _MODALS]
    if not verbs or "相关" in verbs:
        return subject
    if j and not (
        any(w in _MODALS for w, _ in toks[j:k]) or all(w in _ACTION_VERBS for w in verbs)
    ):
        return subject  # 乡村振兴电商直播技能培训: a noun-verb compound, not an agent
    if any(f == "vn" for _, f in toks[max(j, 1) : k]):
        return subject  # 党群服务驿站: a verb-noun inside a name
    if _MEASURE_END.search(subject) and not _CHANGE_VERBS.match(verbs[-1]):
        return subject  # 维修总费用: a named measure keeps what it measures (rule 3)
    if any(w in _KIND_VERBS for w in verbs) and not _PEOPLE_HEAD.search(subject):
        return subject
    rest = toks[k:]
    if len(rest) > 1 and rest[0][0] in _DETERMINER_WORDS:
        rest = rest[1:]  # 辐射各类从业人员 -> 从业人员: a determiner after the verb goes with it
    out = "".join(w for w, _ in rest)
    if len(out) < 2 or rest[0][0] in _MEASURE_HEADS:
        return subject
    if (rest[0][1] in ("v", "a", "vn") and out not in _AMOUNT_NOUNS) or rest[0][1][:1] in (
        "d",
        "p",
        "c",
        "u",
        "m",
        "q",
        "r",
        "f",
    ):
        return subject  # 自建及合作牧场: a coordination of verbs, not a verb and its object
    if not _HAN.fullmatch(verbs[-1]):
        return subject
    if not (rest[-1][1] in _NOUN_TAGS or rest[-1][0] in _AMOUNT_NOUNS):
        return subject
    if len(out) == 2 and not all(w in _ACTION_VERBS for w in verbs):
        return subject  # 满意工单, 就业岗位: a short noun after a verb is a compound's head
    if any(
        f in ("v", "a") and len(w) == 2 and rest[i + 1][1][:1] in ("n", "b", "j")
        for i, (w, f) in enumerate(rest[:-1])
        if i > 0
    ):
        return subject  # 组织志愿者清理河道: a clause (a verb and its object)
    return out
