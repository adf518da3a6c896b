"""Every output is the same bytes under any file layout and any PYTHONHASHSEED (issue 17).

The bundled rules are laid out twice (as shipped, and flattened into renamed
files in reverse order); a fresh interpreter per (layout, hash seed) runs every
command that writes something (statuses, explanations, JSON, tables, DOT,
Mermaid, GraphML, ASP, the HTML report, the SVG plot, the bibliography) and
returns each output's digest. The rules folder's and output folder's own paths
are replaced by placeholders first: a header naming the folder read is not a
difference of content. ``test_robustness.py`` holds the in-process layout check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from golden.test_robustness import _layouts

AT = "1960"
#: Every command whose output could follow file order or set order; ``{out}`` is a folder.
COMMANDS = [
    ["status", "karakhan-1919", "--stance", "roc", "--at", AT],
    ["status", "karakhan-1919", "--stance", "roc", "--at", AT, "--format", "json"],
    ["explain", "karakhan-1919", "--stance", "prc", "--at", AT],
    ["explain", "karakhan-1919", "--stance", "prc", "--at", AT, "--format", "markdown"],
    ["explain", "karakhan-1919", "--stance", "prc", "--at", AT, "--format", "json",
     "--party", "prc"],
    ["compare", "karakhan-1919", "--at", AT],
    ["compare", "karakhan-1919", "--at", AT, "--format", "json"],
    ["timeline", "karakhan-1919"],
    ["timeline", "karakhan-1919", "--format", "json"],
    ["timeline", "karakhan-1919", "--stance", "roc", "--plot", "{out}/timeline.svg"],
    ["diff", "karakhan-1919", "roc", "prc", "--at", AT, "--format", "json"],
    ["table", "--at", AT],
    ["table", "--at", AT, "--format", "json"],
    ["graph", "--format", "dot", "--stance", "roc", "--at", AT],
    ["graph", "--format", "mermaid", "--stance", "prc", "--at", AT],
    ["graph", "--format", "graphml", "--stance", "roc", "--at", AT],
    ["export", "asp"],
    ["report", "--at", AT, "--out", "{out}/report.html"],
    ["list", "--format", "json"],
    ["list", "instruments"],
    ["sources", "--format", "bibtex"],
    ["sources", "--format", "csl-json"],
    ["validate", "--format", "json"],
]

CHILD = """
import hashlib, json, sys
from pathlib import Path
from typer.testing import CliRunner
from treatylogic.cli import app
folder, out, commands = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
found = {}
for args in commands:
    args = [a.replace("{out}", out) for a in args]
    result = CliRunner().invoke(app, ["--rules", folder, *args])
    data = result.stdout_bytes
    for written in [a for a in args if a.startswith(out)]:
        data += Path(written).read_bytes()
        Path(written).unlink()
    data = data.replace(folder.encode(), b"<RULES>").replace(out.encode(), b"<OUT>")
    found[" ".join(args).replace(out, "<OUT>")] = [result.exit_code, len(data),
                                                   hashlib.sha256(data).hexdigest()]
print(json.dumps(found))
"""


def _outputs(folder: Path, out: Path, seed: str) -> dict[str, list[object]]:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out),
                           json.dumps(COMMANDS)], capture_output=True, text=True, env=env,
                          check=True)
    found: dict[str, list[object]] = json.loads(done.stdout)
    return found


def test_every_output_is_the_same_bytes_under_any_layout_and_hash_seed(tmp_path: Path) -> None:
    """Three runs (layout, PYTHONHASHSEED) = (shipped, 0), (renamed, 1), (shipped, 4242) agree."""
    shipped, renamed = _layouts(tmp_path)
    runs = [_outputs(shipped, tmp_path / "out-a", "0"),
            _outputs(renamed, tmp_path / "out-b", "1"),
            _outputs(shipped, tmp_path / "out-c", "4242")]
    differing = sorted(key for key, value in runs[0].items()
                       if any(run.get(key) != value for run in runs[1:]))
    exits = {value[0] for run in runs for value in run.values()}
    expected: tuple[list[str], list[int], set[object]] = ([], [len(COMMANDS)] * 3, {0})
    assert expected == (differing, [len(run) for run in runs], exits)
