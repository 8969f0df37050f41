"""Model names vs roles, disambiguation data (not_in, near), the new models, and regex safety.

Sentences are short quotes from ../shared/corpora (新闻联播 transcripts, party-building
articles, provincial work reports), named by their corpus id, plus small cases per corner.
"""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest
from conftest import corpus_of, real_records

from govstats.errors import LexiconError
from govstats.lexicon import (
    article_model_kinds,
    article_models,
    article_models_frame,
    find_models,
    load_lexicon,
    mention_to_json,
    mentions_frame,
    paragraph_models,
)


def hits(text: str, lexicon=None) -> list[tuple[str, str, str]]:
    """(surface, model, kind) of every mention in ``text``."""
    lex = lexicon or load_lexicon()
    out = []
    for s, e, mid, _alias, kind in lex.find_kinds(text):
        assert e > s
        out.append((text[s:e], mid, kind))
    return out


# --------------------------------------------------------------------------- inventory


def test_every_packaged_model_says_what_it_is_and_where_it_was_seen():
    lex = load_lexicon()
    for m in lex:
        assert m.description and m.evidence, m.id
        assert not set(m.aliases) & set(m.roles), m.id
    assert lex.get("吹哨报到").category == "mechanism"
    assert lex.get("四级体系").depth == 4 and lex.get("三级网格").depth == 3


def test_a_role_given_as_a_model_name_points_to_its_model():
    from govstats.errors import UnknownModelError
    from govstats.lexicon import get_model

    for role, model in (("网格员", "网格化治理"), ("楼栋长", "楼长+"), ("街巷长", "街巷长制")):
        m = re.escape(model)
        with pytest.raises(
            UnknownModelError, match=f"role or unit of the model '{m}'.*Did you mean '{m}'"
        ):
            get_model(role)


# --------------------------------------------------------------------------- 吹哨报到 vs 双报到


@pytest.mark.parametrize(
    "text",
    [
        "北京市坚持党建引领，建立“街乡吹哨、部门报到”机制，树立到一线解决问题的导向",  # xwlb 2bc064d1
        "这样的合力整治，得益于“吹哨报到”机制。",  # xwlb 2bc064d1
        "北京市委以“街乡吹哨、部门报到”改革为抓手",  # xwlb 18edda2c
        "创新开展“吹哨报到”“接诉即办”，并向“未诉先办”主动治理深化",  # xwlb 29c31b50
        "推行“社区吹哨、部门报到”工作机制",  # seed 002
        "各社区根据居民需求“吹哨点卯”，相关部门服务专员下沉报到",  # seed 001
    ],
)
def test_whistle_and_report_is_its_own_model_not_dual_registration(text):
    got = hits(text)
    assert ("吹哨报到", "model") in {(m, k) for _, m, k in got}
    assert "双报到" not in {m for _, m, _ in got}


def test_dual_registration_is_still_found_beside_it():
    # xwlb 2bc064d1: both in one sentence, each its own model
    text = "依托“吹哨报到”工作机制，北京市探索建立基层党组织和在职党员“双报到”长效机制"
    assert [(s, m) for s, m, _ in hits(text)] == [("吹哨报到", "吹哨报到"), ("双报到", "双报到")]
    # xwlb d34348b6: the practice written out
    text = "让全市2万多名机关党员到指定社区报到，服务社区建设"
    assert hits(text) == [("党员到指定社区报到", "双报到", "model")]


def test_a_whistle_blower_or_a_bare_whistle_is_no_mention():
    assert hits("李文亮医生被称为疫情“吹哨人”。") == []
    assert hits("比赛中裁判吹哨示意暂停。") == []
    # a bare 吹哨 beside 部门 / 报到 is a role of the model
    assert hits("街道一吹哨，各部门马上到。") == [("吹哨", "吹哨报到", "role")]


# --------------------------------------------------------------------------- names vs roles


