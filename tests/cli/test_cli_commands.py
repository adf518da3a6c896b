"""Every command through the real ``treatylogic`` process, in both formats, on a small rules folder.

The JSON checks follow the contract of issue 5 (also in the README).
"""

from __future__ import annotations

import json

import networkx as nx
import yaml

STEP_KEYS = ["kind", "effect", "effect_kind", "source", "rule", "verdict", "reason", "status",
             "citations"]
RESOLUTION_KEYS = ["target", "stance", "party", "at", "as_of", "status", "valid", "possible",
                   "trace"]
ANSI_ESCAPE = "\x1b["


def ok_json(result):
    """The parsed stdout of a run that must have succeeded quietly."""
    assert (0, "") == (result.returncode, result.stderr)
    return json.loads(result.stdout)


def test_status_text_is_the_rules_the_status_and_why(cli, rules):
    """status prints the rules folder, the status line and why in words, without colour codes."""
    result = cli("--rules", rules, "status", "decl-1", "--stance", "alpha", "--at", "2024")
    assert (0, f"rules: {rules}\n"
               "decl-1 under alpha-view at 2024: annulled (not valid)\n"
               "  why: no objection to the annul by annul-1 (alpha-annuls-decl-1)\n") == \
        (result.returncode, result.stdout)


def test_status_json_follows_the_contract(cli, rules):
    """status --format json: target, stance, party, at, as_of, status, valid, possible, trace."""
    data = ok_json(cli("--rules", rules, "status", "decl-1", "-s", "beta", "--at", "2024-09-02",
                       "--format", "json"))
    assert RESOLUTION_KEYS == list(data)
    assert ("decl-1", "beta-view", "2024-09-02", "in_force", True) == \
        (data["target"], data["stance"], data["at"], data["status"], data["valid"])
    assert [STEP_KEYS, STEP_KEYS] == [list(step) for step in data["trace"]]
    last = data["trace"][-1]
    assert ("alpha-annuls-decl-1", "estoppel/no-self-annulment", "rejected",
            ["Nuclear Tests (1974)"]) == \
        (last["effect"], last["rule"], last["verdict"], last["citations"])


def test_explain_json_is_the_status_json(cli, rules):
    """explain --format json gives the same object as status --format json."""
    args = ["decl-1#railway", "--stance", "alpha-view", "--at", "1920-05", "--format", "json"]
    explained = ok_json(cli("--rules", rules, "explain", *args))
    assert ok_json(cli("--rules", rules, "status", *args)) == explained
    assert ("decl-1#railway", "annulled", False) == \
        (explained["target"], explained["status"], explained["valid"])


def test_explain_text_is_a_tree_of_steps_with_reasons_and_sources(cli, rules):
    """explain prints the result, each numbered step, its reason and its source."""
    result = cli("--rules", rules, "explain", "decl-1", "--stance", "beta", "--at", "2024")
    lines = [line.strip("│├└─ ") for line in result.stdout.splitlines()]
    assert 0 == result.returncode
    assert [f"rules: {rules}", "decl-1 under beta-view at 2024: in_force (valid)"] == lines[:2]
    second = next(i for i, line in enumerate(lines) if line.startswith("2. "))
    assert ["2. alpha-annuls-decl-1 (annul by annul-1): rejected "
            "[rule estoppel/no-self-annulment] -> in_force",
            "An issuer cannot annul a declaration others relied on.",
            "source: Nuclear Tests (1974)"] == lines[second:second + 3]
    assert ANSI_ESCAPE not in result.stdout


def test_explain_markdown_is_a_table(cli, rules):
    """explain --format markdown gives a heading and one table row per step."""
    result = cli("--rules", rules, "explain", "decl-1", "-s", "alpha", "--at", "2024",
                 "-f", "markdown")
    lines = result.stdout.splitlines()
    assert 0 == result.returncode
    assert "### `decl-1` under `alpha-view` at 2024: **annulled**" == lines[0]
    assert 2 == sum(line.startswith("| 1 ") or line.startswith("| 2 ") for line in lines)


def test_compare_json_has_every_stance(cli, rules):
    """compare --format json: target, at, and status/valid/trace for every stance."""
    data = ok_json(cli("--rules", rules, "compare", "decl-1", "--at", "1921", "-f", "json"))
    assert ["target", "party", "at", "stances"] == list(data)
    assert ("decl-1", "1921") == (data["target"], data["at"])
    summary = {name: (list(entry), entry["status"], entry["valid"])
               for name, entry in data["stances"].items()}
    keys = ["status", "valid", "possible", "trace"]
    assert {"alpha-view": (keys, "annulled", False), "beta-view": (keys, "in_force", True)} == \
        summary


