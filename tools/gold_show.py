"""Print the annotated window of selected gold documents, for annotators (standard library only).

    python tools/gold_show.py SELECTION.jsonl [N|ID ...]

Each paragraph is printed after its start offset in the record's ``text`` (0-based code points),
so a quote can be located with ``text.find``. With no N/ID, every selected document is listed.
Annotators use this instead of govstats: nothing here runs or reads the extractor.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def records(selection: str) -> list[tuple[dict, str]]:
    """The selection rows with the text of each record, sha256-checked."""
    with open(selection, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    wanted = {(r["corpus"], r["id"]) for r in rows}
    texts: dict[tuple[str, str], str] = {}
    for name in ("governance.jsonl.gz", "xwlb.jsonl.gz"):
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                key = (rec.get("corpus", "xwlb"), str(rec["id"]))
                if key in wanted and key not in texts:
                    texts[key] = rec["text"]
    out = []
    for r in rows:
        text = texts[(r["corpus"], r["id"])]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != r["sha256"]:
            raise SystemExit(
                f"{r['corpus']}/{r['id']}: text changed (sha256 differs from selection)"
            )
        out.append((r, text))
    return out


def main(argv: list[str]) -> None:
    docs = records(argv[0])
    picks = argv[1:]
    for i, (row, text) in enumerate(docs, 1):
        if picks and str(i) not in picks and row["id"] not in picks:
            continue
        lo, hi = row["window_start"], row["window_end"]
        print(f"=== {i}. {row['corpus']}/{row['id']} split={row.get('split')} window={lo}-{hi}")
        if not picks:
            continue
        pos = 0
        for para in text.split("\n"):
            end = pos + len(para)
            if end > lo and pos < hi and para.strip():
                print(f"[{pos}] {para}")
            pos = end + 1


if __name__ == "__main__":
    main(sys.argv[1:])
