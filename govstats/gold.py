"""The real-corpus gold (``tests/data/gold/real``): selection, texts, annotated rows, and a run on it.

Loading only; the scorers are in ``govstats.evaluate``. The texts are read from
``../shared/corpora`` and checked against the sha256 each selection row records, and every
row's offsets are checked against its text, so a changed corpus or a mistyped offset fails
loudly instead of silently mis-scoring.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON-lines file (one object per line; blank lines skipped).

    Raises
    ------
    ValueError
        Naming ``file:line`` when a line is not JSON.
    """
    rows = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{no}: not a JSON object ({e.msg})") from None
    return rows


_CORPUS_FILES = ("governance.jsonl.gz", "xwlb.jsonl.gz")


@dataclass
class RealGold:
    """The real-corpus gold: selected documents, their texts and the annotated rows.

    Every row carries ``doc`` (``"corpus/id"``) and ``split`` from the selection: ``dev`` /
    ``test`` for round 1, ``r2-dev`` / ``r2-test`` for round 2 (``selection_round2.jsonl``,
    annotated after round 1 was scored, so that no rule of that time was written on it). ``texts`` maps ``doc`` to the record's text; ``windows`` maps ``doc`` to the
    annotated ``(start, end)``; ``supplement`` holds the documents annotated for structures
    and models only.
    """

    selection: list[dict[str, Any]]
    texts: dict[str, str]
    records: dict[str, dict[str, Any]]
    windows: dict[str, tuple[int, int]]
    split: dict[str, str]
    indicators: list[dict[str, Any]]
    models: list[dict[str, Any]]
    structures: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    supplement: set[str]

    def docs(
        self, part: str | Iterable[str] | None = None, *, supplement: bool = True
    ) -> list[str]:
        """Document keys of one part (a label of ``split``, a set of labels, or all), in selection order."""
        labels = {part} if isinstance(part, str) else None if part is None else set(part)
        return [
            d
            for d in (f"{r['corpus']}/{r['id']}" for r in self.selection)
            if (labels is None or self.split[d] in labels)
            and (supplement or d not in self.supplement)
        ]


def doc_key(corpus: str, doc_id: str) -> str:
    """The key the real gold uses for a document: ``corpus/id``."""
    return f"{corpus}/{doc_id}"


#: Selections made after round 1 was scored: (file, split prefix, structures and models only).
LATER_ROUNDS = (
    ("selection_round2.jsonl", "r2", False),
    ("selection_round2_structures.jsonl", "r2", True),
    ("selection_round3_structures.jsonl", "r3", True),
    ("selection_round4_structures.jsonl", "r4", True),
    ("selection_round5.jsonl", "r5", False),
    ("selection_round5_structures.jsonl", "r5", True),
)


