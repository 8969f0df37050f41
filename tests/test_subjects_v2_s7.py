"""Convention v2 classes of session 7, read on random non-gold paragraphs
(``tools/sample_indicators.py --seed 404 -n 120``): every sentence here is a non-gold one."""

from __future__ import annotations

import pytest
from conftest import figure


def _subject(text: str, surface: str) -> str | None:
    return figure(text, surface).subject


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # people counted by a bare 人 before what happened to them: composed …人数 (ann23's
        # 确诊人数), not the bare verb
        (
            "该县利特尔里弗的一条大道上发生枪击事件，至少11人受伤。",
            "至少11人",
            "受伤人数",
        ),
        ("阿根廷首都布宜诺斯艾利斯遭遇强降雨，造成至少2人死亡。", "至少2人", "死亡人数"),
        # rule 2: no predicate after the noun
        (
            "建设高标准农田，耕地面积保持在18.2亿亩以上。",
            "18.2亿亩以上",
            "耕地面积",
        ),
        ("2700多个智能安防小区，实现了可防性案件全年零发案。", "零", "可防性案件"),
        ("怀柔实验室山西研究院入轨运行，6家全国重点实验室重组入列，", "6家", "重点实验室"),
        # rule 2: 新增 (and the agent before it) is the report's verb, not the name
        (
            "推进清洁能源基地建设，新增风电光伏装机400万千瓦以上。",
            "400万千瓦以上",
            "风电光伏装机",
        ),
        (
            "2021年我国人民币贷款新增近20万亿元，银行保险机构新增债券投资7.7万亿元，满足了",
            "7.7万亿元",
            "债券投资",
        ),
        # a determiner after the verb goes with the verb; a fixed expression keeps its 从
        (
            "上海全市共有商务楼宇1569幢，辐射各类从业人员110余万人。",
            "110余万人",
            "从业人员",
        ),
        # common nouns the tagger reads as place names (ns) are no place in front
        (
            "他们两个人在四川北部山区撑起了两所山村小学。",
            "两所",
            "山村小学",
        ),
    ],
)
def test_subject_v2_session7(text: str, surface: str, subject: str) -> None:
    assert _subject(text, surface) == subject


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # a verb the tagger reads inside a noun's name is no predicate; 新增就业 is a name
        ("城镇新增就业694万人", "694万人", "城镇新增就业"),
        ("已经处理企业诉求4735件", "4735件", "企业诉求"),
    ],
)
def test_subject_v2_session7_kept(text: str, surface: str, subject: str) -> None:
    assert _subject(text, surface) == subject
