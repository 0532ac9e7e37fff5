"""Nominal and pronoun coreference for organisations, without a coreference model.

News refers back to a company with a definite description: "the company",
"the Redmond company", "the Musk-led company", "the organisation", or with
"it"/"its". Coreference models cannot be loaded offline, so this resolves them
with three ordered heuristics:

1. a modifier that names a linked entity: "the <Person>-led company" is the
   organisation that person is tied to (founder, executive, possessive
   "<Person>'s <Org>"); "the <Place> company" is the organisation already said
   to be in that place;
2. otherwise the organisation that was the grammatical subject most recently
   (centering: speakers keep talking about the subject);
3. otherwise the most recent organisation mention.

A place modifier ("the Redmond company") also yields ``locatedIn``.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extract.mentions import EntityTable, choose_type, top_class
from kg.model import Entity, Mention
from kg.extract.relations import Candidate, SUBJECT_DEPS, _titles
from kg.lexicon import entities as entity_lexicon

DEFINITE = {"the", "this", "that"}
PERSON_PRONOUNS = {"he", "she"}


GENERIC_HEADS = frozenset({"company", "firm", "group", "business", "organisation", "organization", "corporation",
                           "concern", "outfit", "entity"})


def _described_as(doc: Doc, table: EntityTable, ent: Entity) -> set[str]:
    """Common nouns the text puts next to an entity's names: "carmaker Mercedes-Benz",
    "Mercedes-Benz, the carmaker", "Acme is a chipmaker"."""
    from kg.extract.mentions import descriptors

    words: set[str] = set()
    for m in ent.mentions:
        if m.source in {"pronoun", "nominal"}:
            continue
        root = table.root(m)
        words.update(d.lower_ for d in descriptors(doc, m, root))
        words.update(c.lower_ for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < m.start)
    return words


def _described_otherwise(doc: Doc, table: EntityTable, ent: Entity, head: str, heads: set[str]) -> bool:
    """The text describes ``ent`` with specific descriptor nouns, none of them ``head``: "carmaker
    Mercedes-Benz" is not "the chipmaker"."""
    cats = entity_lexicon()["category_nouns"]
    kinds = heads | set(cats["Company"]) | set(cats["Organization"])
    said = _described_as(doc, table, ent) & kinds - GENERIC_HEADS
    return bool(said) and head not in said


LOCATIVE = frozenset({"in", "at", "near", "across", "throughout", "outside", "inside", "into", "from", "to", "around"})


@lru_cache(maxsize=1)
def _investment_heads() -> frozenset[str]:
    """Words after which "in X" names what is invested in, not a place: "invest", "a stake", "a round"."""
    from kg.lexicon import relations as relation_lexicon

    return frozenset({"invest", "stake"}) | frozenset(relation_lexicon()["money_nouns"])  # not "share": "market share in X"


def _invested_in(prep) -> bool:
    """"in X" after an investment word, or on a verb whose object is one ("led the round in X")."""
    heads = _investment_heads()
    head = prep.head
    if head.pos_ == "VERB":
        head = next((c for c in head.children if c.dep_ == "dobj"), head)
    return head.lemma_ in heads or _shares(head)


def _shares(tok) -> bool:
    """"its shares in X" is a holding in a company; "market share in X" is not (nor one "share")."""
    return tok.lower_ == "shares" and not any(c.dep_ in {"compound", "amod"} and c.lower_ == "market" for c in tok.children)


def misread_as_place(doc: Doc, ent: Entity) -> bool:
    """A "place" that is no country or region kg knows and never follows a locative preposition."""
    from kg.lexicon import country_abbreviations, demonyms

    if ent.label in set(demonyms().values()) | set(country_abbreviations().values()):
        return False
    for m in ent.mentions:
        if m.source in {"demonym", "nominal", "pronoun"}:
            return False
        root = doc[m.start:m.end].root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE and not _invested_in(root.head) and not _employed_at(root.head):
            return False  # "offices in Ireland" (but "invested in OpenAI", "a round in Zorvik" is no place)
    return True


@lru_cache(maxsize=1)
def _job_words() -> frozenset[str]:
    return _titles() | {"work", "serve", "teach", "intern"}


def _employed_at(prep) -> bool:
    """"chief digital officer at X", "works at X": "at" after a job is where one works, not where one is."""
    return prep.lower_ == "at" and (prep.head.lower_ in _job_words() or prep.head.lemma_.lower() in _job_words())


def _orgs_before(table: EntityTable, i: int) -> list[Mention]:
    return [
        m for m in table.mentions
        if m.end <= i and m.entity is not None and top_class(m.entity.type) == "Organization" and m.source not in {"pronoun"}
    ]


