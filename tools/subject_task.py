"""Subject re-annotation (convention v2): write the task for annotators, check their answers.

    python tools/subject_task.py make PART [PART ...] --out TASK.jsonl [--every K --offset I]
    python tools/subject_task.py make seeds --out TASK.jsonl     # the seed gold (tests/data/gold)
    python tools/subject_task.py show TASK.jsonl [FROM [TO]]    # the rows, readable
    python tools/subject_task.py check TASK.jsonl ANSWERS.jsonl

``make`` lists the gold indicators of the parts (their places and numbers only — never the
earlier subject, nor anything the extractor produced) with the sentence around each figure.
``check`` verifies that an answer file has one row per task row (``id``, ``subject``,
``composed``) and that a subject not marked ``composed`` is copied from the figure's sentence.
The convention is in ``tests/data/gold/real/README.md`` (*Subjects, convention v2*).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_END = re.compile(r"[。！？!?\n]")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from after the previous 。！？ or newline to the next."""
    lo = max((m.end() for m in _END.finditer(text, 0, start)), default=0)
    m = _END.search(text, end)
    return lo, (m.end() if m else len(text))


def _seed_rows() -> tuple[list[dict], dict[str, str]]:
    """The seed gold's indicators as task rows: ``doc`` is the seed file's name."""
    gold = ROOT / "tests" / "data" / "gold" / "indicators.jsonl"
    rows = [dict(g, doc=g["file"]) for g in _load(str(gold))]
    texts = {f: (ROOT / "seeds" / f).read_text(encoding="utf-8") for f in {g["doc"] for g in rows}}
    return rows, texts


def make(parts: list[str], out: str, every: int = 1, offset: int = 0) -> int:
    sys.path.insert(0, str(ROOT))
    if parts == ["seeds"]:
        rows, texts = _seed_rows()
        rows.sort(key=lambda g: (g["doc"], g["start"]))
        return _write(rows[offset::every], texts, out)
    from govstats.gold import load_real_gold

    gold = load_real_gold(ROOT / "tests/data/gold/real", ROOT.parent / "shared" / "corpora")
    rows = [g for g in gold.indicators if g["split"] in parts]
    rows.sort(key=lambda g: (parts.index(g["split"]), g["doc"], g["start"]))
    return _write(rows[offset::every], gold.texts, out)


def _write(rows: list[dict], texts: dict[str, str], out: str) -> int:
    with open(out, "w", encoding="utf-8") as fh:
        for g in rows:
            t = texts[g["doc"]]
            lo, hi = sentence_bounds(t, g["start"], g["end"])
            plo, _ = sentence_bounds(t, max(lo - 2, 0), max(lo - 1, 0)) if lo else (lo, lo)
            task = {
                "id": f"{g['doc']}:{g['start']}-{g['end']}",
                "surface": g["surface"],
                "sentence": t[lo : g["start"]] + "【" + g["surface"] + "】" + t[g["end"] : hi],
                "before": t[plo:lo] if lo else "",
                "sentence_start": lo,
            }
            fh.write(json.dumps(task, ensure_ascii=False) + "\n")
    print(f"{out}: {len(rows)} figures")
    return 0


def _load(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def show(task: str, lo: int = 1, hi: int | None = None) -> int:
    for i, r in enumerate(_load(task), 1):
        if i < lo or (hi is not None and i > hi):
            continue
        print(
            f"#{i} id={r['id']}\n   before: {r['before'].strip()}\n   SENTENCE: {r['sentence'].strip()}"
        )
    return 0


def check(task: str, answers: str) -> int:
    tasks = {r["id"]: r for r in _load(task)}
    bad = 0
    seen = set()
    for no, a in enumerate(_load(answers), 1):
        where = f"{answers}:{no}"
        if a.get("id") not in tasks:
            print(f"{where}: id {a.get('id')!r} is not in {task}")
            bad += 1
            continue
        if a["id"] in seen:
            print(f"{where}: id {a['id']} answered twice")
            bad += 1
        seen.add(a["id"])
        s, composed = a.get("subject"), a.get("composed")
        if not isinstance(composed, bool):
            print(f"{where}: 'composed' must be true or false")
            bad += 1
        if not isinstance(s, str) or not s.strip():
            print(f"{where}: 'subject' must be a non-empty string")
            bad += 1
            continue
        plain = tasks[a["id"]]["sentence"].replace("【", "").replace("】", "")
        if composed is False and s not in plain:
            print(f"{where}: {s!r} is not copied from the sentence (mark it composed, or copy it)")
            bad += 1
    missing = [i for i in tasks if i not in seen]
    for i in missing:
        print(f"{answers}: no answer for {i}")
    n = bad + len(missing)
    print(f"{answers}: {len(seen)} answers, {n} problems")
    return 1 if n else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    cmd, rest = args[0], args[1:]
    if cmd == "make":
        out = rest[rest.index("--out") + 1]
        every = int(rest[rest.index("--every") + 1]) if "--every" in rest else 1
        offset = int(rest[rest.index("--offset") + 1]) if "--offset" in rest else 0
        parts = [
            p for p in rest if not p.startswith("--") and p not in (out, str(every), str(offset))
        ]
        raise SystemExit(make(parts, out, every, offset))
    if cmd == "show":
        raise SystemExit(show(rest[0], *(int(x) for x in rest[1:3])))
    if cmd == "check":
        raise SystemExit(check(rest[0], rest[1]))
    raise SystemExit(__doc__)
