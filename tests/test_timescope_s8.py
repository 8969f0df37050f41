"""Time-scope classes of session 8 (issue 11), found by judging random non-gold figures blind
(``tools/sample_scope_figures.py --seed 307`` and ``--seed 311``) and then a class sample
(``tools/sample_scopes.py --seed 307``); every example is a non-gold sentence of
``../shared/corpora``."""

from __future__ import annotations

import pytest
from conftest import figure


def _scope(text: str, surface: str) -> str | None:
    return figure(text, surface).time_scope


# a span up to now with 多 after its unit: 三年多来, 一年多来, 两周多以来 (as 三年来)
@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        (
            "三年多来，援建单位克服海拔高、含氧量低、有效施工期短等困难，全社会总投入420多亿元，"
            "全面完成玉树灾后重建主要任务。",
            "420多亿元",
            "三年多来",
        ),
        (
            "至此，海南建设自由贸易试验区一年多来，已对外发布了25项“海南特色、全国首创”制度创新案例。",
            "25项",
            "海南建设自由贸易试验区一年多来",
        ),
        ("他说，三年多来，深圳已经配置了5000多台除颤器。", "5000多台", "三年多来"),
        # a record over the span is still no scope (…是两周多以来的最低值)
        ("过去24小时新增死亡病例降至525人是两周多以来的最低值。", "525人", "过去24小时"),
    ],
)
def test_a_span_up_to_now_with_more_after_the_unit(text, surface, scope):
    assert _scope(text, surface) == scope
