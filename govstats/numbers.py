"""Numerals: Arabic (half- and full-width, ``1,300``, ``4.1``, ``177.1 亿``), Chinese (``三十四``,
``两千``, ``三万五``, ``一千零十``, ``三点五``), mixed (``1万600``, ``100万三千``, ``3千万亿``),
signed (``负三``, ``-3.8``), fractions (``三分之一``, ``六成``), ranges (``60至70``, ``一千到两千万``)
and approximate numerals (``七八``, ``八九亿``, ``十几``, ``数十亿``), turned into
``(value, value_max)``.

These functions work on a span that is already known to be a numeral; finding such
spans in running text (and refusing names such as ``三会一课``) is ``indicators``' job.

Grammar (what is read, and what raises ``NumberParseError``):

- A Chinese integer is read section by section (``亿``, then ``万``, then a section below
  一万 with ``千 百 十``): units must fall (``百十一``, ``十一十二`` raise), a digit needs a
  unit after it unless it is the last one, ``十`` may go without a digit only at the start
  of a section or after ``零`` (``十五``, ``一千零十``), and a lone unit is one of it
  (``百``, ``千亿``). A last digit right after a unit takes the next smaller unit
  (``两千五`` = 2500, ``三万五`` = 35000, ``一百二十万三`` = 1 203 000).
- Digit by digit (``二〇二二``, ``一七二零``) only with a 零/〇 in it or before 点: a repeated
  or arbitrary digit pair such as ``一一`` is no numeral (``一一`` = one by one); two adjacent
  ascending digits are an approximate range (``七八`` = 7–8, ``八九亿``).
- A decimal is ``<integer>点<digits>`` with an optional multiplier (``三点五万``).
- Arabic numerals take a multiplier run (``十 百 千`` then ``万`` then ``亿``) and, after an
  integer head only, a smaller remainder (``1万600``, ``100万三千``); ``10.1万零100`` raises.
- ``两个亿`` = 2e8; ``负``/``-`` negate; ``X分之Y`` = Y/X; a trailing ``成`` is tenths.
- A range ``A至B`` whose right end carries a multiplier the left end lacks shares it when
  the shared reading still rises (``一千到两千万`` = 1e7–2e7, ``3至5万``, ``两~3百``); a range
  that runs backwards raises.
- Every value is a finite float: a numeral too large for a float (320 nines) raises.

A small converter of our own is used instead of ``cn2an``: it is several times faster on
short spans, needs no mode argument, and understands ``两``, ``〇`` and ``百余``.
"""

from __future__ import annotations

import logging
import math
import re
from decimal import Decimal, InvalidOperation

logger = logging.getLogger(__name__)

__all__ = ["parse_number", "cn_to_int", "arabic_to_decimal", "NumberParseError"]


class NumberParseError(ValueError):
    """A span that is not a numeral this module understands."""


CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {
    "十": 10, "百": 100, "千": 1000, "万": 10_000, "十万": 100_000, "百万": 1_000_000,
    "千万": 10_000_000, "亿": 100_000_000, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11,
    "万亿": 10**12, "千万亿": 10**15,
}  # fmt: skip
#: no numeral we read has more significant digits than this (a float keeps ~16)
MAX_DIGITS = 24

# full-width digits and punctuation that can occur inside a numeral; 兩 is 两, and ○ (a white
# circle, as old reports print zero: 二百○八) is 〇
_FW = str.maketrans("０１２３４５６７８９．，％－兩○", "0123456789.,%-两〇")
_SPACE = re.compile(r"[\s\u3000]+")
_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_RANGE_SEP = re.compile(r"[至到~～—–\-]+|、")  # 、 only between two digits: 三、四
_APPROX_SUFFIX = "余多"
_MULT_RUN = r"[十百千]?万?亿?"
_MIXED = re.compile(rf"([0-9][0-9,]*(?:\.[0-9]+)?)[余多]?({_MULT_RUN})(.*)")
_DECIMAL = re.compile(rf"([^点]+)点([零〇一二三四五六七八九]+|[0-9]+)({_MULT_RUN})")
_APPROX_PAIR = re.compile(
    rf"(.*?)([一二两三四五六七八九])([二三四五六七八九])([十百千]?{_MULT_RUN})"
)
_SEVERAL = re.compile(rf"[数几]([十百千]{_MULT_RUN}|万亿?|亿)")
_TENS_AND_SOME = re.compile(rf"(.+)几({_MULT_RUN})")


