"""Constants and helpers the report tests share (imported by conftest and the tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import treatylogic as tl
from treatylogic.loading import bundled_rules, rule_files

__all__ = ["ARTIFACTS", "AT", "CHROMIUM", "CHROMIUM_ARGS", "EXTREME_RULES", "FIXTURE_RULES", "REPO",
           "report_corpus", "save_artifact"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FIXTURE_RULES = Path(__file__).parent / "fixture_rules"
#: Fictional dates at the edges: 0001-01-01, an open start and end, 9999-12-31.
EXTREME_RULES = Path(__file__).parent / "fixture_extreme"
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
#: The date the report tests ask about (President Lai's remark, a date the bundled corpus covers).
AT = "2024-09-02"


def report_corpus() -> tl.Corpus:
    """The bundled rule base; the small fictional one while ``rules/`` has no stances yet."""
    if rule_files(bundled_rules()):
        bundled = tl.load()
        if bundled.stances:
            return bundled
    return tl.load(FIXTURE_RULES)


def save_artifact(source: Path, name: str) -> Path:
    """Copy a file into the git-ignored ``artifacts/`` folder."""
    ARTIFACTS.mkdir(exist_ok=True)
    return Path(shutil.copyfile(source, ARTIFACTS / name))
