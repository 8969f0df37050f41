"""Shared fixtures: the seed folder, a loaded seed corpus, and small Chinese snippets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Figures are drawn off-screen in tests.
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
# The real corpora live beside the clone (../shared/corpora), never in the repository.
SHARED = Path(os.environ.get("GOVSTATS_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
PEER_CASES = SHARED / "peer-cases"


def shared_file(*parts: str) -> Path:
    """A file under ``../shared``; the calling test skips, with the reason, when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpora sit beside the clone, not in it)")
    return path


def real_records(corpus: str = "governance", *, n: int | None = None, where=None) -> list[dict]:
    """Records of ``../shared/corpora/<corpus>.jsonl.gz`` (the first ``n`` that pass ``where``)."""
    import gzip
    import json

    out: list[dict] = []
    with gzip.open(shared_file("corpora", f"{corpus}.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if where is None or where(rec):
                out.append(rec)
                if n is not None and len(out) >= n:
                    break
    return out


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The project's five raw seed files."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_corpus():
    """The seeds, loaded once per test session."""
    import govstats as gs

    return gs.load_corpus(SEEDS)


def figure(text: str, surface: str):
    """The first indicator ``extract_from_text(text)`` finds with ``surface`` (fails naming the
    surfaces it found instead), its offsets checked against the text."""
    from govstats.indicators import extract_from_text

    got = [q for q in extract_from_text(text) if q.surface == surface]
    assert got, [q.surface for q in extract_from_text(text)]
    assert text[got[0].start : got[0].end] == got[0].surface
    return got[0]


def corpus_of(text: str, name: str = "t.txt"):
    """A one-article corpus whose paragraphs are the non-empty lines of ``text``.

    Lets the stage tests feed exact paragraphs without going through the segmenter.
    """
    import govstats as gs
    from govstats.records import Article, Document, Paragraph

    doc = Document(id="d0", path=name, encoding="utf-8", text=text, sha256="0")
    paras, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paras.append(
                Paragraph(
                    id=f"d0-000-{len(paras):03d}",
                    article_id="d0-000",
                    index=len(paras),
                    text=line,
                    start=pos,
                    end=pos + len(line),
                )
            )
        pos += len(line) + 1
    art = Article(
        id="d0-000",
        doc_id="d0",
        file=name,
        index=0,
        title=paras[0].text,
        place=None,
        date=None,
        source=None,
        byline=None,
        start=0,
        end=len(text),
        paragraphs=tuple(paras),
    )
    return gs.Corpus((doc,), (art,), (), tuple(paras))
