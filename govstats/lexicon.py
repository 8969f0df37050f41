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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import LexiconError, UnknownModelError, closest
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
    "paragraph_models",
    "models_for",
    "MODELS_FILE",
    "LEVELS_FILE",
]

MODELS_FILE = DATA_DIR / "models.yaml"
LEVELS_FILE = DATA_DIR / "levels.yaml"

# Inside a literal alias these characters are "separator slots": they match any run of
# separators or quote marks in the text, so “社区吹哨、部门报到” also finds 社区吹哨·部门报到.
_ALIAS_SEPARATORS = "、·•,，/ "
_SEP_RE = r"[、·•,，/\s“”\"‘’'「」]{0,4}"
_PLUS_RE = r"\s*[+＋]\s*"
# What a matched surface is reduced to before looking its alias up.
_SURFACE_DROP = re.compile(r"[、·•,，/\s“”\"‘’'「」]")

_MODEL_FIELDS = ("id", "name", "category", "description", "aliases", "patterns")
_LEVEL_FIELDS = ("nouns", "starts", "enumeration_verbs", "synonyms")
_TOP_FIELDS = ("categories", "models", "levels", *_LEVEL_FIELDS)


@dataclass(frozen=True, slots=True)
class Model:
    """One governance model of the lexicon.

    ``aliases`` are literal strings, ``patterns`` regular expressions. ``nested_patterns``
    match whole structures (a level chain) inside which other mentions are still reported.
    ``pattern_labels`` pairs a pattern with the label reported as a mention's ``alias``
    (default ``re:<pattern>``).
    ``source`` is ``file:line`` of the entry that defined the model.
    """

    id: str
    name: str
    category: str
    description: str
    aliases: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    source: str = ""
    nested_patterns: tuple[str, ...] = ()
    pattern_labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Levels:
    """Organisation-level vocabulary: level nouns, start words, synonym groups."""

    nouns: tuple[str, ...]
    starts: tuple[str, ...]
    enumeration_verbs: tuple[str, ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]


def _canon_key(name: str) -> str:
    """Spelling-insensitive key of a level name (full-width parentheses folded)."""
    return name.replace("（", "(").replace("）", ")").replace(" ", "").strip()


