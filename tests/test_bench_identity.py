"""``python -m bench.identity``: the before/after check of a speed change can tell."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is a top-level package beside govstats/
    sys.path.insert(0, str(ROOT))

from bench import identity  # noqa: E402


def test_identity_check_passes_on_a_rerun_and_names_a_changed_table(tmp_path, capsys):
    saved = tmp_path / "base.json"
    assert identity.main(["--n", "0", "--save", str(saved), "--keep", str(tmp_path / "a")]) == 0
    got = json.loads(saved.read_text(encoding="utf-8"))
    assert got["seeds"]["articles"]["rows"] > 0 and got["seeds"]["tokens"]["rows"] > 0
    capsys.readouterr()
    assert identity.main(["--n", "0", "--check", str(saved)]) == 0
    assert "identical" in capsys.readouterr().out
    # one row of the saved run edited: the check fails and shows the row
    kept = tmp_path / "a" / "seeds" / "indicators.jsonl"
    rows = kept.read_text(encoding="utf-8").splitlines(keepends=True)
    rows[3] = rows[3].replace('"value":', '"value": 1 and', 1)
    kept.write_text("".join(rows), encoding="utf-8")
    got["seeds"]["indicators"]["sha256"] = "0" * 64
    saved.write_text(json.dumps(got), encoding="utf-8")
    argv = ["--n", "0", "--check", str(saved), "--keep", str(tmp_path / "b")]
    assert identity.main(argv) == 1
    out = capsys.readouterr().out
    assert "DIFFERS: seeds indicators" in out and "row 3:" in out
    assert "DIFFERS: seeds articles" not in out
