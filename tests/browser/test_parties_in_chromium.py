"""The report by party in headless Chromium: choosing a party moves every cell, the date
control, the filters and the traces to ``party=``; ``party=`` preselects one; with scripts
off the page shows the statuses it was written for; nothing leaves the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import AT

import treatylogic as tl
from treatylogic.report import write_report
from treatylogic.report.data import report_parties
from treatylogic.report.styles import status_word
from treatylogic.synth import synthetic_corpus

_CELLS_JS = """() => Object.fromEntries([...document.querySelectorAll('td.tl-cell')]
    .map(td => [td.dataset.target + ' | ' + td.dataset.stance, td.dataset.status]))"""
_WORDS_JS = """() => Object.fromEntries([...document.querySelectorAll('td.tl-cell')].map(
    td => [td.dataset.target + ' | ' + td.dataset.stance, td.querySelector('summary').textContent
    .trim()]))"""
_DATES = ["1919-07-24", "1921", "1924-05-31", "1945-08-14", "1950", "1972-09-29",
          "1991-12-26", AT, "9999-12-31"]


def _table(corpus: tl.Corpus, at: str, party: str | None) -> dict[str, str]:
    return {f"{t} | {s}": status.value
            for (t, s), status in corpus.table(at, party=party).items()}


def _set_date(page, text: str) -> None:
    page.fill("#tl-date-text", text)
    page.press("#tl-date-text", "Enter")


def _choose(page, party: str) -> None:
    """Choose ``party`` ('' for the instrument's own) and wait until the matrix shows it."""
    page.select_option("#tl-party", party)
    page.wait_for_function("p => document.getElementById('tl-party').dataset.shown === p", arg=party)


def _parties(corpus: tl.Corpus) -> list[str]:
    """Up to four parties of the corpus, the busiest first (continuity and withdrawals too)."""
    parties = report_parties(corpus, corpus.targets())
    busy = sorted(parties, key=lambda p: -sum(
        status.value != "not_party" for status in corpus.table(AT, party=p).values()))
    return busy[:4]


def test_the_corpus_has_parties_to_choose(corpus, report, sealed):
    """The party control lists every actor that could be bound by a reported instrument."""
    sealed.open(report.as_uri())
    options = sealed.page.eval_on_selector_all("#tl-party option", "os => os.map(o => o.value)")
    assert ["", *report_parties(corpus, corpus.targets())] == options


def test_choosing_a_party_shows_its_table_on_several_dates(corpus, report, sealed):
    """For several parties and dates, every cell is corpus.table(day, party=...) (words too);
    back to none, the instrument's own table; nothing leaves the page."""
    sealed.open(report.as_uri())
    page = sealed.page
    expected, actual = [], []
    for party in _parties(corpus):
        _choose(page, party)
        for day in _DATES:
            _set_date(page, day)
            want = _table(corpus, day, party)
            expected.append((party, day, want,
                             {k: status_word(v) for k, v in want.items()}))
            actual.append((party, day, page.evaluate(_CELLS_JS), page.evaluate(_WORDS_JS)))
    _choose(page, "")
    expected.append(("", AT, _table(corpus, "1950", None)))
    _set_date(page, "1950")
    actual.append(("", AT, page.evaluate(_CELLS_JS)))
    assert expected == actual
    assert ([report.as_uri()], [], []) == (sealed.requested, sealed.blocked, sealed.errors)


def test_the_slider_follows_the_party(corpus, report, sealed):
    """With a party chosen, each slider stop shows that party's table on the stop's day."""
    party = _parties(corpus)[0]
    sealed.open(report.as_uri())
    page = sealed.page
    _choose(page, party)
    stops = int(page.get_attribute("#tl-slider", "max")) + 1
    checked = []
    for stop in range(stops):
        page.eval_on_selector("#tl-slider", "(s, v) => { s.value = v; "
                              "s.dispatchEvent(new Event('input')); }", str(stop))
        day = page.input_value("#tl-date-text")
        checked.append((day, _table(corpus, day, party) == page.evaluate(_CELLS_JS)))
    assert [(day, True) for day, _ in checked] == checked


def test_filters_follow_the_party(corpus, report, sealed):
    """The status filter keeps the rows where some stance gives the party that status."""
    party = _parties(corpus)[0]
    sealed.open(report.as_uri())
    page = sealed.page
    _choose(page, party)
    page.select_option("#tl-status", "not_party")
    table = corpus.table(AT, party=party)
    expected = [t for t in corpus.targets()
                if any(table[t, s].value == "not_party" for s in corpus.stances)]
    shown = page.evaluate("""() => [...document.querySelectorAll('table.tl-matrix tbody tr')]
        .filter(tr => tr.offsetParent !== null).map(tr => tr.dataset.target)""")
    assert sorted(expected) == sorted(shown)


def test_a_party_cell_opens_the_party_trace(corpus, report, sealed):
    """An opened cell, with a party chosen, lists the reasons resolve(..., party=) gives:
    on a cell the party could be bound by and on one it could not."""
    party = _parties(corpus)[0]
    table = corpus.table(AT, party=party)
    bound = next(key for key, status in sorted(table.items()) if status.value != "not_party")
    outside = next(key for key, status in sorted(table.items()) if status.value == "not_party")
    sealed.open(report.as_uri())
    page = sealed.page
    _choose(page, party)
    expected, actual = [], []
    for target, stance in (bound, outside):
        cell = page.locator(f'td.tl-cell[data-target="{target}"][data-stance="{stance}"]')
        cell.locator("summary").click()
        page.wait_for_function(
            "([t, s, p]) => (document.querySelector(`td.tl-cell[data-target='${t}']"
            "[data-stance='${s}'] .tl-trace-box`).dataset.shown || '').startsWith(p + ':')",
            arg=[target, stance, party])
        expected.append([step.reason for step in
                         corpus.resolve(target, stance, AT, party=party).trace])
        actual.append(cell.locator(".tl-reason").all_inner_texts())
    assert expected == actual


def test_party_preselected_with_scripts_on_and_off(corpus, browser, tmp_path):
    """write_report(party=...) opens on that party's statuses, with scripts on and off."""
    party = _parties(corpus)[1]
    out = write_report(corpus, tmp_path / "party.html", at=AT, party=party)
    found = []
    for scripts in (True, False):
        context = browser.new_context(java_script_enabled=scripts)
        page = context.new_page()
        page.goto(out.as_uri())
        if scripts:
            page.wait_for_function(
                "p => document.getElementById('tl-party').dataset.shown === p", arg=party)
            _set_date(page, "1950")
            found.append(("1950", page.evaluate(_CELLS_JS)))
            _set_date(page, AT)
        found.append((AT, page.evaluate(_CELLS_JS)))
        context.close()
    assert [("1950", _table(corpus, "1950", party)), (AT, _table(corpus, AT, party)),
            (AT, _table(corpus, AT, party))] == found


def test_without_scripts_the_default_page_shows_the_instrument_level_matrix(corpus, report,
                                                                             browser):
    """With scripts off, a report written without a party shows the instruments' own statuses
    (not a party's), and its party control stays hidden."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report.as_uri())
    cells = page.evaluate(_CELLS_JS)
    control = page.locator("#tl-party").is_visible()
    context.close()
    assert (_table(corpus, AT, None), False) == (cells, control)


@pytest.fixture(scope="module")
def synthetic_report(tmp_path_factory) -> tuple[tl.Corpus, Path]:
    corpus = synthetic_corpus(300, stances=5, seed=3)
    out = tmp_path_factory.mktemp("parties") / "synthetic.html"
    return corpus, write_report(corpus, out, at="2030-12-31")


_LANES_JS = """() => Object.fromEntries([...document.querySelectorAll('figure.tl-chart[data-target]')].map(
    f => [f.dataset.target, {file: !f.hidden, page: !f.nextElementSibling.hidden,
    title: f.nextElementSibling.hidden ? '' : f.nextElementSibling.querySelector('text')
    .textContent, segments: [...f.nextElementSibling.querySelectorAll('g.tl-seg title')]
    .map(t => t.textContent)}]))"""


def test_a_small_reports_timelines_follow_the_party(corpus, report, sealed):
    """A report's own (matplotlib) timelines show instruments; for a party the page draws
    each again from the party's statuses (its timeline: corpus.timeline(party=)), in its
    place, and puts the file's back for none."""
    sealed.open(report.as_uri())
    page = sealed.page
    drawn = page.evaluate(_LANES_JS)
    assert drawn and all(v["file"] and not v["page"] for v in drawn.values())
    party = _parties(corpus)[0]
    name = corpus.actors[party].name
    _choose(page, party)
    expected, actual = {}, {}
    for target, lanes in page.evaluate(_LANES_JS).items():
        segments = [f"{s}: {status_word(iv.status.value)} from {iv.start or 'the start'}"
                    for s in sorted(corpus.stances)
                    for iv in corpus.timeline(target, s, party=party).intervals]
        expected[target] = (False, True, f"for {name} ({party})", segments)
        actual[target] = (lanes["file"], lanes["page"], lanes["title"].split(", ")[-1],
                          lanes["segments"])
    assert expected == actual
    _choose(page, "")
    assert all(v["file"] and not v["page"] for v in page.evaluate(_LANES_JS).values())
    assert ([report.as_uri()], [], []) == (sealed.requested, sealed.blocked, sealed.errors)


def test_large_report_by_party(synthetic_report, sealed):
    """On 300 synthetic instruments (traces packed): two parties on three dates each give
    corpus.table(day, party=...), and a party's trace unpacks offline."""
    corpus, report = synthetic_report
    parties = report_parties(corpus, corpus.targets())[:2]
    sealed.open(report.as_uri())
    page = sealed.page
    expected, actual = [], []
    for party in parties:
        _choose(page, party)
        for day in ("1930-01-01", "1975-06-30", "2030-12-31"):
            _set_date(page, day)
            expected.append((party, day, _table(corpus, day, party)))
            actual.append((party, day, page.evaluate(_CELLS_JS)))
    table = corpus.table("2030-12-31", party=parties[-1])
    target, stance = next(key for key, status in sorted(table.items())
                          if status.value not in ("not_party", "pending"))
    cell = page.locator(f'td.tl-cell[data-target="{target}"][data-stance="{stance}"]')
    cell.locator("summary").click()
    page.wait_for_function(
        "([t, s]) => document.querySelector(`td.tl-cell[data-target='${t}'][data-stance='${s}']"
        " li.tl-step`) !== null", arg=[target, stance])
    expected.append((target, stance, [step.reason for step in corpus.resolve(
        target, stance, "2030-12-31", party=parties[-1]).trace]))
    actual.append((target, stance, cell.locator(".tl-reason").all_inner_texts()))
    assert expected == actual
    assert ([report.as_uri()], [], []) == (sealed.requested, sealed.blocked, sealed.errors)


def test_at_390_px_a_party_and_its_open_traces_do_not_widen_the_page(corpus, report, sealed):
    """At a phone's 390 px, with a party chosen and every trace open, the document is no
    wider than the viewport."""
    sealed.page.set_viewport_size({"width": 390, "height": 844})
    sealed.open(report.as_uri())
    page = sealed.page
    _choose(page, _parties(corpus)[0])
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_function("() => document.querySelectorAll('td.tl-cell li.tl-step').length >="
                           " document.querySelectorAll('td.tl-cell').length")
    assert 390 >= page.evaluate("() => document.documentElement.scrollWidth")
