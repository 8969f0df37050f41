"""Time-scope classes found in random non-gold text (issue 11; read in ``tools/sample_scopes.py
--seed 1``): the examples are short sentences of non-gold stories of ``../shared/corpora``."""

from __future__ import annotations

import pytest
from conftest import figure

from govstats.indicators import extract_from_text


def _scope(text: str, surface: str) -> str | None:
    return figure(text, surface).time_scope


# since a dated event, the clause written with its digits: 自2013年…以来 (not the bare year)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "自2013年上海设立首个自贸试验区以来，已累计形成202项制度创新成果复制推广。",
            "202项",
            "自2013年上海设立首个自贸试验区以来",
        ),
        (
            "记者从厦门海关获悉，自2023年开通以来，国内首条电商快线已运行126艘次。",
            "126艘次",
            "自2023年开通以来",
        ),
        ("自1日以来，奥运会相关的阳性人数累计达67人。", "67人", "自1日以来"),
        (
            "据统计，从2005年中央民族工作会议以来，国家共投入4200亿元专项资金。",
            "4200亿元",
            "从2005年中央民族工作会议以来",
        ),
        ("自2017年以来，生态环境部一共命名6批生态文明建设示范区。", "6批", "自2017年以来"),
    ],
)
def test_since_a_dated_event(text, surface, scope):
    assert _scope(text, surface) == scope


# the span a cumulative total is counted over: 5年累计, 近三年累计 (not 一年累计, a cap)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("中央财政五年累计安排100亿元，支持制种大县现代化水平提升。", "100亿元", "五年"),
        ("农业保险近三年累计提供风险保障0.94万亿元，保持逐年增长。", "0.94万亿元", "近三年"),
        ("河北三年累计引进的京津项目就超过了一万个。", "一万个", "三年"),
        ("个人一年累计自费分别不超过3000元。", "不超过3000元", None),
    ],
)
def test_span_of_a_cumulative_total(text, surface, scope):
    assert _scope(text, surface) == scope


# the event the figures are of: 本次大赛, 此次地震 (not the duration of the event itself)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("本次大赛共设速度赛、障碍赛等6个比赛项目，400多名骑手将展开对决。", "400多名", "本次大赛"),
        ("列入此次清理规范的投资项目报建审批事项共计65项。", "65项", None),
        ("此次空军航空开放活动暨长春航空展为期5天，展示总面积14万平方米。", "5天", None),
        (
            "此次空军航空开放活动暨长春航空展为期5天，展示总面积14万平方米。",
            "14万平方米",
            "此次空军航空开放活动",
        ),
    ],
)
def test_this_event(text, surface, scope):
    assert _scope(text, surface) == scope


# school holidays as a period: 暑期，…; 这个暑期，…; 2012年暑假，…; 暑假里
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("这个暑期，已有来自全国各地的游客超40万人次走进良渚古城。", "超40万人次", "这个暑期"),
        ("暑期里，长白山景区累计接待游客超157万人次，同比增长超35%。", "超35%", "暑期里"),
        (
            "旅游大数据显示，这个暑期，我国入境旅游订单同比增长1倍。",
            "1倍",
            "这个暑期",
        ),
    ],
)
def test_school_holidays(text, surface, scope):
    assert _scope(text, surface) == scope


# a past point referred back to: …，当时…; not an age or a duration (as 那年)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "他在家门口发现一个被遗弃的女婴，当时阿巴拜克力已经有4个子女，最大的18岁。",
            "4个",
            "当时",
        ),
        ("他在家门口发现一个被遗弃的女婴，当时阿巴拜克力已经有4个子女，最大的18岁。", "18岁", None),
        ("根据幸存者的描述，当时这艘船上载有大约50名乘客。", "大约50名", "当时"),
        ("受打印设备的限制，当时车站只能发售三天以内的车票。", "三天以内", None),
    ],
)
def test_a_past_point(text, surface, scope):
    assert _scope(text, surface) == scope


