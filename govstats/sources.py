"""Input sources: folders and files of text, HTML and record files, read as ``Document``s.

One reader per format, chosen by the (case-insensitive) extension:

- ``.txt``/``.md`` (and any file named explicitly with another extension): one
  *page* document, segmented into articles later;
- ``.html``/``.htm``: the page's main text by trafilatura, one *record* document (its
  title and date from the page's metadata);
- ``.jsonl``/``.jsonl.gz``/``.csv``/``.parquet``: one *record* document per row, its
  text, title, date, id, source, place and url taken from the columns named in
  :class:`Columns`. Rows are streamed (a 100k-row file never sits in memory whole).

Walking is defensive: only regular files are opened (a FIFO or a device would hang or
never end), symlinked subfolders are skipped (no loops), unreadable folders and
files, dangling links and files over ``max_bytes`` are skipped; each skip is a
:class:`~govstats.records.Problem` with a ``kind`` and a reason, yielded in order
with the documents.

Every document's ``text`` is the decoded text after :func:`prepare_text` (the
length-preserving width/line-end normalisation and the one-to-one traditional →
simplified conversion), so offsets are offsets into the file's text or the record's
text column.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .dates import parse_date
from .errors import InputError
from .records import Document, Problem

logger = logging.getLogger(__name__)

__all__ = [
    "Columns",
    "Input",
    "EXTENSIONS",
    "RECORD_EXTENSIONS",
    "MAX_BYTES",
    "walk",
    "iter_documents",
    "prepare_text",
    "format_of",
    "InputFileNotFound",
    "decode_bytes",
    "normalize_text",
    "read_input",
    "raw_records",
    "jsonl_row",
    "record_fields",
    "unique_record_id",
    "record_document",
    "unreadable_records",
]

PathLike = str | Path

#: Extensions read when walking a folder, by format.
EXTENSIONS = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
}
RECORD_EXTENSIONS = ("jsonl", "csv", "parquet")
#: Largest text/HTML file (and largest single record line) read, in bytes.
MAX_BYTES = 64 << 20


class InputFileNotFound(InputError, FileNotFoundError):
    """A path given to ``load_corpus``/``extract`` that does not exist."""


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column of a record file holds what (CLI ``--text-col`` …)."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    id: str = "id"
    source: str = "source"
    place: str = "place"
    url: str = "url"


@dataclass(frozen=True, slots=True)
class Input:
    """A regular file found by :func:`walk`: its path, format and ``file`` name."""

    path: Path
    format: str
    rel: str  # the path relative to the input root (posix), what exports call ``file``


def format_of(path: PathLike) -> str | None:
    """The format of a path by its extension (case-insensitive), or None if unknown."""
    name = Path(path).name.lower()
    if name.endswith(".jsonl.gz"):
        return "jsonl"
    return EXTENSIONS.get(Path(name).suffix)


# ----------------------------------------------------------------------------- decoding

# full-width ASCII U+FF01–FF5E → U+0021–007E, ideographic space → space: one code point
# for one code point, so offsets do not move (never NFKC, which can change lengths)
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
# the same mapping, character to character, for ``str.replace`` of the few that occur:
# ``str.translate`` looks up every character of the text (≈ 18 M char/s), this ≈ 20× faster
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(k): chr(v) for k, v in _WIDTH_TABLE.items()}

# encodings charset-normalizer may choose between for a file that is not UTF-8; ties
# (equal chaos) go to the earlier one, so a short GBK file reads as GB18030, not Big5
_CANDIDATES = ("gb18030", "big5", "utf_16", "utf_32")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)
# control characters other than tab/newline/carriage return/form feed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_FIX = "re-save it as UTF-8 text, or remove it from the input"


def normalize_text(text: str) -> str:
    """Length-preserving normalisation applied once at load.

    Full-width ASCII (U+FF01–FF5E) becomes ASCII, U+3000 a space, the ``\\r`` of
    ``\\r\\n`` a space and a lone ``\\r`` a newline. ``len(normalize_text(t)) ==
    len(t)`` always, so offsets into the result are offsets into the decoded file.
    """
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    for ch in set(_WIDE.findall(text)):  # the same as text.translate(_WIDTH_TABLE)
        text = text.replace(ch, _NARROW[ch])
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding.

    Order: a byte-order mark (UTF-8/16/32); strict UTF-8; otherwise
    charset-normalizer restricted to GB18030 (covers GBK and GB2312), Big5 and
    UTF-16/32, ties going to GB18030.

    Parameters
    ----------
    data : the file's bytes

    Returns
    -------
    (text, encoding) : the decoded text (BOM removed, not yet normalised) and the
        codec name recorded in ``Document.encoding``

    Raises
    ------
    InputError
        For empty, binary or undecodable bytes; the message says what is wrong
        (without the file name, which the caller adds).
    """
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise InputError(f"empty file ({len(data)} bytes): expected article text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            codec = "utf-8" if enc == "utf-8-sig" else enc
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"starts with a {enc.upper()} byte-order mark but does not decode as "
                    f"{enc.upper()} ({e.reason} at byte {e.start + len(bom)}); {_FIX}"
                ) from None
            if not text.strip():
                raise InputError(f"empty file (only a {enc.upper()} byte-order mark and spaces)")
            return _check_text(text, enc), enc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text; {_FIX}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary file (NUL byte at offset {nul}), not text; if it is UTF-16 without a "
            f"byte-order mark, {_FIX}"
        )
    try:
        return _check_text(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = f"{e.reason} at byte {e.start}"
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(_CANDIDATES)))
    if matches:
        best_chaos = min(m.chaos for m in matches)
        tied = [m for m in matches if m.chaos <= best_chaos + 1e-9]
        rank = {name: i for i, name in enumerate(_CANDIDATES)}
        best = min(tied, key=lambda m: rank.get(m.encoding, len(rank)))
        text = str(best)
        enc = best.encoding.replace("_", "-")
        return _check_text(text, enc), enc
    raise InputError(
        f"cannot decode: not UTF-8 ({utf8_error}) and no reading as GB18030/GBK/GB2312, "
        f"Big5 or UTF-16/32 fits; {_FIX}"
    )


