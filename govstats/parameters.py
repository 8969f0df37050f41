"""Report parameters: read from a notebook's ``parameters`` cell, checked before a kernel starts.

A notebook declares its parameters as annotated assignments with a comment
(``top: int = 40  # rows shown``); :func:`validate_parameters` checks every value
against the declared type, against choices stated as ``one of: "a", "b"`` in the
comment, and against the data where that is cheap (model ids known to the lexicon and
not repeated, ``k`` below the number of units to cluster), so a bad value is one clear
line before papermill starts a kernel.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ParameterError

__all__ = ["notebook_parameters", "validate_parameters", "PATH_PARAMETERS"]

#: Parameters whose value names a folder or file that must exist.
PATH_PARAMETERS = ("seeds_dir", "store")
_PATH_PARAMETERS = PATH_PARAMETERS


def notebook_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """Parameters declared in the notebook's ``parameters`` cell.

    Same shape as ``papermill.inspect_notebook`` (``name``, ``inferred_type_name`` = the
    annotation or ``"None"``, ``default`` = the source text, ``help`` = the comment on
    the line), read without starting papermill, so ``govstats report --help`` is fast.
    """
    import ast
    import io
    import tokenize

    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cell = next(
        (
            c
            for c in nb.get("cells", [])
            if c.get("cell_type") == "code"
            and "parameters" in c.get("metadata", {}).get("tags", [])
        ),
        None,
    )
    if cell is None:
        return {}
    src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    comments = {
        tok.start[0]: tok.string.lstrip("#").strip()
        for tok in tokenize.generate_tokens(io.StringIO(src).readline)
        if tok.type == tokenize.COMMENT
    }
    out: dict[str, dict[str, Any]] = {}
    for node in ast.parse(src).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            name, ann = node.target.id, ast.unparse(node.annotation)
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            name, ann = node.targets[0].id, "None"
        else:
            continue
        out[name] = {
            "name": name,
            "inferred_type_name": ann,
            "default": ast.get_source_segment(src, node.value),
            "help": comments.get(node.end_lineno, ""),
        }
    return out


def _input_of(parameters: Mapping[str, Any]) -> tuple[str, Any]:
    """``("store", path)``, ``("seeds_dir", path)`` or ``("", None)``: what the report reads."""
    for key in ("store", "seeds_dir"):
        if parameters.get(key) not in (None, ""):
            return key, parameters[key]
    return "", None


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


def _default_input(notebook: Path, declared: Mapping[str, Mapping[str, Any]]) -> Path | None:
    """The notebook's own ``seeds_dir`` default, resolved as the kernel sees it (beside the notebook)."""
    value = _defaults(declared).get("seeds_dir")
    if not isinstance(value, str) or not value:
        return None
    return (Path(notebook).parent / value).resolve()


def _choices(helptext: str) -> list[str] | None:
    """Allowed values stated in a parameter's comment as ``one of: "a", "b"``."""
    m = re.search(r'one of:?\s*((?:"[^"]*"\s*(?:,|or|\|)?\s*)+)', helptext or "")
    return re.findall(r'"([^"]*)"', m.group(1)) if m else None


_INT_RE = re.compile(r"[+-]?\d+")


