"""Fixtures for the command-line tests: a small rules folder and a way to run the real command.

The folder holds one unilateral declaration (with a provision), its annulment by
its own issuer, and two stances: ``alpha-view`` accepts the annulment,
``beta-view`` rejects it through the ``estoppel`` doctrine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

WORLD_YAML = """\
actors:
  - id: alpha
    name: Republic of Alpha
    kind: state
  - id: beta
    name: Kingdom of Beta
    kind: state
instruments:
  - id: decl-1
    title: Alpha's declaration to Beta
    kind: declaration
    form: unilateral
    issuer: alpha
    addressees: [beta]
    date: 1919-07-25
    provisions:
      - id: railway
        summary: Alpha gives the railway back to Beta
  - id: annul-1
    title: Alpha annuls its declaration
    kind: note
    form: unilateral
    issuer: alpha
    date: 1920-05-01
    effects:
      - id: alpha-annuls-decl-1
        kind: annul
        target: decl-1
"""

STANCES_YAML = """\
doctrines:
  - id: estoppel
    name: Estoppel
    rules:
      - id: no-self-annulment
        when: {kind: annul, actor_is_target_author: true}
        then: reject
        reason: An issuer cannot annul a declaration others relied on.
        citation: Nuclear Tests (1974)
stances:
  - id: alpha-view
    actor: alpha
    name: Alpha's reading
    aliases: [alpha]
  - id: beta-view
    actor: beta
    name: Beta's reading
    aliases: [beta]
    doctrines: [estoppel]
"""

#: Two mistakes: an unknown actor kind (line 4) and an impossible date (line 11).
BAD_YAML = """\
actors:
  - id: alpha
    name: A
    kind: stat
instruments:
  - id: x
    title: X
    kind: declaration
    form: unilateral
    issuer: alpha
    date: 1919-02-30
"""

#: Environment variables that would change how Rich or the loader behave.
_NOISE = ("TREATYLOGIC_RULES", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
          "COLUMNS", "LINES", "TERM")


def write_rules(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small, valid rules folder described in the module docstring."""
    return write_rules(tmp_path_factory.mktemp("rules") / "small",
                       {"world.yaml": WORLD_YAML, "stances.yaml": STANCES_YAML})


@pytest.fixture(scope="session")
def bad_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rules folder with two located mistakes (see ``BAD_YAML``)."""
    return write_rules(tmp_path_factory.mktemp("rules") / "bad", {"a.yaml": BAD_YAML})


#: The ``treatylogic`` script pip installed for this Python (None if it did not).
SCRIPT = shutil.which("treatylogic", path=sysconfig.get_path("scripts"))
#: The real console script when installed (pip install -e .), else the same main via -m.
COMMAND = [SCRIPT] if SCRIPT else [sys.executable, "-m", "treatylogic"]


@pytest.fixture(scope="session")
def console_script() -> str | None:
    """The path of the installed ``treatylogic`` script, or None."""
    return SCRIPT


def _run_cli(*args: str | os.PathLike[str], env: dict[str, str] | None = None,
             cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in _NOISE}
    clean["COLUMNS"] = "200"  # wide enough that no line of the fixture wraps
    return subprocess.run([*COMMAND, *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**clean, **(env or {})}, cwd=cwd)


@pytest.fixture(scope="session")
def cli():
    """Run the real command (``treatylogic ARGS``) in a subprocess, output piped.

    Call it as ``cli(*args, env=None, cwd=None)``; it returns the CompletedProcess.
    """
    return _run_cli
