"""An instrument's clauses on time, effects tied to clauses, and invalidity ex tunc and ex nunc."""

from __future__ import annotations

from helpers import corpus, declaration, effect, treaty

import treatylogic as tl
from treatylogic.models import Rule, Stance

S = tl.Status


def denunciation(date: str, target: str = "t", **extra) -> tl.Instrument:
    """West's note denouncing a treaty (one party of two: a denunciation)."""
    return declaration("note", date, issuer="west",
                       effects=[effect("west-denounces", "terminate", target, **extra)])


def test_a_term_expires_the_treaty() -> None:
    """A treaty concluded for thirty years expires when they run out (ex nunc)."""
    c = corpus(treaty("t", "1950-02-14", in_force="1950-04-11", term="P30Y"))
    assert S.IN_FORCE == c.resolve("t", "plain", "1980-04-10").status
    r = c.resolve("t", "plain", "1980-04-11")
    assert (S.EXPIRED, tl.StepKind.CLAUSE) == (r.status, r.trace[-1].kind)
    assert "expires on 1980-04-11" in r.trace[-1].reason


def test_an_end_date_expires_the_treaty() -> None:
    """A treaty with an end date expires on it."""
    c = corpus(treaty("t", "1950-01-01", ends="1960-12-31"))
    assert (S.IN_FORCE, S.EXPIRED) == (c.resolve("t", "plain", "1960-12-30").status,
                                      c.resolve("t", "plain", "1960-12-31").status)


def test_denunciation_takes_effect_after_the_notice_period() -> None:
    """Denunciation under a 12-month notice clause takes effect a year after notice; the trace says so."""
    c = corpus(treaty("t", "1950-01-01", notice="P12M"), denunciation("1970-03-01"))
    r = c.resolve("t", "plain", "1970-06-01")
    assert (S.IN_FORCE, tl.StepVerdict.INFO) == (r.status, r.trace[-1].verdict)
    assert "it takes effect on 1971-03-01" in r.trace[-1].reason
    assert S.TERMINATED == c.resolve("t", "plain", "1971-03-01").status


def test_a_stance_may_apply_article_56_2_to_a_silent_treaty() -> None:
    """Where a treaty says nothing, a stance applying art. 56(2) gives denunciation twelve months."""
    art56 = Rule(id="art-56-2", when={"kind": ["terminate", "withdraw"],
                                      "target_has_notice": False},
                 then="accept", notice="P12M", reason="VCLT art. 56(2): twelve months' notice")
    c = corpus(treaty("t", "1950-01-01"), denunciation("1970-03-01"),
               stances=(Stance(id="vclt", actor="west", name="vclt", rules=[art56]),))
    assert S.TERMINATED == c.resolve("t", "plain", "1970-06-01").status
    assert S.IN_FORCE == c.resolve("t", "vclt", "1970-06-01").status
    assert S.TERMINATED == c.resolve("t", "vclt", "1971-03-01").status


def test_tacit_renewal_ends_only_at_the_end_of_a_period() -> None:
    """Thirty years, renewed by five unless denounced a year ahead: notice in 1979 ends it in 1980."""
    terms = {"in_force": "1950-04-11", "term": "P30Y", "renewal": "P5Y", "notice": "P1Y"}
    renewing = corpus(treaty("t", "1950-02-14", **terms))
    assert S.IN_FORCE == renewing.resolve("t", "plain", "1990").status
    c = corpus(treaty("t", "1950-02-14", **terms), denunciation("1979-04-03"))
    assert S.IN_FORCE == c.resolve("t", "plain", "1980-04-10").status
    assert S.TERMINATED == c.resolve("t", "plain", "1980-04-11").status
    late = corpus(treaty("t", "1950-02-14", **terms), denunciation("1979-06-01"))
    assert S.IN_FORCE == late.resolve("t", "plain", "1984").status
    assert S.TERMINATED == late.resolve("t", "plain", "1985-04-11").status


def test_an_effect_dated_before_its_source_binds_operates_from_that_day() -> None:
    """An effect dated between signature and entry into force operates once the source binds (arts. 24, 28)."""
    c = corpus(declaration("d", "1919-01-01"),
               treaty("s", "1950-01-01", in_force="1951-01-01",
                      effects=[effect("s-d", "suspend", "d", date="1950-06-01")]))
    assert S.IN_FORCE == c.resolve("d", "plain", "1950-12-31").status
    assert S.SUSPENDED == c.resolve("d", "plain", "1951-01-01").status


def test_a_suspension_ends_with_its_only_basis() -> None:
    """A suspension lasts while the agreement that makes it does (arts. 59(2), 72), unless permanent."""
    for permanent, expected in ((None, S.IN_FORCE), (True, S.SUSPENDED)):
        extra = {} if permanent is None else {"permanent": permanent}
        c = corpus(declaration("d", "1919-01-01"),
                   treaty("basis", "1924-05-31", term="P10Y",
                          effects=[effect("basis-d", "suspend", "d", **extra)]))
        assert S.SUSPENDED == c.resolve("d", "plain", "1930").status
        assert expected == c.resolve("d", "plain", "1940").status