@pytest.mark.parametrize(
    "text, expected",
    [
        ("推行“楼长制”和“楼事会”制度", [("楼长制", "楼长+", "model")]),  # xwlb cf05e273
        ("“楼长+组长”夯实党的阵地建设", [("楼长+组长", "楼长+", "model")]),  # seed 004
        ("王波决定在每个楼栋找一个楼栋长", [("楼栋长", "楼长+", "role")]),  # xwlb 6ae9ce23
        ("推行“网格员+楼长”工作法", [("网格员", "网格化治理", "role"), ("楼长", "楼长+", "role")]),
        ("共选出128名楼长", [("楼长", "楼长+", "role")]),
        ("深圳前海推行片长楼长“两长制”", [("楼长", "楼长+", "role")]),  # xwlb f4e61f2f
        (
            "作为单元长的陈满祥照顾他们已经有四年时间了",
            [("单元长", "楼长+", "role")],
        ),  # xwlb f6b2e516
        ("通过网格化管理和专业司法调解的紧密结合", [("网格化管理", "网格化治理", "model")]),
        ("推行“网格化”社会管理", [("网格化", "网格化治理", "model")]),  # xwlb a2ac4756
        (
            "社区党组织组建了200多人的网格化专兼职队伍",
            [("网格化", "网格化治理", "model")],
        ),  # xwlb a5384bb6
        # a canteen for the elderly is a unit of the 幸福食堂 kind, not its name (重庆 2026)
        ("建成老年食堂1733个", [("老年食堂", "幸福食堂", "role")]),
        (
            "习近平先后走进社区书画室、幸福食堂、康复室",
            [("幸福食堂", "幸福食堂", "model")],
        ),  # xwlb b3ad5910
        ("与社区网格员、党员志愿者等分工协作", [("网格员", "网格化治理", "role")]),  # xwlb 7401474f
        ("社区网格化管理员挨家挨户入户", [("网格化管理员", "网格化治理", "role")]),  # xwlb 2d6c4bd6
        ("众多“党员中心户”中的一个", [("党员中心户", "四级体系", "role")]),  # xwlb c034337b
        ("在全区范围内实行街巷长制度", [("街巷长制", "街巷长制", "model")]),  # xwlb dbcbd9c2
        ("他的另一个身份：街巷长。", [("街巷长", "街巷长制", "role")]),  # xwlb dbcbd9c2
        ("“接诉即办”是北京市群众诉求快速响应机制", [("接诉即办", "接诉即办", "model")]),
        ("居民可拨打12345市民服务热线反映诉求", [("12345市民服务热线", "接诉即办", "role")]),
        # the hotline in quotes, by a centre's name or by its number alone (xwlb 5f376405,
        # 6cd811ef, 98bdb63d, 658305cf, 40cace14)
        ("山东临沂市“12345”政务服务热线接听了", [("12345”政务服务热线", "接诉即办", "role")]),
        ("当地开通“12345”抗击疫情专线", [("12345”抗击疫情专线", "接诉即办", "role")]),
        ("在合肥市12345政府服务受理中心", [("12345政府服务受理中心", "接诉即办", "role")]),
        ("海口将80多个部门热线统一归入“12345”", [("12345", "接诉即办", "role")]),
        ("苦于找不到离家近的养老院，拨打了12345。", [("12345", "接诉即办", "role")]),
        # residents' 三方协同 (seed 000), a three-level party-building grid (xwlb 932ee871)
        (
            "建立起以小区党支部为领导,小区业委会、物业协商共治的三方协同机制",
            [("三方协同", "议事协商", "model")],
        ),
        ("全面推进三级党建网格制度的建设", [("三级党建网格", "三级网格", "model")]),
        ("“一网统管”应急指挥、基层治理等功能进一步完善", [("一网统管", "一网统管", "model")]),
        ("打造共建共治共享的社区治理格局", [("共建共治共享", "共建共治共享", "model")]),
        ("坚持和发展新时代“枫桥经验”", [("枫桥经验", "枫桥经验", "model")]),
        ("积极创建新时代“枫桥式”税务所", [("枫桥式", "枫桥经验", "model")]),  # xwlb 9dcd9608
        ("驻沪流动党员党组织开展党建共建", [("党建共建", "党建联建", "model")]),
        ("推动村企联建，结对帮扶", [("村企联建", "党建联建", "model")]),
        ("巩固拓展乡村治理积分制", [("积分制", "信用积分", "model")]),  # 海南 2026
        # the id 共建共治共享 written with separators (xwlb 83ed9b52)
        ("共建、共治、共享，山东积极探索社区", [("共建、共治、共享", "共建共治共享", "model")]),
        (
            "通过居民议事会，社区为孩子们开办了托管班",
            [("居民议事会", "议事协商", "model")],
        ),  # xwlb 0d5e76b8
        ("健全村民议事制度、村务公开制度", [("村民议事", "议事协商", "model")]),  # 1995 report
        (
            "机关企事业单位党组织到1428个对口联系社区报到",  # xwlb 2a96f7d1
            [("党组织到1428个对口联系社区报到", "双报到", "model")],
        ),
        ("无论是在职党员向社区报到", [("党员向社区报到", "双报到", "model")]),  # xwlb 2bc064d1
    ],
)
def test_each_alias_says_whether_it_names_the_model_or_a_role(text, expected):
    assert hits(text) == expected


