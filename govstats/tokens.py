"""Word tokens: the one module that imports jieba (and its Rust port rjieba).

``Tokenizer`` cuts Chinese text into words with the governance lexicon as user
dictionary, then drops stopwords (``data/stopwords.txt``), numbers, punctuation and
one-character tokens. ``tokenize`` is the module-level (picklable) function to hand
to scikit-learn; ``tokenize_many`` tokenises a large stream on all cores, in order,
with bounded memory, yielding space-joined strings (what ``TopicModel`` feeds to
``TfidfVectorizer(analyzer=str.split)``).

Backends. ``"jieba"`` (jieba 0.42.1, pure Python) is the reference; ``"rjieba"``
(jieba-rs) cuts about 20x faster. The two keep their dictionary's total frequency
differently (see ``_rjieba_engine``), so the rjieba engine follows jieba's
bookkeeping; with the HMM for unknown words switched off (the default here) the two
then give identical tokens on every line of the seeds and of the 新闻联播 archive
(``tests/test_tokens.py`` checks the seeds and every 50th story), so ``rjieba`` is
the default. With the HMM on they differ on a few paragraphs (rjieba keeps ``70-79``
whole).

Each process builds each dictionary once (``jieba`` ≈ 1.2 s, ``rjieba`` ≈ 0.2 s),
lazily, on first use; the jieba dictionary is built from its bundled ``dict.txt``
without jieba's cache file, so nothing is written to the temp folder.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import unicodedata
import warnings
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from .paths import DATA_DIR

logger = logging.getLogger(__name__)

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "STOPWORDS_FILE",
    "USER_WORD_FREQ",
    "Tokenizer",
    "tokenize",
    "tokenize_many",
    "load_stopwords",
    "user_words",
]

BACKENDS = ("jieba", "rjieba")
#: the default backend: rjieba gives jieba's tokens (HMM off) ~20x faster
DEFAULT_BACKEND = "rjieba"
#: least dictionary frequency of a user word (lexicon term). jieba's own guess
#: (``suggest_freq``) only makes a word win when it stands alone, and lost 5 of 169
#: lexicon occurrences in the seeds to neighbouring words; 10 000 (a common word in
#: jieba's 60 M-token dictionary) keeps all of them whole, on both backends alike.
USER_WORD_FREQ = 10_000
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"

# Chinese numeral characters: a token made only of these (and digits) is a number.
_NUMERAL_CHARS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟")
_NUMBER_PUNCT = frozenset(".,%‰-–~+/:·．，％")


# ---------------------------------------------------------------- data files


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """Read a stopword list: one token per line, ``#`` comments, blank lines ignored.

    Parameters
    ----------
    path : the file to read; ``None`` reads the package's ``data/stopwords.txt``.

    Returns
    -------
    frozenset of str

    Raises
    ------
    ValueError
        Naming ``file:line`` when an entry holds whitespace or repeats an earlier one.
    """
    path = Path(path) if path is not None else STOPWORDS_FILE
    return _load_stopwords(str(path))


@lru_cache(maxsize=8)
def _load_stopwords(path: str) -> frozenset[str]:
    words: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            entry = line.split("#", 1)[0].strip()
            if not entry:
                continue
            if any(ch.isspace() for ch in entry):
                raise ValueError(
                    f"{path}:{lineno}: stopword entry {entry!r} contains whitespace "
                    "(expected one token per line; put each word on its own line)"
                )
            if entry in words:
                raise ValueError(
                    f"{path}:{lineno}: stopword {entry!r} repeats line {words[entry]} "
                    "(expected each word once; delete one of the lines)"
                )
            words[entry] = lineno
    return frozenset(words)


@lru_cache(maxsize=1)
def user_words() -> tuple[str, ...]:
    """The governance lexicon's terms, used as jieba user dictionary (sorted, unique).

    Returns an empty tuple, with a warning in the log, only while
    ``govstats.lexicon`` does not exist yet; any other error is raised.
    """
    try:
        lexicon = importlib.import_module(f"{__package__}.lexicon")
    except ModuleNotFoundError as e:
        if e.name != f"{__package__}.lexicon":
            raise
        logger.warning("govstats.lexicon is missing: tokenising without the user dictionary")
        return ()
    return tuple(
        sorted({w.strip() for w in lexicon.load_lexicon().user_dictionary_terms() if w.strip()})
    )


# ---------------------------------------------------------------- engines


@lru_cache(maxsize=4)
def _engine(backend: str, words: tuple[str, ...], stop: frozenset[str]) -> Any:
    """The one segmenter per (backend, user words, stopwords) in this process.

    Built on first use. Stopwords that the dictionary lacks (全媒体, 融媒体, 见习记者 …)
    are added too, so the segmenter cuts them whole and the filter can drop them;
    then the user words, each at ``USER_WORD_FREQ`` or at the frequency the
    dictionary needs to keep it whole, whichever is higher (common words such as
    社区 keep their own, higher, frequency).
    """
    if backend == "jieba":
        with warnings.catch_warnings():
            # jieba 0.42 imports pkg_resources, which warns that it is deprecated
            warnings.filterwarnings("ignore", message=r".*pkg_resources is deprecated.*")
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"jieba.*")
            import jieba
        # jieba logs at DEBUG to its own stderr handler; keep only real problems
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        # build the prefix dictionary from the bundled dict.txt ourselves: jieba's
        # initialize() would also write a cache file into the temp folder
        tk.FREQ, tk.total = tk.gen_pfdict(tk.get_dict_file())
        tk.initialized = True
        for w in sorted(stop):
            if len(w) > 1 and not tk.FREQ.get(w):
                tk.add_word(w, USER_WORD_FREQ)
        for w in words:
            tk.add_word(w, max(USER_WORD_FREQ, tk.suggest_freq(w)))
        return tk
    if backend == "rjieba":
        return _rjieba_engine(words, stop)
    raise ValueError(f"backend={backend!r}: expected one of {BACKENDS}")


# jieba-rs (in rjieba) keeps its dictionary's total frequency differently from jieba
# 0.42, and the total weighs every cut (a word of frequency f costs log(total / f)): a
# re-added word's frequency replaces the old one in jieba-rs's total, while jieba adds
# it and keeps the old one too; jieba sums every line of dict.txt (its duplicate B超
# twice), jieba-rs every distinct word; and jieba's suggest_freq of a word that cuts
# to itself is its frequency or one more (float rounding), jieba-rs's its frequency.
# Measured: the 36 lexicon terms already in the dictionary put jieba's total 49,479
# above jieba-rs's, enough to flip 他用 (495) against 他 + 用 on real lines. So the rjieba
# engine keeps jieba's bookkeeping: it computes jieba's suggestion where it matters,
# and tops jieba-rs's total up to jieba's with a sink word no text reaches (jieba-rs
# cuts only runs of Han characters, letters and digits, so never a control character).
_SINK = "\x00"
#: what a suggestion below this gives, whichever backend: ``USER_WORD_FREQ``
#: (jieba's and jieba-rs's suggestions differ by float rounding, far below the margin)
_SUGGEST_EXACT_FROM = USER_WORD_FREQ - 1_000
#: (sum over lines, sum over distinct words) of jieba 0.42.1's dict.txt, by its crc32:
#: jieba's and jieba-rs's starting totals (``_count_totals`` counts them for another file)
_KNOWN_DICT_TOTALS = {0xCDB561E4: (60_101_967, 60_101_964)}


class _JiebaDict:
    """jieba's bundled ``dict.txt`` (jieba-rs embeds the same file), read on demand."""

    def __init__(self) -> None:
        spec = importlib.util.find_spec("jieba")
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError("jieba is needed for its dict.txt", name="jieba")
        self.data = b"\n" + (Path(spec.origin).parent / "dict.txt").read_bytes()

    def freq(self, word: str) -> int:
        """The word's frequency (its last line, as both backends read it); 0 if absent."""
        key = b"\n" + word.encode("utf-8") + b" "
        i = self.data.rfind(key)
        if i < 0:
            return 0
        end = self.data.find(b"\n", i + len(key))
        return int(self.data[i + len(key) : end if end >= 0 else None].split(b" ", 1)[0])

    def totals(self) -> tuple[int, int]:
        """(sum of the frequencies of every line, of every distinct word)."""
        known = _KNOWN_DICT_TOTALS.get(zlib.crc32(self.data))
        return known if known is not None else _count_totals(self.data)


