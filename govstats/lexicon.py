"""The governance-model lexicon (a YAML data file) and finding model mentions in a corpus.

The lexicon lives in ``govstats/data/models.yaml`` (models) and ``govstats/data/levels.yaml``
(organisation-level vocabulary and level-name synonyms, used by :mod:`govstats.hierarchy`).
Analysts add or override models with their own file: ``load_lexicon(extra="my.yaml")``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UnknownModelError, closest
from .lexicon_files import (
    KINDS,
    Levels,
    Model,
    canon_key,
    norm_name,
    read_files,
)
from .matcher import _Matcher
from .paths import DATA_DIR
from .records import Mention, to_frame

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus
    from .records import Indicator

logger = logging.getLogger(__name__)

__all__ = [
    "Model",
    "Levels",
    "Lexicon",
    "load_lexicon",
    "models",
    "get_model",
    "find_models",
    "mentions_frame",
    "mention_to_json",
    "article_models",
    "article_model_kinds",
    "article_models_frame",
    "paragraph_models",
    "models_for",
    "MODELS_FILE",
    "LEVELS_FILE",
]

MODELS_FILE = DATA_DIR / "models.yaml"
LEVELS_FILE = DATA_DIR / "levels.yaml"


# --------------------------------------------------------------------------- the lexicon


class Lexicon:
    """Governance models plus the organisation-level vocabulary, with a fast matcher.

    Build one with :func:`load_lexicon`. A lexicon is immutable; matching structures are
    compiled on first use.

    Parameters
    ----------
    models : the models, in file order (ids unique)
    levels : the level vocabulary
    categories : the allowed model categories
    sources : the files the lexicon was read from
    """

    def __init__(
        self,
        models: Sequence[Model],
        levels: Levels,
        *,
        categories: Sequence[str] = (),
        sources: Sequence[str] = (),
    ) -> None:
        self._models: tuple[Model, ...] = tuple(models)
        self._by_id = {m.id: m for m in self._models}
        self.levels = levels
        self.categories = tuple(categories)
        self.sources = tuple(sources)
        self._matcher: _Matcher | None = None
        self._level_canon: dict[str, str] | None = None

    # ---- models
    @property
    def models(self) -> tuple[Model, ...]:
        """All models, in lexicon order."""
        return self._models

    @property
    def ids(self) -> list[str]:
        """Model ids, in lexicon order."""
        return [m.id for m in self._models]

    def __len__(self) -> int:
        return len(self._models)

    def __iter__(self):
        return iter(self._models)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._lookup(name) is not None

    def __repr__(self) -> str:
        return f"Lexicon({len(self._models)} models from {', '.join(self.sources) or 'memory'})"

    def _lookup(self, name: str) -> Model | None:
        if name in self._by_id:
            return self._by_id[name]
        key = norm_name(name)
        for m in self._models:
            if key == norm_name(m.id) or key == norm_name(m.name):
                return m
        for m in self._models:
            if any(key == norm_name(a) for a in m.aliases):
                return m
        return None

    def get(self, name: str) -> Model:
        """The model with this id, display name or alias.

        Raises
        ------
        UnknownModelError
            Naming the bad value, the known ids and the closest one.
        """
        if not isinstance(name, str):
            raise TypeError(f"model name must be a str, got {type(name).__name__} {name!r}")
        m = self._lookup(name)
        if m is not None:
            return m
        ids = self.ids
        key = norm_name(name)
        role_of = [m.id for m in self._models if any(key == norm_name(r) for r in m.roles)]
        if role_of:  # 楼栋长, 网格员: a role of a model, not its name
            raise UnknownModelError(
                f"unknown governance model {name!r}: it is a role or unit of the model "
                f"{role_of[0]!r}, not a model name. Did you mean {role_of[0]!r}? Known models: "
                f"{', '.join(ids)}."
            )
        guess = closest(name, ids)
        if not guess:  # try display names and aliases, reporting the model id
            owner = {}
            for mm in self._models:
                for a in (mm.name, *mm.aliases):
                    owner.setdefault(a, mm.id)
            guess = [owner[g] for g in closest(name, owner)]
        hint = f" Did you mean {guess[0]!r}?" if guess else ""
        raise UnknownModelError(
            f"unknown governance model {name!r}.{hint} Known models: {', '.join(ids)}. "
            "Use one of these ids (a display name or alias also works), or add the model "
            "to a lexicon file passed with load_lexicon(extra=...) / --lexicon."
        )

    # ---- matching
    @property
    def matcher(self) -> _Matcher:
        if self._matcher is None:
            self._matcher = _Matcher(self._models)
        return self._matcher

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Model mentions in a string: ``(start, end, model_id, alias)``, longest match wins.

        Parameters
        ----------
        text : any string

        Returns
        -------
        list of (start, end, model_id, alias) sorted by start; ``alias`` is the lexicon
        alias (or ``re:<pattern>`` for a pattern) that matched ``text[start:end]``.
        """
        return [c[:4] for c in self.matcher.find(text)]

    def find_kinds(self, text: str) -> list[tuple[int, int, str, str, str]]:
        """Like :meth:`find`, with each mention's kind: ``(start, end, model_id, alias, kind)``.

        ``kind`` is ``model`` when the text names the model (楼长制, 四级治理体系) and
        ``role`` when it names only a role or unit of it (楼栋长, 网格员).
        """
        return self.matcher.find(text)

    # ---- levels
    def canonical_level(self, name: str) -> str:
        """The canonical name of an organisation level (``社区党委`` → ``社区党组织``)."""
        if self._level_canon is None:
            table = {}
            for key, variants in self.levels.synonyms:
                table[canon_key(key)] = key
                for v in variants:
                    table[canon_key(v)] = key
            self._level_canon = table
        k = canon_key(name)
        return self._level_canon.get(k, k)

    def level_variants(self, name: str) -> tuple[str, ...]:
        """All spellings of the level ``name`` (itself first)."""
        canon = self.canonical_level(name)
        out = [name]
        for key, variants in self.levels.synonyms:
            if key == canon:
                out.extend(v for v in (key, *variants) if v not in out)
        return tuple(out)

    # ---- tokenisation hook
    def user_dictionary_terms(self) -> list[str]:
        """Plain words (no regex, no separators) that a tokenizer should keep whole.

        Model ids, names, aliases and roles (split at separators; aliases joining roles
        with ``+`` are left out), level names and synonyms; each at least two characters,
        sorted and unique.
        """
        words: set[str] = set()
        pieces: list[str] = []
        for m in self._models:
            # "楼长+组长" splits into generic words (组长): keep only whole + aliases' heads
            pieces.extend(
                a for a in (m.id, m.name, *m.aliases, *m.roles) if "+" not in a and "＋" not in a
            )
        for key, variants in self.levels.synonyms:
            pieces.extend((key, *variants))
        pieces.extend(n for n in self.levels.nouns if len(n) >= 2)
        for p in pieces:
            for w in re.split(r"[、·•,，/\s“”\"‘’']+", p):
                if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", w):
                    words.add(w)
        return sorted(words)


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return _build([MODELS_FILE, LEVELS_FILE])


