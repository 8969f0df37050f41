"""Figures: ``use_cjk_font()`` once, then plot functions that take data and ``ax=None``.

Plot functions return the ``Axes`` they drew on; they never call ``plt.show()`` or
``savefig`` and never touch global rcParams (only ``use_cjk_font`` does, explicitly).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

logger = logging.getLogger(__name__)

__all__ = [
    "CJK_FAMILY",
    "cjk_font_path",
    "use_cjk_font",
    "new_axes",
    "plot_bar",
    "plot_counts",
    "plot_heatmap",
]

#: The family registered by :func:`use_cjk_font` (Noto Sans SC Regular, SIL OFL 1.1).
CJK_FAMILY = "Noto Sans SC"


def cjk_font_path() -> Path:
    """Path of the Noto Sans SC font installed with the project's dependencies.

    It comes from the ``pylopdf-fonts-zh-cn`` wheel (static Regular weight). A variable
    Noto Sans CJK collection was tried first and rejected: matplotlib cannot select a
    variable font's weight, so every label rendered at the collection's default (Thin).
    """
    import pylopdf_fonts_zh_cn

    path = Path(pylopdf_fonts_zh_cn.sans_path())
    if not path.exists():  # pragma: no cover - a broken install
        raise FileNotFoundError(
            f"{path}: the CJK font is missing; reinstall it with "
            "`pip install --force-reinstall pylopdf-fonts-zh-cn`"
        )
    return path


def use_cjk_font(*, size: float = 11.0) -> str:
    """Register the bundled Noto Sans SC font and make it matplotlib's default family.

    Also pins the settings that keep figures byte-identical between runs
    (``svg.hashsalt``, fixed DPI) and shows minus signs with an ASCII hyphen,
    which every font has.

    Parameters
    ----------
    size : base font size in points

    Returns
    -------
    str
        The family name now in use.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = str(cjk_font_path())
    fm = font_manager.fontManager
    if not any(f.fname == path and f.weight == 700 for f in fm.ttflist):
        fm.addfont(path)
        # Only a Regular face ships; register it as bold too, so bold titles use it
        # quietly instead of logging "Failed to find font weight bold".
        regular = [f for f in fm.ttflist if f.fname == path]
        fm.ttflist.extend(dataclasses.replace(f, weight=700) for f in regular)
        fm._findfont_cached.cache_clear()
    mpl.rcParams["font.family"] = "sans-serif"
    sans = [CJK_FAMILY] + [f for f in mpl.rcParams["font.sans-serif"] if f != CJK_FAMILY]
    mpl.rcParams["font.sans-serif"] = sans
    mpl.rcParams["axes.unicode_minus"] = False
    # labels come from data (file names, places, titles): a "$" there is a character,
    # not TeX (a file named "x$\\foo$.txt" made every figure of a report fail to draw)
    mpl.rcParams["text.parse_math"] = False
    mpl.rcParams["font.size"] = size
    mpl.rcParams["svg.hashsalt"] = "govstats"
    mpl.rcParams["figure.dpi"] = 100
    mpl.rcParams["savefig.dpi"] = 100
    return CJK_FAMILY


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (8, 4.5)) -> Axes:
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def plot_bar(
    data: pd.Series,
    *,
    ax: Axes | None = None,
    title: str,
    xlabel: str,
    ylabel: str,
    horizontal: bool = True,
    color: str = "#c0392b",
) -> Axes:
    """Bar chart of a Series (index = labels), largest first, values written on the bars.

    Parameters
    ----------
    data : Series of numbers indexed by label
    ax : axes to draw on (a new figure when None)
    title, xlabel, ylabel : texts (Chinese renders once ``use_cjk_font`` ran)
    horizontal : horizontal bars (better for long Chinese labels)
    """
    ax = new_axes(ax, figsize=(8, max(2.5, 0.42 * len(data) + 1.2)) if horizontal else (8, 4.5))
    data = data.sort_values(ascending=horizontal)
    labels = [str(i) for i in data.index]
    if horizontal:
        bars = ax.barh(labels, data.to_numpy(), color=color)
    else:
        bars = ax.bar(labels, data.to_numpy(), color=color)
        ax.tick_params(axis="x", labelrotation=30)
    ax.bar_label(bars, fmt="%g", padding=2, fontsize=9)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.margins(x=0.12) if horizontal else ax.margins(y=0.12)
    return ax


