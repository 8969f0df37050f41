"""Every generated report, opened in headless Chromium: it loads cleanly, every image decodes,
it shows what it is about, and every Chinese character on the page has a glyph in the font
subset the page embeds (the CI machine has no CJK system font)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from conftest import SEEDS

from govstats import report

pytestmark = [pytest.mark.browser, pytest.mark.notebooks]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _need_browser() -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser test"
        )
    pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")


def _open(html: Path, screenshot: Path | None = None) -> dict:
    """Open a report in headless Chromium: errors, images, text and fonts the page reports."""
    from playwright.sync_api import sync_playwright

    messages: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on(
                "console",
                lambda m: messages.append(f"{m.type}: {m.text}") if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
            page.on("requestfailed", lambda r: messages.append(f"request failed: {r.url}"))
            page.goto(html.as_uri())
            page.wait_for_load_state("load")
            seen = {
                "messages": messages,
                "images": page.evaluate(
                    "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
                ),
                "text": page.inner_text("body"),
                "fonts": page.evaluate("Array.from(document.fonts).map(f => [f.family, f.status])"),
                "covered": page.evaluate(
                    "document.fonts.check('16px \"govstats Noto Sans SC\"', '楼长四级体系发现')"
                ),
            }
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return seen


def _embedded_codepoints(html: str) -> set[int]:
    """The characters the page's embedded WOFF2 subset has glyphs for."""
    from fontTools.ttLib import TTFont

    m = re.search(r"data:font/woff2;base64,([A-Za-z0-9+/=]+)", html)
    assert m, "no embedded font in the page"
    font = TTFont(io.BytesIO(base64.b64decode(m.group(1))))
    return set(font.getBestCmap())


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


# words each report must show (besides its own Chinese, checked for glyphs)
EXPECT = {
    "overview": ("Run manifest",),
    "indicators": ("Run manifest",),
    "topics": ("Run manifest",),
    "comparison": ("楼长+", "四级体系", "Findings", "Run manifest"),
    "trends": ("楼长+", "四级体系", "Run manifest"),
}


@pytest.mark.parametrize("name", list(EXPECT))
def test_every_report_loads_cleanly_with_every_glyph(name, tmp_path):
    _need_browser()
    res = report.run_report(
        name, {"seeds_dir": str(SEEDS)}, out_dir=tmp_path / "out", progress=False
    )
    shot = tmp_path / f"{res.html.stem}.png"
    seen = _open(res.html, screenshot=shot)
    assert seen["messages"] == [], seen["messages"]
    images = seen["images"]
    assert images and all(complete and w > 0 and h > 0 for complete, w, h in images), images
    for word in EXPECT[name]:
        assert word in seen["text"], word
    # the page's own CJK subset (govstats.webfont) is loaded and has every character it shows,
    # so it renders on a machine without a system CJK font
    assert ["govstats Noto Sans SC", "loaded"] in seen["fonts"], seen["fonts"]
    assert seen["covered"]
    used = {ord(c) for c in _CJK.findall(seen["text"])}
    missing = used - _embedded_codepoints(res.html.read_text(encoding="utf-8"))
    assert len(used) > 50 and not missing, "".join(sorted(map(chr, missing)))
    assert shot.stat().st_size > 10_000
