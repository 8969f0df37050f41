"""Tables on disk: JSONL, Parquet and DuckDB stores, written atomically, read back alike.

``govstats extract`` writes its tables (``articles``, ``paragraphs``, ``indicators``,
``mentions``, ``hierarchies``) as JSON lines, and optionally as Parquet files or one
DuckDB database, so a notebook can query a million indicators with SQL or pandas
without re-extracting. Every writer goes to a temporary name in the target folder and
``os.replace``-s it at the end: an interrupted write leaves the previous store whole.
Temporary names carry the run's id (:mod:`govstats.runs`); a later write into the same
folder removes those of dead runs. Rows are standard JSON (:func:`dumps_row`: no
``NaN``/``Infinity``).

Nested values (dicts, and lists that are not lists of strings) are stored as JSON
text, so every source gives the same DataFrame from :func:`read_table`.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

logger = logging.getLogger(__name__)

__all__ = [
    "TABLE_TYPES",
    "write_store",
    "write_parquet",
    "read_table",
    "query",
    "list_tables",
    "table_schema",
    "JsonlWriter",
    "dumps_row",
    "dumps_value",
    "NonFiniteError",
]

#: Declared column types of the tables ``extract`` writes. ``str``/``int``/``float``/
#: ``bool`` map to Arrow scalars, ``list[str]`` to a list of strings, ``json`` to JSON
#: text. Columns not named here get a type inferred from their first non-null value.
TABLE_TYPES: dict[str, dict[str, str]] = {
    "articles": {
        "file": "str",
        "article_index": "int",
        "id": "str",
        "title": "str",
        "place": "str",
        "date": "str",
        "source": "str",
        "byline": "str",
        "n_paragraphs": "int",
        "n_chars": "int",
        "start": "int",
        "end": "int",
        "duplicate_of": "str",
        "doc_id": "str",
        "city": "str",
        "province": "str",
        "date_precision": "str",
        "url": "str",
    },
    "paragraphs": {
        "file": "str",
        "article_id": "str",
        "paragraph_index": "int",
        "id": "str",
        "kind": "str",
        "duplicate_of": "str",
        "start": "int",
        "end": "int",
        "text": "str",
    },
    "indicators": {
        "file": "str",
        "article_index": "int",
        "article_id": "str",
        "paragraph_index": "int",
        "start": "int",
        "end": "int",
        "surface": "str",
        "context": "str",
        "value": "float",
        "value_max": "float",
        "unit": "str",
        "qualifier": "str",
        "subject": "str",
        "time_scope": "str",
        "place": "str",
        "duplicate": "bool",
        "city": "str",
        "province": "str",
    },
    "mentions": {
        "model_id": "str",
        "alias": "str",
        "file": "str",
        "article_id": "str",
        "article_index": "int",
        "paragraph_index": "int",
        "start": "int",
        "end": "int",
        "surface": "str",
        "duplicate": "bool",
        "kind": "str",
    },
    "hierarchies": {
        "file": "str",
        "article_id": "str",
        "article_index": "int",
        "start": "int",
        "end": "int",
        "surface": "str",
        "levels": "list[str]",
        "n_levels_claimed": "int",
        "model_id": "str",
        "counts": "json",
        "ratios": "json",
    },
    "tokens": {"file": "str", "article_id": "str", "article_index": "int", "tokens": "str"},
    # every path or record skipped (or read only in part) and why: govstats.sources
    "problems": {"file": "str", "kind": "str", "message": "str"},
}

_BATCH = 4096


# ------------------------------------------------------------------------------- schemas


def _infer(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "list[str]"
    return "json"


def table_schema(name: str, sample: Iterable[Mapping[str, Any]] = ()) -> dict[str, str]:
    """Column name → type for table ``name``: the declared types, then what ``sample`` shows.

    Column order is the key order of the first sample row (what the ``*_to_json``
    helper wrote), then declared columns the sample lacks are left out; with no
    sample, the declared columns in declared order.

    Parameters
    ----------
    name : table name (``indicators``, …; unknown names are inferred entirely)
    sample : a few rows of the table

    Returns
    -------
    dict of column name → one of ``str, int, float, bool, list[str], json``
    """
    declared = TABLE_TYPES.get(name, {})
    sample = list(sample)
    if not sample:
        return dict(declared)
    cols: dict[str, str | None] = {}
    for row in sample:
        for k in row:
            cols.setdefault(k, declared.get(k))
    for k, t in cols.items():
        if t is None:
            seen = [row[k] for row in sample if row.get(k) is not None]
            kinds = {_infer(v) for v in seen}
            if kinds <= {"int", "float"} and "float" in kinds:
                cols[k] = "float"
            elif len(kinds) == 1:
                cols[k] = kinds.pop()
            else:
                cols[k] = "json" if kinds else "str"
    return {k: t or "str" for k, t in cols.items()}


def _arrow_schema(types: Mapping[str, str]) -> pa.Schema:
    import pyarrow as pa

    amap = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list[str]": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.schema([(k, amap[t]) for k, t in types.items()])


def _prepare(rows: list[Mapping[str, Any]], types: Mapping[str, str]) -> dict[str, list]:
    cols: dict[str, list] = {}
    for k, t in types.items():
        vals = [row.get(k) for row in rows]
        if t == "json":
            # a str is JSON text already (a frame from read_table): keep it as is
            vals = [v if v is None or isinstance(v, str) else dumps_value(v, where=k) for v in vals]
        elif t == "float":
            vals = [None if v is None else float(v) for v in vals]
        elif t == "list[str]":
            vals = [None if v is None else list(v) for v in vals]
        cols[k] = vals
    return cols


def _batches(
    name: str, rows: Iterable[Mapping[str, Any]]
) -> tuple[pa.Schema, dict[str, str], Iterator[pa.RecordBatch]]:
    """Arrow schema and a lazy stream of record batches for a stream of row dicts."""
    import pyarrow as pa

    it = iter(rows)
    first = list(islice(it, _BATCH))
    types = table_schema(name, first)
    schema = _arrow_schema(types)

    def gen() -> Iterator[pa.RecordBatch]:
        chunk = first
        while chunk:
            yield pa.RecordBatch.from_pydict(_prepare(chunk, types), schema=schema)
            chunk = list(islice(it, _BATCH))

    return schema, types, gen()


def _frame_rows(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    import numpy as np

    cols = list(df.columns)
    for tup in df.itertuples(index=False, name=None):
        row = {}
        for c, v in zip(cols, tup):
            if isinstance(v, np.ndarray):
                v = v.tolist()
            elif isinstance(v, np.generic):
                v = v.item()
            if isinstance(v, float) and v != v:  # NaN → null
                v = None
            row[c] = v
        yield row


def _rows_of(value: Any) -> Iterable[Mapping[str, Any]]:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(value, pd.DataFrame):
        return _frame_rows(value)
    if isinstance(value, (str, Path)):
        return _read_jsonl_rows(Path(value))
    return value


def _to_pandas(table: pa.Table, types: Mapping[str, str] | None = None) -> pd.DataFrame:
    df = table.to_pandas()
    for f in table.schema:
        if str(f.type).startswith("list"):
            df[f.name] = [None if v is None else [str(x) for x in v] for v in df[f.name]]
    return df


# ------------------------------------------------------------------------------- writing


class NonFiniteError(ValueError):
    """A row holds ``inf`` or ``-inf``, which standard JSON cannot represent."""


_STRICT = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
#: ``_STRICT``'s C encoder, built once: ``JSONEncoder.encode`` builds one (and a closure and
#: a dict for the circular-reference check) on every call, a third of the cost of a row.
#: Rows are plain dicts, never circular, so the check is left out; same bytes.
_STRICT_C = (
    json.encoder.c_make_encoder(
        None,  # no circular-reference markers
        _STRICT.default,
        json.encoder.encode_basestring,
        None,  # no indent
        _STRICT.key_separator,
        _STRICT.item_separator,
        False,  # sort_keys
        False,  # skipkeys
        False,  # allow_nan
    )
    if json.encoder.c_make_encoder is not None
    else None
)


def _finite(value: Any, where: str) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        if value != value:  # NaN: a missing value
            return None
        raise NonFiniteError(
            f"{where}={value!r}: not a finite number (standard JSON has no Infinity); "
            "expected a finite float or null"
        )
    if isinstance(value, dict):
        return {k: _finite(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def dumps_value(value: Any, *, where: str = "value") -> str:
    """``value`` as standard JSON (no ``NaN``/``Infinity``): NaN becomes null, ±inf an error.

    Raises
    ------
    NonFiniteError
        Naming where the value sits (``indicators.value``) and the value.
    """
    try:
        if _STRICT_C is not None and type(value) is dict:
            return "".join(_STRICT_C(value, 0))
        return _STRICT.encode(value)
    except ValueError:  # a non-finite float somewhere: find it (rare, so the slow path)
        return _STRICT.encode(_finite(value, where))


def dumps_row(row: Mapping[str, Any], *, table: str = "row") -> str:
    """One row as a JSON object, by :func:`dumps_value` (errors name ``table.column``)."""
    return dumps_value(row if isinstance(row, dict) else dict(row), where=table)


def _tmp_name(path: Path) -> Path:
    from .runs import tmp_path

    return tmp_path(path)


class JsonlWriter:
    """Write rows of one table as JSON lines to a temporary file; ``commit`` renames it.

    Parameters
    ----------
    path : the final ``.jsonl`` path; the temporary file sits beside it
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.tmp = _tmp_name(self.path)
        self._fh = open(self.tmp, "wb")  # noqa: SIM115 - closed by commit/abort
        self.n = 0

    def write_line(self, line: str) -> None:
        """Write one already-serialised JSON object (no trailing newline)."""
        self._fh.write(line.encode("utf-8"))
        self._fh.write(b"\n")
        self.n += 1

    def write_blob(self, data: bytes, n: int) -> None:
        """Write ``n`` already-serialised rows: UTF-8 JSON lines, each ending in a newline."""
        self._fh.write(data)
        self.n += n

    def write(self, row: Mapping[str, Any]) -> None:
        """Write one row (standard JSON: see :func:`dumps_row`)."""
        self.write_line(dumps_row(row, table=self.path.stem))

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def commit(self) -> Path:
        """Close and move the file into place (atomic on one file system)."""
        self.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        """Close and delete the temporary file; the previous ``path`` is untouched."""
        self.close()
        self.tmp.unlink(missing_ok=True)


