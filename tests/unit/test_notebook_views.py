"""A Divergence and a Corpus display as HTML in notebooks, like the other results."""

from __future__ import annotations

import re
from html import unescape

import treatylogic as tl


def _texts(html: str, cls: str) -> list[str]:
    return [unescape(t) for t in re.findall(rf'class="[^"]*\b{cls}\b[^"]*">([^<]*)<', html)]


def test_divergence_repr_html_shows_both_answers_and_where_they_part():
    """roc vs russia on the first manifesto: both badges, then each side's parting step."""
    divergence = tl.load().diff("karakhan-1919", "roc", "russia", "2024-09-02")
    html = divergence._repr_html_()
    assert ["in force", "annulled"] == _texts(html, "tl-badge")[:2]
    assert [divergence.step_a.reason, divergence.step_b.reason] == _texts(html, "tl-reason")


def test_agreeing_divergence_says_so():
    """A stance against itself: both badges and 'they decide every step alike'."""
    html = tl.load().diff("karakhan-1919", "roc", "roc", "2024")._repr_html_()
    assert (2, True) == (len(_texts(html, "tl-badge")), "every step alike" in html)


def test_corpus_repr_html_lists_instruments_and_stances():
    """The bundled corpus: one row per instrument (by date) and per stance, escaped."""
    corpus = tl.load()
    html = corpus._repr_html_()
    shown = re.findall(r"<tr><td><code>([^<]*)</code>", html)
    by_date = [i.id for i in sorted(corpus.instruments.values(),
                                    key=lambda i: (i.date.earliest, i.id))]
    assert [*by_date, *sorted(corpus.stances)] == shown
