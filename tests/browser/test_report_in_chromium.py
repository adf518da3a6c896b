"""The generated HTML report, opened in headless Chromium with the network sealed off."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import AT, save_artifact

# every matrix cell as (target, stance) -> the status words its summary shows
_CELLS_JS = """() => Object.fromEntries([...document.querySelectorAll('td.tl-cell')].map(
    td => [td.dataset.target + ' | ' + td.dataset.stance,
           td.querySelector('summary').innerText.replace(/[\\u25B8\\u25BE]/g, '').trim()]))"""
_DIFFERING_ROWS_JS = """() => [...document.querySelectorAll('tr.tl-disagree')]
    .map(tr => tr.dataset.target)"""


def _words(status) -> str:
    return status.value.replace("_", " ")


def _open(sealed, report: Path) -> None:
    sealed.open(report.as_uri())


def test_matrix_shows_the_statuses_the_engine_returns(corpus, report, sealed):
    """Every cell of the matrix reads exactly what corpus.resolve answers for it."""
    _open(sealed, report)
    expected = {f"{target} | {stance}": _words(corpus.resolve(target, stance, AT).status)
                for target in corpus.targets() for stance in corpus.stances}
    assert expected == sealed.page.evaluate(_CELLS_JS)


def test_rows_where_readings_differ_are_marked(corpus, report, sealed):
    """A row is marked 'differ' exactly when the stances reach different statuses."""
    _open(sealed, report)
    expected = {target for target in corpus.targets()
                if len({r.status for r in corpus.compare(target, AT).values()}) > 1}
    assert expected == set(sealed.page.evaluate(_DIFFERING_ROWS_JS))
    assert all(sealed.page.locator(f'tr[data-target="{t}"] .tl-agreement').inner_text()
               == "≠ differ" for t in expected)


def _longest_trace(corpus):
    """The cell whose trace has the most steps (ties: the first in target, stance order)."""
    cells = [corpus.resolve(t, s, AT) for t in corpus.targets() for s in sorted(corpus.stances)]
    return max(cells, key=lambda r: (len(r.trace), any(step.rule for step in r.trace)))


def test_expanding_a_cell_shows_its_trace(corpus, report, sealed):
    """Clicking a cell opens its trace in place: each step's reason, rule and citations."""
    _open(sealed, report)
    resolution = _longest_trace(corpus)
    cell = sealed.page.locator(
        f'td.tl-cell[data-target="{resolution.target}"][data-stance="{resolution.stance}"]')
    steps = cell.locator("li.tl-step")
    assert not steps.first.is_visible()
    cell.locator("summary").click()
    assert steps.first.is_visible()
    assert [step.reason for step in resolution.trace] == \
        steps.locator(".tl-reason").all_inner_texts()
    assert [f"rule {step.rule}" for step in resolution.trace if step.rule] == \
        steps.locator(".tl-rule").all_inner_texts()
    shown_citations = [li.locator(".tl-cites li").all_inner_texts() for li in steps.all()]
    # a registry citation 'ID, locator' reads as the work's title and the locator
    from treatylogic.report.sources import Bibliography

    bibliography = Bibliography.of(corpus)
    assert [[bibliography.cite(c)[1] for c in step.citations] for step in resolution.trace] == \
        shown_citations


def test_no_request_leaves_the_page(report, sealed):
    """Opening the report, expanding every cell and scrolling to the end loads only the file."""
    _open(sealed, report)
    page = sealed.page
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    assert ([report.as_uri()], []) == (sealed.requested, sealed.blocked)


def test_the_seal_catches_a_page_that_reaches_out(sealed, tmp_path):
    """The network guard records a request a page makes (so the test above can fail)."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<img src="http://example.invalid/x.png">', encoding="utf-8")
    _open(sealed, leaky)
    sealed.page.wait_for_load_state("networkidle")
    assert ["http://example.invalid/x.png"] == sealed.blocked


def test_screenshot_is_saved(report, sealed, tmp_path):
    """A full-page screenshot of the report is saved to artifacts/report-full.png."""
    _open(sealed, report)
    shot = tmp_path / "report.png"
    sealed.page.screenshot(path=str(shot), full_page=True)
    saved = save_artifact(shot, "report-full.png")
    assert b"\x89PNG" == saved.read_bytes()[:4]


@pytest.mark.parametrize("width", [800, 390])
def test_matrix_fits_a_narrow_window_by_scrolling_not_clipping(report, sealed, width):
    """At 800 and 390 px wide every status word stays whole: the matrix scrolls, no cell cuts."""
    sealed.page.set_viewport_size({"width": width, "height": 900})
    _open(sealed, report)
    clipped = sealed.page.evaluate("""() => [...document.querySelectorAll('td.tl-cell summary')]
        .filter(s => s.scrollWidth > s.clientWidth + 1).length""")
    assert 0 == clipped
