"""Noun chunks for indicator subjects: a candidate phrase cut down to its noun phrase with POS
tags from a private rjieba tagger (jieba's tag set; its own dictionary, so the user words
``tokens`` adds for topic modelling never change a subject).

``subjects`` finds the candidate (the classifier's noun after a figure, the phrase before it,
the named rate); this module holds what reads words and tags: ``_tidy`` (the noun chunk of a
candidate), ``_cut_at_verb`` (where the predicate after a classifier's noun starts),
``_object_of`` (a verb's object), ``_possessor``, ``_is_place``, ``_no_figure`` and
``_tail_words``. Every function is pure and cached on its string argument.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: POS tags (jieba's tag set, from rjieba) that never end a subject: adverbs, prepositions,
#: conjunctions, particles, pronouns, time words, localisers, numerals, classifiers, modals
_NOT_LAST = ("d", "p", "c", "u", "r", "f", "m", "q", "y", "e", "o", "x")


#: ... and never start one
_NOT_FIRST = ("d", "p", "c", "u", "r", "f", "m", "q", "y", "e", "o", "x")


#: words the tagger misreads that are kept whole (使用面积: 使 is a bounding word elsewhere)
_ALWAYS_NOUN = frozenset(["使用", "用地", "面积", "人数", "户数"])
#: verbs whose object is a whole clause (实现企业复工): its predicate stays
_VP_OPENERS = frozenset(
    ["实现", "完成", "推动", "促进", "支持", "帮助", "组织", "带动", "引导", "鼓励"]
)
#: one-character heads the tagger reads as a classifier, numeral or conjunction at the end of a
#: noun (核酸采样点, 观察哨所): kept after a noun or a verb
_HEAD_ENDS = frozenset("点所站处")


#: time words dropped from a subject wherever they stand (the tagger's ``t`` also covers
#: 青年, 少年, which are nouns here, so the list is explicit)
_TIME_WORD = re.compile(
    r"(?:今|去|明|前|本|当|全|近|上一?|下)年(?:度|底|初|末)?|近日|日前|目前|当前|现在|如今|此前|"
    r"之前|以前|此后|今后|同期|当天|今天|昨天|每年|每月|每天|每日|每周|每季度|年底|年初|年末|月底|"
    r"迄今|至今|[0-9０-９一二三四五六七八九十〇零]+(?:年|月|日)(?:底|初|末|份)?|"
    r"(?:平均)?每[斤人户亩个名次位件吨]"  # 平均每斤: the rate's denominator (per), no subject
)


#: a place name at the start of a subject (ends in an administrative or community suffix)
_PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{1,6}(?:省|市|区|县|镇|乡|村|社区|街道|自治区)")


_PLACE_SUFFIXES = frozenset(["社区", "村", "街道", "镇", "乡", "县", "街"])
_HAS = frozenset(["共有", "现有", "拥有", "有"])


_GENERIC_PLACE = re.compile(
    r"^(?:居民|老旧|城市|农村|城乡|新建|周边|所在|各|本|贫困|薄弱|行政|示范|样板|试点|美丽|文明|重点)"
)
#: common nouns the tagger reads as place names (ns): never dropped as a figure's place
#: words that name the scope (the place) of a figure, never part of its subject
_SCOPE_WORDS = frozenset(
    [
        "全国",
        "全省",
        "全市",
        "全区",
        "全县",
        "全镇",
        "全乡",
        "全村",
        "全社区",
        "全院",
        "全校",
        "全街道",
        "该区",
        "该市",
        "该县",
        "该镇",
        "该村",
        "该省",
        "我区",
        "我市",
        "我县",
        "我省",
        "本市",
        "本区",
        "全年",
    ]
)


@lru_cache(maxsize=1)
def _tagger():
    """A private rjieba instance (its own dictionary: user words added by ``tokens`` for
    topic modelling never change the subjects)."""
    return _rjieba_class()()


def _rjieba_class():
    """``rjieba.Jieba``, if possible without running ``rjieba/__init__.py``: importing the
    package builds a module-level default instance (its dictionary, about as costly as
    our own: 0.2–0.5 s and its memory in every process) that the subjects never use. The
    compiled module is loaded under its own name, ``rjieba.rjieba``, so a later ``import
    rjieba`` (the tokens) finds it in ``sys.modules`` and gets the same class."""
    import sys

    mod = sys.modules.get("rjieba.rjieba")
    if mod is None and "rjieba" not in sys.modules:
        try:
            import importlib.machinery
            import importlib.util
            from pathlib import Path

            spec = importlib.util.find_spec("rjieba")  # finds the package, runs nothing
            where = spec.submodule_search_locations if spec else None
            for suffix in importlib.machinery.EXTENSION_SUFFIXES if where else ():
                path = Path(where[0]) / f"rjieba{suffix}"
                if path.is_file():
                    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                    ext = importlib.util.spec_from_file_location(
                        "rjieba.rjieba", path, loader=loader
                    )
                    mod = importlib.util.module_from_spec(ext)
                    sys.modules["rjieba.rjieba"] = mod
                    loader.exec_module(mod)
                    break
        except Exception:  # any layout we do not know: the ordinary import below
            sys.modules.pop("rjieba.rjieba", None)
            mod = None
    if mod is None or not hasattr(mod, "Jieba"):
        import rjieba

        return rjieba.Jieba
    return mod.Jieba


#: verbs that end a candidate but never a subject (the tagger reads many action nouns such as
#: 诉求, 收缴 as verbs, so only these and one-character verbs are stripped)
_ONE_CHAR_VERBS = frozenset("有是占住来达为分到在给让使用带")


_TRAILING_VERBS = frozenset(
    ["带来", "低于", "高于", "超过", "达到", "只有", "拥有", "具有", "包括", "覆盖", "准备", "需要"]
)


@lru_cache(maxsize=65536)
def _tag(s: str) -> tuple[tuple[str, str], ...]:
    """``(word, POS tag)`` pairs of ``s`` (cached: subject candidates recur), with the tags of
    ``data/pos_corrections.txt`` (common words the dictionary tags as places)."""
    fix = _pos_corrections()
    return tuple((w, fix.get(w, f)) for w, f in _tagger().tag(s))


@lru_cache(maxsize=1)
def _pos_corrections() -> dict[str, str]:
    """word -> tag, from ``data/pos_corrections.txt``."""
    from .indicator_rules import _bad, _data_lines

    name = "pos_corrections.txt"
    out: dict[str, str] = {}
    for no, f in _data_lines(name):
        if len(f) != 2 or not f[0] or not f[1].isalpha() or not f[1].isascii():
            raise _bad(name, no, "expected a word, a tab and a POS tag (n, v, a, b, nz …)")
        if f[0] in out:
            raise _bad(name, no, f"{f[0]!r} is listed twice")
        out[f[0]] = f[1]
    return out


def _flag_is(w: str, flag: str, heads: tuple[str, ...]) -> bool:
    if flag == "v":
        return w in _ONE_CHAR_VERBS or ("v" in heads and w in _TRAILING_VERBS)
    if flag == "m" and (w.isascii() or (len(w) > 1 and not _NUMERAL_CHAR.search(w))):
        return False  # 12345工单: a number that names; 大宗商品: no numeral at all
    if flag == "f" and w in _REGION_WORDS:
        return False  # 沿海运输企业, 东部地区: a region that modifies, not a localiser
    return flag[:1] in heads and flag not in ("vn", "an")


_NUMERAL_CHAR = re.compile(
    r"[0-9０-９零〇○一二两三四五六七八九十百千万亿几数多余半每各点首第批年月日号]"
)
_REGION_WORDS = frozenset(["沿海", "东部", "西部", "中部", "东北", "南方", "北方", "内地", "海外"])


@lru_cache(maxsize=8192)
def _tidy(s: str | None, *, verbs: bool = False) -> str | None:
    """The noun chunk of a subject candidate (the rule set in tests/data/gold/README.md):

    1. time words (今年, 日前) and 每+unit words (每年, 每天) are dropped wherever they stand;
    2. adverbs, prepositions, conjunctions, particles, pronouns, time words, localisers,
       numerals and classifiers are stripped from both ends;
    3. unless ``verbs`` (a named change: 好评率环比上升), verbs are stripped from the end, too.

    ``None`` when nothing is left (``以``, ``就``, ``这位今年``).
    """
    if not s:
        return None
    toks = [(w, f) for w, f in _tag(s) if not _TIME_WORD.fullmatch(w)]
    # 全市生产安全死亡事故起数, 武汉市江岸区桃源社区常住居民: the scope (a place) is the figure's
    # place, not its subject; so is a place that 共有/有 links to what it has (not before a
    # one-character noun: 中国人)
    while (len(toks) > 2 or (len(toks) == 2 and len(toks[1][0]) > 1)) and (
        toks[0][0] in _SCOPE_WORDS
        or toks[0][1] == "ns"
        or (
            len(toks[0][0]) >= 3
            and _PLACE_WORD.fullmatch(toks[0][0])
            and not _GENERIC_PLACE.match(toks[0][0])
        )
    ):
        toks.pop(0)
    while (
        len(toks) > 2
        and toks[1][0] in _PLACE_SUFFIXES
        and toks[0][1][:1] in ("n", "j")
        and not _GENERIC_PLACE.match(toks[0][0])
    ):
        del toks[:2]  # 桃源社区常住居民: a place written as name + 社区 (two words)
    for i in range(len(toks) - 1, 0, -1):
        if toks[i][0] in _HAS and i < len(toks) - 1:
            toks = toks[i + 1 :]  # 东湖新城社区共有居民 -> 居民
            break
    last = _NOT_LAST if verbs else (*_NOT_LAST, "v")
    if (
        not verbs
        and len(toks) > 1
        and toks[-1][0] in _predicates()
        and toks[-2][1][:1] in "nj"
        and toks[0][0] not in _VP_OPENERS  # 实现企业复工: a verb phrase, the predicate its object's
    ):
        toks.pop()  # 相关企业复工10多家: the noun's predicate (tagged vn or n) is no part of it
    while (
        toks
        and toks[-1][0] not in _ALWAYS_NOUN
        and not (len(toks) > 1 and toks[-1][0] in _HEAD_ENDS and toks[-2][1][:1] in ("n", "v"))
        and _flag_is(*toks[-1], last)
    ):
        toks.pop()
    while toks and toks[0][0] not in _ALWAYS_NOUN and _flag_is(*toks[0], _NOT_FIRST):
        toks.pop(0)
    # 财政共投入 -> 财政投入, 区首次全部 -> 区: adverbs inside or at the end are no part of a name
    toks = [(w, f) for w, f in toks if w not in _INNER_ADVERBS]
    out = "".join(w for w, _ in toks)
    if (
        len(out) > 2
        and toks
        and len(toks[0][0]) == 2
        and toks[0][0][0] in _GLUED_PREPOSITIONS
        and toks[0][1] == "n"
    ):
        out = out[1:]  # 为村集体: the tagger glues the preposition to the noun (为村 as one word)
    if len(out) > 3 and (mm := _GLUED_LEAD.match(out)) and not _LEAD_WORDS.match(out):
        out = out[mm.end() :]  # 和种子独角兽企业, 了各类文创企业, 以上老年人: glued to the noun
    return out or None


#: a conjunction, particle or the tail of 及以上 left at the start of a candidate
_GLUED_LEAD = re.compile(r"(?:及以上|以上|和|及|与|了)")
#: words that start with those characters
_LEAD_WORDS = re.compile(r"和谐|和平|及时|与会|了解|以上率")


#: one-character adverbs and adverbial words dropped wherever they stand in a subject
_INNER_ADVERBS = frozenset(
    ["共", "均", "都", "已", "也", "还", "又", "再", "首次", "全部", "全面", "已经", "累计", "分别"]
    + ["共计", "总计", "合计", "总共"]
)


_GLUED_PREPOSITIONS = frozenset("为对向给把被让")


#: tags of words that can stand in a noun phrase before its predicate
_NOUNISH = ("n", "j", "zg", "b", "l")


@lru_cache(maxsize=16384)
def _cut_at_verb(s: str | None, *, person: bool = False) -> str | None:
    """A subject written after its classifier ends where its predicate starts:
    227对村企确立了联建关系 -> 村企; 三栋楼准备加装电梯 -> 楼; 1400余名医务人员始终奋战 -> 医务人员;
    198项精品赛事叫好又叫座 -> 精品赛事.

    After a noun, an adverb or a preposition starts the predicate, and so does a word of
    ``data/subject_predicates.txt`` (死亡, 落户, 实施: not before a head character, 医疗支援队) and a
    verb followed by an aspect particle, 的, a second verb, a place or an adverb. A verb followed
    by a noun stays: many are compounds or adjectival (就业岗位, 信访积案, 休憩区, 国际知名卫生法学家).
    A final verb is mostly an action noun the tagger reads as a verb (居民诉求, 养老保险收缴), but
    not after a classifier of things or people (``kind`` ``thing``/``person``: 重大项目复工 ->
    重大项目); after a person classifier the noun ends at its last person word (专家赶赴监利 -> 专家,
    党员志愿者支援 -> 党员志愿者, 同志光荣入选 -> 同志)."""
    if not s:
        return None
    toks = _tag(s)
    if person:
        toks = _person_head(toks)
    out = []
    seen_noun = False
    preds = _predicates()
    for i, (w, f) in enumerate(toks):
        j = i - 1
        while j > 0 and toks[j][0] in _CLOSING_QUOTES:
            j -= 1  # “算力新城”如串珠般崛起: the quoted noun before the predicate
        if seen_noun and (
            toks[j][1][:1] in _NOUNISH
            or toks[j][1] in ("vn", "nr", "nrt", "ns")
            or toks[j][0] in _HEAD_ENDS
        ):
            if f in ("d", "p", "ad") or w in _ADVERB_WORDS:
                break  # 医务人员始终奋战, 委员通过移动履职平台发表意见, 中心直接接入社区
            if f == "v" and len(w) == 1 and i == len(toks) - 1:
                break  # 在职党员回(到社区): a one-character verb ends no noun
            if (
                f == "v"
                and len(w) == 1
                and len(toks[j][0]) >= 2
                and i + 1 < len(toks)
                and (toks[i + 1][1][:1] in ("n", "u", "v") or toks[i + 1][0] in _CLOSING_QUOTES)
                and not _HEAD_CHAR.fullmatch(toks[i + 1][0])
                and not _HEAD_CHAR.fullmatch(w)  # 地面水文监测报讯站设施: 站 is a head
                and w not in _NOUN_FORMING  # 冰雪主题游线路, 平行分论坛
            ):
                break  # 近百种特色小吃令游人流连忘返, 4个…行政单位设分会场: a verb and its object
            if w in preds and not (i + 1 < len(toks) and _HEAD_CHAR.fullmatch(toks[i + 1][0])):
                break  # 巴勒斯坦人死亡, 外资企业落户后田村, 深度贫困村实施整村搬迁
            if f == "v" and i < len(toks) - 1:
                nxt = toks[i + 1]
                if nxt[0] in ("了", "着", "过", "的") or nxt[1] in ("v", "ns", "d"):
                    break
            if (
                i < len(toks) - 1
                and toks[i + 1][0] in ("了", "着", "过")
                and toks[i + 1][1][:1] == "u"
            ):
                break  # 健康步道成了市民的…: a word with an aspect particle is a verb, whatever its tag
        out.append(w)
        if (f[:1] in _NOUNISH and f != "b") or (w in _HEAD_ENDS and i > 0):
            seen_noun = True
    return "".join(out) or None


_CLOSING_QUOTES = frozenset("”’」》\"'")
#: one-character verbs that mostly make a noun with the noun after them (游线路, 分论坛, 用电量)
_NOUN_FORMING = frozenset("游分用产售供运停")
#: one-character heads a verb before them makes a noun with (医疗支援队, 核酸检测点)
_HEAD_CHAR = re.compile(r"[队点站室组岗区所处员部会厅馆园库场线车船机证卡费款金率量]")
#: words a person counted by 名/位/人 ends with (巴勒斯坦人, 志愿者, 党员, 牧民, 同志, 贫困户)
_PERSON_END = re.compile(
    r"(?:人|者|员|民|生|师|工|士|兵|官|众|属|童|女|友|手|家|客|户|儿|胞|代表|同志|干部|书记|主任|"
    r"家庭|家长|老人|青年|少年|妇女|儿童|学子|孩子)$"
)


def _person_head(toks: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The tokens up to the last person word of the noun phrase that starts the candidate: the
    phrase runs on through nouns only (党员志愿者支援 -> 党员志愿者, 当地牧民做管理员 -> 当地牧民)."""
    first = next(
        (i for i, (w, f) in enumerate(toks) if f[:1] in ("n", "j") and _PERSON_END.search(w)), None
    )
    if first is None:
        return toks
    last = first
    for i in range(first + 1, len(toks)):
        w, f = toks[i]
        if f[:1] not in ("n", "j") or (len(w) == 1 and not _PERSON_END.search(w)):
            # the predicate starts here; nouns after the last person word make it a modifier
            # (儒家经典语句, 人民医院), not the head
            return toks[: last + 1] if last == i - 1 else toks
        if _PERSON_END.search(w):
            last = i
    return toks


