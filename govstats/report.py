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
from .paths import NOTEBOOKS_DIR, REPORTS_DIR

logger = logging.getLogger(__name__)

__all__ = [
    "ReportResult",
    "available_notebooks",
    "resolve_notebook",
    "notebook_parameters",
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

#: Parameters whose value names a folder or file that must exist.
_PATH_PARAMETERS = ("seeds_dir", "store")


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


def notebook_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """Parameters declared in the notebook's ``parameters`` cell (papermill's inspection)."""
    import papermill as pm

    return pm.inspect_notebook(str(notebook))


def report_stem(
    notebook: Path, parameters: Mapping[str, Any], defaults: Mapping[str, Any] | None = None
) -> str:
    """File stem for a report: the notebook's stem, plus a slug of non-default parameters.

    Input paths (``seeds_dir``, ``store``) and values equal to the notebook's
    ``defaults`` are left out of the name (the manifest records them). The slug keeps
    Chinese characters and turns anything unsafe in a file name or URL into ``_``
    (``+`` becomes ``plus``), so ``楼长+`` is safe.
    """
    defaults = defaults or {}
    keys = [
        k
        for k in sorted(parameters)
        if k not in _PATH_PARAMETERS and (k not in defaults or defaults[k] != parameters[k])
    ]
    if not keys:
        return notebook.stem
    parts = []
    for key in keys:
        value = parameters[key]
        if isinstance(value, (list, tuple)):
            value = "_".join(str(v) for v in value)
        parts.append(f"{key}-{value}")
    slug = "-".join(parts).replace("+", "plus")
    slug = re.sub(r"[^\w\-]+", "_", slug, flags=re.UNICODE).strip("_")
    if len(slug) > 80:
        digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug[:70]}-{digest}"
    return f"{notebook.stem}-{slug}"


_NO_DEFAULT = object()