# --------------------------------------------------------------------------- disambiguation


@pytest.mark.parametrize(
    "text",
    [
        "临策铁路两侧修建了3000万平方米的防沙网格和近1000公里的高沙帐",  # xwlb a6f00986
        "初步构筑了“南北调配、东西互济”的水网格局",  # xwlb 8a42ee5f
        "7号坑大型龟背形网格状器历经一年来精心发掘",  # xwlb 13b2a308
        "一块块整齐的网格生态预制块新近安装完成",  # xwlb e9060b86
        "现场指挥部将救援区域划分为12个网格，每个网格都有搜寻人员",  # xwlb 61f8a96e
        "这张监控大网，已将北京全市划分成若干网格，环保部门进行实时监测",  # xwlb 0e71d069
        "1号楼长期办不了房产证",  # xwlb 4414bcee
        "红色屋顶的独栋小院，雕梁画栋的门楼长廊",  # xwlb 8ad678da
        "大家朗诵的既有《大观楼长联》等经典名篇",  # xwlb 5210d855
        "开展创新积分制“揭榜挂帅”工作",  # 广西 2026
        "小区物业费收缴率达到95%",
        # the bare 网格化 of fields, tests and searches is no community grid
        "平舆县将全县麦田进行网格化分区，提前进行供需对接",  # xwlb cd53e8b7
        "上海根据区域风险情况进行网格化核酸筛查，进一步强化社会面防控",  # xwlb 035db742
        "消防救援力量先后组织六轮网格化、地毯式搜救",  # xwlb (搜救 after an accident)
        "居民反映物业公司服务不到位",  # 物业 with no party organisation is no 红色物业
        "构筑起天罗地网，政务服务“一张网”全面建成",
        # a work order is no hotline (seed 003's gold names no 接诉即办), nor a longer number
        "蓝海社区共接到12345工单124件",
        "京ICP备12345678号",
        "拨打1234567",
        # 三方协同 of residents only: not of policy actors (xwlb d91504a9, 998b5307)
        "贯通协调居家社区机构三类养老服务形态，构建养老服务事业产业发展三方协同机制",
        "从提高提案质量、办理质量和服务质量三方协同发力",
        # the bare 网格化 of a patrol, a test campaign, a forest work, with a community word beside
        # it (xwlb 812ffbf3, 5d6decf3, 5850cac5)
        "依托先进科技和信息化建设，公安“网格化巡控”创造了“新疆速度”，保证警力在群众身边",
        "上海在全市重点区域内展开切块式、网格化的核酸筛查，根据筛查结果对居民进行风险评估",
        "全省2万多河长、湖长，4万多林长，形成覆盖全域的网格化管护体系，统筹推进系统治理",
        # a programme's name (xwlb 57ad6f50)
        "中国国际电视台英语新闻频道《对话》栏目推出《对话议事厅》系列节目",
    ],
)
def test_unrelated_compounds_and_other_grids_are_no_mention(text):
    assert hits(text) == []


def test_a_community_grid_and_a_party_led_property_company_are_roles():
    # xwlb 4a489c15
    assert hits("贵阳还把全市社区划分为2768个网格") == [("网格", "网格化治理", "role")]
    # party-building 13
    text = "由基层党组织牵头职能部门、产权方、物业公司等联合走访"
    assert hits(text) == [("物业公司", "红色物业", "role")]
    # the near word must be in the same sentence
    assert hits("社区党支部开会。居民反映物业公司服务不到位") == []


