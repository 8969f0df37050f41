"""Structures on random non-gold 新闻联播 stories: print them for judging, score against verdicts.

The stories are drawn from ``../shared/corpora/xwlb.jsonl.gz`` among those (at most 3,000
characters) that match the wide structure cue of ``tools/select_gold.py`` (an N级 claim or a
chain mark after a level word), leaving out every document of every gold selection file, so
nothing here reads a gold document.

    python tools/measure_structures.py show --seed 7 --stories 80 > /tmp/a.txt
    python tools/measure_structures.py score bench/structure_verdicts_a.json
    python tools/measure_structures.py random --seed 3 --stories 2000 [--verdicts FILE]

``show`` prints each sampled story's paragraphs that hold a cue hit or a structure the
extractor finds (cue hits in ⟦ ⟧), then the structures (``--blind``: the paragraphs only, to
judge a fresh sample before seeing the extractor's output on it). ``score`` reads a verdict file
(``{"seed", "stories", "structures": {id: [{"quote", "levels", "n"}, ...]}}``: what an
annotator following ANNOTATION.md and the real gold's README records, every sampled story
listed, ``[]`` for none) and prints recall (a judged structure overlapped by one the extractor
finds), levels exact on those found, and the extractor's structures that overlap none (false).
``random`` runs on random stories without the cue filter and prints every structure found, with
the verdicts of a file ``{"false": [[id, surface], ...], "true": [...]}`` beside each, for the
false-structure rate on ordinary news.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from select_gold import STRUCTURE_CUE_WIDE, _key  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "xwlb.jsonl.gz"
GOLD = ROOT / "tests" / "data" / "gold" / "real"
_BRACKETS = re.compile(r"[“”\"‘’「」()（）]")


def gold_ids() -> set[str]:
    """Ids of every document any gold or agreement selection file names."""
    out = set()
    for f in glob.glob(str(GOLD / "**" / "selection*.jsonl"), recursive=True):
        with open(f, encoding="utf-8") as fh:
            out.update(json.loads(line)["id"] for line in fh if line.strip())
    return out


def stories(*, cue: bool) -> list[dict]:
    """Non-gold xwlb stories of at most 3,000 characters (with the wide cue if ``cue``)."""
    exclude = gold_ids()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [
        r
        for r in rows
        if r["id"] not in exclude
        and len(r["text"]) <= 3000
        and (not cue or STRUCTURE_CUE_WIDE.search(r["text"]))
    ]
    return sorted(rows, key=lambda r: _key(r["id"]))


def sample(
    seed: int, n: int, *, cue: bool = True, skip: int = 0, exclude: frozenset[str] = frozenset()
) -> list[dict]:
    """``n`` stories drawn by ``random.Random(seed).sample`` (the draw of ``skip + n`` without its
    first ``skip``), leaving out the stories ``exclude`` names (another sample's)."""
    pool = [r for r in stories(cue=cue) if r["id"] not in exclude]
    return random.Random(seed).sample(pool, skip + n)[skip:]


def extract(rows: list[dict], texts: dict[str, str] | None = None) -> dict[str, list]:
    """The extractor's hierarchies per story id (and, into ``texts``, each story's text as
    the corpus reader normalised it: the offsets point into that one)."""
    import govstats as gs

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        corpus = gs.load_corpus(path)
        ids = {d.file: d.record_id for d in corpus.documents}
        out: dict[str, list] = {r["id"]: [] for r in rows}
        # one row per statement, as the verdicts (and the gold) count them
        for h in gs.find_hierarchies(corpus, include_restated=True):
            out[ids[h.file]].append(h)
        if texts is not None:
            texts.update({d.record_id: d.text for d in corpus.documents})
    return out


# cue hits that are grades at a glance (``--compact`` hides paragraphs with only these)
_GRADE = re.compile(
    r"级(?:[^，。；]{0,8}应急响应|[^，。；]{0,4}响应|医院|甲等|以上医|及以下医|以上|保护|公路|地震|"
    r"[大阵]?风|[^，。；]{0,4}污染|文物|[^，。；]{0,2}军士长|警戒|[^，。；]{0,4}发动机|标准|能效|"
    r"预警|火箭|飞船|航天功勋|护理|士官|教授|研究员|巡视员|调研员|英模|战斗英雄|河道|流域)"
)


def show(rows: list[dict], found: dict[str, list], *, compact: bool = False) -> None:
    hidden = 0
    for r in rows:
        text, hs = r["text"], found[r["id"]]
        print(f"##### {r['id']}  {r.get('date')}  {r['title']}")
        pos = 0
        for para in text.split("\n"):
            a, b = pos, pos + len(para)
            pos = b + 1
            hits = list(STRUCTURE_CUE_WIDE.finditer(para))
            if not hits and not any(a <= h.start < b for h in hs):
                continue
            if (
                compact
                and not any(a <= h.start < b for h in hs)
                and all(_GRADE.match(para, m.end() - 1) for m in hits)
            ):
                hidden += 1
                continue
            marked, last = [], 0
            for m in hits:
                marked += [para[last : m.start()], "⟦", m.group(), "⟧"]
                last = m.end()
            marked.append(para[last:])
            print(f"  [{a}] {''.join(marked)}")
        for h in hs:
            print(f"  >> {h.surface} | {'/'.join(h.levels)} | {h.n_levels_claimed} | {h.model_id}")
        print()
    if compact:
        print(f"({hidden} paragraphs whose only cue hits are grades not shown)")


def _norm(levels) -> tuple[str, ...]:
    return tuple(_BRACKETS.sub("", x) for x in levels)


def score(verdicts: dict, *, quiet: bool = False) -> dict:
    """Recall, levels exact and false structures of the extractor against ``verdicts``."""
    by_id = {r["id"]: r for r in stories(cue=True)}
    rows = [by_id[i] for i in verdicts["structures"]]
    norm: dict[str, str] = {}
    found = extract(rows, norm)
    n_gold = n_found = n_exact = n_pred = n_false = 0
    for r in rows:
        text, ntext = r["text"], norm[r["id"]]
        gold = []
        for g in verdicts["structures"][r["id"]]:
            s = text.find(g["quote"], g.get("after", 0))
            if s < 0:
                s = ntext.find(g["quote"], g.get("after", 0))
            if s < 0:
                raise SystemExit(f"{r['id']}: quote not in text: {g['quote']}")
            gold.append((s, s + len(g["quote"]), g))
        hs = found[r["id"]]
        n_gold += len(gold)
        n_pred += len(hs)
        used = set()
        for s, e, g in gold:
            best = max(
                ((min(h.end, e) - max(h.start, s), i) for i, h in enumerate(hs) if i not in used),
                default=(0, None),
            )
            if best[0] > 0:
                used.add(best[1])
                h = hs[best[1]]
                n_found += 1
                ok = _norm(h.levels) == _norm(g["levels"])
                n_exact += ok
                if not ok and not quiet:
                    print(f"LEVELS {r['id'][:8]} {g['quote']} | {g['levels']} vs {list(h.levels)}")
            elif not quiet:
                print(f"MISSED {r['id'][:8]} {g['quote']} | {'/'.join(g['levels'])} | {g['n']}")
        for h in hs:
            if not any(min(h.end, e) > max(h.start, s) for s, e, _ in gold):
                n_false += 1
                if not quiet:
                    print(f"FALSE  {r['id'][:8]} {h.surface} | {'/'.join(h.levels)}")
    res = {
        "stories": len(rows),
        "judged structures": n_gold,
        "found": n_found,
        "recall": round(n_found / n_gold, 3) if n_gold else None,
        "levels exact": round(n_exact / n_found, 3) if n_found else None,
        "extractor structures": n_pred,
        "false": n_false,
    }
    print(json.dumps(res, ensure_ascii=False))
    return res


def random_run(seed: int, n: int, verdict_file: str | None) -> None:
    rows = sample(seed, n, cue=False)
    norm: dict[str, str] = {}
    found = extract(rows, norm)
    v = json.loads(Path(verdict_file).read_text(encoding="utf-8")) if verdict_file else {}
    false = {tuple(x) for x in v.get("false", ())}
    true = {tuple(x) for x in v.get("true", ())}
    counts = {"true": 0, "false": 0, "unjudged": 0}
    for r in rows:
        for h in found[r["id"]]:
            key = (r["id"], h.surface)
            mark = "true" if key in true else "false" if key in false else "unjudged"
            counts[mark] += 1
            text = norm[r["id"]]
            a = text.rfind("\n", 0, h.start) + 1
            b = text.find("\n", h.end)
            print(f"{mark:9} {r['id']} | {h.surface} | {'/'.join(h.levels)} | {h.n_levels_claimed}")
            print(
                f"          {text[max(a, h.start - 80) : min(b if b >= 0 else len(text), h.end + 60)]}"
            )
    print(json.dumps({"stories": len(rows), **counts}, ensure_ascii=False))


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("show")
    a.add_argument("--seed", type=int, required=True)
    a.add_argument("--stories", type=int, default=80)
    a.add_argument("--skip", type=int, default=0)
    a.add_argument("--compact", action="store_true", help="hide paragraphs whose cues are grades")
    a.add_argument(
        "--exclude", action="append", default=[], help="a verdict file whose stories to leave out"
    )
    a.add_argument(
        "--blind", action="store_true", help="do not run the extractor (judge a fresh sample first)"
    )
    b = sub.add_parser("score")
    b.add_argument("verdicts")
    b.add_argument("--quiet", action="store_true")
    c = sub.add_parser("random")
    c.add_argument("--seed", type=int, required=True)
    c.add_argument("--stories", type=int, default=2000)
    c.add_argument("--verdicts")
    args = ap.parse_args(argv)
    if args.cmd == "show":
        exclude: set[str] = set()
        for f in args.exclude:
            exclude |= set(json.loads(Path(f).read_text(encoding="utf-8"))["structures"])
        rows = sample(args.seed, args.stories, skip=args.skip, exclude=frozenset(exclude))
        found = {r["id"]: [] for r in rows} if args.blind else extract(rows)
        show(rows, found, compact=args.compact)
    elif args.cmd == "score":
        score(json.loads(Path(args.verdicts).read_text(encoding="utf-8")), quiet=args.quiet)
    else:
        random_run(args.seed, args.stories, args.verdicts)


if __name__ == "__main__":
    main(sys.argv[1:])