def _count_totals(data: bytes) -> tuple[int, int]:
    """``_JiebaDict.totals`` counted: jieba's ``gen_pfdict`` adds every line's frequency,
    jieba-rs's ``load_dict`` each word's last one."""
    last: dict[bytes, int] = {}
    by_line = 0
    for line in data.split(b"\n"):
        parts = line.strip().split(b" ")
        if len(parts) >= 2:
            last[parts[0]] = int(parts[1])
            by_line += int(parts[1])
    return by_line, sum(last.values())


def _rjieba_engine(words: tuple[str, ...], stop: frozenset[str]) -> Any:
    """A jieba-rs segmenter holding what ``_engine("jieba", …)`` holds: the same word
    frequencies and the same total, so the two cut alike (HMM off)."""
    import rjieba

    tk = rjieba.Jieba()
    d = _JiebaDict()
    mine: dict[str, int] = {}  # the frequencies set here

    def freq(word: str) -> int:
        if word in mine:
            return mine[word]
        return d.freq(word) if tk.has_word(word) else 0

    by_line, by_word = d.totals()
    total = by_line  # jieba's total, followed here
    sink = by_line - by_word  # what jieba's total holds that jieba-rs's lacks

    def add(word: str, f: int) -> None:
        nonlocal total, sink
        old = freq(word)
        tk.add_word(word, f, None)
        mine[word] = f
        total += f
        if old:
            sink += old
            tk.add_word(_SINK, sink, None)

    tk.add_word(_SINK, sink, None)
    for w in sorted(stop):
        if len(w) > 1 and not tk.has_word(w):
            add(w, USER_WORD_FREQ)
    for w in words:
        suggested = tk.suggest_freq(w)
        if suggested >= _SUGGEST_EXACT_FROM:
            # jieba's Tokenizer.suggest_freq(w), on the same cut and frequencies (a
            # segment that is no word counts 1 here, 0 or 1 in jieba: either way the
            # suggestion is below 3, and USER_WORD_FREQ wins)
            p = 1.0
            for seg in tk.cut(w, False):
                p *= (freq(seg) or 1) / float(total)
            suggested = max(int(p * total) + 1, freq(w) or 1)
        add(w, max(USER_WORD_FREQ, suggested))
    return tk