def _norm_name(name: str) -> str:
    """Normalise a model name typed by a user: quotes, spaces, full-width plus."""
    return _SURFACE_DROP.sub("", name.replace("＋", "+")).strip()


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
        key = _norm_name(name)
        for m in self._models:
            if key == _norm_name(m.id) or key == _norm_name(m.name):
                return m
        for m in self._models:
            if any(key == _norm_name(a) for a in m.aliases):
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
        return self.matcher.find(text)

    # ---- levels
    def canonical_level(self, name: str) -> str:
        """The canonical name of an organisation level (``社区党委`` → ``社区党组织``)."""
        if self._level_canon is None:
            table = {}
            for key, variants in self.levels.synonyms:
                table[_canon_key(key)] = key
                for v in variants:
                    table[_canon_key(v)] = key
            self._level_canon = table
        k = _canon_key(name)
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

        Model ids, names and aliases (split at separators; aliases joining roles with
        ``+`` are left out), level names and synonyms; each at least two characters,
        sorted and unique.
        """
        words: set[str] = set()
        pieces: list[str] = []
        for m in self._models:
            # "楼长+组长" splits into generic words (组长): keep only whole + aliases' heads
            pieces.extend(a for a in (m.id, m.name, *m.aliases) if "+" not in a and "＋" not in a)
        for key, variants in self.levels.synonyms:
            pieces.extend((key, *variants))
        pieces.extend(n for n in self.levels.nouns if len(n) >= 2)
        for p in pieces:
            for w in re.split(r"[、·•,，/\s“”\"‘’']+", p):
                if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", w):
                    words.add(w)
        return sorted(words)


# --------------------------------------------------------------------------- matching


def _alias_regex(alias: str) -> list[str]:
    """Regex tokens of a literal alias (one per character or separator slot)."""
    out: list[str] = []
    for ch in alias:
        if ch in _ALIAS_SEPARATORS:
            if out and out[-1] == _SEP_RE:
                continue
            out.append(_SEP_RE)
        elif ch in "+＋":
            out.append(_PLUS_RE)
        else:
            out.append(re.escape(ch))
    while out and out[-1] == _SEP_RE:
        out.pop()
    while out and out[0] == _SEP_RE:
        out.pop(0)
    return out


def _trie_regex(seqs: Iterable[list[str]]) -> str:
    """One regex for many token sequences; at a position it prefers the longest match."""
    trie: dict = {}
    for seq in seqs:
        node = trie
        for tok in seq:
            node = node.setdefault(tok, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        children = sorted(k for k in node if k != "")
        if not children:
            return ""
        alts = [k + build(node[k]) for k in children]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # a terminal node makes the rest optional; greedy `?` tries the longer alias first
        return f"(?:{body})?" if end else body

    return build(trie)


class _Matcher:
    """Compiled matcher: one trie regex for all literal aliases plus the models' patterns."""

    def __init__(self, models: Sequence[Model]) -> None:
        self.by_key: dict[str, tuple[str, str]] = {}
        seqs = []
        for m in models:
            for a in m.aliases:
                key = _norm_name(a)
                if key and key not in self.by_key:
                    self.by_key[key] = (m.id, a)
                    seqs.append(_alias_regex(a))
        self.literal = re.compile(_trie_regex(seqs)) if seqs else None
        def label(m: Model, p: str) -> str:
            return dict(m.pattern_labels).get(p) or "re:" + p

        self.patterns = [(re.compile(p), m.id, label(m, p)) for m in models for p in m.patterns]
        self.nested = [
            (re.compile(p), m.id, label(m, p)) for m in models for p in m.nested_patterns
        ]
        # scanned one by one: an alternation of them all would lose the regex engine's
        # fast skip to possible first characters (measured 7.8 vs 40+ M chars/s)
        self.scanners = ([self.literal] if self.literal else []) + [r for r, _, _ in self.patterns]
        self.nested_scanners = [r for r, _, _ in self.nested]

    def _best_at(self, text: str, pos: int, pats) -> tuple[int, str, str] | None:
        """Longest match starting at ``pos``: (end, model_id, alias)."""
        best = None
        if pats is self.patterns and self.literal is not None:
            m = self.literal.match(text, pos)
            if m and m.end() > pos:
                hit = self.by_key.get(_norm_name(m.group()))
                if hit is not None:
                    best = (m.end(), *hit)
        for rx, mid, alias in pats:
            m = rx.match(text, pos)
            if m and m.end() > pos and (best is None or m.end() > best[0]):
                best = (m.end(), mid, alias)
        return best

    def _scan(self, text: str, scanners, pats) -> list[tuple[int, int, str, str]]:
        # every start position that begins some match (overlaps included) ...
        starts: set[int] = set()
        for rx in scanners:
            pos = 0
            search = rx.search
            while (m := search(text, pos)) is not None:
                starts.add(m.start())
                pos = m.start() + 1
        if not starts:
            return []
        cands = []
        for s in sorted(starts):
            best = self._best_at(text, s, pats)
            if best is not None:
                cands.append((s, *best))
        if len(cands) <= 1:
            return cands
        # ... then keep the longest, earliest first, dropping what overlaps it
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, str, str]] = []
        for c in cands:
            if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
                taken.append(c)
        return taken

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        out = self._scan(text, self.scanners, self.patterns)
        out += self._scan(text, self.nested_scanners, self.nested)
        out.sort(key=lambda c: (c[0], c[0] - c[1]))
        return out


# --------------------------------------------------------------------------- loading


