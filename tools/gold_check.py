"""Check an annotator's gold folder against its selection (standard library only).

    python tools/gold_check.py SELECTION.jsonl FOLDER

FOLDER holds ``indicators.jsonl``, ``models.jsonl``, ``structures.jsonl``, ``articles.jsonl``
(the formats of ``tests/data/gold/real/README.md``). Prints one line per problem and ``OK`` when
there is none. It checks form only (offsets, quotes, fields, ids), never what a row says.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_show import records  # noqa: E402

MODELS = {
    "楼长+", "四级体系", "三级网格", "网格化治理", "红色物业", "双报到", "吹哨报到", "接诉即办",
    "一网统管", "街巷长制", "三长联动", "议事协商", "党建联建", "共建共治共享", "枫桥经验",
    "信用积分", "幸福食堂", "双赋", "一联双包",
}  # fmt: skip
FIELDS = {
    "indicators.jsonl": ("corpus", "id", "start", "end", "surface", "value", "value_max", "unit",
                         "qualifier", "subject", "per", "pair_role", "time_scope", "place", "city",
                         "province", "note"),
    "models.jsonl": ("corpus", "id", "named", "role_only", "other_models", "evidence"),
    "structures.jsonl": ("corpus", "id", "start", "end", "quote", "levels", "n_levels_claimed",
                         "counts"),
    "articles.jsonl": ("corpus", "id", "place", "city", "province", "date", "date_precision"),
}  # fmt: skip
QUALIFIERS = {"exact", "approx_over", "approx_under", "approx", "at_least", "up_to"}


def check(selection: str, folder: str) -> list[str]:
    docs = {(r["corpus"], r["id"]): (r, t) for r, t in records(selection)}
    problems: list[str] = []
    seen_models: dict[tuple[str, str], int] = {}
    for name, fields in FIELDS.items():
        path = Path(folder) / name
        if not path.exists():
            problems.append(f"{path}: missing (write an empty file if the task has no rows)")
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc})")
                continue
            missing = [f for f in fields if f not in row]
            if missing:
                problems.append(f"{where}: missing fields {missing}")
                continue
            key = (row["corpus"], row["id"])
            if key not in docs:
                problems.append(f"{where}: {key} is not in the selection")
                continue
            sel, text = docs[key]
            if name in ("indicators.jsonl", "structures.jsonl"):
                s, e = row["start"], row["end"]
                quote = row["surface" if name == "indicators.jsonl" else "quote"]
                if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                    problems.append(f"{where}: bad offsets {s}-{e}")
                elif text[s:e] != quote:
                    problems.append(f"{where}: text[{s}:{e}] = {text[s:e]!r}, not {quote!r}")
                elif not (sel["window_start"] <= s and e <= sel["window_end"]):
                    problems.append(f"{where}: {s}-{e} is outside the window")
            if name == "indicators.jsonl":
                if row["qualifier"] not in QUALIFIERS:
                    problems.append(f"{where}: qualifier {row['qualifier']!r}")
                if not isinstance(row["value"], (int, float)):
                    problems.append(f"{where}: value {row['value']!r} is not a number")
                if row["pair_role"] not in (None, "before", "after"):
                    problems.append(f"{where}: pair_role {row['pair_role']!r}")
            if name == "structures.jsonl":
                for level in row["levels"]:
                    if level not in text:
                        problems.append(f"{where}: level {level!r} is not in the text")
                for level in row["counts"]:
                    if level not in row["levels"]:
                        problems.append(f"{where}: count key {level!r} is not a level")
            if name == "models.jsonl":
                seen_models[key] = seen_models.get(key, 0) + 1
                named, role = set(row["named"]), set(row["role_only"])
                for m in (named | role) - MODELS:
                    problems.append(f"{where}: {m!r} is not an inventory id (use other_models)")
                if named & role:
                    problems.append(f"{where}: {sorted(named & role)} both named and role_only")
                for m, quote in row["evidence"].items():
                    if quote not in text:
                        problems.append(f"{where}: evidence for {m!r} is not in the text")
    if (Path(folder) / "models.jsonl").exists():
        for key, n in seen_models.items():
            if n != 1:
                problems.append(f"models.jsonl: {key} has {n} rows (one per document)")
    return problems


if __name__ == "__main__":
    found = check(sys.argv[1], sys.argv[2])
    print("\n".join(found) if found else "OK")
    sys.exit(1 if found else 0)