def _cutter(backend: str, words: tuple[str, ...], stop: frozenset[str]) -> Callable[..., list[str]]:
    """``cut(text, hmm)`` → the segmenter's tokens (rjieba's own method: no Python frame)."""
    tk = _engine(backend, words, stop)
    if backend == "jieba":
        return lambda text, hmm: tk.lcut(text, False, hmm)
    return tk.cut


# ---------------------------------------------------------------- tokenizer


def _is_punct(tok: str) -> bool:
    return all(unicodedata.category(ch)[0] in "PSZC" for ch in tok)


def _is_number(tok: str) -> bool:
    has_digit = False
    for ch in tok:
        if ch.isdigit() or ch in _NUMERAL_CHARS or unicodedata.category(ch) == "Nd":
            has_digit = True
        elif ch not in _NUMBER_PUNCT:
            return False
    return has_digit


#: the filter's memo forgets everything past this many distinct tokens (huge vocabularies)
_MEMO_MAX = 2_000_000


class _Decisions(dict):
    """token → kept?, each token decided once, on first sight (``__missing__``)."""

    __slots__ = ("decide",)

    def __init__(self, decide: Callable[[str], bool]) -> None:
        super().__init__()
        self.decide = decide

    def __missing__(self, tok: str) -> bool:
        if len(self) >= _MEMO_MAX:
            self.clear()
        kept = self[tok] = self.decide(tok)
        return kept


@lru_cache(maxsize=8)
def _keeper(
    stop: frozenset[str], min_chars: int, drop_numbers: bool, drop_punctuation: bool
) -> Callable[[str], bool]:
    """The filter: token → kept?, for ``filter(kept, tokens)``.

    The decision is memoised per distinct token (tokens repeat a lot) in a dict whose
    ``__getitem__`` ``filter`` calls in C: one C call per token, and Python only for a
    token never seen (a Python call per token cost about half of rjieba's own cut; a
    ``compress``/``map`` pair over the same memo a third).
    """

    def decide(tok: str) -> bool:
        if len(tok) < min_chars or tok in stop:
            return False
        first = tok[0]
        if "\u4e00" <= first <= "\u9fff" and first not in _NUMERAL_CHARS:
            # a word starting with a Han character (not a numeral; most tokens): neither
            # all punctuation nor all number, whatever follows, and no whitespace token
            return True
        return not (
            tok.isspace()
            or (drop_punctuation and _is_punct(tok))
            or (drop_numbers and _is_number(tok))
        )

    return _Decisions(decide).__getitem__