def test_a_level_of_a_structure_of_another_depth_is_no_role_of_the_deep_model():
    from govstats.lexicon import find_models

    def roles(text):
        return [(m.surface, m.model_id) for m in find_models(corpus_of(text)) if m.kind == "role"]

    # 楼栋党小组 is a level of a stated three-level chain, not a role of 四级体系
    assert roles("建立社区党委—小区党支部—楼栋党小组的三级体系。") == []
    assert roles("健全“社区党组织－小区党支部－楼栋党小组”三级组织体系。") == []
    # alone, or in a chain of four levels, it still is (the chain names the model)
    assert roles("成立了楼栋党小组32个。") == [("楼栋党小组", "四级体系")]
    # other models' roles inside the chain are kept
    assert roles("构建社区党委、网格党支部和党员中心户三级组织体系。") == [
        ("网格党支部", "网格化治理")
    ]
    # a bare 物业 beside party words is no 红色物业 role (measured: half of such sentences are not)
    assert hits("社区党委发挥党建引领作用，由社区牵头引入“区域大物业”负责公共卫生") == []


def test_words_inside_a_structure_belong_to_it():
    text = "构建“社区党委—小区(网格党支部)—楼栋党小组—党员中心户”四级治理体系"
    assert [(m, k) for _, m, k in hits(text)] == [("四级体系", "model"), ("四级体系", "model")]
    # a county-topped chain and parenthesised alternatives are structures too
    for text in (
        "县委—乡镇党委—村党组织—网格党小组",
        "街道（乡镇）党（工）委—社区（村）党组织—小区（网格）党支部—楼栋党小组",
    ):
        assert hits(text) == [(text, "四级体系", "model")]
    # outside a chain the same word is a role
    assert hits("成立了八个网格党支部") == [("网格党支部", "网格化治理", "role")]
    # a list of levels whose claimed depth names a model (models.yaml `structures`) holds its
    # levels as the chain does (xwlb 8efc5243); a list that names no model does not (above)
    from govstats.lexicon import find_models

    text = "辽宁省通过街道党工委、村党组织、网格党支部和党员中心户四级党组织体系，利用“两微一端”"
    found = [(m.model_id, m.kind) for m in find_models(corpus_of(text))]
    assert found == [("四级体系", "model")]


# --------------------------------------------------------------------------- records and tables


ARTICLE = "楼栋长李阿姨是网格员。\n社区推行“楼长制”，楼长+网格员联动。\n红色物业进小区。"


def test_mentions_carry_alias_and_kind_through_json_and_frame():
    ms = find_models(corpus_of(ARTICLE))
    assert [(m.model_id, m.alias, m.kind) for m in ms] == [
        ("楼长+", "楼栋长", "role"),
        ("网格化治理", "网格员", "role"),
        ("楼长+", "楼长制", "model"),
        ("楼长+", "楼长+网格员", "model"),
        ("红色物业", "红色物业", "model"),
    ]
    assert [mention_to_json(m)["kind"] for m in ms] == ["role", "role", "model", "model", "model"]
    assert list(mentions_frame(ms)["kind"]) == ["role", "role", "model", "model", "model"]


def test_article_level_views_separate_named_from_role_only():
    ms = find_models(corpus_of(ARTICLE))
    aid = ms[0].article_id
    assert article_models(ms) == {aid: ("楼长+", "网格化治理", "红色物业")}
    assert article_models(ms, kind="model") == {aid: ("楼长+", "红色物业")}
    assert article_models(ms, kind="role") == {aid: ("网格化治理",)}
    assert article_model_kinds(ms) == {
        aid: {"楼长+": "model", "网格化治理": "role", "红色物业": "model"}
    }
    # a paragraph that only has 楼栋长 mentions 楼长+ by a role there
    assert paragraph_models(ms, kind="role")[(aid, 0)] == ("楼长+", "网格化治理")
    with pytest.raises(ValueError, match="kind must be"):
        article_models(ms, kind="named")
    frame = article_models_frame(ms)
    assert list(frame["model_id"]) == ["楼长+", "网格化治理", "红色物业"]
    assert list(frame["kind"]) == ["model", "role", "model"]
    assert list(frame["named"]) == [True, False, True]
    assert list(frame["role_only"]) == [False, True, False]
    assert list(frame["mentions"]) == [3, 1, 1]
    assert frame.loc[0, "aliases"] == ("楼栋长", "楼长制", "楼长+网格员")
    # the same table from a mentions frame (what a store gives back), and from an old
    # frame without `kind` (every mention then counts as naming its model)
    assert article_models_frame(mentions_frame(ms)).equals(frame)
    old = article_models_frame(mentions_frame(ms).drop(columns=["kind"]))
    assert list(old["named"]) == [True, True, True]
    assert article_models_frame([]).columns.tolist() == list(frame.columns)
    assert isinstance(frame, pd.DataFrame)


