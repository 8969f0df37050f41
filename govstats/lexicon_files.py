"""Reading and validating lexicon files (``govstats/data/models.yaml``, ``levels.yaml`` and
users' own files) into :class:`Model` and :class:`Levels` records.

Every problem is a :class:`~govstats.errors.LexiconError` naming ``file:line``, the entry and
the field. Regular expressions are checked at load time: they must compile, must not match
the empty string and must not nest quantifiers (``(a+)+$`` backtracks exponentially).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # Python 3.11+
    import re._constants as _sre_const  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_const  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from .errors import LexiconError, closest

logger = logging.getLogger("govstats.lexicon")

__all__ = [
    "Model",
    "Levels",
    "StructureRule",
    "KINDS",
    "read_files",
    "norm_name",
    "canon_key",
    "required_pieces",
]

# Inside a literal alias these characters are "separator slots": they match any run of
# separators or quote marks in the text, so “社区吹哨、部门报到” also finds 社区吹哨·部门报到.
ALIAS_SEPARATORS = "、·•,，/ "
# What a matched surface is reduced to before looking its alias up.
SURFACE_DROP = re.compile(r"[、·•,，/\s“”\"‘’'「」]")

#: What a mention can be: the model's own name, or a role or unit that belongs to it.
KINDS = ("model", "role")

_MODEL_FIELDS = (
    "id",
    "name",
    "category",
    "description",
    "aliases",
    "roles",
    "patterns",
    "not_in",
    "evidence",
    "depth",
    "structures",
)
_RULE_KEYS = ("label", "top_at_or_below", "ranks_only", "level_words")
_LEVEL_FIELDS = ("nouns", "starts", "enumeration_verbs", "synonyms", "ranks", "ladders")
_TOP_FIELDS = ("categories", "models", "levels", *_LEVEL_FIELDS)
_PATTERN_KEYS = {"regex", "nested", "label", "kind"}


@dataclass(frozen=True, slots=True)
class StructureRule:
    """When a stated structure names a structure model, and the ``label`` its mention gets.

    A structure fits when every condition given holds: ``top_at_or_below`` (a rank word of
    the level vocabulary) — its top level ranks no higher than that word (社区党委 … below
    街道); ``ranks_only`` — every level is an administrative rank word (省、市、县、乡);
    ``level_words`` — some level contains one of these words (网格).
    """

    label: str
    top_at_or_below: str | None = None
    ranks_only: bool = False
    level_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Model:
    """One governance model of the lexicon.

    ``aliases`` are literal strings that name the model (a mention of kind ``model``),
    ``roles`` literal strings for a role or unit that belongs to it (kind ``role``: 楼栋长,
    网格员). ``patterns`` are regular expressions; ``pattern_kinds`` pairs a pattern with
    its kind when that is ``role``. ``nested_patterns`` match whole structures (a level
    chain) inside which other mentions are still reported. ``pattern_labels`` pairs a
    pattern with the label reported as a mention's ``alias`` (default ``re:<pattern>``).
    ``role_near`` pairs an alias or role with words one of which must be in the same
    sentence (物业公司 counts for 红色物业 only next to 党组织, 党建 …; 联席会议 for 议事协商
    only next to 社区, 业委会 …). ``not_in`` lists unrelated
    compounds: a match lying inside one of them is no mention (防沙网格, 物业费).
    ``evidence`` says where the model was seen (a corpus sentence). ``depth`` is the
    number of levels a structure model's name states (三级网格: 3), if any.
    ``structures``: when a stated structure of ``depth`` levels names the model, the rules
    that label its mention (the first that fits; none: the structure names no model).
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
    roles: tuple[str, ...] = ()
    pattern_kinds: tuple[tuple[str, str], ...] = ()
    role_near: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_in: tuple[str, ...] = ()
    evidence: str = ""
    depth: int | None = None
    structures: tuple[StructureRule, ...] = ()

    def kind_of(self, alias: str) -> str:
        """``model`` or ``role``: what the alias (or pattern) says about this model."""
        if alias in self.roles:
            return "role"
        return dict(self.pattern_kinds).get(alias, "model")