def _build(paths: Sequence[Path]) -> Lexicon:
    got = read_files(paths)
    return Lexicon(
        got["models"], got["levels"], categories=got["categories"], sources=got["sources"]
    )


def load_lexicon(extra: str | Path | Sequence[str | Path] | None = None) -> Lexicon:
    """Load the packaged lexicon, optionally extended or overridden by the user's files.

    Parameters
    ----------
    extra : a YAML file (or a list of them) in the format of ``govstats/data/models.yaml``;
        a model whose ``id`` already exists replaces the packaged one, new ids are added,
        ``levels:`` lists are appended to the packaged level vocabulary.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        For a missing or malformed file, naming the file, line, entry and field.
    """
    if extra is None:
        return _default_lexicon()
    if isinstance(extra, (str, Path)):
        extra = [extra]
    return _build([MODELS_FILE, LEVELS_FILE, *(Path(p) for p in extra)])


def _lex(lexicon: Lexicon | str | Path | None) -> Lexicon:
    if lexicon is None:
        return load_lexicon()
    if isinstance(lexicon, (str, Path)):  # a user file, read on top of the packaged lexicon
        return load_lexicon(extra=lexicon)
    if not isinstance(lexicon, Lexicon):
        raise TypeError(
            f"lexicon must be a govstats Lexicon (from gs.load_lexicon()), got {type(lexicon).__name__}"
        )
    return lexicon


def models(lexicon: Lexicon | None = None) -> list[str]:
    """Ids of the governance models in the lexicon, in lexicon order."""
    return _lex(lexicon).ids


def get_model(name: str, lexicon: Lexicon | None = None) -> Model:
    """The model with this id, display name or alias.

    Raises
    ------
    UnknownModelError
        Listing the known ids and suggesting the closest (``楼长`` → ``楼长+``).
    """
    return _lex(lexicon).get(name)


# --------------------------------------------------------------------------- mentions


