"""From articles to typed triples with evidence: the extraction entry point."""
from __future__ import annotations

import bisect
import functools
from collections import Counter, defaultdict
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import KGError
from kg.extract import coref
from kg.extract.mentions import UNTYPED, EntityTable, build_entities, choose_type, company_words, require_parse, top_class
from kg.lexicon import relations as relation_lexicon
from kg.model import Entity, Evidence, Extraction, Mention, Triple
from kg.extract.datelines import mask_datelines
from kg.extract.parallel import START_AFTER_TOKENS, Pipeline, extract_safely
from kg.extract.pairs import (NONE, PairModel, class_pairs, dependency_path, family_relation, head_indices,
                             sentence_pairs, shipped_model)
from kg.extract.pipeline import DEFAULT_MODEL, load_model, split_long
from kg.extract.relations import Candidate, _modality, affiliation_candidates, extract_candidates, structure_candidates
from kg.ingest import Article
from kg.ontology import fits, is_a, signatures

UNNAMED_SOURCES = frozenset({"generic", "np"})  # mention sources of unnamed (common-noun) products
WEAK_VOTES = 2
CORPORATE = {"acquired", "investsIn", "subsidiaryOf", "partnersWith"}  # one or two NER votes and nothing else
RELATION_VOTE = 1.5
LEARNED_WEIGHT = 0.85  # a learned triple ranks below the rules' confident ones (confidence <= 0.765)


def _sentence_text(sent: Span) -> tuple[str, int, int]:
    raw = sent.text
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = sent.start_char + lead
    return text, start, start + len(text)


def _evidence(article_id: str, sent: Span, rule: str, confidence: float,
              cache: dict[tuple[int, int], tuple[str, int, int]] | None = None) -> Evidence:
    key = (sent.start, sent.end)
    found = cache.get(key) if cache is not None else None
    if found is None:
        found = _sentence_text(sent)
        if cache is not None:
            cache[key] = found
    text, start, end = found
    return Evidence(article_id, text, start, end, rule, round(min(max(confidence, 0.0), 1.0), 3))


def _has_initials(name: str) -> bool:
    """"Douglas R. Oberhelman", "J. K. Rowling": initials mark a person's name."""
    return any(len(w.rstrip(".")) == 1 and w[0].isupper() for w in name.split()[:-1])


@functools.lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    from kg.lexicon import entities as lexicon

    cats = lexicon()["category_nouns"]
    return frozenset(cats["Company"]) | frozenset(cats["Organization"])


def _looks_like_org(name: str) -> bool:
    """An acronym inside ("NWM Labs", "IBM Research") or an organisation word at the end."""
    words = name.split()
    if any(len(w) >= 2 and w.isupper() and w.replace("-", "").replace("&", "").isalpha() for w in words):
        return True  # "NWM", "TIAA-CREF", "AT&T"
    return len(words) > 1 and words[-1].lower() in _organisation_words()


@functools.lru_cache(maxsize=1)
def _organisation_holders() -> frozenset[str]:
    """Role nouns only an organisation holds ("manufacturer", "supplier"), from kg/data/relations.json."""
    return frozenset(n["lemma"] for n in relation_lexicon()["nouns"] if n.get("organisation_holder"))


@functools.lru_cache(maxsize=1)
def _unit_nouns() -> frozenset[str]:
    """Role nouns no person holds ("subsidiary", "division"), from kg/data/relations.json."""
    return frozenset(relation_lexicon()["unit_nouns"])


@functools.lru_cache(maxsize=1)
def _corporate_titles() -> frozenset[str]:
    """Titles only a company's officer holds ("ceo", "cfo"), from kg/data/relations.json."""
    return frozenset(relation_lexicon()["titles"]["corporate"])


@functools.lru_cache(maxsize=1)
def _staff_titles() -> frozenset[str]:
    """Titles held in an organisation, never of a product ("spokeswoman", "director"), from kg/data/relations.json."""
    return frozenset(relation_lexicon()["titles"]["staff"])


@functools.lru_cache(maxsize=1)
def _person_offer_verbs() -> frozenset[str]:
    return frozenset(relation_lexicon()["person_offer_verbs"])


def _looks_like_person(name: str) -> bool:
    """Two to four capitalised words, initials allowed, none an organisation word: "August Horch", "J. K. Lee"."""
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace(".", "").replace("-", "").replace("'", "").isalpha()
                                          and not (w.isupper() and len(w) > 2) for w in words)
            and not any(w.lower().strip(".,") in _organisation_words() | company_words() for w in words))


LOCATIVE_PREPS = coref.LOCATIVE