def _recent_subject(doc: Doc, table: EntityTable, i: int, types: tuple[str, ...] = ("Organization",)) -> Entity | None:
    """Entity of the closest preceding subject of the given top classes (same sentence first, then back)."""
    sent = table.sent_of(i)
    sents = [s for s in table.sentences if s.start <= sent.start]
    for s in reversed(sents[-4:]):
        best = None
        for tok in s:
            if tok.i >= i:
                break
            if tok.dep_ in SUBJECT_DEPS:
                ent = table.entity_at(tok.i)
                if ent is None and "Organization" in types and tok.lower_ in _job_words():
                    # "Kesko Mobile's chief executive, Lina Park, said its ...": whose executive speaks
                    ent = next((table.entity_at(c.i) for c in tok.children if c.dep_ == "poss"
                                and table.entity_at(c.i) is not None), None)
                if ent is not None and top_class(ent.type) in types:
                    best = ent
                elif ent is not None and top_class(ent.type) == "Person" and "Organization" in types:
                    # "Halden Motors CEO Erik Solberg said the company ...": the organisation in the
                    # speaker's title is the one the sentence goes on about
                    m = table.mention_at(tok.i)
                    org = _title_organisation(table, table.root(m) if m is not None else tok)
                    if org is not None:
                        best = org
        if best is not None:
            return best
    return None


def _title_organisation(table: EntityTable, subject: Token) -> Entity | None:
    """The organisation named in front of a person's title in one noun phrase ("Tarn CEO Ann Berg")."""
    for c in subject.children:
        if c.dep_ in {"compound", "nmod"} and c.i < subject.i:
            ent = table.entity_at(c.i)
            if ent is not None and top_class(ent.type) == "Organization":
                return ent
            for g in c.children:
                ent = table.entity_at(g.i) if g.dep_ in {"compound", "nmod", "poss"} and g.i < c.i else None
                if ent is not None and top_class(ent.type) == "Organization":
                    return ent
    return None


def _linked_orgs(doc: Doc, table: EntityTable, ent: Entity, prelim: list[Candidate]) -> list[Entity]:
    linked: list[Entity] = []
    for c in prelim:
        if c.object is ent and top_class(c.subject.type) == "Organization":
            linked.append(c.subject)
        elif c.subject is ent and top_class(c.object.type) == "Organization":
            linked.append(c.object)
    for m in ent.mentions:
        root = doc[m.start:m.end].root
        if root.dep_ == "poss":
            owner = table.entity_at(root.head.i)
            if owner is not None and top_class(owner.type) == "Organization":
                linked.append(owner)
    return linked


def _relative_antecedent(table: EntityTable, tok) -> Entity | None:
    """"... the Association which has its headquarters in Brussels": "its" is the relative clause's head."""
    node = tok
    for _ in range(6):
        if node.dep_ == "relcl":
            ent = table.entity_at(node.head.i)
            if ent is None and node.head.dep_ == "appos":
                ent = table.entity_at(node.head.head.i)  # "Acme, the Italian utility, where she oversaw its ..."
            if ent is not None and top_class(ent.type) in {"Organization", "Product"}:
                return ent
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _cataphoric_subject(table: EntityTable, tok) -> Entity | None:
    """"In addition to its headquarters in Halden, Zorvik maintains ...": a pronoun inside an
    adjunct put before its clause's subject refers forward to that subject."""
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in {"VERB", "AUX"} and node.dep_ in {"prep", "advcl", "npadvmod"} and node.i < head.i:
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > node.right_edge.i]
            if not subjects:
                return None
            ent = table.entity_at(subjects[0].i)
            if ent is not None and top_class(ent.type) in {"Organization", "Product"}:
                return ent
            return None
        node = head
    return None


def _conjunct_antecedent(table: EntityTable, tok) -> Entity | None:
    """"the Tarn Front and its leader Ola Lind": "its" in a conjunct is the name it is coordinated with."""
    head = tok.head
    if tok.dep_ != "poss" or head.dep_ != "conj":
        return None
    ent = table.entity_at(head.head.i)
    return ent if ent is not None and top_class(ent.type) in {"Organization", "Product"} else None


def _copula_subject_start(tok) -> int | None:
    """"Kesko is its parent": a possessive in a copula's complement is not that copula's subject;
    where the subject begins (the pronoun is read as if it came before it)."""
    node = tok
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ in {"attr", "acomp"} and head.lemma_ == "be":
            subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i < node.i), None)
            return subj.left_edge.i if subj is not None else None
        node = head
    return None


