"""Compatibility module: the report helpers that used to live here, re-exported.

They now live along their seams: ``govstats.tables`` (``load_tables``, ``Tables``),
``govstats.summaries`` (counts, claims, qualifiers), ``govstats.topic_tables``
(``topic_tables``), ``govstats.terms`` (``distinctive_terms``), ``govstats.comparison``
(``compare_models``, findings) and ``govstats.trends``. New code should import those.
"""

from __future__ import annotations

from .comparison import Comparison, compare_models, findings, findings_markdown
from .summaries import (
    count_table,
    duplicates_table,
    filter_indicators,
    largest_claims,
    model_counts,
    qualifier_mix,
    quote,
)
from .tables import QUALIFIER_LABELS, TABLE_NAMES, Tables, load_tables, tables_from_corpus
from .terms import distinctive_terms
from .topic_tables import TopicTables, _units, topic_tables  # noqa: F401  (_units: parameters._check_k)

__all__ = [
    "Tables",
    "Comparison",
    "TopicTables",
    "TABLE_NAMES",
    "QUALIFIER_LABELS",
    "load_tables",
    "tables_from_corpus",
    "filter_indicators",
    "count_table",
    "model_counts",
    "qualifier_mix",
    "largest_claims",
    "duplicates_table",
    "topic_tables",
    "compare_models",
    "distinctive_terms",
    "findings",
    "findings_markdown",
    "quote",
]
