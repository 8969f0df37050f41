"""Tables a report offers for download, and the in-page sorting of its tables.

``write_tables`` writes the full tables behind a report (the page shows top-N cuts) as one
CSV each in ``<stem>.tables/`` beside the HTML, plus one XLSX workbook ``<stem>.xlsx`` with a
sheet per table, and returns HTML links to them for the notebook to display.

Where the report is written is known to the runner, not to the notebook: ``run_report``
sets the environment variables ``GOVSTATS_REPORT_DIR`` (the output folder) and
``GOVSTATS_REPORT_STEM`` (the report's file stem) for the kernel — the documented hook for
"tables written by the notebook". Run interactively (neither set, no ``out_dir``), nothing
is written and the returned text says so.

``sortable_tables`` returns a constant inline script (no CDN, nothing derived from the
data): clicking a column header sorts that table's rows by the cells' text, numerically
when every cell of the column reads as a number.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "REPORT_DIR_ENV",
    "REPORT_STEM_ENV",
    "table_paths",
    "write_tables",
    "sortable_tables",
    "SORT_SCRIPT",
]

REPORT_DIR_ENV = "GOVSTATS_REPORT_DIR"
REPORT_STEM_ENV = "GOVSTATS_REPORT_STEM"

_NAME = re.compile(r"^[a-z0-9_]{1,31}$")


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Tuples, lists and dicts as text; a named index becomes a column."""
    out = frame.copy()
    if out.index.name is not None or not _is_range(out.index):
        out = out.reset_index()
    out.columns = [str(c) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = out[c].map(_cell)
    return out


def _is_range(index: Any) -> bool:
    import pandas as pd

    return isinstance(index, pd.RangeIndex)


def _cell(v: Any) -> Any:
    if isinstance(v, (tuple, list)):
        return "、".join(map(str, v))
    if isinstance(v, dict):
        return "、".join(f"{k} {x}" for k, x in v.items())
    return v


def table_paths(stem: str, out_dir: str | Path) -> tuple[Path, Path]:
    """``(<out_dir>/<stem>.tables/, <out_dir>/<stem>.xlsx)``."""
    out = Path(out_dir)
    return out / f"{stem}.tables", out / f"{stem}.xlsx"


def write_tables(
    frames: Mapping[str, pd.DataFrame],
    *,
    out_dir: str | Path | None = None,
    stem: str | None = None,
):
    """Write each table as CSV (UTF-8 with BOM, so Excel reads the Chinese) and all of them
    as one XLSX workbook; return HTML linking them.

    Parameters
    ----------
    frames : table name (lowercase letters, digits, ``_``; at most 31: also the sheet
        name) → DataFrame, in the order the sheets should have
    out_dir, stem : where to write; default the runner's ``GOVSTATS_REPORT_DIR`` and
        ``GOVSTATS_REPORT_STEM``

    Returns
    -------
    IPython.display.HTML
        Links built with :mod:`govstats.htmlsafe` (the stem is escaped).

    Raises
    ------
    ValueError
        A table name that is not a plain identifier of at most 31 characters.
    """
    from IPython.display import HTML

    from .htmlsafe import element

    for name in frames:
        if not _NAME.match(name):
            raise ValueError(
                f"table name {name!r}: expected 1-31 of a-z, 0-9 and _ (it names a file and a sheet)"
            )
    out_dir = out_dir or os.environ.get(REPORT_DIR_ENV)
    stem = stem or os.environ.get(REPORT_STEM_ENV)
    if not out_dir or not stem:
        return HTML(
            element(
                "p",
                element(
                    "em",
                    "下载表格未写出 · tables not written: this run has no report folder (set by govstats "
                    f"report, or pass out_dir= and stem=). {len(frames)} table(s) available.",
                ),
                raw=True,
            )
        )
    folder, xlsx = table_paths(stem, out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    flat = {name: _flat(df) for name, df in frames.items()}
    for name, df in flat.items():
        tmp = folder / f".{name}.csv.tmp"
        df.to_csv(tmp, index=False, encoding="utf-8-sig")
        os.replace(tmp, folder / f"{name}.csv")
    _write_xlsx(flat, xlsx)
    links = ", ".join(
        element("a", f"{name}.csv", href=f"{folder.name}/{name}.csv") + f" ({len(df)} rows)"
        for name, df in flat.items()
    )
    return HTML(
        element(
            "p",
            element("strong", "完整表格下载 · full tables: ")
            + element("a", xlsx.name, href=xlsx.name)
            + " (one sheet per table); CSV: "
            + links,
            raw=True,
        )
    )


def _write_xlsx(frames: Mapping[str, pd.DataFrame], path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in frames.items():
        ws = wb.create_sheet(title=name)
        ws.append(list(df.columns))
        for row in df.itertuples(index=False):
            ws.append([_xlsx_value(v) for v in row])
    fixed = dt.datetime(2000, 1, 1)  # no run time in the workbook's properties
    wb.properties.created = fixed
    wb.properties.modified = fixed
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, path)


def _xlsx_value(v: Any) -> Any:
    import math

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, (int, float, str, bool)):
        if isinstance(v, str) and v[:1] in "=+-@":  # never a formula
            return "'" + v
        return v
    return str(v)


#: The sorting script (constant: the page's markup stays free of data-derived code).
SORT_SCRIPT = """<script>
(function () {
  function key(t) { var s = t.replace(/[,%\\s]/g, ""); return s !== "" && !isNaN(s) ? parseFloat(s) : null; }
  function sortBy(table, col, th) {
    var body = table.tBodies[0]; if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var nums = rows.every(function (r) { var c = r.cells[col]; return !c || c.textContent.trim() === "" || key(c.textContent) !== null; });
    rows.sort(function (a, b) {
      var x = a.cells[col] ? a.cells[col].textContent.trim() : "", y = b.cells[col] ? b.cells[col].textContent.trim() : "";
      var d = nums ? (key(x) === null ? -Infinity : key(x)) - (key(y) === null ? -Infinity : key(y)) : x.localeCompare(y, "zh");
      return asc ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table"), function (table) {
      if (table.dataset.sortable === "1" || !table.tHead || !table.tBodies[0]) return;
      table.dataset.sortable = "1";
      var head = table.tHead.rows[table.tHead.rows.length - 1];
      var offset = table.tBodies[0].rows[0] ? table.tBodies[0].rows[0].cells.length - head.cells.length : 0;
      Array.prototype.forEach.call(head.cells, function (th, i) {
        th.style.cursor = "pointer"; th.title = "点击排序 · click to sort";
        th.addEventListener("click", function () { sortBy(table, i + offset, th); });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
</script>"""


def sortable_tables():
    """Display once (anywhere) in a report: every table of the page becomes sortable by
    clicking a column header. Returns an ``IPython.display.HTML`` of ``SORT_SCRIPT``."""
    from IPython.display import HTML

    return HTML(SORT_SCRIPT)
