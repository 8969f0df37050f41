"""The report runner: papermill executes a notebook, nbconvert turns it into HTML.

Writes are atomic (temporary name, then ``os.replace``), so a failing notebook
never destroys the last good report. Each report gets a run manifest (parameters,
package versions, input-file hashes) appended at its end and a JSON sidecar that
``write_index`` turns into ``reports/index.html``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .errors import ParameterError, ReportError
from .parameters import (
    _PATH_PARAMETERS,
    _default_input,
    _defaults,
    _input_of,
    _validate,
    notebook_parameters,
    validate_parameters,
)
from .paths import NOTEBOOKS_DIR, REPORTS_DIR

logger = logging.getLogger(__name__)

__all__ = [
    "ReportResult",
    "available_notebooks",
    "resolve_notebook",
    "notebook_parameters",
    "parameters_help",
    "validate_parameters",
    "report_stem",
    "run_report",
    "run_all",
    "write_index",
]

#: Packages whose versions go into every manifest.
MANIFEST_PACKAGES = (
    "govstats",
    "pandas",
    "numpy",
    "scikit-learn",
    "jieba",
    "rjieba",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "cn2an",
)


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What one report run produced."""

    name: str
    html: Path
    notebook: Path
    manifest: dict[str, Any]


# ----------------------------------------------------------------------------- names


def available_notebooks(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks a report can be made from (``NN_name.ipynb``), sorted."""
    return sorted(p for p in Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))


def _aliases(path: Path) -> set[str]:
    stem = path.stem  # 04_model_comparison
    bare = stem.split("_", 1)[1]  # model_comparison
    return {stem, bare, stem[:2], bare.split("_")[-1], bare.replace("_", "-")}


def resolve_notebook(name: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    """Find the notebook for a report name.

    ``overview``, ``corpus_overview``, ``01`` and ``01_corpus_overview`` all name
    ``notebooks/01_corpus_overview.ipynb``.

    Raises
    ------
    ParameterError
        Naming the unknown report and listing the known ones.
    """
    nbs = available_notebooks(notebooks_dir)
    for p in nbs:
        if name in _aliases(p) or name == p.name:
            return p
    known = ", ".join(sorted(p.stem.split("_", 1)[1].split("_")[-1] for p in nbs))
    raise ParameterError(f"unknown report {name!r}: expected one of {known} (or 'all')")


def parameters_help(notebooks_dir: Path = NOTEBOOKS_DIR) -> str:
    """Every notebook's parameters with their defaults, for ``govstats report --help``."""
    lines = ["notebook parameters (-p KEY VALUE; defaults in brackets):"]
    for nb in available_notebooks(notebooks_dir):
        lines.append(f"  {nb.stem.split('_', 1)[1].split('_')[-1]} ({nb.stem}):")
        for name, spec in notebook_parameters(nb).items():
            helptext = f"  {spec['help']}" if spec["help"] else ""
            lines.append(f"    {name} [{spec['default']}]{helptext}")
    return "\n".join(lines)


def _slug(text: str) -> str:
    slug = text.replace("+", "plus")
    return re.sub(r"[^\w\-]+", "_", slug, flags=re.UNICODE).strip("_")


def report_stem(
    notebook: Path,
    parameters: Mapping[str, Any],
    defaults: Mapping[str, Any] | None = None,
    *,
    default_input: str | Path | None = None,
) -> str:
    """File stem for a report: the notebook's stem, a slug of non-default parameters, its input.

    Values equal to the notebook's ``defaults`` are left out of the name. The input
    (``store``, else ``seeds_dir``) is named at the end, as ``in-<folder>-<hash>`` or
    ``store-<name>-<hash>`` (hash of the resolved path), unless it is ``default_input``
    (the notebook's own default): a report of another corpus never overwrites the
    report of the default one. The slug keeps Chinese characters and turns anything
    unsafe in a file name or URL into ``_`` (``+`` becomes ``plus``), so ``楼长+`` is safe.
    """
    defaults = defaults or {}
    keys = [
        k
        for k in sorted(parameters)
        if k not in _PATH_PARAMETERS and (k not in defaults or defaults[k] != parameters[k])
    ]
    parts = []
    for key in keys:
        value = parameters[key]
        if isinstance(value, (list, tuple)):
            value = "_".join(str(v) for v in value)
        parts.append(f"{key}-{value}")
    slug = _slug("-".join(parts))
    if len(slug) > 80:
        digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug[:70]}-{digest}"
    kind, src = _input_of(parameters)
    if src is not None:
        resolved = Path(src).resolve()
        if default_input is None or resolved != Path(default_input).resolve():
            digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:6]
            tag = f"{'store' if kind == 'store' else 'in'}-{_slug(resolved.name)[:30]}-{digest}"
            slug = f"{slug}-{tag}" if slug else tag
    return f"{notebook.stem}-{slug}" if slug else notebook.stem