# a span of years opening a clause of a report, with the report's figures after it: the period of
# those figures, not a duration (government work reports, 2008, 2011, 2013); not a duration
# without a figure after it, a 两年平均 statistic, nor a plan's name
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("人民生活显著改善。五年全国新增城镇就业5100万人。", "5100万人", "五年"),
        ("积极稳妥推进城镇化，五年转移农村人口8463万人。", "8463万人", "五年"),
        ("西部大开发继续推进，五年中央财政支持重点建设投资2800多亿元。", "2800多亿元", "五年"),
        (
            "城乡基层自治组织建设进一步健全。五年国务院共向全国人大常委会提交39件法律议案。",
            "39件",
            "五年",
        ),
    ],
)
def test_span_of_years_opening_a_report_clause(text, surface, scope):
    assert _scope(text, surface) == scope
    assert "五年" not in [q.surface for q in extract_from_text(text)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("经过五年接续奋斗，我省“十四五”顺利收官。", "五年"),
        ("五年的成绩来之不易。", "五年"),
        ("这个中秋，叶连平依然在教室里，19年自掏腰包义务坚守是他给祖国的告白。", "19年"),
    ],
)
def test_span_of_years_still_a_duration(text, surface):
    assert surface in [q.surface for q in extract_from_text(text)]


# the time since an event, before what was done in it: an anchor that scopes the figures after it,
# not a duration (seed-1 sample of '…N个月[，,]?(?:已|就)'); 仅用了2个月就完成 stays a duration
@pytest.mark.parametrize(
    ("text", "surface", "scope", "span"),
    [
        (
            "在浙江台州等地，国开行开展这项业务仅2个月，就向5万多户小微企业发放贷款近500亿元。",
            "近500亿元",
            "国开行开展这项业务仅2个月",
            "2个月",
        ),
        (
            "自主研发嵌入式人工智能视觉芯片的这个公司，成立三年就获得了第二轮6亿美元的融资。",
            "6亿美元",
            "成立三年",
            "三年",
        ),
    ],
)
def test_time_since_an_event(text, surface, scope, span):
    assert _scope(text, surface) == scope
    assert span not in [q.surface for q in extract_from_text(text)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("没有了后顾之忧，10个村1.5万人的拆迁安置，仅用了2个月就完成了。", "2个月"),
        ("加上多年的工作经验，牛师傅只用一个月就能熟练操作这台机床。", "一个月"),
    ],
)
def test_time_used_is_still_a_duration(text, surface):
    assert surface in [q.surface for q in extract_from_text(text)]


# a dated event opening a clause, with the figures after it: the event, not the bare year
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "该线路全长1119公里，2017年建成后，每年可向华东地区送电450亿度。",
            "450亿度",
            "2017年建成后",
        ),
        (
            "外资需求增加，2018年之后，每月新增规模300到500亿元人民币。",
            "300到500亿元",
            "2018年之后",
        ),
        ("2019年，全省新增就业120万人。", "120万人", "2019年"),
    ],
)
def test_dated_event_opening_a_clause(text, surface, scope):
    assert _scope(text, surface) == scope


# Classes of a stratified random sample (tools/sample_scope_figures.py --seed 61, verdicts in
# bench/scope_verdicts_s61.json and scope_verdicts_s61x.json), each read again in
# tools/sample_scopes.py before its rule was written.


# 现在 opening a clause, like 目前/如今 (not 现在的…, a noun's modifier)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("现在，水稻已经为兴安盟10.5万贫困人口打开了一条增收新通道。", "10.5万", "现在"),
        ("两个月前买的100只獭兔，现在陆续生下200多只。", "200多只", "现在"),
        ("同我国有外交关系的国家，现在已增加到一百二十九个。", "一百二十九个", "现在"),
        ("村民们告诉记者，现在的幸福生活，离不开村里的两次产业升级。", "两次", None),
    ],
)
def test_now_opening_a_clause(text, surface, scope):
    assert _scope(text, surface) == scope