def find_models(
    corpus: Corpus, *, lexicon: Lexicon | None = None, include_duplicates: bool = True
) -> list[Mention]:
    """Governance-model mentions in every article paragraph (titles and headings included).

    Parameters
    ----------
    corpus : a loaded corpus
    lexicon : the lexicon to match (default: the packaged one)
    include_duplicates : also report mentions in paragraphs (or articles) the layout
        printed twice, flagged ``duplicate=True``

    Returns
    -------
    list of Mention, in article and text order. ``doc.text[m.start:m.end] == m.surface``;
    ``alias`` is the lexicon alias that matched (``re:<pattern>`` for a pattern).
    """
    lex = _lex(lexicon)
    texts = {d.id: d.text for d in corpus.documents}
    depths = {m.id: m.depth for m in lex.models if m.depth}
    by_structure = any(m.structures for m in lex.models)
    out: list[Mention] = []
    for art in corpus.articles:
        doc_text = texts.get(art.doc_id)
        if doc_text is None:
            doc_text = corpus.document(art.doc_id).text
        for p in art.paragraphs:
            if p.kind == "furniture":
                continue
            dup = p.duplicate_of is not None or art.duplicate_of is not None
            if dup and not include_duplicates:
                continue
            hits = lex.find_kinds(p.text)
            if any(k == "role" and mid in depths for _, _, mid, _, k in hits):
                from .hierarchy import outside_other_depths

                hits = outside_other_depths(p.text, hits, lex, depths)
            if by_structure:  # 省、市、县、乡四级联动 names 四级体系 (models.yaml `structures`)
                from .hierarchy import structure_mentions

                hits = structure_mentions(p.text, hits, lex)
            for s, e, mid, alias, kind in hits:
                start = p.doc_offset(s)
                end = p.doc_offset(e - 1) + 1
                out.append(
                    Mention(
                        model_id=mid,
                        alias=alias,
                        surface=doc_text[start:end],
                        file=art.file,
                        article_id=art.id,
                        article_index=art.index,
                        paragraph_index=p.index,
                        start=start,
                        end=end,
                        duplicate=dup,
                        kind=kind,
                    )
                )
    return out


def mentions_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """Mentions as a DataFrame.

    Returns
    -------
    DataFrame with columns ``model_id, alias, surface, file, article_id, article_index,
    paragraph_index, start, end, duplicate, kind`` (``kind``: ``model`` when the text
    names the model, ``role`` when it names only a role or unit of it).
    """
    return to_frame(mentions, kind=Mention)


def mention_to_json(m: Mention) -> dict[str, Any]:
    """A mention as a JSON-ready dict (one line of ``mentions.jsonl``)."""
    return {
        "model_id": m.model_id,
        "alias": m.alias,
        "file": m.file,
        "article_id": m.article_id,
        "article_index": m.article_index,
        "paragraph_index": m.paragraph_index,
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "duplicate": m.duplicate,
        "kind": m.kind,
    }


def _ordered(mentions: Iterable[Mention], key) -> dict:
    out: dict = {}
    for m in sorted(mentions, key=lambda m: (m.file, m.article_index, m.start)):
        ids = out.setdefault(key(m), [])
        if m.model_id not in ids:
            ids.append(m.model_id)
    return {k: tuple(v) for k, v in out.items()}


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be None, 'model' or 'role', got {kind!r}")


def _by_kind(mentions: Iterable[Mention], key, kind: str | None) -> dict:
    """Per key, the models of ``kind``: ``model`` = named there, ``role`` = only a role there."""
    _check_kind(kind)
    ms = list(mentions)
    if kind is None:
        return _ordered(ms, key)
    named = {(key(m), m.model_id) for m in ms if m.kind == "model"}
    if kind == "model":
        return _ordered((m for m in ms if m.kind == "model"), key)
    return _ordered((m for m in ms if (key(m), m.model_id) not in named), key)


def article_models(
    mentions: Iterable[Mention], *, kind: str | None = None
) -> dict[str, tuple[str, ...]]:
    """Which models each article mentions: ``{article_id: (model_id, ...)}`` in text order.

    Parameters
    ----------
    mentions : mentions from :func:`find_models`
    kind : ``None`` (default) for any mention; ``"model"`` for the models the article
        names; ``"role"`` for the models of which the article mentions only a role or
        unit (楼栋长 without 楼长制)
    """
    return _by_kind(mentions, lambda m: m.article_id, kind)


def paragraph_models(
    mentions: Iterable[Mention], *, kind: str | None = None
) -> dict[tuple[str, int], tuple[str, ...]]:
    """Which models each paragraph mentions: ``{(article_id, paragraph_index): (model_id, ...)}``.

    ``kind`` as in :func:`article_models`.
    """
    return _by_kind(mentions, lambda m: (m.article_id, m.paragraph_index), kind)