# ----------------------------------------------------------------------------- manifest


def _versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for pkg in MANIFEST_PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _input_hashes(
    parameters: Mapping[str, Any], default_input: Path | None = None
) -> dict[str, str]:
    """sha256 of every input file, keyed by its path relative to the input folder."""
    from .corpus import list_files

    _, src = _input_of(parameters)
    src = Path(src) if src is not None else default_input
    if src is None or not src.exists():
        return {}
    files = [src] if src.is_file() else list_files(src)
    out = {}
    for p in files:
        key = p.name if src.is_file() else p.relative_to(src).as_posix()
        out[key] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _manifest_cell(manifest: Mapping[str, Any]):
    """The run manifest as a Markdown cell holding one HTML block (every value escaped once).

    Markdown tables and code spans cannot hold every value (a ``|`` or a newline in a
    file name breaks the row; code spans escape a second time), so the cell is HTML built
    by :mod:`govstats.htmlsafe`.
    """
    import nbformat

    from .htmlsafe import element, escape, table

    params = [(k, json.dumps(v, ensure_ascii=False)) for k, v in manifest["parameters"].items()]
    vers = ", ".join(f"{k} {v}" for k, v in manifest["versions"].items())
    files = [(k, f"{v[:16]}…") for k, v in manifest["inputs"].items()]
    head = element(
        "p",
        f"Report {element('code', manifest['name'])} from {element('code', manifest['notebook'])}, "
        f"generated {escape(manifest['generated'])} (run {escape(manifest.get('run', ''))}).",
        raw=True,
    )
    text = "\n".join(
        [
            "---",
            "### Run manifest",
            "",
            head,
            table(["parameter", "value"], params or [("(defaults)", "")], code=[1]),
            element("p", f"{element('strong', 'Versions:')} {escape(vers)}", raw=True),
            table(["input file", "sha256"], files or [("(none)", "")], code=[1]),
        ]
    )
    return nbformat.v4.new_markdown_cell(text, metadata={"tags": ["manifest"]})


# ----------------------------------------------------------------------------- running


def _add_alt_text(nb) -> None:
    """Give every PNG output an ``alt`` text: the nearest heading above it."""
    heading = "figure"
    n = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    heading = line.lstrip("#").strip()
            continue
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                n += 1
                meta = output.setdefault("metadata", {}).setdefault("image/png", {})
                meta.setdefault("alt", f"Figure {n}: {heading}")


