"""Shared fixtures: the seed folder, a loaded seed corpus, and small Chinese snippets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Figures are drawn off-screen in tests.
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The project's five raw seed files."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_corpus():
    """The seeds, loaded once per test session."""
    import govstats as gs

    return gs.load_corpus(SEEDS)
