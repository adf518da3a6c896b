"""The README's rule-file example is a valid rule file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import treatylogic as tl

ROOT = Path(__file__).resolve().parents[2]


def test_readme_rule_example_loads_beside_the_bundled_actors_and_doctrine(tmp_path: Path) -> None:
    """The YAML example under 'Writing rules' loads with the bundled actors and sources, and the library it includes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing rules"):]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")
    shutil.copy(ROOT / "rules" / "actors.yaml", tmp_path / "actors.yaml")
    shutil.copy(ROOT / "rules" / "sources.yaml", tmp_path / "sources.yaml")
    corpus = tl.load(tmp_path)
    assert tl.Status.IN_FORCE == corpus.resolve("karakhan-1919", "roc", "2024").status