def test_compare_text_is_a_table_of_stances(cli, rules):
    """compare prints one row per stance with its status and why, then a legend of stance names."""
    result = cli("--rules", rules, "compare", "decl-1", "--at", "1921")
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ ") and "-view" in line]
    assert 0 == result.returncode
    assert [["alpha-view", "annulled", "not", "valid", "no", "objection"],
            ["beta-view", "in_force", "valid", "rejects", "the", "annul"]] == \
        [row.replace("│", " ").split()[:6] for row in rows]
    assert ["alpha-view: Alpha's reading (actor alpha)", "beta-view: Beta's reading (actor beta)"] \
        == result.stdout.splitlines()[-2:]


def test_timeline_json_gives_contiguous_intervals_per_stance(cli, rules):
    """timeline --format json: every stance's intervals, from null to null, contiguous."""
    data = ok_json(cli("--rules", rules, "timeline", "decl-1", "--format", "json"))
    assert {
        "target": "decl-1",
        "party": None,
        "stances": {
            "alpha-view": [
                {"from": None, "to": "1919-07-25", "status": "pending"},
                {"from": "1919-07-25", "to": "1920-05-01", "status": "in_force"},
                {"from": "1920-05-01", "to": None, "status": "annulled"},
            ],
            "beta-view": [
                {"from": None, "to": "1919-07-25", "status": "pending"},
                {"from": "1919-07-25", "to": None, "status": "in_force"},
            ],
        },
    } == data


def test_timeline_text_for_one_stance(cli, rules):
    """timeline --stance prints that stance's intervals only."""
    result = cli("--rules", rules, "timeline", "decl-1", "--stance", "beta")
    rows = [row.replace("│", " ").split() for row in result.stdout.splitlines() if "│" in row]
    assert 0 == result.returncode
    assert [["beta-view", "…", "1919-07-25", "pending"], ["1919-07-25", "…", "in_force"]] == rows


def test_diff_json_names_the_step_where_stances_part(cli, rules):
    """diff --format json gives both statuses and the first step decided differently."""
    data = ok_json(cli("--rules", rules, "diff", "decl-1", "alpha", "beta", "--at", "2024",
                       "-f", "json"))
    assert ("alpha-view", "annulled", "beta-view", "in_force", False) == \
        (data["stance_a"], data["status_a"], data["stance_b"], data["status_b"], data["agree"])
    assert (["applied", "rejected"], STEP_KEYS) == \
        ([data["step_a"]["verdict"], data["step_b"]["verdict"]], list(data["step_a"]))


def test_diff_text_says_who_says_what(cli, rules):
    """diff prints both readings, then the step where they part."""
    result = cli("--rules", rules, "diff", "decl-1", "alpha", "beta", "--at", "2024")
    lines = result.stdout.splitlines()
    assert 0 == result.returncode
    assert [f"rules: {rules}", "decl-1 at 2024: alpha-view says annulled, beta-view says in_force",
            "They part at:"] == lines[:3]


def test_validate_good_rules(cli, rules):
    """validate on a good folder: ok with counts, exit 0; JSON ok with no problems."""
    text = cli("--rules", rules, "validate")
    assert (0, f"rules: {rules}\nok: 2 actors, 2 instruments, 1 effects, 1 doctrines, 2 stances\n") == \
        (text.returncode, text.stdout)
    assert {"ok": True, "problems": []} == ok_json(cli("--rules", rules, "validate", "-f", "json"))


def test_validate_bad_rules_json_lists_every_problem_and_exits_2(cli, bad_rules):
    """validate --format json on a bad folder: ok false, each problem located, exit 2."""
    result = cli("--rules", bad_rules, "validate", "--format", "json")
    data = json.loads(result.stdout)
    assert 2 == result.returncode
    assert False is data["ok"]
    assert [("bad/a.yaml", 4, 5, "actors[0].kind"), ("bad/a.yaml", 11, 5, "instruments[0].date")] \
        == [(p["file"], p["line"], p["column"], p["path"]) for p in data["problems"]]
    assert ["file", "line", "column", "path", "message"] == list(data["problems"][0])


def test_validate_bad_rules_text_lists_every_problem_and_exits_2(cli, bad_rules):
    """validate on a bad folder prints file:line:col [path]: message per problem, exit 2."""
    result = cli("--rules", bad_rules, "validate")
    lines = result.stderr.splitlines()
    assert (2, "") == (result.returncode, result.stdout)
    assert "error: 2 problems in the rule files:" == lines[0]
    assert ["  bad/a.yaml:4:5 [actors[0].kind]: ", "  bad/a.yaml:11:5 [instruments[0].date]: "] \
        == [line[:line.index("]: ") + 3] for line in lines[1:]]
    assert "Traceback" not in result.stderr


