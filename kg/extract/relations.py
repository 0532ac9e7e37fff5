"""Relation candidates from dependency patterns and the trigger lexicon.

Patterns are plain functions over a parsed ``Doc`` and the entity table:

* verb frames: ``SUBJ trigger (prep) OBJ`` in active and passive voice, with
  subjects inherited through control verbs, purpose clauses, coordination,
  relative clauses and participles ("a company founded by X");
* noun frames: copulas, appositions, possessives and light verbs around a
  relational noun ("is a creation of", "a subsidiary of", "its office in",
  "signed a partnership with");
* job titles: "PERSON, TITLE of/at ORG", "ORG TITLE PERSON", "PERSON is TITLE of ORG";
* name structure: vendor prefixes ("Microsoft Cognitive Toolkit"), possessives
  ("Microsoft's Azure"), "X-based" and product families.

Arguments expand over coordination ("Elon Musk, Peter Thiel and Sam Altman")
and exemplification ("companies such as Esri and Jellyfish Pictures").
Negation cancels a candidate; modality and "plans to" lower its confidence.
The trigger lexicon is ``kg/data/relations.json``.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.datelines import is_month
from kg.extract.mentions import (UNTYPED, EntityTable, adverb_read_name, category_of, choose_type, company_words,
                                 is_caps_word, is_document_code, is_name_token, product_noun, require_parse, top_class)
from kg.model import Entity
from kg.lexicon import entities as entity_lexicon
from kg.lexicon import relations as relation_lexicon
from kg.ontology import SYMMETRIC, is_a

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_CONTROL = {"persuade", "ask", "allow", "enable", "help", "force", "urge", "encourage", "invite", "lead", "prompt", "push", "convince",
                  # "Tarn picked Zorvik to build its system": whom one chooses does the work
                  "pick", "select", "choose", "hire", "tap", "commission", "contract", "engage", "task", "appoint", "recruit"}
LIGHT_VERBS = {"announce", "sign", "form", "strike", "enter", "have", "seal", "forge", "ink", "reach", "expand", "extend", "deepen", "renew", "launch", "unveil", "open", "establish", "complete", "close", "finalise", "finalize", "make", "take", "hold", "acquire", "buy",
               "own", "sell", "increase", "raise", "reduce", "cut", "trim", "boost", "double"}  # the last: stakes and shares
LIST_PREPS = {"like", "including", "include"}
RELATIVE = {"that", "which", "who", "whom", "whose"}
NOMINAL_HEADS = frozenset(entity_lexicon()["nominal_heads"])
PERSON_ROLE_NOUNS = frozenset(entity_lexicon()["category_nouns"]["Person"]) | frozenset(
    relation_lexicon()["titles"]["words"])
PRODUCT_HEADS = frozenset(entity_lexicon()["product_heads"])
CONTAINER_NOUNS = frozenset(entity_lexicon()["container_nouns"])
OFFERING_NOUNS = frozenset(entity_lexicon()["offering_nouns"])
COPULAR = {"be", "become", "remain", "serve", "elect", "appoint", "name", "make", "stay", "return"}
NAMING_VERBS = {"elect", "appoint", "name", "make"}  # "X named Y CEO": Y holds the title X gave
FOUNDER_TITLES = {"founder", "co-founder", "cofounder"}


@dataclass
class Candidate:
    subject: Entity
    relation: str
    object: Entity
    sentence: Span
    rule: str
    confidence: float
    types_arguments: bool = True  # may this pattern type an untyped or weakly typed argument?


@lru_cache(maxsize=1)
def _verb_frames() -> dict[str, list[dict]]:
    frames: dict[str, list[dict]] = {}
    for f in relation_lexicon()["verbs"]:
        frames.setdefault(f["lemma"], []).append(f)
    return frames


@lru_cache(maxsize=None)
def _words(key: str) -> frozenset[str]:
    """A word list of kg/data/relations.json ("control_nouns", "money_nouns", "worker_nouns", ...)."""
    return frozenset(relation_lexicon()[key])


@lru_cache(maxsize=1)
def _intransitive_verbs() -> frozenset[str]:
    """Trigger verbs that take no direct object in any frame ("partner with", "collaborate with"):
    they have no passive, so a participle of theirs on a noun is a misparsed main verb."""
    return frozenset(lemma for lemma, frames in _verb_frames().items()
                     if all(f["preps"] and "" not in f["preps"] and f.get("subject_role") != "patient"
                            and not f.get("subject_preps") and not f.get("particle") for f in frames))


@lru_cache(maxsize=1)
def _noun_frames() -> dict[str, list[dict]]:
    frames: dict[str, list[dict]] = {}
    for f in relation_lexicon()["nouns"]:
        frames.setdefault(f["lemma"], []).append(f)
    return frames


# "the parent company of X", "its parent firm": a role noun compounded onto a plain organisation
# head is the frame noun (the head only says the role is held by an organisation)
ROLE_COMPOUND_HEADS = frozenset({"company", "firm", "corporation", "group", "organisation", "organization"})
CORPORATE_ROLE_RELATIONS = frozenset({"subsidiaryOf"})
PLACE_RELATIONS = frozenset({"locatedIn", "headquarteredIn"})


def _frames_of(n: Token, frames_by_lemma: dict[str, list[dict]]) -> list[dict]:
    frames = frames_by_lemma.get(n.lemma_.lower()) or frames_by_lemma.get(n.lower_)
    if frames or n.lemma_.lower() not in ROLE_COMPOUND_HEADS:
        return frames or []
    role = next((c for c in n.children if c.dep_ in {"compound", "amod"} and c.i == n.i - 1 and c.pos_ in {"NOUN", "ADJ"}), None)
    if role is None:
        return []
    return [f for f in frames_by_lemma.get(role.lemma_.lower()) or frames_by_lemma.get(role.lower_) or []
            if f["relation"] in CORPORATE_ROLE_RELATIONS]


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(relation_lexicon()["titles"]["words"])


# ----------------------------------------------------------------------------- arguments


class Arguments:
    """Resolve dependency tokens to entities through the entity table."""

    def __init__(self, table: EntityTable):
        self.table = table

    def root_of(self, tok: Token) -> Token:
        m = self.table.mention_at(tok.i)
        if m is None:
            return tok
        return self.table.root(m)

    def listed_after(self, tok: Token) -> list[Entity]:
        """Names that continue a list by its punctuation, where the parse lost it.

        "features including Zorb (2012), Ride Along (2014) and Glass Town": after the
        first item, a name follows each comma or "and"/"or", parenthesised years
        and notes skipped. Stops at the first word that is neither.
        """
        toks = self.table.tokens
        m = self.table.mention_at(tok.i)
        i = m.end if m is not None else tok.i + 1
        found: list[Entity] = []
        while i < len(toks) and len(found) < 24:
            if toks[i].text == "(":  # "(2012)", "(the theme of X)"
                j = next((k for k in range(i + 1, min(i + 8, len(toks))) if toks[k].text == ")"), None)
                if j is None:
                    break
                i = j + 1
                continue
            if toks[i].text not in {",", "and", "or"}:
                break
            while i < len(toks) and toks[i].text in {",", "and", "or"}:
                i += 1
            if i < len(toks) and toks[i].lower_ in {"the", "a", "an"}:
                i += 1
            nxt = self.table.mention_at(i) if i < len(toks) else None
            if nxt is None or nxt.entity is None or nxt.start != i:
                break
            found.append(nxt.entity)
            i = nxt.end
        return found

    def pairs(self, firsts: list[Token], seconds: list[Token]) -> Iterator[tuple[Entity, float, Entity, float]]:
        """Every (entity, factor) of ``firsts`` with every distinct one of ``seconds``, in order."""
        for a_tok in firsts:
            for a, fa in self.expand(a_tok):
                for b_tok in seconds:
                    for b, fb in self.expand(b_tok):
                        if a is not b:
                            yield a, fa, b, fb

    def expand(self, tok: Token, generic: bool | str = False, _seen: set[int] | None = None) -> list[tuple[Entity, float]]:
        """Entities a token stands for, over coordination, lists, appositions and copulas.

        "companies such as Esri and Jellyfish Pictures" -> Esri, Jellyfish Pictures;
        "AmeriGas is a company that ..." (from "company") -> AmeriGas;
        "the Acme company" -> Acme. With ``generic``, a common noun phrase with
        no entity becomes an unnamed product ("makes drugs" -> drugs) when its head
        is a kind of product; with ``generic="framed"`` the frame itself says the
        phrase names products ("its products include diodes").

        Returns (entity, factor) pairs; the factor lowers confidence for
        arguments reached through a nominal, pronoun or generic mention.
        """
        seen = _seen if _seen is not None else set()
        if tok.i in seen or len(seen) > 24:
            return []
        seen.add(tok.i)
        out: list[tuple[Entity, float]] = []
        m = self.table.mention_at(tok.i)
        if m is not None and m.entity is not None:
            factor = {"nominal": 0.9, "pronoun": 0.85, "generic": 0.7}.get(m.source, 1.0)
            out.append((m.entity, factor))
            tok = self.table.root(m)
            seen.add(tok.i)
            for c in tok.children:  # "Austin, Texas"
                cm = self.table.mention_at(c.i)
                if (c.dep_ == "appos" and cm is not None and cm.entity is not None and cm.entity.type == m.entity.type
                        and not _indefinite(c)):
                    out.extend(self.expand(c, generic, seen))
                elif (c.dep_ in {"nmod", "compound"} and c.i < m.start and cm is not None and cm.entity is not None
                      and cm.entity is not m.entity
                      and (any(x.dep_ == "conj" and m.start <= x.i < m.end for x in c.children)
                           or any(x.dep_ == "cc" and x.i == cm.end for x in c.children))
                      and (self.table.tokens[m.end - 1].lower_ not in company_words()
                           or self.table.tokens[cm.end - 1].lower_ in company_words())):
                    # "Moonfall and Sky Rover" parsed as a modifier of "Rover" conjoined with "Sky", "Zorvik
                    # Capital and Tarn Industries" with "Capital" a modifier of "Industries": the first item of a
                    # list of names (a company's name may hold "and": "the Halden Car and Engineering Company",
                    # but a company word ends a name before it)
                    out.extend(self.expand(c, generic, seen))
        elif tok.pos_ in {"NOUN", "PROPN"}:
            listed = False
            for c in tok.children:
                if c.dep_ == "prep" and (
                    c.lower_ in LIST_PREPS or (c.lower_ == "as" and any(x.lower_ == "such" for x in c.children))
                ):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            listed = True
                            out.extend(self.expand(p, generic, seen))
                            known = {e for e, _ in out}
                            out.extend((e, 0.9) for e in self.listed_after(p) if e not in known)
                elif c.dep_ == "appos":
                    out.extend(self.expand(c, generic, seen))
                elif c.dep_ == "compound" and c.i == tok.i - 1 and (
                        tok.pos_ == "NOUN" or (tok.text.isupper() and category_of(tok) == "Product")):
                    # "the Acme company", "the Falcon rocket", "the Lyra SUV": the name stands for the noun
                    # phrase; "an Acme executive" is a person who works there, not Acme
                    cm = self.table.mention_at(c.i)
                    if cm is not None and cm.entity is not None and tok.lower_ not in PERSON_ROLE_NOUNS and (
                        tok.lemma_.lower() not in PERSON_ROLE_NOUNS) and (
                        tok.lower_ not in NOMINAL_HEADS or top_class(cm.entity.type) == "Organization"
                    ):
                        out.extend(self.expand(c, generic, seen))
            if not out and tok.lower_ in CONTAINER_NOUNS:
                # "the first public version of Acme Studio", "a range of valves"
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(self.expand(p, generic, seen))
            if not out:
                if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                    subj = next((c for c in tok.head.children if c.dep_ in SUBJECT_DEPS), None)
                    if subj is not None:
                        out.extend(self.expand(subj, False, seen))
                elif tok.dep_ == "appos":
                    out.extend(self.expand(tok.head, False, seen))
            if not out and generic and not listed:
                ent = self.table.generic_product(tok, framed=generic == "framed")
                if ent is not None:
                    out.append((ent, 0.7))
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(self.expand(c, generic, seen))
        return out


def _described_by_apposition(table: EntityTable, appos: Token,
                             coordinated: list[tuple[Entity, float]]) -> list[tuple[Entity, float]]:
    """Of the coordinated names an apposition hangs on, the one right before it (punctuation
    skipped), if it is among them; else all of them."""
    j = appos.left_edge.i - 1
    while j >= 0 and table.tokens[j].is_punct:
        j -= 1
    named = table.entity_at(j) if j >= 0 else None
    if named is not None and any(e is named for e, _ in coordinated):
        return [(e, f) for e, f in coordinated if e is named]
    return coordinated


def _indefinite(np: Token) -> bool:
    """A phrase opened by "a"/"an" describes what it stands beside ("Atlas, an AI assistant"), names
    nothing of its own ("d/b/a Tarn" is no article)."""
    first = np.left_edge
    return (first.lower_ in {"a", "an"} and first.dep_ == "det"
            and (first.i == 0 or bool(first.doc[first.i - 1].whitespace_)))


def _low_attachment(head: Token, pronoun: Token) -> Token:
    """What "which"/"who" stands for: relative clauses attach low.

    In "a division of Honda which makes the TLX" the parser often hangs the
    clause on "division"; the name right before the pronoun, inside a
    prepositional phrase of that noun, is the one that makes the TLX. An
    apposition on the way ("Acme, the maker of Zorb, which ...") keeps the
    parser's choice.
    """
    doc = pronoun.doc
    j = pronoun.i - 1
    if j >= 0 and doc[j].is_punct and doc[j].text == ",":
        j -= 1
    if j < 0 or j <= head.i or doc[j].pos_ != "PROPN":
        return head
    t = doc[j]
    while t.dep_ == "compound" and t.head.i > t.i:
        t = t.head
    steps = 0
    while t.i != head.i and steps < 6:
        if t.dep_ not in {"pobj", "prep", "compound"}:
            return head
        t = t.head
        steps += 1
    return doc[j] if t.i == head.i and steps >= 2 else head


def _workers_employer(table: EntityTable, tok: Token) -> Token | None:
    """"developed by engineers at Zorvik", "researchers from Halden University found": the people
    are named only by what they do for an organisation, so what they make or do is the organisation's."""
    if table.mention_at(tok.i) is not None or tok.pos_ != "NOUN" or tok.lemma_.lower() not in _words("worker_nouns"):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"at", "of", "from", "with"}:
            for p in c.children:
                if p.dep_ == "pobj" and table.mention_at(p.i) is not None:
                    return p
    return None