def _atomic_write(path: Path, data: str | bytes) -> None:
    from .runs import tmp_path

    tmp = tmp_path(path)
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _manifest_json(manifest: Mapping[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, allow_nan=False)


def _failure_summary(exc: Exception) -> str:
    """A few lines: which cell failed and why."""
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    cell = getattr(exc, "exec_count", None)
    source = ""
    tb = getattr(exc, "traceback", None) or []
    if tb:  # papermill keeps the kernel's traceback; the last lines name the failing call
        clean = [re.sub(r"\x1b\[[0-9;]*m", "", t) for t in tb]
        source = clean[-1].strip().splitlines()[-1] if clean else ""
    where = f"cell [{cell}]" if cell is not None else "a cell"
    lines = [f"{where} raised {ename}: {evalue}".strip()]
    if source and evalue not in source:
        lines.append(source)
    return "\n".join(lines)


def run_report(
    name: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    out_dir: str | Path = REPORTS_DIR,
    with_code: bool = False,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    progress: bool = True,
    update_index: bool = True,
) -> ReportResult:
    """Execute one notebook with papermill and convert it to HTML with nbconvert.

    Parameters
    ----------
    name : report name (``overview``, ``indicators``, ``topics``, ``comparison``, or a
        notebook stem such as ``01_corpus_overview``)
    parameters : values for the notebook's ``parameters`` cell (validated first)
    out_dir : where ``<stem>.html``, the executed ``<stem>.ipynb`` and ``<stem>.json``
        (manifest) go
    with_code : keep code cells in the HTML (hidden by default)
    progress : show papermill's progress bar
    update_index : rewrite ``out_dir/index.html`` afterwards

    Returns
    -------
    ReportResult

    Raises
    ------
    ParameterError
        Bad parameter (before any kernel starts).
    ReportError
        A cell failed; the executed notebook is saved as ``<stem>.failed.ipynb``
        and the previous HTML is left untouched.
    """
    import nbformat
    from nbconvert import HTMLExporter

    from .runs import RUN_ID, remove_stale, tmp_path
    from .webfont import font_face_css

    notebook = resolve_notebook(name, Path(notebooks_dir))
    declared = notebook_parameters(notebook)  # read once: validation and file name
    params = _validate(notebook, dict(parameters or {}), declared)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir)  # temporary files of interrupted report runs
    default_input = _default_input(notebook, declared)
    stem = report_stem(notebook, params, _defaults(declared), default_input=default_input)
    html_path = out_dir / f"{stem}.html"
    nb_path = out_dir / f"{stem}.ipynb"
    failed_path = out_dir / f"{stem}.failed.ipynb"
    tmp_nb = tmp_path(nb_path, tag="running.ipynb")
    manifest: dict[str, Any] = {
        "name": stem,
        "report": notebook.stem,
        "notebook": f"notebooks/{notebook.name}",
        "parameters": params,
        "generated": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "run": RUN_ID,
        "versions": _versions(),
        "inputs": _input_hashes(params, default_input),
        "status": "ok",
        "html": html_path.name,
    }
    # hook for tables written by the notebook (govstats.downloads.write_tables): where and
    # under which stem the report goes
    os.environ["GOVSTATS_REPORT_DIR"], os.environ["GOVSTATS_REPORT_STEM"] = (
        str(out_dir.resolve()),
        stem,
    )
    try:
        _execute(notebook, tmp_nb, params, progress=progress)
    except Exception as exc:  # papermill wraps kernel errors; keep the last good HTML
        written = tmp_nb.exists()
        if written:
            os.replace(tmp_nb, failed_path)
        else:
            failed_path.unlink(missing_ok=True)  # an older run's: not this failure
        manifest["status"] = "failed"
        manifest["error"] = _failure_summary(exc)
        manifest["failed_notebook"] = failed_path.name if written else None
        _atomic_write(out_dir / f"{stem}.json", _manifest_json(manifest))
        if update_index:
            write_index(out_dir)
        saved = (
            f"executed notebook saved as {failed_path}"
            if written
            else "no executed notebook was written (the kernel stopped before the first save)"
        )
        raise ReportError(
            f"report {stem} failed ({notebook.name}): {manifest['error']}\n{saved}"
        ) from None
    except BaseException:  # interrupted: no half-written notebook stays behind
        tmp_nb.unlink(missing_ok=True)
        raise

    try:
        nb = nbformat.read(tmp_nb, as_version=4)
        nb.cells.append(_manifest_cell(manifest))
        _add_alt_text(nb)
        nb.metadata["govstats"] = {k: v for k, v in manifest.items() if k != "generated"}
        # lab's look without its CDN scripts (require.js, MathJax): reports open offline
        exporter = HTMLExporter(
            template_name="govstats",
            extra_template_basedirs=[str(Path(__file__).with_name("templates"))],
        )
        exporter.exclude_input = not with_code
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
        body, _ = exporter.from_notebook_node(nb)
        body = body.replace("<title>Notebook</title>", f"<title>{html.escape(stem)}</title>", 1)
        body = body.replace(
            "</head>", f"<style>{font_face_css(body)}</style>\n</head>", 1
        )  # CJK subset
        _atomic_write(nb_path, nbformat.writes(nb))
        _atomic_write(html_path, body)
        _atomic_write(out_dir / f"{stem}.json", _manifest_json(manifest))
    finally:
        tmp_nb.unlink(missing_ok=True)
    failed_path.unlink(missing_ok=True)
    if update_index:
        write_index(out_dir)
    logger.info("wrote %s", html_path)
    return ReportResult(stem, html_path, nb_path, manifest)