class Tokenizer:
    """Cut Chinese text into content words, deterministically.

    Parameters
    ----------
    backend : ``"rjieba"`` (default, fast) or ``"jieba"`` (the reference); with
        ``hmm=False`` both give identical tokens.
    hmm : let the segmenter guess unknown words with its HMM (jieba's default).
        Off by default: unknown names then fall apart into single characters, which
        are dropped, and the two backends agree exactly.
    user_words : words to keep whole; ``None`` uses the governance lexicon's terms
        (``govstats.lexicon``).
    stopwords : tokens to drop; ``None`` uses the package list ``data/stopwords.txt``
        (see ``load_stopwords``); pass ``load_stopwords() | {...}`` to extend it.
    min_chars : drop tokens shorter than this (default 2: one-character tokens go).
    drop_numbers : drop tokens made only of digits, Chinese numerals and ``. , % -``.
    drop_punctuation : drop tokens made only of punctuation and symbols. Whitespace
        tokens are always dropped, so joined tokens split back exactly.

    Examples
    --------
    >>> Tokenizer().tokenize("建立楼栋党小组和党员中心户")  # doctest: +SKIP
    ['建立', '楼栋党小组', '党员中心户']
    """

    def __init__(
        self,
        *,
        backend: str = DEFAULT_BACKEND,
        hmm: bool = False,
        user_words: Iterable[str] | None = None,
        stopwords: Iterable[str] | None = None,
        min_chars: int = 2,
        drop_numbers: bool = True,
        drop_punctuation: bool = True,
    ) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"backend={backend!r}: expected one of {BACKENDS}")
        if not isinstance(min_chars, int) or min_chars < 1:
            raise ValueError(f"min_chars={min_chars!r}: expected an int >= 1")
        self.backend = backend
        self.hmm = bool(hmm)
        self.user_words = None if user_words is None else tuple(sorted(set(user_words)))
        self.stopwords = None if stopwords is None else frozenset(stopwords)
        self.min_chars = min_chars
        self.drop_numbers = drop_numbers
        self.drop_punctuation = drop_punctuation

    def __repr__(self) -> str:
        return (
            f"Tokenizer(backend={self.backend!r}, hmm={self.hmm}, min_chars={self.min_chars}, "
            f"drop_numbers={self.drop_numbers}, drop_punctuation={self.drop_punctuation})"
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tokenizer) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple:
        return (
            self.backend,
            self.hmm,
            self.user_words,
            self.stopwords,
            self.min_chars,
            self.drop_numbers,
            self.drop_punctuation,
        )

    # the resolved word lists and the cutter are looked up per process (cached
    # module-wide), so a Tokenizer pickles small and rebuilds nothing it has
    def _words(self) -> tuple[str, ...]:
        return user_words() if self.user_words is None else self.user_words

    def _stop(self) -> frozenset[str]:
        return load_stopwords() if self.stopwords is None else self.stopwords

    def __getattr__(self, name: str) -> Any:
        # the cutter and the filter, looked up on first use (``warm_up``)
        if name not in ("_cut", "_kept"):
            raise AttributeError(name)
        stop = self._stop()
        d = self.__dict__
        d["_cut"] = _cutter(self.backend, self._words(), stop)
        d["_kept"] = _keeper(stop, self.min_chars, self.drop_numbers, self.drop_punctuation)
        return d[name]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_cut", None)  # rebuilt (from the process-wide cache) on use
        state.pop("_kept", None)
        return state

    def warm_up(self) -> Tokenizer:
        """Load the dictionary now (it is otherwise loaded on first use); returns self."""
        self._cut  # noqa: B018 (the attribute builds the cutter)
        return self

    def raw(self, text: str) -> list[str]:
        """The segmenter's tokens, unfiltered (spaces and punctuation included)."""
        return self._cut(text, self.hmm)

    def tokenize(self, text: str) -> list[str]:
        """Content words of ``text``, in order.

        Parameters
        ----------
        text : any string (an empty string gives an empty list)

        Returns
        -------
        list of str
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        return list(filter(self._kept, self._cut(text, self.hmm)))

    __call__ = tokenize

    def join(self, text: str) -> str:
        """Content words of ``text`` joined by single spaces (tokens hold no spaces)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        return " ".join(filter(self._kept, self._cut(text, self.hmm)))

    def many(self, texts: Iterable[str], *, n_jobs: int = 1, chunksize: int = 256) -> Iterator[str]:
        """``tokenize_many`` with this tokenizer."""
        return tokenize_many(texts, n_jobs=n_jobs, chunksize=chunksize, tokenizer=self)