def _misread_place(ent: Entity, c: Candidate) -> bool:
    """A name the NER called a place once, that partners, invests or is bought like a company.

    "Microsoft invested in OpenAI" with OpenAI tagged GPE: one place vote and
    nothing else, never a country kg knows, never the object of a locative
    preposition anywhere in the text ("offices in Ireland"), is an organisation.
    """
    if set(ent.votes) - {"Place", "Organization"} or ent.votes["Place"] > WEAK_VOTES:
        return False
    return coref.misread_as_place(c.sentence.doc, ent)


def _retype_misread_places(candidates: list[Candidate]) -> None:
    """Before coreference reads the types: places that act as companies become organisations."""
    votes: dict[Entity, float] = defaultdict(float)
    for c in candidates:
        if c.confidence < 0.55 or not c.types_arguments or c.relation not in CORPORATE:
            continue
        if not (c.rule.startswith("verb:") or c.rule.startswith("noun:")):
            continue
        for ent in (c.subject, c.object):
            if top_class(ent.type) == "Place" and _misread_place(ent, c):
                votes[ent] += RELATION_VOTE
    for ent, extra in votes.items():
        ent.votes["Organization"] += extra
        ent.type = choose_type(ent.votes)


def _split_vote(ent: Entity, cls: str) -> bool:
    """The labels themselves disagree between a person and an organisation, and ``cls`` has at
    least a third of the votes: "Zorbex" tagged PERSON twice and ORG once, then "Zorbex was
    founded by Ann Lee". A verb frame then decides (a person's initials aside)."""
    if cls not in {"Organization", "Person"} or top_class(ent.type) not in {"Organization", "Person"}:
        return False
    if top_class(ent.type) == cls or (cls == "Organization" and _has_initials(ent.label)):
        return False
    mine = sum(n for c, n in ent.votes.items() if top_class(c) == cls)
    return mine > 0 and 2 * mine >= sum(ent.votes.values()) - mine


