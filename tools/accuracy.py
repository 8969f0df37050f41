"""Print (or write into README.md) the accuracy table: every stage, seeds and real corpus, dev and test.

    python tools/accuracy.py            # print the Markdown table
    python tools/accuracy.py --write    # replace the block between the accuracy markers in README.md
    python tools/accuracy.py --dev      # dev columns only: what a rule developer may look at

The block in README.md is checked by tests/test_real_gold.py, so the figures there are the
ones the code measures now.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"


def table(shared: Path = ROOT.parent / "shared", *, dev_only: bool = False) -> str:
    """The accuracy block: round 1 beside the seeds, round 2, and the agreement of two annotators.

    With ``dev_only`` every column scored on test documents reads ``(hidden)`` and the
    agreement table (half of its documents are test documents) is left out.
    """
    import govstats as gs
    from govstats.evaluate import (
        accuracy_markdown,
        accuracy_rows,
        agreement_scores,
        load_agreement,
        load_real_gold,
        real_gold_scores,
        run_on_real_gold,
        seed_gold_scores,
    )

    gold_dir = ROOT / "tests" / "data" / "gold" / "real"
    seed = seed_gold_scores(gs.load_corpus(ROOT / "seeds"), ROOT / "tests" / "data" / "gold")
    gold = load_real_gold(gold_dir, shared / "corpora")
    ids = gs.load_lexicon().ids
    with tempfile.TemporaryDirectory() as tmp:
        run = run_on_real_gold(gold, tmp)
        real = real_gold_scores(gold, run, model_ids=ids)
        agree = None
        if (gold_dir / "agreement").is_dir() and not dev_only:
            agree = agreement_scores(gold, load_agreement(gold_dir, gold), run, model_ids=ids)
    rows = accuracy_rows(seed, real)
    if dev_only:  # rule developers never see the test columns
        rows = [(name, sd, "(hidden)", rd, "(hidden)") for name, sd, _, rd, _ in rows]
    out = accuracy_markdown(rows)
    # a rule developer sees the dev halves of the later rounds only
    parts = (
        ("r2-dev", "r3-dev", "r4-dev", "r5-dev")
        if dev_only
        else ("r2-dev", "r2-test", "r2", "r3", "r4", "r5-dev", "r5-test", "r5")
    )
    later = [p for p in parts if p in real]
    if later:
        names = {"r2-dev": "round 2 dev", "r2-test": "round 2 test", "r2": "round 2, all",
                 "r3": "round 3", "r4": "round 4", "r3-dev": "round 3 dev",
                 "r4-dev": "round 4 dev", "r5-dev": "round 5 dev", "r5-test": "round 5 test",
                 "r5": "round 5, all"}  # fmt: skip
        rows = accuracy_rows(None, real, columns=[("real", p) for p in later])
        counts = []
        for prefix in ("r2", "r3", "r4", "r5"):
            docs = set(gold.docs((f"{prefix}-dev", f"{prefix}-test")))
            if docs:
                n_sup = len(docs & gold.supplement)
                full = (
                    f"{len(docs) - n_sup} documents for everything, " if len(docs) > n_sup else ""
                )
                counts.append(
                    f"round {prefix[1]}: {full}{n_sup} stories for structures and models only"
                )
        out += (
            "\n**Later rounds**, selected and annotated after the rules of the table above were written "
            f"({'; '.join(counts)}; see `tests/data/gold/real/README.md` for which branch read which):\n\n"
        )
        out += accuracy_markdown(rows, [names[p] for p in later])
    v2 = subject_v2_agreement(gold, real)
    if v2 is not None:
        out += (
            f"\n**Subjects, convention v2**: a second annotator re-annotated {v2['n']} held-out "
            "figures independently (`subjects_v2/agreement/`); on the same figures, against the "
            "first annotator's v2 subjects, exact / lenient: second annotator "
            f"{v2['human']}, extractor {v2['extractor']} (extractor on the {v2['n_pred']} of them it "
            "found with the right number).\n"
        )
    if agree is not None:
        n = len(load_agreement(gold_dir, gold)["docs"])
        rows = accuracy_rows(None, agree, columns=[("real", "human"), ("real", "extractor")])
        keep = ("indicators: precision / recall", "indicators: n gold", "indicators: subject",
                "indicators: qualifier", "indicators: time scope", "models", "structures")  # fmt: skip
        rows = [r for r in rows if r[0].startswith(keep) and "v2" not in r[0]]
        out += (
            f"\n**Agreement** on {n} round-1 documents a second annotator read independently "
            "(8 for everything, 6 structure-cue stories for structures and models; the gold as "
            "reference):\n\n"
        )
        out += accuracy_markdown(rows, ("second annotator", "extractor"))
    return out


def subject_v2_agreement(gold, real) -> dict | None:
    """Second annotator vs first on the v2 subjects of the agreement sample, and the extractor."""
    from govstats.evaluate import _f, lenient_equal
    from govstats.gold import load_subjects_v2, subject_id

    second = load_subjects_v2(ROOT / "tests" / "data" / "gold" / "real", agreement=True)
    first = {subject_id(g): g["subject_v2"] for g in gold.indicators if "subject_v2" in g}
    ids = [i for i in second if i in first]
    if not ids:
        return None
    pred = {}
    for part in ("test", "r2-test", "r5-test", "dev", "r2-dev", "r5-dev"):
        for p, g in real[part]["indicators"].pairs if part in real else ():
            pred[subject_id(g)] = p.get("subject") if isinstance(p, dict) else p.subject

    def share(get, only_found=False):
        got = [(get(i), first[i]) for i in ids if i in pred or not only_found]
        exact = sum((a or None) == b for a, b in got) / len(got)
        lenient = sum(lenient_equal(a, b) for a, b in got) / len(got)
        return f"{_f(exact)} / {_f(lenient)}", len(got)

    human, _ = share(second.get)
    extractor, n_pred = share(pred.get, only_found=True)
    return {"n": len(ids), "human": human, "extractor": extractor, "n_pred": n_pred}


def replace_block(text: str, block: str) -> str:
    """``text`` with the part between the accuracy markers replaced by ``block``."""
    head, sep, rest = text.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise SystemExit(f"README.md: the markers {BEGIN} … {END} are missing")
    return f"{head}{BEGIN}\n{block}{END}{tail}"


def readme_block(text: str) -> str:
    """The part of README.md between the accuracy markers."""
    return text.partition(BEGIN)[2].partition(END)[0].lstrip("\n")


if __name__ == "__main__":
    md = table(dev_only="--dev" in sys.argv[1:])
    if "--write" in sys.argv[1:] and "--dev" not in sys.argv[1:]:
        readme = ROOT / "README.md"
        readme.write_text(replace_block(readme.read_text(encoding="utf-8"), md), encoding="utf-8")
    print(md, end="")
