"""Benchmarks of govstats (``make bench``): synthetic corpora, per-stage and end-to-end runs."""
