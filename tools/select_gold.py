"""Choose the documents (and, for long reports, the windows) of the real-corpus gold.

Deterministic: the same corpus file gives the same selection. The selection is made from
the raw text only (keywords and lengths), never from the extractor's output, and each
document is assigned to the ``dev`` or ``test`` split here, before anything is annotated.

    python tools/select_gold.py ../shared/corpora/governance.jsonl.gz > tests/data/gold/real/selection.jsonl
    python tools/select_gold.py ../shared/corpora/governance.jsonl.gz --structures \
        tests/data/gold/real/selection.jsonl ../shared/corpora/xwlb.jsonl.gz \
        > tests/data/gold/real/selection_structures.jsonl
    python tools/select_gold.py ../shared/corpora/governance.jsonl.gz --round2 \
        tests/data/gold/real/selection.jsonl tests/data/gold/real/selection_structures.jsonl \
        > tests/data/gold/real/selection_round2.jsonl
    python tools/select_gold.py ../shared/corpora/governance.jsonl.gz --structures \
        tests/data/gold/real/selection.jsonl,tests/data/gold/real/selection_structures.jsonl,tests/data/gold/real/selection_round2.jsonl \
        ../shared/corpora/xwlb.jsonl.gz > tests/data/gold/real/selection_round2_structures.jsonl
    # round 3 (structures): the same with the four selection files above after --structures
    # round 4 (structures): --structures-random with the five selection files
    # round 5: --round5 with all six selection files, and --structures-random with all seven
    #   selection files and `--seed 20261203` at the end
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import sys
from pathlib import Path

STRUCTURE_WORDS = ("四级", "三级", "楼长", "楼栋长", "中心户", "党小组", "吹哨", "—", "五级")
GOVERNANCE_WORDS = ("基层治理", "社区", "网格", "物业", "城乡社区")


def _key(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def _window(
    text: str, *, prefer: tuple[str, ...], size: int, rng: random.Random
) -> tuple[int, int]:
    """A run of whole paragraphs of about ``size`` characters, preferring ones with a keyword."""
    starts, pos = [], 0
    for para in text.split("\n"):
        starts.append((pos, pos + len(para), para))
        pos += len(para) + 1
    hits = [i for i, (_, _, p) in enumerate(starts) if any(w in p for w in prefer) and len(p) > 40]
    first = hits[rng.randrange(len(hits))] if hits else rng.randrange(len(starts))
    begin, end = starts[first][0], starts[first][1]
    i = first + 1
    while end - begin < size and i < len(starts):
        end = starts[i][1]
        i += 1
    j = first - 1
    while end - begin < size and j >= 0:  # near the end of the text: grow backwards
        begin = starts[j][0]
        j -= 1
    return begin, end


# Round 1: the first documents of each stratum (in sha256 order of their ids). Round 2, added
# after round 1 was scored: the first ones not selected before (``exclude``), weighted towards structure-bearing stories (the
# structure scores rested on 22 statements), with the reports' windows from further reports.
ROUNDS = {
    1: {"xwlb-structure": (0, 10), "xwlb": (0, 16), "party-building": (0, 10),
        "provincial-reports-2026": (0, 6), "state-council-reports": 6},
    2: {"xwlb-structure": (0, 6), "xwlb": (0, 4), "party-building": (0, 4),
        "provincial-reports-2026": (0, 2), "state-council-reports": 0},
    # Round 5 (next session, after rounds 1-4 had been read by rule developers): a fresh
    # held-out measure of the indicator rules, the same strata again.
    5: {"xwlb-structure": (0, 4), "xwlb": (0, 6), "party-building": (0, 4),
        "provincial-reports-2026": (0, 2), "state-council-reports": 0},
}  # fmt: skip


def select(path: str, round_no: int = 1, *, exclude: frozenset[str] = frozenset()) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [r for r in map(json.loads, fh) if r["id"] not in exclude]
    take = ROUNDS[round_no]
    rng = random.Random(20261201 + (round_no - 1))
    by = {}
    for r in rows:
        by.setdefault(r["corpus"], []).append(r)
    for docs in by.values():
        docs.sort(key=lambda r: _key(r["id"]))
    chosen: list[tuple[dict, str]] = []
    xwlb = [r for r in by["xwlb"] if len(r["text"]) <= 2500]
    structured = [r for r in xwlb if any(w in r["text"] for w in STRUCTURE_WORDS)]
    others = [r for r in xwlb if r not in structured]
    pb = [r for r in by["party-building"] if len(r["text"]) <= 3200]
    pools = {"xwlb-structure": structured, "xwlb": others, "party-building": pb,
             "provincial-reports-2026": by["provincial-reports-2026"]}  # fmt: skip
    for stratum, pool in pools.items():
        lo, hi = take[stratum]
        chosen += [(r, stratum) for r in pool[lo:hi]]
    # The resolutions filed beside the reports carry the id "None" (several of them): not reports.
    sc = sorted(
        (r for r in by["state-council-reports"] if r["id"] != "None" and len(r["text"]) > 5000),
        key=lambda r: r["id"],
    )
    n_sc = take["state-council-reports"]
    step = len(sc) // max(n_sc, 1)
    chosen += [(sc[i * step + step // 2], "state-council-reports") for i in range(n_sc)]
    out, counts = [], {}
    for r, stratum in chosen:
        n = counts.get(stratum, 0)
        counts[stratum] = n + 1
        text = r["text"]
        if stratum == "provincial-reports-2026":
            start, end = _window(text, prefer=GOVERNANCE_WORDS, size=1200, rng=rng)
        elif stratum == "state-council-reports":
            start, end = _window(text, prefer=(), size=1000, rng=rng)
        else:
            start, end = 0, len(text)
        out.append(
            {
                "corpus": r["corpus"],
                "id": r["id"],
                "stratum": stratum,
                "split": "dev" if n % 2 == 0 else "test",
                "window_start": start,
                "window_end": end,
                "chars": end - start,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        )
    return out


# A level word next to a chain mark, an ordinal grid level, or an N级 claim: where structures are
# stated. Used only to pick documents for the supplementary structure gold.
STRUCTURE_CUE = re.compile(
    r"(?:党委|党组织|党支部|党小组|街道|社区|网格|小区|楼栋|县委|乡镇)\s*[—－–→]"
    r"|[一二三]级网格|[二三四五]级(?:体系|联动|网格|架构|组织|书记|治理|服务)"
)


# Round 4's wider cue: any N级 claim or a chain mark after a level word. The narrow cue above
# matches only 77 short stories of the archive, all of them chosen by rounds 1-3.
STRUCTURE_CUE_WIDE = re.compile(
    r"[两二三四五六]级|(?:党委|党组织|党支部|党小组|街道|社区|网格|小区|楼栋|县|乡|镇|村|市|省)\s*[—－–→]"
)


def select_structures(
    paths: list[str], *, exclude: set[str], n: int = 24, seed: int | None = None
) -> list[dict]:
    """Documents for the supplementary structure + model gold: cue-bearing texts not in ``exclude``.

    Every cue-bearing document of the first file, then the rest from the next files, in sha256
    order of their ids; with ``seed``, a ``random.Random(seed)`` sample of all of them instead
    and matched by the wider cue (round 4: the narrow cue's pool was used up, and a rule
    developer had read its documents).
    """
    out: list[dict] = []
    if seed is not None:
        pool = {
            row["id"]: row
            for path in reversed(paths)
            for row in _cued(path, exclude=exclude, n=None, cue=STRUCTURE_CUE_WIDE)
        }
        out = random.Random(seed).sample(sorted(pool.values(), key=lambda r: _key(r["id"])), n)
    for path in paths if seed is None else ():
        out += _cued(path, exclude=exclude | {r["id"] for r in out}, n=n - len(out))
    for i, row in enumerate(out):
        row["split"] = "dev" if i % 2 == 0 else "test"
    return out


def _cued(
    path: str, *, exclude: set[str], n: int | None, cue: re.Pattern = STRUCTURE_CUE
) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    pool = [
        r
        for r in rows
        if r["corpus"] in ("xwlb", "party-building")
        and r["id"] not in exclude
        and r["id"] != "None"
        and len(r["text"]) <= 3000
        and cue.search(r["text"])
    ]
    pool.sort(key=lambda r: _key(r["id"]))
    return [
        {
            "corpus": r["corpus"],
            "id": r["id"],
            "stratum": f"structure-supplement:{Path(path).name}",
            "window_start": 0,
            "window_end": len(r["text"]),
            "chars": len(r["text"]),
            "sha256": hashlib.sha256(r["text"].encode("utf-8")).hexdigest(),
        }
        for r in pool[:n]
    ]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] in ("--structures", "--structures-random"):
        # SEL[,SEL…] then more corpora; --structures-random samples with random.Random(20261202)
        taken = set()
        for sel in sys.argv[3].split(","):
            with open(sel, encoding="utf-8") as fh:
                taken |= {json.loads(line)["id"] for line in fh}
        # round 4 used seed 20261202; round 5 passes --seed 20261203 as the last argument
        seed = 20261202 if sys.argv[2] == "--structures-random" else None
        if sys.argv[-2] == "--seed":
            seed, sys.argv[-2:] = int(sys.argv[-1]), []
        for row in select_structures([sys.argv[1], *sys.argv[4:]], exclude=taken, seed=seed):
            print(json.dumps(row, ensure_ascii=False))
    elif len(sys.argv) > 2 and sys.argv[2] in ("--round2", "--round5"):
        taken = set()
        for sel in sys.argv[3:]:
            with open(sel, encoding="utf-8") as fh:
                taken |= {json.loads(line)["id"] for line in fh}
        round_no = int(sys.argv[2][-1])
        for row in select(sys.argv[1], round_no, exclude=frozenset(taken)):
            print(json.dumps(row, ensure_ascii=False))
    else:
        for row in select(sys.argv[1]):
            print(json.dumps(row, ensure_ascii=False))