def _check_text(text: str, enc: str) -> str:
    n_control = len(_CONTROL.findall(text, 0, 100_000))
    if n_control > max(2, len(text[:100_000]) // 100):
        raise InputError(
            f"binary file ({n_control} control characters after decoding as {enc}), not text; {_FIX}"
        )
    if not text.strip():
        raise InputError("empty file (only spaces): expected article text")
    return text


# ----------------------------------------------------------------------------- walking


def _problem(path: PathLike, kind: str, message: str) -> Problem:
    return Problem(str(path), message, kind)


def _regular(path: Path, shown: str) -> Problem | None:
    """None for a regular file; else the problem (never opens the path)."""
    try:
        st = path.stat()  # follows a file symlink
    except FileNotFoundError:
        if path.is_symlink():
            return _problem(shown, "dangling-link", "a symbolic link whose target does not exist")
        return _problem(shown, "missing", "no such file")
    except OSError as e:
        return _problem(shown, "unreadable", f"cannot stat it ({e.strerror or e})")
    if not stat.S_ISREG(st.st_mode):
        what = (
            "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode)
            else "a character device" if stat.S_ISCHR(st.st_mode)
            else "a block device" if stat.S_ISBLK(st.st_mode)
            else "a socket" if stat.S_ISSOCK(st.st_mode)
            else "not a regular file"
        )  # fmt: skip
        return _problem(shown, "not-regular", f"{what}, not a file: never opened (it could block)")
    return None


def walk(
    paths: PathLike | Iterable[PathLike], *, exclude: Iterable[PathLike] = ()
) -> Iterator[Input | Problem]:
    """Expand folders (recursively, sorted) and files into readable inputs and problems.

    A folder yields its files of the known extensions (:data:`EXTENSIONS`); a file
    given by name is read whatever its extension (as text unless it is a known
    record or HTML format). Paths are yielded once each, in the given order.
    Folders in ``exclude`` (an output folder inside an input folder) are not entered.

    Raises
    ------
    FileNotFoundError
        (``InputFileNotFound``) at once, naming the path, when a given path does not
        exist (a dangling link given by name is a problem, not an error).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise InputFileNotFound(
                f"{p}: no such file or folder (expected a file of text, HTML or records, "
                "or a folder of them)"
            )
    seen: set[Path] = {Path(x).resolve() for x in exclude}
    for p in paths:
        if p.is_dir():
            yield from _walk_dir(p, p, seen)
            continue
        bad = _regular(p, p)
        if bad is not None:
            yield bad
            continue
        key = p.resolve()
        if key in seen:
            continue
        seen.add(key)
        yield Input(p, format_of(p) or "text", p.name)


def _walk_dir(root: Path, folder: Path, seen: set[Path]) -> Iterator[Input | Problem]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield _problem(
            folder,
            "unreadable",
            f"cannot list the folder ({e.strerror or e}); check its permissions",
        )
        return
    for entry in entries:
        path = Path(entry.path)
        rel = path.relative_to(root).as_posix()
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as e:
            yield _problem(path, "unreadable", f"cannot stat it ({e.strerror or e})")
            continue
        if is_link and path.is_dir():
            yield _problem(
                path,
                "symlinked-folder",
                "a symbolic link to a folder: not followed (it could loop); "
                "give its target as an input instead",
            )
            continue
        if is_dir:
            if path.resolve() not in seen:
                yield from _walk_dir(root, path, seen)
            continue
        fmt = format_of(path)
        if fmt is None:
            continue  # not an input format (images, notes): not ours to read
        bad = _regular(path, path)
        if bad is not None:
            yield bad
            continue
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        yield Input(path, fmt, rel)


# ----------------------------------------------------------------------------- text


def prepare_text(text: str) -> tuple[str, str, str | None]:
    """The load-time normalisation: ``(text, script, original)``, length-preserving.

    Width and line-end normalisation (:func:`govstats.corpus.normalize_text`), then
    the one-to-one traditional → simplified conversion for a traditional or mixed
    text (:mod:`govstats.script`). ``original`` is the decoded text as written, before
    both, when they changed it (its characters at the same offsets quote the text as
    written: 乡镇（街道）, not 乡镇(街道)), else None.
    """
    from .script import to_simplified

    converted, script = to_simplified(normalize_text(text))
    return converted, script, (text if converted != text else None)


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"larger than {max_bytes:,} bytes: not read; split it, or raise the bound (max_bytes)"
        )
    return data


def _decode(data: bytes) -> tuple[str, str, Problem | None]:
    """Decode file bytes; a UTF-8 file cut inside its last character is read anyway."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.end == len(data) and len(data) - e.start < 4:
            text = data[: e.start].decode("utf-8") + "\ufffd"
            note = (
                f"ends inside a UTF-8 character (the last {len(data) - e.start} byte(s) are "
                "an incomplete sequence): read with that character replaced by U+FFFD"
            )
            return _check_text(text, "utf-8"), "utf-8", Problem("", note, "truncated-utf8")
    text, enc = decode_bytes(data)
    return text, enc, None


def _decode_kind(message: str) -> str:
    """``empty``, ``binary`` or ``undecodable``, from :func:`decode_bytes`'s message."""
    if message.startswith("empty file"):
        return "empty"
    return "binary" if message.startswith("binary file") else "undecodable"


def _bytes_and_text(inp: Input, max_bytes: int, *, hint: str) -> tuple | Problem:
    """``(data, text, encoding, note)`` of a file, or the problem that stops reading it."""
    try:
        data = _read_bounded(inp.path, max_bytes)
    except InputError as e:
        return _problem(inp.path, "too-large", str(e))
    except OSError as e:
        return _problem(inp.path, "unreadable", f"cannot read the file ({e.strerror or e}){hint}")
    try:
        text, enc, note = _decode(data)
    except InputError as e:
        return _problem(inp.path, _decode_kind(str(e)), str(e))
    return data, text, enc, note


def _read_text(inp: Input, max_bytes: int) -> Iterator[Document | Problem]:
    got = _bytes_and_text(inp, max_bytes, hint="; check its permissions")
    if isinstance(got, Problem):
        yield got
        return
    data, text, enc, note = got
    if note is not None:
        yield _problem(inp.path, note.kind, note.message)
    sha = hashlib.sha256(data).hexdigest()
    text, script, original = prepare_text(text)
    yield Document(
        id=sha[:16],
        path=str(inp.path),
        encoding=enc,
        text=text,
        sha256=sha,
        file=inp.rel,
        script=script,
        original=original,
    )


def _read_html(inp: Input, max_bytes: int) -> Iterator[Document | Problem]:
    import trafilatura

    got = _bytes_and_text(inp, max_bytes, hint="")
    if isinstance(got, Problem):
        yield got
        return
    data, html, enc, _ = got
    # dates only from the page's own markup (meta tags, time elements): the default
    # extensive search takes a footer's "© 2024" for the publication date
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        yield _problem(
            inp.path, "no-text", "HTML page without a main text (trafilatura found none)"
        )
        return
    sha = hashlib.sha256(data).hexdigest()
    text, script, original = prepare_text(body)
    yield Document(
        id=sha[:16],
        path=str(inp.path),
        encoding=enc,
        text=text,
        sha256=sha,
        kind="record",
        file=inp.rel,
        title=_title(getattr(doc, "title", None)),
        date=parse_date(getattr(doc, "date", None)),
        source=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)),
        script=script,
        original=original,
    )