def _subject_token(v: Token) -> tuple[Token | None, bool]:
    """Grammatical subject of a verb and whether the clause is passive."""
    for c in v.children:
        if c.dep_ in SUBJECT_DEPS:
            passive = c.dep_ == "nsubjpass"
            if c.lower_ in RELATIVE and v.dep_ == "relcl":
                head = _low_attachment(v.head, c)
                kind = head
                while (kind.dep_ == "pobj" and kind.head.lower_ == "of" and kind.head.head.pos_ == "NOUN"
                       and kind.head.head.lemma_.lower() in _words("kind_nouns")):
                    kind = kind.head.head  # "Acme is a type of corporation that ...": the kind noun is the attribute
                if kind is not head and kind.dep_ == "attr" and kind.head.lemma_ in COPULAR:
                    subj, _ = _subject_token(kind.head)
                    if subj is not None:
                        return subj, passive
                if head.dep_ == "attr" and head.head.lemma_ in COPULAR and head.pos_ == "NOUN":
                    # "Ann Lee is an engineer who ...": the clause is about the copula's subject
                    subj, _ = _subject_token(head.head)
                    if subj is not None:
                        return subj, passive
                return head, passive
            return c, passive
    for c in v.children:
        if c.dep_ == "advmod" and adverb_read_name(c):  # "Fjordly was founded in 2018": the name is the subject
            return c, any(x.dep_ == "auxpass" for x in v.children)
    if (v.dep_ in {"acl", "relcl"} and v.head.lemma_.lower() in _words("control_nouns") and v.head.pos_ == "NOUN"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)):
        passive = any(c.dep_ == "auxpass" for c in v.children)
        holder = next((c for c in v.head.children if c.dep_ == "poss"), None)
        if holder is None and v.head.dep_ == "dobj" and v.head.head.pos_ in {"VERB", "AUX"}:
            holder, plan_passive = _subject_token(v.head.head)
            holder = None if plan_passive else holder
        return holder, passive
    if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
        return v.head, _passive_acl(v)
    if v.dep_ == "relcl":
        return v.head, False
    if v.dep_ == "xcomp":
        h = v.head
        if h.lemma_ in OBJECT_CONTROL:
            for c in h.children:
                if c.dep_ == "dobj":
                    return c, False
        subj, _ = _subject_token(h)
        return subj, False
    if v.dep_ in {"conj", "advcl"} and v.head.pos_ in {"VERB", "AUX"}:
        subj, passive = _subject_token(v.head)
        if v.dep_ == "conj":
            return subj, passive and any(c.dep_ == "auxpass" for c in v.children)
        # "while employed by Acme, ...", "Acquired by Zorb in 2010, Acme ...": a bare participle is passive
        # (fronted or after "while"/"when"; a trailing ", led by X" is the object's, misattached)
        return subj, (v.tag_ == "VBN" and any(c.dep_ == "agent" for c in v.children)
                      and (v.i < v.head.i or any(c.dep_ == "mark" for c in v.children))
                      and not any(c.dep_ in {"aux", "nsubj"} for c in v.children))
    if v.dep_ == "prep" and v.head.pos_ in {"VERB", "AUX"}:  # "Based in X, Acme has ..."
        subj, _ = _subject_token(v.head)
        return subj, False
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in {"VERB", "AUX"}:
        subj, _ = _subject_token(v.head.head)
        return subj, False
    return None, False


def _opened_in(table: EntityTable, args: "Arguments", v: Token, subj_tok: Token, f: dict, preps: list[str],
               rule: str, factor: float) -> list[Candidate]:
    """"Acme opened an office in Oslo", "Zorb has opened a Battery Hub (BH) in Bergen": the opener,
    and a named facility itself, are located where the facility is. Only a facility noun as the
    object counts ("opened trading in London" locates nobody)."""
    nouns = frozenset(f["object_nouns"])
    out: list[Candidate] = []
    for o in (c for c in v.children if c.dep_ == "dobj"):
        named = table.mention_at(o.i)
        head = table.root(named) if named is not None else o
        if head.lemma_.lower() not in nouns and head.lower_ not in nouns:
            continue
        places = [p for t in _prep_objects(v, preps) + _prep_objects(head, preps) for p in args.expand(t)]
        places = [(p, fp) for p, fp in places if top_class(p.type) in {"Place", "Organization"} or p.type == UNTYPED]
        holders = list(args.expand(subj_tok))
        if named is not None and named.entity is not None:
            holders.append((named.entity, 0.9))
        for holder, fh in holders:
            for place, fp in places:
                if place is not holder:
                    out.append(Candidate(holder, f["relation"], place, table.sent_of(v.i), rule,
                                         f["confidence"] * factor * fh * fp))
    return out


HIRED_AS_TITLE = 0.8  # "hired/named/appointed X as chief executive": the title settles an ambiguous verb


def _as_title(v: Token) -> bool:
    """The verb takes "as <job title>": "named Ann Lee as its chief executive"."""
    titles = _titles()
    holders = [v, v.head] if v.dep_ == "acl" else [v]  # the parser may hang "as ..." on the verb's subject
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "as" and any(p.dep_ == "pobj" and p.lower_ in titles for p in c.children):
                return True
            if h is v and c.dep_ in {"oprd", "npadvmod"} and c.lower_ in titles:  # "named Tom Berg its president"
                return True
    return False


def _passive_acl(v: Token) -> bool:
    """A participle clause on a noun is passive ("a game developed by X"; the tagger often says VBD),
    unless it has an object of its own: then the parser hung a main verb on its subject
    ("Acme, ..., named Ann Lee as CEO")."""
    return (v.dep_ == "acl" and v.tag_ in {"VBN", "VBD"} and not any(c.dep_ in {"dobj", "oprd"} for c in v.children)
            and not (v.lemma_.lower() in _intransitive_verbs() and not any(c.dep_ == "agent" for c in v.children)))


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children) or _passive_acl(v)


def _modality(v: Token) -> float | None:
    """Confidence factor from negation and hedging around a trigger; None cancels it."""
    mods = relation_lexicon()["modifiers"]
    negators = set(mods["negators"])
    factor = 1.0
    node: Token | None = v
    hops = 0
    while node is not None and hops < 4:
        for c in node.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in negators):
                return None
            if c.dep_ == "aux" and c.lower_ in mods["hedge_auxiliaries"]:
                factor *= mods["hedge_factor"]
            if c.dep_ == "advmod" and c.lower_ in mods["hedge_governors"]:
                factor *= mods["hedge_factor"]
        if node is not v:
            if node.lemma_ in mods["cancel_governors"]:
                return None
            if node.lemma_ in mods["hedge_governors"]:
                factor *= mods["hedge_factor"]
        if node.dep_ in {"xcomp", "ccomp"} and node.head is not node:
            node = node.head
            hops += 1
        else:
            break
    return factor


def _has_particle(v: Token, particle: str) -> bool:
    return any((c.dep_ == "prt" and c.lower_ == particle) or (c.dep_ == "dobj" and c.lower_ == particle) for c in v.children)


def _prep_objects(head: Token, preps: list[str]) -> list[Token]:
    out = []
    for c in head.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ in {"pobj", "pcomp"})
        if c.dep_ == "prt" and c.lower_ in preps:  # "based out of" style particles
            for p in c.children:
                if p.dep_ == "prep":
                    out.extend(q for q in p.children if q.dep_ == "pobj")
    return out


# ----------------------------------------------------------------------------- patterns


