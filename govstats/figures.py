"""Figures for the trends and comparison reports (the older ones are in ``govstats.plotting``).

Same rules as ``plotting``: data in, ``Axes`` (or ``Figure``) out, no ``plt.show()``, no
global rcParams (call ``plotting.use_cjk_font()`` first), deterministic output.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .plotting import MODEL_COLORS, _no_data, new_axes

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "plot_timeline",
    "plot_province_tiles",
    "plot_claims",
    "cluster_colors",
    "plot_topic_map",
    "plot_k_curve",
]


def cluster_colors(n: int) -> list[tuple[float, float, float, float]]:
    """``n`` distinct colours: tab10 up to 10, then tab20, then evenly spaced hues.

    Beyond 20 no palette keeps every colour distinct to the eye, so callers label the
    clusters directly as well (``plot_topic_map`` writes each cluster's number at its centre).
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import hsv_to_rgb

    if n <= 10:
        return [plt.get_cmap("tab10")(i) for i in range(n)]
    if n <= 20:
        return [plt.get_cmap("tab20")(i) for i in range(n)]
    return [
        (*hsv_to_rgb((i / n, 0.75 if i % 2 else 0.5, 0.85 if i % 2 else 0.6)), 1.0)
        for i in range(n)
    ]


def plot_timeline(timeline: pd.DataFrame, *, title: str, models: list[str] | None = None) -> Figure:
    """Articles per period for each model (one panel each): bars of articles naming the
    model (solid) and mentioning only a role (hatched), with the corpus size per period
    as a grey line on the right axis, so every bar is read against its base.

    Parameters
    ----------
    timeline : ``trends.model_timeline`` output
    title : figure title
    models : panel order (default: the order in ``timeline``)
    """
    import matplotlib.pyplot as plt
    import numpy as np

    models = models or list(dict.fromkeys(timeline["model"]))
    if timeline.empty or not models:
        ax = new_axes(None, figsize=(7, 2.5))
        ax.set_title(title)
        _no_data(ax, "没有带日期的提及 · no dated mentions")
        return ax.figure
    periods = list(dict.fromkeys(timeline["period"]))
    fig, axes = plt.subplots(
        len(models),
        1,
        figsize=(min(14.0, max(7.0, 0.32 * len(periods) + 2.5)), 1.9 * len(models) + 0.9),
        sharex=True,
        layout="constrained",
        squeeze=False,
    )
    x = np.arange(len(periods))
    step = max(1, math.ceil(len(periods) / 24))
    for i, m in enumerate(models):
        ax = axes[i, 0]
        sub = timeline[timeline["model"] == m].set_index("period").reindex(periods, fill_value=0)
        color = MODEL_COLORS[i % len(MODEL_COLORS)]
        named = sub["named"].to_numpy(dtype=float)
        role = sub["role_only"].to_numpy(dtype=float)
        ax.bar(x, named, color=color, label="点名 (names the model)")
        ax.bar(
            x,
            role,
            bottom=named,
            color="white",
            edgecolor=color,
            hatch="///",
            label="仅角色 (role only)",
        )
        ax.set_ylabel(str(m), rotation=0, ha="right", va="center", fontsize=11, color=color)
        top = max(1.0, float((named + role).max()))
        ax.set_ylim(0, top * 1.15)
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        twin = ax.twinx()
        twin.plot(
            x,
            sub["corpus_articles"].to_numpy(dtype=float),
            color="#888",
            lw=1.2,
            marker=".",
            label="语料文章数 (corpus articles)",
        )
        twin.set_ylim(0, max(1.0, float(sub["corpus_articles"].max())) * 1.15)
        twin.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        twin.tick_params(axis="y", colors="#777", labelsize=8)
        if i == 0:
            h1, l1 = ax.get_legend_handles_labels()
            h2, l2 = twin.get_legend_handles_labels()
            ax.legend(
                h1 + h2,
                l1 + l2,
                loc="lower left",
                bbox_to_anchor=(0.0, 1.0),
                fontsize="small",
                frameon=False,
                ncols=3,
            )
    last = axes[-1, 0]
    last.set_xticks(
        x[::step],
        [str(p) for p in periods][::step],
        rotation=45 if len(periods) > 12 else 0,
        ha="right" if len(periods) > 12 else "center",
    )
    last.set_xlabel(
        "时期 (period)；左轴：文章数 (articles)，右轴灰线：语料文章数 (corpus articles)"
    )
    fig.suptitle(title)
    return fig


def plot_province_tiles(
    reached: pd.DataFrame, *, title: str, models: list[str] | None = None
) -> Figure:
    """A tile-grid map of China's 34 provincial-level divisions per model: a province is
    coloured by the year the model first appears there (darker = later), outlined grey
    where the model was not seen, with the article count under the name.

    Parameters
    ----------
    reached : ``trends.provinces_reached`` output (``model, province, row, col, articles,
        first_year``)
    title : figure title
    models : panel order (default: order in ``reached``)
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle

    models = models or list(dict.fromkeys(reached["model"]))
    if reached.empty or not models:
        ax = new_axes(None, figsize=(6, 2.5))
        ax.set_title(title)
        _no_data(ax, "没有可显示的数据 · no data to show")
        return ax.figure
    years = sorted({int(y) for y in reached["first_year"].dropna()})
    lo, hi = (years[0], years[-1]) if years else (2000, 2001)
    norm = Normalize(lo, max(hi, lo + 1))
    cmap = plt.get_cmap("YlOrRd")
    ncols = min(len(models), 3)
    nrows = math.ceil(len(models) / ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(3.6 * ncols + 0.8, 3.9 * nrows + 0.6),
        layout="constrained",
        squeeze=False,
    )
    for j in range(nrows * ncols):
        ax = axes[j // ncols, j % ncols]
        ax.set_xlim(-0.1, 9.1)
        ax.set_ylim(9.1, -0.1)
        ax.set_aspect("equal")
        ax.axis("off")
        if j >= len(models):
            continue
        m = models[j]
        sub = reached[reached["model"] == m]
        n_prov = int((sub["articles"] > 0).sum())
        ax.set_title(f"{m}（{n_prov} 个省级地区 / provinces）", fontsize=11)
        for r in sub.itertuples():
            seen = r.articles > 0
            dated = isinstance(r.first_year, str)
            face = cmap(norm(int(r.first_year))) if dated else ("#dddddd" if seen else "white")
            ax.add_patch(
                Rectangle(
                    (r.col + 0.04, r.row + 0.04),
                    0.92,
                    0.92,
                    facecolor=face,
                    edgecolor="#444" if seen else "#bbb",
                    lw=1.0 if seen else 0.6,
                )
            )
            dark = dated and norm(int(r.first_year)) > 0.6
            ax.text(
                r.col + 0.5,
                r.row + 0.38,
                r.province,
                ha="center",
                va="center",
                fontsize=7.5,
                color="white" if dark else ("#111" if seen else "#999"),
            )
            if seen:
                ax.text(
                    r.col + 0.5,
                    r.row + 0.72,
                    f"{r.first_year if dated else '?'}·{r.articles}",
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if dark else "#333",
                )
    sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
    cb = fig.colorbar(sm, ax=axes.ravel().tolist(), shrink=0.6, pad=0.02)
    cb.set_label("首见年份 (first year); 格内：年份·文章数")
    from matplotlib.ticker import MaxNLocator

    cb.locator = MaxNLocator(integer=True)
    cb.update_ticks()
    fig.suptitle(title)
    return fig


def plot_claims(claims: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Axes:
    """Values claimed per period for one unit term (``trends.claims_over_time``): a dot per
    claim (hollow = approximate: 余/多/近/约), log scale when values span > 100×.

    Parameters
    ----------
    claims : ``claims_over_time`` output (dated rows are drawn)
    """
    import numpy as np

    ax = new_axes(ax, figsize=(8, 3.8))
    c = claims.dropna(subset=["period"]) if len(claims) else claims
    if c.empty:
        ax.set_title(title)
        return _no_data(ax, "没有带日期的数量陈述 · no dated claims")
    periods = sorted(set(c["period"]))
    pos = {p: i for i, p in enumerate(periods)}
    units = sorted(set(c["unit"].fillna("")))
    for j, u in enumerate(units):
        part = c[c["unit"].fillna("") == u]
        color = MODEL_COLORS[j % len(MODEL_COLORS)]
        jitter = np.linspace(-0.15, 0.15, num=max(len(part), 1)) if len(part) > 1 else np.zeros(1)
        xs = np.array([pos[p] for p in part["period"]], dtype=float) + jitter[: len(part)]
        vals = part["value"].astype(float).to_numpy()
        approx = part["approximate"].to_numpy(dtype=bool)
        if (~approx).any():
            ax.scatter(
                xs[~approx], vals[~approx], color=color, s=30, label=f"{u or '(无单位)'} exact"
            )
        if approx.any():
            ax.scatter(
                xs[approx],
                vals[approx],
                facecolor="white",
                edgecolor=color,
                s=30,
                label=f"{u or '(无单位)'} 约/余/近 (approx.)",
            )
    v = c["value"].astype(float)
    if v.min() > 0 and v.max() / v.min() > 100:
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

        ax.set_yscale("log")
        # plain numbers: labels are text, not TeX (text.parse_math is off in reports)
        ax.yaxis.set_major_locator(LogLocator(base=10))
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda y, _: f"{y:,.0f}" if y >= 1 else f"{y:g}")
        )
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(range(len(periods)), periods, rotation=45 if len(periods) > 10 else 0)
    ax.set_title(title)
    ax.set_xlabel("时期 (period)")
    ax.set_ylabel("所述数值 (value stated)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return ax


def plot_topic_map(embedding: pd.DataFrame, *, title: str) -> Figure:
    """The 2-D topic map (``TopicModel.project()``): one distinct colour per cluster
    (``cluster_colors``), the cluster number written at each cluster's median point, and
    the legend below the axes (``"outside"`` placement, so constrained layout always fits
    it: no "constrained_layout not applied" warning, however many clusters).
    """
    import matplotlib.patheffects as pe
    import matplotlib.pyplot as plt

    if embedding.empty:
        ax = new_axes(None, figsize=(7, 3))
        ax.set_title(title)
        _no_data(ax, "没有拟合主题模型 · no topic model was fitted")
        return ax.figure
    clusters = sorted(int(c) for c in embedding["cluster"].unique())
    colors = cluster_colors(len(clusters))
    ncols = 2 if len(clusters) > 6 else 1
    rows = math.ceil(len(clusters) / ncols)
    fig = plt.figure(figsize=(8.5, 5.5 + 0.22 * rows), layout="constrained")
    ax = fig.add_subplot()
    for i, c in enumerate(clusters):
        part = embedding[embedding["cluster"] == c]
        name = f"{c}: {part['label'].iloc[0]}" if "label" in part.columns else str(c)
        ax.scatter(part["x"], part["y"], s=12, alpha=0.7, color=colors[i], label=name, linewidths=0)
    for i, c in enumerate(clusters):
        part = embedding[embedding["cluster"] == c]
        ax.text(
            float(part["x"].median()),
            float(part["y"].median()),
            str(c),
            ha="center",
            va="center",
            fontsize=10,
            fontweight="bold",
            color=colors[i],
            path_effects=[pe.withStroke(linewidth=3, foreground="white")],
        )
    ax.set_title(title)
    ax.set_xlabel("SVD 1（第一主成分）")
    ax.set_ylabel("SVD 2（第二主成分）")
    fig.legend(
        loc="outside lower center", ncols=ncols, fontsize="small", frameon=False, markerscale=1.5
    )
    return fig


def plot_k_curve(scores: pd.DataFrame, *, title: str, ax: Axes | None = None) -> Axes:
    """The k-selection curve: silhouette and stability per k (left axis), their product
    ``score`` (right axis, the quantity ranked), the chosen k marked.

    Parameters
    ----------
    scores : ``k, silhouette, stability, score`` and optionally ``chosen`` (``TopicTables.k_scores``)
    """
    ax = new_axes(ax, figsize=(7.5, 3.8))
    if scores.empty:
        ax.set_title(title)
        return _no_data(ax, "没有拟合主题模型 · no topic model was fitted")
    ax.plot(
        scores["k"],
        scores["silhouette"],
        marker="o",
        color=MODEL_COLORS[0],
        label="silhouette（轮廓系数）",
    )
    if "stability" in scores and scores["stability"].notna().any():
        ax.plot(
            scores["k"],
            scores["stability"],
            marker="s",
            color=MODEL_COLORS[1],
            label="stability（稳定性, ARI）",
        )
    handles, labels = ax.get_legend_handles_labels()
    if "score" in scores and scores["score"].notna().any():
        tw = ax.twinx()
        tw.plot(
            scores["k"],
            scores["score"],
            marker="^",
            color=MODEL_COLORS[2],
            ls="--",
            label="score = silhouette × stability",
        )
        tw.set_ylabel("score（右轴）", color=MODEL_COLORS[2])
        tw.tick_params(axis="y", colors=MODEL_COLORS[2], labelsize=8)
        h2, l2 = tw.get_legend_handles_labels()
        handles, labels = handles + h2, labels + l2
    if "chosen" in scores and scores["chosen"].any():
        k = int(scores.loc[scores["chosen"], "k"].iloc[0])
        ax.axvline(k, color="#555", ls=":", lw=1)
        ax.text(k, 1.0, f" 选定 k={k}", transform=ax.get_xaxis_transform(), va="top", fontsize=9)
    ax.set_xticks(list(scores["k"]))
    ax.set_title(title)
    ax.set_xlabel("聚类数 k (number of clusters)")
    ax.set_ylabel("得分 (score)")
    ax.legend(handles, labels, loc="upper right", fontsize="small", frameon=False)
    return ax
