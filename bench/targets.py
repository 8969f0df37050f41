"""The targets of issue 14, evaluated on the real-corpus rows of a benchmark run.

Each target gives one entry per real-corpus size that measured it:
``{"target", "size", "value", "measured", "status"}`` with ``status`` ``"met"`` or
``"missed"`` (a target no row measured is listed once as ``"not measured"``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["real_targets", "TARGETS"]

#: the targets, in the order the issue lists them
TARGETS = (
    "extraction without tokens ≥ 5× jieba.lcut, one process",
    "tokens ≥ 15× jieba.lcut, identical to the jieba backend (HMM off)",
    "whole archive: extract + tokens on 2 cores, then topics, < 60 s wall",
    "whole archive: that run's peak RSS (all processes) < 2 GiB",
    "extract + tokens: 2 cores ≥ 1.8× one core",
    "the cache costs < 10 % of a first run",
    "a re-run on the unchanged corpus takes < 10 % of the first run",
    "Dask, local 2-worker cluster: output identical to one process",
    "near-duplicate signatures: govstats.minhash identical to the pipeline's",
)


def _size(s: int | None) -> str:
    return "all" if s is None else f"{s:,}"


def _by(rows: list[dict[str, Any]], stage: str, **opts: Any) -> dict[Any, dict[str, Any]]:
    """Real-corpus rows of ``stage`` whose options include ``opts``, by size."""
    out = {}
    for r in rows:
        if r.get("corpus") != "xwlb" or r.get("stage") != stage:
            continue
        o = r.get("options", {})
        if all(o.get(k, False) == v for k, v in opts.items()):
            out[r["size"]] = r
    return out


def _peak(r: dict[str, Any]) -> float:
    return max(r.get("peak_rss_mib") or 0, r.get("tree_peak_rss_mib") or 0)


def real_targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every target of issue 14 with its figure from ``rows`` (met / missed)."""
    out: list[dict[str, Any]] = []

    def add(i: int, size: Any, value: float | bool, measured: str, met: bool) -> None:
        out.append(
            {
                "target": TARGETS[i],
                "size": size,
                "value": value,
                "measured": measured,
                "status": "met" if met else "missed",
            }
        )

    ext, ext_mh = _by(rows, "extraction", minhash=False), _by(rows, "extraction", minhash=True)
    for size, r in ext.items():
        v = r["ratio_to_jieba"]
        more = ""
        if size in ext_mh and ext_mh[size].get("ratio_to_jieba"):
            more = f" ({ext_mh[size]['ratio_to_jieba']:.2f}× with govstats.minhash wired in)"
        add(0, size, v, f"{v:.2f}×{more}", v >= 5)

    rj, jb = _by(rows, "tokens_rjieba"), _by(rows, "tokens_jieba")
    for size, r in rj.items():
        v = r["ratio_to_jieba"]
        same = size in jb and jb[size].get("tokens_sha256") == r.get("tokens_sha256")
        ident = (
            "identical tokens"
            if same
            else ("tokens DIFFER" if size in jb else "identity checked at 10k only")
        )
        add(1, size, v, f"{v:.2f}× ({ident})", v >= 15 and (same or size not in jb))

    e2e = _by(rows, "e2e_topics", tokens=True)
    for size, r in e2e.items():
        if size is not None:
            continue
        w = r["wall_s"]
        add(
            2,
            size,
            w,
            f"{w:.1f} s (extract {r.get('extract_s', 0):.1f} s + topics {r.get('topics_s', 0):.1f} s)",
            w < 60,
        )
        p = _peak(r)
        add(3, size, p, f"{p / 1024:.2f} GiB", p < 2048)

    one = _by(rows, "extract_e2e", n_jobs=1, tokens=True, rerun=False)
    allc = _by(rows, "extract_e2e", n_jobs=0, tokens=True, rerun=False)
    for size in [s for s in one if s in allc]:
        v = one[size]["wall_s"] / allc[size]["wall_s"]
        add(
            4,
            size,
            v,
            f"{v:.2f}× ({one[size]['wall_s']:.1f} s → {allc[size]['wall_s']:.1f} s)",
            v >= 1.8,
        )

    nocache = _by(rows, "extract_e2e", n_jobs=1, tokens=False, cache=False)
    cached = _by(rows, "extract_e2e", n_jobs=1, tokens=False, cache=True)
    for size in [s for s in cached if s in nocache]:
        c, n = cached[size]["wall_s"], nocache[size]["wall_s"]
        v = (c - n) / c
        add(5, size, v, f"{100 * v:.1f} % ({n:.1f} s without, {c:.1f} s with)", v < 0.10)

    for size, r in _by(rows, "extract_e2e", rerun=True).items():
        if r.get("first_wall_s"):
            v = r["wall_s"] / r["first_wall_s"]
            add(
                6,
                size,
                v,
                f"{100 * v:.1f} % ({r['wall_s']:.1f} s of {r['first_wall_s']:.1f} s)",
                v < 0.10,
            )

    for size, r in _by(rows, "dask_check").items():
        ok = bool(r.get("identical"))
        add(7, size, ok, "identical" if ok else f"differs: {', '.join(r.get('differs', []))}", ok)

    ref, mh = _by(rows, "nd_signatures", impl="segment"), _by(rows, "nd_signatures", impl="minhash")
    for size in [s for s in ref if s in mh]:
        ok = ref[size].get("features_sha256") == mh[size].get("features_sha256")
        speed = ref[size]["wall_s"] / mh[size]["wall_s"] if mh[size]["wall_s"] else 0
        add(
            8,
            size,
            ok,
            f"{'identical' if ok else 'DIFFERENT'} signatures and shingle sets, {speed:.1f}× faster",
            ok,
        )

    measured = {t["target"] for t in out}
    for t in TARGETS:
        if t not in measured:
            out.append(
                {
                    "target": t,
                    "size": None,
                    "value": None,
                    "measured": "—",
                    "status": "not measured",
                }
            )
    order = {t: i for i, t in enumerate(TARGETS)}
    out.sort(key=lambda t: (order[t["target"]], t["size"] is None, t["size"] or 0))
    return out