def verb_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    args = Arguments(table)
    frames_by_lemma = _verb_frames()
    out: list[Candidate] = []
    for v in table.tokens:
        if v.pos_ not in {"VERB", "AUX"} and not (v.tag_ in {"VBN", "VBG"}):
            continue
        frames = frames_by_lemma.get(v.lemma_.lower()) or frames_by_lemma.get(v.lower_)
        if not frames:
            continue
        factor = _modality(v)
        if factor is None:
            continue
        has_prt = any(c.dep_ == "prt" for c in v.children)
        subj_tok, passive_subj = _subject_token(v)
        passive = _is_passive(v) or passive_subj
        for f in frames:
            if f.get("particle"):
                if not _has_particle(v, f["particle"]):
                    continue
            elif has_prt and not any(c.dep_ == "prt" and c.lower_ in f["preps"] for c in v.children):
                continue
            if any(c.dep_ in set(f.get("unless", [])) or (c.dep_ == "prep" and c.lower_ in f.get("unless", [])) for c in v.children):
                continue
            preps = [p for p in f["preps"] if p]
            direct = not f["preps"] or "" in f["preps"]
            rule = f"verb:{f['lemma']}" + (f":{f['particle']}" if f.get("particle") else "")
            if f.get("object_places"):
                if not passive and subj_tok is not None:
                    out += _opened_in(table, args, v, subj_tok, f, preps, rule, factor)
                continue
            if f.get("dobj_nouns") == "money" and not any(
                    c.dep_ == "dobj" and any(x.ent_type_ == "MONEY" or x.lemma_.lower() in _words("money_nouns") for x in c.subtree)
                    for c in v.children):  # "raised a total of $100 million"
                continue
            if f.get("dobj_nouns") == "duration" and not any(
                    c.dep_ == "dobj" and (c.lower_ in _words("duration_nouns") or c.ent_type_ == "DATE") for c in v.children):
                continue  # "spent eight years at Tarn" (not "spent a fortune at Tarn")
            if f.get("subject_preps"):
                # "Acme sold Brightline to Harbor Capital", "Brightline raised funding from Northwind"
                deep_s = _prep_objects(v, f["subject_preps"])
                if f.get("object_role") == "subject":
                    deep_o = [subj_tok] if subj_tok is not None else []
                elif passive:
                    deep_o = [subj_tok] if subj_tok is not None else []
                else:
                    deep_o = [c for c in v.children if c.dep_ == "dobj"]
                rule += ":" + "/".join(f["subject_preps"])
            elif f.get("subject_role") == "patient":
                # "X is headquartered in Y": the surface subject is the relation subject.
                subjects = [subj_tok] if subj_tok is not None else []
                objects = _prep_objects(v, preps)
                deep_s, deep_o = subjects, objects
                rule += ":stative"
            elif passive:
                agents = _prep_objects(v, ["by"])
                if not agents:  # "founded and led by Jane Roe"
                    for w in list(v.children) + [v.head]:
                        if (w.dep_ == "conj" and w.head.i == v.i) or (v.dep_ == "conj" and w.i == v.head.i):
                            agents = _prep_objects(w, ["by"])
                            if agents:
                                break
                deep_s = agents
                deep_o = [subj_tok] if subj_tok is not None else []
                if preps and not direct:
                    continue
                rule += ":passive"
            else:
                deep_s = [subj_tok] if subj_tok is not None else []
                deep_o = []
                if direct:
                    # "Kesko, which Zorvik acquired": a relative pronoun object stands for the noun the clause
                    # modifies (read below)
                    relative_object = v.dep_ == "relcl" and any(
                        c.dep_ == "dobj" and c.lower_ in {"which", "that", "whom"} for c in v.children)
                    deep_o.extend(c for c in v.children if c.dep_ in {"dobj"} and c.lower_ != f.get("particle")
                                  and not relative_object)
                    if not deep_o:  # "named Ann Lee, ..., as CEO" read with the name as a predicate
                        deep_o.extend(c for c in v.children if c.dep_ == "oprd" and table.mention_at(c.i) is not None)
                    if (not deep_o and v.dep_ == "relcl" and subj_tok is not None
                            and subj_tok.lower_ not in {"which", "that", "who", "whom"}):
                        # "Zorb, the gaming platform Acme owns": the clause's object is the noun it
                        # modifies, and through an apposition the name that noun describes
                        gap = v.head
                        if table.mention_at(gap.i) is None:
                            gap = _apposed_name(table, gap) or gap
                        deep_o.append(gap)
                found = _prep_objects(v, preps)
                if preps and not found and f["relation"] == "usesProduct":
                    # "Zorvik runs its services on Tarn Cloud": the parser hangs the phrase on the object
                    found = [p for c in v.children if c.dep_ == "dobj" for p in _prep_objects(c, preps)]
                if preps and not found:
                    # "Tarn invested $2 billion in Lumo": the phrase hangs on the sum
                    found = [p for c in v.children if c.dep_ == "dobj"
                             and (c.ent_type_ == "MONEY" or c.lemma_.lower() in _words("money_nouns")
                                  or c.lower_ in _words("money_nouns"))
                             for p in _prep_objects(c, preps)]
                deep_o.extend(found)
            if f["relation"] not in {"worksFor", "foundedBy"}:
                deep_s = [_workers_employer(table, t) or t for t in deep_s]
            for s_tok in deep_s:
                for o_tok in deep_o:
                    for s_ent, fs in args.expand(s_tok):
                        for o_ent, fo in args.expand(o_tok, generic=bool(f.get("generic")) and not passive):
                            if s_ent is o_ent:
                                continue
                            subj, obj = (o_ent, s_ent) if f.get("inverse") else (s_ent, o_ent)
                            if not _types_allowed(f, subj, obj):
                                continue
                            conf = f["confidence"] * factor * fs * fo * (0.95 if passive else 1.0)
                            if f["relation"] == "worksFor" and _as_title(v):
                                conf = max(conf, HIRED_AS_TITLE * factor * fs * fo)  # "named Ann Lee as CEO"
                            out.append(Candidate(subj, f["relation"], obj, table.sent_of(v.i), rule, conf, f.get("types_arguments", True)))
    return out


def _apposed_name(table: EntityTable, noun: Token) -> Token | None:
    """The name a common noun phrase stands in apposition to: "Kesko, the platform ...".

    The parser's apposition, or, where it misread the name (as an adverb, say), the
    name that ends right before the comma that opens the phrase.
    """
    if noun.dep_ == "appos" and table.mention_at(noun.head.i) is not None:
        return noun.head
    j = noun.left_edge.i - 1
    if noun.pos_ == "NOUN" and j >= 1 and table.tokens[j].text == ",":
        m = table.mention_at(j - 1)
        if m is not None and m.entity is not None and m.source not in {"pronoun", "generic"}:
            return table.tokens[m.end - 1]
    return None


def _types_allowed(frame: dict, subj: Entity, obj: Entity) -> bool:
    st, ot = frame.get("subject_types"), frame.get("object_types")
    if st and subj.type != UNTYPED and not any(is_a(subj.type, t) for t in st):
        return False
    if ot and obj.type != UNTYPED and not any(is_a(obj.type, t) for t in ot):
        return False
    return True


def _noun_holders(n: Token) -> list[Token]:
    """Who a relational noun describes: copula subject, apposition head, possessor, light-verb subject."""
    holders: list[Token] = []
    head = n
    while head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    if head.dep_ in {"attr", "oprd"} and head.head.lemma_ in COPULAR:  # "is / remains / became the largest shareholder"
        s, _ = _subject_token(head.head)
        if s is not None:
            holders.append(s)
    elif head.dep_ == "appos":
        holders.append(head.head)
    elif head.dep_ == "dobj" and head.head.lemma_ in LIGHT_VERBS:
        s, _ = _subject_token(head.head)
        if s is not None:
            holders.append(s)
    elif head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.pos_ in {"VERB", "AUX"}:
        s, _ = _subject_token(head.head.head)
        if s is not None:
            holders.append(s)
    elif head.dep_ == "nsubj" and head.head.lemma_ == "be":
        holders.extend(c for c in head.head.children if c.dep_ == "attr")
    elif head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ in {"NOUN", "PROPN"}:
        holders.append(head.head.head)  # "a media company with headquarters in X"
    elif head.dep_ == "pobj" and head.head.lower_ in {"in", "through", "under"} and head.head.head.pos_ in {"VERB", "AUX"}:
        # "produced by X in collaboration with Y", "X, in partnership with Y, launched ..."
        verb = head.head.head
        s, passive = _subject_token(verb)
        passive = passive or _is_passive(verb)
        agents = _prep_objects(verb, ["by"]) if passive else []
        holders.extend(agents or ([s] if s is not None and not passive else []))
    for c in n.children:
        if c.dep_ == "poss":
            holders.append(c)
    return holders


def _place_modifiers(table: EntityTable, n: Token) -> list[Token]:
    """Places that modify a facility noun from the left ("the Oslo, Norway, headquarters").

    Only names already typed as places count: the frame alone never makes a place of a name
    ("its Zorb office" may be a product's team).
    """
    out = []
    for c in n.children:
        if c.i > n.i or c.dep_ not in {"compound", "nmod", "npadvmod", "amod"}:
            continue
        m = table.mention_at(c.i)
        if m is not None and m.entity is not None and top_class(m.entity.type) == "Place":
            out.append(c)
    return out


def _with_adjunct_holder(n: Token) -> Token | None:
    """The subject of a clause a "with"-phrase holding ``n`` modifies.

    "With offices in Oslo and Rome, Zorvik grew fast", "Zorvik expanded, with plants in
    three countries": what the phrase has, the clause's subject has, in the active or the
    passive. (Read for place nouns only: "met with the CEO of X" says nothing of who met.)
    """
    head = n
    while head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "with" or prep.head.pos_ not in {"VERB", "AUX"}:
        return None
    s, _ = _subject_token(prep.head)  # a passive subject too: "With plants in Oslo, Zorvik was sold to Tarn"
    return s