def _coerce(value: Any, default: Any) -> Any:
    """Turn a CLI string into the type of the notebook's default (``_NO_DEFAULT``: as is)."""
    if not isinstance(value, str) or default is _NO_DEFAULT or isinstance(default, str):
        return value
    import ast

    if isinstance(default, (list, tuple)):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            parsed = None
        if isinstance(parsed, (list, tuple)):
            return list(parsed)
        return [v.strip() for v in re.split(r"[,，、]", value) if v.strip()]
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def _defaults(declared: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Default values of declared parameters (those that are Python literals)."""
    import ast

    out = {}
    for key, spec in declared.items():
        try:
            out[key] = ast.literal_eval(spec.get("default") or "")
        except (ValueError, SyntaxError):
            continue
    return out


def validate_parameters(notebook: Path, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Check parameters against the notebook before a kernel starts.

    Unknown names, missing paths and unknown governance models raise one clear error.

    Returns
    -------
    dict
        The parameters, with CLI strings coerced to the types of the notebook's defaults.
    """
    return _validate(notebook, parameters, notebook_parameters(notebook))


def _validate(
    notebook: Path, parameters: Mapping[str, Any], declared: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    defaults = _defaults(declared)
    out: dict[str, Any] = {}
    for key, value in parameters.items():
        if key not in declared:
            known = ", ".join(declared) or "(none)"
            raise ParameterError(
                f"{notebook.name}: unknown parameter {key!r}; this notebook takes: {known}"
            )
        out[key] = _coerce(value, defaults.get(key, _NO_DEFAULT))
    for key in _PATH_PARAMETERS:
        if key in out and out[key] not in (None, ""):
            if not Path(out[key]).exists():
                raise ParameterError(
                    f"{key}={out[key]!r}: no such file or folder (expected a folder of .txt articles"
                    + (" or a .duckdb store)" if key == "store" else ")")
                )
            out[key] = str(Path(out[key]).resolve())
    if "models" in out:
        from .lexicon import get_model

        models = out["models"]
        if isinstance(models, str):
            models = [models]
        if not isinstance(models, (list, tuple)) or len(models) < 2:
            raise ParameterError(f"models={out['models']!r}: expected a list of two or more model ids")
        out["models"] = [get_model(m).id for m in models]
    if "k" in out:
        k = out["k"]
        if isinstance(k, str) and k.strip().isdigit():  # `-p k 4` (the default "auto" is a str)
            k = out["k"] = int(k)
        if k != "auto" and not (isinstance(k, int) and k >= 2):
            raise ParameterError(f"k={k!r}: expected 'auto' or an integer ≥ 2")
    return out


# ----------------------------------------------------------------------------- manifest


def _versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for pkg in MANIFEST_PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _input_hashes(parameters: Mapping[str, Any]) -> dict[str, str]:
    from .corpus import list_files
    from .paths import SEEDS_DIR

    src = parameters.get("store") or parameters.get("seeds_dir") or SEEDS_DIR
    src = Path(src)
    if not src.exists():
        return {}
    files = [src] if src.is_file() else list_files(src)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _manifest_cell(manifest: Mapping[str, Any]):
    import nbformat

    rows = "\n".join(
        f"| {html.escape(str(k))} | `{html.escape(json.dumps(v, ensure_ascii=False))}` |"
        for k, v in manifest["parameters"].items()
    )
    vers = ", ".join(f"{k} {v}" for k, v in manifest["versions"].items())
    files = "\n".join(f"| {k} | `{v[:16]}…` |" for k, v in manifest["inputs"].items())
    text = (
        "---\n### Run manifest\n\n"
        f"Report `{manifest['name']}` from `{manifest['notebook']}`, generated "
        f"{manifest['generated']}.\n\n"
        "| parameter | value |\n|---|---|\n" + (rows or "| (defaults) | |") + "\n\n"
        f"**Versions:** {vers}\n\n"
        "| input file | sha256 |\n|---|---|\n" + (files or "| (none) | |") + "\n"
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
    tmp = path.with_name(f".{path.name}.tmp")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)


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
    import papermill as pm
    from nbconvert import HTMLExporter

    from .webfont import font_face_css

    notebook = resolve_notebook(name, Path(notebooks_dir))
    declared = notebook_parameters(notebook)  # inspected once: validation and file name
    params = _validate(notebook, dict(parameters or {}), declared)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(notebook, params, _defaults(declared))
    html_path = out_dir / f"{stem}.html"
    nb_path = out_dir / f"{stem}.ipynb"
    failed_path = out_dir / f"{stem}.failed.ipynb"
    tmp_nb = out_dir / f".{stem}.running.ipynb"
    manifest: dict[str, Any] = {
        "name": stem,
        "report": notebook.stem,
        "notebook": f"notebooks/{notebook.name}",
        "parameters": params,
        "generated": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "versions": _versions(),
        "inputs": _input_hashes(params),
        "status": "ok",
        "html": html_path.name,
    }
    env_before = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    # hook for tables written by the notebook (govstats.downloads.write_tables): where and
    # under which stem the report goes
    os.environ["GOVSTATS_REPORT_DIR"], os.environ["GOVSTATS_REPORT_STEM"] = str(out_dir.resolve()), stem
    try:
        pm.execute_notebook(
            str(notebook),
            str(tmp_nb),
            parameters=params,
            progress_bar=progress,
            cwd=str(notebook.parent),
            kernel_name="python3",
            request_save_on_cell_execute=False,
        )
    except Exception as exc:  # papermill wraps kernel errors; keep the last good HTML
        if tmp_nb.exists():
            os.replace(tmp_nb, failed_path)
        manifest["status"] = "failed"
        manifest["error"] = _failure_summary(exc)
        _atomic_write(out_dir / f"{stem}.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        if update_index:
            write_index(out_dir)
        raise ReportError(
            f"report {stem} failed ({notebook.name}): {manifest['error']}\n"
            f"executed notebook saved as {failed_path}"
        ) from None
    finally:
        if env_before is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_before

    nb = nbformat.read(tmp_nb, as_version=4)
    nb.cells.append(_manifest_cell(manifest))
    _add_alt_text(nb)
    nb.metadata["govstats"] = {k: v for k, v in manifest.items() if k != "generated"}
    # lab's look without its CDN scripts (require.js, MathJax): reports open offline
    exporter = HTMLExporter(
        template_name="govstats", extra_template_basedirs=[str(Path(__file__).with_name("templates"))]
    )
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    body = body.replace("<title>Notebook</title>", f"<title>{html.escape(stem)}</title>", 1)
    body = body.replace("</head>", f"<style>{font_face_css(body)}</style>\n</head>", 1)  # CJK subset
    _atomic_write(nb_path, nbformat.writes(nb))
    tmp_nb.unlink(missing_ok=True)
    _atomic_write(html_path, body)
    _atomic_write(out_dir / f"{stem}.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    failed_path.unlink(missing_ok=True)
    if update_index:
        write_index(out_dir)
    logger.info("wrote %s", html_path)
    return ReportResult(stem, html_path, nb_path, manifest)


def run_all(
    parameters: Mapping[str, Any] | None = None,
    *,
    out_dir: str | Path = REPORTS_DIR,
    with_code: bool = False,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
) -> dict[str, str | None]:
    """Run every notebook, each in its own process, so one failure does not stop the others.

    ``parameters`` go to every notebook that declares them (e.g. ``seeds_dir``).

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


def write_index(out_dir: str | Path = REPORTS_DIR) -> Path:
    """Write ``out_dir/index.html`` listing every report (from the ``*.json`` manifests)."""
    out_dir = Path(out_dir)
    entries = []
    for mf in sorted(out_dir.glob("*.json")):
        try:
            m = json.loads(mf.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if not isinstance(m, dict) or "html" not in m:
            continue
        entries.append(m)
    rows = []
    for m in entries:
        params = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in m["parameters"].items())
        ok = m.get("status") == "ok"
        has_html = (out_dir / m["html"]).exists()
        link = (
            f'<a href="{html.escape(m["html"])}">{html.escape(m["name"])}</a>'
            if has_html
            else html.escape(m["name"])
        )
        status = "ok" if ok else f"FAILED: {html.escape(m.get('error', ''))}"
        if not ok and has_html:
            status += " (showing the last good report)"
        rows.append(
            f"<tr class=\"{'ok' if ok else 'failed'}\"><td>{link}</td>"
            f"<td>{html.escape(params or '(defaults)')}</td>"
            f"<td>{html.escape(m.get('generated', ''))}</td><td>{status}</td></tr>"
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
