"""Segmentation cues and the seed place list: the two data files of the page segmenter.

``corpus_rules.yaml`` (page furniture, paper names, caption and byline cues) and
``places.yaml`` (the districts, towns and sub-districts of the seed papers, with
aliases) are loaded and validated here, once per process, and compiled into the
:class:`Rules` and :class:`Places` that :mod:`govstats.segment` walks with. A bad entry
is a ``LexiconError`` naming ``file:line``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import LexiconError
from .paths import DATA_DIR

__all__ = ["Rules", "Places", "load_rules", "load_places", "RULES_FILE", "PLACES_FILE"]

RULES_FILE = DATA_DIR / "corpus_rules.yaml"
PLACES_FILE = DATA_DIR / "places.yaml"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


# ---------------------------------------------------------------------------
# data files


def _compose_yaml(path: Path):
    import yaml

    try:
        with open(path, encoding="utf-8") as f:
            return yaml.compose(f)
    except OSError as e:
        raise LexiconError(f"{path}: cannot read ({e.strerror}); expected a YAML file") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise LexiconError(
            f"{where}: not valid YAML ({getattr(e, 'problem', e)}); fix the syntax"
        ) from None


def _where(path: Path, node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def _scalar(path: Path, node, what: str) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise LexiconError(f"{_where(path, node)}: {what} must be a non-empty string")
    return str(node.value).strip()


def _str_list(path: Path, node, what: str) -> list[str]:
    import yaml

    if isinstance(node, yaml.ScalarNode):  # a plain string of characters
        return [c for c in _scalar(path, node, what) if not c.isspace()]
    if not isinstance(node, yaml.SequenceNode):
        raise LexiconError(f"{_where(path, node)}: {what} must be a list of strings")
    return [_scalar(path, item, f"each item of {what}") for item in node.value]


def _regex(path: Path, node, what: str) -> re.Pattern:
    pattern = _scalar(path, node, what)
    try:
        return re.compile(pattern)
    except re.error as e:
        raise LexiconError(
            f"{_where(path, node)}: {what} {pattern!r} is not a valid regular expression ({e})"
        ) from None


def _mapping(path: Path, node, what: str) -> dict[str, object]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise LexiconError(f"{_where(path, node)}: {what} must be a mapping of keys to values")
    return {str(k.value): v for k, v in node.value}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so 烟台高新区 beats 高新区)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Rules:
    """Compiled segmentation cues loaded from ``corpus_rules.yaml``."""

    furniture: re.Pattern
    papers: re.Pattern
    caption_cue: re.Pattern
    caption_scene: re.Pattern
    function_endings: frozenset[str]
    author_org: re.Pattern
    role: re.Pattern
    role_name: re.Pattern
    path: str = ""


@functools.lru_cache(maxsize=8)
def load_rules(path: str | Path | None = None) -> Rules:
    """Load and validate the segmentation cues (``govstats/data/corpus_rules.yaml``).

    Parameters
    ----------
    path : another rules file with the same keys (default: the package's own)

    Returns
    -------
    Rules

    Raises
    ------
    LexiconError
        Naming ``file:line`` of a missing key, a non-string entry or a bad regex.
    """
    path = Path(path) if path is not None else RULES_FILE
    root = _compose_yaml(path)
    if root is None:
        raise LexiconError(f"{path}: empty rules file; expected the keys of corpus_rules.yaml")
    top = _mapping(path, root, "the rules file")
    need = (
        "furniture",
        "papers",
        "paper_pattern",
        "caption_cues",
        "caption_scene",
        "function_word_endings",
        "author_org_suffixes",
        "byline_role",
    )
    for key in need:
        if key not in top:
            raise LexiconError(f"{path}:{root.start_mark.line + 1}: missing key {key!r}")
    import yaml

    fnode = top["furniture"]
    if not isinstance(fnode, yaml.SequenceNode):
        raise LexiconError(f"{_where(path, fnode)}: furniture must be a list of regexes")
    furniture = [_regex(path, n, "furniture pattern") for n in fnode.value]
    papers = _str_list(path, top["papers"], "papers")
    paper_pat = _regex(path, top["paper_pattern"], "paper_pattern").pattern
    role = _regex(path, top["byline_role"], "byline_role").pattern
    cues = _str_list(path, top["caption_cues"], "caption_cues")
    scene = _str_list(path, top["caption_scene"], "caption_scene")
    orgs = _str_list(path, top["author_org_suffixes"], "author_org_suffixes")
    ends = _str_list(path, top["function_word_endings"], "function_word_endings")
    return Rules(
        furniture=re.compile("|".join(f"(?:{p.pattern})" for p in furniture)),
        papers=re.compile(f"{_alternation(papers)}|{paper_pat}"),
        caption_cue=re.compile(f"(?:{_alternation(cues)})[。.]?$|^(?:图为|图:)"),
        caption_scene=re.compile(_alternation(scene)),
        function_endings=frozenset(ends),
        author_org=re.compile(f"[{_HAN}]{{1,12}}(?:{_alternation(orgs)})"),
        role=re.compile(f"(?:{role})"),
        role_name=re.compile(f"(?:{role})[{_HAN}·]{{2,4}}|[{_HAN}·]{{2,4}}(?:摄|摄影|报道)"),
        path=str(path),
    )


@dataclass(frozen=True)
class Places:
    """The place list (``places.yaml``) compiled for matching.

    ``district_of`` maps every surface form (name, alias, subunit) to the canonical
    place names it may mean (several for an ambiguous alias such as 高新区);
    ``level`` and ``city`` describe each canonical place.
    """

    pattern: re.Pattern
    district_of: dict[str, tuple[str, ...]]
    level: dict[str, str]
    city: dict[str, str | None]
    city_forms: dict[str, tuple[str, ...]]
    path: str = ""

    def resolve(self, surface: str, *contexts: str) -> str | None:
        """The place a surface form means.

        An ambiguous alias (高新区) means the candidate whose city is named in the
        first context that names exactly one candidate's city (article, then document).
        """
        cands = self.district_of.get(surface, ())
        if len(cands) <= 1:
            return cands[0] if cands else None
        for context in contexts:
            hits = [
                c
                for c in cands
                if self.city.get(c) and any(f in context for f in self.city_forms[self.city[c]])
            ]
            if len(hits) == 1:
                return hits[0]
        return None


@functools.lru_cache(maxsize=8)
def load_places(path: str | Path | None = None) -> Places:
    """Load and validate the place list (``govstats/data/places.yaml``).

    Parameters
    ----------
    path : another place file in the same format (default: the package's own)

    Returns
    -------
    Places

    Raises
    ------
    LexiconError
        Naming ``file:line`` of a malformed entry, an unknown level, an unknown city
        or a name/subunit listed twice.
    """
    import yaml

    path = Path(path) if path is not None else PLACES_FILE
    root = _compose_yaml(path)
    if root is None or not isinstance(root, yaml.SequenceNode):
        raise LexiconError(f"{path}: expected a list of places (- name: …, level: …)")
    forms: dict[str, list[str]] = {}
    unique_seen: dict[str, str] = {}
    level: dict[str, str] = {}
    city: dict[str, str | None] = {}
    aliases_of: dict[str, list[str]] = {}
    for node in root.value:
        entry = _mapping(path, node, "each place")
        where = _where(path, node)
        for key in entry:
            if key not in ("name", "level", "city", "aliases", "subunits"):
                raise LexiconError(
                    f"{where}: unknown key {key!r}; expected name, level, city, aliases, subunits"
                )
        if "name" not in entry or "level" not in entry:
            raise LexiconError(f"{where}: a place needs both 'name' and 'level'")
        name = _scalar(path, entry["name"], "name")
        lev = _scalar(path, entry["level"], "level")
        if lev not in ("district", "county", "city"):
            raise LexiconError(
                f"{where}: level {lev!r} of {name}; expected district, county or city"
            )
        if name in level:
            raise LexiconError(f"{where}: place {name!r} is listed twice; keep one entry")
        level[name] = lev
        city[name] = _scalar(path, entry["city"], "city") if "city" in entry else None
        als = _str_list(path, entry["aliases"], "aliases") if "aliases" in entry else []
        subs = _str_list(path, entry["subunits"], "subunits") if "subunits" in entry else []
        aliases_of[name] = als
        for surface, unique in [
            (name, True),
            *((a, False) for a in als),
            *((s, True) for s in subs),
        ]:
            if unique and surface in unique_seen:
                raise LexiconError(
                    f"{where}: {surface!r} (under {name}) is already listed under "
                    f"{unique_seen[surface]}; a name or subunit may appear only once"
                )
            if unique:
                unique_seen[surface] = name
            forms.setdefault(surface, [])
            if name not in forms[surface]:
                forms[surface].append(name)
    for name, c in city.items():
        if c is not None and level.get(c) != "city":
            raise LexiconError(f"{path}: city {c!r} of {name} is not listed as a level: city place")
    city_forms = {n: (n, *aliases_of[n]) for n, lev in level.items() if lev == "city"}
    if not forms:
        raise LexiconError(f"{path}: no places listed")
    # a look-ahead on the first two characters lets ``re`` skip most positions (≈ 2× faster)
    first_chars = "".join(sorted({f[0] for f in forms}))
    ahead = f"[{re.escape(first_chars)}]"
    if min(map(len, forms)) >= 2:
        ahead += f"[{re.escape(''.join(sorted({f[1] for f in forms})))}]"
    pattern = re.compile(f"(?={ahead})(?:{_alternation(forms)})")
    return Places(
        pattern=pattern,
        district_of={k: tuple(v) for k, v in forms.items()},
        level=level,
        city=city,
        city_forms=city_forms,
        path=str(path),
    )
