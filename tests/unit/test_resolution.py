"""Resolution semantics: dates, sources, ex tunc and ex nunc, variants, rules, cycles."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import corpus, declaration, effect, treaty

import treatylogic as tl
from treatylogic.models import Doctrine, Rule, Stance

S = tl.Status


def test_pending_before_date_and_in_force_from_it() -> None:
    """A treaty is pending before its date and in force from that day."""
    c = corpus(treaty("t", "1924-05-31"))
    assert S.PENDING == c.resolve("t", "plain", "1924-05-30").status
    assert S.IN_FORCE == c.resolve("t", "plain", "1924-05-31").status


def test_entry_into_force_is_separate_from_signature() -> None:
    """With an in_force date, the treaty is pending until it (VCLT art. 24)."""
    c = corpus(treaty("t", "1950-02-14", in_force="1950-04-11"))
    assert S.PENDING == c.resolve("t", "plain", "1950-03-01").status
    assert S.IN_FORCE == c.resolve("t", "plain", "1950-04-11").status


def test_coarse_query_date_means_its_last_day() -> None:
    """'1924' asks where things stood at the end of 1924."""
    c = corpus(treaty("t", "1924-05-31"))
    assert S.IN_FORCE == c.resolve("t", "plain", "1924").status
    assert "1924" == c.resolve("t", "plain", "1924").at


def test_uncertain_instrument_date_is_undetermined_inside_its_window() -> None:
    """Inside a month-precision date the engine cannot tell whether the act was made yet."""
    c = corpus(treaty("t", "1920-09"))
    assert S.PENDING == c.resolve("t", "plain", "1920-08-31").status
    assert S.UNDETERMINED == c.resolve("t", "plain", "1920-09-15").status
    assert S.IN_FORCE == c.resolve("t", "plain", "1920-09-30").status


def test_uncertain_effect_date_is_undetermined_inside_its_window() -> None:
    """An annulment 'after October 1922' leaves the target undetermined while it may or may not have happened."""
    c = corpus(declaration("d", "1919-07-25"),
               declaration("a", "1922-10/1924-05", effects=[effect("a-d", "annul", "d")]))
    assert S.IN_FORCE == c.resolve("d", "plain", "1922-09-30").status
    r = c.resolve("d", "plain", "1923-06-01")
    assert S.UNDETERMINED == r.status
    assert (S.ANNULLED, S.IN_FORCE) == r.possible
    assert "cannot be told" in r.trace[-2].reason
    # the last step names the open fact and what each side of it gives
    assert ("it turns on whether a-d took effect by then (dated 1922-10-01 to 1924-05-31): "
            "if it did, annulled; if not, in_force") in r.trace[-1].reason
    assert S.ANNULLED == c.resolve("d", "plain", "1924-06-01").status


def test_effect_of_an_instrument_not_yet_valid_is_inert() -> None:
    """An effect whose source is not valid at the effect's date is inert."""
    c = corpus(treaty("t", "1900-01-01"),
               treaty("s", "1950-01-01", effects=[effect("s-t", "terminate", "t", date="1950-06-01")]),
               declaration("k", "1940-01-01", issuer="west", effects=[effect("k-s", "terminate", "s")]))
    r = c.resolve("t", "plain", "1960")
    assert S.IN_FORCE == r.status
    assert tl.StepVerdict.INERT == r.trace[-1].verdict


def test_annulment_is_ex_tunc_and_revives_the_target() -> None:
    """If the source of an annulment is itself annulled, the first annulment never happened."""
    c = corpus(declaration("d", "1919-01-01"),
               declaration("a", "1930-01-01", effects=[effect("a-d", "annul", "d")]),
               declaration("b", "1950-01-01", effects=[effect("b-a", "annul", "a")]))
    assert S.ANNULLED == c.resolve("d", "plain", "1940").status
    r = c.resolve("d", "plain", "1960")
    assert S.IN_FORCE == r.status
    assert "ex tunc" in r.trace[-1].reason