class _Source:
    """A parsed YAML file with line numbers for its nodes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LexiconError(
                f"{path}: lexicon file not found (expected a YAML file with a `models:` list)"
            ) from None
        except UnicodeDecodeError as e:
            raise LexiconError(f"{path}: not UTF-8 text ({e.reason}); save it as UTF-8") from None
        self.loader = yaml.SafeLoader(text)
        try:
            self.root = self.loader.get_single_node()
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else str(path)
            problem = getattr(e, "problem", None) or str(e)
            raise LexiconError(f"{where}: not valid YAML ({problem}); fix the syntax") from None
        finally:
            self.loader.dispose()

    def at(self, node: yaml.Node | None) -> str:
        return f"{self.path}:{node.start_mark.line + 1}" if node is not None else str(self.path)

    def value(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as e:
            raise LexiconError(f"{self.at(node)}: cannot read value ({e})") from None


def _type_name(v: Any) -> str:
    return "null" if v is None else type(v).__name__


def _mapping_items(src: _Source, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise LexiconError(
            f"{src.at(node)}: {what}: expected a mapping (key: value lines), got "
            f"{_type_name(src.value(node))}"
        )
    out = []
    for k, v in node.value:
        key = src.value(k)
        if not isinstance(key, str):
            raise LexiconError(f"{src.at(k)}: {what}: keys must be text, got {key!r}")
        out.append((key, k, v))
    return out


def _str_list(src: _Source, node: yaml.Node, where: str, *, allow_regex: bool = False):
    """A list of strings; with ``allow_regex`` items may be ``{regex: ...}`` mappings."""
    if isinstance(node, yaml.ScalarNode) and isinstance(src.value(node), str):
        node_items = [node]
    elif isinstance(node, yaml.SequenceNode):
        node_items = node.value
    else:
        raise LexiconError(
            f"{src.at(node)}: {where}: expected a list of strings, got {_type_name(src.value(node))}"
        )
    literals: list[tuple[str, yaml.Node]] = []
    regexes: list[tuple[str, yaml.Node, bool, str]] = []
    for item in node_items:
        v = src.value(item)
        if isinstance(v, str) and v.strip():
            literals.append((v.strip(), item))
        elif (
            allow_regex
            and isinstance(v, dict)
            and isinstance(v.get("regex"), str)
            and set(v) <= {"regex", "nested", "label"}
            and isinstance(v.get("nested", False), bool)
            and isinstance(v.get("label", ""), str)
        ):
            regexes.append((v["regex"], item, v.get("nested", False), v.get("label", "")))
        else:
            exp = (
                "a non-empty string or {regex: '...', nested: true|false, label: '...'}"
                if allow_regex
                else "a non-empty string"
            )
            raise LexiconError(
                f"{src.at(item)}: {where}: expected {exp}, got {_type_name(v)} {v!r}"
            )
    return literals, regexes


def _check_regex(src: _Source, node: yaml.Node, where: str, pattern: str) -> None:
    try:
        rx = re.compile(pattern)
    except re.error as e:
        raise LexiconError(
            f"{src.at(node)}: {where}: bad regular expression {pattern!r} ({e.msg} at "
            f"position {e.pos}); fix the pattern or list the text under `aliases`"
        ) from None
    if rx.match(""):
        raise LexiconError(
            f"{src.at(node)}: {where}: regular expression {pattern!r} matches the empty "
            "string; make it require at least one character"
        )


def _parse_models(src: _Source, node: yaml.Node, categories: Sequence[str]) -> list[Model]:
    if not isinstance(node, yaml.SequenceNode):
        raise LexiconError(
            f"{src.at(node)}: `models` must be a list of entries (lines starting with '- id: ...'), "
            f"got {_type_name(src.value(node))}"
        )
    out: list[Model] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(node.value, start=1):
        label = f"model entry #{i}"
        fields = {k: (kn, vn) for k, kn, vn in _mapping_items(src, entry, label)}
        if "id" not in fields:
            raise LexiconError(
                f"{src.at(entry)}: {label}: missing field 'id' (every model needs a unique id)"
            )
        mid = src.value(fields["id"][1])
        if not isinstance(mid, str) or not mid.strip():
            raise LexiconError(
                f"{src.at(fields['id'][1])}: {label}: field 'id': expected a non-empty string, "
                f"got {_type_name(mid)} {mid!r}"
            )
        mid = mid.strip()
        label = f"model {mid!r} (entry #{i})"
        if mid in seen:
            raise LexiconError(
                f"{src.at(entry)}: {label}: duplicate id, already defined at {seen[mid]}; "
                "give each model its own id"
            )
        seen[mid] = src.at(entry)
        for k, (kn, _) in fields.items():
            if k not in _MODEL_FIELDS:
                raise _unknown(f"{src.at(kn)}: {label}: unknown field", k, _MODEL_FIELDS)
        text = {}
        for k in ("name", "category", "description"):
            if k not in fields:
                if k == "name":
                    text[k] = mid
                    continue
                raise LexiconError(f"{src.at(entry)}: {label}: missing field {k!r}")
            v = src.value(fields[k][1])
            if not isinstance(v, str) or not v.strip():
                raise LexiconError(
                    f"{src.at(fields[k][1])}: {label}: field {k!r}: expected a non-empty string, "
                    f"got {_type_name(v)} {v!r}"
                )
            text[k] = v.strip()
        if categories and text["category"] not in categories:
            guess = closest(text["category"], categories)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            raise LexiconError(
                f"{src.at(fields['category'][1])}: {label}: field 'category': unknown category "
                f"{text['category']!r}{hint}; expected one of {', '.join(categories)} "
                "(or add it under `categories:`)"
            )
        aliases: list[str] = []
        patterns: list[str] = []
        nested: list[str] = []
        labels: list[tuple[str, str]] = []
        for field_ in ("aliases", "patterns"):
            if field_ not in fields:
                continue
            where = f"{label}: field {field_!r}"
            lits, rxs = _str_list(src, fields[field_][1], where, allow_regex=True)
            if field_ == "aliases":
                aliases.extend(a for a, _ in lits)
            else:
                rxs = [(p, pn, False, "") for p, pn in lits] + rxs
            for p, pn, is_nested, lab in rxs:
                _check_regex(src, pn, where, p)
                (nested if is_nested else patterns).append(p)
                if lab:
                    labels.append((p, lab))
        if mid not in aliases and not any(ch in "、·•,，/ " for ch in mid):
            aliases.insert(0, mid)
        if not aliases and not patterns and not nested:
            raise LexiconError(
                f"{src.at(entry)}: {label}: needs at least one of 'aliases' or 'patterns'"
            )
        out.append(
            Model(
                id=mid,
                name=text["name"],
                category=text["category"],
                description=text["description"],
                aliases=tuple(dict.fromkeys(aliases)),
                patterns=tuple(dict.fromkeys(patterns)),
                source=src.at(entry),
                nested_patterns=tuple(dict.fromkeys(nested)),
                pattern_labels=tuple(labels),
            )
        )
    return out


def _unknown(where: str, key: str, allowed: Sequence[str]) -> LexiconError:
    """``<where> 'key' (did you mean …?); expected one of …`` as a LexiconError."""
    guess = closest(key, allowed)
    hint = f" (did you mean {guess[0]!r}?)" if guess else ""
    return LexiconError(f"{where} {key!r}{hint}; expected one of {', '.join(allowed)}")


def _parse_levels(src: _Source, node: yaml.Node, base: dict[str, Any]) -> None:
    for key, kn, vn in _mapping_items(src, node, "levels"):
        if key not in _LEVEL_FIELDS:
            raise _unknown(f"{src.at(kn)}: levels: unknown field", key, _LEVEL_FIELDS)
        if key == "synonyms":
            for canon, _cn, gn in _mapping_items(src, vn, "levels: field 'synonyms'"):
                lits, _ = _str_list(src, gn, f"levels: synonyms of {canon!r}")
                group = base["synonyms"].setdefault(canon, [])
                group.extend(v for v, _ in lits if v not in group)
        else:
            lits, _ = _str_list(src, vn, f"levels: field {key!r}")
            base[key].extend(v for v, _ in lits if v not in base[key])


def _read_file(path: Path, acc: dict[str, Any]) -> None:
    """Read one lexicon file into the accumulator (models override by id)."""
    src = _Source(path)
    if src.root is None:
        raise LexiconError(f"{path}: empty lexicon file (expected a `models:` list)")
    if isinstance(src.root, yaml.SequenceNode):  # a bare list of model entries
        items = [("models", None, src.root)]
    else:
        items = _mapping_items(src, src.root, "top level")
    models_node = None
    for key, kn, vn in items:
        if key not in _TOP_FIELDS:
            raise _unknown(f"{src.at(kn)}: unknown top-level field", key, _TOP_FIELDS)
        if key == "categories":
            lits, _ = _str_list(src, vn, "field 'categories'")
            acc["categories"].extend(c for c, _ in lits if c not in acc["categories"])
        elif key == "models":
            models_node = vn
        elif key == "levels":
            _parse_levels(src, vn, acc["levels"])
        else:  # level fields at top level (levels.yaml)
            _parse_levels(src, yaml.MappingNode("tag:yaml.org,2002:map", [(kn, vn)]), acc["levels"])
    if models_node is not None:
        for m in _parse_models(src, models_node, acc["categories"]):
            if m.id in acc["models"]:
                logger.debug("%s overrides model %r", m.source, m.id)
            acc["models"][m.id] = m
    acc["sources"].append(str(path))


def _check_alias_clashes(models: Iterable[Model]) -> None:
    owner: dict[str, Model] = {}
    for m in models:
        for a in m.aliases:
            key = _norm_name(a)
            other = owner.get(key)
            if other is not None and other.id != m.id:
                raise LexiconError(
                    f"{m.source}: model {m.id!r}: field 'aliases': alias {a!r} also belongs to "
                    f"model {other.id!r} ({other.source}); an alias may name one model only"
                )
            owner[key] = m


def _build(paths: Sequence[Path]) -> Lexicon:
    acc: dict[str, Any] = {
        "categories": [],
        "models": {},
        "levels": {"nouns": [], "starts": [], "enumeration_verbs": [], "synonyms": {}},
        "sources": [],
    }
    for p in paths:
        _read_file(p, acc)
    models_ = list(acc["models"].values())
    _check_alias_clashes(models_)
    lv = acc["levels"]
    levels = Levels(
        nouns=tuple(sorted(lv["nouns"], key=lambda s: (-len(s), s))),
        starts=tuple(sorted(lv["starts"], key=lambda s: (-len(s), s))),
        enumeration_verbs=tuple(sorted(lv["enumeration_verbs"], key=lambda s: (-len(s), s))),
        synonyms=tuple((k, tuple(v)) for k, v in lv["synonyms"].items()),
    )
    return Lexicon(models_, levels, categories=acc["categories"], sources=acc["sources"])


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return _build([MODELS_FILE, LEVELS_FILE])


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
            for s, e, mid, alias in lex.find(p.text):
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
                    )
                )
    return out


def mentions_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """Mentions as a DataFrame.

    Returns
    -------
    DataFrame with columns ``model_id, alias, surface, file, article_id, article_index,
    paragraph_index, start, end, duplicate``.
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
    }


def _ordered(mentions: Iterable[Mention], key) -> dict:
    out: dict = {}
    for m in sorted(mentions, key=lambda m: (m.file, m.article_index, m.start)):
        ids = out.setdefault(key(m), [])
        if m.model_id not in ids:
            ids.append(m.model_id)
    return {k: tuple(v) for k, v in out.items()}


def article_models(mentions: Iterable[Mention]) -> dict[str, tuple[str, ...]]:
    """Which models each article mentions: ``{article_id: (model_id, ...)}`` in text order."""
    return _ordered(mentions, lambda m: m.article_id)


def paragraph_models(mentions: Iterable[Mention]) -> dict[tuple[str, int], tuple[str, ...]]:
    """Which models each paragraph mentions: ``{(article_id, paragraph_index): (model_id, ...)}``."""
    return _ordered(mentions, lambda m: (m.article_id, m.paragraph_index))


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