def _type_from_relations(candidates: list[Candidate]) -> None:
    """Let confident verb patterns type names the NER left untyped or mistyped on weak evidence.

    "Tesla was founded by Elon Musk": "Tesla" got no NER label, but the subject of
    foundedBy is an Organization. A name the NER called PERSON on one or two
    mentions and nothing else may become an Organization (a start-up read as a
    person), and one it called an organisation once may become the Product a
    product verb needs ("Acme Aerospace manufactured the Falcon X2"). A one-vote place
    that partners, invests or is bought is an organisation (see ``_misread_place``);
    other places are never overridden. Only single-class domains and ranges vote.
    """
    votes: dict[Entity, Counter] = defaultdict(Counter)
    for c in candidates:
        if (c.confidence < 0.55 and not c.rule.startswith(("offering-list", "market-player:"))) or not c.types_arguments:
            continue  # those two frames type their owners and players whatever the list's products lower
        if c.rule.startswith("place-noun:"):
            # "The location of Acme is in Ireland": what has a location here is an organisation
            ent = c.subject
            if ent.type == UNTYPED or (set(ent.votes) <= {"Place"} and sum(ent.votes.values()) <= 1):
                votes[ent]["Organization"] += 2 * RELATION_VOTE
            continue
        if c.rule.startswith("title:"):
            # "X is the key person of Northwind Media": an untyped, organisation-looking name only
            ent = c.object
            if ent.type == UNTYPED and _looks_like_org(ent.label):
                votes[ent]["Organization"] += RELATION_VOTE
            continue
        # a round's investors and raiser, a market's players and a product list's owner are stated outright
        verb = c.rule.startswith(("verb:", "funding-round:", "market-player:", "offering-list", "joint-subject:", "x-owned",
                                  "x-backed"))
        if c.rule.startswith("role-noun:"):
            # "Facebook parent Meta", "Facebook" untagged: both sides of a corporate role are organisations
            dom, rng = signatures()[c.relation]
            for ent, classes in ((c.subject, dom), (c.object, rng)):
                if ent.type == UNTYPED and len(classes) == 1:
                    votes[ent][next(iter(classes))] += RELATION_VOTE
            continue
        if c.rule.startswith("noun:") and c.relation not in CORPORATE:
            # "Acme is a manufacturer of pumps": a role noun types a name nothing else typed
            dom, rng = signatures()[c.relation]
            for ent, classes in ((c.subject, dom), (c.object, rng)):
                cls = next(iter(classes))
                if ent.type == UNTYPED and len(classes) == 1 and not (cls == "Organization" and _looks_like_person(ent.label)):
                    votes[ent][cls] += RELATION_VOTE  # ("Ann Lee is the creator of Zorb": no organisation)
            holder = c.subject
            if (c.rule.split(":")[1] in _organisation_holders() and set(holder.votes) <= {"Person"}
                    and sum(holder.votes.values()) <= 1 and not _has_initials(holder.label)):
                votes[holder]["Organization"] += RELATION_VOTE  # "Locomotive Works (PERSON) is the builder of"
            continue
        if not verb and not (c.rule.startswith("noun:") and c.relation in CORPORATE):
            continue
        dom, rng = signatures()[c.relation]
        for ent, classes in ((c.subject, dom), (c.object, rng)):
            cls = next(iter(classes))
            other = c.object if ent is c.subject else c.subject
            if len(classes) != 1 and verb and ent.type == UNTYPED and classes == {"Person", "Organization"}:
                # "Audi was founded by August Horch", the founder untagged: the name's shape chooses
                kind = "Organization" if _looks_like_org(ent.label) else "Person" if _looks_like_person(ent.label) else None
                if kind:
                    votes[ent][kind] += RELATION_VOTE
                continue
            if len(classes) != 1 or is_a(ent.type, cls):
                continue
            weak = sum(ent.votes.values()) <= WEAK_VOTES
            # "Tarn Realty (PERSON) is a subsidiary of Zorvik": no person is a subsidiary, a parent or a unit
            unit_noun = (c.rule.startswith("noun:") and c.relation == "subsidiaryOf"
                         and c.rule.split(":")[1] in _unit_nouns())
            if cls == "Organization" and c.relation in CORPORATE and _misread_place(ent, c):
                votes[ent][cls] += RELATION_VOTE
            elif unit_noun and cls == "Organization" and weak and set(ent.votes) <= {"Person"} and not _has_initials(ent.label):
                votes[ent][cls] += RELATION_VOTE
            elif (not verb and cls == "Organization" and set(ent.votes) <= {"Person"} and sum(ent.votes.values()) <= 1
                  and len(ent.label.split()) == 1 and top_class(other.type) == cls
                  and (c.relation in {"partnersWith", "acquired"}
                       or (ent is c.subject and (_looks_like_org(other.label) or _names_an_organisation(other.label))))):
                # "Kesko signed licensing agreements with Tarn Records", "Zorvik announced the acquisition
                # of Halden Labs": a one-word name tagged PERSON once, party with an organisation to a deal or
                # a merger, or part of a named group, is a company (a person's full name is not one word; an
                # owner may be a person or a family: "Lind, owner of Lind Aviation", "the Berg family, owners
                # of Tarn Media Corporation"; "Halden is part of Tarnby" links two places)
                votes[ent][cls] += RELATION_VOTE
            elif verb and (
                ent.type == UNTYPED
                or (cls == "Organization" and weak and set(ent.votes) <= {"Person"} and not _has_initials(ent.label)
                    # people release, launch and unveil things too ("Ann Lee released the papers"), and
                    # name, hire and appoint people ("CEO Ann Lee named Ola Berg head of sales")
                    and not ((c.rule.partition(":")[2] in _person_offer_verbs() or c.relation == "worksFor")
                             and _looks_like_person(ent.label)))
                or (cls == "Organization" and weak and set(ent.votes) <= {"Product"}
                    and (c.relation in CORPORATE or c.relation == "headquarteredIn"))  # products have no headquarters
                or (cls == "Product" and weak and set(ent.votes) <= {"Organization"} and c.relation == "offers")
                # "A-Rosa Luna was built by Neptun Werft": nobody builds or designs a person
                or (cls == "Product" and c.relation == "offers" and set(ent.votes) <= {"Person"}
                    and sum(ent.votes.values()) <= 1 and not _has_initials(ent.label))
                or _split_vote(ent, cls)
            ):
                votes[ent][cls] += RELATION_VOTE
    for ent, extra in votes.items():
        ent.votes.update(extra)
        ent.type = choose_type(ent.votes)


FRAME_RULES = ("verb:", "noun:", "title:", "role-noun:", "x-based", "funding-round:")  # patterns that state a relation outright
FRAME_MIN = 0.6  # a frame this confident counts as evidence for its arguments' classes
FRAMES_TO_RETYPE = 2  # distinct frames that must agree to override a label no frame supports


def _names_an_organisation(name: str) -> bool:
    """A multi-word name with an organisation word in it: "Institute for Coastal Research", "University of Oslo"."""
    words = [w.lower() for w in name.split()]
    return len(words) > 1 and any(w in _organisation_words() for w in words)