def plot_counts(
    frame: pd.DataFrame,
    column: str,
    *,
    ax: Axes | None = None,
    title: str,
    xlabel: str = "数量",
    ylabel: str = "",
    top: int = 15,
) -> Axes:
    """Horizontal bar chart of the ``top`` most frequent values of ``frame[column]``."""
    counts = frame[column].dropna().astype(str).value_counts().head(top)
    return plot_bar(counts, ax=ax, title=title, xlabel=xlabel, ylabel=ylabel or column)


def plot_heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str,
    xlabel: str,
    ylabel: str,
    fmt: str = "g",
    cmap: str = "Reds",
) -> Axes:
    """Annotated heatmap of a small table (seaborn), e.g. cluster × model counts."""
    import seaborn as sns

    ax = new_axes(
        ax, figsize=(1.2 + 0.9 * max(3, table.shape[1]), 1.2 + 0.5 * max(3, table.shape[0]))
    )
    sns.heatmap(table, annot=True, fmt=fmt, cmap=cmap, cbar=False, linewidths=0.5, ax=ax)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=30)
    ax.tick_params(axis="y", labelrotation=0)
    return ax


# ----------------------------------------------------------------------------- report helpers
# (added with the comparison reports: display settings, captioned tables, and the figures
# of notebooks 02–04. Existing functions above are unchanged.)

__all__ += [
    "setup_display",
    "show_table",
    "plot_grouped_bar",
    "plot_hierarchies",
    "plot_terms",
]

#: One colour per compared model (colour-blind safe, Okabe–Ito), in model order.
MODEL_COLORS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#000000",
)


def setup_display(*, max_rows: int = 200, max_colwidth: int = 160) -> None:
    """pandas display options for reports: long tables shown whole, wide text not cut short.

    Parameters
    ----------
    max_rows : rows shown before pandas truncates (tables longer than this are shown
        with :func:`show_table` and a "top N of M" caption instead)
    max_colwidth : characters shown per cell (quoted sentences are long)
    """
    import pandas as pd

    pd.set_option("display.max_rows", max_rows)
    pd.set_option("display.min_rows", max_rows)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.max_colwidth", max_colwidth)
    pd.set_option("display.width", 200)
    pd.set_option("display.precision", 2)
    pd.set_option("styler.format.precision", 2)
    pd.set_option("styler.render.max_elements", 2_000_000)


