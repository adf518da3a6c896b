"""The commands for people who build rule bases: test, sources, table; and the small options.

Each runs the real process (``cli`` fixture) on the small rules folder of
conftest.py or on the bundled rules.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

EXPECT_OK = """\
expectations:
  - name: Beta holds the declaration valid
    target: decl-1
    stance: beta
    at: 2024
    status: in_force
    rule: no-self-annulment
  - target: decl-1
    stance: alpha-view
    at: 1919-12
    status: in_force
"""

EXPECT_FAIL = """\
expectations:
  - target: decl-1
    stance: alpha
    at: 2024
    status: in_force
"""


def test_test_command_passes_and_exits_0(cli, rules, tmp_path):
    """treatylogic test: PASS per case with its file and line, the counts, exit 0."""
    cases = tmp_path / "ok.yaml"
    cases.write_text(EXPECT_OK, encoding="utf-8")
    result = cli("--rules", rules, "test", cases)
    assert (0, [f"rules: {rules}",
                f"PASS Beta holds the declaration valid  ({cases}:2)",
                f"PASS decl-1 under alpha-view at 1919-12  ({cases}:8)",
                "2 passed, 0 failed"]) == (result.returncode, result.stdout.splitlines())


def test_test_command_reports_a_failure_and_exits_3(cli, rules, tmp_path):
    """A case the rules do not meet: FAIL with what was expected and got, exit 3; JSON too."""
    ok, bad = tmp_path / "ok.yaml", tmp_path / "bad.yaml"
    ok.write_text(EXPECT_OK, encoding="utf-8")
    bad.write_text(EXPECT_FAIL, encoding="utf-8")
    result = cli("test", ok, bad, "--rules", rules)  # --rules after the command works too
    assert (3, ["FAIL decl-1 under alpha at 2024  (" + str(bad) + ":2)",
                "     expected in_force; got annulled", "2 passed, 1 failed"]) == \
        (result.returncode, result.stdout.splitlines()[-3:])
    data = json.loads(cli("test", bad, "--rules", rules, "-f", "json").stdout)
    assert {"passed": 0, "failed": 1} == {k: data[k] for k in ("passed", "failed")}
    assert ({"status": "in_force", "rule": None}, {"status": "annulled", "rule": None}) == \
        (data["cases"][0]["expected"], data["cases"][0]["actual"])


def test_test_command_bad_file_is_located(cli, rules, tmp_path):
    """An expectations file with a misspelt field: exit 2, file:line:col [path]: message."""
    bad = tmp_path / "typo.yaml"
    bad.write_text(EXPECT_FAIL.replace("status:", "satus:"), encoding="utf-8")
    result = cli("--rules", rules, "test", bad)
    assert (2, "") == (result.returncode, result.stdout)
    assert [f"  {bad}:2:5 [expectations[0].status]: missing required field 'status'",
            f"  {bad}:5:5 [expectations[0].satus]: unknown field 'satus' (allowed: name, target, "
            "stance, at, party, status, rule, source)"] == result.stderr.splitlines()[1:]


def test_sources_exports_csl_json_and_bibtex(cli, tmp_path):
    """sources --format csl-json|bibtex on the bundled rules: every registry entry, once."""
    items = json.loads(cli("sources", "--format", "csl-json").stdout)
    ids = [item["id"] for item in items]
    assert (True, sorted(ids)) == ("wp-karakhan-manifesto" in ids, ids)
    karakhan = next(item for item in items if item["id"] == "wp-karakhan-manifesto")
    assert "https://en.wikipedia.org/wiki/Karakhan_Manifesto" == karakhan["URL"]
    out = tmp_path / "karakhan.bib"
    result = cli("sources", "--format", "bibtex", "--out", out)
    text = out.read_text(encoding="utf-8")
    assert (0, len(ids)) == (result.returncode, text.count("\n@") + text.startswith("@"))
    assert "@book{elleman-1997,\n  title = {Diplomacy and Deception" in text


def test_table_csv_and_json_hold_every_target_and_stance(cli, rules):
    """table --format csv|json: one row per (target, stance), with status and valid."""
    text = cli("--rules", rules, "table", "--at", "2024").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [("annul-1", "alpha-view", "in_force", "true"),
            ("annul-1", "beta-view", "in_force", "true"),
            ("decl-1", "alpha-view", "annulled", "false"),
            ("decl-1", "beta-view", "in_force", "true"),
            ("decl-1#railway", "alpha-view", "annulled", "false"),
            ("decl-1#railway", "beta-view", "in_force", "true")] == \
        [(r["target"], r["stance"], r["status"], r["valid"]) for r in rows]
    data = json.loads(cli("--rules", rules, "table", "--at", "2024", "-f", "json").stdout)
    assert [{"target": r["target"], "stance": r["stance"], "at": "2024", "status": r["status"],
             "valid": r["valid"] == "true"} for r in rows] == data


def test_table_parquet_needs_a_file_and_round_trips(cli, rules, tmp_path):
    """table --format parquet writes a Parquet file with the same rows; without --out: exit 2."""
    pq = pytest.importorskip("pyarrow.parquet")
    assert 2 == cli("--rules", rules, "table", "-f", "parquet").returncode
    out = tmp_path / "t.parquet"
    assert 0 == cli("--rules", rules, "table", "--at", "2024", "-f", "parquet",
                    "--out", out).returncode
    table = pq.read_table(str(out)).to_pylist()
    assert (6, {"target": "decl-1", "stance": "alpha-view", "at": "2024", "status": "annulled",
                "valid": False}) == (len(table), table[2])


def test_list_effects_and_provisions(cli, rules):
    """list effects and list provisions are kinds of their own (not an error)."""
    effects = json.loads(cli("--rules", rules, "list", "effects", "-f", "json").stdout)
    provisions = json.loads(cli("--rules", rules, "list", "provisions", "-f", "json").stdout)
    assert ([{"id": "alpha-annuls-decl-1", "kind": "annul", "source": "annul-1",
              "target": "decl-1", "date": "1920-05-01"}],
            [{"id": "decl-1#railway", "variants": [],
              "summary": "Alpha gives the railway back to Beta"}]) == \
        (effects["effects"], provisions["provisions"])


def test_short_version_and_completion(cli):
    """-V prints the version; --show-completion prints a shell completion script."""
    import treatylogic

    version = cli("-V")
    completion = cli("--show-completion", "bash")
    assert ((0, f"treatylogic {treatylogic.__version__}\n"), 0, True) == (
        (version.returncode, version.stdout), completion.returncode,
        "_TREATYLOGIC_COMPLETE" in completion.stdout)


def test_compare_ids_on_request(cli, rules):
    """compare --ids adds the deciding rule's id to the why; without it, no ids."""
    plain = cli("--rules", rules, "compare", "decl-1", "--at", "2024").stdout
    ids = cli("--rules", rules, "compare", "decl-1", "--at", "2024", "--ids").stdout
    assert (False, True) == ("estoppel/no-self-annulment" in plain,
                             "estoppel/no-self-annulment" in ids)


def test_bundled_header_names_the_folder_loaded(cli):
    """Every text output starts with the rules folder it read, marked (bundled)."""
    import treatylogic as tl
    from treatylogic.loading import bundled_rules

    del tl
    result = cli("validate")
    assert (0, f"rules: {bundled_rules()} (bundled)") == \
        (result.returncode, result.stdout.splitlines()[0])
