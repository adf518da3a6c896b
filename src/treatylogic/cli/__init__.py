"""The ``treatylogic`` command line: commands, rendering for people, graph and schema export.

``commands`` holds the Typer app and the console script's ``main``; ``render``
turns results into Rich tables and trees; ``output`` keeps terminals and files
safe; ``graph`` and ``schema`` write the dependency graph and the rule-file
JSON Schema; ``table`` the status table export.
"""

from __future__ import annotations

from .commands import app, main

__all__ = ["app", "main"]