@dataclass(frozen=True, slots=True)
class Levels:
    """Organisation-level vocabulary: level nouns, start words, synonym groups."""

    nouns: tuple[str, ...]
    starts: tuple[str, ...]
    enumeration_verbs: tuple[str, ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]
    #: administrative ranks, top first: each a group of level words of one rank
    #: (省 / 市 / 县, 区 / 乡镇, 街道 / 村, 社区 / 小区, 网格 / 楼栋 / 单元)
    ranks: tuple[tuple[str, ...], ...] = ()
    #: other ladders of units, top first, one step a group of words (军 / 师 / 团 / 营 / 连;
    #: 教委 / 学校 / 院系): a 、-list of one ladder's steps before N级 is a structure
    ladders: tuple[tuple[tuple[str, ...], ...], ...] = ()


def canon_key(name: str) -> str:
    """Spelling-insensitive key of a level name (full-width parentheses folded)."""
    return name.replace("（", "(").replace("）", ")").replace(" ", "").strip()


def norm_name(name: str) -> str:
    """Normalise a model name typed by a user: quotes, spaces, full-width plus."""
    return SURFACE_DROP.sub("", name.replace("＋", "+")).strip()


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


def _mapping_items(
    src: _Source, node: yaml.Node, what: str
) -> list[tuple[str, yaml.Node, yaml.Node]]:
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
    """A list of strings; with ``allow_regex`` items may be ``{regex: ...}`` mappings.

    Returns ``(literals, regexes)``: ``[(text, node)]`` and
    ``[(regex, node, nested, label, kind)]``.
    """
    node_items = _items(src, node, where)
    literals: list[tuple[str, yaml.Node]] = []
    regexes: list[tuple[str, yaml.Node, bool, str, str]] = []
    for item in node_items:
        v = src.value(item)
        if isinstance(v, str) and v.strip():
            literals.append((v.strip(), item))
        elif allow_regex and _near_item(v, "alias") is not None:
            literals.append((_near_item(v, "alias"), item))  # (alias, near words)
        elif (
            allow_regex
            and isinstance(v, dict)
            and isinstance(v.get("regex"), str)
            and set(v) <= _PATTERN_KEYS
            and isinstance(v.get("nested", False), bool)
            and isinstance(v.get("label", ""), str)
            and v.get("kind", "model") in KINDS
        ):
            regexes.append(
                (
                    v["regex"],
                    item,
                    v.get("nested", False),
                    v.get("label", ""),
                    v.get("kind", "model"),
                )
            )
        else:
            exp = (
                "a non-empty string, {alias: '...', near: [word, ...]} or "
                "{regex: '...', nested: true|false, label: '...', kind: model|role}"
                if allow_regex
                else "a non-empty string"
            )
            raise LexiconError(
                f"{src.at(item)}: {where}: expected {exp}, got {_type_name(v)} {v!r}"
            )
    return literals, regexes


def _items(src: _Source, node: yaml.Node, where: str) -> list[yaml.Node]:
    if isinstance(node, yaml.ScalarNode) and isinstance(src.value(node), str):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    raise LexiconError(
        f"{src.at(node)}: {where}: expected a list of strings, got {_type_name(src.value(node))}"
    )


def _near_item(v: Any, key: str) -> tuple[str, tuple[str, ...]] | None:
    """``{<key>: 物业, near: [党组织, 党建]}`` → ("物业", ("党组织", "党建")), else None."""
    near = v.get("near") if isinstance(v, dict) else None
    if (
        isinstance(v, dict)
        and set(v) == {key, "near"}
        and isinstance(v.get(key), str)
        and v[key].strip()
        and isinstance(near, list)
        and near
        and all(isinstance(w, str) and w.strip() for w in near)
    ):
        return v[key].strip(), tuple(w.strip() for w in near)
    return None


