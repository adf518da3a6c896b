"""The report's party layers without a browser: what they embed equals the engine's answers
for a party (``party=``), and the claim that lets them stay small holds."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import re
from html import escape

import pytest
from report_helpers import AT, FIXTURE_RULES

import treatylogic as tl
from treatylogic.errors import UnknownIdError
from treatylogic.report import render_report
from treatylogic.report.data import cell_histories, could_be_bound, report_parties
from treatylogic.report.fragments import trace_html
from treatylogic.report.page import PARTY_SLOT
from treatylogic.report.sources import Bibliography
from treatylogic.synth import synthetic_corpus


def _corpora() -> list[tl.Corpus]:
    return [tl.load(), tl.load(FIXTURE_RULES), synthetic_corpus(60, stances=3, seed=5)]


@pytest.mark.parametrize("corpus", _corpora(), ids=["bundled", "fictional", "synthetic-60"])
def test_party_layers_equal_the_table_for_that_party_on_every_change_day(corpus):
    """For every party offered and every change day (and the day before the first), each
    cell's embedded status is corpus.table(day, party=...)'s."""
    targets, stances = corpus.targets(), sorted(corpus.stances)
    parties = report_parties(corpus, targets)
    histories = cell_histories(corpus, targets, stances, parties=parties)
    first = dt.date.fromisoformat(histories.days[0])
    days = [first - dt.timedelta(days=1), *map(dt.date.fromisoformat, histories.days)]
    expected, actual = {}, {}
    for party in parties:
        for day in days:
            table = corpus.table(day, stances, party=party)
            for (target, stance), status in table.items():
                expected[party, day, target, stance] = status.value
                actual[party, day, target, stance] = histories.status_on(target, stance, day,
                                                                         party)
    assert (True, expected) == (len(parties) > 0, actual)


@pytest.mark.parametrize("corpus", _corpora(), ids=["bundled", "fictional", "synthetic-60"])
def test_a_party_that_could_not_be_bound_is_not_party_throughout(corpus):
    """Wherever could_be_bound is false, the engine's timeline for that party is one
    not_party interval under every stance (so the page need not embed it)."""
    expected, actual = {}, {}
    for party in sorted(corpus.actors):
        for target in corpus.targets():
            if could_be_bound(corpus, party, target.partition("#")[0]):
                continue
            for stance in sorted(corpus.stances):
                intervals = corpus.timeline(target, stance, party=party).intervals
                expected[party, target, stance] = [(None, None, "not_party")]
                actual[party, target, stance] = [(i.start, i.end, i.status.value)
                                                 for i in intervals]
    assert (True, expected) == (len(expected) > 0, actual)


def test_continuity_makes_a_successor_a_party():
    """Russia continues the USSR, which signed Yalta: Russia could be bound by Yalta, the PRC
    (no author of it, nor a successor of one) could not."""
    corpus = tl.load()
    assert (True, False) == (could_be_bound(corpus, "russia", "yalta-1945"),
                             could_be_bound(corpus, "prc", "yalta-1945"))


def test_parties_offered_are_those_bound_by_some_reported_instrument():
    """report_parties keeps an actor exactly when some reported instrument could bind it."""
    corpus = tl.load()
    targets = ["yalta-1945"]
    expected = [a for a in sorted(corpus.actors) if could_be_bound(corpus, a, "yalta-1945")]
    assert (expected, True) == (report_parties(corpus, targets), "prc" not in expected)


def _data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="tl-data">(.*?)</script>',
                                html, flags=re.S).group(1))


def test_no_parties_leaves_out_the_choice():
    """parties=[]: no party control, no parties' pack, and the page's data lists none."""
    html = render_report(tl.load(), at=AT, parties=[])
    assert (False, False, [], None) == ('id="tl-party"' in html, 'id="tl-parties"' in html,
                                        _data(html)["parties"], _data(html)["party"])


def test_a_preselected_party_is_in_the_static_matrix():
    """party='roc': the matrix written in the page has corpus.table(at, party='roc')'s
    statuses, the heading names the party, and the control has it selected."""
    corpus = tl.load()
    html = render_report(corpus, at=AT, party="roc")
    cells = dict(((t, s), v) for t, s, v in re.findall(
        r'<td class="tl-cell [^"]*" data-target="([^"]+)" data-stance="([^"]+)" '
        r'data-status="([^"]+)"', html))
    expected = {key: status.value for key, status in corpus.table(AT, party="roc").items()}
    heading = re.search(r'<span id="tl-for">(.*?)</span>', html).group(1)
    selected = re.findall(r'<option value="([^"]*)" selected>', html)
    assert (expected, ", for Republic of China (roc)", ["roc"]) == (cells, heading, selected)


def test_an_unknown_party_is_refused_with_suggestions():
    """A misspelt party is an UnknownIdError naming the closest actor ids."""
    with pytest.raises(UnknownIdError) as raised:
        render_report(tl.load(), at=AT, party="rocc")
    assert "unknown party (actor) 'rocc'; did you mean roc or prc?" == raised.value.message


def _pack(html: str, name: str):
    packed = re.search(rf'<script type="application/octet-stream" id="{name}"[^>]*>(.*?)'
                       "</script>", html, flags=re.S).group(1)
    return json.loads(gzip.decompress(base64.b64decode(packed)))


@pytest.mark.parametrize("corpus", _corpora()[::2], ids=["bundled", "synthetic-60"])
def test_outside_traces_are_the_engines_for_every_party_and_stance(corpus):
    """Every cell of a party on an instrument that could not bind it opens, once the page
    fills in the party, exactly the trace corpus.resolve(..., party=) gives (HTML equal)."""
    html = render_report(corpus, at=AT)
    traces, parties = _pack(html, "tl-traces")["traces"], _pack(html, "tl-parties")
    targets, stances = _data(html)["histories"]["targets"], sorted(corpus.stances)
    cite = Bibliography.of(corpus).cite
    expected, actual = {}, {}
    for party, layer in parties["layers"].items():
        for number, target in enumerate(targets):
            if str(number) in layer["rows"]:
                continue
            entry = parties["outside"][target.partition("#")[0]]
            shown = traces[entry].replace(PARTY_SLOT, escape(party)) \
                if isinstance(entry, int) else traces[entry[party]]
            for stance in stances:
                expected[party, target, stance] = trace_html(
                    corpus.resolve(target, stance, AT, party=party).trace, cite)
                actual[party, target, stance] = shown
    assert (True, expected) == (len(expected) > 0, actual)