def _type_conjuncts(candidates: list[Candidate]) -> None:
    """Names listed together in one frame share a kind: in "founded by Omri Geller and Ronen Dar" the
    first, tagged ORG once, is a person like the second. A member with at most two votes takes the
    class of a co-member with more, when the relation allows both classes."""
    groups: dict[tuple, list[Entity]] = defaultdict(list)
    for c in candidates:
        if not c.rule.startswith(FRAME_RULES):
            continue
        groups[("o", c.subject.key, c.relation, c.rule, c.sentence.start)].append(c.object)
        groups[("s", c.object.key, c.relation, c.rule, c.sentence.start)].append(c.subject)
    for (side, _, relation, _, _), members in groups.items():
        members = list(dict.fromkeys(members))
        if len(members) < 2:
            continue
        allowed = signatures()[relation][1 if side == "o" else 0]
        strong = [e for e in members if sum(e.votes.values()) > WEAK_VOTES]
        kinds = {top_class(e.type) for e in strong}
        if len(kinds) != 1:
            continue
        kind = next(iter(kinds))
        if kind not in {"Person", "Organization"} or not any(is_a(kind, a) or is_a(a, kind) for a in allowed):
            continue
        for e in members:
            if kind == "Organization" and _looks_like_person(e.label):
                continue  # "CEO of Zorvik Labs, Ann Lee": a title's ", X" may be its holder, not a second employer
            if e not in strong and top_class(e.type) in {"Person", "Organization"} and top_class(e.type) != kind:
                e.votes[kind] += RELATION_VOTE + max(e.votes.values(), default=0)
                e.type = choose_type(e.votes)


def _never_a_location(ent: Entity, candidates: list[Candidate]) -> bool:
    """No sign that ``ent`` is a place: not a country kg knows, never after a locative preposition
    ("offices in Ireland"), never the place of a locatedIn/headquarteredIn candidate."""
    if not candidates or any(c.object is ent and c.relation in {"locatedIn", "headquarteredIn"} for c in candidates):
        return False
    return coref.misread_as_place(candidates[0].sentence.doc, ent)


def _type_from_frames(candidates: list[Candidate]) -> None:
    """Weigh the frames an entity takes part in against its label, after the narrower rules above.

    An entity whose class fits none of the relation frames it appears in, while two or more
    distinct confident frames ("partnership with X", "X's CEO", "X was founded by") agree on
    one class, takes that class: "Brightpath Software" typed Product by its head word, but the
    partner of one company and the employer of a CEO, is an organisation. One frame is
    enough against a weak label (at most two votes) when the frame is specific about it:

    * a job title types its holder a Person ("Ann Lee, director of Nimbus Labs"), and its
      organisation side only against a single Person or Product vote ("an officer of the
      Harbor Guild") or a single Place vote on an organisation-like name ("a fellow at the Institute
      for Coastal Research") or under a title only companies have ("the CEO of Tarnvik", never a
      place the text uses as one): "a Springfield labor attorney" must not make an organisation of
      Springfield;
    * what a company offers ("distributor of X", "X was launched by") is a Product, even
      against one organisation vote; other frames never make a product of a name on their
      own ("OpenAI chose Microsoft");
    * any other frame may turn a weak organisation into a person or back.

    Frames that fit the entity's current class keep it: one misread frame never retypes an
    entity the text otherwise supports. A place with more than two votes ("Nvidia", tagged GPE
    three times) becomes an organisation only when two frames treat it as one (it partners,
    acquires, employs a chief executive) and nothing in the text uses it as a place.
    """
    needs: dict[Entity, Counter] = defaultdict(Counter)
    one_enough: set[tuple[Entity, str]] = set()
    fits_now: Counter = Counter()
    seen: set[tuple] = set()
    for c in candidates:
        if c.confidence < FRAME_MIN or not c.types_arguments or not c.rule.startswith(FRAME_RULES):
            continue
        dom, rng = signatures()[c.relation]
        title = c.rule.startswith("title:")
        for side, (ent, classes) in enumerate(((c.subject, dom), (c.object, rng))):
            if any(is_a(ent.type, cls) for cls in classes):
                fits_now[ent] += 1
                continue
            if len(classes) != 1:
                continue
            cls = next(iter(classes))
            # the evidence against the class the frame needs (votes an earlier frame gave it do not count)
            n_votes = sum(n for k, n in ent.votes.items() if top_class(k) != top_class(cls))
            weak = n_votes <= WEAK_VOTES
            if title and side == 1:
                kind = top_class(ent.type)
                loose = ((n_votes <= 1 and ((kind == "Person" and not _looks_like_person(ent.label))
                                            or kind == "Product"
                                            or (kind == "Place" and _names_an_organisation(ent.label))
                                            or (kind == "Place" and c.rule.split(":")[1] in _corporate_titles()
                                                and _never_a_location(ent, candidates))))
                         # no product has a spokeswoman: "Tarn Service", typed by its head word alone (two votes)
                         or (n_votes <= WEAK_VOTES and kind == "Product" and c.rule.split(":")[1] in _staff_titles()))
                if loose:
                    one_enough.add((ent, cls))
                elif top_class(ent.type) not in {"Place", "Person"}:
                    # a well-attested place or person still counts towards the two frames it needs
                    # (below): no one is "head of sales at" a person
                    continue
            elif ent.type == UNTYPED:
                if not (title or (c.relation == "offers" and side == 1)):
                    continue  # untyped names are typed by _type_from_relations' verb frames
                one_enough.add((ent, cls))
            elif weak and (title or (c.relation == "offers" and side == 1)
                           or (top_class(ent.type) in {"Organization", "Product"} and top_class(cls) != "Product"
                               and not (top_class(ent.type) == "Product" and c.relation in {"locatedIn", "headquarteredIn"}))):
                # (a product can stand somewhere: "the ELA-3 pad at the space centre" stays a product)
                one_enough.add((ent, cls))
            frame = (ent.key, c.rule, c.sentence.start)  # "a partnership with Zorb to build at Zorb's plant": two
            if frame not in seen:
                seen.add(frame)
                needs[ent][cls] += 1
    for ent, wanted in needs.items():
        if fits_now[ent]:
            continue
        cls, n = wanted.most_common(1)[0]
        if top_class(ent.type) == "Place" and not _never_a_location(ent, candidates):
            continue  # a country kg knows, or a name the text uses as a place
        if top_class(ent.type) == "Place" and ent.votes.get("Place", 0) > WEAK_VOTES and not (
                cls == "Organization" and n >= FRAMES_TO_RETYPE):
            continue  # a well-attested place stays one unless it acts as an organisation twice
        if n >= FRAMES_TO_RETYPE or (ent, cls) in one_enough:
            ent.votes[cls] += RELATION_VOTE * n + max(ent.votes.values(), default=0)
            ent.type = choose_type(ent.votes)


