"""News layout: line breaks, datelines and wire headers (hand-built Docs and plain strings)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.datelines import dateline_spans, mask_datelines
from kg.extract.mentions import candidate_mentions
from kg.extract.pipeline import paragraph_breaks


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


@pytest.mark.parametrize("line, header", [
    ("DENVER--(BUSINESS WIRE)--Acme Robotics, a consulting firm, said", "DENVER--(BUSINESS WIRE)--"),
    ("TAMPA, Fla.--(BUSINESS WIRE)--Acme® has joined", "TAMPA, Fla.--(BUSINESS WIRE)--"),
    ("PARIS & BERLIN--(BUSINESS WIRE)--Nordia Systems, the", "PARIS & BERLIN--(BUSINESS WIRE)--"),
    ("HELSINKI, Mar 3 (Reuters) - Nordia said on Wednesday", "HELSINKI, Mar 3 (Reuters) - "),
    ("PALO ALTO, Calif., Jun 9 (Reuters) - Acme and Brightline", "PALO ALTO, Calif., Jun 9 (Reuters) - "),
    ("NEW YORK (AP) — Acme plans to cut jobs", "NEW YORK (AP) — "),
    ("ATLANTA (CNN) — Delta said", "ATLANTA (CNN) — "),
    ("WASHINGTON — The Senate voted", "WASHINGTON — "),
])
def test_datelines_and_wire_headers_are_found(line, header):
    text = "Headline of the story\n" + line
    assert [text[s:e] for s, e in dateline_spans(text)] == [header]
    masked = mask_datelines(text)
    assert len(masked) == len(text) and masked.endswith(line[len(header):])
    blanked = masked[len("Headline of the story\n"):][:len(header)]
    if "WIRE" in header:  # a press release: the issuer's place stays, on a line of its own
        place = header.split("--")[0]
        assert blanked == place + "\n" + " " * (len(header) - len(place) - 1)
    else:
        assert blanked == " " * len(header)


@pytest.mark.parametrize("text, ticker", [
    ("Acme® (NYSE: ACME), a global leader, joined", "(NYSE: ACME)"),
    ("Acme Inc. (Nasdaq: ACME; TSX: ACM) said", "(Nasdaq: ACME; TSX: ACM)"),
    ("Nordia (NORDb.ST), the fashion retailer, said", "(NORDb.ST)"),
    ("shares of Acme (ACME.O) fell", "(ACME.O)"),
])
def test_ticker_parentheticals_are_blanked(text, ticker):
    masked = mask_datelines(text)
    start = text.index(ticker)
    assert masked == text[:start] + " " * len(ticker) + text[start + len(ticker):]


@pytest.mark.parametrize("text", [
    "Microsoft (MSFT) said on Monday it would hire.",  # a ticker, then no dash
    "IBM (NYSE) - said to weigh a sale",  # what follows is no new sentence
    "The QIA — Qatar's sovereign fund — invested.",  # a dash inside a sentence
    "Shares of Acme rose (see chart) — analysts said",  # not at a line start in capitals
])
def test_text_that_only_looks_like_a_dateline_is_kept(text):
    assert dateline_spans(text) == [] and mask_datelines(text) == text


def test_a_line_break_starts_a_sentence_unless_the_line_goes_on_in_lower_case(vocab):
    # "About Acme\nAcme Corp makes tools.\nIt has\nwide reach"
    words = ["About", "Acme", "\n", "Acme", "Corp", "makes", "tools", ".", "\n", "It", "has", "\n", "wide", "reach"]
    spaces = [True, False, False, True, True, True, False, False, False, True, False, False, True, False]
    doc = paragraph_breaks(Doc(vocab, words=words, spaces=spaces))
    starts = [t.text for t in doc[1:] if t.is_sent_start is True]
    assert starts == ["Acme", "It"]  # "wide" continues the wrapped sentence
    assert doc[12].is_sent_start is not True


def test_a_name_never_runs_over_a_line_break(vocab):
    # "About Northwind Group\nNorthwind Group, Abu Dhabi": the NER took both lines as one organisation
    words = ["About", "Northwind", "Group", "\n", "Northwind", "Group", ",", "Abu", "Dhabi"]
    spaces = [True, True, False, False, True, False, True, True, False]
    heads = [0, 2, 0, 2, 5, 2, 5, 8, 5]
    deps = ["ROOT", "compound", "pobj", "dep", "compound", "appos", "punct", "compound", "appos"]
    pos = ["ADP", "PROPN", "PROPN", "SPACE", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN"]
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    doc.ents = [Span(doc, 1, 6, label="ORG"), Span(doc, 7, 9, label="GPE")]
    names = [m.text for m in candidate_mentions(doc)]
    assert "Northwind Group" in names and "Abu Dhabi" in names
    assert not any("\n" in n for n in names)


def _facts(vocab, words, heads, deps, pos, ents, tags=None, lemmas=None, **options):
    from tests.test_patterns import facts, make_doc

    return facts(make_doc(vocab, words, heads, deps, pos, tags=tags, lemmas=lemmas, ents=ents), **options)


def test_a_place_in_the_descriptor_before_a_name(vocab):
    # They sued Swiss bank Alpen Kredit .
    got = _facts(vocab, ["They", "sued", "Swiss", "bank", "Alpen", "Kredit", "."], [1, 1, 3, 5, 5, 1, 1],
                 ["nsubj", "ROOT", "amod", "compound", "compound", "dobj", "punct"],
                 ["PRON", "VERB", "PROPN", "NOUN", "PROPN", "PROPN", "PUNCT"], [(2, 3, "NORP"), (4, 6, "ORG")])
    assert got == [("Alpen Kredit", "locatedIn", "Switzerland")]  # the demonym's country, by the lexicon


def test_a_country_abbreviation_in_the_descriptor(vocab):
    # the collapse of U.S. lender Harbor Savings Bank
    got = _facts(vocab, ["the", "collapse", "of", "U.S.", "lender", "Harbor", "Savings", "Bank"],
                 [1, 1, 1, 4, 7, 7, 7, 2], ["det", "ROOT", "prep", "compound", "compound", "compound", "compound", "pobj"],
                 ["DET", "NOUN", "ADP", "PROPN", "NOUN", "PROPN", "PROPN", "PROPN"], [(3, 4, "GPE"), (5, 8, "ORG")])
    assert got == [("Harbor Savings Bank", "locatedIn", "United States")]


def test_x_based_on_the_descriptor_of_a_name(vocab):
    # a Saudi - based family firm Dunebridge Financing Company
    words = ["a", "Saudi", "-", "based", "family", "firm", "Dunebridge", "Financing", "Company"]
    got = _facts(vocab, words, [8, 3, 3, 5, 5, 8, 8, 8, 8],
                 ["det", "npadvmod", "punct", "amod", "compound", "compound", "compound", "compound", "ROOT"],
                 ["DET", "PROPN", "PUNCT", "VERB", "NOUN", "NOUN", "PROPN", "PROPN", "PROPN"],
                 [(1, 2, "NORP"), (6, 9, "ORG")], tags=["DT", "NNP", "HYPH", "VBN", "NN", "NN", "NNP", "NNP", "NNP"],
                 lemmas=["a", "Saudi", "-", "base", "family", "firm", "Dunebridge", "Financing", "Company"])
    assert got == [("Dunebridge Financing Company", "locatedIn", "Saudi Arabia")]


def test_a_role_noun_with_a_possessor_before_a_name(vocab):
    # Acme said the cuts hit its cloud unit Nimbus .
    words = ["Acme", "said", "the", "cuts", "hit", "its", "cloud", "unit", "Nimbus", "."]
    got = _facts(vocab, words, [1, 1, 3, 4, 1, 8, 7, 8, 4, 1],
                 ["nsubj", "ROOT", "det", "nsubj", "ccomp", "poss", "compound", "compound", "dobj", "punct"],
                 ["PROPN", "VERB", "DET", "NOUN", "VERB", "PRON", "NOUN", "NOUN", "PROPN", "PUNCT"],
                 [(0, 1, "ORG"), (8, 9, "ORG")], lemmas=["Acme", "say", "the", "cut", "hit", "its", "cloud", "unit", "Nimbus", "."])
    assert ("Nimbus", "subsidiaryOf", "Acme") in got


def test_an_inverse_role_noun_with_a_possessor(vocab):
    # Brightline 's parent Acme cut jobs .
    words = ["Brightline", "'s", "parent", "Acme", "cut", "jobs", "."]
    got = _facts(vocab, words, [3, 0, 3, 4, 4, 4, 4], ["poss", "case", "compound", "nsubj", "ROOT", "dobj", "punct"],
                 ["PROPN", "PART", "NOUN", "PROPN", "VERB", "NOUN", "PUNCT"], [(0, 1, "ORG"), (3, 4, "ORG")],
                 tags=["NNP", "POS", "NN", "NNP", "VBD", "NNS", "."], lemmas=["Brightline", "'s", "parent", "Acme", "cut", "job", "."])
    assert got == [("Brightline", "subsidiaryOf", "Acme")]


def _entity(key: str, type_: str, **votes):
    from collections import Counter

    from kg.model import Entity

    return Entity(key, key, type_, votes=Counter(votes))


def test_two_frames_outvote_a_label_no_frame_supports(vocab):
    from kg.extract.extractor import _type_from_frames
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["One", ".", "Two", "."], sent_starts=[True, False, True, False])
    first, second = doc[0:2], doc[2:4]
    acme = _entity("acme", "Company", Company=5)
    jane = _entity("jane", "Person", Person=3)
    brightpath = _entity("brightpath", "Product", Product=9)  # "Brightpath Software": a product by its head word
    _type_from_frames([Candidate(acme, "partnersWith", brightpath, first, "noun:partnership", 0.8),
                       Candidate(jane, "worksFor", brightpath, second, "title:ceo", 0.7)])
    assert brightpath.type == "Product"  # a job title types only its holder: one frame is not enough
    _type_from_frames([Candidate(acme, "partnersWith", brightpath, first, "noun:partnership", 0.8),
                       Candidate(brightpath, "acquired", acme, second, "verb:acquire", 0.8)])
    assert brightpath.type in {"Organization", "Company"}


def test_a_frame_that_fits_keeps_the_label(vocab):
    from kg.extract.extractor import _type_from_frames
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["One", ".", "Two", ".", "Three", "."], sent_starts=[True, False] * 3)
    acme, nimbus = _entity("acme", "Company", Company=5), _entity("nimbus", "Product", Product=4)
    _type_from_frames([Candidate(acme, "partnersWith", nimbus, doc[0:2], "noun:partnership", 0.8),
                       Candidate(nimbus, "acquired", acme, doc[2:4], "verb:acquire", 0.8),
                       Candidate(acme, "offers", nimbus, doc[4:6], "verb:launch", 0.8)])
    assert nimbus.type == "Product"  # "Acme launched Nimbus": the text supports the product reading
    weak_place = _entity("springfield", "Place", Place=1)
    _type_from_frames([Candidate(weak_place, "acquired", acme, doc[0:2], "verb:buy", 0.8)])
    assert weak_place.type == "Place"  # a place needs two frames


def test_camel_case_names_are_names(vocab):
    # eBay acquired Brightline .
    got = _facts(vocab, ["eBay", "acquired", "Brightline", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                 ["PROPN", "VERB", "PROPN", "PUNCT"], [(2, 3, "ORG")], lemmas=["eBay", "acquire", "Brightline", "."])
    assert got == [("eBay", "acquired", "Brightline")]


def test_a_title_of_a_unit_at_an_organisation(vocab):
    # Ann Lee , Director of Client Services at Acme , spoke .
    words = ["Ann", "Lee", ",", "Director", "of", "Client", "Services", "at", "Acme", ",", "spoke", "."]
    got = _facts(vocab, words, [1, 10, 1, 1, 3, 6, 4, 3, 7, 1, 10, 10],
                 ["compound", "nsubj", "punct", "appos", "prep", "compound", "pobj", "prep", "pobj", "punct", "ROOT", "punct"],
                 ["PROPN", "PROPN", "PUNCT", "PROPN", "ADP", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT", "VERB", "PUNCT"],
                 [(0, 2, "PERSON"), (5, 7, "ORG"), (8, 9, "ORG")],
                 lemmas=["Ann", "Lee", ",", "director", "of", "Client", "Services", "at", "Acme", ",", "speak", "."])
    assert got == [("Ann Lee", "worksFor", "Acme")]


def test_joint_work_by_two_organisations(vocab):
    # a joint study by Acme and Brightline
    words = ["a", "joint", "study", "by", "Acme", "and", "Brightline"]
    got = _facts(vocab, words, [2, 2, 2, 2, 3, 4, 4], ["det", "amod", "ROOT", "prep", "pobj", "cc", "conj"],
                 ["DET", "ADJ", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN"], [(4, 5, "ORG"), (6, 7, "ORG")])
    assert got == [("Acme", "partnersWith", "Brightline")]  # symmetric: stated once


def test_a_partnership_signed_by_two_organisations(vocab):
    # a partnership signed by Acme and Brightline
    words = ["a", "partnership", "signed", "by", "Acme", "and", "Brightline"]
    got = _facts(vocab, words, [1, 1, 1, 2, 3, 4, 4], ["det", "ROOT", "acl", "agent", "pobj", "cc", "conj"],
                 ["DET", "NOUN", "VERB", "ADP", "PROPN", "CCONJ", "PROPN"], [(4, 5, "ORG"), (6, 7, "ORG")],
                 tags=["DT", "NN", "VBN", "IN", "NNP", "CC", "NNP"],
                 lemmas=["a", "partnership", "sign", "by", "Acme", "and", "Brightline"])
    assert ("Acme", "partnersWith", "Brightline") in got


def test_a_title_types_its_holder_and_a_single_vote_organisation(vocab):
    from kg.extract.extractor import UNTYPED, _type_from_frames
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["One", "."], sent_starts=[True, False])
    roe = _entity("roe", UNTYPED)
    nimbus = _entity("nimbus", "Person", Person=1)  # one NER vote, wrong
    springfield = _entity("springfield", "Place", Place=1)
    berg = _entity("berg", "Person", Person=3)
    _type_from_frames([Candidate(roe, "worksFor", nimbus, doc[0:2], "title:director", 0.7),
                       Candidate(berg, "worksFor", springfield, doc[0:2], "title:attorney", 0.7)])
    assert roe.type == "Person" and nimbus.type in {"Organization", "Company"}
    assert springfield.type == "Place"  # "a Springfield labor attorney": the organisation side of a title is loose


def test_what_a_company_offers_is_a_product_against_one_vote(vocab):
    from kg.extract.extractor import _type_from_frames
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["One", "."], sent_starts=[True, False])
    acme, zorb = _entity("acme", "Company", Company=4), _entity("zorb", "Organization", Organization=1)
    microsoft = _entity("microsoft", "Organization", Organization=1)
    _type_from_frames([Candidate(acme, "offers", zorb, doc[0:2], "noun:distributor", 0.7),
                       Candidate(acme, "usesProduct", microsoft, doc[0:2], "verb:choose", 0.7)])
    assert zorb.type == "Product" and microsoft.type == "Organization"


def test_names_only_in_a_headline_state_no_facts(vocab):
    # "Acme Partners With Zorb Growers Today\nAcme makes tools ." : Zorb Growers is named only in the headline
    from kg.extract.extractor import _headline_only
    from kg.extract.mentions import build_entities

    words = ["Acme", "Partners", "With", "Zorb", "Growers", "Today", "\n", "Acme", "makes", "tools", "."]
    spaces = [True, True, True, True, True, False, False, True, True, False, False]
    heads = [1, 1, 1, 4, 2, 1, 5, 8, 8, 8, 8]
    deps = ["nsubj", "ROOT", "prep", "compound", "pobj", "npadvmod", "dep", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "PROPN", "NOUN", "SPACE", "PROPN", "VERB", "NOUN", "PUNCT"]
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              sent_starts=[True] + [False] * 6 + [True] + [False] * 3)
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 3, 5, label="ORG"), Span(doc, 7, 8, label="ORG")]
    table = build_entities(doc)
    assert {e.label for e in _headline_only(doc, table)} == {"Zorb Growers"}  # Acme recurs in the body


def test_an_organisation_that_is_part_of_another(vocab):
    # Acme is part of Brightline Holdings .
    words = ["Acme", "is", "part", "of", "Brightline", "Holdings", "."]
    got = _facts(vocab, words, [1, 1, 1, 2, 5, 3, 1], ["nsubj", "ROOT", "attr", "prep", "compound", "pobj", "punct"],
                 ["PROPN", "AUX", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"], [(0, 1, "ORG"), (4, 6, "ORG")],
                 lemmas=["Acme", "be", "part", "of", "Brightline", "Holdings", "."])
    assert got == [("Acme", "subsidiaryOf", "Brightline Holdings")]


def test_a_press_release_dateline_locates_its_issuer(vocab):
    from kg.extract.mentions import build_entities
    from kg.extract.relations import wire_dateline_candidates

    # "OSLO\n    Acme Labs , a maker of tools , said ."  (what kg.extract.datelines leaves of
    # "OSLO--(BUSINESS WIRE)--Acme Labs, a maker of tools, said.")
    words = ["OSLO", "\n    ", "Acme", "Labs", ",", "a", "maker", "of", "tools", ",", "said", "."]
    spaces = [False, False, True, False, True, True, True, True, False, True, False, False]
    heads = [0, 0, 3, 10, 3, 6, 3, 6, 7, 3, 10, 10]
    deps = ["ROOT", "dep", "compound", "nsubj", "punct", "det", "appos", "prep", "pobj", "punct", "ROOT", "punct"]
    pos = ["PROPN", "SPACE", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "NOUN", "PUNCT", "VERB", "PUNCT"]
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              sent_starts=[True, False, True] + [False] * 9)
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 2, 4, label="ORG")]
    got = [(c.subject.label, c.relation, c.object.label) for c in wire_dateline_candidates(doc, build_entities(doc))]
    assert got == [("Acme Labs", "locatedIn", "OSLO")]
    # the same line in lower case, or with a verb in it, is no dateline
    doc2 = Doc(vocab, words=["Oslo", "grew", "\n", "Acme", "said", "."], spaces=[True, False, False, True, False, False],
               heads=[1, 1, 1, 4, 4, 4], deps=["nsubj", "ROOT", "dep", "nsubj", "ROOT", "punct"],
               pos=["PROPN", "VERB", "SPACE", "PROPN", "VERB", "PUNCT"], sent_starts=[True, False, False, True, False, False])
    doc2.ents = [Span(doc2, 0, 1, label="GPE"), Span(doc2, 3, 4, label="ORG")]
    assert wire_dateline_candidates(doc2, build_entities(doc2)) == []


def test_organisation_title_person_in_a_row_despite_a_broken_parse(vocab):
    # ESA astronaut Jane Roe will fly .  -- parsed with ESA as the subject of "astronaut"
    words = ["ESA", "astronaut", "Jane", "Roe", "will", "fly", "."]
    got = _facts(vocab, words, [1, 1, 3, 1, 5, 1, 1], ["nsubj", "ROOT", "compound", "dobj", "aux", "ccomp", "punct"],
                 ["PROPN", "NOUN", "PROPN", "PROPN", "AUX", "VERB", "PUNCT"], [(0, 1, "ORG"), (2, 4, "PERSON")],
                 lemmas=["ESA", "astronaut", "Jane", "Roe", "will", "fly", "."])
    assert ("Jane Roe", "worksFor", "ESA") in got


def test_the_object_of_a_relative_clause_is_the_name_it_describes(vocab):
    # Brightline , the startup Acme acquired , grew .
    words = ["Brightline", ",", "the", "startup", "Acme", "acquired", ",", "grew", "."]
    got = _facts(vocab, words, [7, 0, 3, 0, 5, 3, 0, 7, 7],
                 ["nsubj", "punct", "det", "appos", "nsubj", "relcl", "punct", "ROOT", "punct"],
                 ["PROPN", "PUNCT", "DET", "NOUN", "PROPN", "VERB", "PUNCT", "VERB", "PUNCT"],
                 [(0, 1, "ORG"), (4, 5, "ORG")], tags=["NNP", ",", "DT", "NN", "NNP", "VBD", ",", "VBD", "."],
                 lemmas=["Brightline", ",", "the", "startup", "Acme", "acquire", ",", "grow", "."])
    assert got == [("Acme", "acquired", "Brightline")]


def test_names_listed_in_one_frame_share_their_kind(vocab):
    from kg.extract.extractor import _type_conjuncts
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["One", "."], sent_starts=[True, False])
    runai = _entity("runai", "Organization", Organization=4)
    geller = _entity("geller", "Organization", Organization=1)  # one ORG tag, wrong
    dar = _entity("dar", "Person", Person=3)
    _type_conjuncts([Candidate(runai, "foundedBy", geller, doc[0:2], "verb:found:passive", 0.8),
                     Candidate(runai, "foundedBy", dar, doc[0:2], "verb:found:passive", 0.8)])
    assert geller.type == "Person" and dar.type == "Person"


def test_a_well_attested_place_that_acts_as_an_organisation_twice(vocab):
    from kg.extract.extractor import _type_from_frames
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["Nvidia", "partnered", ".", "Nvidia", "acquired", "."], sent_starts=[True, False, False] * 2)
    nvidia = _entity("nvidia", "Place", Place=3)  # tagged GPE three times
    nvidia.mentions = []
    mercedes, runai = _entity("mercedes", "Company", Company=4), _entity("runai", "Company", Company=4)
    _type_from_frames([Candidate(nvidia, "partnersWith", mercedes, doc[0:3], "verb:partner", 0.8)])
    assert nvidia.type == "Place"  # one frame is not enough against three votes
    _type_from_frames([Candidate(nvidia, "partnersWith", mercedes, doc[0:3], "verb:partner", 0.8),
                       Candidate(nvidia, "acquired", runai, doc[3:6], "verb:acquire", 0.9)])
    assert nvidia.type in {"Organization", "Company"}


def test_a_leading_job_title_is_no_part_of_a_name(vocab):
    from kg.extract.mentions import candidate_mentions

    # VP Sustainable Energy , President Joe Biden
    words = ["VP", "Sustainable", "Energy", ",", "President", "Joe", "Biden"]
    doc = Doc(vocab, words=words, heads=[2, 2, 2, 2, 6, 6, 2], deps=["compound", "compound", "ROOT", "punct", "compound", "compound", "appos"],
              pos=["PROPN"] * 3 + ["PUNCT"] + ["PROPN"] * 3)
    doc.ents = [Span(doc, 0, 3, label="ORG"), Span(doc, 4, 7, label="PERSON")]
    assert [m.text for m in candidate_mentions(doc)] == ["Sustainable Energy", "Joe Biden"]


def test_the_largest_shareholder_after_a_copula_other_than_be(vocab):
    # Acme remains the largest shareholder in Brightline .
    words = ["Acme", "remains", "the", "largest", "shareholder", "in", "Brightline", "."]
    got = _facts(vocab, words, [1, 1, 4, 4, 1, 4, 5, 1], ["nsubj", "ROOT", "det", "amod", "attr", "prep", "pobj", "punct"],
                 ["PROPN", "VERB", "DET", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"], [(0, 1, "ORG"), (6, 7, "ORG")],
                 lemmas=["Acme", "remain", "the", "large", "shareholder", "in", "Brightline", "."])
    assert got == [("Acme", "investsIn", "Brightline")]


def test_shares_in_a_company_attached_to_the_verb(vocab):
    # Acme sold its shares in Brightline .   -- "in Brightline" parsed on the verb
    words = ["Acme", "sold", "its", "shares", "in", "Brightline", "."]
    got = _facts(vocab, words, [1, 1, 3, 1, 1, 4, 1], ["nsubj", "ROOT", "poss", "dobj", "prep", "pobj", "punct"],
                 ["PROPN", "VERB", "PRON", "NOUN", "ADP", "PROPN", "PUNCT"], [(0, 1, "ORG"), (5, 6, "ORG")],
                 lemmas=["Acme", "sell", "its", "share", "in", "Brightline", "."])
    assert got == [("Acme", "investsIn", "Brightline")]


def test_one_word_right_after_an_organisation_is_no_employee(vocab):
    # prices at Nimbus Max rose .   (the NER tags "Max" PERSON)
    words = ["prices", "at", "Nimbus", "Max", "rose", "."]
    got = _facts(vocab, words, [4, 0, 3, 1, 4, 4], ["nsubj", "prep", "compound", "pobj", "ROOT", "punct"],
                 ["NOUN", "ADP", "PROPN", "PROPN", "VERB", "PUNCT"], [(2, 3, "ORG"), (3, 4, "PERSON")])
    assert got == []
    # NBC anchor Jane Roe : the organisation before a full name still employs her
    words = ["NBC", "anchor", "Jane", "Roe", "spoke", "."]
    got = _facts(vocab, words, [1, 3, 3, 4, 4, 4], ["compound", "compound", "compound", "nsubj", "ROOT", "punct"],
                 ["PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"], [(0, 1, "ORG"), (2, 4, "PERSON")])
    assert ("Jane Roe", "worksFor", "NBC") in got


def test_a_name_compounded_onto_an_inverse_role_noun_is_its_possessor(vocab):
    # including Zorb parent Acme
    words = ["including", "Zorb", "parent", "Acme"]
    got = _facts(vocab, words, [0, 2, 3, 0], ["ROOT", "compound", "compound", "pobj"],
                 ["VERB", "PROPN", "NOUN", "PROPN"], [(1, 2, "ORG"), (3, 4, "ORG")],
                 tags=["VBG", "NNP", "NN", "NNP"], lemmas=["include", "Zorb", "parent", "Acme"])
    assert got == [("Zorb", "subsidiaryOf", "Acme")]


def test_an_organisation_an_organisation_possesses_is_part_of_it(vocab):
    # launched from Acme 's Nimbus Research Center
    words = ["launched", "from", "Acme", "'s", "Nimbus", "Research", "Center"]
    got = _facts(vocab, words, [0, 0, 6, 2, 6, 6, 1], ["ROOT", "prep", "poss", "case", "compound", "compound", "pobj"],
                 ["VERB", "ADP", "PROPN", "PART", "PROPN", "PROPN", "PROPN"], [(2, 3, "ORG"), (4, 7, "ORG")],
                 tags=["VBN", "IN", "NNP", "POS", "NNP", "NNP", "NNP"],
                 lemmas=["launch", "from", "Acme", "'s", "Nimbus", "Research", "Center"])
    assert got == [("Nimbus Research Center", "subsidiaryOf", "Acme")]


def test_a_role_noun_between_two_possessed_organisations_says_otherwise(vocab):
    # Acme 's rival Zorbex grew : a rival is no part of Acme
    words = ["Acme", "'s", "rival", "Zorbex", "grew"]
    got = _facts(vocab, words, [3, 0, 3, 4, 4], ["poss", "case", "compound", "nsubj", "ROOT"],
                 ["PROPN", "PART", "NOUN", "PROPN", "VERB"], [(0, 1, "ORG"), (3, 4, "ORG")],
                 tags=["NNP", "POS", "NN", "NNP", "VBD"], lemmas=["Acme", "'s", "rival", "Zorbex", "grow"])
    assert got == []


def test_an_apposition_after_the_last_conjunct_describes_it(vocab):
    # the bank and Zorbex , the payments company founded by Ann Lee , cut fees
    from kg.extract.mentions import Mention, descriptors

    words = ["the", "bank", "and", "Zorbex", ",", "the", "payments", "company", "founded", "by", "Ann", "Lee", ",",
             "cut", "a", "fee"]
    heads = [1, 13, 1, 1, 1, 7, 7, 1, 7, 8, 11, 9, 1, 13, 15, 13]
    deps = ["det", "nsubj", "cc", "conj", "punct", "det", "compound", "appos", "acl", "agent", "compound", "pobj",
            "punct", "ROOT", "det", "dobj"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps,
              pos=["DET", "NOUN", "CCONJ", "PROPN", "PUNCT", "DET", "NOUN", "NOUN", "VERB", "ADP", "PROPN", "PROPN",
                   "PUNCT", "VERB", "DET", "NOUN"])
    assert [t.text for t in descriptors(doc, Mention(3, 4, "Zorbex", "ner", "Person"))] == ["company"]
    assert descriptors(doc, Mention(10, 12, "Ann Lee", "ner", "Person")) == []


def test_a_verb_frame_decides_between_labels_that_disagree():
    from kg.extract.extractor import _split_vote

    tagged_both = _entity("zorbex", "Person", Person=2, Organization=1)
    assert _split_vote(tagged_both, "Organization")
    assert not _split_vote(_entity("zorbex", "Person", Person=3), "Organization")  # the labels agree
    assert not _split_vote(_entity("zorbex", "Person", Person=4, Organization=1), "Organization")  # a minority of one in five
    assert not _split_vote(_entity("Ann R. Lee", "Person", Person=2, Organization=1), "Organization")  # initials
    assert _split_vote(_entity("Ann R. Lee", "Organization", Organization=2, Person=1), "Person")


def test_a_place_noun_before_of_describes_the_name(vocab):
    # its warehouse near the small town of Valdora
    from kg.extract.mentions import Mention, descriptors

    words = ["its", "warehouse", "near", "the", "small", "town", "of", "Valdora"]
    doc = Doc(vocab, words=words, heads=[1, 1, 1, 5, 5, 2, 5, 6],
              deps=["poss", "ROOT", "prep", "det", "amod", "pobj", "prep", "pobj"],
              pos=["PRON", "NOUN", "ADP", "DET", "ADJ", "NOUN", "ADP", "PROPN"])
    assert [t.text for t in descriptors(doc, Mention(7, 8, "Valdora", "ner", "Person"))] == ["town"]
    words = ["the", "chief", "of", "Valdora"]  # "chief" is no place
    doc = Doc(vocab, words=words, heads=[1, 1, 1, 2], deps=["det", "ROOT", "prep", "pobj"],
              pos=["DET", "NOUN", "ADP", "PROPN"])
    assert descriptors(doc, Mention(3, 4, "Valdora", "ner", "Person")) == []


def test_a_word_a_sentence_capitalises_is_trimmed_from_a_name(vocab):
    # Fellow Nimbus engineer Ann Lee
    words = ["Fellow", "Nimbus", "engineer", "Ann", "Lee", "."]
    doc = Doc(vocab, words=words, heads=[1, 2, 4, 4, 4, 4], deps=["amod", "compound", "compound", "compound", "ROOT", "punct"],
              pos=["ADJ", "PROPN", "NOUN", "PROPN", "PROPN", "PUNCT"], ents=["B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O"])
    names = {m.text for m in candidate_mentions(doc)}
    assert "Nimbus" in names and "Fellow Nimbus" not in names


def test_a_nickname_in_quotes_stays_inside_one_persons_name(vocab):
    # Nimbus engineer Ann " Sunny " Lee spoke : the NER took "Ann" for an organisation, "Lee" for a place
    words = ["Nimbus", "engineer", "Ann", '"', "Sunny", '"', "Lee", "spoke"]
    doc = Doc(vocab, words=words, heads=[1, 7, 6, 6, 6, 6, 1, 7],
              deps=["compound", "nsubj", "nmod", "punct", "nmod", "punct", "appos", "ROOT"],
              pos=["PROPN", "NOUN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "VERB"],
              ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "B-GPE", "O"])
    people = [(m.text, m.ner_class) for m in candidate_mentions(doc) if m.start >= 2]
    assert people == [("Ann Lee", "Person")]
    plain = Doc(vocab, words=["Ann", "Lee", "flew"], heads=[1, 2, 2], deps=["compound", "nsubj", "ROOT"],
                pos=["PROPN", "PROPN", "VERB"], ents=["B-PERSON", "I-PERSON", "O"])
    assert [m.text for m in candidate_mentions(plain)] == ["Ann Lee"]


def test_an_organisation_a_title_and_a_person_in_a_row_when_the_title_reads_as_a_verb(vocab):
    # Nimbus pilot Ann Lee : the parser made "pilot" the sentence's verb
    got = _facts(vocab, ["Nimbus", "pilot", "Ann", "Lee", "."], [1, 1, 3, 1, 1],
                 ["nsubj", "ROOT", "compound", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
                 [(0, 1, "ORG"), (2, 4, "PERSON")], tags=["NNP", "VBZ", "NNP", "NNP", "."])
    assert got == [("Ann Lee", "worksFor", "Nimbus")]


def test_a_title_that_names_a_unit_then_at_an_organisation(vocab):
    # said Ann Lee , VP Corporate Affairs at Acme .
    words = ["said", "Ann", "Lee", ",", "VP", "Corporate", "Affairs", "at", "Acme", "."]
    got = _facts(vocab, words, [0, 2, 0, 2, 6, 6, 2, 6, 7, 0],
                 ["ROOT", "compound", "nsubj", "punct", "compound", "compound", "appos", "prep", "pobj", "punct"],
                 ["VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"],
                 [(1, 3, "PERSON"), (4, 7, "ORG"), (8, 9, "ORG")])
    assert got == [("Ann Lee", "worksFor", "Acme")]


def test_a_vendor_and_a_common_noun_name_no_product(vocab):
    # The Acme Inc. engine powers boats . Acme Inc. makes the Acme X2 .
    words = ["The", "Acme", "Inc.", "engine", "powers", "boats", ".", "Acme", "Inc.", "makes", "the", "Acme", "X2", "."]
    got = _facts(vocab, words, [3, 2, 3, 4, 4, 4, 4, 8, 9, 9, 12, 12, 9, 9],
                 ["det", "compound", "compound", "nsubj", "ROOT", "dobj", "punct", "compound", "nsubj", "ROOT", "det",
                  "compound", "dobj", "punct"],
                 ["DET", "PROPN", "PROPN", "NOUN", "VERB", "NOUN", "PUNCT", "PROPN", "PROPN", "VERB", "DET", "PROPN",
                  "PROPN", "PUNCT"], [(7, 9, "ORG")],
                 tags=["DT", "NNP", "NNP", "NN", "VBZ", "NNS", ".", "NNP", "NNP", "VBZ", "DT", "NNP", "NNP", "."],
                 lemmas=["the", "Acme", "Inc.", "engine", "power", "boat", ".", "Acme", "Inc.", "make", "the", "Acme", "X2", "."],
                 unnamed_products=False)  # the engine is an unnamed product: gone with named products only
    assert ("Acme Inc.", "offers", "Acme Inc. engine") not in got
    assert ("Acme Inc.", "offers", "Acme X2") in got


def test_a_company_short_form_without_its_kind_word_is_the_same_company(vocab):
    # Harbor Partners backed Zorb . Harbor is in Oslo . (the NER read "Harbor Partners" as a person)
    from kg.extract.mentions import build_entities

    words = ["Harbor", "Partners", "backed", "Zorb", ".", "Harbor", "grew", "."]
    doc = Doc(vocab, words=words, heads=[1, 2, 2, 2, 2, 6, 6, 6],
              deps=["compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "B-ORG", "O", "O"],
              sent_starts=[True, False, False, False, False, True, False, False])
    table = build_entities(doc)
    assert table.entity_at(0) is table.entity_at(5)
    assert table.entity_at(0).label == "Harbor Partners" and "Harbor" in table.entity_at(0).aliases


def test_a_comma_ends_an_organisations_name_unless_a_suffix_follows(vocab):
    words = ["in", "Tromso", ",", "Zorb", "said", "Acme", ",", "Inc.", "grew"]
    doc = Doc(vocab, words=words, spaces=[True, False, True, True, True, False, True, True, False],
              heads=[4, 0, 4, 4, 4, 8, 5, 5, 4],
              deps=["prep", "pobj", "punct", "nsubj", "ROOT", "nsubj", "punct", "appos", "ccomp"],
              pos=["ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB"],
              ents=["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "O"])
    names = [m.text for m in candidate_mentions(doc)]
    assert "Zorb" in names and "Tromso, Zorb" not in names
    assert "Acme, Inc." in names


def test_a_name_stops_at_an_unclosed_bracket(vocab):
    # About Zorb ( www.zorb.example
    words = ["About", "Zorb", "(", "www.zorb.example"]
    doc = Doc(vocab, words=words, heads=[1, 1, 1, 1], deps=["amod", "ROOT", "punct", "appos"],
              pos=["ADP", "PROPN", "PUNCT", "PROPN"], ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG"])
    assert [m.text for m in candidate_mentions(doc)] == ["Zorb"]


def test_a_title_at_a_name_counts_against_a_person_label(vocab):
    from kg.extract.extractor import _type_from_frames
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["One", ".", "Two", "."], sent_starts=[True, False, True, False])
    acme = _entity("acme", "Company", Company=5)
    ann = _entity("ann", "Person", Person=3)
    zorb = _entity("zorb", "Person", Person=3)  # the NER read the company as a person three times
    _type_from_frames([Candidate(acme, "partnersWith", zorb, doc[0:2], "noun:partnership", 0.8),
                       Candidate(ann, "worksFor", zorb, doc[2:4], "title:head", 0.8)])
    assert zorb.type == "Organization"
    other = _entity("zorb", "Person", Person=3)
    _type_from_frames([Candidate(ann, "worksFor", other, doc[2:4], "title:head", 0.8)])
    assert other.type == "Person"  # one frame is not enough against three labels


def test_two_kinds_of_frame_in_one_sentence_count_twice(vocab):
    from kg.extract.extractor import _type_from_frames
    from kg.extract.relations import Candidate

    doc = Doc(vocab, words=["One", "."], sent_starts=[True, False])
    acme, leipzig = _entity("acme", "Company", Company=5), _entity("leipzig", "Place", Place=2)
    zorb = _entity("zorb", "Person", Person=3)
    # "a partnership with Zorb to build robots at Zorb's plant in Leipzig"
    _type_from_frames([Candidate(acme, "partnersWith", zorb, doc[0:2], "noun:partnership", 0.8),
                       Candidate(zorb, "locatedIn", leipzig, doc[0:2], "noun:plant", 0.6)])
    assert zorb.type == "Organization"


def test_a_funding_round_led_by_one_investor_with_participation_from_another(vocab):
    # Zorb raised $ 5 million in a round led by Harbor Ventures , with participation from Alpine Capital .
    words = ["Zorb", "raised", "$", "5", "million", "in", "a", "round", "led", "by", "Harbor", "Ventures", ",", "with",
             "participation", "from", "Alpine", "Capital", "."]
    heads = [1, 1, 4, 4, 1, 1, 7, 5, 7, 8, 11, 9, 1, 1, 13, 14, 17, 15, 1]
    deps = ["nsubj", "ROOT", "quantmod", "compound", "dobj", "prep", "det", "pobj", "acl", "agent", "compound", "pobj",
            "punct", "prep", "pobj", "prep", "compound", "pobj", "punct"]
    pos = ["PROPN", "VERB", "SYM", "NUM", "NUM", "ADP", "DET", "NOUN", "VERB", "ADP", "PROPN", "PROPN", "PUNCT", "ADP",
           "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"]
    lemmas = ["Zorb", "raise", "$", "5", "million", "in", "a", "round", "lead", "by", "Harbor", "Ventures", ",", "with",
              "participation", "from", "Alpine", "Capital", "."]
    got = _facts(vocab, words, heads, deps, pos, [(0, 1, "ORG"), (10, 12, "ORG"), (16, 18, "ORG")], lemmas=lemmas,
                 tags=["NNP", "VBD", "$", "CD", "CD", "IN", "DT", "NN", "VBN", "IN", "NNP", "NNPS", ",", "IN", "NN", "IN",
                       "NNP", "NNP", "."])
    assert sorted(got) == [("Alpine Capital", "investsIn", "Zorb"), ("Harbor Ventures", "investsIn", "Zorb")]


def test_an_investor_that_led_a_companys_round(vocab):
    # Harbor Ventures led Zorb 's Series B round : "Series B" names no entity, Zorb untyped until the frame types it
    words = ["Harbor", "Ventures", "led", "Zorb", "'s", "Series", "B", "round", "."]
    got = _facts(vocab, words, [1, 2, 2, 7, 3, 6, 7, 2, 2],
                 ["compound", "nsubj", "ROOT", "poss", "case", "compound", "compound", "dobj", "punct"],
                 ["PROPN", "PROPN", "VERB", "PROPN", "PART", "PROPN", "PROPN", "NOUN", "PUNCT"], [(0, 2, "ORG")],
                 lemmas=["Harbor", "Ventures", "lead", "Zorb", "'s", "Series", "B", "round", "."],
                 tags=["NNP", "NNPS", "VBD", "NNP", "POS", "NNP", "NNP", "NN", "."])
    assert got == [("Harbor Ventures", "investsIn", "Zorb")]


def test_a_possessed_product_noun_with_a_named_apposition(vocab):
    # Zorb 's picking robot , the Vexa X2 , is used .
    words = ["Zorb", "'s", "picking", "robot", ",", "the", "Vexa", "X2", ",", "is", "used", "."]
    got = _facts(vocab, words, [3, 0, 3, 10, 3, 7, 7, 3, 3, 10, 10, 10],
                 ["poss", "case", "compound", "nsubjpass", "punct", "det", "compound", "appos", "punct", "auxpass", "ROOT",
                  "punct"],
                 ["PROPN", "PART", "NOUN", "NOUN", "PUNCT", "DET", "PROPN", "PROPN", "PUNCT", "AUX", "VERB", "PUNCT"],
                 [(0, 1, "ORG"), (6, 8, "PRODUCT")], lemmas=["Zorb", "'s", "picking", "robot", ",", "the", "Vexa", "X2", ",",
                                                            "be", "use", "."])
    assert ("Zorb", "offers", "Vexa X2") in got


def test_x_based_on_a_compound_descriptor_in_apposition(vocab):
    # Zorb , a Boston - based robotics startup , grew
    words = ["Zorb", ",", "a", "Boston", "-", "based", "robotics", "startup", ",", "grew"]
    got = _facts(vocab, words, [9, 0, 7, 5, 5, 6, 7, 0, 0, 9],
                 ["nsubj", "punct", "det", "npadvmod", "punct", "amod", "compound", "appos", "punct", "ROOT"],
                 ["PROPN", "PUNCT", "DET", "PROPN", "PUNCT", "VERB", "NOUN", "NOUN", "PUNCT", "VERB"],
                 [(0, 1, "ORG"), (3, 4, "GPE")], tags=["NNP", ",", "DT", "NNP", "HYPH", "VBN", "NN", "NN", ",", "VBD"],
                 lemmas=["Zorb", ",", "a", "Boston", "-", "base", "robotic", "startup", ",", "grow"])
    assert got == [("Zorb", "locatedIn", "Boston"), ("Zorb", "offers", "robotics")]  # a robotics startup: an unnamed product


def test_a_product_noun_from_a_vendor_in_apposition_to_a_name(vocab):
    # chose Vexa , the cloud platform from Zorb Technologies
    words = ["chose", "Vexa", ",", "the", "cloud", "platform", "from", "Zorb", "Technologies"]
    got = _facts(vocab, words, [0, 0, 1, 5, 5, 1, 5, 8, 6],
                 ["ROOT", "dobj", "punct", "det", "compound", "appos", "prep", "compound", "pobj"],
                 ["VERB", "PROPN", "PUNCT", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PROPN"],
                 [(1, 2, "PRODUCT"), (7, 9, "ORG")], lemmas=["choose", "Vexa", ",", "the", "cloud", "platform", "from", "Zorb",
                                                             "Technologies"])
    assert ("Zorb Technologies", "offers", "Vexa") in got


def test_a_datelines_capitals_give_way_to_the_name_as_written():
    from kg.extract.mentions import _best_label
    from kg.model import Entity, Mention

    ent = Entity("austin", "AUSTIN", "Place")
    ent.mentions = [Mention(0, 1, "AUSTIN", "ner", "Place"), Mention(9, 10, "AUSTIN", "ner", "Place"),
                    Mention(20, 21, "Austin", "ner", "Place")]
    assert _best_label(ent) == "Austin"
    ibm = Entity("ibm", "IBM", "Company")
    ibm.mentions = [Mention(0, 1, "IBM", "ner", "Organization")]
    assert _best_label(ibm) == "IBM"


def test_an_organisations_executive_is_no_stand_in_for_the_organisation(vocab):
    # Zorb names former Acme executive as CEO
    words = ["Zorb", "names", "former", "Acme", "executive", "as", "CEO"]
    from kg.extract.mentions import build_entities
    from kg.extract.relations import Arguments

    doc = Doc(vocab, words=words, heads=[1, 1, 4, 4, 1, 1, 5], deps=["nsubj", "ROOT", "amod", "compound", "dobj", "prep", "pobj"],
              pos=["PROPN", "VERB", "ADJ", "PROPN", "NOUN", "ADP", "NOUN"], ents=["B-ORG", "O", "O", "B-ORG", "O", "O", "O"])
    args = Arguments(build_entities(doc))
    assert args.expand(doc[4]) == []  # "executive" is a person at Acme, not Acme
    company = Doc(vocab, words=["the", "Acme", "company"], heads=[2, 2, 2], deps=["det", "compound", "ROOT"],
                  pos=["DET", "PROPN", "NOUN"], ents=["O", "B-ORG", "O"])
    assert [e.label for e, _ in Arguments(build_entities(company)).expand(company[2])] == ["Acme"]


def test_a_verb_hung_on_its_subject_with_an_object_of_its_own_is_active(vocab):
    # Zorb Energy , the developer , on Monday named Ann Lee as its chief executive : the parser made
    # "named" a clause on "Energy" and "Ann Lee" a predicate
    words = ["Zorb", "Energy", ",", "the", "developer", ",", "named", "Ann", "Lee", "as", "its", "chief", "executive"]
    heads = [1, 1, 1, 4, 1, 1, 1, 8, 6, 6, 12, 12, 9]
    deps = ["compound", "ROOT", "punct", "det", "appos", "punct", "acl", "compound", "oprd", "prep", "poss", "amod", "pobj"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PROPN", "PROPN", "ADP", "PRON", "ADJ", "NOUN"]
    got = _facts(vocab, words, heads, deps, pos, [(0, 2, "ORG"), (7, 9, "PERSON")],
                 tags=["NNP", "NNP", ",", "DT", "NN", ",", "VBD", "NNP", "NNP", "IN", "PRP$", "JJ", "NN"],
                 lemmas=["Zorb", "Energy", ",", "the", "developer", ",", "name", "Ann", "Lee", "as", "its", "chief", "executive"])
    assert ("Ann Lee", "worksFor", "Zorb Energy") in got


def test_a_common_noun_right_before_a_name_describes_it(vocab):
    from kg.extract.mentions import Mention, descriptors

    words = ["Danish", "grid", "operator", "Nordia", "grew"]
    doc = Doc(vocab, words=words, heads=[3, 2, 3, 4, 4], deps=["amod", "compound", "compound", "nsubj", "ROOT"],
              pos=["ADJ", "NOUN", "NOUN", "PROPN", "VERB"])
    assert [t.text for t in descriptors(doc, Mention(3, 4, "Nordia", "ner", "Person"))] == ["operator"]


def test_its_in_a_relative_clause_on_a_descriptor_is_the_described_name(vocab):
    from kg.extract.coref import _relative_antecedent
    from kg.extract.mentions import build_entities

    # years at Orbita , the utility , where she oversaw its takeover
    words = ["years", "at", "Orbita", ",", "the", "utility", ",", "where", "she", "oversaw", "its", "takeover"]
    heads = [0, 0, 1, 2, 5, 2, 5, 9, 9, 5, 11, 9]
    deps = ["ROOT", "prep", "pobj", "punct", "det", "appos", "punct", "advmod", "nsubj", "relcl", "poss", "dobj"]
    pos = ["NOUN", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "ADV", "PRON", "VERB", "PRON", "NOUN"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos,
              ents=["O", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "O", "O", "O"])
    table = build_entities(doc)
    assert _relative_antecedent(table, doc[10]).label == "Orbita"


def test_named_as_a_title_is_a_confident_hire(vocab):
    from kg.extract.mentions import build_entities
    from kg.extract.relations import verb_candidates

    # Zorb named Ann Lee as chief executive ; Zorb named Ann Lee to the board (no title: stays weak)
    def conf(words, heads, deps, pos, lemmas):
        doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
                  tags=["NNP", "VBD"] + ["XX"] * (len(words) - 2),
                  ents=["B-ORG", "O", "B-PERSON", "I-PERSON"] + ["O"] * (len(words) - 4))
        (c,) = [c for c in verb_candidates(doc, build_entities(doc)) if c.relation == "worksFor"]
        return c.confidence

    hired = conf(["Zorb", "named", "Ann", "Lee", "as", "chief", "executive"], [1, 1, 3, 1, 1, 6, 4],
                 ["nsubj", "ROOT", "compound", "dobj", "prep", "amod", "pobj"],
                 ["PROPN", "VERB", "PROPN", "PROPN", "ADP", "ADJ", "NOUN"],
                 ["Zorb", "name", "Ann", "Lee", "as", "chief", "executive"])
    named = conf(["Zorb", "named", "Ann", "Lee", "to", "the", "board"], [1, 1, 3, 1, 1, 6, 4],
                 ["nsubj", "ROOT", "compound", "dobj", "prep", "det", "pobj"],
                 ["PROPN", "VERB", "PROPN", "PROPN", "ADP", "DET", "NOUN"],
                 ["Zorb", "name", "Ann", "Lee", "to", "the", "board"])
    assert hired >= 0.8 > named


def test_opening_a_facility_in_a_place_locates_the_opener(vocab):
    # Zorb opened a new office in Oslo ; Zorb opened trading in Oslo (no facility: nothing)
    def located(words, heads, deps, pos, lemmas):
        return _facts(vocab, words, heads, deps, pos, [(0, 1, "ORG"), (len(words) - 1, len(words), "GPE")], lemmas=lemmas,
                      tags=["NNP", "VBD"] + ["XX"] * (len(words) - 2))

    got = located(["Zorb", "opened", "a", "new", "office", "in", "Oslo"], [1, 1, 4, 4, 1, 4, 5],
                  ["nsubj", "ROOT", "det", "amod", "dobj", "prep", "pobj"],
                  ["PROPN", "VERB", "DET", "ADJ", "NOUN", "ADP", "PROPN"], ["Zorb", "open", "a", "new", "office", "in", "Oslo"])
    assert ("Zorb", "locatedIn", "Oslo") in got
    from kg.extract.mentions import build_entities
    from kg.extract.relations import verb_candidates

    doc = Doc(vocab, words=["Zorb", "opened", "trading", "in", "Oslo"], heads=[1, 1, 1, 1, 3],
              deps=["nsubj", "ROOT", "dobj", "prep", "pobj"], pos=["PROPN", "VERB", "NOUN", "ADP", "PROPN"],
              lemmas=["Zorb", "open", "trading", "in", "Oslo"], ents=["B-ORG", "O", "O", "O", "B-GPE"])
    assert [c.rule for c in verb_candidates(doc, build_entities(doc))] == []  # no facility opened


def test_places_in_apposition_to_an_organisation_locate_it(vocab):
    # Northwind Group , Bergen , Norway , makes tools
    words = ["Northwind", "Group", ",", "Bergen", ",", "Norway", ",", "makes", "tools"]
    got = _facts(vocab, words, [1, 7, 1, 1, 3, 3, 1, 7, 7],
                 ["compound", "nsubj", "punct", "appos", "punct", "appos", "punct", "ROOT", "dobj"],
                 ["PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "NOUN"],
                 [(0, 2, "ORG"), (3, 4, "GPE"), (5, 6, "GPE")], lemmas=["Northwind", "Group", ",", "Bergen", ",", "Norway", ",",
                                                                       "make", "tool"])
    assert ("Northwind Group", "locatedIn", "Bergen") in got and ("Northwind Group", "locatedIn", "Norway") in got
