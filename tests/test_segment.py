"""Segmentation: blocks, furniture, headline roles, rejoined sentences, duplicates, metadata."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from govstats.errors import LexiconError
from govstats.segment import (
    jaccard,
    load_places,
    load_rules,
    mark_near_duplicates,
    near_duplicate_features,
    near_duplicate_roots,
    near_duplicate_signature,
    near_duplicate_text,
    segment_text,
    shingle_hashes,
    split_blocks,
)

BODY1 = (
    "小区党支部发挥着反馈业主诉求、协调多方力量的作用。小区党支部常态化邀请社区党组织召开联席会议。"
)
BODY2 = "2022年以来,各小区共召开联席会议350余次,多方协同解决难题680余件。"
BODY3 = "下一步,街道将继续推进小区治理工作,切实提升居民的幸福感和满意度。"


def seg(text: str):
    return segment_text(text, doc_id="d" * 16, file="x.txt")


def check_invariants(text, articles, blocks):
    for b in blocks:
        assert 0 <= b.start <= b.end <= len(text)
        assert b.spans
        pieces = [text[a:z].strip() for a, z in b.spans]
        assert b.text == "".join(pieces)
        if len(b.spans) == 1:
            assert text[b.start : b.end] == b.text
        assert b.start == b.spans[0][0] and b.end == b.spans[-1][1]
    ids = [b.id for b in blocks]
    assert len(ids) == len(set(ids))
    for a in articles:
        assert all(p.article_id == a.id for p in a.paragraphs)
        assert [p.index for p in a.paragraphs] == list(range(len(a.paragraphs)))
        assert a.start == min(p.start for p in a.paragraphs)
        assert a.end == max(p.end for p in a.paragraphs)


def kinds(article):
    return [p.kind for p in article.paragraphs]


# ---------------------------------------------------------------------------
# blocks


def test_split_blocks_offsets_and_blank_counts():
    text = "\n\n标题一行\n\n  正文第一段。\n\n\n\n正文第二段。 \n"
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == ["标题一行", "正文第一段。", "正文第二段。"]
    assert all(text[b.start : b.end] == b.text for b in blocks)
    assert [b.blank_before for b in blocks] == [2, 1, 3]
    assert blocks[-1].blank_after == 1


def test_navigation_list_and_prev_next_are_furniture():
    text = (
        "A01版:重点\n\nA02版:要闻\n\nT24版:特刊\n\n社区治理见实效\n\n"
        + BODY1
        + "\n通讯员 石伟\n\n上一篇 下一篇"
    )
    articles, blocks = seg(text)
    check_invariants(text, articles, blocks)
    assert len(articles) == 1
    furniture = [b.text for b in blocks if b.kind == "furniture"]
    assert furniture == ["A01版:重点", "A02版:要闻", "T24版:特刊", "上一篇 下一篇"]
    assert all(b.article_id is None for b in blocks if b.kind == "furniture")
    assert all(b.id.startswith("d" * 16 + "-f") for b in blocks if b.kind == "furniture")
    assert articles[0].byline == "通讯员 石伟"


def test_repeated_page_header_is_furniture_but_repeated_heading_is_not():
    header = "烟台日报 2023年3月8日 A03版"
    text = "\n\n".join(
        [
            header,
            "社区治理见实效",
            BODY1,
            header,
            "活动现场",
            BODY2,
            header,
            "活动现场",
            BODY3,
            "活动现场",
            BODY1 + "又",
        ]
    )
    articles, blocks = seg(text)
    assert [b.kind for b in blocks if b.text == header] == ["furniture"] * 3
    assert all(b.kind != "furniture" for b in blocks if b.text == "活动现场")


def test_lone_section_letters_do_not_split_the_article():
    text = f"蓝海社区有一套\n\n{BODY1}\n\nA\n\n{BODY2}\n\nB\n\n{BODY3}\n\nYMG全媒体记者 王宏伟"
    articles, blocks = seg(text)
    assert len(articles) == 1
    assert kinds(articles[0]).count("section") == 2
    assert [p.text for p in articles[0].paragraphs if p.kind == "section"] == ["A", "B"]


# ---------------------------------------------------------------------------
# headlines and article boundaries


def test_byline_then_headline_starts_a_new_article():
    text = (
        f"第一条新闻标题\n\n{BODY1}\n\n(全百惠 牟组宣)\n\n"
        f"第二条新闻的标题\n\n{BODY2}\n\n(全百惠 郑文生)"
    )
    articles, blocks = seg(text)
    check_invariants(text, articles, blocks)
    assert [a.title for a in articles] == ["第一条新闻标题", "第二条新闻的标题"]
    assert [a.byline for a in articles] == ["全百惠 牟组宣", "全百惠 郑文生"]
    assert [a.index for a in articles] == [0, 1]
    assert [a.id for a in articles] == ["d" * 16 + "-000", "d" * 16 + "-001"]
    assert articles[0].paragraphs[0].id == "d" * 16 + "-000-000"


def test_in_article_heading_is_not_a_new_article():
    text = f"牟平区建强小区党支部\n\n{BODY1}\n\n协商议事解难题\n\n{BODY2}\n\n(全百惠 牟组宣)"
    articles, _ = seg(text)
    assert len(articles) == 1
    assert kinds(articles[0]) == ["title", "body", "heading", "body", "byline"]


def test_kicker_and_title_run_after_body_starts_a_new_article():
    # 000: 把脉问诊 / 数字化转型… follows a paragraph cut mid-sentence, with no byline
    # on a newspaper page (本报讯 leads): the rule is for pages, a one-story text has no second article
    cut = "活动现场,法院专家耐心细致地与社区群众进行交流,对提出的问题进行了详细解答,并为社区群众如何正"
    text = f"第一篇标题\n\n本报讯 {BODY1}\n\n{cut}\n\n把脉问诊\n\n数字化转型促进企业高质量发展\n\n{BODY2}"
    articles, _ = seg(text)
    assert [a.title for a in articles] == ["第一篇标题", "数字化转型促进企业高质量发展"]
    assert articles[1].kicker == "把脉问诊"


def test_headline_followed_by_author_line_or_lead_starts_a_new_article():
    text = (
        f"第一篇标题\n\n{BODY1}\n\n"
        f"一个社区书记的防疫24小时\n\n融媒体 全兴社\n\n{BODY2}\n\n"
        f"柳园街道与企业签约\n\n东昌府讯 8月30日,柳园街道与辖区企业签约。{BODY3}"
    )
    articles, _ = seg(text)
    assert [a.title for a in articles] == [
        "第一篇标题",
        "一个社区书记的防疫24小时",
        "柳园街道与企业签约",
    ]
    assert articles[1].byline == "融媒体 全兴社"
    assert kinds(articles[1])[:2] == ["title", "byline"]
    assert articles[2].place == "东昌府区"
    assert articles[2].date is None  # 8月30日 has no year: an event date


def test_headline_naming_a_place_starts_a_new_article_without_byline():
    text = f"第一篇标题\n\n本报讯 {BODY1}\n\n柳园街道开展便民服务活动\n\n{BODY2}\n\n活动现场\n\n{BODY3}"
    articles, _ = seg(text)
    assert [a.title for a in articles] == ["第一篇标题", "柳园街道开展便民服务活动"]
    assert kinds(articles[1]) == ["title", "body", "heading", "body"]
    assert articles[1].place == "东昌府区"


def test_headline_roles_kicker_dash_and_subtitle():
    text = (
        "察民情、听民意、解民忧,便民利民服务水平“节节高”——\n\n社区治理“千千结”\n\n蓝海社区有一套\n\n"
        + BODY1
    )
    (a,), _ = seg(text)
    assert a.kicker == "察民情、听民意、解民忧,便民利民服务水平“节节高”——"
    assert a.title == "社区治理“千千结”"
    assert a.subtitle == "蓝海社区有一套"


def test_two_line_kicker_keeps_its_line_break():
    text = f"开学第一课\n先上安全课\n\n交警支队第五大队交通普法进校园\n\n本报讯(YMG全媒体记者 王宏伟 通讯员 宋先媛)8月28日上午,民警走进小学。{BODY3}"
    (a,), _ = seg(text)
    assert a.kicker == "开学第一课\n先上安全课"
    assert a.title == "交警支队第五大队交通普法进校园"
    assert a.byline == "YMG全媒体记者 王宏伟 通讯员 宋先媛"
    assert a.source is None  # 本报 / YMG are not paper names


def test_column_tag_with_arrow_is_the_kicker():
    text = f"拉着家常就把问题解决了\n\n牟平区建强小区党支部,让小区治理有了主心骨\n\n能力作风提升年 →\n\n{BODY1}"
    (a,), _ = seg(text)
    assert (a.kicker, a.title, a.subtitle) == (
        "能力作风提升年 →",
        "拉着家常就把问题解决了",
        "牟平区建强小区党支部,让小区治理有了主心骨",
    )


def test_sentence_cut_before_a_function_word_is_not_a_headline():
    text = f"某某标题\n\n{BODY1}\n\n武宁街道东华社区将继续坚持以党建为\n\n引领,发挥社区新动能,切实提升居民的幸福指数。"
    (a,), _ = seg(text)
    assert "heading" not in kinds(a)
    assert (
        a.body()[-1].text
        == "武宁街道东华社区将继续坚持以党建为引领,发挥社区新动能,切实提升居民的幸福指数。"
    )


# ---------------------------------------------------------------------------
# broken sentences, captions, duplicates


def test_sentence_broken_by_blank_lines_is_rejoined_with_spans():
    first = "小区党支部常态化邀请业主委员会召开联席会议。牟平区住建局制定物业服务企业考评细则,赋予小区党"
    second = "支部评价物业服务企业的权力,进一步强化了其对物业的监督力度。"
    text = f"社区治理见实效\n\n{first}\n\n\n\n{second}\n\n{BODY2}"
    (a,), blocks = seg(text)
    check_invariants(text, [a], blocks)
    p = a.body()[0]
    assert p.text == first + second
    assert len(p.spans) == 2
    assert [text[s:e] for s, e in p.spans] == [first, second]
    assert p.doc_offset(len(first)) == text.index(second)
    assert len(a.body()) == 2


def test_caption_between_the_halves_of_a_broken_sentence():
    # 002: …引导 / caption / 群众“有困难找党员…”
    first = "推行“有事找支部”工作法,设置支部信箱134处、楼栋公示栏370处,引导"
    caption = "山东省烟台市凤莱驿·莱山区城市党群服务中心外景。"
    second = "群众“有困难找党员、要服务找支部”。"
    text = f"莱山区四向发力\n\n{first}\n\n\n\n{caption}\n\n{second}\n\n{BODY3}"
    (a,), blocks = seg(text)
    check_invariants(text, [a], blocks)
    assert kinds(a) == ["title", "body", "caption", "body"]
    assert a.body()[0].text == first + second
    assert [p.text for p in a.paragraphs if p.kind == "caption"] == [caption]


def test_trailing_caption_and_stray_caption_are_not_in_the_article():
    text = f"社区治理见实效\n\n{BODY1}\n\n{BODY2}\n\n\n\n社区一角"
    (a,), blocks = seg(text)
    stray = [b for b in blocks if b.text == "社区一角"]
    assert stray[0].kind == "caption" and stray[0].article_id is None
    assert a.end == text.index(BODY2) + len(BODY2)


def test_captions_right_under_the_dateline():
    text = (
        "寒亭区下好党建一颗“子”\n\n齐鲁晚报\u00a0\u00a02022年06月29日\n"
        "  红色网格员“面对面”解决居民反映的问题。\n"
        f"  {BODY1}\n  {BODY2}\n通讯员 石伟"
    )
    (a,), _ = seg(text)
    assert kinds(a) == ["title", "dateline", "caption", "body", "body", "byline"]
    assert (a.date, a.source, a.byline) == ("2022-06-29", "齐鲁晚报", "通讯员 石伟")


def test_paragraph_printed_twice_is_marked_duplicate():
    text = f"社区治理见实效\n\n{BODY1}\n\n{BODY2}\n\n小节标题\n\n{BODY3}\n\n{BODY1}\n\n{BODY2.replace(',', ', ')}"
    (a,), _ = seg(text)
    body = a.body(include_duplicates=True)
    assert [p.duplicate_of for p in body] == [None, None, None, body[0].id, body[1].id]
    assert len(a.body()) == 3
    assert BODY1 in a.text and a.text.count(BODY1) == 1


def test_fragment_after_a_wide_gap_continues_the_paragraph():
    # 000 lines 73/77: …并为他们提供爱心义剪。 / (blank lines) / 服务。西苑小区…
    text = "社区治理见实效\n\n东华社区为老人提供爱心义剪。\n\n\n\n服务。西苑小区网格员带齐理发工具到老人家中走访。"
    (a,), _ = seg(text)
    assert len(a.body()) == 1 and len(a.body()[0].spans) == 2


# ---------------------------------------------------------------------------
# metadata


def test_place_resolves_we_district_from_the_lead():
    text = (
        f"我区“楼长+”模式推动小区治理\n\n东昌府讯 家住新区街道的刘玉洪是小区楼长。{BODY1}\n\n(融媒体 裴崇旭)\n\n"
        f"电商培训热 技能学习忙\n\n融媒体 全兴社 通讯员 刘莹莹\n\n据悉,我区持续推进电子商务进农村工作。{BODY3}"
    )
    articles, _ = seg(text)
    assert [a.place for a in articles] == ["东昌府区", "东昌府区"]
    assert [a.byline for a in articles] == ["融媒体 裴崇旭", "融媒体 全兴社 通讯员 刘莹莹"]


def test_ambiguous_alias_needs_its_city():
    yantai = f"高新区全力推进“无证明城市”建设\n\n近年来,烟台高新区全力推进建设。{BODY1}"
    (a,), _ = seg(yantai)
    assert a.place == "烟台高新区"
    lonely = f"高新区全力推进“无证明城市”建设\n\n近年来,高新区全力推进建设。{BODY1}"
    (b,), _ = seg(lonely)
    assert b.place is None


def test_place_from_a_town_of_the_district():
    (a,), _ = seg(f"“小积分”兑出大文明\n\n近日,侯营镇阳光新村“信义超市”格外热闹。{BODY1}")
    assert a.place == "东昌府区"


def test_event_dates_are_not_publication_dates():
    (a,), _ = seg(f"社区治理见实效\n\n2021年5月3日,小区成立党支部。{BODY1}")
    assert a.date is None and a.source is None


def test_page_header_date_applies_to_every_article():
    text = f"2023年03月08日 星期三\n\n第一篇标题\n\n{BODY1}\n\n(全百惠 牟组宣)\n\n第二篇标题\n\n{BODY2}"
    articles, blocks = seg(text)
    assert [a.date for a in articles] == ["2023-03-08", "2023-03-08"]
    assert blocks[0].kind == "dateline" and blocks[0].article_id is None


def test_inline_trailing_byline():
    (a,), _ = seg(f"社区治理见实效\n\n{BODY1}\n\n{BODY3}(记者 张三 通讯员 李四)")
    assert a.byline == "记者 张三 通讯员 李四"


def test_text_without_headline_is_one_untitled_article():
    text = f"{BODY1}\n{BODY2}"
    (a,), blocks = seg(text)
    check_invariants(text, [a], blocks)
    assert a.title == "" and len(a.body()) == 2


def test_only_furniture_gives_no_article():
    articles, blocks = seg("A01版:重点\n\nA02版:要闻\n\n上一篇 下一篇\n")
    assert articles == [] and [b.kind for b in blocks] == ["furniture"] * 3


def test_segmentation_is_deterministic(seeds_dir):
    text = (seeds_dir / "000_87448dcd333f1b71.txt").read_text(encoding="utf-8")
    assert seg(text) == seg(text)


# ---------------------------------------------------------------------------
# near-duplicates


REPRINT_BODY = [
    "“我是一名共产党员,在任何时候都应该冲锋在前,发挥带头作用。”这是新区街道御苑社区第二网格党支部党员宋莉莉常说的一句话。",
    "在聊城,像宋莉莉阿姨一样,在享受到时代发展的红利的同时愿意主动参与社区治理的“楼长”们还有很多。",
    "“楼长+网格员”深化细化网格化治理。通过开展党建引领网格化治理工作,以群众需求为导向,鼓励楼长和网格员“双向进入”。",
    "“楼长+站长”健全协商共建机制。结合小区“红旗驿站”,由“楼长”轮流兼任驿站的“兼职”站长,与社区、物业建立三方联席会议制度。",
]


def _corpus_articles(*texts):
    out = []
    for i, t in enumerate(texts):
        arts, _ = segment_text(t, doc_id=f"{i:016d}", file=f"{i}.txt")
        out.extend(arts)
    return out


def test_reprint_in_another_file_is_a_near_duplicate():
    original = (
        "我区“楼长+”模式推动小区治理注入新“栋”能\n\n"
        + "\n\n".join(REPRINT_BODY)
        + "\n\n(融媒体 裴崇旭)"
    )
    changed = list(REPRINT_BODY)
    changed[1] = "在东昌府区,像宋莉莉一样主动参与社区治理的楼长们越来越多,成为小区治理的骨干力量。"
    reprint = "聊城晚报 2022年09月01日\n\n“楼长+”激活小区治理\n\n" + "\n\n".join(changed)
    other = "数字化转型促进企业高质量发展\n\n" + "\n\n".join([BODY1, BODY2, BODY3])
    arts = _corpus_articles(original, other, reprint)
    assert [a.duplicate_of for a in arts] == [None, None, None]
    marked = mark_near_duplicates(arts)
    assert [a.duplicate_of for a in marked] == [None, None, arts[0].id]
    assert marked[0] is arts[0]  # unchanged records are returned as they are
    assert mark_near_duplicates(marked) == marked  # deterministic, idempotent


def test_near_duplicate_points_at_the_first_occurrence():
    text = "楼长+模式\n\n" + "\n\n".join(REPRINT_BODY)
    arts = _corpus_articles(text, text.replace("楼长+模式", "楼长模式好"), text)
    marked = mark_near_duplicates(arts)
    assert [a.duplicate_of for a in marked] == [None, arts[0].id, arts[0].id]


def test_short_articles_are_never_flagged():
    arts = _corpus_articles("标题\n\n很短的正文。", "标题二\n\n很短的正文。")
    assert [a.duplicate_of for a in mark_near_duplicates(arts)] == [None, None]


def test_stale_flags_are_cleared():
    (a,) = _corpus_articles("楼长+模式\n\n" + "\n\n".join(REPRINT_BODY))
    stale = dataclasses.replace(a, duplicate_of="nonsense")
    assert mark_near_duplicates([stale])[0].duplicate_of is None


def test_shingles_and_jaccard():
    a = shingle_hashes("社区治理很好 居民满意", k=3)
    b = shingle_hashes("社区治理很好居民满意", k=3)
    assert a.dtype == np.uint64 and np.array_equal(a, b)  # whitespace does not count
    assert jaccard(a, b) == pytest.approx(1.0)
    assert jaccard(a, shingle_hashes("完全不同的一句话", k=3)) == pytest.approx(0.0)
    assert len(shingle_hashes("短", k=5)) == 0


def test_near_duplicate_parameters_are_checked():
    with pytest.raises(ValueError, match="multiple of bands"):
        mark_near_duplicates([], num_perm=100, bands=32)
    with pytest.raises(ValueError, match="threshold"):
        mark_near_duplicates([], threshold=0)


_EXTRA = [
    "街道还建立了楼长积分制度,楼长参与志愿服务可兑换生活用品,调动了居民参与的积极性。",
    "社区党委书记表示,下一步将把楼长队伍建设与网格化管理深度融合,让服务更加精准。",
]
# five files' articles in corpus order: C ~ B ~ A is a chain (A and C themselves only
# share 38 % of their shingles), D reprints X, F reprints A with other spacing
_CHAIN_DOCS = {
    "C": ("聊城楼长积分制见成效", [REPRINT_BODY[2], REPRINT_BODY[3], *_EXTRA]),
    "X": ("小区党支部联席会议解决难题", [BODY1, BODY2, BODY3]),
    "A": ("“楼长+”模式推动小区治理", REPRINT_BODY),
    "D": ("联席会议破解小区治理难题", [BODY1, BODY2, BODY3, _EXTRA[1]]),
    "B": ("楼长们的新“栋”能", [*REPRINT_BODY[1:], _EXTRA[0]]),
    "S": ("短讯", ["很短的正文。"]),
    "F": ("“楼长+”推动小区治理", [p.replace(",", ", ") for p in REPRINT_BODY]),
}


def _chain_articles():
    return _corpus_articles(
        *(title + "\n\n" + "\n\n".join(body) for title, body in _CHAIN_DOCS.values())
    )


def test_near_duplicate_reprints_across_files_and_a_chain():
    arts = _chain_articles()
    assert len(arts) == len(_CHAIN_DOCS)
    first = {name: a.id for name, a in zip(_CHAIN_DOCS, arts)}
    sets = {name: shingle_hashes(near_duplicate_text(a)) for name, a in zip(_CHAIN_DOCS, arts)}
    assert jaccard(sets["A"], sets["C"]) < 0.5 <= jaccard(sets["A"], sets["B"])
    assert jaccard(sets["B"], sets["C"]) >= 0.5
    # Jaccard alone (no containment bound): the flags the first implementation (shingle sets
    # of every article kept) gave, chains joined
    jac = {"containment": 0.0, "max_days": None}
    expected = [None, None, first["C"], first["X"], first["C"], None, first["C"]]
    assert [a.duplicate_of for a in mark_near_duplicates(arts, **jac)] == expected
    # signatures made elsewhere (the workers), shipped as bytes, give the same flags
    sigs = [near_duplicate_signature(near_duplicate_text(a)).tobytes() for a in arts]
    assert [a.duplicate_of for a in mark_near_duplicates(arts, signatures=sigs, **jac)] == expected
    feats = [near_duplicate_features(near_duplicate_text(a)) for a in arts]
    assert all(np.array_equal(f[0].tobytes(), s) for f, s in zip(feats, sigs))
    roots = near_duplicate_roots([f[0] for f in feats], lambda i: feats[i][1], containment=0.0)
    assert roots == [0, 1, 0, 1, 0, 5, 0]
    with pytest.raises(ValueError, match="signatures for"):
        mark_near_duplicates(arts, signatures=sigs[:-1])


def test_a_reprint_keeps_most_of_the_shorter_text_and_comes_within_a_month():
    """Jaccard ≥ 0.5 is not enough: the next article of a series shares much of its template."""
    body = list(REPRINT_BODY)
    docs = [
        ("楼长+", body, "2022-09-01"),
        ("楼长+（全文）", [*body, BODY1], "2022-09-03"),  # a 快讯 and its full report
        ("楼长+（二）", [*body[1:], *_EXTRA], "2022-09-02"),  # the next one: a lead gone, two new
        ("楼长+", body, "2023-09-01"),  # the same text a year later: a recurring item
    ]
    arts = [
        dataclasses.replace(a, date=date)
        for a, (_, _, date) in zip(_corpus_articles(*(t + "\n\n" + "\n\n".join(p) for t, p, _ in docs)), docs)
    ]  # fmt: skip
    sets = [shingle_hashes(near_duplicate_text(a)) for a in arts]
    inter = len(set(sets[0].tolist()) & set(sets[2].tolist()))
    assert jaccard(sets[0], sets[2]) >= 0.5 and inter / min(len(sets[0]), len(sets[2])) < 0.75
    flags = [a.duplicate_of for a in mark_near_duplicates(arts)]
    assert flags == [None, arts[0].id, None, None]
    undated = dataclasses.replace(arts[3], date=None)  # no bound in time
    assert mark_near_duplicates([arts[0], undated])[1].duplicate_of == arts[0].id
    # the bounds can be lifted: Jaccard alone joins the series and the next year's text
    loose = mark_near_duplicates(arts, containment=0.0, max_days=None)
    assert [a.duplicate_of for a in loose] == [None, *[arts[0].id] * 3]
    with pytest.raises(ValueError, match="containment"):
        mark_near_duplicates(arts, containment=1.5)


def test_near_duplicate_signature():
    text = "".join(REPRINT_BODY)
    sig = near_duplicate_signature(text)
    assert sig.dtype == np.uint32 and sig.shape == (128,)
    assert np.array_equal(sig, near_duplicate_signature(" ".join(REPRINT_BODY)))  # no spaces
    assert len(near_duplicate_signature("很短的正文。")) == 0  # under min_chars: never compared
    assert near_duplicate_signature(text, num_perm=64).shape == (64,)
    sig2, sh = near_duplicate_features(text)
    assert np.array_equal(sig, sig2) and np.array_equal(sh, shingle_hashes(text))
    with pytest.raises(ValueError, match="same number of values"):
        near_duplicate_roots([sig, sig[:64]], lambda i: sh)


def test_only_candidate_pairs_are_re_read():
    arts = _chain_articles()
    sigs = [near_duplicate_signature(near_duplicate_text(a)) for a in arts]
    asked: set[int] = set()

    def shingles(i: int) -> np.ndarray:
        asked.add(i)
        return shingle_hashes(near_duplicate_text(arts[i]))

    near_duplicate_roots(sigs, shingles)
    assert 5 not in asked  # the short article has no signature


# ---------------------------------------------------------------------------
# data files


def test_package_data_files_load():
    R = load_rules()
    assert R.furniture.match("A01版:重点")
    P = load_places()
    assert P.district_of["斗虎屯镇"] == ("东昌府区",)
    assert len(P.district_of["高新区"]) > 1


def test_bad_rules_file_names_file_and_line(tmp_path):
    bad = tmp_path / "rules.yaml"
    with open(load_rules().path, encoding="utf-8") as f:
        good = f.read()
    bad.write_text(good.replace("- '^(?:PDF|pdf)", "- '^(?:PDF|pdf(", 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"rules\.yaml:\d+: furniture pattern"):
        load_rules(bad)


def test_bad_places_file_names_file_and_line(tmp_path):
    bad = tmp_path / "places.yaml"
    bad.write_text(
        "- name: 甲区\n  level: district\n- name: 乙区\n  level: town\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match=r"places\.yaml:3: level 'town'"):
        load_places(bad)
    bad.write_text(
        "- name: 甲区\n  level: district\n  subunits: [某镇]\n- name: 乙区\n  level: district\n  subunits: [某镇]\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"places\.yaml:4: '某镇'"):
        load_places(bad)
    bad.write_text("- name: 甲区\n  level: [district\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"places\.yaml:\d+: not valid YAML"):
        load_places(bad)


# ---------------------------------------------------------------------------
# one-story texts (no bracketed byline, dateline or …讯 lead): one article


def test_one_story_text_is_one_article_whatever_its_headings_name():
    # the 新闻联播 快讯 shape: sub-headlines naming places inside one story
    text = (
        "国内联播快讯\n\n临沂以民生工程突破老区发展瓶颈\n\n"
        "近年来,山东临沂把民生工程作为突破口,累计投入资金120亿元。\n\n"
        "第22届青岛国际啤酒节开幕\n\n今晚,第22届青岛国际啤酒节在青岛开幕,为期16天。"
    )
    (a,), _ = seg(text)
    assert (a.kicker, a.title) == ("国内联播快讯", "临沂以民生工程突破老区发展瓶颈")
    assert kinds(a) == ["kicker", "title", "body", "heading", "body"]


def test_one_story_lists_and_trailing_lines_are_body():
    text = (
        "俞正声同志简历\n\n俞正声,男,汉族,1945年4月生,浙江绍兴人。\n\n"
        "1963-1968年 哈尔滨军事工程学院\n1968-1970年 张家口市无线电六厂技术员\n"
        "1970-1975年 张家口市无线电六厂技术员\n\n"
        "外国领导人向习近平表示祝贺\n\n哥伦比亚总统 桑托斯\n塞浦路斯总统 阿纳斯塔夏季斯"
    )
    (a,), _ = seg(text)
    assert kinds(a) == ["title", "body", "body", "body", "body", "body", "body", "body"]
    assert all(p.text == text[p.start : p.end] for p in a.paragraphs)


def test_a_lone_unterminated_sentence_is_body_not_a_title():
    for s in [
        "今年,银川计划改造老旧小区18个",
        "小区党支部发挥着反馈业主诉求的作用,业主们说好",
        "街道共组建志愿服务队12支",
    ]:
        (a,), _ = seg(s)
        assert a.title == "" and kinds(a) == ["body"] and a.body()[0].text == s


def test_page_marks_keep_page_segmentation():
    text = f"第一篇标题\n\n{BODY1}\n\n(全百惠 牟组宣)\n\n第二篇标题\n\n{BODY2}\n\n(全百惠 孟岩)"
    assert [a.title for a in seg(text)[0]] == ["第一篇标题", "第二篇标题"]
    # a letter's signature date after the body is no page mark
    letter = f"复信全文\n\n{BODY1}\n\n习近平\n\n2014年1月28日\n\n{BODY2}\n\n补充说明\n\n{BODY3}"
    assert len(seg(letter)[0]) == 1
    # 据朝鲜中央通讯社…报道 names a news agency: no …讯 lead
    agency = (
        f"朝鲜洪灾\n\n据朝鲜中央通讯社8号报道,{BODY1}\n\n叙利亚说如有化学武器也绝不使用\n\n{BODY2}"
    )
    assert len(seg(agency)[0]) == 1


# a compound article on a page: sections, each closed by its own byline, under headings
# of one shape; a heading of that shape after a mid-article byline is its next section
@pytest.mark.parametrize(
    "headings",
    [
        # couplet headings (seed 000 and 新闻联播 section lines)
        [
            "爱心义剪进社区 服务群众零距离",
            "网格服务解民忧 真情关怀润民心",
            "春日普法进社区 普法为民暖人心",
        ],
        [
            "北京:接诉即办 构建基层治理新格局",
            "重庆:精准排查 筑牢严密防线",
            "嘉兴:全民参与 打造人民满意之城",
        ],
        # numbered headings (新闻联播 report lines)
        ["二、在执行中央八项规定精神方面", "三、抓好各个环节工作", "六、加快农村金融制度创新"],
    ],
)
def test_heading_of_the_articles_shape_after_a_byline_continues_it(headings):
    h1, h2, h3 = headings
    text = (
        f"社区治理见实效\n\n本报讯 {BODY1}\n\n{h1}\n\n{BODY2}\n\n(全百惠 郑文生)\n\n"
        f"{h2}\n\n{BODY3}\n\n(全百惠 孟岩)\n\n{h3}\n\n{BODY1}\n\n(全百惠 刘小华)\n\n"
        f"另一篇报道的标题\n\n{BODY2}"
    )
    articles, _ = seg(text)
    assert [a.title for a in articles] == ["社区治理见实效", "另一篇报道的标题"]
    assert [p.text for p in articles[0].paragraphs if p.kind == "heading"] == headings


def test_heading_of_another_shape_after_a_byline_starts_a_new_article():
    text = (
        f"社区治理见实效\n\n本报讯 {BODY1}\n\n爱心义剪进社区 服务群众零距离\n\n{BODY2}\n\n"
        f"(全百惠 郑文生)\n\n二、在执行中央八项规定精神方面\n\n{BODY3}"
    )
    articles, _ = seg(text)
    assert [a.title for a in articles] == ["社区治理见实效", "二、在执行中央八项规定精神方面"]


def test_one_outlet_storing_its_story_again_keeps_it_whole():
    """Within one named source a reprint keeps 95 % of the text: the notice of the next live
    broadcast, same template and another session, is no reprint; in another paper it may be."""
    notice = (
        "中央广播电视总台将于明天上午9时现场直播十四届全国人大四次会议开幕会,"
        "央视综合频道、新闻频道、中国之声等将进行现场直播,央视网、央视新闻客户端同步直播。"
    )
    other = notice.replace("上午9时", "下午3时").replace("开幕会", "闭幕会")
    texts = ["大会直播预告\n\n" + notice, "大会直播预告\n\n" + other]
    a, b = _corpus_articles(*texts)
    sa, sb = (set(shingle_hashes(near_duplicate_text(x)).tolist()) for x in (a, b))
    assert 0.8 <= len(sa & sb) / min(len(sa), len(sb)) < 0.95
    same = [dataclasses.replace(x, source="新闻联播", date="2026-03-04") for x in (a, b)]
    assert [x.duplicate_of for x in mark_near_duplicates(same)] == [None, None]
    papers = [dataclasses.replace(same[0], source="齐鲁晚报"), same[1]]
    assert [x.duplicate_of for x in mark_near_duplicates(papers)] == [None, a.id]
