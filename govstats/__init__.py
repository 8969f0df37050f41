"""govstats: numeric indicators, governance models and topics from Chinese local news.

The public face is this short list; each name is imported from its stage module on
first use, so ``import govstats as gs`` stays fast and light.

>>> import govstats as gs
>>> corpus = gs.load_corpus("seeds/")
>>> gs.extract_indicators(corpus)[:1]              # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it (data flows top to bottom)
_API = {
    "GovstatsError": "errors",
    "InputError": "errors",
    "LexiconError": "errors",
    "UnknownModelError": "errors",
    "ParameterError": "errors",
    "ReportError": "errors",
    "Document": "records",
    "Article": "records",
    "Paragraph": "records",
    "Indicator": "records",
    "Mention": "records",
    "Hierarchy": "records",
    "Problem": "records",
    "to_frame": "records",
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "load_document": "corpus",
    "segment_document": "segment",
    "mark_near_duplicates": "segment",
    "parse_number": "numbers",
    "extract_indicators": "indicators",
    "indicators_frame": "indicators",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "models": "lexicon",
    "get_model": "lexicon",
    "find_models": "lexicon",
    "mentions_frame": "lexicon",
    "article_models": "lexicon",
    "article_model_kinds": "lexicon",
    "article_models_frame": "lexicon",
    "paragraph_models": "lexicon",
    "models_for": "lexicon",
    "find_hierarchies": "hierarchy",
    "hierarchies_frame": "hierarchy",
    "aggregate_indicators": "indicators",
    "Tokenizer": "tokens",
    "tokenize": "tokens",
    "tokenize_many": "tokens",
    "TopicModel": "topics",
    "compare_models": "compare",
    "extract": "pipeline",
    "read_table": "store",
    "query": "store",
    "write_store": "store",
    "run_report": "report",
    "use_cjk_font": "plotting",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'govstats' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
