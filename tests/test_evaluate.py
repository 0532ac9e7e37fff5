"""The scorer behind `kg eval` and the benchmark: annotation scopes, families, name matching."""
from __future__ import annotations

import pytest

from kg.evaluate import Arg, names_match, score_record


def pred(s, r, o, conf=0.9):
    return {"subject": s, "relation": r, "object": o, "confidence": conf}


def gold(s, r, o, **extra):
    return {"subject": s, "relation": r, "object": o, **extra}


def test_name_matching_is_case_suffix_accent_and_alias_insensitive():
    assert names_match("MICROSOFT Corp.", Arg("Microsoft", frozenset()))
    assert names_match("Sao Paulo", Arg("São Paulo", frozenset()))
    assert names_match("the Redmond giant", Arg("Microsoft", frozenset({"the Redmond giant"})))
    assert names_match("Springfield", Arg("Springfield, Illinois", frozenset()))
    assert names_match("online games", Arg("Online Game", frozenset()))
    assert not names_match("Glass", Arg("Glas", frozenset()))
    assert not names_match("Azure", Arg("Azure Batch", frozenset()))
    assert not names_match("Microsoft", Arg("Microsoft Cognitive Toolkit", frozenset()))


def test_exhaustive_scope_counts_every_prediction():
    rec = {"annotation_scope": "exhaustive", "triples": [gold("A Corp", "partnersWith", "B Inc")]}
    total, per, unjudged = score_record(rec, [pred("B Inc", "partnersWith", "A Corp"), pred("A Corp", "acquired", "B Inc")], "strict")
    assert (total.tp, total.fp, total.fn, unjudged) == (1, 1, 0, 0)  # symmetric relation matched either way


def test_tripleset_scope_ignores_pairs_with_unmapped_gold():
    rec = {"annotation_scope": "exhaustive_tripleset",
           "triples": [gold("Acme", "offers", "Widgets"), gold("Acme", None, "Springfield")]}
    total, _, unjudged = score_record(rec, [pred("Acme", "locatedIn", "Springfield"), pred("Acme", "offers", "Widgets")], "family")
    assert (total.tp, total.fp, total.fn, unjudged) == (1, 0, 0, 1)


def test_family_level_normalises_direction():
    rec = {"annotation_scope": "exhaustive",
           "triples": [gold("Acme", "employs", "Jane Roe"), gold("Parent Co", "owns", "Child Ltd")]}
    preds = [pred("Jane Roe", "worksFor", "Acme"), pred("Child Ltd", "subsidiaryOf", "Parent Co")]
    fam, _, _ = score_record(rec, preds, "family")
    strict, _, _ = score_record(rec, preds, "strict")
    assert (fam.tp, fam.fp, fam.fn) == (2, 0, 0)
    assert (strict.tp, strict.fp) == (0, 2)


def test_listed_properties_scope_judges_only_listed_relations_and_drops_unresolved():
    rec = {"annotation_scope": "exhaustive_for_listed_properties", "exhaustive_relations": ["headquarteredIn"],
           "triples": [gold("Acme", "headquarteredIn", "Springfield"), gold("It", "headquarteredIn", "Shelbyville", unresolved_mention=True)]}
    preds = [pred("Acme", "locatedIn", "Springfield"), pred("Acme", "foundedBy", "Jane Roe"), pred("Acme", "locatedIn", "Ogdenville")]
    total, _, unjudged = score_record(rec, preds, "family")
    assert (total.tp, total.fp, total.fn, unjudged) == (1, 1, 0, 1)


def test_labelled_pairs_scope_judges_only_annotated_pairs():
    rec = {"annotation_scope": "labelled_pairs_only",
           "triples": [gold("Acme", "acquired", "Widget Co"), gold("Acme", None, "Gadget Co")]}
    preds = [pred("Acme", "acquired", "Widget Co"), pred("Acme", "partnersWith", "Gadget Co"), pred("Acme", "partnersWith", "Other Co")]
    total, _, unjudged = score_record(rec, preds, "strict")
    assert (total.tp, total.fp, total.fn, unjudged) == (1, 1, 0, 1)


def test_confidence_threshold_counts_separately():
    rec = {"annotation_scope": "exhaustive", "triples": [gold("A", "offers", "Widget")]}
    total, _, _ = score_record(rec, [pred("A", "offers", "Widget", 0.95), pred("A", "offers", "Gizmo", 0.5)], "strict")
    assert (total.tp_hi, total.fp_hi, total.tp, total.fp) == (1, 0, 1, 1)


def test_the_reference_scorer_is_loaded_from_the_gold_folder(tmp_path):
    from kg.errors import GoldError
    from kg.evaluate import load_reference_scorer

    assert load_reference_scorer(tmp_path, required=False) is None
    with pytest.raises(GoldError, match="score.py"):
        load_reference_scorer(tmp_path)
    (tmp_path / "score.py").write_text("def prf(tp, fp, gold):\n    return tp / (tp + fp), tp / gold\n", encoding="utf-8")
    assert load_reference_scorer(tmp_path).prf(3, 1, 6) == (0.75, 0.5)