def write_parquet(rows: Any, path: str | Path, *, name: str | None = None) -> int:
    """Write one table as a Parquet file, atomically; return the number of rows.

    Parameters
    ----------
    rows : an iterable of row dicts, a DataFrame, or a ``.jsonl`` path
    path : the ``.parquet`` file to write
    name : table name for the declared column types (default: the file's stem)
    """
    import pyarrow.parquet as pq

    path = Path(path)
    schema, _, batches = _batches(name or path.stem, _rows_of(rows))
    tmp = _tmp_name(path)
    n = 0
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as w:
            for b in batches:
                w.write_batch(b)
                n += b.num_rows
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def write_store(
    tables: Mapping[str, Any], path: str | Path, *, fail_after: str | None = None
) -> dict[str, int]:
    """Write tables to a DuckDB file (``*.duckdb``) or a folder of Parquet files.

    The whole DuckDB file is built under a temporary name beside ``path`` and renamed
    at the end, so readers see either the previous store or the new one, never half.

    Parameters
    ----------
    tables : table name → rows: an iterable of dicts (consumed lazily, in batches),
        a DataFrame, or the path of a ``.jsonl`` file
    path : ``something.duckdb`` for DuckDB; any other path is a folder that receives
        ``<name>.parquet`` files (all staged, then renamed together)
    fail_after : for tests only: raise ``RuntimeError`` after writing this table

    Returns
    -------
    dict of table name → number of rows written
    """
    from .runs import remove_stale

    path = Path(path)
    counts: dict[str, int] = {}
    if path.suffix.lower() != ".duckdb":
        from .runs import tmp_path

        path.mkdir(parents=True, exist_ok=True)
        remove_stale(path)
        # every table is staged first and renamed only when all are written, so a failure
        # leaves the previous folder as it was (never half old, half new)
        staged: list[tuple[Path, Path]] = []
        try:
            for name, rows in tables.items():
                final = path / f"{name}.parquet"
                stage = tmp_path(final, tag="stage")
                counts[name] = write_parquet(rows, stage, name=name)
                staged.append((stage, final))
                if name == fail_after:
                    raise RuntimeError(f"simulated failure after table {name!r}")
        except BaseException:
            for stage, _ in staged:
                stage.unlink(missing_ok=True)
            raise
        for stage, final in staged:
            os.replace(stage, final)
        return counts

    import duckdb
    import pyarrow as pa

    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path.parent)  # the temporary files (and WAL) of interrupted runs
    tmp = _tmp_name(path)
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            for name, rows in tables.items():
                schema, _, batches = _batches(name, _rows_of(rows))
                n = [0]

                def counted(batches=batches, n=n) -> Iterator[pa.RecordBatch]:
                    for b in batches:
                        n[0] += b.num_rows
                        yield b

                con.register("_govstats_src", pa.RecordBatchReader.from_batches(schema, counted()))
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _govstats_src')
                con.unregister("_govstats_src")
                counts[name] = n[0]
                if name == fail_after:
                    raise RuntimeError(f"simulated failure after table {name!r}")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return counts


