"""Choose the documents (and, for long reports, the windows) of the real-corpus gold.

Deterministic: the same corpus file gives the same selection. The selection is made from
the raw text only (keywords and lengths), never from the extractor's output, and each
document is assigned to the ``dev`` or ``test`` split here, before anything is annotated.

    python tools/select_gold.py ../shared/corpora/governance.jsonl.gz > tests/data/gold/real/selection.jsonl
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import sys

STRUCTURE_WORDS = ("四级", "三级", "楼长", "楼栋长", "中心户", "党小组", "吹哨", "—", "五级")
GOVERNANCE_WORDS = ("基层治理", "社区", "网格", "物业", "城乡社区")


def _key(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def _window(text: str, *, prefer: tuple[str, ...], size: int, rng: random.Random) -> tuple[int, int]:
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


def select(path: str) -> list[dict]:
    rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    rng = random.Random(20261201)
    by = {}
    for r in rows:
        by.setdefault(r["corpus"], []).append(r)
    for docs in by.values():
        docs.sort(key=lambda r: _key(r["id"]))
    chosen: list[tuple[dict, str]] = []
    xwlb = [r for r in by["xwlb"] if len(r["text"]) <= 2500]
    structured = [r for r in xwlb if any(w in r["text"] for w in STRUCTURE_WORDS)]
    others = [r for r in xwlb if r not in structured]
    chosen += [(r, "xwlb-structure") for r in structured[:10]]
    chosen += [(r, "xwlb") for r in others[:16]]
    pb = [r for r in by["party-building"] if len(r["text"]) <= 3200]
    chosen += [(r, "party-building") for r in pb[:10]]
    chosen += [(r, "provincial-reports-2026") for r in by["provincial-reports-2026"][:6]]
    # The resolutions filed beside the reports carry the id "None" (several of them): not reports.
    sc = sorted(
        (r for r in by["state-council-reports"] if r["id"] != "None" and len(r["text"]) > 5000),
        key=lambda r: r["id"],
    )
    step = len(sc) // 6
    chosen += [(sc[i * step + step // 2], "state-council-reports") for i in range(6)]
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


if __name__ == "__main__":
    for row in select(sys.argv[1]):
        print(json.dumps(row, ensure_ascii=False))