def _coerce(key: str, value: Any, spec: Mapping[str, Any], default: Any, where: str) -> Any:
    """``value`` (a CLI string or a Python value) as the parameter's declared type.

    Raises ``ParameterError`` naming the parameter, the value and what is expected.
    """
    import ast
    import math

    tname = (spec.get("inferred_type_name") or "None").replace(" ", "")
    if tname == "None" and default is not None and key != "k":
        tname = type(default).__name__
    optional = default is None
    shown = f" (default {spec.get('default')})"

    def bad(expected: str) -> ParameterError:
        return ParameterError(f"{where}{key}={value!r}: expected {expected}{shown}")

    if optional and (
        value is None or (isinstance(value, str) and value.strip() in ("None", "null"))
    ):
        return None
    if tname == "int":
        if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise bad("an integer")
    if tname == "float":
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or not math.isfinite(number):
            raise bad("a finite number")
        return number
    if tname == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in (
            "true",
            "false",
            "1",
            "0",
            "yes",
            "no",
        ):
            return value.strip().lower() in ("true", "1", "yes")
        raise bad("true or false")
    if tname == "str":
        if not isinstance(value, str):
            raise bad("a string")
        return value
    if tname.startswith(("list", "tuple")):
        if isinstance(value, str):
            try:
                parsed = ast.literal_eval(value)
            except (ValueError, SyntaxError):
                parsed = None
            if isinstance(parsed, (list, tuple)):
                value = list(parsed)
            else:
                value = [v.strip() for v in re.split(r"[,，、]", value) if v.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise bad('a list of names (a,b or ["a", "b"])')
        return list(value)
    if isinstance(value, str) and key != "k":  # undeclared type: as papermill would
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def validate_parameters(notebook: Path, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Check parameters against the notebook before a kernel starts.

    Every value is checked against the declared type of its parameter (``top: int``,
    ``unit: str``, ``models: list``) and its stated choices (a comment saying
    ``one of: "paragraph", "article"``); paths must exist (a relative path is taken
    from the current directory); model ids must be known to the lexicon and not
    repeated; an integer ``k`` must be below the number of units to cluster.

    Returns
    -------
    dict
        The parameters, with CLI strings coerced to the declared types and paths
        resolved.

    Raises
    ------
    ParameterError
        One line naming the parameter, the value and what is expected.
    """
    return _validate(notebook, parameters, notebook_parameters(notebook))


def _validate(
    notebook: Path, parameters: Mapping[str, Any], declared: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    defaults = _defaults(declared)
    where = f"{notebook.name}: "
    out: dict[str, Any] = {}
    for key, value in parameters.items():
        if key not in declared:
            known = ", ".join(declared) or "(none)"
            raise ParameterError(f"{where}unknown parameter {key!r}; this notebook takes: {known}")
        spec = declared[key]
        value = _coerce(key, value, spec, defaults.get(key), where)
        choices = _choices(spec.get("help", ""))
        if choices and value is not None and value not in choices:
            raise ParameterError(
                f"{where}{key}={value!r}: expected one of {', '.join(map(repr, choices))}"
            )
        out[key] = value
    for key in _PATH_PARAMETERS:
        if key in out and out[key] not in (None, ""):
            if not Path(out[key]).exists():
                raise ParameterError(
                    f"{key}={out[key]!r}: no such file or folder (expected a folder of .txt articles"
                    + (" or a .duckdb store)" if key == "store" else ")")
                    + f"; a relative path is taken from the current directory {os.getcwd()}"
                )
            out[key] = str(Path(out[key]).resolve())
    if "models" in out:
        out["models"] = _check_models(out["models"], where)
    if out.get("model") not in (None, ""):
        from .lexicon import get_model

        out["model"] = get_model(out["model"]).id
    if "k" in out:
        k = out["k"]
        if isinstance(k, str) and _INT_RE.fullmatch(k.strip()):  # `-p k 4`
            k = out["k"] = int(k)
        if k != "auto" and not (isinstance(k, int) and not isinstance(k, bool) and k >= 2):
            raise ParameterError(f"{where}k={k!r}: expected 'auto' or an integer ≥ 2")
        if isinstance(k, int):
            _check_k(notebook, k, {**defaults, **out}, where)
    return out


def _check_models(models: Any, where: str) -> list[str]:
    from .lexicon import get_model

    if isinstance(models, str):
        models = [models]
    if not isinstance(models, (list, tuple)) or len(models) < 2:
        raise ParameterError(f"{where}models={models!r}: expected a list of two or more model ids")
    ids = [get_model(m).id for m in models]
    seen: dict[str, str] = {}
    for given, mid in zip(models, ids):
        if mid in seen:
            same = (
                f" ({seen[mid]!r} and {given!r} name the same model)" if seen[mid] != given else ""
            )
            raise ParameterError(
                f"{where}models={list(models)!r}: {mid} is listed twice{same}; "
                "expected two or more different model ids"
            )
        seen[mid] = given
    return ids


def _check_k(notebook: Path, k: int, params: Mapping[str, Any], where: str) -> None:
    """``k`` must be below the number of units the notebook will cluster."""
    from . import compare

    unit = (
        params.get("unit")
        if params.get("unit") in ("paragraph", "article", "auto")
        else "paragraph"
    )
    kind, src = _input_of(params)
    if src is not None and not Path(src).is_absolute():  # a notebook default: beside it
        src = str((Path(notebook).parent / src).resolve())
    tables = compare.load_tables(
        src if kind == "seeds_dir" else None, store=src if kind == "store" else None
    )
    if unit == "auto":  # as the notebook resolves it
        from .topic_tables import resolve_unit

        unit = resolve_unit(tables, unit)
    from .tokens import tokenize_many
    from .topics import TopicModel

    # the units TopicModel.fit keeps: those with at least min_tokens content words
    tm = TopicModel(unit=unit)
    texts = compare._units(tables, unit)["text"]
    joined = tokenize_many(texts, tokenizer=tm._tokenizer())
    n = sum(1 for t in joined if t and t.count(" ") + 1 >= tm.min_tokens)
    if k >= n:
        raise ParameterError(
            f"{where}k={k}: only {n} {unit}(s) to cluster in {src}; "
            f"expected 'auto' or an integer from 2 to {n - 1}"
            if n > 2
            else f"{where}k={k}: only {n} {unit}(s) to cluster in {src}; too few for topics"
        )
