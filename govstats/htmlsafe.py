"""Text from data on its way into HTML: escaped exactly once, markup only where code writes it.

Scraped articles, file names, lexicon entries and report parameters are untrusted: an
article may contain ``<script>…</script>`` or ``<img src=x onerror=…>``. Every report
puts such values into HTML through these helpers (or through pandas' own escaping,
``Styler.format(escape="html")``, in :func:`govstats.plotting.show_table`), never by
pasting them into markup or Markdown (Markdown passes raw HTML through, and its code
spans escape a second time).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["escape", "visible", "element", "bullet_list", "table"]

# control characters (newline, tab, …) and the Unicode line/paragraph separators
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def visible(text: str) -> str:
    r"""``text`` with control characters written as escapes (a newline becomes ``\n``).

    For names and values shown on one line (file names, parameters): a newline in a
    file name must not break a table row.
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def escape(value: Any, *, one_line: bool = False, quote: bool = True) -> str:
    """``str(value)`` safe as HTML text or attribute value (``& < > " '`` escaped once).

    Parameters
    ----------
    value : anything; ``None`` gives ``""``
    one_line : also write control characters as visible escapes (see :func:`visible`)
    quote : escape ``"`` and ``'`` too (needed in attribute values, not in text)
    """
    text = "" if value is None else str(value)
    if one_line:
        text = visible(text)
    return html.escape(text, quote=quote)


def element(tag: str, content: Any = "", *, raw: bool = False, **attrs: Any) -> str:
    """``<tag attr="…">content</tag>`` with the attributes and (unless ``raw``) the content escaped.

    ``tag`` and attribute names are written by code, never taken from data; ``raw=True``
    is for content that is itself built by these helpers.
    """
    if not re.fullmatch(r"[a-z][a-z0-9]*", tag):
        raise ValueError(f"tag={tag!r}: expected a lower-case HTML tag name")
    parts = []
    for name, val in attrs.items():
        name = name.rstrip("_").replace("_", "-")  # class_ → class, data_x → data-x
        parts.append(f' {name}="{escape(val, one_line=True)}"')
    body = content if raw else escape(content, quote=False)
    return f"<{tag}{''.join(parts)}>{body}</{tag}>"


def bullet_list(items: Iterable[Any]) -> str:
    """An ``<ul>`` of escaped items."""
    return element("ul", "".join(element("li", i) for i in items), raw=True)


def table(header: Iterable[Any], rows: Iterable[Iterable[Any]], *, code: Iterable[int] = ()) -> str:
    """A small HTML table; every cell escaped and kept on one line; columns in ``code`` as ``<code>``.

    The result has no blank line, so it stays one HTML block inside a Markdown cell.
    """
    code = set(code)
    head = "".join(element("th", escape(h, one_line=True, quote=False), raw=True) for h in header)

    def cell(i: int, v: Any) -> str:
        inner = escape(v, one_line=True, quote=False)
        return element("td", element("code", inner, raw=True) if i in code else inner, raw=True)

    body = "\n".join(
        element("tr", "".join(cell(i, v) for i, v in enumerate(r)), raw=True) for r in rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