def _kernel_manager_class():
    """Jupyter's kernel manager, quieter and local: IPC sockets, no interrupt at shutdown.

    * ``transport="ipc"``: the kernel talks over Unix sockets in a private temporary
      folder (mode 0700, one per kernel, removed at shutdown) instead of TCP on 127.0.0.1,
      so ipykernel has no reason to warn "Kernel is running over TCP without encryption"
      and no other local user can connect. (Jupyter's own default would put fixed-name
      ``kernel-ipc-N`` sockets in the notebook folder, where two runs would collide.)
    * jupyter_client interrupts (SIGINT) a kernel before asking it to shut down; when a
      report has finished the kernel is idle, and the interrupt only made ipykernel log
      "KeyboardInterrupt caught in kernel". The shutdown request follows as usual, and a
      kernel that does not stop is still killed after ``shutdown_wait_time``.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum

    class ReportKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        def _ip_default(self) -> str:
            if self.transport != "ipc":
                return super()._ip_default()
            import tempfile

            # a Unix socket path holds at most 107 bytes (103 on macOS): under a long TMPDIR the
            # kernel could not connect ("File name too long"), so the folder goes where it fits
            for base in (tempfile.gettempdir(), "/tmp", "/dev/shm"):
                probe = os.path.join(base, "govstats-kernel-xxxxxxxx", "kernel-99999")
                if len(os.fsencode(probe)) <= 100 and os.access(base, os.W_OK | os.X_OK):
                    self._ipc_dir = tempfile.mkdtemp(prefix="govstats-kernel-", dir=base)
                    return os.path.join(self._ipc_dir, "kernel")
            self.transport = "tcp"  # nowhere short enough: loopback TCP, as Jupyter's default
            return super()._ip_default()

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            await super()._async_cleanup_resources(restart=restart)
            folder = getattr(self, "_ipc_dir", None)
            if folder and not restart:
                import shutil

                shutil.rmtree(folder, ignore_errors=True)

        async def _async_interrupt_kernel(self) -> None:
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return ReportKernelManager


def _execute(notebook: Path, output: Path, params: Mapping[str, Any], *, progress: bool) -> None:
    import papermill as pm

    env_before = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=dict(params),
            progress_bar=progress,
            cwd=str(notebook.parent),
            kernel_name="python3",
            request_save_on_cell_execute=False,
            kernel_manager_class=_kernel_manager_class(),
        )
    finally:
        if env_before is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_before


def run_all(
    parameters: Mapping[str, Any] | None = None,
    *,
    out_dir: str | Path = REPORTS_DIR,
    with_code: bool = False,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    progress: bool = True,
) -> dict[str, str | None]:
    """Run every notebook, each in its own process, so one failure does not stop the others.

    ``parameters`` go to every notebook that declares them (e.g. ``seeds_dir``);
    ``progress=False`` hides every notebook's progress bar.

    Returns
    -------
    dict
        Notebook stem → None when it succeeded, else the error text.
    """
    results: dict[str, str | None] = {}
    for nb in available_notebooks(Path(notebooks_dir)):
        declared = notebook_parameters(nb)
        own = {k: v for k, v in (parameters or {}).items() if k in declared}
        cmd = [sys.executable, "-m", "govstats", "report", nb.stem, "--out", str(out_dir)]
        cmd += ["--notebooks", str(notebooks_dir), "--no-index"]
        for k, v in own.items():
            cmd += ["-p", k, json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v]
        if with_code:
            cmd.append("--with-code")
        if not progress:
            cmd.append("--no-progress")
        print(f"== {nb.stem}", file=sys.stderr, flush=True)
        proc = subprocess.run(cmd, stderr=subprocess.PIPE, text=True)
        sys.stderr.write(proc.stderr)
        if proc.returncode == 0:
            results[nb.stem] = None
        else:
            lines = [ln for ln in proc.stderr.strip().splitlines() if ln.startswith("govstats:")]
            results[nb.stem] = lines[-1] if lines else f"exit code {proc.returncode}"
    write_index(out_dir)
    return results


def _index_entries(out_dir: Path) -> list[dict[str, Any]]:
    """The manifests ``index.html`` lists: stale FAILED rows left out.

    A failed run is listed until the same report (any parameters) is run successfully
    after it, or until neither its HTML nor its ``.failed.ipynb`` is there any more.
    """
    entries = []
    for mf in sorted(out_dir.glob("*.json")):
        try:
            m = json.loads(mf.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(m, dict) and "html" in m and "name" in m:
            entries.append(m)
    last_ok: dict[str, str] = {}
    for m in entries:
        if m.get("status") == "ok":
            key = m.get("report", m["name"])
            last_ok[key] = max(last_ok.get(key, ""), str(m.get("generated", "")))
    keep = []
    for m in entries:
        if m.get("status") != "ok":
            failed_nb = m.get("failed_notebook") or f"{m['name']}.failed.ipynb"
            if not (out_dir / m["html"]).exists() and not (out_dir / failed_nb).exists():
                continue
            if last_ok.get(m.get("report", m["name"]), "") > str(m.get("generated", "")):
                continue
        elif not (out_dir / m["html"]).exists():
            continue
        keep.append(m)
    return keep


def write_index(out_dir: str | Path = REPORTS_DIR) -> Path:
    """Write ``out_dir/index.html`` listing every report (from the ``*.json`` manifests).

    Failed runs link their executed ``.failed.ipynb``; stale failures are left out
    (see :func:`_index_entries`).
    """
    from .htmlsafe import element, escape

    out_dir = Path(out_dir)
    rows = []
    for m in _index_entries(out_dir):
        params = ", ".join(
            f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in m.get("parameters", {}).items()
        )
        ok = m.get("status") == "ok"
        has_html = (out_dir / m["html"]).exists()
        link = element("a", m["name"], href=m["html"]) if has_html else escape(m["name"])
        status = "ok" if ok else f"FAILED: {escape(m.get('error', ''))}"
        if not ok:
            failed_nb = m.get("failed_notebook") or f"{m['name']}.failed.ipynb"
            if (out_dir / failed_nb).exists():
                status += " — " + element("a", "executed notebook", href=failed_nb)
            if has_html:
                status += " (showing the last good report)"
        rows.append(
            element(
                "tr",
                element("td", link, raw=True)
                + element("td", params or "(defaults)")
                + element("td", m.get("generated", ""))
                + element("td", status, raw=True),
                raw=True,
                class_="ok" if ok else "failed",
            )
        )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>govstats reports</title>
<style>
body {{ font-family: "Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: .3em .6em; text-align: left; }}
tr.failed td {{ background: #fdecea; }}
</style></head><body>
<h1>govstats reports</h1>
<table><thead><tr><th>report</th><th>parameters</th><th>generated (UTC)</th><th>status</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""
    path = out_dir / "index.html"
    _atomic_write(path, page)
    return path
