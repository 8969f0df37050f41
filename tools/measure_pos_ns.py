"""The first words tagged ns (place) of subject candidates that the gazetteer does not know:
where ``data/pos_corrections.txt`` came from.

A subject drops a leading place (the figure's place), so a common word the dictionary tags ns
(大桥, 广义, 回国) was dropped with it. This lists such words over a range of 新闻联播 stories
that no gold selection holds, with a count and one candidate each, for a reader to sort into place
names (left alone) and common words (corrected in the data file). Words already corrected are
no longer tagged ns, so a second run lists only what is left.

    python tools/measure_pos_ns.py                 # stories 20,000-39,999, top 400
    python tools/measure_pos_ns.py 40000 50000 100
"""

from __future__ import annotations

import collections
import gzip
import itertools
import json
import sys
from pathlib import Path

import govstats.noun_chunks as nc
from govstats.indicators import extract_from_text
from govstats.places import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpora" / "xwlb.jsonl.gz"


def gold_ids() -> set[str]:
    """Every document id of a gold selection (their stories are skipped)."""
    ids: set[str] = set()
    for path in (ROOT / "tests" / "data" / "gold" / "real").glob("selection*.jsonl"):
        ids |= {json.loads(x)["id"] for x in path.read_text(encoding="utf-8").splitlines() if x}
    return ids


def main(argv: list[str]) -> int:
    lo, hi, top = (int(a) for a in (argv + ["20000", "40000", "400"][len(argv) :])[:3])
    gaz = load_gazetteer()
    skip = gold_ids()
    tag = nc._tag
    counts: collections.Counter[str] = collections.Counter()
    example: dict[str, str] = {}

    def watched(s: str):
        toks = tag(s)
        if sys._getframe(1).f_code.co_name == "_tidy" and len(toks) >= 2 and toks[0][1] == "ns":
            w = toks[0][0]
            if not gaz.lookup(w):
                counts[w] += 1
                example.setdefault(w, s)
        return toks

    nc._tag = watched  # _tidy looks its tagger up at call time
    try:
        with gzip.open(ARCHIVE, "rt", encoding="utf-8") as fh:
            for line in itertools.islice(fh, lo, hi):
                rec = json.loads(line)
                if rec["id"] in skip:
                    continue
                for _ in extract_from_text(rec["text"]):
                    pass
    finally:
        nc._tag = tag
    for w, n in counts.most_common(top):
        print(f"{n}\t{w}\t{example[w]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
