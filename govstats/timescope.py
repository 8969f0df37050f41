"""Time scope and place of an indicator: the scoping phrases (``今年以来``, ``截至6月4日24时``,
``前11个月``) and place names (社区, 小区, 街道, 镇, 村) of a sentence, and which of them govern
a figure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .indicator_rules import _bounds, _Text

_DT = (
    r"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|中午|晚上|凌晨|晚)?"
    r"(?:[0-9一二三四五六七八九十两]{1,3}[点时](?:半|[0-9]{1,2}分)?)?"
)
_CS = r"(?<![^,，。；;:：!?！？\n“”])"  # at the start of a clause
_N = "[0-9一二三四五六七八九十两几]"
_YMD = (
    r"(?:[一二三四五六七八九〇○零]{4}年(?:[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)?"
    r"|\d{4}年(?:\d{1,2}月)?)(?:底|初|末|份)?(?![以来度])"
)
_NOT_CLAUSE = r"[^,，。；;:：!?！？\n0-9]"
#: a year or a span of years named by reference to the text before (ANNOTATION.md
#: ``time_scope``: a temporal phrase of the sentence): 那年, 同年, 当年, 这些年
_ANAPHORIC = r"(?:那一?年|这一年|同年|当年|次年|翌年|这些年|这几年|那些年|近些年)"
#: the alternatives of a scope phrase, in the order ``re`` tries them at one position. A leading
#: ``(?=[…])`` only names the characters an alternative can start with (the same matches, fewer
#: failed tries: ``python -m bench.identity`` unchanged); widen it when the alternative changes
_SCOPE_ALTS = (
    # school holidays as a period: 利用寒暑假，…; 这个暑期，…; 2012年暑假，…; 暑假里
    r"(?=[这今去寒暑\d])(?:这个|今年|去年|\d{4}年)?(?:寒暑假|寒假|暑假|暑期)(?:里|中|期间)?(?=[，,])"
    r"|(?:寒暑假|寒假|暑假|暑期)(?:里|期间)"
    # a public holiday opening a clause: 这个假期，全国举办文旅活动超2.9万场; 这个中秋假期，上千名施工
    # 人员…; 今年十一黄金周，国内接待旅游总人次…; 假期里综合收入同比增长近40%
    rf"|(?=[这今去\d“\"五十国中春元清端劳假长小黄]){_CS}(?:这个|今年|去年|\d{{4}}年)?[“\"]?"
    r"(?:五一|十一|国庆中秋|中秋国庆|国庆|中秋|春节|元旦|清明|端午|劳动节)?[”\"]?(?:小长假|长假|假期|黄金周)"
    r"(?:(?:里|期间|中)|(?=[，,]))"
    # the event the figures are of: 本次调水从…向山东供水10.01亿立方米, 本次大赛共设6个项目
    r"|(?:本次|此次)[^\s，,。；;:：!?！？\n0-9共将已在是为对把被的]{0,6}?"
    r"(?:活动|会议|大会|大赛|比赛|赛事|展会|博览会|交易会|峰会|论坛|运动会|地震|调水|普查|调查|"
    r"行动|培训|演练|演习|招聘|考试|选拔|评选|巡视|督查|检查|抽检|抽查|展览|航展|降雨|降水|洪水|台风|寒潮|"
    r"疫情|救援|会晤|会谈|访问|对话会|推介会|发布会|招聘会|展销会|洽谈会|座谈会|研讨会|见面会)"
    # a past point referred back to: …，当时全村只有3户; 那时，…; 从那时起，…为全校150名孩子…
    r"|(?:从|自)(?:那时候?|那一?年|那天)(?:起|开始|以来)|(?:从|自)那以后|从此以后"
    rf"|{_CS}(?:当时|那时候?|彼时)(?!间)"
    # the span a cumulative total is counted over: 5年累计投入, 近三年累计, 十年累计
    r"|(?<![0-9一二两三四五六七八九十])近?(?!一[年个])[一二两三四五六七八九十0-9]{1,2}(?:多|余)?个?(?:年|月)"
    r"(?=累计|共计)"
    # a span of years opening a clause of a report: 五年全国新增城镇就业5100万人, 10年资助19名学子
    # (as in non_indicators.txt, relative_time)
    rf"|{_CS}(?!一)[一二两三四五六七八九十0-9]{{1,2}}年"
    r"(?![来前后内间以的时多半里之度底初末份上下期个月日年零代])(?!行动|攻坚|专项|计划|规划|设想|远景|計劃|規劃)"
    r"(?!平均|年均)(?=[\u4e00-\u9fff])(?=[^，,。；;！？、\n]{0,16}?(?:[0-9]|[一二两三四五六七八九十百千]+[万亿倍番]))"
    # the time since an event, before what was done in it: 国开行开展这项业务仅2个月，就向5万多户…,
    # 这个公司成立三年就获得了…融资 (as in non_indicators.txt, relative_time)
    rf"|{_CS}[^,，。；;:：!?！？\n0-9]{{0,8}}?(?:运行|运营|开通|上线|启动|实施|成立|开展|建成|投用|投运|投产|出台|推出|开业|开放|试行|推行|创办|开工|挂牌|组建)"
    r"[^，,。；;！？\n0-9一二两三四五六七八九十用花]{0,10}?(?:短短|仅仅|仅|不到)?[一二两三四五六七八九十0-9]+(?:多|余)?个?[多余]?(?:月|年|天|周|星期)(?=[，,]?(?:已|就))"
    # a span of days of one month written with one 日: 8月1-28日, 2月13-14日，民航局组织协调33架包机
    r"|(?=\d)(?:\d{4}年)?\d{1,2}月\d{1,2}(?:-|－|—{1,2}|至|到)\d{1,2}日"
    # a short span the figures were reached in: 短短一年，兰考2.5万人实现脱贫; 在短短的16个月里，…5次
    rf"|短短的?(?:几|数|{_N}+)(?:多|余)?个?[多余]?(?:年|月|天|周|星期|小时)[多余]?(?:的?时间)?(?:里|内|间|中)?"
    # the time since an event before 就/已, with no verb of launching: 中心落地不到一年，已经对接…4500多项;
    # 仅仅两天，就收获了近800万美元意向订单
    rf"|{_CS}[^,，。；;:：!?！？\n0-9]{{0,12}}?(?:仅仅|仅|才|不到)[一二两三四五六七八九十0-9几]+(?:多|余)?个?[多余]?"
    r"(?:月|年|天|周|星期|小时)(?=[，,]?(?:就|便|已))"
    # a day of a daily report: 12月2日0—24时 (the day the counts are for)
    r"|(?:\d{1,2}月)?\d{1,2}日0?时?(?:—|-|－|至|到)24时"
    # a start from which a rule applies: 明年起, 从2012年3月起, 自7月1日起
    r"|(?:从|自)?(?:今年|明年|去年|本月|下月|下个月|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日)起(?![来草步点码诉始])"
    # a start with its event, ending the clause: 自1953年实施第一个五年计划起，…14个五年规划
    rf"|[从自]\d{{4}}年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?{_NOT_CLAUSE}{{1,14}}?起(?=[，,])"
    # a five-year-plan period: “十四五”时期, “六五”期间, “十一五”以来
    r"|[“\"]?[一二三四五六七八九十]{1,3}五[”\"]?(?:规划)?(?:时期|期间|以来|末|初|期末|末期)"
    # a period before or after now: 未来三年, 过去20天, 今后五年, 过去的两个多月里
    rf"|(?:未来|今后|过去|最近)(?:的)?{_N}+(?:多|余)?(?:年|天|周|小时|个[多余]?(?:月|小时|星期))"
    r"(?:里|内|中|间)?"
    # the later end of a before/after pair: 增加到去年的98亿元, 提高到现在的800公斤
    r"|(?<=[到至])(?:今年|去年|现在|目前)(?=的)"
    # a window up to N years or months: 五年内增加的年产能力 (the duration is an indicator too)
    rf"|(?<![0-9一二两三四五六七八九十]){_N}+(?:多|余)?(?:年|个月)(?:之内|以内|内)(?!乱)"  # (not 十年内乱)
    # (截至北京时间今天（8月13日）16时, the clock of a daily count)
    r"|(?:截至|截止)(?:到)?(?:北京时间|当地时间)?(?:目前|当前|今年|去年|上年|上周|本周|上月|本月|当天|当日|\d{4}年)?"
    r"(?:今天|昨天|今日|昨日|当晚|今晚|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号])?(?:（(?:\d{1,2}月)?\d{1,2}日）)?"
    r"(?:上旬|中旬|下旬|底|末|初)?"
    r"(?:早上|上午|中午|下午|晚上|凌晨)?(?:[0-9一二三四五六七八九十两]{1,3}[时点](?:半|\d{1,2}分)?)?"  # 截至下午五点
    # months of a year: 今年前11个月, 1至10月, 今年1—5月, 今年四月
    rf"|(?:今年|去年|\d{{4}}年)?(?:前{_N}{{1,2}}个月|{_N}{{1,2}}(?:至|到|—|-|～|~){_N}{{1,3}}月份?)"
    rf"|(?:今年|去年){_N}{{1,2}}月(?:份|底|初|末)?(?:以来)?"
    # anniversaries and spans up to now: 推出居住证制度4年来, 3年来, 近五年来, 2月21日以来
    # (with 多 after the unit too: 三年多来, 两周多以来, 一年多以来)
    rf"|(?:近|这)?{_N}+(?:多|余)?个?[多余]?(?:年|月|天|周|星期)[多余]?(?:以来|来)"
    r"|(?:自|从)?(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:上旬|中旬|下旬|初|底|末)?(?:以来|来)"
    r"|迄今|至今|去冬今春|今冬明春"
    # the year or century of the report: 本年收入实际增长15.83%; 本年度已累计下拨救灾资金68亿元; 到本世纪末
    r"|本(?<![日基根]本)年度?(?![轻级龄薪])(?![^，,。；;！？!?\n]*的)|(?:到|在)?本世纪(?:末|中叶)"
    # a relative anchor opening a clause: 两年前，…; 十年间，…
    rf"|{_CS}(?:而|就|而就)?(?:在)?(?:近)?{_N}+(?:多|余)?个?[多余]?(?:年|月|天|周)(?:之前|前|间)(?=[，,])"
    # a window of time: 在两个月的时间内 (the duration is an indicator too)
    rf"|在?{_N}+(?:多|余)?个?[多余]?(?:月|年|天|周|小时)的?时间(?:内|里)"
    # a half, a quarter or the whole of a year: 2017年前三季度, 今年一季度, 去年全年, 年内
    r"|(?=[今去上下前第全一二三四\d])(?:今年|去年|上年|\d{4}年)?(?:上半年|下半年|前三季度|前两季度|第?[一二三四1-4]季度|全年)"
    r"|(?:今年|去年|\d{4}年|(?<![0-9一二两三四五六七八九十个多余]))年内"
    # a dated event opening a clause, the figures after it: 2002年下岗后，…; 2019年建成通水后，将…
    rf"|{_CS}\d{{4}}年(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?{_NOT_CLAUSE}{{0,12}}?(?:之后|以后|后)(?=[,，])"
    # an interval of days named relative to the story's day: 从昨天到今天，…降雨量超过140毫米; 预计今天到明天，
    # …气温下降4—6℃; 从昨天到今天（2月6日），… (a same-sentence interval, ANNOTATION.md)
    r"|(?=[从昨前今])从?(?:昨天|前天|今天|昨日|前日|今日)(?:到|至)(?:今天|明天|后天|今日|明日)(?:（(?:\d{1,2}月)?\d{1,2}日）)?"
    # a year, written in Chinese or Arabic digits, maybe with a month and a range
    rf"|(?<![比较于同])(?:到|至)?{_YMD}(?:(?:到|至) ?{_YMD})?"  # (2003年到 2007年)
    rf"|(?=[从自\d])[从自]?{_DT}(?:启动|开始|起)?(?:到|至|—{{1,2}}|-)(?:\d{{1,2}}月)?\d{{1,2}}日(?:上午|下午|中午|晚上|凌晨|晚)?"
    r"(?:[0-9一二三四五六七八九十两]{1,3}[点时](?:半|[0-9]{1,2}分)?)?"
    r"|(?=[自从今去近多\d])(?:自|从)?(?:\d{4}年|今年|去年|近年|近几年|近\d+年|多年|\d{1,2}月(?:份)?)(?:以来|来)"
    # a month, or the end of the year, opening a clause: 4月份，…; 9月末，…; 年末存款余额…
    rf"|(?=[\d一二三四五六七八九十]){_CS}(?:\d{{1,2}}|十[一二]|[一二三四五六七八九十])月(?:份|末|底|初|上旬|中旬|下旬)?(?![\d日号])"
    r"|年(?<![^,，。；;:：!?！？\n“”]年)[末底初]"  # 年末, 年底, 年初 opening a clause
    # an anaphoric year or span opening a clause: 那年，…; 同年，…; 这些年，…; 当年，…
    rf"|{_CS}{_ANAPHORIC}(?=[，,])"
    # the span of years just told of, opening a clause: 这五年，甘肃让615万农村贫困人口脱离贫困;
    # 这十年，…能耗累计下降约26.2%
    rf"|(?=这){_CS}这(?:[一二两三四五六七八九十]{{1,2}}|\d{{1,2}})年(?:里|间|中)?(?![来前后内间以的度级])"
    # an anaphoric year with its month opening a clause: 同年9月，作为全国百名优秀乡村教师代表…
    rf"|(?=[同当次翌那这]){_CS}(?:同年|当年|次年|翌年|那一?年|这一年)(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])月"
    r"(?:份|底|初|末|上旬|中旬|下旬)?(?![以来度])"
    # the month of a published statistic: 今天公布的3月份制造业采购经理指数(PMI)为50.3%, 今天（9月4日）
    # 发布的8月份中国仓储指数为52% (not the day it was published)
    r"|(?<=[公发]布的)(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月份?(?!份)(?![\d日号底末初以来度至到—-]|[上中下]旬)"
    # a month after a country or region inside a clause: 英国4月消费者价格指数同比增长9%
    r"|(?=\d)(?<=[国省市州])\d{1,2}月份?(?![\d日号底末初中上下旬以来度至到—-])(?=[\u4e00-\u9fff])"
    r"|(?:这些年|那些年|近些年)(?:以来|来)"
)
#: alternatives that need 以来, 期间, 活动时 or 过程中/报名中/后 before a comma in the sentence; the
#: scanner without them (``_TIME_SCOPE_LITE``) finds the same phrases in a sentence lacking those
#: words, at a fraction of the cost (the lazy clause-long alternatives are the expensive ones)
#: since a dated event opening a clause, tried before the bare date (in a sentence with 以来 only):
#: 去年10月新一轮巴以冲突爆发以来，…已造成超过3.5万名…死亡 (not 去年10月)
_SCOPE_FREE_FIRST = (
    rf"{_CS}(?:(?:今年|去年|\d{{4}}年)(?:\d{{1,2}}月)?|\d{{1,2}}月)(?:\d{{1,2}}日)?(?:上旬|中旬|下旬|初|底|末)?"
    rf"{_NOT_CLAUSE}{{2,20}}?(?<!近年)以来|"
)
_SCOPE_FREE = (
    # since a dated event: 工程自2013年11月正式通水以来, 自2023年开通以来, 自3月中旬以来 (with
    # a short agent opening the clause, not a long one, a verb of saying or a title's end)
    r"|(?:(?<![^,，。；;:：!?！？\n“”])[^,，。；;:：!?！？\n0-9“”》称说是]{1,4}?)?[自从](?:\d{4}年|今年|去年)?(?:\d{1,2}月)?(?:\d{1,2}日)?"
    r"(?<=\d[年月日])(?:上旬|中旬|下旬|初|底|末)?"
    rf"{_NOT_CLAUSE}{{0,20}}?以来"
    # (not a clause ending in 长期以来, "for long": 由于调整经济和解决长期以来…, 感谢中方长期以来…)
    rf"|{_CS}{_NOT_CLAUSE}{{2,30}}?(?<!近年)(?<!长期)以来"
    rf"|{_CS}在?{_NOT_CLAUSE}{{2,14}}?(?:过程中|期间|报名中|(?<![落最前背随然往此善滞断幕身延])后)(?=[,，])"
    r"|[\u4e00-\u9fff]{2,4}(?:期间|活动时)"
)
_SCOPE_LAST = (
    rf"|{_CS}(?:在|到)?(?:今年(?:年初|年底|年末|初|底|末)?|去年(?:年末|年底|同期|初|底|末)?|目前|当前|如今"
    r"|眼下|当下|现阶段|现在(?!的)|之前|此前|近年来)"
    # inside a clause, after its agent: 产业规模目前已突破…, 湖南今年在74个重点县…, 佛州目前仍有…
    r"|(?<![比较于同到至与和是])(?:目前|当前|眼下|如今)(?![的为])"
    # (not in a clause that modifies a noun: 寒亭区今年在农村打造的…工程)
    r"|(?<![比较于同到至与和是前])(?:今年|去年)(?![以同的底末初度前上下全第一二三四五六七八九十\d])"
    r"(?![^，,。；;！？!?\n]*的)"
    # the week or month of a count, as 今年 is the year: 上周全球新增病例超过400万; 上个月，两江新区
    # 再次下放了283项审批权 (not 比上月, 上周五, 本周期, 上月底, 赶上周末; 9月份当月 is 9月份)
    r"|(?=[上本当])(?<![比较于同到至与和是前环赶遇碰逢加马由从])(?:上周|本周|上个?月|本月|(?<![月份])当月)(?:末(?=[，,]))?"
    r"(?![以同的底末初度份中前期一二三四五六日天\d])(?![^，,。；;！？!?\n]*的)"
)
#: look-ahead: a position where some alternative can start (its first character, a clause
#: start, or the 期间/活动时 alternative); lets ``re`` skip the rest quickly
_SCOPE_START = (
    rf"(?=[截从自今去明近多上下前第一二三四五六七八九十两几年全迄到至这那〇○“目当眼如寒暑本此彼短昨\d]|{_CS}"
    r"|过去|未来|最近|(?<=[到至])[现目]"
)
_TIME_SCOPE = re.compile(
    _SCOPE_START + r"|[\u4e00-\u9fff]{2,4}(?:期间|活动时))"
    + "(?:" + _SCOPE_FREE_FIRST + _SCOPE_ALTS + _SCOPE_FREE + _SCOPE_LAST + ")"
)  # fmt: skip
_TIME_SCOPE_LITE = re.compile(_SCOPE_START + ")(?:" + _SCOPE_ALTS + _SCOPE_LAST + ")")
_FREE_KEY = re.compile(r"以来|期间|活动时|(?:过程中|报名中|后)[,，]")
_POINT_DATE = re.compile(rf"(?=\d){_DT}")  # every date starts with a digit
_PLACE = re.compile(
    r"(?:^|(?<=[,，。；;:：、“”‘’\s(（在于住到进区市县道镇]))"
    r"([\u4e00-\u9fff]{2,6}?(?:社区|小区|街道|镇|村))"
    r"(?!小区|社区|村)(?![\u4e00-\u9fff]?(?:委|民|级|干部|书记|主任|工作|治理|建设|规模))"
)
_PLACE_KEY = re.compile(r"社区|小区|街道|镇|村")  # the suffixes of _PLACE
_PLACE_BAD = re.compile(
    r"[了的和与等个各该全每这那本其实现解决协调组织建成推动开设激活累计处理关规范落抓好拓宽畅通坚持品质城乡农居旧新辖基层"
    r"所有相部分重点包括涵盖覆盖走深入我们他它进到在为对把被让使将已完善提升加强优化打造]"
)


#: subjects that name a static attribute (a length, a height, an age): no period scopes them
_STATIC = re.compile(r"(?:长度|宽度|高度|深度|口径|直径|射程|海拔|全长)$")


_YEAR_ONLY = re.compile(
    r"(?:到|至)?(?:[一二三四五六七八九〇零]{4}|[0-9]{4})年.*|这?[一二两三四五六七八九十0-9]{1,2}年(?:里|间|中)?"
)  # (a span of years opening a clause, 五年全国新增…: no age or duration of it either)
_ANAPHORIC_ONLY = re.compile(_ANAPHORIC + "|当时|那时候?|彼时")
#: a short span (短短一周, 发出倡议仅5天): it scopes what was done in it, not another duration
#: (短短一周达成共识，…，仅48小时就完成工程)
_SPAN = re.compile(
    r"^短短|(?:仅仅|仅|才|不到)[一二两三四五六七八九十0-9几]+(?:多|余)?个?[多余]?(?:月|年|天|周|星期|小时)$"
)


def point_in_time(scope: str) -> bool:
    """True when ``scope`` is a year (2013年, 2013年11月) or a span of years (五年), a year or a point named by reference
    (那年, 这些年, 当时), the event itself (此次培训为期一周) or a short span (短短一周): it dates a
    count, but a duration (七年, 一周) is no figure of it."""
    return bool(
        _YEAR_ONLY.fullmatch(scope)
        or _ANAPHORIC_ONLY.fullmatch(scope)
        or scope.startswith(("本次", "此次"))
        or _SPAN.search(scope)
    )


#: a duration that is an attribute of a noun (工作6年的陈林, 连续三年的严重自然灾害, 两年多的努力; not
#: 两个多月的时间, which is the duration itself), a record over a span (气温为十年最低, 近百年少有), or
#: a span the sentence names (关键五年, 新时代十年, 下个世纪头十年): no period scopes it
_DURATION_AFTER = re.compile(
    r"[多余]?的(?!时间|时候|光景)|[多余]?(?:来|以来)?(?:最[高低多少大小长短快慢好差]|少有|罕见|未遇|一遇|新高|新低|之最)"
)
_DURATION_BEFORE = re.compile(r"(?:关键性?|新时代|(?<![创更重革最全])新|头)\Z")
#: a countdown (只有849天, 开幕倒计时30天) is scoped only by now (目前，距离…开幕还有43天), not by the
#: day it counts to or from (到１９９７年７月１日…只有８４９天, 今天（1月18日）是…倒计时30天)
_COUNTDOWN_BEFORE = re.compile(r"(?:还有|只有|仅有|倒计时)\Z")
_NOW = frozenset(["目前", "眼下", "现在", "如今", "当前", "当下", "截至目前", "截止目前"])
#: a run of years or days (连续4年, 已连续6天): only the start it is counted from (5月30日以来，…已
#: 连续6天; 从今年1月1日起，再连续三年; 自去年6月份连续15个月) or the interval it fills (12月29日到31日，
#: 连续三天) scopes it, not a period of the clause (全年…，连续4年增加)
_RUN_BEFORE = re.compile(r"连续(?:了)?\Z")
_START_SCOPE = re.compile(r"^(?:截至|截止|从|自)|(?:以来|来|起|至今|迄今|开始)$")
_INTERVAL = re.compile(r"\d日?(?:到|至|—|-)\d")  # (before a comma: not 26日至27日的民调)
_START_AFTER = re.compile(r"(?:\d{1,2}日)?[）)]?(?:起|开始)")  # 今晚（12月25日）起, 从今年1月1日起


def unscoped_duration(text: str, start: int, end: int, scope: str, scope_end: int) -> bool:
    """True when the duration ``text[start:end]`` takes no time scope ``scope`` (ending at
    ``scope_end``; the period of the sentence is not a period of it): see ``_DURATION_AFTER``,
    ``_DURATION_BEFORE``, ``_COUNTDOWN_BEFORE``, ``_RUN_BEFORE``."""
    lo = max(0, start - 3)
    if _DURATION_AFTER.match(text, end) or _DURATION_BEFORE.search(text, lo, start):
        return True
    if _COUNTDOWN_BEFORE.search(text, lo, start):
        return scope not in _NOW
    if not _RUN_BEFORE.search(text, lo, start):
        return False
    at = scope_end - len(scope) - 1  # the character before the scope as written (自去年6月份)
    return not (
        _START_SCOPE.search(scope)
        or (scope_end >= 0 and _START_AFTER.match(text, scope_end))
        or (at >= 0 and text[at] in "自从")
        or (_INTERVAL.search(scope) is not None and text[scope_end : scope_end + 1] in ("，", ","))
    )


def static_measure(subject: str | None) -> bool:
    """True when ``subject`` names a static attribute (ANNOTATION.md: ``time_scope`` is null for
    altitude, age, length that merely share a sentence with a time word)."""
    return bool(subject and _STATIC.search(subject))


def inherited_scope(t: _Text, ss: int, *, bare: bool = True) -> str | None:
    """The period that opens a sentence, for a part of it after ``；``: 3年来，A了；B了；已有三栋楼…
    -> 3年来; with ``bare``, also one with no comma after it (1979年油料产量644万吨，…；肉类产量…).
    Only a scope that heads the sentence's first part counts: a period inside an earlier part
    (争取三年内…) is that part's own."""
    text = t.text
    k, ps = ss - 1, ss
    for _ in range(8):  # at most eight parts back
        if k < 0 or text[k] not in "；;":
            break
        ps = _bounds(text, k, t.sentence_ends)[0]
        k = ps - 1
    if ps == ss:
        return None
    scopes, _places = _sentence_facts(t, ps, _bounds(text, ps, t.sentence_ends)[1])
    if not scopes:
        return None
    end, scope = scopes[0]
    head = text[ps:end].strip()
    if len(head) > len(scope) + 3:
        return None
    if text[end : end + 1] in ("，", ","):
        return scope
    # a period opening the sentence with no comma after it: 1979年油料产量644万吨，…；肉类产量
    # 1，062万吨 -> 1979年 (not a year of an age or a noun: 今年56岁的…, 2020年的…)
    # (``bare``: not for a duration, 连续4年稳定在…; nor a year of a noun, 2017年启动的黄河滩区大迁建)
    nxt = text[end : end + 1]
    if not bare or head != scope or not nxt or nxt in _NOT_AFTER_OPENING:
        return None
    return None if "的" in text[end : end + 6] else scope


