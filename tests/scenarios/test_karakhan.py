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


# Issue 18: the corpus says only what its sources say.
def test_second_declaration_date_is_uncertain_mid_september_1920(corpus):
    """000: a second version "Six months later" (than February 1920); 001: "In September 1920"; no day."""
    assert S.UNDETERMINED == status(corpus, "karakhan-1920", "roc", "1920-09-15")


def test_second_declaration_pending_in_july_and_in_force_in_october_1920(corpus):
    """000: "Six months later" than February 1920; 001: "In September 1920": before August, not yet; after September, made."""
    actual = (status(corpus, "karakhan-1920", "roc", "1920-07-31"),
              status(corpus, "karakhan-1920", "roc", "1920-10-01"))
    assert (S.PENDING, S.IN_FORCE) == actual


def test_each_repeated_offer_can_be_asked_about(corpus):
    """001: "the Soviet government repeated its offers of the previous year" (000 lists them): one clause each."""
    offers = ("tsarist-territories", "extraterritoriality", "concessions", "boxer-indemnity")
    actual = {o: status(corpus, f"karakhan-1920#{o}", "russia", "2024") for o in offers}
    assert dict.fromkeys(offers, S.ANNULLED) == actual


def test_second_declaration_railway_clause_is_joint_control(corpus):
    """001: the second declaration repeated the offers "except that it would now negotiate joint control" of the railway."""
    assert "karakhan-1920#cer-joint-control" in corpus.provisions


def test_railway_joint_control_after_1917(corpus):
    """001: the railway "had, since the Communist Revolution in Russia, been under the joint control of Britain, the United States, Japan, and China"."""
    inst = corpus.instruments["cer-joint-control-1917"]
    actual = (set(inst.party_ids), status(corpus, "cer-joint-control-1917", "roc", "1919"))
    assert ({"uk", "usa", "japan", "roc"}, S.IN_FORCE) == actual


def test_railway_joint_control_end_is_not_dated_by_the_sources(corpus):
    """001 gives no end of the joint control; by the 1924 treaty the USSR "retained control of the Chinese Eastern Railway"."""
    actual = (status(corpus, "cer-joint-control-1917", "roc", "1922"),
              status(corpus, "cer-joint-control-1917", "roc", "1925"))
    assert (S.UNDETERMINED, S.EXPIRED) == actual


def test_china_withdrew_recognition_from_the_provisional_government_in_september_1920(corpus):
    """001: "China withdrew recognition from the provisional government in September 1920"."""
    actual = (status(corpus, "roc-derecognition-1920", "roc", "1920-08-31"),
              status(corpus, "roc-derecognition-1920", "roc", "1920-10-01"),
              corpus.instruments["roc-derecognition-1920"].addressees)
    assert (S.PENDING, S.IN_FORCE, ("russian-provisional-government",)) == actual


def test_the_prc_is_not_a_party_to_the_1924_agreements(corpus):
    """001: the 1924 treaty was signed by the Soviet Union and China's government of the day; 002: the PRC was proclaimed on 1 October 1949."""
    actual = {t: corpus.resolve(t, "prc", "2024", party="prc").status
              for t in ("sino-soviet-1924", "secret-protocol-1924")}
    assert {"sino-soviet-1924": S.NOT_PARTY, "secret-protocol-1924": S.NOT_PARTY} == actual


def test_the_moscow_text_without_the_railway_clause_is_marked_an_inference(corpus):
    """000 says the presented version "includes the passage", not that the Moscow text lacked it: the variant says so."""
    published = next(v for v in corpus.instruments["karakhan-1919"].variants if v.id == "published")
    assert True is published.judgement.startswith("that the Moscow text of August 1919 lacked")


def test_zakharova_statement_of_3_september_2024(corpus):
    """000: "The next day, September 3, Maria Zakharova, the spokeswoman for the Russian Foreign Ministry, issued a statement"."""
    actual = (corpus.instruments["zakharova-2024"].issuer,
              status(corpus, "zakharova-2024", "russia", "2024-09-02"),
              status(corpus, "zakharova-2024", "russia", "2024-09-03"))
    assert ("russia", S.PENDING, S.IN_FORCE) == actual


def test_roc_railway_clause_not_before_china_had_the_text(corpus):
    """000: not "formally presented to Chinese diplomats until February 1920"; 001: the text "did not reach China until March 1920"."""
    actual = (status(corpus, "karakhan-1919#cer-return", "roc", "1919-12"),
              status(corpus, "karakhan-1919#cer-return", "roc", "1920-02-15"),
              status(corpus, "karakhan-1919#cer-return", "roc", "1920-04"))
    assert (S.PENDING, S.UNDETERMINED, S.IN_FORCE) == actual


def test_manifesto_clauses_in_every_text_bind_from_july_1919(corpus):
    """000: "dated 25 July 1919"; the offers other than the railway are in every version."""
    assert S.IN_FORCE == status(corpus, "karakhan-1919#boxer-indemnity", "roc", "1919-07-25")