# 截至 with its clock: 截至7号, 截至北京时间今天（8月13日）16时 (not the bare 截至)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("截至7号，在哈巴罗夫斯克地区，有69个居民点受洪灾影响。", "69个", "截至7号"),
        (
            "截至北京时间今天（8月13日）16时，美国累计确诊病例超过3630万，死亡病例超过61.9万例。",
            "超过3630万",
            "截至北京时间今天（8月13日）16时",
        ),
        (
            "截至北京时间今天下午6点，地震已造成至少238人死亡。",
            "至少238人",
            "截至北京时间今天下午6点",
        ),
    ],
)
def test_until_with_its_clock(text, surface, scope):
    assert _scope(text, surface) == scope


# days of one month written with one 日 (8月1-28日), and 6月中旬以来
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("根据国网快报数据，8月1-28日，全国发用电同比增长了2.97%。", "2.97%", "8月1-28日"),
        ("2月13-14日，民航局组织协调33架包机。", "33架", "2月13-14日"),
        (
            "巴基斯坦国家灾害管理局30日说，6月中旬以来，强降雨已造成1136人遇难。",
            "1136人",
            "6月中旬以来",
        ),
        (
            "去年10月新一轮巴以冲突爆发以来，以色列在加沙地带的军事行动已造成超过3.5万名巴勒斯坦人死亡。",
            "超过3.5万名",
            "去年10月新一轮巴以冲突爆发以来",
        ),
    ],
)
def test_days_and_since(text, surface, scope):
    assert _scope(text, surface) == scope


# a year or date that dates something else: the base of a target (在2005年基础上), the year
# of a named issue (2025年第13号公告), the date of a speech named in a noun phrase
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("日本政府15号宣布，到2020年将二氧化碳排放量在2005年基础上减排3.8%。", "3.8%", "到2020年"),
        (
            "国家能源局预计，我国风电和太阳能发电量将在2020年的基础上翻一番，可再生能源电量将超过80%。",
            "超过80%",
            None,
        ),
        (
            "同日，商务部发布2025年第13号公告，公布将莱多斯公司等15家美国实体列入出口管制管控名单。",
            "15家",
            None,
        ),
        (
            "国务院总理李克强2020年5月22日在第十三届全国人民代表大会第三次会议上所作的《政府工作报告》的"
            "蒙古、藏、维吾尔、哈萨克、朝鲜等5种少数民族文字单行本已由中国民族语文翻译局翻译。",
            "5种",
            None,
        ),
    ],
)
def test_a_date_of_something_else(text, surface, scope):
    assert _scope(text, surface) == scope


# a short span the figures were reached in: 短短几年, 在短短48小时内, 发出倡议仅5天，就…
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("短短几年，研究院聚集了1000多名高端人才。", "1000多名", "短短几年"),
        ("短短一年，兰考2.5万人实现脱贫。", "2.5万人", "短短一年"),
        (
            "埃及华人华侨协会发起募捐倡议后，在短短48小时内，共筹集到医疗物资1.7吨。",
            "1.7吨",
            "短短48小时内",
        ),
        ("中心落地不到一年，已经对接高校科技成果4500多项。", "4500多项", "中心落地不到一年"),
        (
            "这家生产户外功能性服装的参展商今年也将环保产品数量从2019年的近四成增加至七成，仅仅两天，"
            "就收获了近800万美元意向订单。",
            "近800万美元",
            "仅仅两天",
        ),
    ],
)
def test_a_short_span(text, surface, scope):
    assert _scope(text, surface) == scope


def test_a_short_span_does_not_scope_another_duration():
    from govstats.timescope import point_in_time

    assert point_in_time("短短一周") and point_in_time("《楚天都市报》发出倡议仅5天")
    assert not point_in_time("今年以来") and not point_in_time("截至目前")


