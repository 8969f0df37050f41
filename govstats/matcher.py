"""Finding a lexicon's aliases, roles and patterns in text: the compiled matcher of
:class:`govstats.lexicon.Lexicon`.

One trie regex holds every literal alias and role (separator slots match any run of
separators or quote marks); the models' patterns are scanned one by one; the longest match
wins at each place, and the models' ``not_in`` compounds and the roles' ``near`` words
filter the result.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from .lexicon_files import ALIAS_SEPARATORS, Model, norm_name, required_pieces

__all__ = ["Matcher"]

# Inside a literal alias the separators 、 · • , ， / and spaces are "separator slots":
# they match any run of separators or quote marks in the text.
_SEP_RE = r"[、·•,，/\s“”\"‘’'「」]{0,4}"
_PLUS_RE = r"\s*[+＋]\s*"
# sentence ends for a role's `near` words
_SENTENCE_RE = re.compile(r"[。！？!?；;\n]")


def _alias_regex(alias: str) -> list[str]:
    """Regex tokens of a literal alias (one per character or separator slot)."""
    out: list[str] = []
    for ch in alias:
        if ch in ALIAS_SEPARATORS:
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
    """Compiled matcher: one trie regex for all literal aliases and roles plus the patterns.

    After the longest-match pass, two data-driven filters run: a match lying inside one of
    its model's ``not_in`` compounds is dropped (防沙网格 is no 网格), and a role with
    ``near`` words needs one of them in its sentence.
    """

    def __init__(self, models: Sequence[Model]) -> None:
        self.by_key: dict[str, tuple[str, str]] = {}
        self.kind: dict[tuple[str, str], str] = {}
        seqs: dict[tuple[str, ...], None] = {}
        for m in models:
            for a in (*m.aliases, *m.roles):
                key = norm_name(a)
                if not key:
                    continue
                if key not in self.by_key:
                    self.by_key[key] = (m.id, a)
                # the same key may be spelt with separator slots (共建、共治、共享 also
                # finds the 共建共治共享 the id already gives): keep every spelling
                seqs.setdefault(tuple(_alias_regex(a)), None)
            for a in m.roles:
                self.kind[(m.id, a)] = "role"
            for lab, k in m.pattern_kinds:
                self.kind[(m.id, lab)] = k
        self.literal = re.compile(_trie_regex(list(seqs))) if seqs else None

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
        # what each pattern's matches must contain (strings; sets of which one character):
        # a text without it is not scanned
        # Only for patterns without a literal start (the engine skips to those itself): one
        # test, the longest required string, else the rarest required character set.
        self.needs: dict[int, tuple[tuple[str, ...], tuple[re.Pattern, ...]]] = {}
        for r, _, _ in (*self.patterns, *self.nested):
            pieces = required_pieces(r.pattern)
            if not pieces or (isinstance(pieces[0], str) and r.pattern.startswith(pieces[0])):
                continue
            lits = sorted((p for p in pieces if isinstance(p, str) and len(p) >= 2), key=len)
            sets = [p for p in pieces if not isinstance(p, str)]
            if lits:
                self.needs[id(r)] = ((lits[-1],), ())
            elif sets:  # punctuation (a chain's dashes) is rarer than any CJK character
                best = min(
                    sets, key=lambda st: (sum("\u4e00" <= ch <= "\u9fff" for ch in st), len(st))
                )
                cls = re.compile("[" + "".join(map(re.escape, sorted(best))) + "]")
                self.needs[id(r)] = ((), (cls,))
        self.not_in = {
            m.id: re.compile("|".join(map(re.escape, sorted(m.not_in, key=len, reverse=True))))
            for m in models
            if m.not_in
        }
        self.not_in_len = {m.id: max(map(len, m.not_in)) for m in models if m.not_in}
        self.near = {(m.id, r): words for m in models for r, words in m.role_near}

    def _best_at(self, text: str, pos: int, pats) -> tuple[int, str, str] | None:
        """Longest match starting at ``pos``: (end, model_id, alias)."""
        best = None
        if pats is self.patterns and self.literal is not None:
            m = self.literal.match(text, pos)
            if m and m.end() > pos:
                hit = self.by_key.get(norm_name(m.group()))
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
            need = self.needs.get(id(rx))
            if need is not None:
                lits, sets = need
                if not all(lit in text for lit in lits) or not all(c.search(text) for c in sets):
                    continue
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
        starts_taken: list[int] = []  # sorted starts of the taken, non-overlapping spans
        ends_by_start: dict[int, int] = {}
        for c in cands:
            i = bisect.bisect_left(starts_taken, c[0])
            if i < len(starts_taken) and starts_taken[i] < c[1]:
                continue  # a taken span starts inside this one
            if i and ends_by_start[starts_taken[i - 1]] > c[0]:
                continue  # the taken span before reaches into this one
            starts_taken.insert(i, c[0])
            ends_by_start[c[0]] = c[1]
            taken.append(c)
        return taken

    def _keep(self, text: str, c: tuple[int, int, str, str], inside: dict) -> bool:
        s, e, mid, alias = c
        rx = self.not_in.get(mid)
        if rx is not None:
            if mid not in inside:  # occurrences of the model's unrelated compounds, by start
                occ = [(m.start(), m.end()) for m in _overlapping(rx, text)]
                inside[mid] = ([a for a, _ in occ], occ)
            starts, occ = inside[mid]
            # only compounds starting at most max-length characters before s can cover it
            lo = bisect.bisect_left(starts, s - self.not_in_len[mid])
            hi = bisect.bisect_right(starts, s)
            if any(e <= occ[k][1] for k in range(lo, hi)):
                return False
        words = self.near.get((mid, alias))
        if words:
            if "ends" not in inside:  # sentence ends, found once per text
                inside["ends"] = [m.start() for m in _SENTENCE_RE.finditer(text)]
            ends = inside["ends"]
            i = bisect.bisect_left(ends, s)
            a = ends[i - 1] + 1 if i else 0
            j = bisect.bisect_left(ends, e)
            sentence = text[a : ends[j] if j < len(ends) else len(text)]
            if not any(w in sentence for w in words):
                return False
        return True

    def find(self, text: str) -> list[tuple[int, int, str, str, str]]:
        out = self._scan(text, self.scanners, self.patterns)
        out += self._scan(text, self.nested_scanners, self.nested)
        if out and (self.not_in or self.near):
            inside: dict = {}
            out = [c for c in out if self._keep(text, c, inside)]
        out.sort(key=lambda c: (c[0], c[0] - c[1]))
        return [(*c, self.kind.get((c[2], c[3]), "model")) for c in out]


def _overlapping(rx: re.Pattern, text: str):
    """All matches of ``rx`` in ``text``, overlapping ones included."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


Matcher = _Matcher
