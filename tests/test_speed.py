"""Structural speed-ups that must not change what is extracted (issue 14).

Each test pins what an optimisation relies on: the work it avoids is really avoided,
and the fast path gives what the plain one gives.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_subject_tagger_builds_one_dictionary():
    """The subjects' private tagger does not import the ``rjieba`` package, whose
    ``__init__`` builds a default instance nobody here uses (0.2–0.5 s, ~24 MiB per
    process); a later ``import rjieba`` still works and is the same class."""
    got = _run(
        "import sys\n"
        "from govstats.noun_chunks import _tagger\n"
        "t = _tagger()\n"
        "print('rjieba' in sys.modules)\n"
        "import rjieba\n"
        "print(type(t) is rjieba.Jieba)\n"
        "s = '共召开联席会议350余次'\n"
        "print(t.tag(s) == rjieba.Jieba().tag(s))\n"
    )
    assert got.split() == ["False", "True", "True"]


def test_after_punct_is_the_walk_back():
    """``_after_punct`` (one C-level match) stops where the character-by-character walk
    back over ``_PUNCT_AFTER`` did, for every span, empty and reversed ones included."""
    import random

    from govstats.indicator_rules import _PUNCT_AFTER, _after_punct

    def walk(text: str, pos: int, lo: int) -> int:
        a = pos
        while a > lo and not _PUNCT_AFTER.match(text[a - 1]):
            a -= 1
        return a

    rng = random.Random(0)
    alphabet = "社区居民，。、 \n（）—-…年3x"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        pos = rng.randrange(0, len(text) + 1)
        lo = max(0, pos - rng.randrange(-3, 40))
        assert _after_punct(text, pos, lo) == walk(text, pos, lo), (text, pos, lo)