def _mult(run: str) -> int:
    """The product of a multiplier run such as ``千万亿`` (``''`` is 1)."""
    out = 1
    for ch in run:
        out *= CN_UNITS.get(ch) or CN_BIG[ch]
    return out


def arabic_to_decimal(s: str) -> Decimal:
    """``'1,300'`` → ``Decimal('1300')``; full-width digits allowed.

    Raises
    ------
    NumberParseError
        When ``s`` is not an Arabic numeral.
    """
    t = s.translate(_FW)
    if not _ARABIC.fullmatch(t):
        raise NumberParseError(
            f"{s!r} is not an Arabic numeral (expected e.g. '350', '1,300', '4.1')"
        )
    if len(t) > MAX_DIGITS + 8:
        raise NumberParseError(f"{s[:20]!r}…: more than {MAX_DIGITS} digits")
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex already guarantees this
        raise NumberParseError(f"{s!r} is not an Arabic numeral") from None


def _cn_section(s: str, whole: str) -> int:
    """A Chinese numeral below 一万 (``三千零五``, ``十五``, ``两百``, ``一千零十``, ``千``)."""
    if not s:
        raise NumberParseError(f"{whole!r}: empty section")
    if s in CN_UNITS:
        return CN_UNITS[s]  # 百, 千 (in 百余, 千亿)
    total = 0
    digit: int | None = None
    last_unit = 10_000
    after_zero = False
    for i, ch in enumerate(s):
        if ch in CN_DIGITS:
            if digit is not None:
                raise NumberParseError(f"{whole!r}: two digits in a row")
            d = CN_DIGITS[ch]
            if d == 0:
                if i == 0 or after_zero or i == len(s) - 1:
                    raise NumberParseError(f"{whole!r}: 零 out of place")
                after_zero = True
                continue
            digit = d
        elif ch in CN_UNITS:
            u = CN_UNITS[ch]
            if u >= last_unit:
                raise NumberParseError(f"{whole!r}: units out of order")
            if digit is None and not (after_zero or (u == 10 and (i == 0 or s[i - 1] == "百"))):
                raise NumberParseError(f"{whole!r}: {ch} without a digit before it")
            total += (1 if digit is None else digit) * u
            digit = None
            last_unit = u
            after_zero = False
        else:
            raise NumberParseError(f"{whole!r}: {ch!r} is not a Chinese numeral character")
    if digit is not None:
        if after_zero or last_unit in (10, 10_000):
            total += digit  # 三千零五, 十五, 五
        else:
            total += digit * last_unit // 10  # 两千五 = 2500, 三百五 = 350
    return total


def cn_to_int(s: str) -> int:
    """Convert a Chinese numeral to an int: ``三十四`` → 34, ``两千`` → 2000, ``一万`` → 10000,
    ``一亿三千万`` → 130000000, ``三万五`` → 35000, ``二〇二二`` → 2022 (digit by digit).

    Raises
    ------
    NumberParseError
        When ``s`` is not a well-formed Chinese numeral (see the module docstring).
    """
    return _cn_int(s, s, digitwise_ok=False)