@lru_cache(maxsize=1)
def _default_tokenizer() -> Tokenizer:
    return Tokenizer()


def tokenize(text: str) -> list[str]:
    """Content words of ``text`` with the default ``Tokenizer()``.

    A module-level function, so it pickles: use it as
    ``TfidfVectorizer(tokenizer=govstats.tokens.tokenize, token_pattern=None, lowercase=False)``.
    """
    return _default_tokenizer().tokenize(text)


# ---------------------------------------------------------------- many texts, many cores

_WORKER: Tokenizer | None = None  # set in pool workers only


def _init_worker(tokenizer: Tokenizer) -> None:
    """Pool initializer: load the dictionary once per worker process."""
    global _WORKER
    _WORKER = tokenizer.warm_up()


def _join_chunk(texts: list[str]) -> str:
    # one "\n"-joined string per chunk: the cheapest thing to pickle back
    tk = _WORKER if _WORKER is not None else _default_tokenizer()
    return "\n".join([tk.join(t) for t in texts])


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while chunk := list(islice(it, size)):
        for t in chunk:
            if not isinstance(t, str):
                raise TypeError(f"texts must be str, got {type(t).__name__}: {t!r:.60}")
        yield chunk


def tokenize_many(
    texts: Iterable[str],
    *,
    n_jobs: int = 1,
    chunksize: int = 256,
    tokenizer: Tokenizer | None = None,
) -> Iterator[str]:
    """Tokenise a stream of texts, yielding space-joined content words in input order.

    Texts are read lazily in chunks of ``chunksize``; with ``n_jobs > 1`` the chunks
    go to a process pool (each worker loads the dictionary once) with at most
    ``2 * n_jobs`` chunks in flight, so memory stays bounded however long the stream.

    Parameters
    ----------
    texts : iterable of str (a generator is fine; it is consumed once)
    n_jobs : worker processes; 1 tokenises in this process, -1 uses every core
    chunksize : texts per chunk sent to a worker
    tokenizer : the ``Tokenizer`` to use; ``None`` for the default ``Tokenizer()``

    Yields
    ------
    str
        ``" ".join(tokenizer.tokenize(text))`` for each text, in input order.
    """
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize={chunksize!r}: expected an int >= 1")
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs={n_jobs!r}: expected a positive int or -1 (all cores)")
    tk = tokenizer if tokenizer is not None else _default_tokenizer()
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    if n_jobs == 1:
        return _serial(texts, chunksize, tk)
    return _parallel(texts, chunksize, tk, n_jobs)


def _serial(texts: Iterable[str], chunksize: int, tk: Tokenizer) -> Iterator[str]:
    for chunk in _chunks(texts, chunksize):
        for t in chunk:
            yield tk.join(t)


def _parallel(texts: Iterable[str], chunksize: int, tk: Tokenizer, n_jobs: int) -> Iterator[str]:
    # resolve the lexicon terms here, so workers need not import the lexicon
    resolved = Tokenizer(
        backend=tk.backend,
        hmm=tk.hmm,
        user_words=tk._words(),
        stopwords=tk._stop(),
        min_chars=tk.min_chars,
        drop_numbers=tk.drop_numbers,
        drop_punctuation=tk.drop_punctuation,
    )
    with ProcessPoolExecutor(
        max_workers=n_jobs, initializer=_init_worker, initargs=(resolved,)
    ) as pool:
        pending: deque[tuple[Future[str], int]] = deque()
        chunks = _chunks(texts, chunksize)
        for chunk in chunks:
            pending.append((pool.submit(_join_chunk, chunk), len(chunk)))
            if len(pending) >= 2 * n_jobs:
                yield from _unpack(*pending.popleft())
        while pending:
            yield from _unpack(*pending.popleft())


def _unpack(fut: Future[str], n: int) -> list[str]:
    out = fut.result().split("\n")
    if len(out) != n:  # cannot happen: joined tokens never hold "\n"
        raise RuntimeError(f"worker returned {len(out)} results for {n} texts")
    return out
