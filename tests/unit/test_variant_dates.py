"""A text variant's own date: a clause found only in dated texts binds no earlier (issue 18)."""

import treatylogic as tl

S = tl.Status


def corpus(delivered: str = "1920-03-26", by: bool = False) -> tl.Corpus:
    """A declaration of 1919 whose clause `p` is only in the text delivered later."""
    decl = tl.Instrument(
        id="m", title="M", kind="declaration", form="unilateral", issuer="a",
        addressees=["b"], date="1919-07-25",
        variants=[{"id": "early", "title": "as published", "date": "1919-08"},
                  {"id": "late", "title": "as delivered", "date": delivered}],
        provisions=[{"id": "p", "summary": "a clause", "variants": ["late"]},
                    {"id": "q", "summary": "in every text"}],
        effects=([{"id": "e", "kind": "terminate", "target": "t", "by": "p"}] if by else []),
        sources=["s"])
    treaty = tl.Instrument(id="t", title="T", kind="treaty", form="bilateral",
                           parties=["a", "b"], date="1900", sources=["s"])
    actors = [tl.Actor(id=n, name=n, kind="state") for n in ("a", "b")]
    stances = [tl.Stance(id="x", actor="b", name="X", summary="x", sources=["s"],
                         authoritative={"m": "late"})]
    return tl.Corpus(actors, [decl, treaty], [], stances)


def test_a_clause_in_a_later_text_is_pending_before_that_text():
    """Before the delivered text exists, its clause is pending; from it, in force."""
    c = corpus()
    actual = (c.resolve("m#p", "x", "1919-12").status, c.resolve("m#p", "x", "1920-03-26").status)
    assert (S.PENDING, S.IN_FORCE) == actual


def test_a_clause_in_every_text_binds_with_the_instrument():
    """A clause with no variant list is in every text: it binds from the instrument's date."""
    assert S.IN_FORCE == corpus().resolve("m#q", "x", "1919-07-25").status


def test_an_uncertain_text_date_leaves_the_clause_undetermined_within_it():
    """A text given "February or March 1920": within that window the clause cannot be told."""
    c = corpus("1920-02/1920-03")
    result = c.resolve("m#p", "x", "1920-02-15")
    assert (S.UNDETERMINED, {S.PENDING, S.IN_FORCE}) == (result.status, set(result.possible))


def test_the_trace_says_when_the_text_was_given():
    """The trace names the text and its date."""
    step = corpus().resolve("m#p", "x", "1919-12").trace[-1]
    expected = (S.PENDING, "m#p is found only in the late text of m, given on 1920-03-26: "
                "on 1919-12-31 it was not given yet")
    assert expected == (step.status, step.reason)


def test_an_effect_declared_by_the_clause_acts_no_earlier_than_its_text():
    """An effect `by` a clause of the delivered text acts from that text's date, not the declaration's."""
    c = corpus(by=True)
    actual = (c.effects["e"].acted.earliest.isoformat(),
              c.resolve("t", "x", "1920-01").status, c.resolve("t", "x", "1920-04").status)
    assert ("1920-03-26", S.IN_FORCE, S.TERMINATED) == actual


def test_the_party_asked_about_waits_for_the_text_too():
    """For the issuer as the party asked about, the clause is pending before its text too."""
    c = corpus()
    actual = (c.resolve("m#p", "x", "1919-12", party="a").status,
              c.resolve("m#p", "x", "1920-04", party="a").status)
    assert (S.PENDING, S.IN_FORCE) == actual


def test_the_timeline_changes_on_the_text_date():
    """The clause's timeline starts in force on the day its text was given."""
    intervals = corpus().timeline("m#p", "x").intervals
    assert [(None, S.PENDING), ("1920-03-26", S.IN_FORCE)] == \
        [(i.start.isoformat() if i.start else None, i.status) for i in intervals]