def _cn_int(s: str, whole: str, *, digitwise_ok: bool) -> int:
    if not s:
        raise NumberParseError(f"{whole!r}: empty Chinese numeral (expected e.g. '三十四')")
    if s in ("零", "〇"):
        return 0
    if all(ch in CN_DIGITS for ch in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        if "两" in s:
            raise NumberParseError(f"{whole!r}: 两 is not used digit by digit")
        if not digitwise_ok and len(s) == 2 and not any(ch in "零〇" for ch in s):
            # 一一 (one by one), 三三: two digits without a unit are no numeral
            raise NumberParseError(f"{whole!r}: two digits without a unit (expected e.g. 二〇二二)")
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    if "亿" in s:
        head, _, rest = s.rpartition("亿")
        hi = (_cn_int(head, whole, digitwise_ok=False) if head else 1) * CN_BIG["亿"]
        return hi + _cn_rest(rest, whole, CN_BIG["亿"])
    if "万" in s:
        head, _, rest = s.partition("万")
        if not head or "万" in rest:
            raise NumberParseError(f"{whole!r}: 万 out of place")
        hi = _cn_section(head, whole) * CN_BIG["万"]
        return hi + _cn_rest(rest, whole, CN_BIG["万"])
    return _cn_section(s, whole)


def _cn_rest(rest: str, whole: str, big: int) -> int:
    """What follows 万 or 亿: ``五`` (= 五千 / 五千万), ``零三百``, ``三千万``."""
    if not rest:
        return 0
    if len(rest) == 1 and rest in CN_DIGITS and CN_DIGITS[rest]:
        return CN_DIGITS[rest] * big // 10  # 三万五 = 35000
    if rest[0] in "零〇":
        rest = rest[1:]
        if not rest:
            raise NumberParseError(f"{whole!r}: ends in 零")
        if rest[0] in "百千":
            rest = "一" + rest  # 一万零百一十一: a unit right after 零 is one of it
    v = _cn_int(rest, whole, digitwise_ok=False)
    if v >= big:
        raise NumberParseError(f"{whole!r}: a remainder larger than its unit")
    return v


_CN_PLACES = ("千", "百", "十", "")
_CN_OF = "零一二三四五六七八九"


def _int_to_cn(run: str) -> str:
    """An Arabic integer below 一万 written in Chinese (``230`` → 二百三十, ``01`` → 零一)."""
    n = int(run)
    if n >= 10_000:
        raise NumberParseError(f"{run!r}: an Arabic part of 10000 or more inside a Chinese numeral")
    out = []
    zero = run.startswith("0") and n > 0
    for place, d in zip(_CN_PLACES, f"{n:04d}", strict=True):
        if d == "0":
            zero = zero or bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_CN_OF[int(d)] + place)
    return "".join(out) or "零"


_ARABIC_RUN = re.compile(r"[0-9]+")


def _mixed(s: str) -> Decimal | None:
    """Arabic with multipliers and a remainder: ``4.1万``, ``1万600``, ``100万三千``, ``3千万亿``,
    ``200亿零四千230``, ``1百01`` (an integer head: its Arabic parts are read as Chinese)."""
    m = _MIXED.fullmatch(s)
    if m is None:
        return None
    head, run, tail = m.groups()
    if not tail:
        return arabic_to_decimal(head) * _mult(run)
    if "." in head or "," in head:
        raise NumberParseError(f"{s!r}: digits after a decimal multiplier")
    return Decimal(
        _cn_int(_ARABIC_RUN.sub(lambda x: _int_to_cn(x.group()), s), s, digitwise_ok=False)
    )