_NOT_AFTER_OPENING = "0123456789０１２３４５６７８９的一二三四五六七八九十两起前后以来至到—-－～~、"


def _sentence_facts(t: _Text, ss: int, se: int) -> tuple[list, list]:
    """Time-scope phrases ``(end, scope)`` and place names ``(start, name)`` of one
    sentence, computed once per sentence."""
    got = t.facts.get(ss)
    if got is None:
        text = t.text
        scopes = [
            (m.end(), _clean_scope(_with_event(text, ss, m)))
            for m in (_TIME_SCOPE if _FREE_KEY.search(text, ss, se) else _TIME_SCOPE_LITE).finditer(
                text, ss, se
            )
            if not _COMPARED.match(text, m.end())
            and (m.start() == 0 or text[m.start() - 1] not in "比较")
        ]
        places = []
        # a place name ends in one of its suffixes at most 6 characters after it starts:
        # the scan starts there (the same matches; most sentences have none)
        key = _PLACE_KEY.search(text, ss, se)
        for pm in _PLACE.finditer(text, max(ss, key.start() - 6), se) if key else ():
            name = _trim_place(pm.group(1))
            if name is not None:
                places.append((pm.start(), name))
        got = t.facts[ss] = (scopes, places)
    return got


#: a period named as the base of a comparison is no scope: 比“十三五”时期增长71%,
#: 同“五五”时期相比 (a period right after 比/较, or right before 相比), nor the period of a record
_COMPARED = re.compile(
    r"[”\"]?(?:相比|相较|比较)"
    # the base of a target: 在2005年基础上减排3.8%, 在2020年的基础上翻一番
    # (in 一九五九年粮食总产量的基础上 too; not 今年在去年基础上; a base with a figure in it,
    # 在１９７９到１９８３年平均每年递增７．９％的基础上, keeps its period for that figure: indicators.py)
    r"|(?:[^，,。；;:：!?！？\n在0-9０-９一二三四五六七八九十百千万]{1,10}?的|的)?基础上"
    # a year that names an issue, a flood or a session: 2025年第13号公告, 2025年第四期国债
    r"|第[0-9一二三四五六七八九十]+(?:号|期|届|次)"
    # the date of a speech or report named in a noun phrase: 习近平同志2017年10月18日在…上所做的报告
    r"|(?:\d{1,2}日)?(?:上午|下午|晚上)?在[^，,。；;:：!?！？\n]{2,40}?[上中](?:所作|所做|作|发表)?的"
    # a record over a period is no scope: 创下了8个月以来的最快增速, 40多年来新高
    r"|的?(?:新高|新低|最高|最低|最快|最慢|最大|最多|最好|之最)"
    # nor a span up to now of a first: 实现4个月来首次回升, 比重在近十年来首次超过第二产业 (not 今年首次)
    r"|(?<=来)的?(?:首次|首度|首批|首个|第一次)"
)
_SINCE = re.compile(rf"(?:近|这)?{_N}+(?:多|余)?个?[多余]?(?:年|月|天|周|星期)[多余]?(?:以来|来)")
_CLAUSE_START = re.compile(r"[,，。；;:：!?！？\n]")  # not quotes: 推行“1+3”群众工作法两年来


