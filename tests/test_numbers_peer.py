"""cn2an's own test cases (``../shared/peer-cases/cn2an_numbers.tsv``) as a test of ``parse_number``.

In scope (issue 11): rows marked ``in``, plus Chinese decimals (点), negatives (负/-) and the
traditional 兩. Out of scope: 大写 capitals, money words (元角分整), 廿/幺. Every in-scope row
must give exactly its value; no must-reject row may give a value. One input is listed both
ways (``一一``: 11 in cn2an's smart mode, rejected in its strict mode); it is read as a
must-reject (一一 in running text means "one by one"), and it is the only row excluded.
"""

from __future__ import annotations

import contextlib
import math

import pytest
from conftest import shared_file

from govstats.numbers import NumberParseError, parse_number

IN_SCOPE = ("in", "out:Chinese decimal 点", "out:negative 负/-", "out:traditional 兩")


def _rows():
    path = shared_file("peer-cases", "cn2an_numbers.tsv")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        assert len(f) == 3, f"{path}: expected input<TAB>value<TAB>scope, got {line!r}"
        rows.append(tuple(f))
    return rows


def test_in_scope_cases_all_read_exactly():
    rows = _rows()
    reject = {inp for inp, exp, _ in rows if exp == "REJECT"}
    cases = [(i, float(e)) for i, e, sc in rows if sc in IN_SCOPE and e != "REJECT"]
    excluded = [i for i, _ in cases if i in reject]
    assert excluded == ["一一"]
    cases = [(i, e) for i, e in cases if i not in reject]
    wrong = []
    for inp, exp in cases:
        try:
            v, vmax = parse_number(inp)
        except NumberParseError as e:
            wrong.append((inp, exp, f"raised: {e}"))
            continue
        if vmax is not None or not math.isclose(v, exp, rel_tol=1e-12, abs_tol=1e-18):
            wrong.append((inp, exp, (v, vmax)))
    print(f"cn2an in-scope cases read exactly: {len(cases) - len(wrong)}/{len(cases)}")
    assert len(cases) >= 100
    assert not wrong


def test_no_must_reject_case_is_accepted():
    rows = _rows()
    rejects = [i for i, e, _ in rows if e == "REJECT"]
    assert len(rejects) >= 15
    accepted = []
    for inp in rejects:
        with contextlib.suppress(NumberParseError):
            accepted.append((inp, parse_number(inp)))
    assert not accepted


@pytest.mark.parametrize("inp", ["壹拾壹", "廿二", "幺八九", "壹拾壹元整"])
def test_out_of_scope_inputs_raise_rather_than_guess(inp):
    with pytest.raises(NumberParseError):
        parse_number(inp)