def rule_pass(doc: Doc) -> tuple[EntityTable, list[Candidate]]:
    """The entity table and the rule candidates of one parsed Doc, arguments typed."""
    require_parse(doc)
    table = build_entities(doc)
    prelim = extract_candidates(doc, table)
    _retype_misread_places(prelim)
    before = len(table.mentions)
    extra = coref.resolve(doc, table, prelim)
    if len(table.mentions) == before and not table.generic_added:
        candidates: list[Candidate] = prelim + extra  # nothing new to read: the first pass stands
    else:
        candidates = extract_candidates(doc, table) + extra
    kinds = {e: top_class(e.type) for e in table.entities() if e.type != UNTYPED}
    _type_from_relations(candidates)
    _type_from_frames(candidates)
    _type_conjuncts(candidates)
    if any(top_class(e.type) != k for e, k in kinds.items()):
        # patterns that read an entity's class ("Germany's Zorb" locates an organisation, not a
        # person) see the classes the frames decided
        seen = {(c.subject.key, c.relation, c.object.key, c.rule, c.sentence.start) for c in candidates}
        for c in affiliation_candidates(doc, table) + structure_candidates(doc, table):
            if (c.subject.key, c.relation, c.object.key, c.rule, c.sentence.start) not in seen:
                candidates.append(c)
    return table, candidates


def learned_candidates(doc: Doc, table: EntityTable, rules: list[Candidate], model: PairModel,
                       cuts: dict[str, float]) -> list[Candidate]:
    """Candidates of the pair classifier for entity pairs the rules left alone.

    Untyped arguments take the class the relation needs; typed ones must fit.
    """
    said = {frozenset((c.subject.key, c.object.key)) for c in rules}
    out: list[Candidate] = []
    enabled = [fam for fam, cut in cuts.items() if cut <= 1.0 and not fam.endswith("-np")]
    if not enabled and cuts.get("product-np", 2.0) > 1.0:
        return []
    examples = sentence_pairs(doc, table, noun_phrases=cuts.get("product-np", 2.0) <= 1.0, skip=said,
                              classes=class_pairs(tuple(sorted(set(enabled + (["product"] if cuts.get("product-np", 2.0) <= 1.0 else []))))))
    nearest = _NearestOrganisation(doc, table)
    for ex, (label, p) in zip(examples, model.predict([ex.features for ex in examples])):
        a, b = ex.first.entity, ex.second.entity
        if a is None or b is None or frozenset((a.key, b.key)) in said:
            continue
        if label == NONE:
            continue
        family, _, side = label.partition(":")
        unnamed = ex.first.source == "np" or ex.second.source == "np"
        key = f"{family}-np" if unnamed else family  # unnamed products have a cut-off of their own
        threshold = cuts.get(key, 1.0)
        if p < threshold:
            continue
        factor = _modality(ex.anchor) if ex.anchor is not None else 1.0
        if factor is None:
            continue  # "did not partner with": the rules' negation applies here too
        p *= factor
        if p < threshold:
            continue
        subj, obj = (a, b) if side != "<" else (b, a)
        if family == "location" and not nearest.is_nearest(ex, subj, obj):
            continue  # "X's builder, Y, headquartered in Z": the place belongs to the organisation it attaches to
        relation, swap = family_relation(family, ex.sentence)
        if unnamed:
            np_mention = ex.first if ex.first.source == "np" else ex.second
            if family != "product" or obj is not np_mention.entity:
                continue  # an unnamed noun phrase is only ever read as a product
            obj = table.add(Mention(np_mention.start, np_mention.end, np_mention.text, "np"))
            if not obj.votes:
                obj.type = UNTYPED
            said.add(frozenset((a.key, b.key)))
        if swap:
            subj, obj = obj, subj
        out.append(Candidate(subj, relation, obj, ex.sentence, f"learned:{key}", min(p, 0.9) * LEARNED_WEIGHT))
    _type_untyped(out)
    return out


