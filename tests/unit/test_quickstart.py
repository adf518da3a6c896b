"""The README's Quick start works from a fresh copy with nothing installed (PEP 668 machines too).

``quickstart.sh`` makes its own virtual environment, so it never needs the system
Python to accept ``pip install``. One test runs it for real in a temporary copy
of the project (a fresh venv and install, about half a minute); one checks what
it says when the venv module is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: What a fresh clone holds that an install needs.
NEEDED = ["src", "rules", "pyproject.toml", "README.md", "quickstart.sh"]


def _fresh_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "clone"
    copy.mkdir()
    for name in NEEDED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, copy / name)
    return copy


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "TREATYLOGIC_RULES", "COLUMNS")}
    # the test runner's own venv must not leak into the script's PATH
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(sys.prefix))
    return {**env, **extra}


def test_readme_quick_start_is_the_script():
    """The README's first command is 'bash quickstart.sh', and the script runs the main job."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    script = (ROOT / "quickstart.sh").read_text(encoding="utf-8")
    assert ("```bash\nbash quickstart.sh\n```" in readme,
            "MAIN_JOB=(compare karakhan-1919 --at 2024-09-02)" in script) == (True, True)


def test_quickstart_installs_in_a_fresh_venv_and_runs_the_main_job(tmp_path):
    """bash quickstart.sh in a fresh copy: makes .venv, installs, prints the five readings."""
    copy = _fresh_copy(tmp_path)
    result = subprocess.run(["bash", "quickstart.sh"], cwd=copy, capture_output=True, text=True,
                            timeout=900, env=_clean_env(COLUMNS="120"))
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip()
            for line in result.stdout.splitlines() if line.startswith("│ ")
            and line.split("│")[1].strip()}
    assert (0, {"elleman": "suspended", "prc": "undetermined", "radchenko": "annulled",
                "roc": "in_force", "russia": "annulled"}) == (result.returncode, rows), \
        result.stderr[-2000:]
    assert (copy / ".venv" / "bin" / "treatylogic").is_file()
    # the report extra came with it
    check = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c", "import matplotlib"],
                           capture_output=True, text=True, timeout=120)
    assert 0 == check.returncode


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_quickstart_without_venv_says_what_to_install(tmp_path):
    """When the Python cannot make a venv (Debian without python3-venv, no pipx): exit 2 and how."""
    copy = _fresh_copy(tmp_path)
    fake = tmp_path / "bin"
    fake.mkdir()
    python = fake / "python3"
    # a Python 3.11+ that fails 'python -m venv', as Debian's does without python3-venv
    python.write_text(f'#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "venv" ]; then exit 1; fi\n'
                      f'exec {sys.executable} "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    env = _clean_env(PYTHON=str(python))
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep)
                                  if not (Path(p) / "pipx").exists())
    result = subprocess.run(["bash", "quickstart.sh"], cwd=copy, capture_output=True, text=True,
                            timeout=120, env=env)
    assert (2, "") == (result.returncode, result.stdout)
    assert "sudo apt install python3-venv" in result.stderr
    assert False is (copy / ".venv").exists()
