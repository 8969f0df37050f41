"""Which gold documents a change quotes: the guard of the dev/test discipline.

For every run of at least ``--min`` CJK characters (default 8) on an added line of
``git diff BASE...BRANCH`` (code, tests, data files), list the gold documents whose annotated
window contains it, with their split and the number of documents of the whole corpora
(governance + 新闻联播 archive) that contain it. A quote found in at most two documents, one of
them a held-out document (not in ``READABLE``), is marked ``LEAK``: a rule or test was almost certainly
written while reading held-out text. Common phrases (地区生产总值增长) are listed, not marked.

    python tools/leakcheck.py main h2-struct            # from the repository root
    python tools/leakcheck.py main h2-struct --min 10
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the parts a rule developer may read (tools/accuracy.py --dev); every other part is held out
READABLE = frozenset({"dev", "r2-dev", "r3-dev", "r4-dev", "r5-dev"})
CJK = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff、，—－·“”（）]*[\u3400-\u9fff]")


def added_runs(base: str, branch: str, *, min_chars: int) -> dict[str, set[str]]:
    """CJK runs of the added lines, by file (gold files themselves are left out)."""
    diff = subprocess.run(
        ["git", "diff", "--unified=0", f"{base}...{branch}", "--", ".", ":(exclude)tests/data/gold"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    out: dict[str, set[str]] = defaultdict(set)
    file = "?"
    for line in diff.splitlines():
        if line.startswith("+++ "):
            file = line[6:]
        elif line.startswith("+") and not line.startswith("+++"):
            for m in CJK.finditer(line):
                if len(m.group()) >= min_chars:
                    out[file].add(m.group())
    return out


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from govstats.gold import load_real_gold

    base, branch = argv[0], argv[1]
    min_chars = int(argv[argv.index("--min") + 1]) if "--min" in argv else 8
    gold = load_real_gold(
        ROOT / "tests" / "data" / "gold" / "real", ROOT.parent / "shared" / "corpora"
    )
    runs = added_runs(base, branch, min_chars=min_chars)
    corpus = _all_texts(ROOT.parent / "shared" / "corpora")
    found = leaks = 0
    for file, quotes in sorted(runs.items()):
        for q in sorted(quotes):
            docs = [d for d, t in gold.texts.items() if q in t[slice(*gold.windows[d])]]
            if not docs:
                continue
            n = sum(q in t for t in corpus)
            for d in docs:
                found += 1
                leak = n <= 2 and gold.split[d] not in READABLE
                leaks += leak
                print(
                    f"{'LEAK' if leak else '    '} {gold.split[d]:8} {d} (in {n} docs)  {file}: {q}"
                )
    print(
        f"{found} quotes of gold windows, {leaks} leaks, in {sum(map(len, runs.values()))} added CJK runs",
        file=sys.stderr,
    )
    return 1 if leaks else 0


def _all_texts(corpora: Path) -> list[str]:
    import gzip
    import json

    out = []
    for name in ("governance.jsonl.gz", "xwlb.jsonl.gz"):
        with gzip.open(corpora / name, "rt", encoding="utf-8") as fh:
            out += [json.loads(line)["text"] for line in fh]
    return out


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
