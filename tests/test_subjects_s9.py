"""Subject classes of session 9, each read on 新闻联播 stories that no gold selection holds.

*Common words the dictionary tags as places.* jieba's dictionary tags 广义, 新鲜, 海洋, 大桥,
回国 … ns, and a subject drops a leading place, so the word went with it. The corrections are
data (``govstats/data/pos_corrections.txt``, listed by ``tools/measure_pos_ns.py``); the
sentences below are stories 40,000-43,999 whose subject changed with them.

*The whole noun after 的.* A classifier, a clause and 的: the head after 的 was the tagger's
first word only (需要照顾的空巢老人 -> 空巢); it is the noun up to its predicate.
"""

from __future__ import annotations

import pytest
from conftest import figure

from govstats.errors import LexiconError
from govstats.noun_chunks import _pos_corrections, _tag


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        (
            "月末，广义货币M2余额208.09万亿元，同比增长10.1%，3月新增人民币贷款",
            "10.1%",
            "广义货币M2余额",
        ),
        ("仅这家合作社就已为武汉市提供了1700余吨新鲜蔬菜。", "1700余吨", "新鲜蔬菜"),
        ("每天为市场提供500吨新鲜乳制品。", "500吨", "新鲜乳制品"),
        ("全国已建成海洋牧场示范区110个", "110个", "海洋牧场示范区"),
        ("今年端午小长假前两天，银联交易金额6295亿元，", "6295亿元", "银联交易金额"),
        ("前四场线上音乐会以春天为主题，", "四场", "线上音乐会"),
        ("预计线上参展企业约150家。", "约150家", "线上参展企业"),
        ("目前已开展线上招聘2300多场次。", "2300多场次", "线上招聘"),
        ("内蒙古还将开展10项线上主题活动，", "10项", "线上主题活动"),
        ("梯队203名官兵今天（8月13日）抵达长春，至此，413名官兵全部回国。", "413名", "官兵"),
        ("大运会的13处新建场馆全部完成主体结构施工", "13处", "新建场馆"),
        ("这段时间，3个新建的污水处理项目正在全力推进。", "3个", "污水处理项目"),
    ],
)
def test_common_words_tagged_as_places_stay(text, surface, subject):
    assert figure(text, surface).subject == subject


def test_place_names_still_go():
    # the corrections touch only the listed words: a real place still leaves the subject
    assert figure("美国新增确诊病例3万例。", "3万例").subject == "新增确诊病例"
    assert figure("太湖平均水位3.8米。", "3.8米").subject == "平均水位"


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("嘉兴南湖区已梳理出3000多位需要照顾的空巢老人。", "3000多位", "空巢老人"),
        ("2月，12家全球知名的跨国医药厂商主动来华投资。", "12家", "跨国医药厂商"),
        ("对口支援，19个省份派出了最强的医疗团队。", "19个", "医疗团队"),
        (
            "国务院扶贫办为832个贫困县专门搭建的电商平台——全国贫困地区农副产品网络销售平台",
            "832个",
            "电商平台",
        ),
        ("甘肃省宕昌县是全国52个挂牌督战的深度贫困县之一。", "52个", "深度贫困县"),
        # the head ends before its predicate, even one the tagger glued into a noun
        ("希腊军警与数百名试图越境的难民发生冲突，", "数百名", "难民"),
        ("昨天下午，167名来自贵州的务工人员乘坐包机返岗。", "167名", "务工人员"),
    ],
)
def test_whole_noun_after_de(text, surface, subject):
    assert figure(text, surface).subject == subject


def test_pos_corrections_file():
    fix = _pos_corrections()
    assert fix["广义"] == "b" and fix["回国"] == "v" and fix["城市"] == "n"
    assert "中国" not in fix and "太湖" not in fix
    assert dict(_tag("广义货币余额"))["广义"] == "b"


def test_pos_corrections_bad_line_names_file_and_line(monkeypatch):
    import govstats.indicator_rules as rules

    def lines(name):
        yield 3, ["广义", "b"]
        yield 7, ["广义"]

    monkeypatch.setattr(rules, "_data_lines", lines)
    _pos_corrections.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"pos_corrections.txt:7: expected a word, a tab"):
            _pos_corrections()
    finally:
        monkeypatch.undo()
        _pos_corrections.cache_clear()