# anchors written without a clock word: 从那时起, 就在一年前, 本年, 本世纪末, 自<year><event>起
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("从那时起，她就想尽办法为孩子们送温暖，为全校150名孩子申请到棉衣。", "150名", "从那时起"),
        ("而就在一年前，憨庙村还有30多户人家迟迟没有脱贫。", "30多户", "一年前"),
        (
            "在支出数额中扣除１９５５年用上年结余拨付的资金，则本年收入实际增长１５．８３％。",
            "１５．８３％",
            "本年",
        ),
        ("至此，本年度已累计下拨救灾资金68亿元。", "68亿元", "本年度"),
        ("为了实现在本世纪末把我国人口控制在１２亿左右的目标。", "１２亿左右", "本世纪末"),
        (
            "自1953年实施第一个五年计划起，我国已经接续编制和实施了14个五年规划。",
            "14个",
            "自1953年实施第一个五年计划起",
        ),
        (
            "推行“1+3”群众工作法两年来，龙江县为群众办结的事项达到17.1万件。",
            "17.1万件",
            "推行“1+3”群众工作法两年来",
        ),
        ("两千多名日本年轻人19号晚在日本国会前举行反战集会。", "两千多名", None),
    ],
)
def test_anchors_without_a_clock_word(text, surface, scope):
    assert _scope(text, surface) == scope


# an age is a static attribute (ANNOTATION.md): no period scopes it
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("武汉市把接种服务时间延长到了晚上10点，从3月25日开始为60岁以上人群接种；", "60岁以上"),
        ("老人名叫罗成禹，今年74岁，前阵子摔伤了腰。", "74岁"),
        ("10月22日50岁的BBC男记者拉塞尔·乔思林自杀死亡。", "50岁"),
    ],
)
def test_an_age_has_no_scope(text, surface):
    assert _scope(text, surface) is None


def test_a_life_expectancy_is_no_age():
    # a statistic of its year (seed 88 of tools/sample_scope_figures.py), not a person's age
    text = "人民群众生活质量不断改善和提升，2024年我国人均预期寿命达到79岁。"
    assert _scope(text, "79岁") == "2024年"


# --- session 7 (seed 131 of tools/sample_scope_figures.py, and the classes grepped in non-gold
# stories of ../shared/corpora): the week or month of a count, as 今年 is its year
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "世卫组织6日表示，全球新增确诊病例数量连续六周上升，上周全球新增病例超过400万。",
            "超过400万",
            "上周",
        ),
        (
            "上个月，两江新区再次下放了283项审批权，基本覆盖了新区开发开放涉及的所有重要审批领域。",
            "283项",
            "上个月",
        ),
        (
            "上个月，黑龙江大米网的绿色农产品拍卖交易，总成交额2690万元，这在东北是头一回。",
            "2690万元",
            "上个月",
        ),
        ("本月起,石家庄市司法局为全市427个居民社区配备律师。", "427个", "本月起"),
        # not 赶上周末 (a weekend it fell on), nor 比上月, nor 当月 after its month
        ("由于正赶上周末,有上万名来自北京、天津、河北等地的游客被困景区。", "上万名", None),
        (
            "海关统计显示,9月份当月,我国进出口总值为3450.3亿美元,同比增长6.3%。",
            "3450.3亿美元",
            "9月份",
        ),
    ],
)
def test_a_week_or_month_of_a_count(text, surface, scope):
    assert _scope(text, surface) == scope


# a public holiday opening a clause is the period of its figures
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "这个假期，全国超20场音乐节轮番开唱，每1元音乐节门票就能带动8元综合消费。",
            "超20场",
            "这个假期",
        ),
        (
            "根据国家旅游局的统计，今年十一黄金周，国内接待旅游总人次将达到4.8亿人次，同比上涨13%。",
            "4.8亿人次",
            "今年十一黄金周",
        ),
        (
            "河南的戏剧幻城主题景区把休闲打卡、观影看展、传统非遗融合成立体消费新空间，"
            "假期里综合收入同比增长近40%。",
            "近40%",
            "假期里",
        ),
        (
            "这个中秋假期，在塔克拉玛干沙漠腹地，上千名施工人员没有休息，加快建设万亩光伏治沙项目。",
            "上千名",
            "这个中秋假期",
        ),
    ],
)
def test_a_holiday_opening_a_clause(text, surface, scope):
    assert _scope(text, surface) == scope