def load_real_gold(gold_dir: str | Path, corpora_dir: str | Path) -> RealGold:
    """Read the selection files and every annotator's rows, with the texts they point into.

    Raises
    ------
    ValueError
        When a text's sha256 differs from the selection's (the corpus changed), an offset
        does not reproduce its surface/quote, or a row names a document not selected.
    FileNotFoundError
        When the gold folder, a selection file or a corpus file is missing.
    """
    gold_dir, corpora_dir = Path(gold_dir), Path(corpora_dir)
    main = load_jsonl(gold_dir / "selection.jsonl")
    extra = load_jsonl(gold_dir / "selection_structures.jsonl")
    later, extra_later = [], []  # later rounds: (rows, label prefix), annotated after round 1
    for name, prefix, supplement in LATER_ROUNDS:
        rows = [{**r, "split": f"{prefix}-{r['split']}"} for r in load_jsonl(gold_dir / name)]
        later += rows
        extra_later += rows if supplement else []
    selection = main + extra + later
    wanted = {doc_key(r["corpus"], r["id"]): r for r in selection}
    texts: dict[str, str] = {}
    records: dict[str, dict[str, Any]] = {}
    for name in _CORPUS_FILES:
        with gzip.open(corpora_dir / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                k = doc_key(rec["corpus"], rec["id"])
                if k in wanted and k not in texts:
                    texts[k] = rec["text"]
                    records[k] = rec
    for k, r in wanted.items():
        if k not in texts:
            raise ValueError(f"{corpora_dir}: the selected document {k} is not in the corpora")
        if hashlib.sha256(texts[k].encode("utf-8")).hexdigest() != r["sha256"]:
            raise ValueError(f"{corpora_dir}: the text of {k} changed since it was annotated")
    split = {k: r["split"] for k, r in wanted.items()}
    windows = {k: (r["window_start"], r["window_end"]) for k, r in wanted.items()}

    def rows(name: str, check: str | None) -> list[dict[str, Any]]:
        return _gold_rows(sorted((gold_dir / "parts").glob(f"*/{name}")), check, texts, split)

    models = rows("models.jsonl", None)
    # A later round's document counts once an annotator has written its models row (every
    # annotated document has one); until then it is selected but not yet gold.
    annotated = {r["doc"] for r in models}
    selection = [
        r for r in selection
        if r in main or r in extra or doc_key(r["corpus"], r["id"]) in annotated
    ]  # fmt: skip
    indicators = rows("indicators.jsonl", "surface")
    v2 = load_subjects_v2(gold_dir)
    for r in indicators:
        sid = subject_id(r)
        if sid in v2:
            r["subject_v2"] = v2[sid]
    return RealGold(
        selection=selection,
        texts=texts,
        records=records,
        windows=windows,
        split=split,
        indicators=indicators,
        models=models,
        structures=rows("structures.jsonl", "quote"),
        articles=rows("articles.jsonl", None),
        supplement={doc_key(r["corpus"], r["id"]) for r in extra + extra_later},
    )


def subject_id(row: Mapping[str, Any]) -> str:
    """The id a gold indicator has in the subject re-annotation: ``corpus/id:start-end``."""
    return f"{doc_key(row['corpus'], row['id'])}:{row['start']}-{row['end']}"


def load_subjects_v2(gold_dir: str | Path, *, agreement: bool = False) -> dict[str, str]:
    """Subjects annotated again under convention v2 (``subjects_v2/*.jsonl``), by figure id.

    With ``agreement`` the second annotator's answers (``subjects_v2/agreement/``) instead.
    A missing folder gives ``{}``; an id answered twice with different subjects raises.
    """
    folder = Path(gold_dir) / "subjects_v2"
    if agreement:
        folder = folder / "agreement"
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for no, r in enumerate(load_jsonl(path), 1):
            if out.get(r["id"], r["subject"]) != r["subject"]:
                raise ValueError(f"{path}:{no}: {r['id']} has two different subjects")
            out[r["id"]] = r["subject"]
    return out


def _gold_rows(
    paths: Iterable[Path], check: str | None, texts: Mapping[str, str], split: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Every row of the files, with ``doc``, ``split`` and ``annotator``; offsets checked against the texts."""
    out = []
    for path in paths:
        for no, r in enumerate(load_jsonl(path), 1):
            k = doc_key(r["corpus"], r["id"])
            if k not in texts:
                raise ValueError(f"{path}:{no}: document {k} is not in the selection")
            if check and texts[k][r["start"] : r["end"]] != r[check]:
                raise ValueError(f"{path}:{no}: text[{r['start']}:{r['end']}] != {check}")
            out.append({**r, "doc": k, "split": split[k], "annotator": path.parent.name})
    return out


def load_agreement(gold_dir: str | Path, gold: RealGold) -> dict[str, list[dict[str, Any]]]:
    """The second, independent annotation of some gold documents (``agreement/``), for agreement.

    Returns ``{"docs": [...], "indicators": [...], "models": [...], "structures": [...]}``: the
    documents the second annotator read (``agreement/selection.jsonl``) and their rows, offsets
    checked as the gold's are.
    """
    folder = Path(gold_dir) / "agreement"
    docs = [doc_key(r["corpus"], r["id"]) for r in load_jsonl(folder / "selection.jsonl")]
    out: dict[str, list[Any]] = {"docs": docs}
    for name, check in (("indicators", "surface"), ("models", None), ("structures", "quote")):
        out[name] = _gold_rows([folder / f"{name}.jsonl"], check, gold.texts, gold.split)
    return out


def run_on_real_gold(gold: RealGold, folder: str | Path) -> dict[str, Any]:
    """Extract everything from the gold documents, read as records (one JSON line each).

    The records are written to ``folder/gold.jsonl`` with their own title, date, source
    and url, and read back through ``load_corpus`` as any analyst's JSONL would be; the
    record id is the gold's ``corpus/id`` key. Returns the ``run`` mapping
    ``real_gold_scores`` takes.
    """
    import govstats as gs
    from govstats.pipeline import indicator_rows

    path = Path(folder) / "gold.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for doc in gold.docs():
            fh.write(json.dumps({**gold.records[doc], "id": doc}, ensure_ascii=False) + "\n")
    corpus = gs.load_corpus(path)
    docs = {d.file: d.record_id for d in corpus.documents}
    return {
        "corpus": corpus,
        "doc_of": lambda r: docs.get(
            r.get("file") if isinstance(r, dict) else getattr(r, "file", None)
        ),
        # the rows `govstats extract` writes: the indicator's keys plus city and province
        "indicators": indicator_rows(gs.extract_indicators(corpus), corpus.articles),
        "mentions": gs.find_models(corpus, include_duplicates=False),
        # the gold has one row per statement, a structure restated later in the story too
        # (ANNOTATION additions; the seed gold's convention, see seed_gold_scores)
        "hierarchies": gs.find_hierarchies(corpus, include_restated=True),
        "articles": list(corpus.articles),
    }