@pytest.mark.parametrize("ending", ["terminate", "supersede", "renounce"])
def test_termination_and_supersession_are_ex_nunc(ending: str) -> None:
    """Later loss of the source (other than annulment) does not revive the target (VCLT art. 70)."""
    c = corpus(treaty("old", "1945-08-14"),
               treaty("new", "1950-02-14", effects=[effect("new-old", "supersede", "old")]),
               treaty("later", "1980-01-01", effects=[effect("later-new", ending, "new")]))
    assert S.SUPERSEDED == c.resolve("old", "plain", "1990").status


def test_provision_follows_its_instrument_and_its_own_effects() -> None:
    """A provision takes the effects on it and on its instrument; on one day the whole comes first (lex specialis)."""
    t = treaty("t", "1945-08-14", provisions=[{"id": "p", "summary": "a clause"}])
    c = corpus(t,
               declaration("x", "1953-02-24", issuer="west",
                           effects=[effect("x-t", "terminate", "t"),
                                    effect("x-p", "renounce", "t#p")]))
    r = c.resolve("t#p", "plain", "1960")
    assert S.TERMINATED == r.status
    assert ["x-t", "x-p"] == [s.effect for s in r.trace if s.effect]
    assert S.TERMINATED == c.resolve("t", "plain", "1960").status


def test_provision_absent_from_the_authoritative_variant_is_not_in_text() -> None:
    """A stance that holds the published text authoritative does not see a clause only in the delivered text."""
    d = declaration("d", "1919-07-25",
                    variants=[{"id": "published", "title": "as published"},
                              {"id": "delivered", "title": "as delivered"}],
                    provisions=[{"id": "rail", "summary": "return the railway",
                                 "variants": ["delivered"]}])
    reader = Stance(id="reader", actor="east", name="published text",
                    authoritative={"d": "published"})
    c = corpus(d, stances=(reader,))
    assert S.NOT_IN_TEXT == c.resolve("d#rail", "reader", "1921").status
    assert S.IN_FORCE == c.resolve("d#rail", "plain", "1921").status


def test_no_position_resolves_undetermined_with_reason() -> None:
    """A target the stance takes no position on is undetermined, and the trace says so."""
    silent = Stance(id="silent", actor="west", name="silent", no_position=["d"])
    c = corpus(declaration("d", "1919-07-25"), stances=(silent,))
    r = c.resolve("d", "silent", "2024")
    assert S.UNDETERMINED == r.status
    assert tl.StepKind.NO_POSITION == r.trace[-1].kind


def test_rules_first_match_wins_own_rules_before_doctrines() -> None:
    """The stance's own rules come before its doctrines, and the first match decides."""
    p10 = Doctrine(id="ilc-p10", name="ILC P10", rules=[Rule(
        id="no-revocation", when={"kind": "annul", "target_form": "unilateral",
                                  "actor_is_target_author": True},
        then="reject", reason="a binding unilateral declaration cannot be revoked arbitrarily",
        citation="ILC Guiding Principles 2006, P10")])
    holder = Stance(id="holder", actor="west", name="holds it", doctrines=["ilc-p10"])
    overrider = Stance(id="overrider", actor="west", name="overrides", doctrines=["ilc-p10"],
                       rules=[Rule(id="accept-annulments", when={"kind": "annul"}, then="accept",
                                   reason="the author may withdraw")])
    c = corpus(declaration("d", "1919-07-25"),
               declaration("a", "1923-01-01", effects=[effect("a-d", "annul", "d")]),
               stances=(holder, overrider), doctrines=(p10,))
    held = c.resolve("d", "holder", "2024")
    assert S.IN_FORCE == held.status
    assert "ilc-p10/no-revocation" == held.trace[-1].rule
    assert "ILC Guiding Principles 2006, P10" in held.trace[-1].citations
    assert S.ANNULLED == c.resolve("d", "overrider", "2024").status