def show_table(
    frame: pd.DataFrame,
    *,
    caption: str,
    top: int | None = None,
    percent: tuple[str, ...] = ("share",),
    precision: int = 2,
):
    """A captioned table for a report: "top N of M" when cut, shares as percentages.

    Parameters
    ----------
    frame : the table (already sorted meaningfully)
    caption : what the table shows (Chinese and English)
    top : show only the first ``top`` rows and say so in the caption
    percent : columns shown as percentages (0.25 → 25.0%)
    precision : decimals of other float columns

    Returns
    -------
    pandas.io.formats.style.Styler
        Renders as an HTML table in notebooks and nbconvert reports. Cells, index and
        column labels and the caption are HTML-escaped (text from articles, file names
        and parameters is shown as text, never run as markup).
    """
    import hashlib

    import pandas as pd

    from .htmlsafe import escape

    n = len(frame)
    shown = frame if top is None or n <= top else frame.head(top)
    cap = caption
    if top is not None and n > top:
        cap = f"{caption} — top {top} of {n}"
    else:
        cap = f"{caption} — {n} row{'s' if n != 1 else ''}"
    shown = shown.copy()
    for col in shown.columns:  # tuples/lists read better joined
        if shown[col].dtype == object:
            shown[col] = shown[col].map(
                lambda v: "、".join(map(str, v)) if isinstance(v, (tuple, list)) else v
            )
    # a fixed uuid (not pandas' random one) keeps the report HTML identical between runs
    uuid = hashlib.sha1((caption + str(shown.shape)).encode("utf-8")).hexdigest()[:10]
    styler = shown.style.set_caption(escape(cap)).set_uuid(uuid)
    fmt = {c: "{:.1%}" for c in percent if c in shown.columns}
    for c in shown.columns:
        if c not in fmt and pd.api.types.is_float_dtype(shown[c]):
            vals = shown[c].dropna()
            whole = (
                len(vals) > 0
                and bool((vals == vals.round()).all())
                and bool((vals.abs() < 1e15).all())
            )
            fmt[c] = "{:,.0f}" if whole else f"{{:,.{precision}f}}"
    styler = styler.format(fmt, na_rep="", escape="html")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    if isinstance(shown.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    # long text (quoted sentences, titles) gets room; short codes stay narrow
    wide = {
        c: [{"selector": "td", "props": "min-width: 22em;"}]
        for c in shown.columns
        if not pd.api.types.is_numeric_dtype(shown[c])
        and len(shown)
        and shown[c].astype(str).str.len().mean() > 25
    }
    if wide:
        styler = styler.set_table_styles(wide, overwrite=False)
    styler = styler.set_table_styles(
        overwrite=False,
        table_styles=[
            {
                "selector": "caption",
                "props": "caption-side: top; font-weight: bold; text-align: left; padding: 4px 0; white-space: nowrap;",
            },
            {
                "selector": "td",
                "props": "max-width: 40em; white-space: normal; text-align: left; vertical-align: top;",
            },
            {"selector": "th", "props": "text-align: left;"},
        ],
    )
    return styler


def plot_grouped_bar(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str,
    xlabel: str,
    ylabel: str,
    fmt: str = "%g",
) -> Axes:
    """Horizontal grouped bars: one group per row of ``table``, one bar per column (model).

    Parameters
    ----------
    table : rows = categories (places, co-mentioned models, clusters), columns = models;
        drawn top to bottom in the table's order
    ax : axes to draw on (a new figure when None)
    title, xlabel, ylabel : texts
    fmt : bar-label format (``"%.0f%%"`` for percentages already multiplied by 100)
    """
    import numpy as np

    rows, cols = list(table.index), list(table.columns)
    ax = new_axes(ax, figsize=(8, max(2.5, 0.32 * len(rows) * max(1, len(cols)) + 1.4)))
    height = 0.8 / max(1, len(cols))
    y = np.arange(len(rows))[::-1]
    for j, col in enumerate(cols):
        vals = table[col].astype(float).to_numpy()
        bars = ax.barh(
            y + 0.4 - height * (j + 0.5),
            vals,
            height=height,
            label=str(col),
            color=MODEL_COLORS[j % len(MODEL_COLORS)],
        )
        labels = [(fmt % v) if v else "" for v in vals]  # no "0" clutter on empty bars
        ax.bar_label(bars, labels=labels, padding=2, fontsize=8)
    ax.set_yticks(y, [str(r) for r in rows])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.margins(x=0.12)
    values = table.to_numpy(dtype=float).ravel() if table.size else np.array([])
    if values.size and np.all(values == np.round(values)):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if cols:
        ax.legend(
            title="模式 (model)",
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize="small",
            frameon=False,
        )
    return ax


def plot_hierarchies(
    levels: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str,
    models: list[str] | None = None,
) -> Axes:
    """Organisation structures as box diagrams, one column per model, top level first.

    Each box names a level and, where the text gives one, its count; the arrow between
    two counted levels carries the span of control (lower count ÷ upper count).

    Parameters
    ----------
    levels : rows ``model, rank, level, count, ratio`` (``Comparison.levels``)
    ax : axes to draw on (a new figure when None)
    title : figure title
    models : column order (default: order of first appearance in ``levels``)
    """
    import math

    from matplotlib.patches import FancyBboxPatch

    models = models or list(dict.fromkeys(levels["model"]))
    depth = max([int((levels["model"] == m).sum()) for m in models] + [1])
    ax = new_axes(ax, figsize=(max(5.0, 3.6 * len(models)), 1.2 + 1.15 * depth))
    ax.set_xlim(0, len(models))
    ax.set_ylim(depth + 0.1, -0.75)
    ax.axis("off")
    for j, m in enumerate(models):
        color = MODEL_COLORS[j % len(MODEL_COLORS)]
        sub = levels[levels["model"] == m].sort_values("rank")
        cx = j + 0.5
        ax.text(
            cx, -0.45, str(m), ha="center", va="center", fontsize=13, fontweight="bold", color=color
        )
        if sub.empty:
            ax.text(
                cx,
                0.5,
                "（未见层级结构）\nno stated structure",
                ha="center",
                va="center",
                fontsize=9,
                color="#666",
            )
            continue
        for i, r in enumerate(sub.itertuples()):
            has = r.count is not None and not (isinstance(r.count, float) and math.isnan(r.count))
            box = FancyBboxPatch(
                (cx - 0.42, i + 0.08),
                0.84,
                0.62,
                boxstyle="round,pad=0.02",
                facecolor=_tint(color) if has else "white",
                edgecolor=color,
                lw=2.0 if has else 1.2,
                linestyle="-" if has else "--",
            )
            ax.add_patch(box)
            ax.text(cx, i + 0.30, str(r.level), ha="center", va="center", fontsize=12, color="#111")
            ax.text(
                cx,
                i + 0.54,
                f"{float(r.count):g} 个" if has else "数量未报 (no count)",
                ha="center",
                va="center",
                fontsize=10,
                color="#111" if has else "#777",
            )
            if i + 1 < len(sub):
                ax.annotate(
                    "",
                    xy=(cx, i + 1.08),
                    xytext=(cx, i + 0.70),
                    arrowprops={"arrowstyle": "-|>", "color": "#555", "lw": 1.2},
                )
                nxt = sub.iloc[i + 1]
                ratio = nxt["ratio"]
                if ratio is not None and not (isinstance(ratio, float) and math.isnan(ratio)):
                    ax.text(
                        cx + 0.05,
                        i + 0.89,
                        f"1 : {float(ratio):.1f}",
                        ha="left",
                        va="center",
                        fontsize=10,
                        color="#111",
                    )
    ax.set_title(title)
    return ax


def _tint(color: str, amount: float = 0.78) -> str:
    """A light version of ``color`` (mixed with white), for box fills behind dark text."""
    from matplotlib.colors import to_hex, to_rgb

    r, g, b = to_rgb(color)
    return to_hex((r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount))


def plot_terms(
    terms: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str,
    xlabel: str = "log-odds z-score（越大越独特）",
    top: int = 10,
    models: list[str] | None = None,
) -> Axes:
    """Distinctive terms per model as horizontal bars, one colour block per model.

    Parameters
    ----------
    terms : rows ``group, rank, term, z`` (``Comparison.terms``)
    ax : axes to draw on (a new figure when None)
    title, xlabel : texts
    top : terms per model
    models : block order (default: order of first appearance)
    """
    models = models or list(dict.fromkeys(terms["group"]))
    rows = []
    for j, m in enumerate(models):
        sub = terms[terms["group"] == m].sort_values("rank").head(top)
        rows.extend((m, j, r.term, float(r.z)) for r in sub.itertuples())
    ax = new_axes(ax, figsize=(8, max(2.5, 0.3 * len(rows) + 1.4)))
    y = list(range(len(rows)))[::-1]
    for j, m in enumerate(models):
        idx = [i for i, r in enumerate(rows) if r[1] == j]
        if not idx:
            continue
        ax.barh(
            [y[i] for i in idx],
            [rows[i][3] for i in idx],
            color=MODEL_COLORS[j % len(MODEL_COLORS)],
            label=str(m),
        )
    ax.set_yticks(y, [f"{r[2]}" for r in rows])
    ax.axvline(0, color="#999", lw=0.8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("词 (term)")
    if rows:
        ax.legend(loc="lower right", fontsize="small", frameon=False)
    return ax


def _no_data(ax: Axes, message: str) -> Axes:
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=11,
        color="#666",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def plot_profile(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str,
    xlabel: str,
    ylabel: str,
    fmt: str = ".0%",
    cmap: str = "Blues",
) -> Axes:
    """``plot_heatmap`` for a share or count table that may be empty (says so instead of failing).

    Parameters
    ----------
    table : rows (e.g. topic clusters) × columns (e.g. models)
    fmt : cell annotation format (``.0%`` for shares, ``d`` for counts)
    """
    if table.empty or table.shape[1] == 0:
        ax = new_axes(ax, figsize=(6, 2.5))
        ax.set_title(title)
        return _no_data(ax, "没有可显示的数据 · no data to show")
    size = (max(5.5, 2.5 + 1.1 * table.shape[1]), max(3.0, 1.2 + 0.55 * table.shape[0]))
    return plot_heatmap(
        table,
        ax=new_axes(ax, figsize=size),
        title=title,
        xlabel=xlabel,
        ylabel=ylabel,
        fmt=fmt,
        cmap=cmap,
    )


__all__ += ["plot_profile", "MODEL_COLORS"]