def article_model_kinds(mentions: Iterable[Mention]) -> dict[str, dict[str, str]]:
    """Per article, how each model appears: ``{article_id: {model_id: "model" | "role"}}``.

    ``"model"`` when the article names the model at least once, ``"role"`` when it mentions
    only roles or units of it. Models in text order of their first mention.
    """
    out: dict[str, dict[str, str]] = {}
    for m in sorted(mentions, key=lambda m: (m.file, m.article_index, m.start)):
        kinds = out.setdefault(m.article_id, {})
        if kinds.get(m.model_id) != "model":
            kinds[m.model_id] = m.kind
    return out


ARTICLE_MODEL_COLUMNS = (
    "file",
    "article_id",
    "article_index",
    "model_id",
    "kind",
    "named",
    "role_only",
    "mentions",
    "model_mentions",
    "role_mentions",
    "aliases",
)


def article_models_frame(
    mentions: Iterable[Mention] | pd.DataFrame, *, include_duplicates: bool = False
) -> pd.DataFrame:
    """One row per (article, model) the article mentions, saying how it mentions it.

    Parameters
    ----------
    mentions : Mention records, or a ``mentions_frame`` (a frame without a ``kind``
        column, e.g. from an older store, counts every mention as naming the model)
    include_duplicates : also count mentions flagged ``duplicate``

    Returns
    -------
    DataFrame with columns ``file, article_id, article_index, model_id, kind, named,
    role_only, mentions, model_mentions, role_mentions, aliases``: ``kind`` is ``model``
    when the article names the model (``named`` True) and ``role`` when it mentions only
    a role or unit of it (``role_only`` True); ``aliases`` the distinct aliases in text
    order. Rows in file, article and first-mention order.
    """
    import pandas as pd

    if isinstance(mentions, pd.DataFrame):
        df = mentions
        kinds = df["kind"] if "kind" in df.columns else ["model"] * len(df)
        dups = df["duplicate"] if "duplicate" in df.columns else [False] * len(df)
        recs = list(
            zip(
                df["file"],
                df["article_id"],
                df["article_index"],
                df["start"],
                df["model_id"],
                df["alias"],
                kinds,
                dups,
            )
        )
    else:
        recs = [
            (
                m.file,
                m.article_id,
                m.article_index,
                m.start,
                m.model_id,
                m.alias,
                m.kind,
                m.duplicate,
            )
            for m in mentions
        ]
    recs = [r for r in recs if include_duplicates or not bool(r[7])]
    recs.sort(key=lambda r: (r[0], int(r[2]), int(r[3])))
    rows: dict[tuple[str, str], dict] = {}
    for file, aid, aidx, _s, mid, alias, kind, _d in recs:
        row = rows.setdefault(
            (aid, mid),
            {
                "file": file,
                "article_id": aid,
                "article_index": int(aidx),
                "model_id": mid,
                "model_mentions": 0,
                "role_mentions": 0,
                "aliases": [],
            },
        )
        row["role_mentions" if kind == "role" else "model_mentions"] += 1
        if alias not in row["aliases"]:
            row["aliases"].append(alias)
    out = []
    for row in rows.values():
        named = row["model_mentions"] > 0
        out.append(
            {
                **row,
                "kind": "model" if named else "role",
                "named": named,
                "role_only": not named,
                "mentions": row["model_mentions"] + row["role_mentions"],
                "aliases": tuple(row["aliases"]),
            }
        )
    frame = pd.DataFrame(out, columns=list(ARTICLE_MODEL_COLUMNS))
    return frame.astype({"named": bool, "role_only": bool}) if len(frame) else frame


def models_for(
    item: Indicator | tuple[str, int] | Any,
    mentions: Iterable[Mention] | Mapping[Any, tuple[str, ...]],
) -> tuple[str, ...]:
    """The models an indicator (or an ``(article_id, paragraph_index)``) is about.

    The paragraph's models when it mentions any, else the article's models, else ``()``.

    Parameters
    ----------
    item : an Indicator (or any record with ``article_id`` and ``paragraph_index``), or a
        tuple ``(article_id, paragraph_index)``
    mentions : the corpus's mentions, or for many calls the merged result of
        ``{**article_models(m), **paragraph_models(m)}`` computed once

    Returns
    -------
    tuple of model ids
    """
    if isinstance(item, tuple):
        aid, pidx = item
    else:
        aid, pidx = item.article_id, item.paragraph_index
    if isinstance(mentions, Mapping):
        table = mentions
    else:
        ms = list(mentions)
        table = {**article_models(ms), **paragraph_models(ms)}
    return tuple(table.get((aid, pidx)) or table.get(aid) or ())