def _role_list(src: _Source, node: yaml.Node, where: str):
    """``roles:`` items: a string, or ``{role: 物业, near: [党组织, 党建]}``.

    Returns ``[(role, near_words)]``.
    """
    out: list[tuple[str, tuple[str, ...]]] = []
    for item in _items(src, node, where):
        v = src.value(item)
        if isinstance(v, str) and v.strip():
            out.append((v.strip(), ()))
            continue
        got = _near_item(v, "role")
        if got is not None:
            out.append(got)
            continue
        raise LexiconError(
            f"{src.at(item)}: {where}: expected a non-empty string or "
            f"{{role: '...', near: [word, ...]}}, got {_type_name(v)} {v!r}"
        )
    return out


def _nested_quantifier(pattern: str) -> str | None:
    """The first quantified group that itself holds a quantifier (``(a+)+``), or None.

    Such a pattern can backtrack exponentially on a failing match (ReDoS): the classic
    ``(a+)+$`` needs seconds on 30 ``a``'s. Only repeats allowing more than one
    iteration count; atomic groups and possessive repeats cannot backtrack and pass.
    """
    repeats = {_sre_const.MAX_REPEAT, _sre_const.MIN_REPEAT}
    safe = {
        getattr(_sre_const, n)
        for n in ("ATOMIC_GROUP", "POSSESSIVE_REPEAT")
        if hasattr(_sre_const, n)
    }

    def has_repeat(items) -> bool:
        for op, av in items:
            if op in safe:
                continue
            if op in repeats and av[1] > 1:
                return True
            for sub in _children(op, av):
                if has_repeat(sub):
                    return True
        return False

    def walk(items) -> str | None:
        for op, av in items:
            if op in safe:
                continue
            if op in repeats and av[1] > 1 and has_repeat(av[2]):
                return "a quantified group containing another quantifier"
            for sub in _children(op, av):
                found = walk(sub)
                if found:
                    return found
        return None

    return walk(_sre_parse.parse(pattern))


def _children(op, av) -> list:
    """Sub-patterns of one parsed regex node."""
    c = _sre_const
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        return [av[2]]
    if op == c.SUBPATTERN:
        return [av[-1]]
    if op == c.BRANCH:
        return list(av[1])
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op == c.GROUPREF_EXISTS:
        return [x for x in av[1:] if x is not None]
    return []


def required_pieces(pattern: str) -> list[str | frozenset[str]]:
    """What every match of ``pattern`` must contain: literal strings, or sets of which one
    character must occur. A text lacking one of them cannot match, so the scan is skipped
    (``12345…热线`` needs ``12345``; a level chain needs one of its dashes).
    """
    c = _sre_const
    out: list[str | frozenset[str]] = []

    def first_chars(items) -> frozenset[str] | None:
        if not items:
            return None
        op, av = items[0]
        if op == c.LITERAL:
            return frozenset(chr(av))
        if op == c.IN and all(o == c.LITERAL for o, _ in av):
            return frozenset(chr(v) for _, v in av)
        if op == c.SUBPATTERN:
            return first_chars(av[-1])
        if op == c.BRANCH:
            sets = [first_chars(alt) for alt in av[1]]
            return frozenset().union(*sets) if all(sets) else None
        return None

    def walk(items) -> None:
        run: list[str] = []
        for op, av in items:
            if op == c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                out.append("".join(run))
                run = []
            if op == c.SUBPATTERN:
                walk(av[-1])
            elif op in (c.IN, c.BRANCH):
                chars = first_chars([(op, av)])
                if chars:
                    out.append(chars)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                chars = first_chars(av[2])
                if chars:
                    out.append(chars)
        if run:
            out.append("".join(run))

    walk(_sre_parse.parse(pattern))
    return out


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
    problem = _nested_quantifier(pattern)
    if problem:
        raise LexiconError(
            f"{src.at(node)}: {where}: regular expression {pattern!r} has {problem} "
            "(like (a+)+), which can take exponential time on a non-matching text; "
            "quantify the group or its contents, not both (e.g. (?:a+) -> a+)"
        )