# ------------------------------------------------------------------------------- reading


def _read_jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{i}: not a JSON object ({e.msg})") from None


def _store_path(source: str | Path) -> Path:
    """``source`` as a Path, or a clear error when there is no store there."""
    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(
            f"{source}: no such store (expected a .duckdb file or an output folder)"
        )
    return source


def list_tables(source: str | Path) -> list[str]:
    """The table names in a ``.duckdb`` file or a folder of ``.parquet``/``.jsonl`` files."""
    source = _store_path(source)
    if source.is_file():
        import duckdb

        with duckdb.connect(str(source), read_only=True) as con:
            return sorted(
                r[0]
                for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
            )
    names = {p.stem for p in source.glob("*.parquet")} | {p.stem for p in source.glob("*.jsonl")}
    return sorted(names)


def read_table(source: str | Path, name: str) -> pd.DataFrame:
    """One table from a store, as a DataFrame.

    Parameters
    ----------
    source : a ``.duckdb`` file, or a folder holding ``<name>.parquet`` or
        ``<name>.jsonl`` (Parquet is preferred when both are there)
    name : ``articles``, ``paragraphs``, ``indicators``, ``mentions``, ``hierarchies``, …

    Returns
    -------
    DataFrame with the table's columns in stored order. Lists of strings come back
    as Python lists, nested values (``counts``, ``ratios``) as JSON text.

    Raises
    ------
    FileNotFoundError
        When the source or the table does not exist (the message lists what does).
    """
    source = _store_path(source)
    if source.is_file():
        import duckdb

        known = list_tables(source)
        if name not in known:
            raise FileNotFoundError(f"{source}: no table {name!r} (tables: {', '.join(known)})")
        with duckdb.connect(str(source), read_only=True) as con:
            table = _arrow_of(con.sql(f'SELECT * FROM "{name}"'))
        return _to_pandas(table)
    pq_path, jl_path = source / f"{name}.parquet", source / f"{name}.jsonl"
    if pq_path.exists():
        import pyarrow.parquet as pq

        return _to_pandas(pq.read_table(pq_path))
    if jl_path.exists():
        import pyarrow as pa

        schema, _, batches = _batches(name, _read_jsonl_rows(jl_path))
        return _to_pandas(pa.Table.from_batches(list(batches), schema=schema))
    raise FileNotFoundError(
        f"{source}: no {name}.parquet or {name}.jsonl (tables here: {', '.join(list_tables(source)) or 'none'});"
        " run `govstats extract … --out FOLDER` first"
    )


