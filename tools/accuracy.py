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
    import govstats as gs
    from govstats.evaluate import (
        accuracy_markdown,
        accuracy_rows,
        load_real_gold,
        real_gold_scores,
        run_on_real_gold,
        seed_gold_scores,
    )

    seed = seed_gold_scores(gs.load_corpus(ROOT / "seeds"), ROOT / "tests" / "data" / "gold")
    gold = load_real_gold(ROOT / "tests" / "data" / "gold" / "real", shared / "corpora")
    with tempfile.TemporaryDirectory() as tmp:
        run = run_on_real_gold(gold, tmp)
        real = real_gold_scores(gold, run, model_ids=gs.load_lexicon().ids)
    rows = accuracy_rows(seed, real)
    if dev_only:  # rule developers never see the test columns
        rows = [(name, sd, "(hidden)", rd, "(hidden)") for name, sd, _, rd, _ in rows]
    return accuracy_markdown(rows)


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