# 截至 with a clock in Chinese numerals, 同年 with its month, a month after a country
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "截至下午五点，首都国际机场共有118架次航班因为降雪取消。",
            "118架次",
            "截至下午五点",
        ),
        (
            "同年9月，作为全国百名优秀乡村教师代表走进杭州亚运场馆，现场的热烈氛围让她心潮起伏。",
            "百名",
            "同年9月",
        ),
        (
            "受能源价格上涨、生活成本增加等因素影响，英国4月消费者价格指数同比增长9%，为1982年以来的新高。",
            "9%",
            "4月",
        ),
    ],
)
def test_clock_anaphoric_month_and_month_of_a_country(text, surface, scope):
    assert _scope(text, surface) == scope


# parallel from-to pairs: the later pair, written without years, has the earlier pair's years
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "公路通车里程由1997年的123万公里增加到2002年的176万公里，其中高速公路由4771公里增加到"
            "2.52万公里，从居世界第三十九位跃升到第二位。",
            "4771公里",
            "1997年",
        ),
        (
            "公路通车里程由1997年的123万公里增加到2002年的176万公里，其中高速公路由4771公里增加到"
            "2.52万公里，从居世界第三十九位跃升到第二位。",
            "2.52万公里",
            "到2002年",
        ),
        (
            "全国高等学校由一九八○年的六百七十五所增加到一九八二年的七百二十九所，"
            "招生数由二十八万人增加到三十一万人。",
            "二十八万人",
            "一九八○年",
        ),
        (
            "60年来，西藏人均GDP从1959年的142元增加到2018年的43397元，人口从122.8万人增长到"
            "343.82万人，人均寿命从35.5岁提高到68.2岁。",
            "122.8万人",
            "1959年",
        ),
        # a life expectancy in a pair is a statistic of its year, not an age
        (
            "60年来，西藏人均GDP从1959年的142元增加到2018年的43397元，人口从122.8万人增长到"
            "343.82万人，人均寿命从35.5岁提高到68.2岁。",
            "68.2岁",
            "到2018年",
        ),
        # a length of a year (<year>的N公里) is no static attribute
        (
            "长途光缆线路长度由1997年的15万公里增加到2002年的47万公里；"
            "固定电话和移动电话用户由8354万户增加到4.21亿户，居世界首位。",
            "47万公里",
            "到2002年",
        ),
    ],
)
def test_parallel_pairs(text, surface, scope):
    assert _scope(text, surface) == scope


# seed 151: the span of years just told of (这五年, 这十年) opening a clause; a base year with
# its noun (在一九五九年粮食总产量的基础上) is no scope; a range of years written with a space
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("这五年，甘肃让615万农村贫困人口脱离贫困。", "615万", "这五年"),
        (
            "这十年，中国人民实现全方位生活改善，民生兜底保障网进一步加固，"
            "单位国内生产总值能耗累计下降约26.2%。",
            "约26.2%",
            "这十年",
        ),
        (
            "但是按照纲要要求的水平计算，全国粮食总产量应该有七千二百亿斤到七千五百亿斤，还要在一九五九年"
            "粮食总产量的基础上，再增加一千八百亿斤以上，即增长三分之一以上。",
            "三分之一以上",
            None,
        ),
        (
            "2003年到 2007年，中央财政对地方的转移支付累计4.25万亿元，87%用于支持中西部地区。",
            "4.25万亿元",
            "2003年到 2007年",
        ),
    ],
)
def test_spans_of_years_and_base_years(text, surface, scope):
    assert _scope(text, surface) == scope


