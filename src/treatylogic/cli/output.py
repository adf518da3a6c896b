"""Where the command line's output goes: safe terminal text and files that are never lost.

Every text that comes from a rule file (titles, names, reasons) passes through
:func:`clean` before it reaches a terminal: control and escape characters are
shown as ``\\x1b``-style codes, never sent raw. Every ``--out`` file is checked by
:func:`check_out` first (known extension, a folder that exists, not a folder,
not an existing file unless ``--force``, never inside a rules folder being
read) and written by :func:`write_atomic`, which writes a temporary file beside
it and renames it into place, so a full disk leaves the old file whole.

>>> clean("a\\x1b[31mred\\x1b[0m title")
'a\\\\x1b[31mred\\\\x1b[0m title'
>>> check_out(Path("report.pdf"), {".html": "html"}, force=False, protected=[])
Traceback (most recent call last):
...
treatylogic.cli.output.OutputError: cannot write report.pdf: unknown extension '.pdf' (known: .html)
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ..errors import TreatyLogicError

__all__ = ["OutputError", "check_out", "clean", "write_atomic"]

#: C0 and C1 controls (but newline and tab), DEL, and the bidirectional overrides
#: that can make a terminal show text other than what is there.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class OutputError(TreatyLogicError, ValueError):
    """An output file that cannot or must not be written as asked."""


def clean(text: str) -> str:
    """``text`` with every control or escape character shown as a visible code."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def check_out(out: Path, formats: Mapping[str, str], *, force: bool,
              protected: Iterable[Path]) -> str:
    """Check that ``out`` may be written; return the format its extension names.

    ``formats`` maps each known extension (``.html``) to a format name.

    Raises
    ------
    OutputError
        For an unknown extension (with the known ones), a folder, a missing
        folder, an existing file without ``force``, or a path inside one of the
        ``protected`` rules folders (never written, even with ``force``).
    """
    shown = clean(str(out))
    suffix = out.suffix.lower()
    if out.is_dir():
        raise OutputError(f"cannot write {shown}: it is a folder; give a file name such as "
                          f"{clean(str(out / ('out' + next(iter(formats)))))}")
    target = out.resolve()
    for folder in protected:
        root = folder.resolve()
        root = root.parent if root.is_file() else root
        if _inside(target, root):
            raise OutputError(f"cannot write {shown}: it is inside the rules folder "
                              f"{clean(str(folder))} being read; write it elsewhere")
    if suffix not in formats:
        known = ", ".join(formats)
        what = f"unknown extension {out.suffix!r}" if out.suffix else "no extension"
        raise OutputError(f"cannot write {shown}: {what} (known: {known})")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"cannot write {shown}: the folder {clean(str(parent))} does not "
                          f"exist; create it first (mkdir -p {clean(str(parent))})")
    if out.exists() and not force:
        raise OutputError(f"{shown} already exists; add --force to overwrite it")
    return formats[suffix]


def write_atomic(out: Path, write: Callable[[Path], object]) -> None:
    """Let ``write(tmp)`` make the file beside ``out``, then move it into place.

    If ``write`` fails (a full disk, a bug), ``out`` is left as it was and the
    temporary file is removed.
    """
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent
                                    if str(out.parent) else ".")
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file; mkstemp made it 0600
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
