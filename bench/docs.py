"""Tables of a benchmark run, and the README blocks generated from ``bench/results.json``.

The prose figures of README.md (section *Scale*) and bench/README.md live between
``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->`` markers and are rendered from the
results file alone (:func:`render_blocks`): ``python -m bench --write-docs`` rewrites
them, and ``tests/test_bench.py`` fails when a committed block differs from what the
committed ``results.json`` renders, so the prose cannot drift from the numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["print_table", "markdown_rows", "render_blocks", "write_docs", "check_docs", "DOCS"]

ROOT = Path(__file__).resolve().parent.parent
#: the files holding generated blocks
DOCS = (ROOT / "README.md", ROOT / "bench" / "README.md")
_BLOCK = re.compile(r"(<!-- bench:([a-z-]+) -->\n)(.*?)(<!-- /bench:\2 -->)", re.S)


def _fmt(x: float | None, spec: str) -> str:
    return "—" if x is None else format(x, spec)


def _size(s: int | None) -> str:
    return "all" if s is None else f"{s:,}"


def _peak(r: dict[str, Any]) -> float:
    return max(r.get("peak_rss_mib") or 0, r.get("tree_peak_rss_mib") or 0)


def note(r: dict[str, Any]) -> str:
    """What a row found besides its time (counts, identity checks)."""
    st = r.get("stage")
    if st in ("jieba_lcut", "tokens_jieba", "tokens_rjieba"):
        return f"{r.get('tokens', 0):,} tokens, sha256 {str(r.get('tokens_sha256', ''))[:8]}"
    if st == "read_segment":
        return f"{r.get('articles', 0):,} articles"
    if st == "indicators":
        return f"{r.get('rows', 0):,} indicators"
    if st == "mentions_hierarchies":
        return f"{r.get('mentions', 0):,} mentions, {r.get('hierarchies', 0):,} structures"
    if st == "nd_signatures":
        return f"{r.get('articles', 0):,} articles, sha256 {str(r.get('features_sha256', ''))[:8]}"
    if st == "nd_reduce":
        return f"{r.get('flagged', 0):,} of {r.get('articles', 0):,} articles flagged as reprints"
    if st == "topics":
        return f"{r.get('units', 0):,} articles, {r.get('engine', '')}"
    if st == "store_write":
        return f"Parquet instead: {r.get('parquet_s', 0):.2f} s"
    if st == "extract_e2e":
        if r.get("first_wall_s"):
            return f"first run {r['first_wall_s']:.2f} s"
        arts = (r.get("rows") or {}).get("articles")
        return f"{arts:,} articles" if arts is not None else f"{r.get('files', 0):,} files"
    if st == "e2e_topics":
        return f"extract {r.get('extract_s', 0):.1f} s + topics {r.get('topics_s', 0):.1f} s"
    if st == "dask_check":
        return "identical to 1 process" if r.get("identical") else "DIFFERS from 1 process"
    return ""


def print_table(rows: list[dict[str, Any]], *, header: bool = True) -> None:
    """Rows as a fixed-width console table."""
    head = (
        f"{'corpus':>9} {'size':>7}  {'what':<52} {'chars':>11} {'wall s':>8} "
        f"{'M char/s':>9} {'× jieba':>8} {'RSS MiB':>8}"
    )
    if header:
        print(head)
        print("-" * len(head))
    for r in rows:
        rate = r["chars_per_s"] / 1e6 if r.get("chars_per_s") else None
        print(
            f"{r.get('corpus', ''):>9} {_size(r['size']):>7}  {r['label']:<52} {r['chars']:>11,} "
            f"{_fmt(r['wall_s'], '8.2f')} {_fmt(rate, '9.3f')} "
            f"{_fmt(r.get('ratio_to_jieba'), '8.2f')} {_peak(r):>8.0f}  {note(r)}",
            flush=True,
        )


def markdown_rows(rows: list[dict[str, Any]]) -> str:
    """Rows as a Markdown table."""
    out = [
        "| stories | what | characters | wall s | M char/s | × jieba.lcut | peak RSS MiB "
        "| load | found |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        rate = r["chars_per_s"] / 1e6 if r.get("chars_per_s") else None
        load = r.get("load_avg")
        load_s = f"{load[0]:.1f}→{load[1]:.1f}" if load else "—"
        out.append(
            f"| {_size(r['size'])} | {r['label']} | {r['chars']:,} | {r['wall_s']:.2f} | "
            f"{_fmt(rate, '.2f')} | {_fmt(r.get('ratio_to_jieba'), '.2f')} | {_peak(r):.0f} | "
            f"{load_s} | {note(r)} |"
        )
    return "\n".join(out)


def _targets_md(tg: list[dict[str, Any]]) -> str:
    out = ["| target | stories | measured | status |", "|---|---:|---|---|"]
    for t in tg:
        size = "—" if t["status"] == "not measured" else _size(t["size"])
        status = "met" if t["status"] == "met" else f"**{t['status']}**"
        out.append(f"| {t['target']} | {size} | {t['measured']} | {status} |")
    return "\n".join(out)


def _sizes(rows: list[dict[str, Any]], corpus: str) -> list[int | None]:
    seen: list[int | None] = []
    for r in rows:
        if r.get("corpus") == corpus and r["size"] not in seen:
            seen.append(r["size"])
    return sorted(seen, key=lambda s: (s is None, s or 0))


def _when(rows: list[dict[str, Any]]) -> str:
    stamps = sorted({r.get("measured_at") for r in rows if r.get("measured_at")})
    commits = sorted({r.get("commit") for r in rows if r.get("commit")})
    if not stamps:
        return ""
    span = stamps[0] if len(stamps) == 1 else f"{stamps[0]} – {stamps[-1]}"
    loads = [x for r in rows for x in r.get("load_avg") or ()]
    busy = (
        f"; 1-minute load average {min(loads):.1f}–{max(loads):.1f} on "
        f"{rows[0].get('cpu_count', 2)} cores"
        if loads
        else ""
    )
    return f"Measured {span}, commit {', '.join(commits)}{busy}."


def _row(rows: list[dict[str, Any]], corpus: str, size: Any, label: str) -> dict[str, Any] | None:
    for r in rows:
        if r.get("corpus") == corpus and r["size"] == size and r["label"] == label:
            return r
    return None


def _scale_md(data: dict[str, Any]) -> str:
    """README's headline table: the real-corpus ratios, and every target's status."""
    rows = data.get("rows", [])
    sizes = [s for s in _sizes(rows, "xwlb")]
    if not sizes:
        return "No real-corpus run in bench/results.json yet."
    out = [
        "| on 新闻联播 stories (ratios to `jieba.lcut` in the same run) | "
        + " | ".join(f"{_size(s)} stories" for s in sizes)
        + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    labels: list[str] = []
    for r in rows:
        if r.get("corpus") == "xwlb" and r["label"] not in labels and r["stage"] != "jieba_lcut":
            labels.append(r["label"])
    for label in labels:
        cells = []
        for s in sizes:
            r = _row(rows, "xwlb", s, label)
            cells.append(
                "—"
                if r is None or r.get("ratio_to_jieba") is None
                else f"{r['ratio_to_jieba']:.2f}×"
            )
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    base = [_row(rows, "xwlb", s, "jieba.lcut (baseline, every line)") for s in sizes]
    labels = [lb for lb in labels if not lb.startswith("jieba.lcut")]
    out.append(
        "| *`jieba.lcut` itself (M char/s)* | "
        + " | ".join("—" if b is None else f"{b['chars_per_s'] / 1e6:.2f}" for b in base)
        + " |"
    )
    return "\n".join(out)


def render_blocks(data: dict[str, Any]) -> dict[str, str]:
    """Every generated block's Markdown, by name, from the results alone."""
    rows = data.get("rows", [])
    real = [r for r in rows if r.get("corpus") == "xwlb"]
    synth = [r for r in rows if r.get("corpus") == "synthetic"]
    blocks: dict[str, str] = {}
    parts = []
    for s in _sizes(rows, "xwlb"):
        part = [r for r in real if r["size"] == s]
        title = "the whole archive" if s is None else f"the first {s:,} stories"
        parts.append(f"**{title}** ({_when(part)})\n\n{markdown_rows(part)}")
    blocks["real"] = "\n\n".join(parts) or "No real-corpus run yet."
    blocks["targets"] = _targets_md(data.get("targets", []))
    parts = []
    for s in _sizes(rows, "synthetic"):
        part = [r for r in synth if r["size"] == s]
        parts.append(f"**{s:,} synthetic articles** ({_when(part)})\n\n{markdown_rows(part)}")
    blocks["synthetic"] = "\n\n".join(parts) or "No synthetic run yet."
    blocks["scale"] = _scale_md(data) + "\n\n" + _targets_md(data.get("targets", []))
    blocks["profile"] = _profile_md(data.get("profile"))
    blocks["near-duplicates"] = _nd_md(
        data.get("near_duplicates"),
        [data[k] for k in sorted(data) if k.startswith("near_duplicates_j")],
    )
    return {k: v.rstrip("\n") + "\n" for k, v in blocks.items()}