def test_graph_dot_with_stance_colours_to_a_file(cli, rules, tmp_path):
    """graph --stance --out g.dot writes DOT coloured by status, effects by verdict."""
    out = tmp_path / "g.dot"
    result = cli("--rules", rules, "graph", "--stance", "beta", "--at", "2024", "--out", out)
    text = out.read_text(encoding="utf-8")
    assert (0, "", f"wrote {out} from rules: {rules}\n") == \
        (result.returncode, result.stdout, result.stderr)
    assert "digraph treatylogic {" == text.splitlines()[0]
    assert '  "decl-1" [label="decl-1\\n1919-07-25\\nin_force", shape="box", ' \
           'tooltip="Alpha\'s declaration to Beta", fillcolor="#9be29b"];' in text.splitlines()
    assert 'color="#c00000", fontcolor="#c00000", style="dashed"];' in text  # the rejected annul


def test_graph_mermaid_to_stdout(cli, rules):
    """graph --format mermaid prints a flowchart, with ids that Mermaid accepts."""
    result = cli("--rules", rules, "graph", "--format", "mermaid", "-s", "alpha", "--at", "2024")
    lines = result.stdout.splitlines()
    assert 0 == result.returncode
    assert ["%% status under alpha-view at 2024", "flowchart LR",
            '  n0["annul-1<br/>1920-05-01<br/>in_force"]',
            '  n1["decl-1<br/>1919-07-25<br/>annulled"]',
            '  n2(["decl-1#35;railway<br/>annulled"])',
            '  n0 -->|"annul 1920-05-01 (applied)"| n1',
            "  n1 -.- n2"] == lines[:7]
    assert "  class n1 annulled" in lines


def test_graph_graphml_reads_back_with_networkx(cli, rules, tmp_path):
    """graph --format graphml round-trips through networkx, statuses and verdicts included."""
    out = tmp_path / "g.graphml"
    result = cli("--rules", rules, "graph", "--stance", "beta-view", "--at", "2024", "-o", out)
    graph = nx.read_graphml(out)
    assert 0 == result.returncode
    assert {"decl-1", "decl-1#railway", "annul-1"} == set(graph.nodes)
    assert ("in_force", "rejected") == \
        (graph.nodes["decl-1"]["status"], graph.edges["annul-1", "decl-1"]["verdict"])


def test_list_json_and_text(cli, rules):
    """list --format json gives rows per kind; list stances prints a table of stances."""
    data = ok_json(cli("--rules", rules, "list", "--format", "json"))
    assert ["instruments", "provisions", "effects", "actors", "stances", "doctrines",
            "sources"] == list(data)
    assert [["annul-1", "decl-1"], ["decl-1#railway"], ["alpha-annuls-decl-1"], ["alpha", "beta"],
            ["alpha-view", "beta-view"], ["estoppel"], []] \
        == [[row["id"] for row in rows] for rows in data.values()]
    assert {"id": "beta-view", "actor": "beta", "name": "Beta's reading", "aliases": ["beta"],
            "doctrines": ["estoppel"]} == data["stances"][1]
    text = cli("--rules", rules, "list", "stances")
    assert (0, f"rules: {rules}", "stances (2)") == (text.returncode, *text.stdout.splitlines()[:2])
    assert 2 == sum("-view" in line for line in text.stdout.splitlines())


class EditorYaml(yaml.SafeLoader):
    """YAML as editors' language servers read it (1.2 core: no timestamps, dates stay text)."""


EditorYaml.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_schema_accepts_the_rule_files_and_refuses_typos(cli, rules):
    """schema prints a JSON Schema that accepts the fixture's rule files, not a misspelt key."""
    import jsonschema

    schema = ok_json(cli("schema"))
    validator = jsonschema.Draft7Validator(schema)
    assert ("http://json-schema.org/draft-07/schema#", "treatylogic rule file") == \
        (schema["$schema"], schema["title"])
    for path in sorted(rules.glob("*.yaml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorYaml)
        assert [] == [error.message for error in validator.iter_errors(document)]
    year_only = {"instruments": [{"id": "x", "title": "X", "kind": "treaty", "form": "bilateral",
                                  "parties": ["a", "b"], "date": 1953}]}
    assert [] == [error.message for error in validator.iter_errors(year_only)]
    assert False is validator.is_valid({"instruments": [{"id": "x", "titel": "typo"}]})


def test_rules_from_the_environment_and_any_directory(cli, rules, tmp_path):
    """TREATYLOGIC_RULES stands in for --rules, from any working directory."""
    result = cli("status", "decl-1", "-s", "alpha", "--at", "1919-12", cwd=tmp_path,
                 env={"TREATYLOGIC_RULES": str(rules)})
    assert (0, [f"rules: {rules}", "decl-1 under alpha-view at 1919-12: in_force (valid)"]) == \
        (result.returncode, result.stdout.splitlines()[:2])