class _NearestOrganisation:
    """Which organisation a place phrase attaches to, by distance in the dependency tree.

    The pair classifier sees one pair at a time; in "The Atlas II was built by
    Lockheed Martin, located in Bethesda" it may pair Atlas II with Bethesda.
    A learned location is kept only when no other organisation-like mention
    of the sentence sits strictly closer to the place in the parse.
    """

    def __init__(self, doc: Doc, table: EntityTable):
        self.doc = doc
        self.table = table
        self._heads: list[int] | None = None

    @property
    def heads(self) -> list[int]:
        if self._heads is None:  # built on the first learned place only: most texts never need it
            self._heads = head_indices(self.doc)
        return self._heads

    def _root(self, m: Mention) -> int:
        for i in range(m.start, m.end):
            h = self.heads[i]
            if h == i or h < m.start or h >= m.end:
                return i
        return m.start

    def _distance(self, a: int, b: int) -> int:
        up_a, lca, up_b = dependency_path(self.heads, a, b)
        return len(up_a) + len(up_b) if lca is not None else 99

    def _same_phrase(self, a: int, b: int) -> bool:
        """One referent: linked only through apposition, coordination or a copula.

        "Acme (ACME)", "Tesco, Asda and Lidl", "Acme is a Brightline Labs firm based in Oslo".
        """
        up_a, lca, up_b = dependency_path(self.heads, a, b)
        if lca is None:
            return False
        toks = self.table.tokens
        links = {"appos", "conj"} | ({"nsubj", "attr"} if toks[lca].lemma_ == "be" else set())
        return all(toks[i].dep_ in links for i in up_a + up_b)

    def is_nearest(self, ex, subj: Entity, obj: Entity) -> bool:
        place_m = ex.first if ex.first.entity is obj else ex.second
        org_m = ex.second if place_m is ex.first else ex.first
        place = self._root(place_m)
        org = self._root(org_m)
        mine = self._distance(org, place)
        sent = ex.sentence
        for m in self.table.mentions:
            e = m.entity
            if e is None or e is subj or e is obj or not (sent.start <= m.start < sent.end):
                continue
            if m.source in {"pronoun", "demonym"} or e.type == UNTYPED or not is_a(e.type, "Organization"):
                continue
            other = self._root(m)
            if self._distance(other, place) < mine and not self._same_phrase(other, org):
                return False
        return True


def _type_untyped(candidates: list[Candidate]) -> None:
    """A learned relation may type an argument nothing else typed, never retype one."""
    for c in candidates:
        dom, rng = signatures()[c.relation]
        for ent, classes in ((c.subject, dom), (c.object, rng)):
            if ent.type == UNTYPED and len(classes) == 1:
                ent.votes[next(iter(classes))] += RELATION_VOTE
                ent.type = choose_type(ent.votes)


def _split_parts(stream: Iterable[tuple[str, tuple[str, object]]], max_length: int):
    """Texts longer than the pipeline takes become parts (see :func:`kg.extract.pipeline.split_long`);
    each part's payload says where it starts and whether it is the last."""
    for text, (aid, payload) in stream:
        parts = split_long(text, max_length)
        for i, (offset, part) in enumerate(parts):
            yield part, (aid, (payload, offset, i == len(parts) - 1))


def _join_parts(results: Iterable[tuple[tuple[object, int, bool], Extraction | KGError]]):
    """One result per article again: the parts' facts with offsets into the whole text."""
    pending: list[tuple[int, Extraction | KGError]] = []
    for (payload, offset, last), result in results:
        pending.append((offset, result))
        if not last:
            continue
        parts, pending = pending, []
        if len(parts) == 1:
            yield payload, parts[0][1]
            continue
        failed = [r for _, r in parts if isinstance(r, KGError)]
        if failed:
            yield payload, failed[0]
            continue
        entities, triples = [], []
        for off, ex in parts:
            entities.extend(ex.entities)
            triples.extend(replace(t, evidence=replace(t.evidence, start=t.evidence.start + off,
                                                       end=t.evidence.end + off)) for t in ex.triples)
        yield payload, Extraction(parts[0][1].article_id, entities, triples)


