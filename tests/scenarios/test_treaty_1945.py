"""The 1945 Sino-Soviet treaty and its Mongolian notes, from source text 002.

"... in 1950 the Soviet Union signed a new treaty with Communist China ... which
replaced this treaty"; "On 24 February 1953, the Legislative Yuan ... voted to
officially terminate its commitments".
"""

import datetime as dt

import treatylogic as tl

S = tl.Status
TREATY = "sino-soviet-1945"
MONGOLIA = "sino-soviet-1945#mongolia-independence"


def status(corpus, target, stance, at):
    return corpus.resolve(target, stance, at).status


def test_superseded_in_1951_under_russia_and_prc(corpus):
    """002: the 1950 treaty "replaced this treaty, as decleared in the new treaty"."""
    actual = {s: status(corpus, TREATY, s, "1951") for s in ("russia", "prc")}
    assert {"russia": S.SUPERSEDED, "prc": S.SUPERSEDED} == actual


def test_in_force_before_the_1950_treaty_under_russia(corpus):
    """002: signed on 14 August 1945; replaced only "in 1950"."""
    assert S.IN_FORCE == status(corpus, TREATY, "russia", "1949")


def test_roc_in_force_the_day_before_the_vote(corpus):
    """002: the Legislative Yuan voted "On 24 February 1953"; the PRC treaty does not bind the ROC."""
    assert S.IN_FORCE == status(corpus, TREATY, "roc", "1953-02-23")


def test_roc_terminated_after_the_vote(corpus):
    """002: the Legislative Yuan "voted to officially terminate its commitments" on 24 February 1953."""
    assert S.TERMINATED == status(corpus, TREATY, "roc", "1953-02-25")


def test_roc_timeline_changes_on_the_vote(corpus):
    """002: in force from 14 August 1945, terminated by the vote of 24 February 1953."""
    expected = [(dt.date(1945, 8, 14), dt.date(1953, 2, 24), S.IN_FORCE),
                (dt.date(1953, 2, 24), None, S.TERMINATED)]
    intervals = corpus.timeline(TREATY, "roc").intervals
    assert expected == [(i.start, i.end, i.status) for i in intervals[1:]]


def test_resolution_505_alone_changes_nothing(corpus):
    """002: Resolution 505 (1 Feb 1952) "confirmed that the Soviet Union had violated the terms": a finding only."""
    assert S.IN_FORCE == status(corpus, TREATY, "roc", "1952-02-02")


def test_roc_termination_rests_on_resolution_505(corpus):
    """002: Resolution 505 found the breach; the ROC's termination invokes it (VCLT art. 60)."""
    trace = corpus.resolve(TREATY, "roc", "2024").trace
    step = next(s for s in trace if s.effect == "roc-terminates-sino-soviet-1945")
    grounds = corpus.effects["roc-terminates-sino-soviet-1945"].effect.grounds
    expected = (("unga-505",), tl.StepVerdict.APPLIED, "vclt-60/party-terminates-on-found-breach")
    assert expected == (grounds, step.verdict, step.rule)


def test_roc_rejects_the_prc_treaty(corpus):
    """002: the 1950 treaty was signed "with Communist China", a government the ROC does not recognise."""
    trace = corpus.resolve(TREATY, "roc", "2024").trace
    step = next(s for s in trace if s.effect == "prc-ussr-supersede-sino-soviet-1945")
    assert "non-recognition-of-government/unrecognised-actor" == step.rule


def test_roc_rescinds_mongolian_independence(corpus):
    """002: the Legislative Yuan "rescinded its recognition of the independence of the Mongolian People's Republic"."""
    actual = (status(corpus, MONGOLIA, "roc", "1953-02-23"), status(corpus, MONGOLIA, "roc", "1954"))
    assert (S.IN_FORCE, S.TERMINATED) == actual


def test_mongolian_notes_follow_the_treaty_under_prc(corpus):
    """002: the 1950 treaty replaced the 1945 treaty, its attached notes with it."""
    assert S.SUPERSEDED == status(corpus, MONGOLIA, "prc", "2024")


def test_yalta_binds_from_its_date(corpus):
    """002: the Yalta Conference "in February 1945" (Agreement of 11 February 1945)."""
    actual = (status(corpus, "yalta-1945", "russia", "1945-02-10"),
              status(corpus, "yalta-1945", "russia", "1945-02-11"))
    assert (S.PENDING, S.IN_FORCE) == actual
