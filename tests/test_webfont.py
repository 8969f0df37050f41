"""The embedded CJK font subset: only the glyphs a page uses, as WOFF2, deterministic."""

from __future__ import annotations

import base64
import io
import re

from fontTools.ttLib import TTFont

from govstats import webfont

PAGE = "<html><body><h1>治理模式比较 · Governance</h1><td>网格员3500多名</td></body></html>"


def _font_of(css: str) -> TTFont:
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", css).group(1)
    raw = base64.b64decode(data)
    assert raw[:4] == b"wOF2"
    return TTFont(io.BytesIO(raw))


def test_subset_holds_the_page_glyphs_and_no_others():
    font = _font_of(webfont.font_face_css(PAGE))
    cmap = set(font.getBestCmap())
    for ch in "治理模式比较网格员多名·G3":
        assert ord(ch) in cmap, ch
    for ch in "龘鬱齉":  # in the full font, not on the page
        assert ord(ch) not in cmap, ch
    # a few hundred glyphs at most: ASCII, CJK punctuation and the page's characters
    assert len(cmap) < 150


def test_css_declares_the_family_first():
    css = webfont.font_face_css(PAGE)
    assert css.startswith("@font-face")
    assert f'font-family: "{webfont.FAMILY}"' in css
    assert f'--jp-content-font-family: "{webfont.FAMILY}"' in css
    assert 'format("woff2")' in css


def test_same_text_same_css_and_order_does_not_matter():
    a = webfont.font_face_css(PAGE)
    assert webfont.font_face_css(PAGE) == a
    assert webfont.font_face_css(PAGE[::-1]) == a  # a set of characters, not a sequence


def test_used_codepoints_skip_controls_and_add_ascii():
    cps = webfont.used_codepoints("网\n\t格")
    assert ord("\n") not in cps and ord("\t") not in cps
    assert {ord("网"), ord("格"), ord("a"), ord("，")} <= set(cps)
    assert cps == sorted(cps)


def test_more_text_bigger_font():
    small = len(webfont.subset_woff2(webfont.used_codepoints("网格")))
    big = len(
        webfont.subset_woff2(webfont.used_codepoints("网格化治理四级体系楼长议事协商红色物业"))
    )
    assert big > small