HEADLINE_MAX_WORDS = 16


def headline_lines(text: str) -> list[tuple[int, int]]:
    r"""Character ranges of Title-Case lines without a final full stop (headlines, "About X" headings).

    >>> t = "Acme and Brightline Partner to Deliver Leading Solutions for Farmers\nAcme said it grew."
    >>> [t[s:e] for s, e in headline_lines(t)]
    ['Acme and Brightline Partner to Deliver Leading Solutions for Farmers']
    """
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        words = [w for w in line.split() if w[:1].isalpha()]
        stripped = line.rstrip()
        # a headline is short; a long capitalised line is a caption listing names, which are real
        if 4 <= len(words) <= HEADLINE_MAX_WORDS and not stripped.endswith((".", "!", "?", ":", '"', "”")):
            capitalised = sum(1 for w in words if w[:1].isupper())
            if capitalised >= 0.6 * len(words):
                out.append((start, end))
        start = end + 1
    return out


def _headline_only(doc: Doc, table: EntityTable) -> set[Entity]:
    """Entities named only inside headlines: Title Case makes any run of words look like a name
    ("... Partner to Deliver Leading Solutions for Farm Operators"); a real party of the
    story is named again in its body."""
    text = table.text
    lines = headline_lines(text) if "\n" in text else []
    if not lines:
        return set()
    starts = [s for s, _ in lines]
    inside: dict[Entity, bool] = {}
    for m in table.mentions:
        if m.entity is None:
            continue
        idx = table.tokens[m.start].idx
        k = bisect.bisect_right(starts, idx) - 1
        in_line = k >= 0 and idx < lines[k][1]
        inside[m.entity] = inside.get(m.entity, True) and in_line
    # places keep their facts: a dateline line ("LONDON & NEW YORK") looks like a headline too
    return {e for e, only in inside.items() if only and top_class(e.type) != "Place"}


def partners_through_makers(candidates: list[Candidate]) -> list[Candidate]:
    """"Zorvik partnered with Tarn Cloud", Tarn Cloud a product Tarn offers: the partner is its maker.

    For each partnership with a product on one side, the same partnership with the
    product's maker (the organisation the text says offers it, the most confident
    statement first), confidence lowered a little; the product itself is then left
    to the ontology check, which drops it (a product partners with nobody).
    """
    makers: dict[int, Candidate] = {}
    for c in candidates:
        if c.relation == "offers" and top_class(c.object.type) == "Product" and top_class(c.subject.type) == "Organization":
            best = makers.get(id(c.object))
            if best is None or c.confidence > best.confidence:
                makers[id(c.object)] = c
    out: list[Candidate] = []
    for c in candidates:
        if c.relation != "partnersWith":
            continue
        for side, ent, other in (("subject", c.subject, c.object), ("object", c.object, c.subject)):
            maker = makers.get(id(ent))
            if top_class(ent.type) == "Product" and maker is not None and maker.subject is not other:
                out.append(replace(c, **{side: maker.subject}, rule=f"{c.rule}:maker", confidence=c.confidence * 0.9))
    return out


def unnamed(ent: Entity) -> bool:
    """An entity known only from common-noun phrases ("makes vaccines"): an unnamed product."""
    return bool(ent.mentions) and all(m.source in UNNAMED_SOURCES for m in ent.mentions)