@lru_cache(maxsize=1)
def _predicates() -> frozenset[str]:
    """The words of ``data/subject_predicates.txt``."""
    from .indicator_rules import _data_lines

    return frozenset(f[0] for _, f in _data_lines("subject_predicates.txt"))


@lru_cache(maxsize=16384)
def _inside_nouns(s: str, *, start: bool = False) -> frozenset[int]:
    """Offsets in ``s`` inside a word the tagger reads as a noun: a one-character bounding word
    there (植被, 被子, 将军) is part of the noun, not a bound (每日, 区均: the tagger's own
    misreadings as adverbs still bound). With ``start``, the first character of such a noun
    counts too (对象, 在院: before a figure, where the bound is searched from the right). Place
    words (空中/s) are nouns here, too."""
    out, at = set(), 0
    for w, f in _tag(s):
        if ((f[:1] in ("n", "j") or f == "s") and len(w) > 1) or (
            f == "l" and len(w) >= 4 and _tag(w[-2:])[-1][1][:1] == "n"
        ):  # 辐射各类从业人员: a fixed expression (l) ending in a noun is a noun, too
            out.update(range(at if start else at + 1, at + len(w)))
        at += len(w)
    return frozenset(out)


_ADVERB_WORDS = frozenset(
    [
        "最能",
        "最",
        "都",
        "就",
        "也",
        "还",
        "又",
        "才",
        "便",
        "均",
        "皆",
        "已",
        "已经",
        "将",
        "可",
        "能够",
        "可以",
        "正在",
        "仍",
        "仍然",
    ]
)