def _event_holders(n: Token) -> list[Token]:
    """Who performs an act named by a noun: "the acquisition of X by Y", "Y grew with/through the purchase of X"."""
    agents = [p for c in n.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return agents
    head = n
    while head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in {"with", "through", "via"} and head.head.head.pos_ == "VERB":
        s, passive = _subject_token(head.head.head)
        if s is not None and not passive and not _is_passive(head.head.head):
            return [s]
    return []


def noun_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    args = Arguments(table)
    frames_by_lemma = _noun_frames()
    out: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ not in {"NOUN", "PROPN"}:
            continue
        frames = _frames_of(n, frames_by_lemma)
        if not frames or table.mention_at(n.i) is not None:
            continue
        factor = _modality(n.head) if n.head.pos_ in {"VERB", "AUX"} else 1.0
        if factor is None:
            continue
        holders = _noun_holders(n)
        for f in frames:
            if f.get("event") and not holders:
                holders = _event_holders(n)
            if not holders and f["relation"] in PLACE_RELATIONS:
                holder = _with_adjunct_holder(n)
                holders = [holder] if holder is not None else []
            targets = _prep_objects(n, f["preps"])
            if not targets and n.dep_ == "conj" and f["relation"] in PLACE_RELATIONS:
                # "120 employees and offices in Oslo": the parser hangs the phrase after the last conjunct
                # on the first one
                targets = [p for c in n.head.children if c.dep_ == "prep" and c.lower_ in f["preps"] and c.i == n.i + 1
                           for p in c.children if p.dep_ in {"pobj", "pcomp"}]
            if f["relation"] in PLACE_RELATIONS:
                # "Zorvik's Oslo headquarters", "its Halden plant", "the Tarnby office of Zorvik": a place
                # named before the noun is where it is; "of" then gives whose it is
                named = _place_modifiers(table, n)
                targets = targets + [t for t in named if t not in targets]
                if named and not holders:
                    holders = [p for p in _prep_objects(n, ["of"]) if p not in named]
            if not targets and n.dep_ == "dobj" and n.head.lemma_ in LIGHT_VERBS:
                targets = _prep_objects(n.head, f["preps"])  # "sold their shares in X": the phrase hangs on the verb
            if not targets and f.get("appos_target"):
                targets = [c for c in n.children if c.dep_ == "appos"]
            if not targets:  # "the founder and owner of X"
                for c in n.children:
                    if c.dep_ == "conj":
                        targets = _prep_objects(c, f["preps"])
                        if targets:
                            break
            rule = f"noun:{f['lemma']}"
            pairs: list[tuple[Token, Token]] = [(h, t) for h in holders for t in targets]
            between = _prep_objects(n, ["between"]) if "between" in f["preps"] else []
            if between:
                # "a partnership between A and B" names its parties; what it is said of ("X was
                # founded as a partnership between A and B") is none of them
                pairs = [(h, t) for h, t in pairs if t not in between]
                for t in between:
                    members = args.expand(t)
                    for i, (a, fa) in enumerate(members):
                        for b, fb in members[i + 1:]:
                            if a is not b:
                                out.append(Candidate(a, f["relation"], b, table.sent_of(n.i), rule + ":between", f["confidence"] * fa * fb * factor))
            if not targets and f["relation"] in SYMMETRIC:
                # "a deal signed by NASA and Roscosmos": the agents of the participle are the parties,
                # whoever the clause around the noun is about ("he flew under a deal signed by A and B")
                agents = [p for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN"
                          for p in _prep_objects(c, ["by"])]
                if n.dep_ == "nsubjpass" and n.head.lemma_ in LIGHT_VERBS:  # "the deal was signed by A and B"
                    agents = _prep_objects(n.head, ["by"])
                holders = agents or holders
            if not targets and f["relation"] in SYMMETRIC:
                # "IBM and Red Hat signed a partnership": the coordinated holders partner.
                members = [e for h in holders for e in args.expand(h)]
                for i, (a, fa) in enumerate(members):
                    for b, fb in members[i + 1:]:
                        if a is not b:
                            out.append(Candidate(a, f["relation"], b, table.sent_of(n.i), rule + ":joint", f["confidence"] * 0.9 * fa * fb * factor))
            for h_tok, t_tok in pairs:
                holders_of = args.expand(h_tok)
                top = n
                while top.dep_ == "conj" and top.head.pos_ in {"NOUN", "PROPN"}:
                    top = top.head
                if top.dep_ == "appos" and top.head.i == h_tok.i and len(holders_of) > 1 and top.tag_ != "NNS":
                    # "Zorb Inc., a maker of X, and Acme" / "Acme and Zorb Inc., a maker of X": a singular
                    # apposition describes the name right before it, not the names coordinated with it
                    # ("Ola Lind and Ann Berg, the founders of X": a plural one describes them all)
                    holders_of = _described_by_apposition(table, top, holders_of)
                for h_ent, fh in holders_of:
                    for t_ent, ft in args.expand(t_tok, generic=bool(f.get("generic"))):
                        if h_ent is t_ent:
                            continue
                        # "X has the parent company of Y" is X's parent: with "have", the subject is the possessor
                        had = bool(f.get("possessor_is_object")) and top.dep_ == "dobj" and top.head.lemma_ == "have"
                        subj, obj = (t_ent, h_ent) if bool(f.get("inverse")) != had else (h_ent, t_ent)
                        out.append(Candidate(subj, f["relation"], obj, table.sent_of(n.i), rule, f["confidence"] * fh * ft * factor))
    return out


def joint_work_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"A joint study by the European Patent Office and the IEA", "the joint venture of A and B":
    organisations named together as the authors of joint work partner."""
    args = Arguments(table)
    out: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ != "NOUN" or not any(c.dep_ == "amod" and c.lower_ == "joint" for c in n.children):
            continue
        members = [(e, f) for t in _prep_objects(n, ["by", "of", "between", "from"]) for e, f in args.expand(t)
                   if top_class(e.type) == "Organization"]
        for i, (a, fa) in enumerate(members):
            for b, fb in members[i + 1:]:
                if a is not b:
                    out.append(Candidate(a, "partnersWith", b, table.sent_of(n.i), "joint-work", 0.65 * fa * fb))
    return out


def joint_subject_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"Zorvik and Brightpath partnered to build drones", "A and B will work together", "A and B teamed
    up": a partnership verb with no partner after it, whose subject lists organisations, joins them."""
    args = Arguments(table)
    verbs = {f["lemma"]: f for f in relation_lexicon()["verbs"] if f["relation"] == "partnersWith"}
    out: list[Candidate] = []
    for v in table.tokens:
        f = verbs.get(v.lemma_.lower())
        together = v.lemma_.lower() in {"work", "join", "come"} and any(c.lower_ == "together" for c in v.children)
        if v.pos_ != "VERB" or (f is None and not together):
            continue
        if f is not None and f.get("particle") and not _has_particle(v, f["particle"]):
            continue
        if any(c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in v.children) or _modality(v) is None:
            continue  # the partner is named after the verb: verb_candidates reads it
        subj, _ = _subject_token(v)
        if subj is None:
            continue
        members = [(e, fe) for e, fe in args.expand(subj) if top_class(e.type) == "Organization" or e.type == UNTYPED]
        if len({e.key for e, _ in members}) < 2:
            continue
        conf = (f["confidence"] if f is not None else 0.8) * 0.9 * _modality(v)
        for i, (a, fa) in enumerate(members):
            for b, fb in members[i + 1:]:
                if a is not b:
                    out.append(Candidate(a, "partnersWith", b, table.sent_of(v.i), f"joint-subject:{v.lemma_.lower()}",
                                         conf * fa * fb))
    return out


def org_role_person_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"ESA astronaut Jane Roe", "Acme chief executive Tom Berg": an organisation, a job title
    and a person written one after the other, read from the word order (the parser often
    attaches such runs wrongly) -> worksFor(person, organisation)."""
    titles = _titles()
    out: list[Candidate] = []
    ordered = sorted((m for m in table.mentions if m.entity is not None and m.source in {"ner", "propn", "split"}),
                     key=lambda m: m.start)
    for org_m, person_m in zip(ordered, ordered[1:]):
        if top_class(org_m.entity.type) != "Organization" or top_class(person_m.entity.type) != "Person":
            continue
        between = table.tokens[org_m.end:person_m.start]
        if not 1 <= len(between) <= 3 or any(not t.text[:1].islower() for t in between):
            continue
        # the title itself may be misread as a verb ("Acme pilot Ann Lee" parsed as a clause)
        if between[-1].lower_ not in titles or any(t.pos_ not in {"NOUN", "ADJ"} for t in between[:-1]):
            continue
        out.append(Candidate(person_m.entity, "worksFor", org_m.entity, table.sent_of(person_m.start),
                             f"org-title-person:{between[-1].lower_}", 0.65))
    return out


def wire_dateline_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """A press release's dateline locates its issuer: "TAMPA, Fla.--(BUSINESS WIRE)--Acme ...".

    The wire markup was blanked before parsing, leaving the place alone on its line
    (:mod:`kg.extract.datelines`). A short line of nothing but place names in capitals
    ("LONDON & NEW YORK"; a region may follow: ", Fla."), followed by a line that begins with
    an organisation: the organisation is located there. A news agency's dateline
    ("NEW YORK (AP) —") was blanked entirely: it locates nobody.
    """
    out: list[Candidate] = []
    text = table.text
    if "\n" not in text:
        return out
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    by_start = sorted(table.mentions, key=lambda m: m.start)
    for (ls, le), (ns, ne) in zip(lines, lines[1:]):
        line = text[ls:le].strip()
        if not line or len(line) > 80 or not line[:1].isupper() or not line.split()[0].isupper():
            continue
        inside = [m for m in by_start if m.entity is not None and ls <= table.tokens[m.start].idx < le]
        covered = {i for m in inside for i in range(m.start, m.end)}
        rest = [t for t in table.tokens if ls <= t.idx < le and t.i not in covered and t.text.strip()
                and not t.is_punct and t.lower_ not in {"&", "and"}]
        if not inside or rest:
            continue  # something besides names and "&" on the line: not a dateline
        if any(top_class(m.entity.type) != "Place" and not (m.entity.type == UNTYPED and m.text.isupper())
               for m in inside):
            continue
        story = next((m for m in by_start if m.entity is not None and ns <= table.tokens[m.start].idx < ne), None)
        if story is None or top_class(story.entity.type) != "Organization" or text[ns:table.tokens[story.start].idx].strip():
            continue
        places: list[Entity] = []
        for m in inside:
            if m.entity.type == UNTYPED:  # "LONDON & NEW YORK": capitals the NER left untyped
                m.entity.votes["Place"] += 2
                m.entity.type = "Place"
            if m.entity not in places:
                places.append(m.entity)
        for p in places:
            out.append(Candidate(story.entity, "locatedIn", p, table.sent_of(story.start), "wire-dateline", 0.7))
    return out


def role_noun_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """Role nouns whose possessor is the other party: "Acme's cloud unit Nimbus", "its software
    division, Brightline", "Meta's Instagram unit", "Google's parent Alphabet", "Microsoft's
    founder Bill Gates" -> the relation of "X, a unit/parent/founder of Y".
    """
    args = Arguments(table)
    frames_by_lemma = _noun_frames()
    out: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ != "NOUN" or table.mention_at(n.i) is not None:
            continue
        frames = [f for f in _frames_of(n, frames_by_lemma) if f.get("possessor_is_object")]
        if not frames:
            continue
        named = _described_name(table, n)  # "unit AWS", "division, Brightline"
        if named is None and n.dep_ == "attr" and n.head.lemma_ == "be":
            # "Tarn Labs is a Zorvik division": the copula's subject is the unit, the compound its owner
            named = next((c for c in n.head.children if c.dep_ == "nsubj" and table.mention_at(c.i) is not None), None)
        if named is None:  # "Meta's Instagram unit": the name modifies the role noun
            named = next((c for c in n.children if c.dep_ == "compound" and c.i < n.i
                          and table.mention_at(c.i) is not None), None)
        if named is None:
            named = _called_name(table, n)  # "a subsidiary called Brightline", "a division known as X"
        if named is None and n.head.lemma_ in {"be", "include", "comprise"}:
            # "Acme's parent is Zorb", "Zorb is Acme's parent", "Acme, whose parent company is Zorb",
            # "Acme's subsidiaries include Zorb"
            side = {"nsubj": "attr" if n.head.lemma_ == "be" else "dobj", "attr": "nsubj"}.get(n.dep_)
            named = next((c for c in n.head.children if c.dep_ == side and table.mention_at(c.i) is not None), None)
        if named is None:
            continue
        owners = [c for c in n.children if c.dep_ == "poss"]
        # "whose" stands for the name the relative clause hangs on
        owners = [n.head.head if c.lower_ == "whose" and n.head.dep_ == "relcl" else c for c in owners]
        if n.head.i == named.i:  # "its cloud unit Nimbus": the possessive hangs on the name
            owners += [c for c in named.children if c.dep_ == "poss"]
        named_ents = args.expand(named)
        held = named if n.head.i == named.i else n
        while held.dep_ in {"conj", "appos"} and held.head.pos_ in {"NOUN", "PROPN"} and held is not named:
            held = held.head  # "has 900 employees, net income of $9m and a subsidiary called Zorb"
        if not owners and held.dep_ == "dobj" and held.head.lemma_ in _words("holding_verbs"):
            # "Acme has a subsidiary called Zorb", "Acme includes subsidiary Zorb": who has it owns it
            s_tok, passive = _subject_token(held.head)
            owners = [s_tok] if s_tok is not None and not passive else []
        if not owners and (named.i > n.i or named.i < n.left_edge.i):
            # "Zorb parent Acme", "Nimbus owner Harbor Capital": a name compounded onto the role
            # noun is its possessor, as in "Zorb's parent"
            owners = [c for c in n.children if c.dep_ == "compound" and c.i < n.i and table.mention_at(c.i) is not None
                      and is_name_token(c)]
            if owners:  # "Zorb parent Acme and Nimbus parent Harbor": Harbor is no parent of Zorb
                named_ents = [(table.mention_at(named.i).entity, 1.0)]
        for f in frames:
            for o_tok in owners:
                for owner, fo in args.expand(o_tok):
                    for ent, fn in named_ents:
                        if owner is ent:
                            continue
                        # "X, a unit of OWNER": X subsidiaryOf OWNER; inverse frames ("parent", "founder") flip
                        subj, obj = (owner, ent) if f.get("inverse") else (ent, owner)
                        out.append(Candidate(subj, f["relation"], obj, table.sent_of(n.i), f"role-noun:{f['lemma']}",
                                             f["confidence"] * 0.9 * fo * fn))
    return out


def _orgs_near_title(args: Arguments, t: Token, depth: int = 0) -> list[tuple[Entity, float]]:
    """Organisations a job title is attached to: "of/at ORG", ", ORG", "ORG CEO", "ORG's CEO"."""
    if depth > 3:
        return []
    titles = relation_lexicon()["titles"]
    found: list[tuple[Entity, float]] = []
    units: list[tuple[Entity, float]] = []  # "Director of Client Services at Acme": the "of" names a unit
    has_at = any(c.dep_ == "prep" and c.lower_ == "at" for c in t.children)
    for c in t.children:
        if c.dep_ in {"compound", "poss", "nmod"} and args.table.mention_at(c.i) is not None:
            found.extend(args.expand(c))
        elif c.dep_ == "prep" and c.lower_ in titles["preps"]:
            into = units if has_at and c.lower_ == "of" else found
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if args.table.mention_at(p.i) is not None:
                    into.extend(args.expand(p))
                else:
                    into.extend(_orgs_near_title(args, p, depth + 1))
        elif c.dep_ == "appos" and depth > 0:
            found.extend(args.expand(c))
    return found or units


def _person_compound(table: EntityTable, title: Token) -> Token | None:
    """A person's name the parser hung on a title as a compound ("named [Ann Berg chief executive]")."""
    for c in title.children:
        if c.dep_ == "compound" and c.i < title.i:
            ent = table.entity_at(c.i)
            if ent is not None and top_class(ent.type) in {"Person", UNTYPED}:
                return c
    return None


def title_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    args = Arguments(table)
    titles = _titles()
    cfg = relation_lexicon()["titles"]
    out: list[Candidate] = []
    qualified = cfg.get("qualified", {})
    for t in table.tokens:
        is_qualified = t.lower_ in qualified and any(c.dep_ in {"amod", "compound"} and c.lower_ in qualified[t.lower_] for c in t.children)
        if (t.lower_ not in titles and t.lower_ not in FOUNDER_TITLES and not is_qualified) or t.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            continue
        if table.mention_at(t.i) is not None and table.mention_at(t.i).source != "ner":
            continue
        people: list[tuple[Entity, float]] = []
        named_unit: Entity | None = None
        title_head = t
        # walk up compounds/amods inside the title phrase ("executive vice president")
        while title_head.dep_ in {"compound", "amod"} and (title_head.head.lower_ in titles or title_head.head.lower_ in FOUNDER_TITLES):
            title_head = title_head.head
        if title_head is not t:
            continue  # the head word of the title phrase handles it
        # "chairman and CEO of X": the first conjunct says whose title it is,
        # the preposition often hangs on the last one.
        first = title_head
        while (first.dep_ == "conj" and first.head.pos_ in {"NOUN", "PROPN", "ADJ"}
               and not (table.entity_at(first.head.i) is not None
                        and top_class(table.entity_at(first.head.i).type) == "Organization"
                        and any(c.dep_ == "poss" for c in first.children))):
            first = first.head  # (not over an organisation to its own title: "the Tarn Front and its chairman Ola Lind")
        naming_org: Token | None = None
        holder_tok: Token | None = None
        if first.dep_ == "appos":
            people = args.expand(first.head)
            if len(people) > 1 and first.tag_ != "NNS":
                # "Ola Lind and Ann Berg, Tarn's chief financial officer": a singular apposition describes
                # the name right before it, not the names coordinated with it
                people = _described_by_apposition(table, first, people)
        elif (first.dep_ in {"attr", "oprd", "dobj"} and first.head.lemma_ in NAMING_VERBS and not _is_passive(first.head)
              and any(c.dep_ == "nsubj" for c in first.head.children)
              and (first.dep_ != "dobj" or _person_compound(table, first) is not None)):
            # "Zorvik named Ann Berg chief executive": the object holds the title, the subject gave it
            # (the parser may hang the name on the title as a compound: "named [Ann Berg chief executive]")
            verb = first.head
            holder_tok = next((c for c in verb.children if c.dep_ == "dobj" and c.i != first.i), None)
            if holder_tok is None:
                holder_tok = _person_compound(table, first)
            people = args.expand(holder_tok) if holder_tok is not None else []
            naming_org, _ = _subject_token(verb)
        elif first.dep_ in {"attr", "oprd"} and first.head.lemma_ in COPULAR:
            s, _ = _subject_token(first.head)
            people = args.expand(s) if s is not None else []
        elif first.dep_ == "pobj" and first.head.lower_ == "as" and first.head.head.pos_ in {"VERB", "AUX"}:
            s, _ = _subject_token(first.head.head)  # "served as CEO of Acme"
            people = args.expand(s) if s is not None else []
        elif (first.dep_ == "pobj" and first.head.lower_ == "to" and first.head.head.pos_ == "VERB"
              and first.head.head.lemma_ in cfg.get("promotion_verbs", ())):
            s, _ = _subject_token(first.head.head)  # "was promoted to CEO of Acme"
            people = args.expand(s) if s is not None else []
        elif first.dep_ == "compound" and table.mention_at(first.head.i) is not None:
            unit = first.head
            unit_ent = table.mention_at(unit.i).entity
            if (unit.dep_ == "appos" and unit_ent is not None and top_class(unit_ent.type) != "Person"
                    and any(c.dep_ == "prep" and c.lower_ == "at" for c in unit.children)):
                # "Ann Lee, VP Corporate Affairs at Acme": the title names a unit, the person is what it
                # stands beside, the organisation comes after "at"
                people = args.expand(unit.head)
                title_head, named_unit = unit, unit_ent
            else:
                people = args.expand(first.head)
        else:
            for c in first.children:
                if c.dep_ == "appos":
                    people = args.expand(c)
        held = {e for e, _ in people} if holder_tok is not None else set()
        orgs = [(o, f) for o, f in _orgs_near_title(args, title_head) if o is not named_unit and o not in held]
        if not orgs:
            # "Founder, Chairman and CEO of X" / "entrepreneur, CEO and majority shareholder of X":
            # the preposition hangs on another member of the coordination
            todo = [c for c in title_head.children if c.dep_ == "conj"]
            if first.i != title_head.i:
                todo.append(first)
            if title_head.dep_ == "appos":
                todo += [c for c in title_head.head.children if c.dep_ == "appos" and c.i > title_head.i]
            seen_ids = {title_head.i}
            while todo and not orgs:
                c = todo.pop(0)
                if c.i in seen_ids:
                    continue
                seen_ids.add(c.i)
                orgs = _orgs_near_title(args, c)
                todo.extend(x for x in c.children if x.dep_ == "conj")
        if not orgs and naming_org is not None:
            orgs = [(o, f) for o, f in args.expand(naming_org) if top_class(o.type) == "Organization" and o not in held]
        if (not orgs and first.dep_ in {"attr", "pobj"} and first.head.dep_ in {"relcl", "advcl"}
                or not orgs and first.dep_ == "pobj" and first.head.head.dep_ in {"relcl", "advcl"}):
            # "joins from Zorvik Health, where he was chief operating officer" / "where he served as CEO":
            # the place "where" stands for is the employer
            clause = first.head if first.dep_ == "attr" else first.head.head
            if any(c.lower_ == "where" and c.dep_ == "advmod" for c in clause.children):
                orgs = [(o, f) for o, f in args.expand(clause.head) if top_class(o.type) == "Organization"]
        if title_head.dep_ == "compound":
            person_root = args.root_of(title_head.head)
            for c in person_root.children:
                if c.dep_ == "compound" and c.i != title_head.i and table.mention_at(c.i) is not None:
                    orgs.extend(args.expand(c))
        founding = any(c.dep_ in {"amod", "compound"} and c.lower_ in {"founding", "co-founding"} for c in title_head.children)
        if title_head.lower_ in FOUNDER_TITLES or founding:
            # a founder need not work there: foundedBy only
            for p, fp in people:
                for o, fo in orgs:
                    if p is not o:
                        out.append(Candidate(o, "foundedBy", p, table.sent_of(t.i), f"title:{t.lower_}", 0.8 * fp * fo))
            continue
        # "Tarn's chief financial officer", "the CEO of Tarn": whoever has a chief officer is an organisation
        # (not what an SVP is of: "SVP of Sales")
        chief = title_head.lower_ in {"officer", "executive"} and any(c.lower_ == "chief" for c in title_head.lefts)
        owners = {id(table.entity_at(c.i)) for c in title_head.children if c.dep_ == "poss" and table.entity_at(c.i) is not None}
        of_orgs = {id(table.entity_at(p.i)) for p in _prep_objects(title_head, ["of"]) if table.entity_at(p.i) is not None}
        for p, fp in people:
            for o, fo in orgs:
                if p is not o:
                    if o.type == UNTYPED and (((chief or title_head.lower_ in cfg["corporate"]) and id(o) in owners)
                                              or (title_head.lower_ in {"ceo", "cfo", "coo", "cto", "cio", "cmo"}
                                                  and id(o) in of_orgs)):
                        o.votes["Organization"] += 2
                        o.type = choose_type(o.votes)
                    out.append(Candidate(p, cfg["relation"], o, table.sent_of(t.i), f"title:{t.lower_}", cfg["confidence"] * fp * fo))
    return out


def profession_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"Ann Lee was a zoologist at Zorvik", "Ann Lee, an engineer with Zorvik" -> worksFor(Ann Lee, Zorvik)."""
    cfg = relation_lexicon()["professions"]
    suffixes, not_jobs, preps = tuple(cfg["suffixes"]), frozenset(cfg["not_employment"]), frozenset(cfg["preps"])
    titles = _titles() | FOUNDER_TITLES  # job titles are title_candidates' own
    args = Arguments(table)
    out: list[Candidate] = []
    for n in table.tokens:
        low = n.lower_
        if (n.pos_ != "NOUN" or low in titles or low in not_jobs or not low.endswith(suffixes)
                or table.mention_at(n.i) is not None):
            continue
        if n.dep_ in {"attr", "oprd"} and n.head.lemma_ in COPULAR:
            s, _ = _subject_token(n.head)
            people = args.expand(s) if s is not None else []
        elif n.dep_ == "appos":
            people = args.expand(n.head)
        else:
            continue
        people = [(p, f) for p, f in people if top_class(p.type) == "Person"]
        if not people:
            continue
        # the preposition may hang on the copula: "was a zoologist [at Zorvik]"
        holders = [n] + ([n.head] if n.dep_ in {"attr", "oprd"} else [])
        orgs = [(o, f) for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps and c.i > n.i
                for pobj in c.children if pobj.dep_ == "pobj" for o, f in args.expand(pobj)]
        for p, fp in people:
            for o, fo in orgs:
                if top_class(o.type) == "Organization" and o is not p:
                    out.append(Candidate(p, "worksFor", o, table.sent_of(n.i), f"profession:{low}", cfg["confidence"] * fp * fo))
    return out


def title_sequence_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """Job titles read off the word order where the parse is unreliable (lists of speakers, honourees):

    * "PERSON (TITLE, ORG)": "Ann Lee (Editor, Zorvik News)";
    * "TITLE of/at ORG, PERSON": "CEO of Zorvik Labs, Ann Lee".
    """
    titles = _titles()
    conf = relation_lexicon()["titles"]["confidence"]
    toks = table.tokens
    out: list[Candidate] = []

    def entity(i: int, kinds: set[str]) -> tuple[Entity | None, int]:
        m = table.mention_at(i) if 0 <= i < len(toks) else None
        if m is None or m.entity is None or m.start != i:
            return None, i
        ok = top_class(m.entity.type) in kinds or (m.entity.type == UNTYPED and "Organization" in kinds)
        return (m.entity if ok else None), m.end

    def title_end(i: int) -> int:
        """End of a run of title words from ``i`` ("Chief Executive Officer"), or ``i`` when there is none."""
        j = i
        while j < len(toks) and j - i < 5 and (toks[j].lower_ in titles or toks[j].lower_ in {"chief", "executive", "senior",
                                                                                             "vice", "deputy", "managing"}):
            j += 1
        return j if any(toks[k].lower_ in titles for k in range(i, j)) else i

    for m in table.mentions:
        ent = m.entity
        if ent is None or top_class(ent.type) != "Person" or m.end + 4 >= len(toks) or toks[m.end].text != "(":
            continue
        t_end = title_end(m.end + 1)
        if t_end == m.end + 1 or toks[t_end].text != ",":
            continue
        org, o_end = entity(t_end + 1, {"Organization"})
        if org is not None and o_end < len(toks) and toks[o_end].text == ")":
            if org.type == UNTYPED:
                org.votes["Organization"] += 2
                org.type = "Organization"
            out.append(Candidate(ent, "worksFor", org, table.sent_of(m.start), f"title-sequence:{toks[t_end - 1].lower_}", conf))
    for i, t in enumerate(toks):
        if t.lower_ not in titles or (i > 0 and toks[i - 1].lower_ in titles):
            continue
        t_end = title_end(i)
        if t_end >= len(toks) or toks[t_end].lower_ not in {"of", "at"}:
            continue
        org, o_end = entity(t_end + 1, {"Organization"})
        if org is None or o_end + 1 >= len(toks) or toks[o_end].text != ",":
            continue
        person, p_end = entity(o_end + 1, {"Person"})
        before = table.mention_at(i - 2) if i >= 2 and toks[i - 1].text == "," else None
        if before is not None and before.entity is not None and top_class(before.entity.type) == "Person":
            continue  # "Tom Hale, CEO of Zorvik, Ann Lee, ...": the title is Tom Hale's
        if p_end + 1 < len(toks) and toks[p_end].text == "," and title_end(p_end + 1) > p_end + 1:
            continue  # "..., Ann Lee, CFO of Brightpath": she has a title of her own
        if person is not None and (p_end >= len(toks) or toks[p_end].is_punct or toks[p_end].pos_ in {"CCONJ", "VERB", "AUX"}):
            out.append(Candidate(person, "worksFor", org, table.sent_of(i), f"title-sequence:{toks[t_end - 1].lower_}", conf))
    return out


def structure_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """Facts carried by name structure: vendor prefixes, possessives, "X-based"."""
    out: list[Candidate] = []
    args = Arguments(table)
    for m in table.mentions:
        if m.entity is None:
            continue
        if m.vendor is not None and m.vendor.entity is not None:
            out.append(Candidate(m.vendor.entity, "offers", m.entity, table.sent_of(m.start), "vendor-prefix", 0.75))
        root = table.root(m)
        for c in root.children:
            if c.dep_ == "poss":
                # "Acme's Zorb": a product Acme offers, or, when Zorb is an organisation itself
                # ("Acme's Nimbus Labs"), a part of Acme; a role noun between them ("Acme's rival
                # Zorb") says otherwise, and role_noun_candidates reads the ones that name a unit
                role = any(x.pos_ == "NOUN" and c.i < x.i < m.start for x in root.lefts)
                for owner, f in args.expand(c):
                    if owner is m.entity:
                        continue
                    if top_class(m.entity.type) == "Organization" and top_class(owner.type) == "Organization":
                        if not role and m.source in {"ner", "propn"}:
                            out.append(Candidate(m.entity, "subsidiaryOf", owner, table.sent_of(root.i),
                                                 "possessive:unit", 0.6 * f))
                        continue
                    out.append(Candidate(owner, "offers", m.entity, table.sent_of(root.i), "possessive", 0.65 * f))
    for m in list(table.mentions):
        # "Acme Electric switchgear", "Nimbus turbines": a vendor's name modifying a product noun
        ent = m.entity
        if ent is None or m.source not in {"ner", "propn", "split"} or top_class(ent.type) != "Organization":
            continue
        root = table.root(m)
        head = root.head
        claimed = table.mention_at(head.i)
        if root.dep_ not in {"compound", "nmod"} or head.i <= root.i or (claimed is not None and claimed.source != "generic"):
            continue
        while head.dep_ == "compound" and head.head.i > head.i and (
            table.mention_at(head.head.i) is None or table.mention_at(head.head.i).source == "generic"
        ):
            head = head.head
        if head.pos_ != "NOUN" or not product_noun(head) or not _vendor_evidence(table, m):
            continue
        if head.dep_ == "dobj" and head.head.lemma_ in _product_verbs() and ent not in _subjects(args, head.head):
            continue  # "Acme developed the Zorb autonomous aircraft": Zorb names the product, Acme made it
        product = table.product_phrase(m.start, head)
        if product is not None and product is not ent:
            out.append(Candidate(ent, "offers", product, table.sent_of(head.i), "vendor-compound", 0.6))
    for tok in table.tokens:
        if tok.pos_ == "NOUN" and table.mention_at(tok.i) is None and product_noun(tok):
            for c in tok.children:
                # "power modules from Acme Semiconductor", "Acme's Vista headset"
                owners: list[tuple[Entity, float]] = []
                rule = ""
                if c.dep_ == "prep" and c.lower_ in {"from", "by"}:
                    # "modules from Acme Semiconductor", "the Starfall series of games by Nimbus Studios"
                    owners = [o for p in c.children if p.dep_ == "pobj" and table.mention_at(p.i) is not None for o in args.expand(p)]
                    rule, conf = f"product-{c.lower_}", 0.5
                elif c.dep_ == "poss" and table.mention_at(c.i) is not None and any(is_name_token(x) for x in tok.lefts if x.i != c.i):
                    owners = args.expand(c)
                    rule, conf = "possessive-product", 0.55
                elif c.dep_ == "poss" and table.mention_at(c.i) is not None:
                    # "Acme's picking robot, the Zorb X2": the product the apposition names
                    named = [a for a in tok.children if a.dep_ == "appos" and table.mention_at(a.i) is not None]
                    for o, fo in args.expand(c):
                        if top_class(o.type) != "Organization":
                            continue
                        for a in named:
                            for p, fp in args.expand(a):
                                if p is not o:
                                    out.append(Candidate(o, "offers", p, table.sent_of(tok.i), "possessive-product:named",
                                                         0.6 * fo * fp))
                owners = [(o, f) for o, f in owners if top_class(o.type) == "Organization"]
                if owners:
                    # "Nimbus, the cloud platform from Acme": the name the noun describes, if any
                    named = tok.head if tok.dep_ == "appos" and table.mention_at(tok.head.i) is not None else None
                    products = args.expand(named) if named is not None else []
                    if not products:
                        # "Acme's Vista headset": the product's name before the noun
                        products = [(e, 1.0) for x in tok.children if x.dep_ == "compound" and x.i < tok.i
                                    for e in [table.entity_at(x.i)] if e is not None and top_class(e.type) == "Product"]
                    if not products:
                        product = table.generic_product(tok)
                        products = [(product, 1.0)] if product is not None else []
                    for product, fp in products:
                        for o, f in owners:
                            if product is not o:
                                out.append(Candidate(o, "offers", product, table.sent_of(tok.i), rule, conf * f * fp))
    for tok in table.tokens:
        # "the Seattle-based company", "Redmond-based Microsoft"
        if tok.lemma_ == "base" and tok.dep_ in {"amod", "acl"}:
            places = [c for c in tok.children if c.dep_ in {"npadvmod", "compound", "nmod"}]
            if tok.i > 1 and doc[tok.i - 1].tag_ == "HYPH":
                places.append(doc[tok.i - 2])
            for p in list(places):
                # "the Tarnby, Norway-based company": the city before the region is a place of it too
                j = p.left_edge.i - 1
                city = table.mention_at(j - 1) if j > 0 and doc[j].text == "," else None
                if (city is not None and city.entity is not None and top_class(city.entity.type) == "Place"
                        and doc[city.end - 1].dep_ in {"nmod", "compound", "npadvmod", "appos"}):
                    places.append(doc[city.end - 1])
            for p in places:
                found = args.expand(p)
                if not found and p.ent_type_ == "NORP":  # "an Indian-based company"
                    place = table.demonym_place(p)
                    found = [(place, 1.0)] if place is not None else []
                holder = tok.head
                while ((table.mention_at(holder.i) is None or table.mention_at(holder.i).source == "generic")
                       and holder.dep_ == "compound" and holder.head.i > holder.i and holder.head.pos_ == "NOUN"):
                    holder = holder.head  # "a Boston-based robotics start-up": the phrase's head noun
                if table.mention_at(holder.i) is None and holder.pos_ == "NOUN":
                    holder = _described_name(table, holder) or holder  # "Saudi-based family firm Dunebridge"
                for place, fp in found:
                    for org, fo in args.expand(holder):
                        if place is not org:
                            out.append(Candidate(org, "locatedIn", place, table.sent_of(tok.i), "x-based", 0.8 * fp * fo))
        elif tok.lemma_ in {"own", "back"} and tok.tag_ == "VBN" and tok.dep_ in {"amod", "acl"} and tok.i > 1 \
                and doc[tok.i - 1].tag_ == "HYPH" and doc[tok.i - 1].idx + 1 == tok.idx:
            # "Tarn-owned Kesko", "a Zorvik-backed start-up": the name glued before the participle owns or
            # backs what the phrase names ("state-owned" names nobody)
            owner = table.mention_at(tok.i - 2)
            if owner is None or owner.entity is None:
                continue
            holder = tok.head
            while table.mention_at(holder.i) is None and holder.dep_ == "compound" and holder.head.i > holder.i:
                holder = holder.head
            if table.mention_at(holder.i) is None and holder.pos_ == "NOUN":
                holder = _described_name(table, holder) or holder  # "a Tarn-owned company, Kesko" / "firm Kesko"
            for held, fh in args.expand(holder):
                if held is owner.entity or top_class(held.type) in {"Person", "Place"}:
                    continue
                if tok.lemma_ == "own":
                    out.append(Candidate(held, "subsidiaryOf", owner.entity, table.sent_of(tok.i), "x-owned", 0.75 * fh))
                else:
                    out.append(Candidate(owner.entity, "investsIn", held, table.sent_of(tok.i), "x-backed", 0.7 * fh))
    return out


@lru_cache(maxsize=1)
def _product_verbs() -> frozenset[str]:
    return frozenset(f["lemma"] for f in relation_lexicon()["verbs"] if f.get("relation") == "offers")


def _subjects(args: "Arguments", v: Token) -> set[Entity]:
    subj, _ = _subject_token(v)
    return {e for e, _ in args.expand(subj)} if subj is not None else set()


def _vendor_evidence(table: EntityTable, m: "Mention") -> bool:
    """May the name ``m``, right before a product noun, be the product's vendor?

    A number right after the name makes it a model name ("Zorb 9 rocket"), and a
    common noun in front of it a category ("cannabis ERP solution"). An acronym
    the NER called an organisation once ("UAV components") and a term defined on
    the spot ("Design Power (DP) processors") read like vendors but are not: they
    need a company word or a second organisation vote.
    """
    toks = table.tokens
    if m.end < len(toks) and toks[m.end].like_num:
        return False
    if m.start > 0 and toks[m.start - 1].pos_ == "NOUN" and toks[m.start - 1].text.islower():
        return False
    ent = m.entity
    if any(w.lower().strip(".,") in company_words() for w in ent.label.split()[1:]):
        return True
    if sum(ent.votes.values()) >= 2 and len({x.start for x in ent.mentions}) >= 2:
        return True
    defined = m.end + 1 < len(toks) and toks[m.end].text == "(" and toks[m.end + 1].text.isupper()
    return not (defined or (m.end - m.start == 1 and toks[m.start].text.isupper()))


def affiliation_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """Affiliations news states by juxtaposition.

    "Jane Roe of Acme Labs", "Smith, of the Riverside Council"
    -> worksFor; "the agency in Washington", "New York's Mount Sinai School",
    "Berlin DPA" and datelines standing as their own sentence ("LYON, France (AFP)")
    -> locatedIn. A dateline that heads the story's first sentence ("NEW YORK (AP) —
    Acme plans ...") was blanked before parsing (:mod:`kg.extract.datelines`).
    """
    args = Arguments(table)
    out: list[Candidate] = []
    for m in table.mentions:
        ent = m.entity
        if ent is None or m.source in {"pronoun", "generic"}:
            continue
        root = table.root(m)
        kind = top_class(ent.type)
        if kind == "Person":
            # "NBC anchor John Doe", "Acme Air pilot Jane Roe": an organisation
            # in the compound chain in front of a person's name
            stack = [c for c in root.children if c.dep_ in {"compound", "nmod"} and c.i < m.start]
            while stack:
                c = stack.pop()
                cm = table.mention_at(c.i)
                if cm is not None and cm.entity is not None and top_class(cm.entity.type) == "Organization":
                    if m.end - m.start == 1 and cm.end == m.start:
                        continue  # "Nimbus Max": one word right after an organisation is its product, not its employee
                    out.append(Candidate(ent, "worksFor", cm.entity, table.sent_of(root.i), "affiliation:compound", 0.65))
                    continue
                stack.extend(x for x in c.children if x.dep_ in {"compound", "nmod", "poss"} and x.i < c.i)
        for c in root.children:
            if kind == "Person" and c.dep_ == "prep" and c.lower_ in {"of", "at"}:
                for p in c.children:
                    if p.dep_ == "pobj" and table.mention_at(p.i) is not None:
                        for org, f in args.expand(p):
                            if top_class(org.type) == "Organization":
                                out.append(Candidate(ent, "worksFor", org, table.sent_of(root.i), f"affiliation:{c.lower_}", 0.7 * f))
            elif kind == "Person" and c.dep_ == "poss" and table.mention_at(c.i) is not None:
                for org, f in args.expand(c):
                    if top_class(org.type) == "Organization":
                        out.append(Candidate(ent, "worksFor", org, table.sent_of(root.i), "affiliation:possessive", 0.6 * f))
            elif kind == "Organization" and c.dep_ == "prep" and c.lower_ in {"in", "at", "of"}:
                for p in c.children:
                    pm = table.mention_at(p.i)
                    if (c.lower_ == "of" and p.dep_ == "pobj" and pm is not None and pm.entity is not None
                            and table.tokens[m.end - 1].lower_ in _suffix_abbreviations() and c.i == m.end
                            and sum(pm.entity.votes.values()) <= 1 and top_class(pm.entity.type) in {"Organization", UNTYPED}
                            and pm.end - pm.start <= 2):
                        # "Tarn Bourg Co. of Kesby", "Halden Meats Ltd. of Oslo": a company's legal suffix, then
                        # "of" and a name the NER left weak: the name is where the company is
                        pm.entity.votes["Place"] += 2
                        pm.entity.type = choose_type(pm.entity.votes)
                    if p.dep_ == "pobj" and pm is not None and pm.entity is not None and top_class(pm.entity.type) == "Place":
                        for place, f in args.expand(p):
                            out.append(Candidate(ent, "locatedIn", place, table.sent_of(root.i), f"affiliation:{c.lower_}", 0.6 * f))
            elif kind == "Organization" and c.dep_ == "appos" and c.i >= m.end:
                # a press release's "Northwind Group, Bergen, Norway, makes ..."
                cm = table.mention_at(c.i)
                # not a list read as an apposition ("games include A, B, C and D") nor a note on a
                # name ("Ann Lee, née Berg"): the place stands alone with no lowercase word of its own;
                # a bracketed list is the organisation's own ("the Andes Pact (Peru, Chile)")
                bracketed = c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "("
                listed = not bracketed and (any(x.dep_ == "conj" for x in c.children) or any(x.dep_ == "conj" for x in root.children))
                noted = any(x.dep_ in {"compound", "amod"} and x.text.islower() for x in c.children)
                if cm is not None and cm.entity is not None and top_class(cm.entity.type) == "Place" and not listed and not noted:
                    for place, f in args.expand(c):
                        if top_class(place.type) == "Place":
                            out.append(Candidate(ent, "locatedIn", place, table.sent_of(root.i), "affiliation:appos", 0.6 * f))
            elif kind == "Organization" and c.dep_ in {"poss", "compound", "nmod"} and c.i < m.start:
                cm = table.mention_at(c.i)
                if cm is not None and cm.entity is not None and top_class(cm.entity.type) == "Place":
                    out.append(Candidate(ent, "locatedIn", cm.entity, table.sent_of(root.i), f"affiliation:{c.dep_}", 0.6))
    # datelines: "LYON, France (AFP) --", "Rome May 20 ANSA --", "XX0123456789 Oslo NRK in Norwegian"
    starts = [(sent, sent.start, sent.end) for sent in table.sentences]
    # a source line may follow a headline after its document number, and the parser may cut it anywhere
    starts += [(table.sent_of(t.i), t.i + 1, len(doc)) for t in table.tokens if is_document_code(t.text)]
    for sent, begin, stop in starts:
        toks = [t for t in table.tokens[begin:min(stop, begin + 20)] if not t.is_space][:14]
        places: list[Entity] = []
        depth = 0
        for t in toks:
            ent = table.entity_at(t.i)
            if t.text == "(":
                depth += 1
                continue
            if t.text == ")":
                depth = max(0, depth - 1)
                continue
            tm = table.mention_at(t.i)
            dated = (t.ent_type_ in {"DATE", "TIME"} or is_month(t.text)
                     or (t.like_num and tm is not None and is_month(table.tokens[tm.start].text)))  # "March 5"
            if dated and (places or tm is None or ent is None or sum(ent.votes.values()) <= 1):
                continue  # "Halden March 5 (TARNPOST)": the date is no name
            comma = t.i + 1
            if (ent is not None and not places and sum(ent.votes.values()) <= 1 and top_class(ent.type) != "Place"
                    and _dated_source_follows(table, table.mention_at(t.i).end)):
                ent.votes["Place"] += 3  # "Tarnby, February 15 (NORDPRESS) --": the name before a date and a source
                ent.type = "Place"
            if ent is not None and not places and ent.label.isupper() and comma + 1 < len(doc) and doc[comma].text == ",":
                after = table.entity_at(comma + 1)
                if after is not None and top_class(after.type) == "Place" and sum(ent.votes.values()) <= 2:
                    ent.votes["Place"] += 3  # "LYON, France (AFP)": an upper-case dateline city
                    ent.type = "Place"
            at_start = (t.is_sent_start or t.i == begin or (t.i > 0 and doc[t.i - 1].is_sent_start and doc[t.i - 1].pos_ == "DET")
                        or (t.i > 0 and is_document_code(doc[t.i - 1].text)))
            if ent is not None and not places and ent.type == UNTYPED and at_start and not is_caps_word(ent.label):
                nxt = table.entity_at(table.mention_at(t.i).end) if table.mention_at(t.i).end < len(doc) else None
                if nxt is not None and nxt is not ent and is_caps_word(nxt.label.split()[0]):
                    ent.votes["Place"] += 2  # "Oslo NRK International": dateline city, then the source
                    ent.type = "Place"
            if ent is not None and top_class(ent.type) == "Place":
                if ent not in places:
                    places.append(ent)
            elif ent is not None and places and (top_class(ent.type) == "Organization" or ent.type == UNTYPED
                                                 or (is_caps_word(ent.label.split()[0]) and sum(ent.votes.values()) <= 1)):
                if top_class(ent.type) != "Organization":  # "Cairo AL-AHALI": capitals the NER called a person
                    ent.votes["Organization"] += 2  # the source named after a dateline is a news organisation
                    ent.type = "Organization"
                for p in places:
                    out.append(Candidate(ent, "locatedIn", p, sent, "dateline", 0.6))
                break
            elif depth and not places:
                continue  # "(Text)" before the dateline
            elif places and (t.pos_ == "DET" or is_caps_word(t.text)):
                continue  # "Jerusalem THE JERUSALEM POST", "Moscow KOMSOMOLSKAYA PRAVDA": the source's own words
            elif not (t.is_punct or t.like_num or any(ch.isdigit() for ch in t.text) or t.ent_type_ in {"DATE", "TIME"}):
                break
    return out


@lru_cache(maxsize=1)
def _suffix_abbreviations() -> frozenset[str]:
    """Legal-form suffixes that end a company's name ("Co.", "Ltd."), not words that may go on
    into a longer name ("Group of", "Company of")."""
    return frozenset(entity_lexicon()["corporate_suffixes"]) - {"group", "holdings", "holding", "&", "company",
                                                               "incorporated", "limited", "corporation"}


def _dated_source_follows(table: EntityTable, i: int) -> bool:
    """A dateline's date and bracketed source start at token ``i``: ", February 15 (NORDPRESS) --"."""
    toks = table.tokens
    if i < len(toks) and toks[i].text == ",":
        i += 1
    dated = False
    while i < len(toks) and (toks[i].ent_type_ in {"DATE", "TIME"} or toks[i].like_num or is_month(toks[i].text)):
        dated, i = True, i + 1
    if not dated or i + 2 >= len(toks) or toks[i].text != "(":
        return False
    m = table.mention_at(i + 1)
    return m is not None and m.end < len(toks) and toks[m.end].text == ")"


def place_noun_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"The location of Acme is in Ireland", "Its headquarters are in Redmond" -> locatedIn / headquarteredIn."""
    args = Arguments(table)
    nouns = relation_lexicon()["place_nouns"]
    out: list[Candidate] = []
    for n in table.tokens:
        rel = nouns.get(n.lower_)
        if rel is None or n.dep_ != "nsubj" or n.head.lemma_ != "be":
            continue
        owners = [o for c in n.children if c.dep_ == "poss" for o in args.expand(c)]
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                owners += [o for p in c.children if p.dep_ == "pobj" for o in args.expand(p)]
        places: list[Token] = []
        for c in n.head.children:
            if c.dep_ == "attr":
                places.append(c)
            elif c.dep_ == "prep" and c.lower_ in {"in", "at"}:
                places += [p for p in c.children if p.dep_ == "pobj"]
        for owner, fo in owners:
            for tok in places:
                for place, fp in args.expand(tok):
                    if place is not owner:
                        out.append(Candidate(owner, rel, place, table.sent_of(n.i), f"place-noun:{n.lower_}", 0.75 * fo * fp))
    return out


def offering_list_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"Its major brands include Sunfield", "Acme products include the Acme One" -> offers."""
    args = Arguments(table)
    out: list[Candidate] = []
    for v in table.tokens:
        if v.lemma_ not in {"include", "comprise", "feature", "span", "encompass"}:
            continue
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ not in OFFERING_NOUNS or table.mention_at(subj.i) is not None:
            continue
        owners = [o for c in subj.children if c.dep_ in {"poss", "compound"} and table.mention_at(c.i) is not None
                  for o in args.expand(c)]
        # the owner of a product list is an organisation: a name the NER called a person once is read as one
        owners = [(o, f) for o, f in owners if top_class(o.type) == "Organization" or o.type == UNTYPED
                  or (top_class(o.type) == "Person" and sum(o.votes.values()) <= 1)]
        for obj in (c for c in v.children if c.dep_ == "dobj"):
            for product, fp in args.expand(obj, generic="framed"):
                for owner, fo in owners:
                    if product is not owner:
                        out.append(Candidate(owner, "offers", product, table.sent_of(v.i), "offering-list", 0.6 * fp * fo))
    return out


def _market_of(n: Token, markets: frozenset[str]) -> Token | None:
    """The market noun a player noun is placed in: "players in the X market", "companies profiled in the X industry"."""
    heads = [n] + [c for c in n.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
    for h in heads:
        for prep in h.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "of", "within", "across"}:
                for m in prep.children:
                    if m.dep_ == "pobj" and m.lemma_.lower() in markets:
                        return m
    return None


def market_player_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"Key players in the X market are A and B", "A is a leading vendor in the X industry" -> offers(A, X)."""
    lex = relation_lexicon()["market_players"]
    players, markets = frozenset(lex["players"]), frozenset(lex["markets"])
    quantifiers, scope = frozenset(lex["quantifiers"]), frozenset(lex["scope_words"])
    args = Arguments(table)
    out: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ != "NOUN" or n.lemma_.lower() not in players or table.mention_at(n.i) is not None:
            continue
        market = _market_of(n, markets)
        if market is None or (market.lemma_.lower() not in {"market", "segment"} and n.tag_ != "NNS"):
            continue  # "a company in the energy industry" says what it is part of; "players in" lists its vendors
        kind = next((c for c in market.children if c.dep_ == "compound" and c.i == market.i - 1), None)
        if kind is None:
            continue
        named = table.mention_at(kind.i)
        if named is not None and named.entity is not None:
            product = named.entity
            if product.type == UNTYPED or (top_class(product.type) == "Organization" and sum(product.votes.values()) <= 1):
                # "the ETC market": what a market is named after is a kind of product, whatever one NER label said
                product.votes["Product"] += 2
                product.type = choose_type(product.votes)
            if top_class(product.type) != "Product":
                continue
        else:
            # the market's name is the product's: every modifier before "market" but where it is and how it grows
            start = kind.i
            while start > 0 and table.mention_at(start - 1) is None and doc[start - 1].head.i in range(start, market.i + 1) \
                    and doc[start - 1].dep_ in {"compound", "amod", "nmod", "npadvmod", "hmod", "punct"} \
                    and doc[start - 1].lower_ not in scope and not doc[start - 1].like_num and doc[start - 1].tag_ != "POS":
                start -= 1
            while start < kind.i and (doc[start].is_punct or doc[start].lower_ in scope):
                start += 1
            product = table.product_phrase(start, kind) if product_noun(kind) or kind.pos_ == "NOUN" else None
        if product is None:
            continue
        # who the players are: the other side of "are"/"include", or the subject when the players are the attribute
        holder, v = n, n.head
        if n.dep_ == "pobj" and v.dep_ == "prep" and v.head.lower_ in quantifiers:
            holder, v = v.head, v.head.head  # "some of the key players in ..."
        members: list[Token] = []
        if holder.dep_ == "nsubj" and v.lemma_ in {"be", "include"}:
            members = [c for c in v.children if c.dep_ in {"attr", "dobj"}]
        elif holder.dep_ == "attr" and v.lemma_ == "be":
            s, _ = _subject_token(v)
            members = [s] if s is not None else []
        sent = table.sent_of(n.i)
        for tok in members:
            found = args.expand(tok)
            # a long list the parse broke ("A, B Inc., C, and D plc"): read on by its punctuation
            ends = [m.end for e, _ in found for m in e.mentions if sent.start <= m.start < sent.end]
            if ends:
                known = {e for e, _ in found}
                found += [(e, 0.9) for e in args.listed_after(table.tokens[max(ends) - 1]) if e not in known]
            for org, f in found:
                if org is not product and top_class(org.type) in {"Organization", UNTYPED}:
                    out.append(Candidate(org, "offers", product, table.sent_of(n.i), f"market-player:{n.lemma_.lower()}",
                                         lex["confidence"] * f))
    return out


def _called_name(table: EntityTable, n: Token) -> Token | None:
    """The name given to a noun by a naming participle: "a unit called Zorb", "a division known as Zorb"."""
    for c in n.children:
        if c.dep_ != "acl" or c.lemma_.lower() not in _words("naming_participles"):
            continue
        for g in c.children:
            if g.dep_ in {"oprd", "attr", "dobj", "xcomp"} and table.mention_at(g.i) is not None:
                return g
            if g.dep_ == "prep" and g.lower_ == "as":
                return next((p for p in g.children if p.dep_ == "pobj" and table.mention_at(p.i) is not None), None)
    return None


def _described_name(table: EntityTable, n: Token) -> Token | None:
    """The name a descriptor noun stands in front of: "Swiss bank [Alpenkredit]", "the space agency, [Astra]"."""
    if n.dep_ == "compound" and n.head.i > n.i and table.mention_at(n.head.i) is not None:
        return n.head
    for c in n.children:
        if c.dep_ == "appos" and table.mention_at(c.i) is not None:
            return c
    return None


def descriptor_place_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """A place in an organisation's descriptor -> locatedIn(org, place).

    "Sun Hung Kai Properties, a Hong Kong construction firm", "Acme is a Swiss company",
    and the descriptor in front of the name: "Swiss bank Alpenkredit", "German recycling
    group Kreislauf", "U.S. lender Harbor Savings Bank".
    """
    args = Arguments(table)
    lex = entity_lexicon()
    heads = (set(lex["place_modifier_heads"]) | set(lex["product_category_heads"])
             | set(lex["category_nouns"]["Company"]) | set(lex["category_nouns"]["Organization"]))
    out: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ != "NOUN" or n.lower_ not in heads or table.mention_at(n.i) is not None:
            continue
        places = [table.entity_at(c.i) or (table.demonym_place(c) if c.ent_type_ == "NORP" else None)
                  for c in n.children if c.dep_ in {"compound", "nmod", "amod"}]
        places = [p for p in places if p is not None and top_class(p.type) == "Place"]
        if not places:
            continue
        holders: list[Token] = []
        if n.dep_ in {"attr", "oprd"} and n.head.lemma_ in COPULAR:
            s, _ = _subject_token(n.head)
            holders = [s] if s is not None else []
        elif n.dep_ == "appos":
            holders = [n.head]
        else:
            named = _described_name(table, n)
            holders = [named] if named is not None else []
        for h in holders:
            for org, f in args.expand(h):
                if top_class(org.type) == "Organization" and all(p is not org for p in places):
                    for p in places:
                        out.append(Candidate(org, "locatedIn", p, table.sent_of(n.i), "descriptor-place", 0.65 * f))
    return out


def category_compound_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"Acme is an HVAC company", "Northwind is a research firm" -> offers(org, HVAC / research)."""
    args = Arguments(table)
    heads = set(entity_lexicon()["product_category_heads"])
    out: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ != "NOUN" or n.lower_ not in heads or table.mention_at(n.i) is not None:
            continue
        # a generic mention here is this rule's own from the first pass
        mods = [c for c in n.children if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"}
                and (table.mention_at(c.i) is None or table.mention_at(c.i).source == "generic")]
        if not mods:
            continue
        holders: list[Token] = []
        if n.dep_ == "attr" and n.head.lemma_ == "be":
            s, _ = _subject_token(n.head)
            holders = [s] if s is not None else []
        elif n.dep_ == "appos":
            holders = [n.head]
        for h in holders:
            for org, f in args.expand(h):
                if top_class(org.type) != "Organization":
                    continue
                for mod in mods:
                    product = table.generic_product(mod, framed=True)
                    if product is not None and product is not org:
                        out.append(Candidate(org, "offers", product, table.sent_of(n.i), f"category-compound:{n.lower_}", 0.5 * f))
    return out


def family_candidates(doc: Doc, table: EntityTable, known: list[Candidate]) -> list[Candidate]:
    """Members of a product family are offered by the family's vendor.

    Emitted only for sentences that name both the vendor and the member, so the
    evidence is local.
    """
    vendors: dict[str, set[Entity]] = {}
    for c in known:
        if c.relation == "offers" and c.object.family and c.object.key == c.object.family:
            vendors.setdefault(c.object.family, set()).add(c.subject)
    out: list[Candidate] = []
    for sent in table.sentences:
        in_sent = {table.entity_at(i) for i in range(sent.start, sent.end)} - {None}
        for ent in in_sent:
            if ent.family and ent.key != ent.family:
                for vendor in vendors.get(ent.family, ()):
                    if vendor in in_sent:
                        out.append(Candidate(vendor, "offers", ent, sent, "product-family", 0.55))
    return out


def funding_round_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """Funding rounds: "Acme raised $5m in a round led by Harbor Ventures, with participation from
    Alpine Capital", "Harbor Ventures led Acme's Series B round" -> investsIn(investor, Acme).

    The company is the subject of a raising verb the round hangs on, or the round's possessor;
    investors are the round's leaders (agent of "led by", subject of "led") and the names after
    "with participation from" on the round or its verb.
    """
    cfg = relation_lexicon()["funding_rounds"]
    nouns, leaders, joiners, raisers = (frozenset(cfg[k]) for k in ("nouns", "leaders", "joiners", "raisers"))
    args = Arguments(table)
    out: list[Candidate] = []
    for r in table.tokens:
        if r.pos_ != "NOUN" or r.lemma_.lower() not in nouns:
            continue
        verb = r.head.head if r.dep_ == "pobj" and r.head.dep_ == "prep" else r.head
        companies = [c for c in r.children if c.dep_ == "poss"]
        companies += _prep_objects(r, ["in", "into"])  # "led the 20 million dollar round in Zorvik"
        if verb.pos_ == "VERB" and verb.lemma_.lower() in raisers and r.dep_ in {"pobj", "dobj"}:
            subj, passive = _subject_token(verb)
            if subj is not None and not passive:
                companies.append(subj)
        elif (verb.pos_ in {"VERB", "AUX"} and r.dep_ == "pobj" and r.head.lower_ in {"after", "following"}
              and verb.lemma_.lower() not in leaders | joiners):
            # "It is valued at $4 billion after a round led by Summit Peak": what the clause is about raised it
            subj, _ = _subject_token(verb)
            if subj is not None:
                companies.append(subj)
        investors: list[Token] = []
        for c in r.children:
            if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in leaders:
                investors += _prep_objects(c, ["by"])
        if not investors and r.dep_ == "pobj":
            # "after a funding round last year led by X": the participle hung on the clause's verb
            investors += [p for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() in leaders
                          and r.i < c.i <= r.i + 4 for p in _prep_objects(c, ["by"])]
        if verb.pos_ == "VERB" and verb.lemma_.lower() in leaders and r.dep_ == "dobj":
            subj, passive = _subject_token(verb)
            if subj is not None and not passive:
                investors.append(subj)  # "Harbor Ventures led Acme's round"
            companies += _prep_objects(verb, ["in", "into"])  # "led the Series B round in Zorvik"
        for holder in (r, verb):
            for w in holder.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    for j in w.children:
                        if j.dep_ == "pobj" and j.lemma_.lower() in joiners:
                            investors += _prep_objects(j, ["from", "by"])
        if not companies or not investors:
            continue
        for company, fc, investor, fi in args.pairs(companies, investors):
            out.append(Candidate(investor, "investsIn", company, table.sent_of(r.i),
                                 f"funding-round:{r.lemma_.lower()}", cfg["confidence"] * fc * fi))
    return out


def sale_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """"the sale of Zorvik to Kesko Partners", "completed the sale of Zorvik to Kesko" -> acquired(Kesko, Zorvik)."""
    args = Arguments(table)
    nouns = _words("sale_nouns")
    out: list[Candidate] = []
    for n in table.tokens:
        if n.pos_ != "NOUN" or n.lemma_.lower() not in nouns:
            continue
        sold = _prep_objects(n, ["of"])
        buyers = _prep_objects(n, ["to"])
        if not buyers and n.dep_ == "dobj" and n.head.lemma_ in LIGHT_VERBS:
            buyers = _prep_objects(n.head, ["to"])
        factor = _modality(n.head) if n.head.pos_ in {"VERB", "AUX"} else 1.0
        if not sold or not buyers or factor is None:
            continue
        for buyer, fb, item, fs in args.pairs(buyers, sold):
            out.append(Candidate(buyer, "acquired", item, table.sent_of(n.i), f"noun:{n.lemma_.lower()}",
                                 0.7 * fb * fs * factor))
    return out


def extract_candidates(doc: Doc, table: EntityTable) -> list[Candidate]:
    """All relation candidates of a parsed Doc (before type checks)."""
    require_parse(doc)
    found = verb_candidates(doc, table) + noun_candidates(doc, table) + title_candidates(doc, table)
    found += role_noun_candidates(doc, table) + joint_work_candidates(doc, table) + wire_dateline_candidates(doc, table)
    found += org_role_person_candidates(doc, table) + funding_round_candidates(doc, table)
    found += structure_candidates(doc, table) + affiliation_candidates(doc, table) + category_compound_candidates(doc, table)
    found += descriptor_place_candidates(doc, table) + offering_list_candidates(doc, table) + place_noun_candidates(doc, table)
    found += market_player_candidates(doc, table) + profession_candidates(doc, table) + title_sequence_candidates(doc, table)
    found += joint_subject_candidates(doc, table) + sale_candidates(doc, table)
    found += family_candidates(doc, table, found)
    return found
