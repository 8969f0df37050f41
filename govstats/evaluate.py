"""Scoring extracted records against hand-made gold files (the strict scorer).

Indicators are paired by **offsets**: a predicted row and a gold row of the same document
pair when their character spans overlap; pairs are chosen one-to-one, largest overlap first
(then closest start). A pair is *correct* when it also reads the same number: equal
``value``, ``value_max`` and ``unit``. Precision and recall count correct pairs (a row in
the right place with the wrong number is a false positive *and* a false negative);
``detected_precision``/``detected_recall`` count every pair. Every other field is then
scored separately on the correct pairs: surface, offsets, qualifier, subject (exact and
lenient), time scope (exact and lenient), place, city, province, per, pair role, article.

Leniency, for subject and time scope: equal after dropping quotes, brackets and spaces, or
one contains the other and the shorter keeps at least two characters and half the length of
the longer (``党组织`` ~ ``社区党组织`` and ``服务专员`` ~ ``副科级服务专员`` pass; the fragment
``社区`` ~ ``社区党组织`` does not).

Model mentions are scored per document (``score_article_models``) and structures by span
overlap plus equal levels (``score_structures``).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gold import (
    RealGold,
    doc_key,
    load_agreement,
    load_jsonl,
    load_real_gold,
    load_subjects_v2,
    run_on_real_gold,
)

logger = logging.getLogger(__name__)

__all__ = [
    "IndicatorScore",
    "score_indicators",
    "score_article_models",
    "score_structures",
    "load_gold_indicators",
    "load_jsonl",
    "lenient_equal",
    "FIELDS",
    # the real-corpus gold, loaded by govstats.gold and scored here
    "RealGold",
    "doc_key",
    "load_real_gold",
    "load_agreement",
    "run_on_real_gold",
    "real_gold_scores",
    "agreement_scores",
]

_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」『』()（） \u3000")

#: Fields scored on correct pairs: name → (kind, default) where kind is ``exact`` or ``lenient``.
FIELDS: dict[str, str] = {
    "surface": "exact",
    "offsets": "exact",
    "qualifier": "exact",
    "subject": "lenient",
    "subject_v2": "lenient",
    "time_scope": "lenient",
    "place": "exact",
    "city": "exact",
    "province": "exact",
    "per": "exact",
    "pair_role": "exact",
    "article": "exact",
}


load_gold_indicators = load_jsonl


def _norm(s: Any) -> str | None:
    if s is None:
        return None
    s = str(s).translate(_QUOTES)
    return s or None


def lenient_equal(a: str | None, b: str | None) -> bool:
    """Equal after dropping quotes, brackets and spaces, or one contains the other.

    Containment counts only when the shorter string keeps at least two characters and at
    least half the length of the longer one, so a fragment (``社区`` of ``社区党组织``) is
    not a match while a modifier dropped (``服务专员`` of ``副科级服务专员``) is.
    """
    a, b = _norm(a), _norm(b)
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 2 and 2 * len(short) >= len(long_)


def _get(r: Any, k: str, default: Any = None) -> Any:
    if isinstance(r, Mapping):
        return r.get(k, default)
    return getattr(r, k, default)


def _num(x: Any) -> float | None:
    return None if x is None else round(float(x), 6)


def _same_number(p: Any, g: Any) -> bool:
    return (
        _num(_get(p, "value")) == _num(_get(g, "value"))
        and _num(_get(p, "value_max")) == _num(_get(g, "value_max"))
        and (_get(p, "unit") or None) == (_get(g, "unit") or None)
    )


def _field_ok(name: str, p: Any, g: Any) -> tuple[bool, bool]:
    """(exact, lenient) agreement of one field of a pair."""
    if name == "offsets":
        ok = (_get(p, "start"), _get(p, "end")) == (_get(g, "start"), _get(g, "end"))
        return ok, ok
    if name == "article":
        ok = _get(p, "article_index") == _get(g, "article_index")
        return ok, ok
    a, b = _get(p, "subject" if name == "subject_v2" else name), _get(g, name)
    exact = (a or None) == (b or None)
    return exact, (lenient_equal(a, b) if FIELDS[name] == "lenient" else exact)


@dataclass
class IndicatorScore:
    """Precision/recall of one comparison and, on correct pairs, per-field agreement."""

    n_pred: int
    n_gold: int
    n_detected: int
    n_correct: int
    fields: dict[str, float]
    fields_lenient: dict[str, float]
    false_positives: list[Any] = field(default_factory=list, repr=False)
    false_negatives: list[Any] = field(default_factory=list, repr=False)
    wrong_number: list[tuple[Any, Any]] = field(default_factory=list, repr=False)
    pairs: list[tuple[Any, Any]] = field(default_factory=list, repr=False)
    #: how many correct pairs a field was scored on, where the gold annotates it on some rows only
    field_n: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.n_correct / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.n_correct / self.n_gold if self.n_gold else 1.0

    @property
    def detected_precision(self) -> float:
        return self.n_detected / self.n_pred if self.n_pred else 1.0

    @property
    def detected_recall(self) -> float:
        return self.n_detected / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    # the attribute names older callers use
    @property
    def n_matched(self) -> int:
        return self.n_correct

    @property
    def subject_exact(self) -> float:
        return self.fields["subject"]

    @property
    def subject_lenient(self) -> float:
        return self.fields_lenient["subject"]

    @property
    def qualifier(self) -> float:
        return self.fields["qualifier"]

    @property
    def time_scope(self) -> float:
        return self.fields["time_scope"]

    @property
    def time_scope_lenient(self) -> float:
        return self.fields_lenient["time_scope"]

    def summary(self) -> dict[str, float]:
        """Flat dict of every figure, rounded to 4 places."""
        out: dict[str, float] = {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "detected_precision": round(self.detected_precision, 4),
            "detected_recall": round(self.detected_recall, 4),
        }
        for k, v in self.fields.items():
            out[k] = round(v, 4)
        for k in ("subject", "time_scope"):
            out[f"{k}_lenient"] = round(self.fields_lenient[k], 4)
        out.update(n_pred=self.n_pred, n_gold=self.n_gold, n_correct=self.n_correct)
        return out


def _share(ok: list[bool]) -> float:
    return sum(ok) / len(ok) if ok else 1.0


def score_indicators(
    pred: Iterable[Any],
    gold: Iterable[Any],
    *,
    pred_doc: Callable[[Any], Any] | None = None,
    gold_doc: Callable[[Any], Any] | None = None,
    fields: Iterable[str] | None = None,
) -> IndicatorScore:
    """Pair predicted indicators with gold rows by offsets and score them.

    Parameters
    ----------
    pred, gold : iterables of ``Indicator`` records or dicts with the indicator keys
        (``start``, ``end``, ``value``, ``value_max``, ``unit`` and the scored fields).
    pred_doc, gold_doc : callables giving a row's document key; default ``row.file``.
        Rows pair only within the same key.
    fields : the fields to score on correct pairs (default: every field in ``FIELDS``
        that at least one gold row carries).

    Returns
    -------
    IndicatorScore
        ``precision``/``recall`` on correct pairs (same place, same number),
        ``detected_*`` on every overlapping pair, and per-field agreement (``fields``
        exact, ``fields_lenient`` with the leniency of ``lenient_equal``).
    """
    pred, gold = list(pred), list(gold)
    pdoc = pred_doc or (lambda r: _get(r, "file"))
    gdoc = gold_doc or (lambda r: _get(r, "file"))
    if fields is None:  # the fields the gold annotates (judged on its first row)
        first = gold[0] if gold else {}
        key = {"offsets": "start", "article": "article_index"}
        fields = [f for f in FIELDS if _get(first, key.get(f, f), KeyError) is not KeyError]
    fields = list(fields)
    by_p: dict[Any, list[Any]] = defaultdict(list)
    by_g: dict[Any, list[Any]] = defaultdict(list)
    for r in pred:
        by_p[pdoc(r)].append(r)
    for r in gold:
        by_g[gdoc(r)].append(r)
    pairs: list[tuple[Any, Any]] = []
    fp: list[Any] = []
    fn: list[Any] = []
    for k in sorted(set(by_p) | set(by_g), key=repr):
        ps, gs = by_p.get(k, []), by_g.get(k, [])
        cand = []
        for i, p in enumerate(ps):
            ps_, pe = _get(p, "start"), _get(p, "end")
            for j, g in enumerate(gs):
                ov = min(pe, _get(g, "end")) - max(ps_, _get(g, "start"))
                if ov > 0:
                    cand.append((-ov, abs(ps_ - _get(g, "start")), i, j))
        cand.sort()
        used_p: set[int] = set()
        used_g: set[int] = set()
        for _, _, i, j in cand:
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                pairs.append((ps[i], gs[j]))
        fp.extend(p for i, p in enumerate(ps) if i not in used_p)
        fn.extend(g for j, g in enumerate(gs) if j not in used_g)
    correct = [(p, g) for p, g in pairs if _same_number(p, g)]
    wrong = [(p, g) for p, g in pairs if not _same_number(p, g)]
    exact = {f: _share([_field_ok(f, p, g)[0] for p, g in correct]) for f in fields}
    lenient = {f: _share([_field_ok(f, p, g)[1] for p, g in correct]) for f in fields}
    field_n: dict[str, int] = {}
    v2 = [(p, g) for p, g in correct if _get(g, "subject_v2") is not None]
    if v2:  # the subject re-annotated under convention v2, on the rows that have it
        exact["subject_v2"] = _share([_field_ok("subject_v2", p, g)[0] for p, g in v2])
        lenient["subject_v2"] = _share([_field_ok("subject_v2", p, g)[1] for p, g in v2])
        field_n["subject_v2"] = len(v2)
    for f in ("subject", "time_scope", "qualifier"):
        exact.setdefault(f, _share([_field_ok(f, p, g)[0] for p, g in correct]))
        lenient.setdefault(f, _share([_field_ok(f, p, g)[1] for p, g in correct]))
    return IndicatorScore(
        n_pred=len(pred),
        n_gold=len(gold),
        n_detected=len(pairs),
        n_correct=len(correct),
        fields=exact,
        fields_lenient=lenient,
        false_positives=fp + [p for p, _ in wrong],
        false_negatives=fn + [g for _, g in wrong],
        wrong_number=wrong,
        pairs=correct,
        field_n=field_n,
    )


def _prf(pred: set, gold: set) -> dict[str, float]:
    tp = len(pred & gold)
    return {
        "precision": tp / len(pred) if pred else 1.0,
        "recall": tp / len(gold) if gold else 1.0,
        "n_pred": len(pred),
        "n_gold": len(gold),
    }


def score_article_models(
    pred: Mapping[Any, Mapping[str, str]],
    gold: Mapping[Any, Mapping[str, str]],
    *,
    models: Iterable[str] | None = None,
) -> dict[str, dict[str, float]]:
    """Document-level model mentions, named and role-only scored separately.

    Parameters
    ----------
    pred, gold : mapping document key → {model id: ``"model"`` (named) or ``"role"``}.
        Documents missing from ``pred`` count as having no mention.
    models : restrict both sides to these model ids (e.g. the lexicon's own), default all.

    Returns
    -------
    dict
        ``named``: precision/recall of (document, model) pairs the text names;
        ``role``: the same for models mentioned only by a role;
        ``any``: either kind, ignoring the distinction.
    """
    keep = None if models is None else set(models)

    def pairs(src: Mapping[Any, Mapping[str, str]], kind: str | None) -> set:
        return {
            (d, m)
            for d in gold
            for m, k in (src.get(d) or {}).items()
            if (keep is None or m in keep) and (kind is None or k == kind)
        }

    return {
        "named": _prf(pairs(pred, "model"), pairs(gold, "model")),
        "role": _prf(pairs(pred, "role"), pairs(gold, "role")),
        "any": _prf(pairs(pred, None), pairs(gold, None)),
    }


def _levels_norm(levels: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(lv).translate(_QUOTES) for lv in levels)


def score_structures(
    pred: Iterable[Any],
    gold: Iterable[Mapping[str, Any]],
    *,
    pred_doc: Callable[[Any], Any] | None = None,
    gold_doc: Callable[[Any], Any] | None = None,
) -> dict[str, float]:
    """Stated structures: found (span overlap, same document) and levels exact.

    Returns
    -------
    dict
        ``recall`` (gold structures with an overlapping prediction), ``precision``
        (predictions overlapping a gold structure), ``levels_exact`` (share of found
        structures whose levels equal the gold's after dropping quotes and brackets),
        ``depth_exact`` (claimed depth equal), ``n_pred``, ``n_gold``.
    """
    pred, gold = list(pred), list(gold)
    pdoc = pred_doc or (lambda r: _get(r, "file"))
    gdoc = gold_doc or (lambda r: _get(r, "file"))
    found, used = [], set()
    for g in gold:
        best = None
        for i, h in enumerate(pred):
            if i in used or pdoc(h) != gdoc(g):
                continue
            ov = min(_get(h, "end"), g["end"]) - max(_get(h, "start"), g["start"])
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, i)
        if best is not None:
            used.add(best[1])
            found.append((pred[best[1]], g))
    hit_pred = {
        i
        for i, h in enumerate(pred)
        if any(
            pdoc(h) == gdoc(g) and min(_get(h, "end"), g["end"]) > max(_get(h, "start"), g["start"])
            for g in gold
        )
    }
    return {
        "recall": len(found) / len(gold) if gold else 1.0,
        "precision": len(hit_pred) / len(pred) if pred else 1.0,
        "levels_exact": _share(
            [_levels_norm(_get(h, "levels")) == _levels_norm(g["levels"]) for h, g in found]
        ),
        "depth_exact": _share(
            [_get(h, "n_levels_claimed") == g.get("n_levels_claimed") for h, g in found]
        ),
        "n_pred": len(pred),
        "n_gold": len(gold),
        "n_found": len(found),
    }


def gold_model_kinds(rows: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """``doc`` → {model id: ``"model"`` for named, ``"role"`` for role-only} from models.jsonl rows."""
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        kinds = out.setdefault(r["doc"], {})
        for m in r.get("role_only") or ():
            kinds[m] = "role"
        for m in r.get("named") or ():
            kinds[m] = "model"
    return out


def mention_kinds(
    mentions: Iterable[Any], doc_of: Callable[[Any], str | None]
) -> dict[str, dict[str, str]]:
    """``doc`` → {model id: ``"model"`` if any mention names it, else ``"role"``}.

    ``doc_of`` maps a mention to its document key (``None`` leaves it out, e.g. outside the
    annotated window). Mentions without a ``kind`` count as naming the model.
    """
    out: dict[str, dict[str, str]] = {}
    for m in mentions:
        d = doc_of(m)
        if d is None:
            continue
        kind = _get(m, "kind") or "model"
        kinds = out.setdefault(d, {})
        if kinds.get(_get(m, "model_id")) != "model":
            kinds[_get(m, "model_id")] = kind
    return out


# --- every stage, dev and test: the figures README's accuracy section shows -------------------

#: The parts scored: round 1's dev and test, round 2's dev and test, round 2, 3 and 4 as wholes,
#: and the dev halves of rounds 3 and 4.
REAL_PARTS: dict[str, frozenset[str]] = {
    "dev": frozenset({"dev"}),
    "test": frozenset({"test"}),
    "r2-dev": frozenset({"r2-dev"}),
    "r2-test": frozenset({"r2-test"}),
    "r2": frozenset({"r2-dev", "r2-test"}),
    "r3": frozenset({"r3-dev", "r3-test"}),
    "r4": frozenset({"r4-dev", "r4-test"}),
    "r5-dev": frozenset({"r5-dev"}),
    "r5-test": frozenset({"r5-test"}),
    "r5": frozenset({"r5-dev", "r5-test"}),
    # the dev halves of the structure rounds: what a rule developer may read (tools/accuracy.py --dev)
    "r3-dev": frozenset({"r3-dev"}),
    "r4-dev": frozenset({"r4-dev"}),
}


def _window_doc(gold: RealGold, doc_of: Callable[[Any], str], parts: set[str]):
    def where(r: Any) -> str | None:
        d = doc_of(r)
        if d is None or gold.split.get(d) not in parts:
            return None
        ws, we = gold.windows[d]
        return d if _get(r, "start") < we and ws < _get(r, "end") else None

    return where


def real_gold_scores(
    gold: RealGold, run: Mapping[str, Any], *, model_ids: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Score one extraction run on the real-corpus gold, per split.

    Parameters
    ----------
    gold : the loaded gold (``load_real_gold``)
    run : ``indicators``, ``mentions``, ``hierarchies`` (records) and ``doc_of``, a
        callable mapping a record to its gold document key (``None`` when not a gold document);
        optionally ``articles`` (records) for article places.
    model_ids : the lexicon's own model ids; mentions and gold of other models are left out.

    Returns
    -------
    dict
        One entry per part of ``REAL_PARTS`` that has documents (``dev``, ``test``, and for
        round 2 ``r2-dev``, ``r2-test`` and both together, ``r2``), each with ``indicators`` (an ``IndicatorScore``),
        ``models`` (``score_article_models``), ``structures`` (``score_structures``) and
        ``articles`` (place/city/province agreement per document).
    """
    doc_of = run["doc_of"]
    kinds = gold_model_kinds(gold.models)
    out: dict[str, dict[str, Any]] = {}
    for part, labels in REAL_PARTS.items():
        main = set(gold.docs(labels, supplement=False))
        if not gold.docs(labels):
            continue
        where = _window_doc(gold, doc_of, labels)
        inds = [r for r in run["indicators"] if where(r) in main]
        scored = ["surface", "offsets", "qualifier", "subject", "time_scope", "place", "city",
                  "province", "per", "pair_role"]  # fmt: skip
        res: dict[str, Any] = {
            "indicators": score_indicators(
                inds,
                [g for g in gold.indicators if g["split"] in labels],
                pred_doc=where,
                gold_doc=lambda g: g["doc"],
                fields=scored,
            ),  # fmt: skip
            "models": score_article_models(
                mention_kinds(run["mentions"], where),
                {d: k for d, k in kinds.items() if gold.split[d] in labels},
                models=model_ids,
            ),
            "structures": score_structures(
                [h for h in run["hierarchies"] if where(h) is not None],
                [g for g in gold.structures if g["split"] in labels],
                pred_doc=where,
                gold_doc=lambda g: g["doc"],
            ),  # fmt: skip
        }
        if run.get("articles") is not None and main:
            first: dict[str, Any] = {}
            for a in run["articles"]:
                d = doc_of(a)
                if d in main and d not in first:
                    first[d] = a
            rows = [g for g in gold.articles if g["split"] in labels]
            res["articles"] = {
                f: _share(
                    [(_get(first.get(g["doc"]), f) or None) == (g.get(f) or None) for g in rows]
                )
                for f in ("place", "city", "province")
            }
        out[part] = res
    return out


def agreement_scores(
    gold: RealGold,
    agreement: Mapping[str, Any],
    run: Mapping[str, Any],
    *,
    model_ids: Iterable[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """How far a second annotator agrees with the gold, and the extractor on the same documents.

    ``agreement`` is ``load_agreement``'s result. Both sides are scored against the gold rows
    of the documents the second annotator read, with the same scorer (``human``: the second
    annotation as the prediction; ``extractor``: the run's rows), so the extractor's figures
    can be read against what two careful readers reach.
    """
    docs = set(agreement["docs"])
    labels = frozenset(gold.split[d] for d in docs)
    ind_docs = docs - gold.supplement  # supplement documents have no indicator gold
    where = _window_doc(gold, run["doc_of"], labels)
    in_window = _window_doc(gold, lambda r: r["doc"], labels)
    gold_ind = [g for g in gold.indicators if g["doc"] in ind_docs]
    gold_kinds = {d: k for d, k in gold_model_kinds(gold.models).items() if d in docs}
    gold_str = [g for g in gold.structures if g["doc"] in docs]
    scored = ["qualifier", "subject", "time_scope", "per", "pair_role"]
    sides = {
        "human": (
            [r for r in agreement["indicators"] if in_window(r) in ind_docs],
            gold_model_kinds(agreement["models"]),
            agreement["structures"], lambda r: r["doc"],
        ),
        "extractor": (
            [r for r in run["indicators"] if where(r) in ind_docs],
            mention_kinds(run["mentions"], where),
            [h for h in run["hierarchies"] if where(h) in docs], where,
        ),
    }  # fmt: skip
    return {
        name: {
            "indicators": score_indicators(inds, gold_ind, pred_doc=doc_of, gold_doc=lambda g: g["doc"], fields=scored),
            "models": score_article_models(kinds, gold_kinds, models=model_ids),
            "structures": score_structures(strs, gold_str, pred_doc=doc_of, gold_doc=lambda g: g["doc"]),
        }
        for name, (inds, kinds, strs, doc_of) in sides.items()
    }  # fmt: skip


#: The models the seed gold was annotated with, and how newer ids fold into them.
SEED_INVENTORY = ("楼长+", "四级体系", "三级网格", "网格化治理", "红色物业", "双报到", "议事协商",
                  "信用积分", "幸福食堂", "双赋", "一联双包")  # fmt: skip
SEED_FOLD = {"吹哨报到": "双报到"}


def seed_gold_scores(
    corpus: Any, gold_dir: str | Path, *, indicators=None, mentions=None, hierarchies=None
) -> dict[str, dict[str, Any]]:
    """Score the seed corpus on the seed gold (``tests/data/gold``), per split of ``split.json``.

    Model mentions are scored per gold article (a mention belongs to the gold article whose
    extent holds it), named and role together (the seed gold does not tell them apart), in
    the seed gold's own inventory of 11 models (``SEED_INVENTORY``: it was annotated before
    吹哨报到 and eight other models had ids of their own, and files 社区吹哨、部门报到 under
    双报到). Structures by span overlap and equal levels; the seed gold lists a structure
    restated in a later paragraph again, so restatements are kept here.
    """
    from govstats.hierarchy import find_hierarchies
    from govstats.indicators import extract_indicators
    from govstats.lexicon import find_models

    gold_dir = Path(gold_dir)
    split = {
        (r["file"], r["article_index"]): r["split"]
        for r in json.loads((gold_dir / "split.json").read_text(encoding="utf-8"))["articles"]
    }
    arts = load_jsonl(gold_dir / "articles.jsonl")
    inds = extract_indicators(corpus) if indicators is None else indicators
    ments = find_models(corpus, include_duplicates=False) if mentions is None else mentions
    hiers = find_hierarchies(corpus, include_restated=True) if hierarchies is None else hierarchies

    def gold_article(file: str, start: int) -> tuple[str, int] | None:
        for a in arts:
            if a["file"] == file and a["start"] <= start < a["end"]:
                return (a["file"], a["article_index"])
        return None

    gold_ind = load_jsonl(gold_dir / "indicators.jsonl")
    # convention v2 subjects of the seed figures (tests/data/gold/subjects_v2/), by file:start-end
    v2 = load_subjects_v2(gold_dir)
    for g in gold_ind:
        sid = f"{g['file']}:{g['start']}-{g['end']}"
        if sid in v2:
            g["subject_v2"] = v2[sid]
    gold_models = {
        (r["file"], r["article_index"]): {m: "model" for m in r["models"]}
        for r in load_jsonl(gold_dir / "article_models.jsonl")
    }
    gold_h = load_jsonl(gold_dir / "hierarchies.jsonl")
    out: dict[str, dict[str, Any]] = {}
    for part in ("dev", "test"):
        keys = {k for k, v in split.items() if v == part}

        def art_of(r: Any, keys: set = keys) -> tuple[str, int] | None:
            k = gold_article(_get(r, "file"), _get(r, "start"))
            return k if k in keys else None

        named = {}
        for m in ments:
            k = art_of(m)
            mid = SEED_FOLD.get(m.model_id, m.model_id)
            if k is not None and mid in SEED_INVENTORY:
                named.setdefault(k, {})[mid] = "model"
        out[part] = {
            "indicators": score_indicators(
                [p for p in inds if (p.file, p.article_index) in keys],
                [g for g in gold_ind if (g["file"], g["article_index"]) in keys],
            ),
            # the seed gold does not tell named from role: only "any" is scored
            "models": {
                "any": score_article_models(
                    named, {k: v for k, v in gold_models.items() if k in keys}
                )["any"]
            },
            "structures": score_structures(
                [h for h in hiers if art_of(h) is not None],
                [g for g in gold_h if (g["file"], g["article_index"]) in keys],
            ),
        }
    return out


def _f(x: float) -> str:
    return f"{x:.2f}"


def accuracy_rows(
    seed: Mapping[str, Mapping[str, Any]] | None,
    real: Mapping[str, Mapping[str, Any]] | None,
    *,
    columns: Iterable[tuple[str, str]] | None = None,
) -> list[tuple[str, ...]]:
    """The accuracy table as strings: one row per measure, one cell per column.

    ``columns`` lists ``(source, part)`` with source ``"seed"`` or ``"real"``; the default is
    seed dev, seed test, real dev, real test. A part a source lacks gives ``—``.
    """

    def cell(scores, part, get) -> str:
        if scores is None:
            return "—"
        try:
            return get(scores[part])
        except (KeyError, TypeError):
            return "—"

    cols = list(columns or (("seed", "dev"), ("seed", "test"), ("real", "dev"), ("real", "test")))
    src = {"seed": seed, "real": real}

    def scored(s) -> IndicatorScore:  # a part without indicator gold shows —
        if not s["indicators"].n_gold:
            raise KeyError("indicators")
        return s["indicators"]

    def ind(attr):
        return lambda s: _f(getattr(scored(s), attr))

    def fld(name, lenient=False):
        def get(s):
            sc = scored(s)
            if name not in sc.fields:
                raise KeyError(name)
            v = sc.fields_lenient[name] if lenient else sc.fields[name]
            return _f(v)

        return get

    def pair(get_a, get_b):
        return lambda s: f"{get_a(s)} / {get_b(s)}"

    measures = [
        ("indicators: precision / recall (strict)", pair(ind("precision"), ind("recall"))),
        ("indicators: n gold rows", lambda s: str(scored(s).n_gold)),
        ("indicators: subject exact / lenient", pair(fld("subject"), fld("subject", True))),
        (
            "indicators: subject, convention v2: exact / lenient (n)",
            lambda s: (
                f"{fld('subject_v2')(s)} / {fld('subject_v2', True)(s)} "
                f"({scored(s).field_n['subject_v2']})"
            ),
        ),
        ("indicators: qualifier", fld("qualifier")),
        (
            "indicators: time scope exact / lenient",
            pair(fld("time_scope"), fld("time_scope", True)),
        ),
        ("indicators: surface / offsets exact", pair(fld("surface"), fld("offsets"))),
        (
            "indicators: place / city / province",
            lambda s: " / ".join(
                _f(scored(s).fields[f]) if f in scored(s).fields else "—"
                for f in ("place", "city", "province")
            ),
        ),  # fmt: skip
        (
            "models, named or role: precision / recall",
            lambda s: f"{_f(s['models']['any']['precision'])} / {_f(s['models']['any']['recall'])}",
        ),
        (
            "models named: precision / recall",
            lambda s: (
                f"{_f(s['models']['named']['precision'])} / {_f(s['models']['named']['recall'])}"
            ),
        ),
        (
            "models role only: precision / recall",
            lambda s: (
                f"{_f(s['models']['role']['precision'])} / {_f(s['models']['role']['recall'])}"
            ),
        ),
        (
            "structures: found / levels exact (n gold)",
            lambda s: (
                f"{_f(s['structures']['recall'])} / {_f(s['structures']['levels_exact'])} ({s['structures']['n_gold']})"
            ),
        ),
        (
            "structures: precision (n found)",
            lambda s: f"{_f(s['structures']['precision'])} ({s['structures']['n_pred']})",
        ),
        (
            "articles: place / city / province",
            lambda s: " / ".join(_f(s["articles"][f]) for f in ("place", "city", "province")),
        ),
    ]
    return [(name, *(cell(src[s], part, get) for s, part in cols)) for name, get in measures]


def accuracy_markdown(
    rows: Iterable[tuple[str, ...]],
    header: Iterable[str] = ("seeds dev", "seeds test", "real dev", "real test"),
) -> str:
    """``accuracy_rows`` as a Markdown table under ``header`` (the column names after *measure*)."""
    header = list(header)
    lines = [
        "| measure | " + " | ".join(header) + " |",
        "|---" * (len(header) + 1) + "|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"
