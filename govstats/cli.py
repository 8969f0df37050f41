"""Command line: parse arguments, call the library, print errors in one line.

``govstats extract``, ``govstats report``, ``govstats models``. No analysis logic here.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from .errors import GovstatsError
from .paths import NOTEBOOKS_DIR

logger = logging.getLogger(__name__)

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(
        prog="govstats",
        description="Articles, indicators, governance models and topics from Chinese local news.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser(
        "extract", help="read files and write articles/indicators/mentions/hierarchies"
    )
    ex.add_argument(
        "paths",
        nargs="+",
        help="files or folders: .txt/.md/.html/.htm pages, .jsonl/.jsonl.gz/.csv/.parquet "
        "record files (one story per row; any case of extension)",
    )
    ex.add_argument("--out", required=True, help="output folder for the .jsonl tables")
    ex.add_argument("--lexicon", help="extra YAML file of governance models (adds or overrides)")
    ex.add_argument("--db", help="also write the tables to this DuckDB file")
    ex.add_argument(
        "--parquet", action="store_true", help="also write Parquet files beside the JSONL"
    )
    ex.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (0 = all cores)")
    ex.add_argument("--engine", choices=["local", "dask"], default="local")
    ex.add_argument("--scheduler", help="address of a dask scheduler (implies --engine dask)")
    ex.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    ex.add_argument("--no-cache", action="store_true", help="re-extract unchanged files too")
    ex.add_argument(
        "--tokens",
        action="store_true",
        help="also write tokens.jsonl (each article's content words)",
    )
    cols = ex.add_argument_group("columns of record files (JSONL, CSV, Parquet)")
    for name, what in (
        ("text", "the story text"),
        ("title", "the title"),
        ("date", "the publication date (2020-01-28, 2020-01 or 2020)"),
        ("id", "the record id (made unique per file)"),
        ("source", "the outlet"),
        ("place", "the place the story is about"),
        ("url", "the address"),
    ):
        cols.add_argument(
            f"--{name}-col", default=name, metavar="NAME", help=f"{what} (default: {name})"
        )

    rp = sub.add_parser(
        "report",
        help="run a notebook with papermill and convert it to HTML",
        description=textwrap.fill(
            "Run a report notebook with papermill and convert it to HTML. Parameters are "
            "checked against the notebook's declared types and choices before a kernel "
            "starts. A relative seeds_dir or store is taken from the current directory; "
            "without -p seeds_dir a report reads the project's seeds/. A report of another "
            "input is named after it (…-in-<folder>-<hash>.html), so it never overwrites "
            "the report of the default input.",
            width=88,
        ),
        epilog=_parameters_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rp.add_argument("name", help="overview | indicators | topics | comparison | all")
    rp.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="notebook parameter (repeatable), e.g. -p models 楼长+,网格化治理",
    )
    rp.add_argument(
        "--out",
        default="reports",
        help="output folder (default: reports/ in the current directory, wherever that is)",
    )
    rp.add_argument("--with-code", action="store_true", help="keep code cells in the HTML")
    rp.add_argument("--notebooks", default=str(NOTEBOOKS_DIR), help=argparse.SUPPRESS)
    rp.add_argument("--no-index", action="store_true", help=argparse.SUPPRESS)
    rp.add_argument(
        "--no-progress",
        action="store_true",
        help="hide papermill's progress bars (also with 'all')",
    )

    md = sub.add_parser("models", help="list the governance models the lexicon knows")
    md.add_argument("--lexicon", help="extra YAML file of governance models")
    return parser


def _parameters_epilog() -> str:
    """The notebooks' parameters with defaults (read from the notebooks, no kernel)."""
    from .report import parameters_help

    try:
        return parameters_help(NOTEBOOKS_DIR)
    except (OSError, ValueError, SyntaxError) as e:  # a broken notebook must not break --help
        return f"(could not read the notebooks' parameters: {e})"


def _cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract
    from .sources import Columns

    columns = Columns(
        text=args.text_col,
        title=args.title_col,
        date=args.date_col,
        id=args.id_col,
        source=args.source_col,
        place=args.place_col,
        url=args.url_col,
    )
    summary = extract(
        args.paths,
        args.out,
        lexicon=args.lexicon,
        db=args.db,
        parquet=args.parquet,
        n_jobs=args.jobs,
        engine="dask" if args.scheduler else args.engine,
        scheduler=args.scheduler,
        strict=args.strict,
        cache=not args.no_cache,
        tokens=args.tokens,
        columns=columns,
    )
    for line in summary.lines():
        print(line)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import run_all, run_report

    params = dict(args.parameter)
    if args.name == "all":
        results = run_all(
            params,
            out_dir=args.out,
            with_code=args.with_code,
            notebooks_dir=args.notebooks,
            progress=not args.no_progress,
        )
        failed = {k: v for k, v in results.items() if v}
        for k, v in results.items():
            print(f"{k}: {'FAILED ' + v if v else 'ok'}")
        print(f"index: {Path(args.out) / 'index.html'}")
        return 1 if failed else 0
    result = run_report(
        args.name,
        params,
        out_dir=args.out,
        with_code=args.with_code,
        notebooks_dir=args.notebooks,
        progress=not args.no_progress,
        update_index=not args.no_index,
    )
    print(result.html)
    return 0


def _cmd_models(args: argparse.Namespace) -> int:
    from .lexicon import load_lexicon

    lex = load_lexicon(extra=args.lexicon)
    for m in lex.models:
        print(f"{m.id}\t{m.name}\t{m.category}\t{m.description}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``govstats`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler = {"extract": _cmd_extract, "report": _cmd_report, "models": _cmd_models}[args.command]
    from . import runs

    try:
        with runs.handle_signals():
            return handler(args)
    except (GovstatsError, FileNotFoundError, ValueError) as exc:
        if runs.interrupted():  # e.g. DuckDB turns the interrupt into its own error
            return _interrupted(runs.interrupted())
        msg = str(exc).strip() or type(exc).__name__
        first, *rest = msg.splitlines()
        rest += list(getattr(exc, "__notes__", ()))
        print(f"govstats: error: {first}", file=sys.stderr)
        for line in rest[:4]:
            print(f"  {line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return _interrupted(runs.interrupted() or signal.SIGINT)
    except BrokenPipeError:  # `govstats … | head`: the reader left; not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception:
        if runs.interrupted():
            return _interrupted(runs.interrupted())
        raise


def _interrupted(signum: int) -> int:
    """One line on stderr; exit code 128 + the signal number (130 for Ctrl-C)."""
    name = signal.Signals(signum).name
    print(
        f"govstats: interrupted ({name}); outputs of earlier runs are left as they were",
        file=sys.stderr,
    )
    return 128 + int(signum)
