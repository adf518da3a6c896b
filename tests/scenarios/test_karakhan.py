"""The Karakhan Manifestos under the five stances, each case resting on a sentence of the sources.

Source texts: shared/sources/000 ("Karakhan Manifesto"), 001 ("First and Second
Karakhan Declaration"); Elleman, Diplomacy and Deception, pp. 100-102.
"""

import treatylogic as tl

S = tl.Status


def status(corpus, target, stance, at):
    return corpus.resolve(target, stance, at).status


def test_roc_holds_first_manifesto_in_force_in_2024(corpus):
    """000: "the current Russian Federation does not see them as valid. Taiwan (the Republic of China) does"."""
    assert S.IN_FORCE == status(corpus, "karakhan-1919", "roc", "2024")


def test_russia_holds_first_manifesto_annulled_in_2024(corpus):
    """000: "After October 1922 ... The USSR annulled the two Karakhan Manifestos"."""
    assert S.ANNULLED == status(corpus, "karakhan-1919", "russia", "2024")


def test_russia_holds_first_manifesto_in_force_in_1921(corpus):
    """000: the annulment came only "After October 1922, with the civil war over"."""
    assert S.IN_FORCE == status(corpus, "karakhan-1919", "russia", "1921")


def test_annulment_date_is_uncertain_at_end_of_1922(corpus):
    """000 gives no day for the annulment ("After October 1922"), so at the end of 1922 it cannot be told."""
    assert S.UNDETERMINED == status(corpus, "karakhan-1919", "russia", "1922")


def test_ussr_is_an_alias_of_the_russia_stance(corpus):
    """000: "The USSR annulled ... and the current Russian Federation does not see them as valid" (one line)."""
    assert "russia" == corpus.resolve("karakhan-1919", "ussr", "2024").stance


def test_prc_is_undetermined(corpus):
    """000: "the People's Republic of China has yet to state an official position"."""
    assert S.UNDETERMINED == status(corpus, "karakhan-1919", "prc", "2024")


def test_elleman_holds_first_manifesto_valid(corpus):
    """000: Elleman and Chang "believe that the Karakhan Manifestos are still valid and extant"."""
    assert True is corpus.resolve("karakhan-1919", "elleman", "2024").valid


def test_elleman_reads_secret_protocol_as_suspension(corpus):
    """000 (Elleman, pp. 100-102): the manifestos "were not abolished, they were simply not enforced"."""
    assert S.SUSPENDED == status(corpus, "karakhan-1919", "elleman", "2024")


def test_elleman_rejects_annulment_of_a_binding_declaration(corpus):
    """000: the manifestos are "unilateral, legally binding declarations ... not treaties nor accords"."""
    trace = corpus.resolve("karakhan-1919", "elleman", "2024").trace
    annul = next(s for s in trace if s.effect == "ussr-annuls-karakhan-1919")
    expected = (tl.StepVerdict.REJECTED, "binding-unilateral-declarations/no-arbitrary-revocation")
    assert expected == (annul.verdict, annul.rule)


def test_radchenko_holds_first_manifesto_not_valid(corpus):
    """000: Radchenko calls reclaiming the "lost territories" "seriously misguided"."""
    assert False is corpus.resolve("karakhan-1919", "radchenko", "2024").valid


def test_four_distinct_statuses_across_the_stances_in_2024(corpus):
    """000, "Question of continued validity": Russia, Taiwan, the PRC and Elleman and Chang all differ."""
    statuses = {r.status for r in corpus.compare("karakhan-1919", "2024").values()}
    assert {S.IN_FORCE, S.ANNULLED, S.UNDETERMINED, S.SUSPENDED} == statuses


def test_second_manifesto_follows_the_first(corpus):
    """000: "The USSR annulled the two Karakhan Manifestos"; Taiwan sees them (both) as valid."""
    expected = {"elleman": S.SUSPENDED, "prc": S.UNDETERMINED, "radchenko": S.ANNULLED,
                "roc": S.IN_FORCE, "russia": S.ANNULLED}
    actual = {s: r.status for s, r in corpus.compare("karakhan-1920", "2024").items()}
    assert expected == actual


def test_second_manifesto_pending_in_1919(corpus):
    """001: "In September 1920, Karakhan made a second declaration"."""
    assert S.PENDING == status(corpus, "karakhan-1920", "roc", "1919")


def test_russia_railway_clause_not_in_text(corpus):
    """000: "the Soviet authorities denied ever having made it. The railway offer had been included by 'mistake'"."""
    assert S.NOT_IN_TEXT == status(corpus, "karakhan-1919#cer-return", "russia", "2024")


def test_roc_railway_clause_in_delivered_text(corpus):
    """000: "The version presented at this time includes the passage ... the Chinese Eastern Railway"."""
    assert S.IN_FORCE == status(corpus, "karakhan-1919#cer-return", "roc", "1920-03")


def test_roc_railway_clause_open_after_the_denial(corpus):
    """000: the second version "did not include this remarkable offer"; the sources give no ROC view of it."""
    assert S.UNDETERMINED == status(corpus, "karakhan-1919#cer-return", "roc", "2024")


def test_roc_explanation_shows_annulment_and_rejecting_rule(corpus):
    """000: Taiwan sees the manifestos as valid, though "The USSR annulled" them: the trace shows both."""
    trace = corpus.resolve("karakhan-1919", "roc", "2024").trace
    annul = next(s for s in trace if s.effect == "ussr-annuls-karakhan-1919")
    expected = ("ussr-annulment", tl.StepVerdict.REJECTED, "roc/manifestos-valid", S.IN_FORCE)
    assert expected == (annul.source, annul.verdict, annul.rule, annul.status)


def test_roc_text_explanation_names_annulment_and_rule(corpus):
    """000: "Taiwan (the Republic of China) does" see them as valid: the text explanation says why."""
    text = corpus.resolve("karakhan-1919", "roc", "2024").explain()
    assert (True, True) == ("ussr-annuls-karakhan-1919" in text, "roc/manifestos-valid" in text)


def test_roc_does_not_adopt_elleman_reading(corpus):
    """000: the suspension is Elleman's reading ("according to Elleman"), not the ROC's."""
    trace = corpus.resolve("karakhan-1919", "roc", "2024").trace
    step = next(s for s in trace if s.effect == "roc-ussr-suspend-karakhan-1919")
    assert tl.StepVerdict.REJECTED == step.verdict


def test_doctest_effect_id_is_the_ussr_annulment(corpus):
    """000: "The USSR annulled the two Karakhan Manifestos" (the id src/ doctests use)."""
    record = corpus.effects["ussr-annuls-karakhan-1919"]
    assert ("annul", "karakhan-1919", "ussr-annulment") == \
        (record.kind.value, record.effect.target, record.source.id)
