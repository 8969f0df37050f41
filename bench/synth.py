"""Synthetic corpora: seed paragraphs resampled with a fixed seed, one article per file.

Each synthetic article is a headline taken from the seeds, a blank line, then body
paragraphs drawn (without replacement inside the article) from the seeds' body
paragraphs until the article holds about ``article_chars`` characters. Files are
UTF-8, paragraphs separated by blank lines, one article per file like the seeds,
under ``<root>/n<size>_s<seed>/<bucket>/<index>.txt`` (1,000 files per bucket folder).
The same size and seed always give byte-identical files.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT.parent / "seeds"
CORPORA = ROOT / "_corpora"
BUCKET = 1000

_SENT_END = tuple("。！？”」）)")
_FURNITURE = re.compile(r"版[:：]|上一篇|下一篇|→|^\s*[A-Z]\s*$|\d{4}年\d{1,2}月\d{1,2}日")
_BYLINE = re.compile(r"^[(（]|记者|通讯员|YMG|融媒体|编辑|来源")


def seed_pool(seeds_dir: Path = SEEDS) -> tuple[list[str], list[str]]:
    """Headlines and body paragraphs of the seed files (sorted, de-duplicated).

    Body paragraphs are lines of at least 30 characters ending a sentence; headlines
    are lines of 6–40 characters with no full stop that are not page furniture.
    """
    titles: set[str] = set()
    paras: set[str] = set()
    for f in sorted(Path(seeds_dir).glob("*.txt")):
        for line in f.read_text(encoding="utf-8-sig").splitlines():
            s = line.strip()
            if len(s) >= 30 and s.endswith(_SENT_END) and "。" in s and "版:" not in s:
                paras.add(s)
            elif (
                6 <= len(s) <= 40
                and not re.search(r"[。,，]", s)
                and not _FURNITURE.search(s)
                and not _BYLINE.search(s)
            ):
                titles.add(s)
    if not paras or not titles:
        raise ValueError(f"{seeds_dir}: found no seed paragraphs/headlines to resample")
    return sorted(titles), sorted(paras)


def synth_article(
    rng: random.Random, titles: list[str], paras: list[str], article_chars: int
) -> str:
    """One article's text: a headline, a blank line, paragraphs up to ``article_chars``."""
    body: list[str] = []
    n = 0
    for p in rng.sample(paras, len(paras)):
        if n >= article_chars:
            break
        body.append(p)
        n += len(p)
    return rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n"


def build_corpus(
    n_articles: int,
    *,
    root: Path = CORPORA,
    seed: int = 0,
    article_chars: int = 1500,
    seeds_dir: Path = SEEDS,
) -> Path:
    """Write (or reuse) a synthetic corpus of ``n_articles`` files; return its folder.

    A folder holding a ``MANIFEST.json`` with the same parameters is reused as is.
    """
    out = Path(root) / f"n{n_articles}_s{seed}"
    params = {
        "n_articles": n_articles,
        "seed": seed,
        "article_chars": article_chars,
        "per_file": 1,
        "seeds": [p.name for p in sorted(Path(seeds_dir).glob("*.txt"))],
    }
    manifest = out / "MANIFEST.json"
    if manifest.exists():
        try:
            if json.loads(manifest.read_text(encoding="utf-8"))["params"] == params:
                return out
        except (ValueError, KeyError):
            pass
    if out.exists():
        shutil.rmtree(out)
    titles, paras = seed_pool(seeds_dir)
    rng = random.Random(seed)
    n_chars = 0
    for i in range(n_articles):
        d = out / f"{i // BUCKET:04d}"
        if i % BUCKET == 0:
            d.mkdir(parents=True, exist_ok=True)
        text = synth_article(rng, titles, paras, article_chars)
        n_chars += len(text)
        (d / f"{i:07d}.txt").write_text(text, encoding="utf-8")
    manifest.write_text(
        json.dumps({"params": params, "n_chars": n_chars}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return out


def corpus_files(folder: Path) -> list[Path]:
    """The corpus's text files in order."""
    return sorted(Path(folder).rglob("*.txt"))