def _profile_md(p: dict[str, Any] | None) -> str:
    if not p:
        return "No profile in bench/results.json yet (`python -m bench.profile`)."
    out = [
        f"`{p['command']}`: {p['what']}, {p['wall_s']:.2f} s under cProfile "
        f"({p['chars']:,} characters).",
        "",
        "| where (module) | own time s | share |",
        "|---|---:|---:|",
    ]
    for m in p["modules"]:
        out.append(f"| {m['module']} | {m['tottime']:.2f} | {100 * m['share']:.0f} % |")
    out += ["", "| function | calls | own s | cumulative s |", "|---|---:|---:|---:|"]
    for f in p["functions"]:
        out.append(
            f"| `{f['function']}` | {f['calls']:,} | {f['tottime']:.2f} | {f['cumtime']:.2f} |"
        )
    return "\n".join(out)


def _nd_md(nd: dict[str, Any] | None, extra: list[dict[str, Any]] = ()) -> str:
    if not nd:
        return "No near-duplicate review in bench/results.json yet (`python -m bench.ndreview`)."
    out = [
        f"`{nd['command']}`. On {nd['stories']:,} stories ({nd['articles']:,} articles, "
        f"{nd['compared']:,} long enough to compare): **{nd['flagged']:,} articles flagged** as "
        f"reprints of an earlier one, in {nd['groups']:,} groups (the pipeline's rule: Jaccard "
        "of 5-character shingles ≥ 0.5 with some article of the group; a flagged article "
        "points at its group's first article).",
        "",
        f"Read by hand: {nd['sample']} flagged pairs (article, the article it is marked a "
        f"duplicate of) drawn with `random.Random({nd['seed']})`; **{nd['true']} of "
        f"{nd['sample']} are reprints of the same story** (precision {nd['precision']:.2f}).",
    ]
    if nd.get("kinds"):
        out += ["", "| what the pair is | pairs |", "|---|---:|"]
        out += [f"| {k} | {v} |" for k, v in nd["kinds"].items()]
    if nd.get("by_jaccard"):
        out += [
            "",
            "| Jaccard with the group's first article | flagged | of which within a day |",
            "|---|---:|---:|",
        ]
        out += [
            f"| {b['jaccard']} | {b['pairs']:,} | {b['within_a_day']:,} |" for b in nd["by_jaccard"]
        ]
    for x in extra:
        out += [
            "",
            f"Among the {x['pool']:,} flagged pairs with Jaccard in [{x['min_jaccard']:g}, "
            f"{x['max_jaccard']:g}{']' if x['max_jaccard'] >= 1 else ')'} "
            f"(`{x['command']}`): **{x['true']} of {x['sample']}** read are reprints of the "
            f"same story (precision {x['precision']:.2f}); "
            + "; ".join(f"{k}: {v}" for k, v in x.get("kinds", {}).items())
            + ".",
        ]
    return "\n".join(out)


def _apply(text: str, blocks: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(2)
        return m.group(1) + blocks[name] + m.group(4) if name in blocks else m.group(0)

    return _BLOCK.sub(sub, text)


def write_docs(data: dict[str, Any], files=DOCS) -> list[Path]:
    """Rewrite the generated blocks of ``files`` from ``data``; return the files changed."""
    blocks = render_blocks(data)
    changed = []
    for p in files:
        old = p.read_text(encoding="utf-8")
        new = _apply(old, blocks)
        if new != old:
            p.write_text(new, encoding="utf-8")
            changed.append(p)
    return changed


def check_docs(data: dict[str, Any], files=DOCS) -> list[str]:
    """``file: block`` for every generated block whose text differs from ``data``'s render."""
    blocks = render_blocks(data)
    bad = []
    for p in files:
        for m in _BLOCK.finditer(p.read_text(encoding="utf-8")):
            if m.group(2) not in blocks or m.group(3) != blocks[m.group(2)]:
                bad.append(f"{p}: {m.group(2)}")
    return bad