def _clean(value: Any) -> str | None:
    """A metadata cell as a one-line string, or None (NaN, empty, None)."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    s = " ".join(str(value).split())
    return s or None


def _title(value: Any) -> str | None:
    """A title cell, one line, normalised like the text (width, script)."""
    s = _clean(value)
    return prepare_text(s)[0] if s else None


# ----------------------------------------------------------------------------- records


_LONG_DIGITS = re.compile(rb"[0-9]{19}")


def jsonl_row(n: int, line: bytes, max_bytes: int = MAX_BYTES) -> tuple[dict | None, str | None]:
    """One JSONL line (number ``n``) as ``(row, None)``, ``(None, error)``, or
    ``(None, None)`` for a blank line (skipped silently)."""
    if len(line) > max_bytes:
        return None, f"line {n} is larger than {max_bytes:,} bytes: skipped"
    if not line.strip():
        return None, None
    try:  # orjson reads an integer past 64 bits as a float (an id would change): json does not
        row = json.loads(line) if _LONG_DIGITS.search(line) else orjson.loads(line)
    except orjson.JSONDecodeError:  # json reads a few more (a BOM, NaN, lone surrogates)
        try:  # and words its errors as the messages promise
            row = json.loads(line)
        except ValueError as e:
            return None, f"line {n} is not JSON ({e}); skipped"
    except ValueError as e:
        return None, f"line {n} is not JSON ({e}); skipped"
    if not isinstance(row, dict):
        return None, f"line {n} is a JSON {type(row).__name__}, not an object; skipped"
    return row, None


def _lines_jsonl(inp: Input, max_bytes: int) -> Iterator[tuple[int, Any, str | None]]:
    """The raw lines of a JSONL file (unparsed bytes), numbered from 1."""
    opener = gzip.open if inp.path.name.lower().endswith(".gz") else open
    with opener(inp.path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            yield n, line, None


def _rows_jsonl(inp: Input, max_bytes: int) -> Iterator[tuple[int, dict | None, str | None]]:
    for n, line, _ in _lines_jsonl(inp, max_bytes):
        row, error = jsonl_row(n, line, max_bytes)
        if row is not None or error is not None:
            yield n, row, error


def _rows_csv(inp: Input, max_bytes: int) -> Iterator[tuple[int, dict | None, str | None]]:
    csv.field_size_limit(max_bytes)
    with open(inp.path, "rb") as raw:
        head = raw.read(4)
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    with open(inp.path, encoding=encoding, newline="", errors="strict") as fh:
        reader = csv.DictReader(fh)
        n = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as e:
                yield n + 1, None, f"row near line {reader.line_num}: {e}; the rest is skipped"
                return
            n += 1
            yield n, row, None


def _rows_parquet(inp: Input, max_bytes: int) -> Iterator[tuple[int, dict | None, str | None]]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(inp.path)
    n = 0
    for batch in pf.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            n += 1
            yield n, row, None


_ROWS = {"jsonl": _rows_jsonl, "csv": _rows_csv, "parquet": _rows_parquet}


_RAW = {"jsonl": _lines_jsonl, "csv": _rows_csv, "parquet": _rows_parquet}


def raw_records(inp: Input, max_bytes: int = MAX_BYTES) -> Iterator[tuple[int, Any, str | None]]:
    """A record file's records as they come, for a worker to parse: ``(n, raw, error)``
    with ``raw`` the line's bytes (JSONL, parsed by :func:`jsonl_row`) or the row dict
    (CSV, Parquet). Raises what reading raises (``OSError``, ``EOFError``, ``ValueError``)."""
    return _RAW[inp.format](inp, max_bytes)


def unreadable_records(inp: Input, e: BaseException, n_docs: int) -> Problem:
    """The problem for a record file that failed mid-way (gzip cut short, not Parquet…)."""
    return _problem(
        inp.path,
        "unreadable",
        f"cannot read the records ({type(e).__name__}: {e}); "
        f"{n_docs} record(s) before the error were kept",
    )


def _read_records(inp: Input, columns: Columns, max_bytes: int) -> Iterator[Document | Problem]:
    rows = _ROWS[inp.format](inp, max_bytes)
    seen_ids: set[str] = set()
    n_docs = 0
    try:
        for n, row, error in rows:
            if error is not None:
                yield _problem(inp.path, "bad-record", error)
                continue
            assert row is not None
            got = _record_document(inp, n, row, columns, seen_ids)
            for item in got:
                if isinstance(item, Document):
                    n_docs += 1
                yield item
    except (OSError, EOFError, ValueError) as e:
        yield unreadable_records(inp, e, n_docs)


def record_fields(
    inp: Input, n: int, row: dict, columns: Columns
) -> tuple[list[Problem], str | None]:
    """The problems of record ``n`` and its id before the file-wide uniqueness check
    (None: no document, the problems say why)."""
    where = f"{inp.path} (record {n})"
    if columns.text not in row:
        return [
            _problem(
                where,
                "bad-record",
                f"no {columns.text!r} column (columns: {', '.join(map(str, list(row)[:12]))}); "
                "name the text column with --text-col",
            )
        ], None
    raw = row.get(columns.text)
    if not isinstance(raw, str) or not raw.strip():
        return [_problem(where, "empty-record", f"empty {columns.text!r} column: skipped")], None
    rid = _clean(row.get(columns.id))
    problems: list[Problem] = []
    if rid is None or rid.lower() in ("none", "null", "nan"):
        new = f"row{n}"
        problems.append(
            _problem(
                where,
                "duplicate-id" if rid is not None else "missing-id",
                f"record id {rid!r} is no id: named {new!r} (its row number) instead",
            )
        )
        rid = new
    return problems, rid


def unique_record_id(
    inp: Input, n: int, rid: str, seen_ids: set[str]
) -> tuple[str, Problem | None]:
    """``rid`` made unique within its file (``seen_ids`` updated), and the problem if renamed."""
    bad = None
    if rid in seen_ids:
        new = f"{rid}~row{n}"
        bad = _problem(
            f"{inp.path} (record {n})",
            "duplicate-id",
            f"record id {rid!r} repeats an earlier record: named {new!r}",
        )
        rid = new
    seen_ids.add(rid)
    return rid, bad


def _record_document(
    inp: Input, n: int, row: dict, columns: Columns, seen_ids: set[str]
) -> Iterator[Document | Problem]:
    problems, rid = record_fields(inp, n, row, columns)
    yield from problems
    if rid is None:
        return
    rid, bad = unique_record_id(inp, n, rid, seen_ids)
    if bad is not None:
        yield bad
    yield record_document(inp, n, row, columns, rid)


def record_document(inp: Input, n: int, row: dict, columns: Columns, rid: str) -> Document:
    """Record ``n`` (with a usable text, see :func:`record_fields`) as a ``Document`` named ``rid``."""
    raw = row[columns.text]
    file = f"{inp.rel}#{rid}"
    text, script, original = prepare_text(raw)
    sha = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    doc_id = hashlib.sha256(f"{inp.rel}\0{rid}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    title = _title(row.get(columns.title))
    return Document(
        id=doc_id,
        path=str(inp.path),
        encoding="utf-8",
        text=text,
        sha256=sha,
        kind="record",
        file=file,
        record_id=rid,
        title=title,
        date=parse_date(row.get(columns.date)),
        source=_clean(row.get(columns.source)),
        place=_clean(row.get(columns.place)),
        url=_clean(row.get(columns.url)),
        script=script,
        original=original,
    )


def read_input(
    inp: Input, columns: Columns | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Document | Problem]:
    """The documents (and problems) of one file found by :func:`walk`."""
    columns = columns or Columns()
    if inp.format in RECORD_EXTENSIONS:
        yield from _read_records(inp, columns, max_bytes)
    elif inp.format == "html":
        yield from _read_html(inp, max_bytes)
    else:
        yield from _read_text(inp, max_bytes)


# ----------------------------------------------------------------------------- public


def iter_documents(
    paths: PathLike | Iterable[PathLike],
    *,
    columns: Columns | None = None,
    max_bytes: int = MAX_BYTES,
    exclude: Iterable[PathLike] = (),
) -> Iterator[Document | Problem]:
    """Stream every document of the inputs, with the problems met, in input order.

    Parameters
    ----------
    paths : files or folders (see the module docstring for the formats)
    columns : the column names of record files (default :class:`Columns`)
    max_bytes : largest text/HTML file, and largest record line, read
    exclude : folders not to enter (the output folder)

    Yields
    ------
    Document or Problem
        Documents in walking order (records in row order); a problem right where
        it was met (a skipped path, a bad record, a record id made unique).

    Raises
    ------
    FileNotFoundError
        (``InputFileNotFound``) when a given path does not exist.
    """
    columns = columns or Columns()
    for item in walk(paths, exclude=exclude):
        if isinstance(item, Problem):
            yield item
            continue
        yield from read_input(item, columns, max_bytes)
