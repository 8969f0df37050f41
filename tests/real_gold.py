"""Scoring model mentions and structures on the DEV documents of the real-corpus gold.

The gold is ``tests/data/gold/real/`` (see its README): ``selection.jsonl`` assigns each
document to ``dev`` or ``test``; annotators' rows are in ``parts/*/models.jsonl`` and
``parts/*/structures.jsonl``. Only ``dev`` rows are ever returned here: rules are tuned on
them, ``test`` rows are for the lead's final report.

Article level, per document: a model is *named* when a ``kind == "model"`` mention lies in
the annotated window, *role only* when only ``role`` mentions do. Structures: a gold
structure is found when a predicted hierarchy overlaps its span; levels exact when the
levels are equal as written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

# GOVSTATS_GOLD_REAL points at another checkout's gold while it is being annotated
GOLD_REAL = Path(os.environ.get("GOVSTATS_GOLD_REAL") or Path(__file__).parent / "data" / "gold" / "real")


def selection() -> list[dict]:
    path = GOLD_REAL / "selection.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def dev_keys() -> dict[tuple[str, str], dict]:
    """``(corpus, id)`` → selection row, for dev documents only."""
    return {(r["corpus"], r["id"]): r for r in selection() if r["split"] == "dev"}


def dev_rows(name: str) -> list[dict]:
    """Rows of ``parts/*/<name>.jsonl`` whose document is a dev document (never test)."""
    dev = dev_keys()
    out = []
    for f in sorted((GOLD_REAL / "parts").glob(f"*/{name}.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if (r.get("corpus"), r.get("id")) in dev:
                    out.append(r)
    return out


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    fp: list = field(default_factory=list)
    fn: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    def add(self, key, pred: set, gold: set) -> None:
        self.tp += len(pred & gold)
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        self.fp += [(key, m) for m in sorted(pred - gold)]
        self.fn += [(key, m) for m in sorted(gold - pred)]

    def __str__(self) -> str:
        return f"P {self.precision:.2f} R {self.recall:.2f} ({self.tp}/{self.n_pred} pred, {self.tp}/{self.n_gold} gold)"


def _corpus_of_record(rec: dict):
    from conftest import corpus_of

    return corpus_of(rec["text"], f"{rec['corpus']}_{rec['id']}.txt")


def records(keys) -> dict[tuple[str, str], dict]:
    """The corpus records of these ``(corpus, id)`` keys from ../shared/corpora/governance.jsonl.gz."""
    from conftest import real_records

    keys = set(keys)
    return {(r["corpus"], r["id"]): r for r in real_records("governance", where=lambda r: (r["corpus"], r["id"]) in keys)}


def score_models(lexicon=None) -> dict[str, PRF]:
    """Named / role-only / any precision and recall on the dev documents annotated so far."""
    from govstats.lexicon import find_models

    gold = {(r["corpus"], r["id"]): r for r in dev_rows("models")}
    sel = dev_keys()
    recs = records(gold)
    out = {"named": PRF(), "role_only": PRF(), "any": PRF()}
    for key, g in sorted(gold.items()):
        rec = recs[key]
        lo, hi = sel[key].get("window_start", 0), sel[key].get("window_end", len(rec["text"]))
        ms = [m for m in find_models(_corpus_of_record(rec), lexicon=lexicon) if lo <= m.start < hi]
        named = {m.model_id for m in ms if getattr(m, "kind", "model") == "model"}
        role = {m.model_id for m in ms} - named
        out["named"].add(key, named, set(g["named"]))
        out["role_only"].add(key, role, set(g["role_only"]))
        out["any"].add(key, named | role, set(g["named"]) | set(g["role_only"]))
    return out


def score_structures(lexicon=None) -> dict[str, float | int | list]:
    """Structures found (recall), precision, and levels exact among the found ones."""
    from govstats.hierarchy import find_hierarchies

    gold = dev_rows("structures")
    annotated = {(r["corpus"], r["id"]) for r in dev_rows("models")} | {(r["corpus"], r["id"]) for r in gold}
    sel = dev_keys()
    recs = records(annotated)
    found = exact = n_pred = matched_pred = 0
    misses, wrong, extra = [], [], []
    for key in sorted(annotated):
        rec = recs[key]
        lo, hi = sel[key].get("window_start", 0), sel[key].get("window_end", len(rec["text"]))
        pred = [h for h in find_hierarchies(_corpus_of_record(rec), lexicon=lexicon, indicators=[])
                if lo <= h.start < hi]
        n_pred += len(pred)
        used = set()
        for g in (r for r in gold if (r["corpus"], r["id"]) == key):
            hit = next((i for i, h in enumerate(pred) if h.start < g["end"] and g["start"] < h.end), None)
            if hit is None:
                misses.append((key, g["quote"]))
                continue
            found += 1
            used.add(hit)
            if list(pred[hit].levels) == g["levels"]:
                exact += 1
            else:
                wrong.append((key, g["levels"], list(pred[hit].levels)))
        matched_pred += len(used)
        extra += [(key, h.surface) for i, h in enumerate(pred) if i not in used]
    n_gold = len(gold)
    return {
        "n_gold": n_gold, "found": found, "exact": exact, "n_pred": n_pred,
        "recall": found / n_gold if n_gold else 1.0,
        "precision": matched_pred / n_pred if n_pred else 1.0,
        "levels_exact": exact / found if found else 1.0,
        "misses": misses, "wrong_levels": wrong, "extra": extra,
    }