def resolve(doc: Doc, table: EntityTable, prelim: list[Candidate]) -> list[Candidate]:
    """Add nominal and pronoun mentions to ``table``; return facts the nominals state.

    ``prelim`` are candidates found before resolution; they link modifiers
    ("Musk", "Redmond") to organisations.
    """
    lex = entity_lexicon()
    heads = set(lex["nominal_heads"])
    place_heads = set(lex["place_modifier_heads"])
    leaders = set(lex["leader_participles"])
    extra: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ != "NOUN" or n.lower_ not in heads or table.mention_at(n.i) is not None:
            continue
        dets = [c for c in n.children if c.dep_ == "det" and c.lower_ in DEFINITE]
        if not dets or any(c.dep_ == "prep" and c.lower_ == "of" for c in n.children):
            continue
        if n.dep_ == "appos" or any(c.dep_ == "appos" for c in n.children):
            continue  # "OpenAI, the company ..." is a descriptor, handled as such
        place_mod: Mention | None = None
        leader: Entity | None = None
        for c in n.children:
            m = table.mention_at(c.i)
            if c.dep_ == "compound" and m is not None and n.lower_ in place_heads:
                place_mod = m
            if c.dep_ == "amod" and c.lower_ in leaders:
                for g in c.children:
                    gm = table.mention_at(g.i)
                    if gm is not None and gm.entity is not None:
                        leader = gm.entity
        if place_mod is not None and place_mod.entity is not None and top_class(place_mod.entity.type) == "Organization" \
                and place_mod.entity.votes.get("Organization", 0) + place_mod.entity.votes.get("Company", 0) > 1:
            place_mod = None  # "the Microsoft unit": a name, not a place
        # "the Zorvik-backed start-up", "the Tarn-owned firm": the name inside the participle is
        # another party, never what the phrase refers to
        others = {table.mention_at(x.i).entity for c in n.children if c.dep_ == "amod" and c.tag_ == "VBN"
                  for x in c.subtree if table.mention_at(x.i) is not None}
        candidates = {m.entity for m in _orgs_before(table, n.i)} - {None} - others
        target: Entity | None = None
        if leader is not None:
            linked = [e for e in _linked_orgs(doc, table, leader, prelim) if e in candidates]
            if linked:
                target = linked[-1]
        if target is None and place_mod is not None and place_mod.entity is not None:
            located = [c.subject for c in prelim if c.object is place_mod.entity and c.relation in {"locatedIn", "headquarteredIn"}]
            located = [e for e in located if e in candidates]
            if located:
                target = located[-1]
        specific = n.lower_ not in GENERIC_HEADS
        if target is None and specific:
            # "the chipmaker" is the organisation the text called a chipmaker, if one was
            same = [m.entity for m in _orgs_before(table, n.i) if n.lower_ in _described_as(doc, table, m.entity)]
            target = same[-1] if same else None
        if target is None:
            target = _recent_subject(doc, table, n.i)
            if target is not None and specific and _described_otherwise(doc, table, target, n.lower_, heads):
                target = None
        if target is None:
            before = [m for m in _orgs_before(table, n.i)
                      if not (specific and _described_otherwise(doc, table, m.entity, n.lower_, heads))]
            target = before[-1].entity if before else None
        if target is None and specific:
            # "Nvidia said ... The chipmaker will": a subject the NER called a place, never used as one
            place = _recent_subject(doc, table, n.i, ("Place",))
            target = place if place is not None and misread_as_place(doc, place) else None
        if target in others:
            before = [m for m in _orgs_before(table, n.i) if m.entity not in others
                      and not (specific and _described_otherwise(doc, table, m.entity, n.lower_, heads))]
            target = before[-1].entity if before else None
        if target is None:
            continue
        start = min(t.i for t in n.subtree if t.i <= n.i and t.dep_ in {"det", "compound", "amod", "npadvmod", "punct", "nmod"} or t.i == n.i)
        start = min(start, *(t.i for t in n.lefts))
        mention = Mention(start, n.i + 1, doc[start:n.i + 1].text, "nominal", None)
        mention.entity = target
        target.aliases.add(mention.text)
        table.mentions.append(mention)
        table.token_mention[n.i] = mention  # only the head: "Redmond" in "the Redmond company" keeps its own mention
        target.votes["Company" if n.lower_ in entity_lexicon()["category_nouns"]["Company"] else "Organization"] += 3
        target.type = choose_type(target.votes)
        if place_mod is not None and place_mod.entity is not None:
            place = place_mod.entity
            place.votes["Place"] += 3
            place.type = choose_type(place.votes)
            extra.append(Candidate(target, "locatedIn", place, table.sent_of(n.i), "nominal:place-modifier", 0.6))

    for tok in table.tokens:
        if tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS and tok.dep_ in SUBJECT_DEPS and table.mention_at(tok.i) is None:
            # "Jane Roe moved to Newark, where she became music director of ..."
            ent = _recent_subject(doc, table, tok.i, ("Person",))
            if ent is None:
                before = [m for m in table.mentions if m.end <= tok.i and m.entity is not None
                          and top_class(m.entity.type) == "Person" and m.source not in {"pronoun"}]
                ent = before[-1].entity if before else None
            if ent is not None:
                mention = Mention(tok.i, tok.i + 1, tok.text, "pronoun", None)
                mention.entity = ent
                table.mentions.append(mention)
                table.token_mention[tok.i] = mention
            continue
        if tok.pos_ == "PRON" and tok.lower_ in {"it", "its"} and table.mention_at(tok.i) is None:
            before = _copula_subject_start(tok) if tok.lower_ == "its" else None
            ent = (_relative_antecedent(table, tok) or _conjunct_antecedent(table, tok) or _cataphoric_subject(table, tok)
                   or _recent_subject(doc, table, tok.i if before is None else before, ("Organization", "Product")))
            if ent is None:
                continue
            mention = Mention(tok.i, tok.i + 1, tok.text, "pronoun", None)
            mention.entity = ent
            table.mentions.append(mention)
            table.token_mention[tok.i] = mention
    table.mentions.sort(key=lambda m: m.start)
    return extra