def test_actor_match_follows_continuity() -> None:
    """A rule naming an actor also matches acts of the actor it continues."""
    rule = Rule(id="ignore-east", when={"actor": ["east-successor"]}, then="reject",
                reason="not recognised")
    s = Stance(id="s", actor="west", name="s", rules=[rule])
    c = corpus(treaty("t", "1900-01-01"),
               declaration("a", "1930-01-01", effects=[effect("a-t", "terminate", "t")]),
               stances=(s,))
    assert S.IN_FORCE == c.resolve("t", "s", "1950").status


def test_terminate_on_grounds_of_breach() -> None:
    """A finding of breach changes nothing by itself; the injured party's termination on it does (VCLT art. 60)."""
    rule = Rule(id="breach", when={"kind": "terminate", "has_grounds": False}, then="reject",
                reason="termination needs a ground")
    s = Stance(id="s", actor="west", name="s", rules=[rule])
    finding = tl.Instrument(id="finding", title="Finding", kind="resolution", form="unilateral",
                            issuer="un", date="1952-02-01")
    c = corpus(treaty("t", "1945-08-14"), finding,
               declaration("bare", "1952-06-01", issuer="west",
                           effects=[effect("bare-t", "terminate", "t")]),
               declaration("vote", "1953-02-24", issuer="west",
                           effects=[effect("vote-t", "terminate", "t", grounds=["finding"])]),
               stances=(s,))
    assert S.IN_FORCE == c.resolve("t", "s", "1952-12-31").status
    assert S.TERMINATED == c.resolve("t", "s", "1953-02-24").status


def test_undetermined_verdict_makes_the_status_undetermined() -> None:
    """A rule that leaves an effect undetermined leaves the target undetermined."""
    rule = Rule(id="unsure", when={"kind": "annul"}, then="undetermined", reason="contested")
    s = Stance(id="s", actor="west", name="s", rules=[rule])
    c = corpus(declaration("d", "1919-01-01"),
               declaration("a", "1930-01-01", effects=[effect("a-d", "annul", "d")]),
               stances=(s,))
    assert S.UNDETERMINED == c.resolve("d", "s", "1940").status


def test_cycle_is_named_whole() -> None:
    """Two instruments that annul each other are undetermined, and the trace names the cycle."""
    c = corpus(declaration("a", "1930-01-01", effects=[effect("a-b", "annul", "b")]),
               declaration("b", "1930-01-01", effects=[effect("b-a", "annul", "a")]))
    r = c.resolve("a", "plain", "1940")
    assert S.UNDETERMINED == r.status
    assert "a -> b -> a" in r.trace[-1].reason


def test_cycle_counts_only_effects_already_dated() -> None:
    """Before the second effect of a cycle happens there is no cycle yet."""
    c = corpus(declaration("a", "1930-01-01", effects=[effect("a-b", "suspend", "b")]),
               declaration("b", "1930-01-01",
                           effects=[effect("b-a", "suspend", "a", date="1960-01-01")]))
    assert S.SUSPENDED == c.resolve("b", "plain", "1940").status
    assert S.UNDETERMINED == c.resolve("b", "plain", "1970").status


def test_unknown_ids_suggest_the_closest() -> None:
    """Unknown targets and stances raise UnknownIdError with suggestions."""
    c = corpus(treaty("treaty-1945", "1945-08-14"))
    with pytest.raises(tl.UnknownIdError) as err:
        c.resolve("treaty-1954", "plain", "2000")
    assert ["treaty-1945"] == err.value.suggestions
    with pytest.raises(tl.UnknownIdError) as err:
        c.resolve("treaty-1945", "plane", "2000")
    assert "did you mean plain?" in str(err.value)


