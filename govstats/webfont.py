"""Chinese that renders without a system CJK font: a subset of the bundled Noto Sans SC,
holding only the glyphs a page uses, embedded in the page as a WOFF2 ``@font-face``.

``font_face_css(text)`` is a pure function of the text (and the bundled font): the same
page gives the same CSS, byte for byte. ``report.run_report`` calls it once on each
report's HTML and puts the result in a ``<style>`` element of the page's head.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

__all__ = ["FAMILY", "used_codepoints", "subset_woff2", "font_face_css"]

#: The family name the embedded subset is registered under (not a system font's name, so
#: the page never silently uses a differently-covering local font of the same name).
FAMILY = "govstats Noto Sans SC"

#: Always included, so text added by the page's own scripts (sort arrows, digits) renders.
_BASE = set(range(0x20, 0x7F)) | {
    0xA0,
    0x3000,
    0x3001,
    0x3002,
    0xFF08,
    0xFF09,
    0xFF0C,
    0xFF1A,
    0xFF1B,
}


def used_codepoints(text: str) -> list[int]:
    """The printable code points of ``text`` plus ASCII and common CJK punctuation, sorted."""
    cps = {ord(ch) for ch in text if ch >= " " and ch not in "\x7f"} | _BASE
    return sorted(cp for cp in cps if not 0xD800 <= cp <= 0xDFFF)


@lru_cache(maxsize=1)
def _font_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


def subset_woff2(codepoints: list[int], font_path: str | Path | None = None) -> bytes:
    """A WOFF2 subset of the font with the glyphs of ``codepoints`` (those it has).

    Parameters
    ----------
    codepoints : Unicode code points to keep
    font_path : an OpenType/TrueType font; default the bundled Noto Sans SC Regular
        (``plotting.cjk_font_path()``)

    Returns
    -------
    bytes
        The WOFF2 file (hinting dropped, layout features kept for the kept glyphs).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    if font_path is None:
        from .plotting import cjk_font_path

        font_path = cjk_font_path()
    font = TTFont(io.BytesIO(_font_bytes(str(font_path))), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the licence-relevant names small
    options.notdef_outline = True
    sub = subset.Subsetter(options=options)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=True)
    return out.getvalue()


def font_face_css(text: str, *, font_path: str | Path | None = None) -> str:
    """CSS that embeds the glyphs ``text`` uses and makes them the page's font.

    Parameters
    ----------
    text : the page (its markup may be included: only characters matter)
    font_path : see ``subset_woff2``

    Returns
    -------
    str
        An ``@font-face`` rule (``src: url(data:font/woff2;base64,…)``) for ``FAMILY``,
        and rules putting ``FAMILY`` first in the JupyterLab font variables and on ``body``.
    """
    data = base64.b64encode(subset_woff2(used_codepoints(text), font_path)).decode("ascii")
    stack = f'"{FAMILY}", "Noto Sans SC", "Noto Sans CJK SC", sans-serif'
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 400; '
        f'font-display: block; src: url(data:font/woff2;base64,{data}) format("woff2"); }}\n'
        f":root {{ --jp-content-font-family: {stack}; --jp-ui-font-family: {stack}; }}\n"
        f"body, .jp-RenderedHTMLCommon, .jp-RenderedHTMLCommon table {{ font-family: {stack}; }}\n"
    )
