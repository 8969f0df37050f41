"""A corpus prints as a short summary in a terminal and in Jupyter, never as its whole text."""

from __future__ import annotations

from conftest import real_records

import govstats as gs


def test_seed_corpus_repr_is_short(seed_corpus):
    text = repr(seed_corpus)
    assert text.startswith("Corpus(5 documents, 20 articles, ")
    assert len(text.splitlines()) == 1 + seed_corpus.PREVIEW + 1  # summary, preview, "… more"
    assert "… 15 more" in text
    assert str(seed_corpus) == text  # print(corpus) is the same summary


def test_repr_stays_short_on_a_real_corpus(tmp_path):
    import json

    path = tmp_path / "stories.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for r in real_records("governance", n=200):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    corpus = gs.load_corpus(path)
    chars = sum(len(d.text) for d in corpus.documents)
    assert chars > 100_000
    assert len(repr(corpus)) < 1_000 and len(corpus._repr_html_()) < 3_000
    assert "200 documents, 200 articles" in repr(corpus)


def test_html_repr_escapes_titles(tmp_path):
    (tmp_path / "a.txt").write_text(
        "<script>alert(1)</script>标题\n\n本报讯 社区召开会议3次。\n", encoding="utf-8"
    )
    html = gs.load_corpus(tmp_path)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