def test_bad_query_date_raises_date_error() -> None:
    """A query date that is not EDTF raises DateError (a ValueError)."""
    c = corpus(treaty("t", "1945-08-14"))
    with pytest.raises(tl.DateError):
        c.resolve("t", "plain", "25/07/1919")


def test_query_accepts_a_python_date() -> None:
    """`at` may be a datetime.date."""
    c = corpus(treaty("t", "1945-08-14"))
    assert S.IN_FORCE == c.resolve("t", "plain", dt.date(1946, 1, 1)).status


def test_timeline_is_contiguous_and_starts_pending() -> None:
    """A timeline starts pending, ends open, and changes where the effects fall."""
    c = corpus(treaty("old", "1945-08-14"),
               treaty("new", "1950-02-14", effects=[effect("new-old", "supersede", "old")]))
    line = c.timeline("old", "plain")
    assert [(None, dt.date(1945, 8, 14), S.PENDING),
            (dt.date(1945, 8, 14), dt.date(1950, 2, 14), S.IN_FORCE),
            (dt.date(1950, 2, 14), None, S.SUPERSEDED)] == \
        [(i.start, i.end, i.status) for i in line.intervals]


def test_diff_names_the_first_effect_decided_differently() -> None:
    """diff shows where two readings part, with both reasons."""
    rule = Rule(id="no", when={"kind": "annul"}, then="reject", reason="never accepted")
    s = Stance(id="s", actor="west", name="s", rules=[rule])
    c = corpus(declaration("d", "1919-01-01"),
               declaration("a", "1930-01-01", effects=[effect("a-d", "annul", "d")]),
               stances=(s,))
    d = c.diff("d", "plain", "s", "1940")
    assert (S.ANNULLED, S.IN_FORCE) == (d.status_a, d.status_b)
    assert ("a-d", "a-d") == (d.step_a.effect, d.step_b.effect)
    assert "never accepted" == d.step_b.reason
    assert c.diff("d", "plain", "plain", "1940").agree


def test_compare_gives_every_stance() -> None:
    """compare returns a Resolution per stance, keyed by stance id."""
    silent = Stance(id="silent", actor="west", name="silent", no_position=["t"])
    c = corpus(treaty("t", "1945-08-14"), stances=(silent,))
    result = c.compare("t", "2000")
    assert {"plain": S.IN_FORCE, "silent": S.UNDETERMINED} == \
        {k: v.status for k, v in result.items()}


def test_resolution_serialises_to_the_json_contract() -> None:
    """to_dict gives target, stance, party, at, as_of, status, valid, possible and trace steps."""
    r = corpus(treaty("t", "1945-08-14")).resolve("t", "plain", "2000", party="east")
    data = r.to_dict()
    assert ["target", "stance", "party", "at", "as_of", "status", "valid", "possible",
            "trace"] == list(data)
    assert ("east", None, ["in_force"]) == (data["party"], data["as_of"], data["possible"])
    assert {"kind", "effect", "effect_kind", "source", "rule", "verdict", "reason", "status",
            "citations"} == set(data["trace"][0])
    assert "in_force" == data["status"]


def test_explain_renders_text_and_markdown() -> None:
    """explain() reads as text and as a Markdown table."""
    r = corpus(treaty("t", "1945-08-14")).resolve("t", "plain", "2000")
    assert r.explain().startswith("t under stance plain at 2000: in_force")
    assert "| # | step |" in r.explain("markdown")


def test_graph_holds_instruments_provisions_and_effects() -> None:
    """corpus.graph is a MultiDiGraph with an edge per effect and per provision."""
    c = corpus(treaty("t", "1945-08-14", provisions=[{"id": "p", "summary": "clause"}]),
               treaty("u", "1950-02-14", effects=[effect("u-t", "supersede", "t")]))
    g = c.graph
    assert {"t", "u", "t#p"} == set(g.nodes)
    assert g.has_edge("u", "t", key="u-t")
    assert g.has_edge("t", "t#p", key="has")
