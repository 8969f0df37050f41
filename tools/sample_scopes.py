"""Random sentences of one class of time phrase from non-gold documents of ``../shared/corpora``,
printed with every figure the extractor finds in them and its time scope, for reading a class by
hand before writing its rule (one seed) and for counting right / wrong scopes after (another).

    PYTHONPATH=. python tools/sample_scopes.py --seed 1 -n 40 '(?:^|[，。])(?:那年|同年)[，,]'

Documents of both corpus files are shuffled with the seed (gold-selection documents and any
paragraph that occurs in a gold document skipped, as in ``tools/sample_indicators.py``), and
the first ``-n`` sentences matching the pattern are printed, at most ``--per`` per document.
Each block: ``k corpus/id``, the sentence with the match in ``〔…〕``, then one line per figure
of the sentence: ``surface  subject  time_scope`` (``-`` for none).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_indicators import gold_ids, load  # noqa: E402

_SENT = re.compile(r"[^。！？!?；;\n]*[。！？!?；;]?")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pattern")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=40, help="sentences to print")
    ap.add_argument("--per", type=int, default=1, help="sentences per document at most")
    ap.add_argument("--after", action="store_true", help="only figures after the match")
    a = ap.parse_args(argv)
    from govstats.indicators import extract_from_text

    pat = re.compile(a.pattern)
    recs, gold_paras = load(gold_ids())
    docs = [r for name in sorted(recs) for r in recs[name]]
    random.Random(a.seed).shuffle(docs)
    k = 0
    for rec in docs:
        if k >= a.n:
            break
        if not pat.search(rec["text"]):
            continue
        got = 0
        for para in rec["text"].split("\n"):
            if got >= a.per or k >= a.n:
                break
            if para.strip() in gold_paras or not pat.search(para):
                continue
            qs = list(extract_from_text(para))
            for sm in _SENT.finditer(para):
                m = pat.search(para, sm.start(), sm.end()) if sm.group() else None
                if m is None or got >= a.per or k >= a.n:
                    continue
                inside = [
                    q for q in qs if sm.start() <= q.start < sm.end()
                    and (not a.after or q.start >= m.end())
                ]  # fmt: skip
                k += 1
                got += 1
                s, e = sm.start(), sm.end()
                print(f"\n{k} {rec['corpus']}/{rec['id'][:8]}")
                print("  " + para[s : m.start()] + "〔" + m.group() + "〕" + para[m.end() : e])
                for q in inside:
                    print(f"    {q.surface}\t{q.subject or '-'}\t{q.time_scope or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