def _single(s: str) -> tuple[Decimal, Decimal | None]:
    """One numeral, possibly approximate (七八, 十几, 数十, 几百, 百余) and/or with a multiplier."""
    if not s:
        raise NumberParseError("empty numeral")
    if s[-1] in _APPROX_SUFFIX and len(s) > 1:  # 百余, 二十多
        s = s[:-1]
    s = re.sub(r"(?<=[一二两三四五六七八九十0-9])个(?=亿)", "", s)  # 两个亿
    if s[0] in "0123456789":
        got = _mixed(s)
        if got is not None:
            return got, None
        raise NumberParseError(f"{s!r} is not an Arabic numeral with a multiplier")
    if _ARABIC_RUN.search(s) and "点" not in s:  # 四千230
        return Decimal(
            _cn_int(_ARABIC_RUN.sub(lambda x: _int_to_cn(x.group()), s), s, digitwise_ok=False)
        ), None
    m = _DECIMAL.fullmatch(s)
    if m:  # 三点五, 一七二零点一, 一百点123, 三点五万
        head, frac, run = m.groups()
        ip = int(head) if head.isdigit() else _cn_int(head, s, digitwise_ok=True)
        digits = frac if frac.isdigit() else "".join(str(CN_DIGITS[ch]) for ch in frac)
        return Decimal(f"{ip}.{digits}") * _mult(run), None
    if "点" in s:
        raise NumberParseError(f"{s!r}: 点 without digits on both sides")
    # 数十, 数百, 几十, 几千, 数十亿: 2-9 times the unit
    m = _SEVERAL.fullmatch(s)
    if m:
        u = Decimal(_mult(m.group(1)))
        return 2 * u, 9 * u
    # 十几, 二十几, 一百几十 (crudely), 十几万: the unit's 1..9
    m = _TENS_AND_SOME.fullmatch(s)
    if m and m.group(1)[-1] in "十百千" + "".join(CN_DIGITS):
        head, run = m.groups()
        base = Decimal(_cn_int(head, s, digitwise_ok=False))
        step = {"百": 10, "千": 100}.get(head[-1], 1)
        mult = _mult(run)
        return (base + step) * mult, (base + 9 * step) * mult
    # 七八 / 三五 (adjacent digits, ascending), 十七八, 二三十, 两三百, 一百二三十, 八九亿
    m = _APPROX_PAIR.fullmatch(s)
    if m and CN_DIGITS[m.group(2)] < CN_DIGITS[m.group(3)]:
        prefix, a, b, unit = m.groups()
        if not prefix or prefix[-1] in "十百千万亿":
            base = Decimal(_cn_int(prefix, s, digitwise_ok=False)) if prefix else Decimal(0)
            if unit:
                step = Decimal(_mult(unit))
            elif not prefix or prefix[-1] == "十":
                step = Decimal(1)
            else:
                step = Decimal(_mult(prefix[-1]) // 10)
            return base + CN_DIGITS[a] * step, base + CN_DIGITS[b] * step
    if s in ("半", "一半"):
        return Decimal("0.5"), None
    # 百, 千亿, 万: a lone unit means one of it
    if all(ch in CN_UNITS or ch in CN_BIG for ch in s) and re.fullmatch(_MULT_RUN, s):
        return Decimal(_mult(s)), None
    return Decimal(_cn_int(s, s, digitwise_ok=False)), None


def _shared_multiplier(left: str, right: str, lo: Decimal, hi: Decimal) -> Decimal:
    """``一千到两千万``: a multiplier written only on the right end applies to the left one
    too, when the left end has none and the shared reading still rises; the longest such
    tail of the right end's multiplier run is shared (``3至5千万`` → 千万, ``一千到两千万`` → 万)."""
    if re.search(r"[万亿]", left):
        return lo
    m = re.search(r"[十百千]?万?亿?$", right)
    run = m.group() if m else ""
    if not re.search(r"[万亿]", run):
        if not re.fullmatch(r"[一二两三四五六七八九0-9]", left):
            return lo
        run = run[-1:]  # 两~3百, 五到六千: a bare digit takes the unit
    for i in range(len(run)):
        mult = Decimal(_mult(run[i:]))
        if lo * mult <= hi:
            return lo * mult
    return lo


def parse_number(span: str) -> tuple[float, float | None]:
    """Parse an isolated numeral span into ``(value, value_max)``.

    ``value_max`` is ``None`` unless the span is a range or an approximate numeral.
    Approximation words (``余``, ``多``) at the end are ignored here; the qualifier
    is the caller's business.

    Parameters
    ----------
    span : str
        A numeral only, e.g. ``'350'``, ``'1,300'``, ``'４.１万'``, ``'三十四'``, ``'两千'``,
        ``'百分之八十'``, ``'60至70'``, ``'70-79'``, ``'七八'``, ``'十几'``, ``'数十'``,
        ``'百余'``, ``'三分之一'``, ``'六成'``, ``'负三'``. Units and classifiers must already
        be cut off (``成`` is read as tenths).

    Returns
    -------
    (float, float or None)
        ``(80.0, None)`` for ``'百分之八十'``; ``(60.0, 70.0)`` for ``'60至70'``;
        ``(20.0, 90.0)`` for ``'数十'``; always finite.

    Raises
    ------
    NumberParseError (a ``ValueError``)
        When the span is not a numeral, or not one this grammar reads unambiguously,
        naming the span.

    Examples
    --------
    >>> parse_number("4.1万")
    (41000.0, None)
    >>> parse_number("七八")
    (7.0, 8.0)
    >>> parse_number("一千到两千万")
    (10000000.0, 20000000.0)
    """
    if not isinstance(span, str):
        raise TypeError(f"parse_number expects a str, got {type(span).__name__}")
    try:
        v, vmax = _parse(span)
        out = _num(v), (None if vmax is None else _num(vmax))
    except NumberParseError as e:
        raise NumberParseError(
            f"{span[:40]!r} is not a numeral (expected e.g. '350', '三十四', '60至70'): {e}"
        ) from None
    return out


#: a share written with a slash: 1/3 (以上), 1/4 (read as 分之 is)
_SLASH = re.compile(r"([0-9]+)/([0-9]+)")


def _parse(span: str) -> tuple[Decimal, Decimal | None]:
    s = _SPACE.sub("", span.translate(_FW))
    sign = 1
    if s[:1] in ("负", "-", "−"):
        sign, s = -1, s[1:]
    s = s.replace("百分之", "")  # 百分之十, and the range 百分之四至百分之五 (the pnum group)
    s = s.rstrip("%")
    tenths = s.endswith("成") and len(s) > 1
    if tenths:
        s = s[:-1]
    if not s:
        raise NumberParseError("no digits")
    if sm := _SLASH.fullmatch(s):  # 1/3: numerator first
        s = f"{sm.group(2)}分之{sm.group(1)}"
    m = re.fullmatch(r"(.+?)分之(.+)", s)
    if m:
        den, _ = _single(m.group(1))
        num, num_max = _single(m.group(2))
        if den == 0 or num_max is not None:
            raise NumberParseError(f"{s!r}: not a fraction X分之Y with X > 0")
        return sign * num / den, None
    parts = _RANGE_SEP.split(s)
    if len(parts) == 2 and parts[0] and parts[1]:
        lo, lo_max = _single(parts[0].rstrip("%"))  # 9%至13%: the unit written on both ends
        hi, hi_max = _single(parts[1])
        if lo_max is None:
            lo = _shared_multiplier(parts[0], parts[1], lo, hi)
        top = hi_max if hi_max is not None else hi
        if lo > top:
            raise NumberParseError(f"{s!r}: range runs backwards")
        if sign < 0:
            raise NumberParseError(f"{s!r}: a negative range")
        return (lo / 10, top / 10) if tenths else (lo, top)
    if len(parts) != 1:
        raise NumberParseError(f"{s!r} is not a numeral or a two-ended range")
    v, vmax = _single(s)
    if tenths:
        v, vmax = v / 10, (None if vmax is None else vmax / 10)
    if sign < 0:
        if vmax is not None:
            raise NumberParseError(f"{s!r}: a negative range")
        v = -v
    return v, vmax


def _num(d: Decimal) -> float:
    f = float(d)
    if not math.isfinite(f) or abs(d) >= Decimal(10) ** MAX_DIGITS:
        raise NumberParseError(f"{str(d)[:20]}…: too large for a finite value")
    return float(int(f)) if f.is_integer() else f
