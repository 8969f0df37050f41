"""``python -m bench.profile``: where the extraction spends its time on real stories.

Runs ``pipeline.extract_document`` (no tokens, one process) under cProfile over the
first ``--n`` 新闻联播 stories as the record reader gives them (the ``extraction`` row of
the benchmark),
then groups the profile's own time by govstats module (everything outside govstats
grouped as ``json`` / ``numpy`` / ``re`` / ``pathlib`` / other) and keeps the top
functions. With ``--record`` the result goes into ``bench/results.json`` (``profile``),
from which bench/README.md's profile block is rendered.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path
from typing import Any

from .real import documents

RESULTS = Path(__file__).resolve().parent / "results.json"


def _module(filename: str, func: str) -> str:
    f = filename.replace("\\", "/")
    if "/govstats/" in f:
        return "govstats." + f.rsplit("/govstats/", 1)[1].removesuffix(".py").replace("/", ".")
    for name in ("json", "numpy", "pathlib", "gzip", "hashlib"):
        if f"/{name}/" in f or f.endswith(f"/{name}.py"):
            return name
    if f == "~":  # built-ins: name them by what they are
        if "re.Pattern" in func or "_sre" in func:
            return "re (regex engine)"
        if "numpy" in func:
            return "numpy"
        return (
            "built-ins (" + func.split("'")[1].split(".")[0] + ")" if "'" in func else "built-ins"
        )
    if f.endswith("/re/__init__.py") or "/re/" in f:
        return "re (regex engine)"
    return "other"


def profile(n: int, top: int = 20) -> dict[str, Any]:
    from govstats.lexicon import load_lexicon
    from govstats.pipeline import extract_document

    lex = load_lexicon()
    first = next(iter(documents(n)))
    extract_document(first, lexicon=lex)  # warm: lazy loads are not the steady state
    prof = cProfile.Profile()
    chars = 0
    t0 = time.perf_counter()
    prof.enable()
    for doc in documents(n):  # reading the records included, as in the benchmark row
        chars += extract_document(doc, lexicon=lex).n_chars
    prof.disable()
    wall = time.perf_counter() - t0
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())
    mods: dict[str, float] = {}
    funcs = []
    for (filename, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():
        m = _module(filename, func)
        mods[m] = mods.get(m, 0.0) + tt
        where = f"{m}:{func}" if filename == "~" else f"{m}.{func} (line {line})"
        funcs.append({"function": where, "calls": nc, "tottime": tt, "cumtime": ct})
    funcs.sort(key=lambda d: -d["tottime"])
    return {
        "command": f"python -m bench.profile --n {n}",
        "what": f"reading + extract_document on the first {n:,} 新闻联播 stories (no tokens)",
        "wall_s": wall,
        "chars": chars,
        "modules": [
            {"module": m, "tottime": t, "share": t / total}
            for m, t in sorted(mods.items(), key=lambda kv: -kv[1])
            if t / total >= 0.01
        ],
        "functions": [
            {k: (round(v, 3) if isinstance(v, float) else v) for k, v in f.items()}
            for f in funcs[:top]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--n", type=int, default=2000, help="first N stories")
    ap.add_argument("--top", type=int, default=20, help="functions to keep")
    ap.add_argument("--record", action="store_true", help="write it into results.json")
    args = ap.parse_args(argv)
    p = profile(args.n, args.top)
    for m in p["modules"]:
        print(f"{m['module']:<40} {m['tottime']:7.2f} s  {100 * m['share']:4.0f} %")
    print()
    for f in p["functions"]:
        print(f"{f['function']:<80} {f['calls']:>8} {f['tottime']:7.3f} {f['cumtime']:7.3f}")
    if args.record:
        data = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        data["profile"] = p
        RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nrecorded in {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