_ANY_DIGIT = re.compile(r"[0-9０-９]")


_NUMBER_NAME = re.compile(r"[0-9]{4,}[\u4e00-\u9fff]")


_FROM_BEFORE = re.compile(r"(?:从|由)(?=[^从由]*$)")


_AFTER_FIGURE = re.compile(
    r"^.*[0-9０-９][0-9０-９.．%％]*[余多]?(?:[万亿]?[\u4e00-\u9fff](?:及以上|以上|以下)?)?"
)


@lru_cache(maxsize=16384)
def _tail_words(s: str | None, n: int) -> str | None:
    """The last words of ``s`` that fit in ``n`` characters (never a word cut in half)."""
    if not s or len(s) <= n:
        return s
    out = ""
    for w in reversed(_tagger().cut(s)):
        if len(out) + len(w) > n:
            break
        out = w + out
    return out or None


def _possessor(s: str) -> str:
    """``X的Y`` -> ``XY`` when X is a noun (a possessor: 房子的使用面积), ``Y`` when X holds a verb
    (a relative clause); ``s`` unchanged without 的."""
    if "的" not in s:
        return s
    before, after = s.rsplit("的", 1)
    if not before or not after:
        return after or s
    return after if any(f == "v" for _, f in _tag(before)) else before + after


