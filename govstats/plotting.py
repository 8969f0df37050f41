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

#: The family registered by :func:`use_cjk_font` (Noto Sans CJK, SIL OFL 1.1).
CJK_FAMILY = "Noto Sans CJK SC"


def cjk_font_path() -> Path:
    """Path of the Noto Sans CJK collection installed with the project's dependencies."""
    import manimgx_fonts_cjk

    path = Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")
    if not path.exists():  # pragma: no cover - a broken install
        raise FileNotFoundError(
            f"{path}: the CJK font is missing; reinstall with `pip install --force-reinstall manimgx-fonts-cjk`"
        )
    return path


def use_cjk_font(*, size: float = 11.0) -> str:
    """Register the bundled Noto Sans CJK font and make it matplotlib's default family.

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
    if not any(f.fname == path and f.name == CJK_FAMILY for f in fm.ttflist):
        fm.addfont(path)
        # The variable font's default instance reports weight 100 (Thin); matplotlib then
        # logs "Failed to find font weight normal" for every text. Register the same
        # face as regular and bold so weight lookups resolve quietly.
        added = [f for f in fm.ttflist if f.fname == path]
        for weight in (400, 700):
            fm.ttflist.extend(dataclasses.replace(f, weight=weight) for f in added)
        fm._findfont_cached.cache_clear()
    mpl.rcParams["font.family"] = "sans-serif"
    sans = [CJK_FAMILY] + [f for f in mpl.rcParams["font.sans-serif"] if f != CJK_FAMILY]
    mpl.rcParams["font.sans-serif"] = sans
    mpl.rcParams["axes.unicode_minus"] = False
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

    ax = new_axes(ax, figsize=(1.2 + 0.9 * max(3, table.shape[1]), 1.2 + 0.5 * max(3, table.shape[0])))
    sns.heatmap(table, annot=True, fmt=fmt, cmap=cmap, cbar=False, linewidths=0.5, ax=ax)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=30)
    ax.tick_params(axis="y", labelrotation=0)
    return ax