def extract_doc(doc: Doc, article_id: str, pair_model: PairModel | None | str = "shipped",
                threshold: float | None = None, unnamed_products: bool = True,
                dropped: list[tuple[str, Candidate]] | None = None,
                tables: list[tuple[str, EntityTable]] | None = None) -> Extraction:
    """Typed entities and ontology-checked triples of one parsed Doc.

    ``pair_model`` is the learned pair classifier ("shipped": the one in the
    package; None: rules only); ``threshold`` overrides its per-family
    probability cut-offs with one for all; ``unnamed_products`` keeps facts about
    products known only by a common noun phrase ("a maker of garden tools"; False:
    named products only);
    ``dropped``, if given, receives ``(article_id, candidate)`` for every candidate
    the ontology's domain/range check removed, and ``tables``, if given,
    ``(article_id, entity_table)`` with every entity found, typed or not (the
    benchmarks' miss analysis reads both).

    Examples
    --------
    >>> from kg.extract.pipeline import load_model
    >>> nlp = load_model()
    >>> ex = extract_doc(nlp("Microsoft has partnered with OpenAI."), "demo")
    >>> [(t.subject, t.relation, t.object) for t in ex.triples]
    [('Microsoft', 'partnersWith', 'OpenAI')]
    """
    table, candidates = rule_pass(doc)
    if tables is not None:
        tables.append((article_id, table))
    model = shipped_model() if pair_model == "shipped" else pair_model
    if isinstance(model, PairModel):
        if threshold is not None:
            cuts = {k: threshold for c in model.classes for k in (c.partition(":")[0], c.partition(":")[0] + "-np")}
        else:
            cuts = {k: float(v) for k, v in model.meta.get("thresholds", {}).items()}
        candidates = candidates + learned_candidates(doc, table, candidates, model, cuts)
    candidates = candidates + partners_through_makers(candidates)
    kept = [c for c in candidates if fits(c.relation, c.subject.type, c.object.type)]
    in_headlines = _headline_only(doc, table)
    if in_headlines:
        kept = [c for c in kept if c.subject not in in_headlines and c.object not in in_headlines]
    if dropped is not None:  # for benchmarks: what the domain/range check removed
        dropped.extend((article_id, c) for c in candidates if not fits(c.relation, c.subject.type, c.object.type))
    if not unnamed_products:
        # --no-unnamed-products: named products only (docs/benchmarks.md gives what unnamed ones add)
        kept = [c for c in kept if not (unnamed(c.object) or unnamed(c.subject))]
    for c in kept:
        if c.relation == "foundedBy" and is_a(c.object.type, "Person"):
            c.object.type = "Founder"
    sentences: dict[tuple[int, int], tuple[str, int, int]] = {}
    triples = [
        Triple(c.subject.label, c.relation, c.object.label, c.subject.type, c.object.type,
               _evidence(article_id, c.sentence, c.rule, c.confidence, sentences))
        for c in kept
    ]
    entities = [e for e in table.entities() if e.mentions and e.type != UNTYPED]
    return Extraction(article_id, entities, triples)


class Extractor:
    """Runs a spaCy pipeline plus kg's rules over articles, in batches.

    ``workers=2`` parses in this process and extracts in a second one
    (:mod:`kg.extract.parallel`); the output is the same as with 1. The CLI
    uses 2 on machines with two or more cores. Call :meth:`close` (or use the
    extractor as a context manager) to stop the worker.
    """

    def __init__(self, model: str | Path = DEFAULT_MODEL, nlp: Language | None = None, batch_size: int = 16,
                 pair_model: PairModel | None | str = "shipped", workers: int = 1, unnamed_products: bool = True,
                 dropped: list | None = None, tables: list | None = None):
        self.unnamed_products = unnamed_products
        # in-process only (workers=1), for benchmarks: candidates the domain/range check removed, entity tables
        self.dropped = dropped
        self.tables = tables
        self.nlp = nlp if nlp is not None else load_model(model)
        self.batch_size = batch_size
        self.pair_model = pair_model  # "shipped", None (rules only) or a PairModel
        self.workers = workers
        self.start_worker_after = START_AFTER_TOKENS  # tokens extracted here before a worker is worth starting
        self._pipeline = None

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pipeline is not None:
            self._pipeline.close()
            self._pipeline = None

    def _extract(self, doc: Doc, article_id: str) -> Extraction:
        return extract_doc(doc, article_id, pair_model=self.pair_model, unnamed_products=self.unnamed_products,
                           dropped=self.dropped, tables=self.tables)

    def extract(self, article: Article) -> Extraction:
        """One article's extraction (a text over the pipeline's ``max_length`` is parsed in parts)."""
        ((_, result),) = list(self.pipe([article]))
        if isinstance(result, KGError):
            raise result
        return result

    def _run(self, stream: Iterable[tuple[str, tuple[str, object]]]) -> Iterator[tuple[object, Extraction | KGError]]:
        masked = ((mask_datelines(text), meta) for text, meta in stream)
        yield from _join_parts(self._run_parts(_split_parts(masked, self.nlp.max_length)))

    def _run_parts(self, stream):
        docs = self.nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size)
        if self.workers <= 1:
            for doc, (aid, payload) in docs:
                yield payload, extract_safely(self._extract, doc, aid)
            return
        if self._pipeline is None:
            remote = functools.partial(extract_doc, unnamed_products=self.unnamed_products)  # pickles by reference
            self._pipeline = Pipeline(self.nlp.lang, self.pair_model, self._extract, remote,
                                      start_after=self.start_worker_after)
        yield from self._pipeline.run(docs, self.batch_size)

    def pipe_texts(self, texts: Iterable[str]) -> Iterator[Extraction]:
        """Extract from raw texts (ids are their positions); for benchmarks and quick use."""
        for _, result in self._run((t, (str(i), None)) for i, t in enumerate(texts)):
            if isinstance(result, KGError):
                raise result
            yield result

    def pipe(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Extraction | KGError]]:
        """Extract from many articles; an article that fails yields its error, the rest go on."""
        yield from self._run((a.text, (a.id, a)) for a in articles)
