"""A news article written for this test (no evaluation file), read by the real pinned model.

The spaCy model tags the chipmaker GPE, splits "Run:ai" at the colon and a wire header runs into
the first name; the facts below are what the text says, worked out by hand.
"""
from __future__ import annotations

import pytest

from kg.extract.extractor import Extractor
from kg.ingest import Article

TEXT = """Nvidia partners with Mercedes-Benz on self-driving cars
SANTA CLARA, Calif.--(BUSINESS WIRE)--Nvidia said on Tuesday it had partnered with carmaker Mercedes-Benz to build software-defined vehicles. The chipmaker will supply its Drive Orin platform.
Nvidia also agreed to acquire Run:ai, an Israeli start-up founded by Omri Geller and Ronen Dar, for $700 million.
Jensen Huang, Nvidia's chief executive, said the deal would help customers.
"""


@pytest.fixture(scope="module")
def extraction(nlp):
    return Extractor(nlp=nlp).extract(Article("fresh", TEXT))


def facts(extraction) -> set[tuple[str, str, str]]:
    return {(t.subject, t.relation, t.object) for t in extraction.triples}


def test_a_chipmaker_tagged_as_a_place_keeps_its_facts(extraction):
    got = facts(extraction)
    assert ("Nvidia", "partnersWith", "Mercedes-Benz") in got
    assert ("Nvidia", "acquired", "Run:ai") in got
    assert ("Jensen Huang", "worksFor", "Nvidia") in got
    assert {e.label: e.type for e in extraction.entities}["Nvidia"] in {"Organization", "Company"}


def test_punctuated_start_up_names_and_founders(extraction):
    got = facts(extraction)
    assert ("Run:ai", "foundedBy", "Ronen Dar") in got
    assert not any(s == "Run" or o == "Run" for s, _, o in got)


def test_the_chipmaker_is_not_the_carmaker(extraction):
    got = facts(extraction)
    assert ("Nvidia", "offers", "Drive Orin platform") in got
    assert ("Mercedes-Benz", "offers", "Drive Orin platform") not in got


def test_the_wire_header_is_no_name(extraction):
    labels = {e.label for e in extraction.entities}
    assert not any("BUSINESS WIRE" in label or "--" in label for label in labels)
    assert not any("\n" in t.subject or "\n" in t.object for t in extraction.triples)
