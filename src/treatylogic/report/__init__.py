"""The HTML report and timeline plots: explore the readings through time, on a screen or a phone.

:func:`write_report` writes one self-contained HTML file (inline styles, SVG
and one inline script; nothing loads from the network) that opens offline in
any browser: the comparison matrix at a date with every cell's trace
expandable in place, a date control that moves the matrix through time,
filters and a search, a timeline per instrument, the dependency graph and the
bibliography. :func:`plot_timeline` draws one target's timeline to an SVG or
PNG file. Charts need matplotlib (``pip install 'treatylogic[report]'``).

The package, one module per concern: :mod:`~.page` (the document),
:mod:`~.data` (the histories the page embeds), :mod:`~.charts` (matplotlib
timelines and graph), :mod:`~.axis` (the time axis that folds quiet decades),
:mod:`~.sources` (the bibliography), :mod:`~.styles` (how statuses and the page
look), :mod:`~.fragments` (HTML pieces shared with the notebook views) and
``explorer.js`` (the page's script).

>>> import tempfile, pathlib
>>> import treatylogic as tl
>>> from treatylogic.report import write_report
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> write_report(tl.load(), out, at="1930", targets=["karakhan-1919"]).name
'report.html'
"""

from __future__ import annotations

from .page import CHART_LIMIT, PLOT_FORMATS, ReportError, plot_timeline, render_report, write_report

__all__ = ["CHART_LIMIT", "PLOT_FORMATS", "ReportError", "plot_timeline", "render_report",
           "write_report"]
