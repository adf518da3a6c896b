"""The rule-file schema works in the real YAML language server (VS Code, Neovim, Emacs, ...).

``treatylogic schema`` writes JSON Schema draft 7, the dialect the server reads.
These tests start ``yaml-language-server --stdio`` (the npm package, installed by
``.ci/run`` into ``tools/yaml-language-server``), open each bundled rule file
with the ``# yaml-language-server: $schema=...`` line, and read the diagnostics
it publishes: none for the bundled rules, located ones for a broken file.
Skipped, saying why, only when node is not installed.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from treatylogic.cli.schema import rule_file_schema
from treatylogic.loading import bundled_rules, library, rule_files

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "tools" / "yaml-language-server" / "node_modules" / "yaml-language-server" \
    / "bin" / "yaml-language-server"

pytestmark = pytest.mark.skipif(shutil.which("node") is None,
                                reason="node is not installed (Debian: apt install nodejs npm)")

BROKEN = """\
instruments:
  - id: x
    titel: A treaty
    kind: treatty
    form: bilateral
    parties: [a, b]
    date: 1950-02-14
"""


class LanguageServer:
    """A minimal LSP client over stdio: requests, notifications, and published diagnostics."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0
        self.settings = {"yaml": {"validate": True, "schemaStore": {"enable": False},
                                  "schemas": {}, "format": {"enable": False}}}
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                    "capabilities": {"workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, wanted, timeout: float = 60.0) -> dict:
        """The next message ``wanted`` accepts, answering the server's own requests meanwhile."""
        while True:
            message = self.messages.get(timeout=timeout)
            if "method" in message and "id" in message:  # a request from the server
                items = message.get("params", {}).get("items", [])
                result = [self.settings.get(i.get("section", ""), None) for i in items] \
                    if message["method"] == "workspace/configuration" else None
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
                continue
            if wanted(message):
                return message

    def diagnostics(self, uri: str, text: str, expect_some: bool) -> list[dict]:
        """Open ``text`` as ``uri`` and return what the server reports on it."""
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        while True:
            message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri)
            found = message["params"]["diagnostics"]
            if found or not expect_some:
                return found

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real yaml-language-server, and the schema file its documents point to."""
    if not SERVER.is_file():  # .ci/run installs it; a bare pytest run does it here, once
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("node is here but npm is not: install npm, then "
                        "'npm ci --prefix tools/yaml-language-server' (bash .ci/run does both)")
        subprocess.run([npm, "ci", "--prefix", str(SERVER.parents[3]), "--no-audit", "--no-fund",
                        "--silent"], check=True, timeout=600, capture_output=True)
    folder = tmp_path_factory.mktemp("editor")
    schema = folder / "rules.schema.json"
    schema.write_text(json.dumps(rule_file_schema()), encoding="utf-8")
    client = LanguageServer(folder)
    yield client, schema, folder
    client.close()


def _document(schema: Path, text: str) -> str:
    return f"# yaml-language-server: $schema={schema.as_uri()}\n{text}"


def test_bundled_rules_have_no_diagnostics(server):
    """Every bundled rule file, and the library's, is clean in the YAML language server."""
    client, schema, folder = server
    files = [*rule_files(bundled_rules()), *rule_files(library())]
    reported = {}
    for index, path in enumerate(files):
        uri = (folder / f"doc{index}.yaml").as_uri()
        found = client.diagnostics(uri, _document(schema, path.read_text(encoding="utf-8")),
                                   expect_some=False)
        if found:
            reported[path.name] = [d["message"] for d in found]
    assert ({}, True) == (reported, len(files) > 10)


def test_broken_file_gets_located_diagnostics(server):
    """The missing title, the misspelt key and the unknown kind, each on its own line."""
    client, schema, folder = server
    found = client.diagnostics((folder / "broken.yaml").as_uri(), _document(schema, BROKEN),
                               expect_some=True)
    by_line = {}
    for d in found:
        by_line.setdefault(d["range"]["start"]["line"], []).append(d["message"])
    # 0: the $schema line, 1: instruments:, 2: - id: x, 3: titel, 4: kind
    assert [2, 3, 4] == sorted(by_line)
    assert (True, True, True) == (
        any("title" in m for m in by_line[2]),
        any("titel" in m for m in by_line[3]),
        any("treaty" in m for m in by_line[4]))