def _with_event(text: str, ss: int, m: re.Match[str]) -> str:
    """A span up to now with the event it counts from: 推出居住证制度4年来 (the clause before
    ``N年来``, at most 16 characters back to the clause start), else the match as it is."""
    g = m.group()
    if not _SINCE.fullmatch(g):
        return g
    lo = max(ss, m.start() - 16)
    head = text[lo : m.start()]
    cut = max((x.end() for x in _CLAUSE_START.finditer(head)), default=None)
    if cut is None and lo > ss:
        return g  # the clause starts further back: the event is too long to be a name
    head = head[cut or 0 :]
    if head.startswith("“") and "”" in head:
        head = head[head.index("”") + 1 :]  # the quoted name opening the clause is its actor
    return head + g


_ACTOR = re.compile(
    r"^[\u4e00-\u9fff]{2,8}?(?:省|区|县|市|镇|街道|社区)"
    r"(?=实施|开展|启动|推行|推进|推出|出台|实行|建立|成立|召开)"
)


#: words that open a clause before its period: 特别是党的十八大以来 -> 党的十八大以来
_LEAD_WORDS = re.compile(r"^(?:特别是|尤其是|其中|同时|而就在|就在|而在)")


@lru_cache(maxsize=4096)
def _clean_scope(s: str) -> str:
    s = _LEAD_WORDS.sub("", s.strip())
    if s.endswith("的") and len(s) > 2:
        s = s[:-1]  # 增加到去年的: the period is 去年
    if s.startswith("在") and len(s) > 2:
        s = s[1:]
    # the actor is not part of the period (寒亭区实施…工程以来 -> 实施…工程以来)
    s = _ACTOR.sub("", s)
    for o, cl in (("“", "”"), ("‘", "’")):
        if s.startswith(o) and cl not in s:
            s = s[1:]
        elif cl in s and o not in s:
            s = s[s.index(cl) + 1 :] if s.index(cl) < len(s) - 1 else s
    s = s.lstrip('“‘"').strip() if s[:1] == '"' else s
    if s.startswith(("到如今", "到目前", "到现在")):
        s = s[1:]  # 到如今每年往返…: the period is 如今 (到 before a date stays: 到一九五八年一月)
    if s.startswith(("在", "于")) and len(s) > 2:
        s = s[1:]
    return s


_PLACE_LEAD = re.compile(r"^(?:目前|如今|今年|近年来|家住|住在|位于|走进|来到|深入)")
_PLACE_PARTS = re.compile(r".*?(?:社区|小区|街道|镇|村)")
_PLACE_SUFFIX = re.compile(r"(?:社区|小区|街道|镇|村)$")


@lru_cache(maxsize=4096)
def _trim_place(s: str) -> str | None:
    s = _PLACE_LEAD.sub("", s)
    # narrowest: the last named component (工业二村小区 inside 宁海街道滨海社区工业二村小区)
    parts = _PLACE_PARTS.findall(s)
    if not parts:
        return None
    name = parts[-1]
    if len(parts) >= 2 and len(name) <= 3:
        name = parts[-2] + name
    stem = _PLACE_SUFFIX.sub("", name)
    if len(stem) < 2 or _PLACE_BAD.search(stem):
        return None
    return name