def _str_field(src: _Source, fields, k: str, label: str) -> str:
    v = src.value(fields[k][1])
    if not isinstance(v, str) or not v.strip():
        raise LexiconError(
            f"{src.at(fields[k][1])}: {label}: field {k!r}: expected a non-empty string, "
            f"got {_type_name(v)} {v!r}"
        )
    return v.strip()


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
            text[k] = _str_field(src, fields, k, label)
        evidence = _str_field(src, fields, "evidence", label) if "evidence" in fields else ""
        depth = src.value(fields["depth"][1]) if "depth" in fields else None
        if depth is not None and (
            isinstance(depth, bool) or not isinstance(depth, int) or depth < 2
        ):
            raise LexiconError(
                f"{src.at(fields['depth'][1])}: {label}: field 'depth': expected a whole "
                f"number of levels (2 or more), got {_type_name(depth)} {depth!r}"
            )
        rules = _structure_rules(src, fields, label) if "structures" in fields else ()
        if rules and depth is None:
            raise LexiconError(
                f"{src.at(fields['structures'][0])}: {label}: field 'structures' needs "
                "'depth' (the number of levels of the structures that name the model)"
            )
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
        kinds: list[tuple[str, str]] = []
        alias_near: list[tuple[str, tuple[str, ...]]] = []
        for field_ in ("aliases", "patterns"):
            if field_ not in fields:
                continue
            where = f"{label}: field {field_!r}"
            lits, rxs = _str_list(src, fields[field_][1], where, allow_regex=True)
            if field_ == "aliases":
                for a, _ in lits:
                    if isinstance(a, tuple):  # {alias: …, near: […]}
                        alias_near.append(a)
                        a = a[0]
                    aliases.append(a)
            else:
                if any(isinstance(p, tuple) for p, _ in lits):
                    raise LexiconError(
                        f"{src.at(fields[field_][1])}: {where}: {{alias: …}} items belong under "
                        "'aliases'; a pattern is a string or {regex: '...'}"
                    )
                rxs = [(p, pn, False, "", "model") for p, pn in lits] + rxs
            for p, pn, is_nested, lab, kind in rxs:
                _check_regex(src, pn, where, p)
                (nested if is_nested else patterns).append(p)
                if lab:
                    labels.append((p, lab))
                if kind != "model":
                    kinds.append((lab or "re:" + p, kind))
        roles = (
            _role_list(src, fields["roles"][1], f"{label}: field 'roles'")
            if "roles" in fields
            else []
        )
        not_in: list[str] = []
        if "not_in" in fields:
            lits, _ = _str_list(src, fields["not_in"][1], f"{label}: field 'not_in'")
            not_in = [a for a, _ in lits]
        both = {norm_name(a) for a in aliases} & {norm_name(r) for r, _ in roles}
        if both:
            raise LexiconError(
                f"{src.at(fields['roles'][0])}: {label}: {sorted(both)[0]!r} is listed both "
                "under 'aliases' (names the model) and 'roles' (a role of it); keep one"
            )
        if mid not in aliases and not any(ch in ALIAS_SEPARATORS for ch in mid):
            aliases.insert(0, mid)
        if not aliases and not patterns and not nested and not roles:
            raise LexiconError(
                f"{src.at(entry)}: {label}: needs at least one of 'aliases', 'roles' or 'patterns'"
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
                roles=tuple(dict.fromkeys(r for r, _ in roles)),
                pattern_kinds=tuple(kinds),
                role_near=tuple((r, near) for r, near in (*alias_near, *roles) if near),
                not_in=tuple(dict.fromkeys(not_in)),
                evidence=evidence,
                depth=depth,
                structures=rules,
            )
        )
    return out