# --------------------------------------------------------------------------- user files


def test_user_roles_near_words_and_not_in(tmp_path):
    p = tmp_path / "my.yaml"
    p.write_text(
        """
models:
  - id: 门栋长制
    category: mechanism
    description: d
    aliases: [门栋长制]
    roles: [门栋长, {role: 栋长, near: [小区]}]
    not_in: [门栋长廊]
    patterns:
      - {regex: '门栋管家\\d+', label: 门栋管家N, kind: role}
""",
        encoding="utf-8",
    )
    lex = load_lexicon(extra=p)
    assert hits("推行门栋长制，门栋长上岗", lex) == [
        ("门栋长制", "门栋长制", "model"),
        ("门栋长", "门栋长制", "role"),
    ]
    assert hits("小区的栋长", lex) == [("栋长", "门栋长制", "role")]
    assert hits("学校的栋长", lex) == []
    assert hits("门栋长廊", lex) == []
    assert hits("门栋管家12", lex) == [("门栋管家12", "门栋长制", "role")]


@pytest.mark.parametrize(
    "entry, needle",
    [
        ("    aliases: [甲]\n    roles: [甲]\n", "listed both under 'aliases'"),
        ("    roles: [{role: 甲, near: []}]\n", "field 'roles': expected"),
        ("    roles: [{role: 甲, close: [乙]}]\n", "field 'roles': expected"),
        ("    aliases: [甲]\n    depth: three\n", "field 'depth': expected a whole number"),
        ("    patterns: [{regex: '甲+', kind: name}]\n", "kind: model|role"),
        ("    roles: [楼栋长]\n", "also belongs to model '楼长+'"),
    ],
)
def test_bad_role_fields_name_file_and_line(tmp_path, entry, needle):
    p = tmp_path / "bad.yaml"
    p.write_text(
        "models:\n  - id: 新\n    category: mechanism\n    description: d\n" + entry,
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as e:
        load_lexicon(extra=p)
    assert str(e.value).startswith(str(p)) and needle in str(e.value)


@pytest.mark.parametrize(
    "regex", ["(a+)+$", "(?:a*)*b", "(\\w+\\s?)+$", "((ab)+)+", "(?:[甲乙]+甲){2,}", "(a|b+)*c"]
)
def test_catastrophic_user_regexes_are_rejected_at_load(tmp_path, regex):
    p = tmp_path / "redos.yaml"
    p.write_text(
        "models:\n  - id: 新\n    category: mechanism\n    description: d\n"
        f"    patterns:\n      - '{regex}'\n",
        encoding="utf-8",
    )
    t0 = time.perf_counter()
    with pytest.raises(LexiconError) as e:
        load_lexicon(extra=p)
    assert time.perf_counter() - t0 < 1.0
    msg = str(e.value)
    assert msg.startswith(f"{p}:6: model '新' (entry #1): field 'patterns'")
    assert "quantified group containing another quantifier" in msg and "(a+)+" in msg


@pytest.mark.parametrize(
    "regex", ["a+b+", "(?:ab){1,3}", "(?>a+)+b", "(?:a+)?b", "楼长\\s*[+＋]\\s*[甲-龥]{1,3}"]
)
def test_safe_quantified_groups_are_accepted(tmp_path, regex):
    p = tmp_path / "ok.yaml"
    p.write_text(
        "models:\n  - id: 新\n    category: mechanism\n    description: d\n"
        f"    patterns:\n      - '{regex}'\n",
        encoding="utf-8",
    )
    assert load_lexicon(extra=p).get("新").patterns


# --------------------------------------------------------------------------- the real corpus


def test_on_the_development_corpus_no_whistle_text_is_read_as_dual_registration():
    recs = real_records("governance", where=lambda r: "吹哨" in r["text"])
    assert recs, "the development corpus has 吹哨 stories"
    lex = load_lexicon()
    for r in recs:
        for s, e, mid, _a, _k in lex.find_kinds(r["text"]):
            if "吹哨" in r["text"][s:e]:
                assert mid == "吹哨报到", (r["id"], r["text"][s:e])


def test_on_the_development_corpus_role_mentions_have_their_context():
    """Every bare 网格 role mention has a community word in its sentence; no mention of
    网格化治理 lies in a sand-fixing, water-network or rescue grid."""
    recs = real_records("governance", where=lambda r: "网格" in r["text"])
    lex = load_lexicon()
    n = 0
    near = lex.get("网格化治理").role_near[0][1]
    for r in recs:
        t = r["text"]
        for s, e, _mid, alias, _kind in lex.find_kinds(t):
            if alias == "网格":
                n += 1
                a = max(t.rfind(c, 0, s) for c in "。！？；\n") + 1
                b = min([i for i in (t.find(c, e) for c in "。！？；\n") if i >= 0] or [len(t)])
                assert any(w in t[a:b] for w in near), t[a:b]
            assert not any(
                t[max(0, s - 2) : e + 2].find(x) >= 0 for x in ("防沙网格", "水网格局", "路网格局")
            )
    assert n >= 10


# --------------------------------------------------------------------------- traditional script


def test_traditional_script_matches_once_the_reader_converts_it(tmp_path):
    """The sources stage converts traditional characters 1:1 (OpenCC t2s) at load time, so
    the matcher needs no change. Until that conversion is in the reader this test skips."""
    import govstats as gs

    text = "社區推行「樓長制」，樓棟長與網格員聯動，構建“社區黨委—小區黨支部—樓棟黨小組”三級架構。"
    (tmp_path / "t.txt").write_text(text + "\n", encoding="utf-8")
    corpus = gs.load_corpus(tmp_path)
    doc = corpus.documents[0].text
    if "樓" in doc:
        pytest.skip("the reader does not convert traditional script yet (sources issue)")
    got = [(m.model_id, m.kind, m.surface) for m in find_models(corpus)]
    assert ("楼长+", "model", "楼长制") in got and ("网格化治理", "role", "网格员") in got
    assert all(doc[m.start : m.end] == m.surface for m in find_models(corpus))


def test_matching_is_linear_in_the_paragraph_length():
    """A 200,000-character paragraph of role words (each checked against not_in compounds
    and near words) took 150 s when overlaps were checked pairwise; now about a second."""
    lex = load_lexicon()
    small, big = "社区网格、" * 4000, "社区网格、" * 40000
    t0 = time.perf_counter()
    assert len(lex.find_kinds(small)) == 4000
    t1 = time.perf_counter()
    assert len(lex.find_kinds(big)) == 40000
    t2 = time.perf_counter()
    assert t2 - t1 < 10.0
    assert (t2 - t1) < 25 * max(t1 - t0, 1e-3)  # 10x the text, far from 100x the time


def test_pattern_prefilters_are_necessary_conditions():
    """A pattern is not scanned on a text lacking what all its matches contain; the
    mentions are the same as scanning every text."""
    from govstats.lexicon import _Matcher
    from govstats.lexicon_files import required_pieces

    assert required_pieces("12345[\\u4e00-\\u9fff]{0,8}?热线") == ["12345", "热线"]
    assert frozenset("—－-–→") in required_pieces("社区党委\\s*[—－\\-–→]{1,2}\\s*小区")
    assert required_pieces("(?:党组织|党员).{0,3}报到")[-1] == "报到"
    lex = load_lexicon()
    plain = _Matcher(lex.models)
    plain.needs = {}
    texts = [
        p for r in real_records("governance", n=120) for p in r["text"].split("\n") if p.strip()
    ]
    texts += ["社区党委—小区党支部—楼栋党小组—党员中心户", "2万多名机关党员到指定社区报到"]
    assert sum(len(lex.find_kinds(t)) for t in texts) > 20
    for t in texts:
        assert lex.find_kinds(t) == plain.find(t)
