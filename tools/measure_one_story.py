"""Segmentation on one-story documents: 新闻联播 stories written one per ``.txt`` page.

Each of the first ``N`` stories of ``../shared/corpora/xwlb.jsonl.gz`` becomes a page
``title + "\\n\\n" + text`` (what a scraper writing one story per file gives) and goes
through the page segmenter exactly as a ``.txt`` file does (``Document(kind="page")``
→ ``segment_document``). Counts:

- ``split``: stories that came out as two or more articles; ``lost``: as none;
- ``unterminated_body_lines``: lines of the story text ending without a sentence mark
  that can only be body: three or more such lines in a row, each of at most 40
  characters (a list: 名单, 简历, 1、2、3 items), or lines after the story's last
  terminated line (they head nothing); ``…_as_heading``: those typed
  title/kicker/subtitle/heading instead;
- ``one_line``: the first sentence of each story with its final mark removed, as a
  one-line document; ``one_line_not_body``: those that did not become body text.

Run from the worktree: ``PYTHONPATH=. python tools/measure_one_story.py [N]``; the
same command with ``PYTHONPATH`` on another checkout measures that code.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from govstats.records import Document
from govstats.segment import ends_sentence, segment_document

try:
    from govstats.sources import normalize_text
except ImportError:  # an older checkout: reading lived in corpus
    from govstats.corpus import normalize_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "xwlb.jsonl.gz"
_FIRST = re.compile(r"[^。!?]{8,}[。!?]")
HEADS = ("title", "kicker", "subtitle", "heading")


def _doc(text: str, i: int) -> Document:
    return Document(id=f"x{i}", path=f"{i}.txt", encoding="utf-8", text=text, sha256="0")


def _must_be_body(lines: list[str]) -> set[int]:
    """Indexes of unterminated lines that can only be body (lists, trailing lines)."""
    out: set[int] = set()
    last = max((i for i, s in enumerate(lines) if ends_sentence(s)), default=-1)
    i = 0
    while i < len(lines):
        if ends_sentence(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and not ends_sentence(lines[j]) and len(lines[j]) <= 40:
            j += 1
        if j == i:  # a long unterminated line: not part of a list
            out.update([i] if i > last else [])
            i += 1
            continue
        if j - i >= 3:
            out.update(range(i, j))
        out.update(k for k in range(i, j) if k > last)
        i = j
    return out


def main(n: int = 10_000, *, show: int = 5) -> dict[str, int]:
    c = dict.fromkeys(
        ["stories", "split", "lost", "unterminated_body_lines",
         "unterminated_body_lines_as_heading", "one_line", "one_line_not_body"], 0
    )  # fmt: skip
    shown = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            if c["stories"] >= n:
                break
            rec = json.loads(line)
            title = (rec.get("title") or "").strip()
            text = normalize_text(f"{title}\n\n{rec['text']}")
            i = c["stories"]
            c["stories"] += 1
            arts, blocks = segment_document(_doc(text, i))
            c["split"] += len(arts) > 1
            c["lost"] += not arts
            if len(arts) != 1 and shown < show:
                shown += 1
                print(f"--- {rec['id']} {len(arts)} articles: {[a.title[:30] for a in arts]}")
            body = [b for b in blocks if b.start >= len(title) + 2]
            must = _must_be_body([b.text for b in body])
            c["unterminated_body_lines"] += len(must)
            c["unterminated_body_lines_as_heading"] += sum(body[k].kind in HEADS for k in must)
            m = _FIRST.search(normalize_text(rec["text"]))
            if m and len(m.group(0)) <= 60:
                sentence = m.group(0)[:-1].strip()
                arts1, _ = segment_document(_doc(sentence, i))
                c["one_line"] += 1
                c["one_line_not_body"] += not (
                    arts1 and any(p.kind == "body" for p in arts1[0].paragraphs)
                )
    return c


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)))