def _structure_rules(src: _Source, fields, label: str) -> tuple[StructureRule, ...]:
    """``structures:`` items: ``{label: …, top_at_or_below: 街道, ranks_only: true,
    level_words: [网格]}`` (only ``label`` required)."""
    where = f"{label}: field 'structures'"
    node = fields["structures"][1]
    if not isinstance(node, yaml.SequenceNode):
        raise LexiconError(f"{src.at(node)}: {where}: expected a list of {{label: ...}} items")
    out = []
    for item in node.value:
        v = src.value(item)
        bad = None
        if not isinstance(v, dict) or not isinstance(v.get("label"), str) or not v["label"].strip():
            bad = "each item needs a non-empty 'label'"
        elif set(v) - set(_RULE_KEYS):
            bad = f"unknown key {sorted(set(v) - set(_RULE_KEYS))[0]!r}; expected {', '.join(_RULE_KEYS)}"
        elif v.get("top_at_or_below") is not None and not isinstance(v["top_at_or_below"], str):
            bad = "'top_at_or_below' must be a rank word"
        elif not isinstance(v.get("ranks_only", False), bool):
            bad = "'ranks_only' must be true or false"
        elif not isinstance(v.get("level_words", []), list) or not all(
            isinstance(w, str) and w.strip() for w in v.get("level_words", [])
        ):
            bad = "'level_words' must be a list of words"
        if bad:
            raise LexiconError(f"{src.at(item)}: {where}: {bad}, got {v!r}")
        out.append(
            StructureRule(
                label=v["label"].strip(),
                top_at_or_below=(v.get("top_at_or_below") or "").strip() or None,
                ranks_only=v.get("ranks_only", False),
                level_words=tuple(w.strip() for w in v.get("level_words", [])),
            )
        )
    return tuple(out)


def _unknown(where: str, key: str, allowed: Sequence[str]) -> LexiconError:
    """``<where> 'key' (did you mean …?); expected one of …`` as a LexiconError."""
    guess = closest(key, allowed)
    hint = f" (did you mean {guess[0]!r}?)" if guess else ""
    return LexiconError(f"{where} {key!r}{hint}; expected one of {', '.join(allowed)}")


def _parse_levels(src: _Source, node: yaml.Node, base: dict[str, Any]) -> None:
    for key, kn, vn in _mapping_items(src, node, "levels"):
        if key not in _LEVEL_FIELDS:
            raise _unknown(f"{src.at(kn)}: levels: unknown field", key, _LEVEL_FIELDS)
        if key == "ranks":
            for i, gn in enumerate(_items(src, vn, "levels: field 'ranks'"), start=1):
                lits, _ = _str_list(src, gn, f"levels: ranks group #{i}")
                base["ranks"].append([v for v, _ in lits])
            continue
        if key == "ladders":
            for i, gn in enumerate(_items(src, vn, "levels: field 'ladders'"), start=1):
                lits, _ = _str_list(src, gn, f"levels: ladder #{i}")
                # a step's words are written 团/团场
                base["ladders"].append([tuple(w for w in v.split("/") if w) for v, _ in lits])
            continue
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
        for field_, words in (("aliases", m.aliases), ("roles", m.roles)):
            for a in words:
                key = norm_name(a)
                other = owner.get(key)
                if other is not None and other.id != m.id:
                    raise LexiconError(
                        f"{m.source}: model {m.id!r}: field {field_!r}: alias {a!r} also belongs "
                        f"to model {other.id!r} ({other.source}); an alias or role may belong to "
                        "one model only"
                    )
                owner[key] = m


def read_files(paths: Sequence[Path]) -> dict[str, Any]:
    """Read lexicon files in order (later ids replace earlier ones).

    Returns
    -------
    dict with ``models`` (list of Model), ``levels`` (Levels), ``categories`` and
    ``sources`` (lists of str)
    """
    acc: dict[str, Any] = {
        "categories": [],
        "models": {},
        "levels": {
            "nouns": [],
            "starts": [],
            "enumeration_verbs": [],
            "synonyms": {},
            "ranks": [],
            "ladders": [],
        },
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
        ranks=tuple(tuple(g) for g in lv["ranks"]),
        ladders=tuple(tuple(steps) for steps in lv["ladders"]),
    )
    return {
        "models": models_,
        "levels": levels,
        "categories": acc["categories"],
        "sources": acc["sources"],
    }
