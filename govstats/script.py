"""Traditional → simplified characters, one code point for one, so offsets stay valid.

The table is OpenCC's ``t2s`` conversion applied to each CJK character on its own
(U+3400–U+4DBF, U+4E00–U+9FFF, U+F900–U+FAFF), keeping only the characters it maps
to exactly one other character: 樓棟長 → 楼栋长, 網格化 → 网格化, 黨支部 → 党支部. Phrase
conversions that change lengths (and word-level variants such as 乾隆) are left out;
this is a matching aid, not a translation, and the original text stays available.
"""

from __future__ import annotations

import functools
import re

__all__ = ["to_simplified", "detect_script", "conversion_table"]

_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def _chars() -> list[str]:
    return [chr(cp) for a, b in _RANGES for cp in range(a, b)]


def _one_to_one(config: str) -> dict[str, str]:
    import opencc

    chars = _chars()
    out = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # pragma: no cover - a converter that joins lines
        raise RuntimeError(f"OpenCC {config!r} changed the number of lines; cannot build a table")
    return {c: o for c, o in zip(chars, out) if len(o) == 1 and o != c}


@functools.lru_cache(maxsize=1)
def conversion_table() -> dict[str, str]:
    """Traditional character → simplified character (OpenCC ``t2s``, one-to-one only)."""
    return _one_to_one("t2s")


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[int, int]]:
    t2s = conversion_table()
    s2t = _one_to_one("s2t")
    simplified_only = "".join(sorted(c for c in s2t if c not in t2s))
    trad = "".join(sorted(t2s))
    return (
        re.compile(f"[{re.escape(trad)}]"),
        re.compile(f"[{re.escape(simplified_only)}]"),
        str.maketrans(t2s),
    )


def detect_script(text: str) -> str:
    """``simplified``, ``traditional`` or ``mixed``, from the characters that differ.

    Counts the characters only the traditional script uses (樓, 網, 黨) and those only
    the simplified one uses (楼, 网, 党): under 10 % traditional is ``simplified`` (a
    name such as 张槐乾 or a quoted 濛濛 in a mainland story), over 90 % is
    ``traditional``, anything between ``mixed``. A text with no character that has
    another form (的, 人, digits) counts as simplified.
    """
    trad, simp, _ = _patterns()
    if trad.search(text) is None:
        return "simplified"
    t = len(trad.findall(text))
    s = len(simp.findall(text))
    share = t / (t + s)
    if share < 0.1:
        return "simplified"
    return "traditional" if share > 0.9 else "mixed"


def to_simplified(text: str) -> tuple[str, str]:
    """Convert traditional characters to simplified ones, length-preserving.

    Returns
    -------
    (text, script) : the converted text (``len`` unchanged) and the script detected
        *before* conversion; a ``simplified`` text is returned as it is, stray
        traditional characters (names) included
    """
    trad, _, table = _patterns()
    script = detect_script(text)
    if script == "simplified":
        return text, script
    converted = text.translate(table)
    assert len(converted) == len(text)
    return converted, script