# found in the check samples (seeds 211 and 223): 由上月 is the 'from' of a change, not a
# period; a base with its own figure (在去年改种4亩藜麦的基础上) keeps its year
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "2月份，全国居民消费价格指数（CPI）同比由上月下降转为上涨0.7%，环比上涨1.0%。",
            "0.7%",
            "2月份",
        ),
        (
            "青海省乌兰县的贫困户魏海明，在去年改种4亩藜麦的基础上，今年决定再扩大种植面积。",
            "4亩",
            "去年",
        ),
    ],
)
def test_found_in_the_check_samples(text, surface, scope):
    assert _scope(text, surface) == scope


# a period opening a sentence with no comma after it scopes the parts after ``；`` too (work
# reports list their targets so), but not a duration, a year of a noun or a range's start
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "1979年油料产量644万吨，比上年增加122万吨；肉类产量1，062万吨，比上年增加206万吨。",
            "1，062万吨",
            "1979年",
        ),
        (
            "5月企业新发放贷款平均利率约3.2%，比上年同期低50个基点；"
            "个人住房新发放贷款平均利率约3.1%，比上年同期低约55个基点。",
            "约3.1%",
            "5月",
        ),
        (
            "上半年累计实现营业收入14.5万亿元，同比增长5.9%；累计实现净利润7037.7亿元，同比增长8.6%。",
            "7037.7亿元",
            "上半年",
        ),
        (
            "今年我国夏粮早稻已经丰收到手，夏粮产量2995.6亿斤，比上年增加72.5亿斤；"
            "早稻产量563.5亿斤，连续4年稳定在560亿斤以上。",
            "4年",
            None,
        ),
        (
            "2017年启动的黄河滩区大迁建让60万滩区群众实现“安居梦”；"
            "全省350万困难群众救助标准提升22%以上，居民基础养老金标准提高20%以上。",
            "22%以上",
            None,
        ),
        (
            "3月至4月，各地各高校将组织开展“千校万企供需对接会”及招聘会；"
            "启动实施高校学生就业能力提升“双千”计划，开设1000个“微专业”和1000个职业能力培训课程。",
            "1000个",
            None,
        ),
    ],
)
def test_a_bare_opening_period_over_semicolons(text, surface, scope):
    assert _scope(text, surface) == scope


# a past point as the 'from' of a change (从十年前的…) dates the figure right after it
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "这十年，国有企业改革取得重大突破性进展，先后有26组47家中央企业实施战略性重组和专业化整合，"
            "中央企业数量从十年前117家调整至97家。",
            "117家",
            "十年前",
        ),
        (
            "这十年，国有企业改革取得重大突破性进展，先后有26组47家中央企业实施战略性重组和专业化整合，"
            "中央企业数量从十年前117家调整至97家。",
            "97家",
            "这十年",
        ),
        ("目前榆林煤炭转化利用率从5年前的不到10%，快速提升了3倍。", "不到10%", "5年前"),
        ("目前榆林煤炭转化利用率从5年前的不到10%，快速提升了3倍。", "3倍", "目前"),
        ("大熊猫野外种群数量从40年前的1114只增加到1864只。", "1864只", None),
    ],
)
def test_a_past_point_as_the_from_of_a_change(text, surface, scope):
    assert _scope(text, surface) == scope


def test_a_base_with_its_own_figure():
    # the base's period dates the figure inside the base, not the one after it (seed 271)
    text = (
        "１９８４年，我国工农业总产值突破一万亿元，在１９７９到１９８３年平均每年递增７．９％的基础上，"
        "比上年增长１４．２％，各方面的经济效益也有提高。"
    )
    assert _scope(text, "７．９％") == "到１９８３年"
    assert _scope(text, "１４．２％") == "１９８４年"
    # a later base (在2005年基础上) leaves the sentence's period alone
    text = "日本政府15号宣布，到2020年将二氧化碳排放量在2005年基础上减排3.8%。"
    assert _scope(text, "3.8%") == "到2020年"