def test_a_clause_bound_effect_exists_only_in_the_text_that_has_the_clause() -> None:
    """An effect declared by a clause of one text variant acts only for stances that hold that text."""
    source = declaration("s", "1930-01-01", issuer="west",
                         variants=[{"id": "long", "title": "long"},
                                   {"id": "short", "title": "short"}],
                         provisions=[{"id": "art-9", "summary": "suspends t", "variants": "long"}],
                         effects=[effect("s-t", "suspend", "t", by="art-9")])
    short = Stance(id="short", actor="east", name="short text", authoritative={"s": "short"})
    c = corpus(treaty("t", "1920-01-01"), source, stances=(short,))
    assert S.SUSPENDED == c.resolve("t", "plain", "1940").status
    r = c.resolve("t", "short", "1940")
    assert (S.IN_FORCE, tl.StepVerdict.INERT) == (r.status, r.trace[-1].verdict)


def test_a_clause_bound_effect_falls_with_its_clause() -> None:
    """Annulling the clause that declares an effect undoes the effect."""
    source = declaration("s", "1930-01-01", issuer="west",
                         provisions=[{"id": "art-9", "summary": "suspends t"}],
                         effects=[effect("s-t", "suspend", "t", by="art-9")])
    c = corpus(treaty("t", "1920-01-01"), source,
               declaration("x", "1950-01-01", issuer="west",
                           effects=[effect("x-art9", "annul", "s#art-9")]))
    assert S.SUSPENDED == c.resolve("t", "plain", "1940").status
    assert S.IN_FORCE == c.resolve("t", "plain", "1960").status


def test_except_carves_a_clause_out_of_an_effect_on_the_whole() -> None:
    """"Suspended except article 1" leaves article 1 in force."""
    t = treaty("t", "1920-01-01", provisions=[{"id": "art-1", "summary": "peace"},
                                              {"id": "art-2", "summary": "trade"}])
    c = corpus(t, declaration("s", "1930-01-01", issuer="west",
                              effects=[effect("s-t", "suspend", "t", **{"except": ["art-1"]})]))
    assert (S.SUSPENDED, S.IN_FORCE, S.SUSPENDED) == tuple(
        c.resolve(ref, "plain", "1940").status for ref in ("t", "t#art-1", "t#art-2"))


def test_the_more_specific_effect_wins_on_the_same_day() -> None:
    """Suspending the whole and keeping one clause in force on the same day: the clause stays in force."""
    t = treaty("t", "1920-01-01", provisions=[{"id": "art-1", "summary": "peace"}])
    c = corpus(t, declaration("s", "1930-01-01", issuer="west",
                              effects=[effect("s-art1", "resume", "t#art-1"),
                                       effect("s-t", "suspend", "t")]))
    assert (S.SUSPENDED, S.IN_FORCE) == (c.resolve("t", "plain", "1940").status,
                                        c.resolve("t#art-1", "plain", "1940").status)


def test_annulment_ex_nunc_leaves_earlier_acts_standing() -> None:
    """A treaty void ex nunc (a new peremptory norm, arts. 64, 71(2)) keeps what it did before."""
    for mode, expected in (("ex_tunc", S.IN_FORCE), ("ex_nunc", S.TERMINATED)):
        c = corpus(treaty("t", "1920-01-01"),
                   declaration("s", "1930-01-01", issuer="west",
                               effects=[effect("s-t", "terminate", "t")]),
                   declaration("x", "1950-01-01", issuer="west",
                               effects=[effect("x-s", "annul", "s", mode=mode)]))
        assert S.TERMINATED == c.resolve("t", "plain", "1940").status
        assert expected == c.resolve("t", "plain", "1960").status


def test_as_of_reads_the_record_as_it_stood() -> None:
    """As of 1930 the 1950 annulment ex tunc is not on the record; as of today it voids 1930 too."""
    c = corpus(declaration("d", "1919-01-01"),
               declaration("a", "1950-01-01", effects=[effect("a-d", "annul", "d")]))
    assert S.IN_FORCE == c.resolve("d", "plain", "1930").status
    r = c.resolve("d", "plain", "1930", as_of="2024")
    assert (S.ANNULLED, "2024") == (r.status, r.as_of)
    assert S.IN_FORCE == c.resolve("d", "plain", "1960", as_of="1940").status


def test_a_retroactive_effect_reaches_back_from_the_record() -> None:
    """A peace treaty recording that the war annulled a treaty: annulled from the war, once recorded."""
    peace = treaty("peace", "1947-02-10",
                   effects=[effect("war-annuls", "annul", "t", date="1939-09-01",
                                   retroactive=True, mode="ex_nunc")])
    c = corpus(treaty("t", "1920-01-01"), peace)
    assert S.IN_FORCE == c.resolve("t", "plain", "1940").status
    assert S.ANNULLED == c.resolve("t", "plain", "1940", as_of="1950").status
    assert S.IN_FORCE == c.resolve("t", "plain", "1938", as_of="1950").status
    assert S.ANNULLED == c.resolve("t", "plain", "1950").status


def test_a_retroactive_effect_must_say_so() -> None:
    """An effect dated before its instrument is refused unless it says it is retroactive."""
    try:
        treaty("peace", "1947-02-10",
               effects=[effect("war-annuls", "annul", "t", date="1939-09-01")])
    except ValueError as exc:
        assert "retroactive: true" in str(exc)
    else:
        raise AssertionError("an effect before its instrument was accepted")