#: modal and auxiliary words before a verb (会 is also the end of 常委会 cut by a bounding word)
_MODALS = frozenset(["会", "要", "将", "拟", "力争", "争取", "计划", "预计", "再", "又", "还"])


@lru_cache(maxsize=8192)
def _object_of(s: str | None) -> str | None:
    """``s`` without the verbs (and modals) it starts with, when a noun phrase of three or more
    characters follows them: 查摆民生相关问题 -> 民生相关问题, 立改废政府规章 -> 政府规章."""
    if not s:
        return s
    toks = _tag(s)
    k = 0
    while k < len(toks) - 1 and (
        toks[k][1] == "v" or toks[k][0] in _MODALS or toks[k][0] in "了着过"
    ):
        k += 1
    rest = toks[k:]
    out = "".join(w for w, _ in rest)
    # a short noun after a verb is mostly a compound's head (满意工单, 就业岗位, 安置住房)
    if k == 0 or len(out) < 3 or not any(f[:1] in ("n", "j") or f == "vn" for _, f in rest):
        return s
    return out


def _is_place(s: str) -> bool:
    """True when ``s`` is one place name and nothing else (内蒙古, 桃源社区)."""
    toks = _tag(s)
    return (
        bool(toks)
        and all(f == "ns" for _, f in toks)
        or bool(len(s) >= 3 and _PLACE_WORD.fullmatch(s) and not _GENERIC_PLACE.match(s))
    )


def _no_figure(subj: str | None) -> str | None:
    """A subject never holds another figure: 城镇化率由53.1%上升 -> 城镇化率 (a pair: the noun
    before 由/从), 来自14个国家 -> None, 423个重大项目总投资 -> 重大项目总投资 (what follows the
    figure and its classifier)."""
    if subj and (mm := _GLUED_LEAD.match(subj)) and len(subj) > 3 and not _LEAD_WORDS.match(subj):
        subj = subj[mm.end() :]  # 和宣布失效政府规章: a conjunction left by a bounding word
    if not subj or not _ANY_DIGIT.search(subj):
        return subj
    at = _ANY_DIGIT.search(subj).start()
    if _NUMBER_NAME.match(subj):
        return subj  # 12345热线, 12345工单: a number that names
    if at and (mm := _FROM_BEFORE.search(subj, 0, at)) and mm.start() >= 2:
        return subj[: mm.start()]
    rest = _tidy(_AFTER_FIGURE.sub("", subj))
    return rest if rest and len(rest) >= 2 and not _ANY_DIGIT.search(rest) else None