def query(source: str | Path, sql: str) -> pd.DataFrame:
    """Run SQL on a store and return the result as a DataFrame.

    Parameters
    ----------
    source : a ``.duckdb`` file (opened read-only), or an output folder whose
        ``<name>.parquet``/``<name>.jsonl`` files are visible as tables named ``<name>``
    sql : e.g. ``"SELECT unit, count(*) n FROM indicators GROUP BY unit ORDER BY n DESC"``

    Returns
    -------
    pandas.DataFrame
    """
    import duckdb

    source = _store_path(source)
    if source.is_file():
        with duckdb.connect(str(source), read_only=True) as con:
            return con.execute(sql).df()
    with duckdb.connect() as con:
        for name in list_tables(source):
            pq_path = source / f"{name}.parquet"
            if pq_path.exists():
                con.execute(
                    f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{_sql_str(pq_path)}')"
                )
            else:
                import pyarrow as pa

                schema, _, batches = _batches(name, _read_jsonl_rows(source / f"{name}.jsonl"))
                con.register(name, pa.Table.from_batches(list(batches), schema=schema))
        return con.execute(sql).df()


def _arrow_of(rel: Any) -> pa.Table:
    # duckdb >= 1.4 names it to_arrow_table; older releases arrow()
    fn = getattr(rel, "to_arrow_table", None) or rel.arrow
    out = fn()
    return out.read_all() if hasattr(out, "read_all") else out


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")
