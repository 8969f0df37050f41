"""The extractor's errors on the readable gold parts, for a rule developer to read.

    python tools/dev_errors.py                    # every readable part, every kind of error
    python tools/dev_errors.py r5-dev subject_v2  # one part, one field (subject, subject_v2, time_scope, ...)
    python tools/dev_errors.py r4-dev structures  # structures missed / found wrongly
    python tools/dev_errors.py dev fp             # false positives (fn: false negatives)
    python tools/dev_errors.py r5-dev models      # article-level model mentions missed / false

Only the parts of ``tools/leakcheck.READABLE`` can be shown: a held-out part is refused,
so nobody tunes a rule on it by accident.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from leakcheck import READABLE  # noqa: E402

FIELDS = ("subject", "subject_v2", "time_scope", "qualifier", "per", "pair_role")


def _g(r, k):
    return r.get(k) if isinstance(r, dict) else getattr(r, k, None)


def _ctx(text: str, start: int, end: int, width: int = 30) -> str:
    return (
        text[max(0, start - width) : start]
        + "【"
        + text[start:end]
        + "】"
        + text[end : end + width]
    ).replace("\n", "⏎")


def _models(gold, run, labels, gold_model_kinds) -> None:
    """Article-level model mentions against the gold (as ``score_article_models`` pairs them):
    a (document, model) pair missed or found wrongly, named or role-only, with the aliases
    the extractor matched and a short context of each (the first three)."""
    kinds = {d: k for d, k in gold_model_kinds(gold.models).items() if gold.split[d] in labels}
    evidence = {(r["doc"], m): e for r in gold.models for m, e in (r.get("evidence") or {}).items()}
    found: dict[str, dict[str, list]] = {}  # doc -> model -> mentions in the gold window
    for m in run["mentions"]:
        d = run["doc_of"](m)
        if d not in kinds:
            continue
        ws, we = gold.windows[d]
        if _g(m, "start") < we and ws < _g(m, "end"):
            found.setdefault(d, {}).setdefault(_g(m, "model_id"), []).append(m)

    def kind_of(ms) -> str:
        return "model" if any((_g(m, "kind") or "model") == "model" for m in ms) else "role"

    def show(ms, d) -> str:
        t = gold.texts.get(d, "")
        return "; ".join(
            f"{_g(m, 'alias')}={_g(m, 'kind')} {_ctx(t, _g(m, 'start'), _g(m, 'end'), 12)}"
            for m in ms[:3]
        )

    tally = {k: [0, 0, 0] for k in ("model", "role")}  # right, missed, false
    for d in sorted(kinds):
        pred = {mid: kind_of(ms) for mid, ms in found.get(d, {}).items()}
        for mid in sorted(set(kinds[d]) | set(pred)):
            g, p = kinds[d].get(mid), pred.get(mid)
            if g is not None:
                tally[g][0 if g == p else 1] += 1
            if p is not None and p != g:
                tally[p][2] += 1
            if g == p:
                continue
            label = "named" if (g or p) == "model" else "role"
            if p is None:
                print(f"model MISSED {label:<5} {d}  {mid}  gold: {evidence.get((d, mid), '')!r}")
            elif g is None:
                print(f"model FALSE  {label:<5} {d}  {mid}  {show(found[d][mid], d)}")
            else:
                print(f"model KIND   gold={g} pred={p} {d}  {mid}  {show(found[d][mid], d)}")
    print("models: " + "; ".join(f"{'named' if k == 'model' else 'role'} {r} right, {m} missed, "
                                 f"{f} false" for k, (r, m, f) in tally.items()))  # fmt: skip


def main(argv: list[str]) -> int:
    from govstats.evaluate import (
        REAL_PARTS,
        gold_model_kinds,
        load_real_gold,
        real_gold_scores,
        run_on_real_gold,
    )

    parts = [a for a in argv if a in REAL_PARTS or a.endswith(("-dev", "-test")) or a == "test"]
    kinds = [a for a in argv if a not in parts] or ["fp", "fn", *FIELDS, "structures", "models"]
    parts = parts or sorted(READABLE)
    refused = [p for p in parts if p not in READABLE]
    if refused:
        print(f"dev_errors: {', '.join(refused)} is held out; readable parts: {sorted(READABLE)}")
        return 2
    gold = load_real_gold(ROOT / "tests/data/gold/real", ROOT.parent / "shared" / "corpora")
    with tempfile.TemporaryDirectory() as tmp:
        run = run_on_real_gold(gold, tmp)
        scores = real_gold_scores(gold, run)
    for part in parts:
        if part not in scores:
            continue
        s = scores[part]["indicators"]
        print(f"\n===== {part} =====")

        def text_of(r):
            d = r["doc"] if isinstance(r, dict) and "doc" in r else None
            return gold.texts.get(d, "") if d else ""

        for kind in kinds:
            if kind == "fp":
                for p in s.false_positives:
                    d = run["doc_of"](p)
                    t = gold.texts.get(d, "") if d else ""
                    print(f"FP  {d}  {_ctx(t, _g(p, 'start'), _g(p, 'end'))}  "
                          f"value={_g(p, 'value')} unit={_g(p, 'unit')}")  # fmt: skip
            elif kind == "fn":
                for g in s.false_negatives:
                    print(f"FN  {g['doc']}  {_ctx(text_of(g), g['start'], g['end'])}  "
                          f"value={g['value']} unit={g['unit']}")  # fmt: skip
            elif kind in FIELDS:
                for p, g in s.pairs:
                    pv, gv = _g(p, "subject" if kind == "subject_v2" else kind), g.get(kind)
                    if kind == "subject_v2" and gv is None:
                        continue
                    if (pv or None) != (gv or None):
                        print(f"{kind:<10} {g['doc']}  {_ctx(text_of(g), g['start'], g['end'])}\n"
                              f"           gold={gv!r}  pred={pv!r}")  # fmt: skip
            elif kind == "structures":
                labels = REAL_PARTS[part]
                hs = [h for h in run["hierarchies"] if gold.split.get(run["doc_of"](h)) in labels]
                for g in (g for g in gold.structures if g["split"] in labels):
                    over = [h for h in hs if run["doc_of"](h) == g["doc"]
                            and min(_g(h, 'end'), g["end"]) > max(_g(h, 'start'), g["start"])]  # fmt: skip
                    if not over:
                        print(f"structure MISSED {g['doc']}  {g['quote']!r}\n"
                              f"           gold levels={g['levels']}")  # fmt: skip
                    elif all(list(_g(h, "levels")) != list(g["levels"]) for h in over):
                        print(
                            f"structure LEVELS {g['doc']}  {g['quote']!r}\n"
                            f"           gold={g['levels']}  pred={[list(_g(h, 'levels')) for h in over]}"
                        )
                for h in hs:
                    d = run["doc_of"](h)
                    if not any(g["doc"] == d and min(_g(h, 'end'), g["end"]) > max(_g(h, 'start'), g["start"])
                               for g in gold.structures):  # fmt: skip
                        print(
                            f"structure FALSE {d}  {_ctx(gold.texts[d], _g(h, 'start'), _g(h, 'end'), 10)}"
                        )
            elif kind == "models":
                _models(gold, run, REAL_PARTS[part], gold_model_kinds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
