"""Chinese text must render in every figure: no "Glyph … missing from font" warnings."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pandas as pd
import pytest

from govstats import plotting

CHINESE = "楼长+ 四级体系 社区党委—小区党支部—楼栋党小组—党员中心户 满意率96%"


def _draw_and_collect_glyph_warnings() -> list[str]:
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title(CHINESE, fontweight="bold")
        ax.set_xlabel("数量")
        ax.bar(["楼长+", "四级体系"], [3, -5])
        fig.canvas.draw()
        plt.close(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_cjk_font_renders_chinese_without_missing_glyphs():
    family = plotting.use_cjk_font()
    assert family == plotting.CJK_FAMILY
    assert plotting.cjk_font_path().exists()
    assert _draw_and_collect_glyph_warnings() == []


def test_without_the_font_the_glyph_check_does_fail():
    """Control: the check above can fail — matplotlib's default font lacks Chinese glyphs."""
    code = (
        "import warnings, matplotlib; matplotlib.use('Agg');"
        "import matplotlib.pyplot as plt;"
        "matplotlib.rcParams['font.family']='DejaVu Sans';"
        "warnings.simplefilter('error');"
        "fig, ax = plt.subplots(); ax.set_title('楼长'); fig.canvas.draw()"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "missing from font" in proc.stderr


def test_plot_helpers_return_axes_with_chinese_labels():
    plotting.use_cjk_font()
    import matplotlib.pyplot as plt

    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        ax = plotting.plot_bar(
            pd.Series({"牟平区": 3, "莱山区": 5}),
            title="各地文章数",
            xlabel="文章数",
            ylabel="地区",
        )
        ax.figure.canvas.draw()
        assert ax.get_title() == "各地文章数"
        assert [t.get_text() for t in ax.get_yticklabels()] == ["牟平区", "莱山区"]
        table = pd.DataFrame({"楼长+": [1, 0], "四级体系": [2, 3]}, index=["簇0", "簇1"])
        ax2 = plotting.plot_heatmap(table, title="簇 × 模型", xlabel="模型", ylabel="簇")
        ax2.figure.canvas.draw()
    plt.close("all")


def test_figures_are_byte_identical_between_runs(tmp_path):
    plotting.use_cjk_font()
    import matplotlib.pyplot as plt

    outs = []
    for i in range(2):
        ax = plotting.plot_bar(
            pd.Series({"楼长+": 3, "四级体系": 5}), title="模型", xlabel="次", ylabel=""
        )
        path = tmp_path / f"f{i}.png"
        ax.figure.savefig(path)
        plt.close(ax.figure)
        outs.append(path.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("bad", [None])
def test_new_axes_makes_a_figure_when_none(bad):
    ax = plotting.new_axes(bad)
    assert ax.figure is not None
