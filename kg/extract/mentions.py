"""Entity mentions typed into ontology classes.

The statistical NER of small English pipelines is unreliable on tech news: it
misses product names, tags young companies as PERSON or GPE and tags job-title
acronyms as places. This module corrects it with general rules only:

* product noun phrases: a proper-noun chain headed by a product word
  ("... Service", "... Toolkit", "... virtual machines");
* product families: the first word of such a product names a family, so the
  bare word and its other members are products too;
* vendor prefixes: "<Org> <Product>" is the product, offered by the org;
* descriptors: appositions, copulas, "as a ...", "companies such as ..." and
  nominal heads give the category of what they describe;
* one entity, one type: every mention of a name votes and the entity takes the
  winning class.

All word lists live in ``kg/data/entities.json``.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.datelines import is_calendar_word
from kg.model import Entity, Mention
from kg.lexicon import country_abbreviations, demonyms, postal_codes
from kg.names import abbreviates, normalize  # noqa: F401 - normalize re-exported for the extraction modules
from kg.lexicon import entities as entity_lexicon
from kg.ontology import is_a

TOP_CLASSES = ("Organization", "Person", "Product", "Place")
# a given name, one middle initial, a surname: "Ann K. Berg" (firms with initials start with them: "J. P. Tarn")
MIDDLE_INITIAL = re.compile(r"[A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+(?:-[A-Z][a-z]+)?")
UNTYPED = "Untyped"
SPLIT_WORDS = frozenset({"to", "from", "by", "with", "into", "than"})
_LIST_PREPS = {"like", "including", "include"}


def require_parse(doc: Doc) -> None:
    """Raise a clear error when the Doc was not parsed (spaCy E029 style)."""
    if len(doc) and doc[0].dep:
        return  # a parser labels every token: one label is enough, and cheap to read
    if not doc.has_annotation("DEP"):
        raise ValueError(
            "kg extraction needs a dependency parse: run a pipeline with a 'parser' component "
            "(or build the Doc with heads and deps)"
        )


def top_class(cls: str) -> str:
    if cls == UNTYPED:
        return cls
    for top in TOP_CLASSES:
        if is_a(cls, top):
            return top
    return cls


def producty(tok: Token) -> bool:
    """Could this noun head a product phrase? Not a person, place or organisation word, not a vague noun."""
    lex = _word_sets()
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.like_num or tok.is_stop:
        return False
    word, lemma = tok.lower_, tok.lemma_.lower()
    if word in lex["non_products"] or lemma in lex["non_products"] or word in lex["nominal_heads"]:
        return False
    if word in _title_words() or lemma in _title_words():
        return False
    return category_of(tok) not in {"Person", "Place", "Organization", "Company"}


def product_noun(tok: Token) -> bool:
    """A noun that names a kind of product ("device", "turbines"; not "transistors")."""
    return producty(tok) and kind_of_product(tok)


def kind_of_product(tok: Token) -> bool:
    """A noun the product lexicon lists as a kind of product, whatever else it may head ("systems")."""
    lex = _word_sets()
    lemma = tok.lemma_.lower()
    return (lemma in lex["product_nouns"] or tok.lower_ in lex["product_nouns"] or lemma in lex["product_heads"]
            or category_of(tok) == "Product")


@lru_cache(maxsize=1)
def company_words() -> frozenset[str]:
    """Words that say a name is a company's: suffixes ("Inc."), kind words ("Software"), category nouns."""
    lex = entity_lexicon()
    return frozenset(w.lower() for w in [*lex["category_nouns"]["Company"], *lex["corporate_suffixes"],
                                         *lex["company_name_heads"]])


@lru_cache(maxsize=1)
def _categories() -> tuple[tuple[str, frozenset[str]], ...]:
    lex = entity_lexicon()["category_nouns"]
    return tuple((cls, frozenset(lex[cls])) for cls in ("Company", "Organization", "Person", "Product", "Place"))


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    lex = entity_lexicon()
    return {k: frozenset(lex[k]) for k in ("non_products", "nominal_heads", "product_nouns", "product_heads")}


def category_of(token: Token) -> str | None:
    """Ontology class named by a category noun ("company" -> Company), if any.

    A word glued by a hyphen to the next one is read with it first ("start-up").
    """
    word = token.lemma_.lower()
    text = token.lower_
    doc = token.doc
    k = token.i
    if k + 2 < len(doc) and doc[k + 1].text == "-" and not token.whitespace_ and not doc[k + 1].whitespace_:
        glued = f"{text}-{doc[k + 2].lower_}"
        for cls, words in _categories():
            if glued in words:
                return cls
    for cls, words in _categories():
        if word in words or text in words:
            return cls
    return None


# ----------------------------------------------------------------------------- spans


def span_text(toks: list[Token], start: int, end: int) -> str:
    """``doc[start:end].text`` without building a Span."""
    if start >= end:
        return ""
    return "".join(t.text_with_ws for t in toks[start:end - 1]) + toks[end - 1].text


def is_name_token(tok: Token) -> bool:
    """A proper-noun token written as a name: capitalised, a digit first, or camel case ("iPhone", "eBay")."""
    text = tok.text
    if tok.like_url and text[:1].isupper() and "/" not in text and "@" not in text and tok.dep_ in _NOMINAL_DEPS:
        return True  # "Kartvik.io has partnered with ...": a web address used as a company's name
    if tok.pos_ == "ADV":
        return adverb_read_name(tok)
    return tok.pos_ == "PROPN" and (text[:1].isupper() or text[:1].isdigit()
                                    or (text[:1].islower() and any(c.isupper() for c in text[1:3])))


# any subject a verb may have, "there" included ("There is ..."): a verb with one needs no name read as it
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})


def adverb_read_name(tok: Token) -> bool:
    """A name the tagger read as an adverb: "Fjordly was founded in 2018", "Fjordly has offices".

    A capitalised word tagged as an adverb before its verb with only auxiliaries (and a
    negation) between them, or right before "has" with an object, where the verb has no
    subject of its own: the word is that subject (start-ups are often named "-ly"). A
    sentence adverb before a subject ("Finally, Acme ...", "Here is the list") or
    before a headless clause ("Originally founded in ...") keeps its reading.
    """
    text = tok.text
    if (tok.dep_ != "advmod" or len(text) < 3 or not text[:1].isupper() or text.isupper()
            or not text[1:].isalpha() or tok.head.pos_ not in {"VERB", "AUX"} or tok.head.i <= tok.i):
        return False
    verb = tok.head
    doc = tok.doc
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return False
    between = range(tok.i + 1, verb.i)
    if not between:  # "Originally founded in ...", "Currently works at ...": a headless clause, not a name
        return verb.lemma_ == "have" and any(c.dep_ == "dobj" for c in verb.children)
    return all(doc[k].dep_ in {"aux", "auxpass", "neg"} for k in between)


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "compound", "poss", "attr"})


LEADING_TITLES = frozenset(entity_lexicon()["leading_name_words"])  # trimmed from a name's start
HEADING_WORDS = frozenset(entity_lexicon()["heading_words"])  # trimmed from a name that starts a sentence
LEADING_DESCRIPTORS = frozenset(entity_lexicon()["leading_descriptors"])  # "Chipmaker Zorvik said": the same
HONORIFICS = frozenset(entity_lexicon()["honorifics"])  # never part of a person's name
PERSON_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "m.d.", "esq", "esq."})


def _opens_sentence(toks: list[Token], i: int) -> bool:
    """Token ``i`` begins its sentence, after blanks and punctuation at most (a masked dateline's)."""
    k = i
    while k > 0 and not toks[k].is_sent_start:
        prev = toks[k - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            return True  # a line of its own (the parser may run a headline into the first sentence)
        if not (prev.is_space or prev.is_punct):
            return False
        k -= 1
    return True


@lru_cache(maxsize=1)
def _product_heads() -> frozenset[str]:
    return frozenset(entity_lexicon()["product_heads"])


def _kind_modifier(toks: list[Token], s: int, e: int) -> bool:
    """"Software maker Zorvik said": a capitalised common noun opening a sentence and saying what
    kind of company the name after it is ("Software maker", "Chip giant"), tagged as a name."""
    if e - s != 1 or s + 2 >= len(toks) or not _opens_sentence(toks, s):
        return False
    word, kind = toks[s], toks[s + 1]
    known = word.lower_ in _product_heads() or category_of(word) is not None
    return (known and word.pos_ in {"NOUN", "PROPN"} and kind.is_lower and category_of(kind) in {"Company", "Organization"}
            and is_name_token(toks[s + 2]))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners/possessives, trailing possessive markers, function words,
    punctuation and job titles ("James B. Duke Professor"), and anything before an
    unbalanced closing bracket ("Hans) Liebherr")."""
    for k in range(end - 1, start - 1, -1):
        if doc[k].text in {")", "]"} and not any(doc[x].text in {"(", "["} for x in range(start, k)):
            start = k + 1
            break
    for k in range(start, end):
        if doc[k].text in {"(", "["} and not any(doc[x].text in {")", "]"} for x in range(k + 1, end)):
            end = k  # "Acme (www.acme.com": nothing from an unclosed bracket on
            break
    while start < end and (
        not doc[start].text.strip()
        or doc[start].pos_ in {"DET", "PRON"}
        or (doc[start].dep_ == "poss" and not is_name_token(doc[start]) and not doc[start].text[:1].isupper())
        or doc[start].is_punct
        or is_document_code(doc[start].text)
    ):
        start += 1
    while end - start > 1 and doc[start].lower_ in LEADING_TITLES:
        start += 1  # "VP Sustainable Energy", "President Joe Biden": a job title is no part of a name
    if (end - start > 1 and (doc[start].lower_ in HEADING_WORDS or doc[start].lower_ in LEADING_DESCRIPTORS)
            and (start == 0 or doc[start].is_sent_start)):
        # "History Acme Ltd. was founded": a page's section heading ran into the sentence;
        # "Chipmaker Zorvik Semiconductor said": the sentence capitalised what kind of company it is
        start += 1
    titles = _title_words()
    while end > start and (
        not doc[end - 1].text.strip()
        or doc[end - 1].tag_ == "POS"
        or doc[end - 1].lower_ in {"'s", "’s", "'"}
        or doc[end - 1].is_punct
        or doc[end - 1].pos_ in {"ADP", "CCONJ", "DET"}
        or (doc[end - 1].lower_ in titles and end - start > 1)
    ):
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    from kg.lexicon import relations

    return frozenset(relations()["titles"]["words"]) | {"member", "professor", "emeritus", "fellow"}


def _product_np(doc: Doc, head: Token) -> tuple[int, int] | None:
    """Span of a named product noun phrase headed by ``head`` ("Azure N-Series virtual machines")."""
    left = [t for t in head.subtree if t.i < head.i]
    # keep only the contiguous modifier block directly before the head
    start = head.i
    for t in reversed(left):
        if t.i != start - 1:
            break
        if t.dep_ in {"det", "poss", "case", "nummod", "punct"} and t.tag_ != "HYPH":
            break
        start = t.i
    while start < head.i and not is_name_token(doc[start]):
        start += 1
    # "Tarnby, Halden-based software company Zorvik Software", "Halden-based Zorvik Cloud": a
    # common word with a name after it ends a modifier, not a name; the name is what follows it
    for k in range(head.i - 1, start - 1, -1):
        tok = doc[k]
        if tok.pos_ in {"NOUN", "ADJ", "VERB"} and tok.is_alpha and not is_name_token(tok) and any(
                is_name_token(doc[j]) for j in range(k + 1, head.i + 1)):
            start = k + 1
            break
    if start == head.i and not is_name_token(head):
        return None
    if start == head.i:  # bare title-case head ("Service") is not a product name
        return None
    if not any(is_name_token(doc[i]) for i in range(start, head.i)):
        return None
    return start, head.i + 1


NAME_GLUE = frozenset({":", ".", "*", "+", "!", "@", "&", "'"})


def _glued(toks, j: int) -> bool:
    """``toks[j]`` is punctuation inside a name, no space on either side: "Run:ai", "E*Trade"."""
    return (0 < j and j + 1 < len(toks) and toks[j].text in NAME_GLUE and not toks[j - 1].whitespace_
            and not toks[j].whitespace_ and toks[j + 1].text[:1].isalnum())


def _chain_end(doc: Doc, i: int) -> int:
    """End of the proper-name chain starting at token ``i``.

    A chain runs over name tokens, inner hyphens ("N-Series") and attached
    numbers ("Falcon 9", "Boeing 737"), and takes a trailing corporate suffix
    (", Inc.") with it.
    """
    suffixes = set(entity_lexicon()["corporate_suffixes"]) - {"&", "group", "company", "co", "co."}
    j = i + 1
    while j < len(doc) and "\n" not in doc[j - 1].whitespace_:
        tok = doc[j]
        if is_name_token(tok):
            j += 1
        elif _glued(doc, j):
            j += 2  # "Run:ai", "E*Trade", "Booking.com"
        elif tok.is_space and "\n" not in tok.text and j + 1 < len(doc) and is_name_token(doc[j + 1]) \
                and doc[j + 1].ent_iob_ != "B":
            j += 1  # "Roger  Ferguson": a doubled space inside a name
        elif tok.tag_ == "HYPH" and j + 1 < len(doc) and (is_name_token(doc[j + 1]) or doc[j + 1].like_num):
            j += 1
        elif tok.ent_type_ in {"DATE", "TIME"}:
            break
        elif is_model_code(tok.text) and (i <= tok.head.i < j or doc[j - 1].head.i == tok.i):
            j += 1  # "ThinkPad X1" with the code parsed as a common noun
        elif tok.pos_ == "NUM" and (i <= tok.head.i < j or i <= doc[j - 1].i and doc[j - 1].head.i == tok.i) and tok.ent_type_ not in {"DATE", "MONEY", "PERCENT", "TIME", "QUANTITY"}:
            j += 1
        elif (tok.pos_ == "NUM" and tok.ent_type_ not in {"DATE", "MONEY", "PERCENT", "TIME", "QUANTITY"}
              and tok.head.i > j and doc[j - 1].head.i == tok.head.i and doc[tok.head.i].lower_ not in company_words()
              and all(is_name_token(doc[x]) for x in range(j + 1, tok.head.i + 1))):
            # "Zorvik 1000 GT Coupe": a number inside the name, the name and the number on one head
            # (not a ranking before a company word: "a Fortune 500 Company")
            j += 1
        else:
            break
    # "Code Blue Computing, Inc."
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in suffixes:
        j += 2
    elif j < len(doc) and doc[j].lower_ in suffixes and doc[j].text[:1].isupper():
        j += 1
    return j


@lru_cache(maxsize=1)
def _generic_name_words() -> frozenset[str]:
    lex = entity_lexicon()
    generic = set(lex["generic_name_words"]) | set(lex["corporate_suffixes"]) | _title_words()
    for cls in ("Company", "Person"):
        generic.update(lex["category_nouns"][cls])
    generic.update({"organisation", "organization", "group", "team", "body", "department", "union"})
    return frozenset(generic)


def _not_a_name(doc: Doc, start: int, end: int) -> bool:
    """Spans made only of titles, category words, honorifics or corporate suffixes ("Chief Executive Officer", "Inc.")."""
    generic = _generic_name_words()
    words = [t.lower_ for t in doc[start:end] if not (t.is_punct or t.tag_ == "HYPH")]
    return not words or all(w in generic for w in words)


def _calendar_span(toks, start: int, end: int) -> bool:
    """Months, weekdays and numbers only, at least one of the words ("July", "Feb. 15")."""
    words = [t for t in toks[start:end] if not t.is_punct]
    return (any(is_calendar_word(t.text) for t in words)
            and all(is_calendar_word(t.text) or t.like_num for t in words))


def candidate_mentions(doc: Doc, toks: list[Token] | None = None) -> list[Mention]:
    """NER spans, named product noun phrases and untagged proper-name chains, without overlaps.

    Product noun phrases win over NER spans they overlap, NER spans win over
    proper-name chains; an NER span inside a longer, syntactically whole name
    chain grows to the chain ("ALCO RS-3" rather than "RS-3") and keeps its label.
    """
    require_parse(doc)
    toks = toks if toks is not None else list(doc)  # Token objects made once; indexing a Doc builds a new one each time
    lex = entity_lexicon()
    labels = lex["ner_labels"]
    stop = set(lex["not_entities"])
    heads = _product_heads()
    found: list[Mention] = []

    for tok in toks:
        if tok.lower_ in heads and tok.pos_ in {"NOUN", "PROPN"}:
            span = _product_np(toks, tok)
            if span:
                s, e = span
                while s < e and any("\n" in toks[k].whitespace_ or not toks[k].text.strip() for k in range(s, e - 1)):
                    s += 1  # the phrase begins after the last line break inside it
                found.append(Mention(s, e, span_text(toks, s, e), "product-np", "Product"))

    chains: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if is_name_token(toks[i]) and toks[i].text not in stop:
            j = _chain_end(toks, i)
            s, e = _trim(toks, i, j)
            if s < e and not _kind_modifier(toks, s, e):
                chains.append((s, e))
            i = j
        else:
            i += 1

    ner_spans = []
    org_suffixes = set(entity_lexicon()["corporate_suffixes"])
    known_countries = set(demonyms().values()) | set(country_abbreviations())
    company_ends = frozenset(lex["category_nouns"]["Company"]) | frozenset(lex["company_name_heads"]) | org_suffixes
    org_words = frozenset(w.lower() for w in lex["category_nouns"]["Organization"])
    ents = list(doc.ents)
    joined: set[int] = set()  # starts of place spans taken into the organisation's name before them
    for k, ent in enumerate(ents):
        if ent.start in joined:
            continue
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if (ent.label_ == "ORG" and nxt is not None and nxt.label_ in {"GPE", "LOC"} and nxt.start == ent.end + 1
                and toks[ent.end].lower_ in {"and", "&"} and toks[ent.end - 1].pos_ == "PROPN"
                and any(t.lower_ == "of" for t in ent[1:-1])):
            after = toks[nxt.end] if nxt.end < len(toks) else None
            if after is None or not (after.text == "," or after.lower_ in {"and", "&"}):
                # "the Port Authority of Tarnby and Halden": the NER stopped at "and"; two places after
                # "of" both belong to the name (a list of places goes on after the second)
                joined.add(nxt.start)
                ent = Span(doc, ent.start, nxt.end, label="ORG")
        label = labels.get(ent.label_)
        if label is None:
            # "the Halden Car and Engineering Company" tagged LAW: the boundary is right, the label is not;
            # a capitalised span ending in a company word names an organisation
            # (the span may run on over a place: "the Halden Car and Engineering Company in Tarland")
            cut = next((t.i for t in ent if t.tag_ == "IN" and t.lower_ in {"in", "at", "from"}), ent.end)
            words = [t for t in ent if t.pos_ != "DET" and t.i < cut]
            if (ent.label_ in {"LAW", "EVENT", "FAC", "NORP", "LANGUAGE"} and len(words) >= 2 and words[-1].lower_ in company_ends
                    and all(t.text[:1].isupper() or t.lower_ in {"and", "&", "of", "for", "the"} for t in words)):
                label = "Organization"
                ent = doc[ent.start:cut]
            else:
                continue
        # "Brightline to Harbor Capital": the NER ran two names together over a preposition
        # "Lee and Tom Berg": two people the NER ran together (an organisation may hold
        # "and": "Marks and Spencer")
        # ("John Berg & Sons" is one company's name)
        splits = SPLIT_WORDS | ({"and", "&"} if label == "Person" and toks[ent.end - 1].lower_ not in company_ends else set())
        if (label == "Organization" and ent.start > 0 and toks[ent.start - 1].text == ","
                and toks[ent.end - 1].lower_ not in company_ends and toks[ent.end - 1].lower_ not in org_words
                and not any(t.lower_ in {"of", "for"} for t in ent)
                and any(t.lower_ == "and" and t.dep_ == "cc" and any(c.dep_ == "conj" and c.i < ent.end for c in t.head.children)
                        for t in ent)):
            # "partners with Zorvik, Tarn, Kesko and Brightpath": the last two items of a list the NER
            # ran together (a name holding "and" rarely ends a list of names)
            splits = splits | {"and"}
        cuts = [ent.start] + [t.i for t in ent if t.lower_ in splits and t.i > ent.start] + [ent.end]
        if label in {"Organization", "Person"}:
            # "Tromso, Acme", "Jim Lee, Harris": a comma inside an organisation's or a person's span
            # ends a name, unless a corporate or personal suffix follows ("Acme, Inc.", "Jim Lee, Jr.")
            keep = org_suffixes if label == "Organization" else PERSON_SUFFIXES
            cuts += [t.i for t in ent if t.text == "," and t.i > ent.start
                     and not (t.i + 1 < ent.end and toks[t.i + 1].lower_ in keep)]
        # a name never runs over a line break ("About Northwind Group\nNorthwind Group, Oslo")
        cuts += [t.i + 1 for t in ent if t.i + 1 < ent.end and ("\n" in t.whitespace_ or "\n" in t.text)]
        # "China's ByteDance" tagged as one organisation: a country's possessive before a name
        owners = {t.i + 1 for t in ent if t.tag_ == "POS" and ent.start < t.i < ent.end - 1
                  and span_text(toks, ent.start, t.i) in known_countries}
        # "Tarn Press is Zorvik Group" tagged as one name: a finite verb heading a clause ends a name
        verbs = {t.i for t in ent if t.i > ent.start and t.tag_ in {"VBZ", "VBD", "VBP"} and t.pos_ in {"AUX", "VERB"}
                 and any(c.dep_ in {"nsubj", "nsubjpass", "attr", "dobj"} for c in t.children)}
        cuts = sorted(set(cuts) | owners | verbs)
        for a, b in zip(cuts, cuts[1:]):
            a = a + 1 if toks[a].lower_ in splits or a in verbs else a
            s, e = _trim(toks, a, b)
            while e == b and _glued(toks, e):
                e += 2  # "Run" tagged, ":ai" left out: the name goes on over the punctuation
                b = e
            if s < e and all(toks[k].text.strip() for k in range(s, e)) and not _kind_modifier(toks, s, e):
                ner_spans.append((s, e, "Place" if b in owners else label, ent.label_ == "ORG"))
    for s, k, e in source_lines(toks):
        # "XX0101010194 Halden Radio Tarn in Norwegian": the NER reads place and source as one name
        src = k + 1 if toks[k].lower_ == "the" and k + 1 < e else k  # "Oslo THE NORDPOST": the source is NORDPOST
        ner_spans = [n for n in ner_spans if n[1] <= s or n[0] >= e] + [(s, k, "Place", False), (src, e, "Organization", True)]
    # "Berlin DPA", "Rome ANSA": a place name never runs into the name after it; at the start of
    # a sentence a Title-case name followed by an UPPER-CASE one is a dateline ("Oslo NRK")
    place_ends = {e for s, e, label, _ in ner_spans if label == "Place"}
    for cs, ce in chains:
        at_start = (cs == 0 or toks[cs].is_sent_start or (toks[cs - 1].is_sent_start and toks[cs - 1].pos_ == "DET")
                    or is_document_code(toks[cs - 1].text))
        if at_start and _dateline_follows(toks, ce):
            for k in range(cs + 1, ce):
                if _is_caps(toks[k]) and not _is_caps(toks[k - 1]) and toks[k - 1].text[:1].isupper():
                    place_ends.add(k)
                    break
    # Chains and spans come in text order and chains never overlap: look-ups by bisection keep a
    # long article linear (a scan per span made a 500k-character article take hours).
    ends_sorted = sorted(place_ends)

    def cuts_inside(a: int, b: int) -> list[int]:
        return ends_sorted[bisect.bisect_right(ends_sorted, a):bisect.bisect_left(ends_sorted, b)]

    split_chains = []
    for cs, ce in chains:
        bounds = [cs] + cuts_inside(cs, ce) + [ce]
        split_chains += [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
    chains = split_chains
    cut_spans = []
    for s, e, label, org in ner_spans:
        bounds = [s] + cuts_inside(s, e) + [e]
        cut_spans += [(a, b, label if b == e else None, org) for a, b in zip(bounds, bounds[1:])]
    ner_spans = [(a, b, label, org) for a, b, label, org in cut_spans if label is not None]
    chain_starts = [cs for cs, _ in chains]
    span_order = sorted(ner_spans)
    span_starts = [n[0] for n in span_order]
    absorbed: set[tuple[int, int]] = set()
    next_span = {n[0]: n for n in ner_spans}  # the NER span that starts at a position
    for s, e, label, org in ner_spans:
        if (s, e) in absorbed:
            continue
        vendor = None
        code = first_model_code(toks, s, e)
        if code is not None and label in {"Person", "Organization"}:
            # "BMW X1", "Martin V8": a name with a model code names a product, never a person; an
            # organisation's label on it is the NER's reading of the brand before the code
            label = "Product"
            if org and code == s + 1 and is_name_token(toks[s]) and not (s > 0 and toks[s - 1].tag_ == "POS"):
                # a longer lead ("Canon EOS R5") may hold a product line (see build_entities); after a
                # possessive ("Acme's Zorb 7") the possessor is the vendor
                vendor = (s, code)
        if label == "Person" and s > 0:
            # "Aston Martin Virage", "Montreal Locomotive Works" tagged PERSON from the second word:
            # untagged capitalised words compounded onto the name belong to it, unless they are a title
            # or heading word ("Director Claudio ...", "President Joe ...")
            b = s
            while (b > 0 and toks[b - 1].pos_ == "PROPN" and toks[b - 1].dep_ == "compound" and s <= toks[b - 1].head.i < e
                   and toks[b - 1].ent_iob_ == "O" and is_name_token(toks[b - 1]) and toks[b - 1].whitespace_
                   and toks[b - 1].lower_ not in LEADING_TITLES and toks[b - 1].lower_ not in _title_words()
                   and toks[b - 1].lower_ not in HEADING_WORDS and toks[b - 1].text not in demonyms()
                   and toks[b - 1].lower_.rstrip(".") not in HONORIFICS and toks[b - 1].lower_ not in _generic_name_words()
                   and not toks[b - 1].text.endswith(".") and not is_caps_word(toks[b - 1].text)):
                b -= 1
            s = b
        # people and places keep their NER span ("Assipen Director Claudio ..." stays apart)
        k = bisect.bisect_right(chain_starts, s) - 1
        if label not in {"Person", "Place"} and k >= 0:
            cs, ce = chains[k]  # the one chain that can hold the span
            inner = [n for n in span_order[bisect.bisect_left(span_starts, cs):bisect.bisect_left(span_starts, ce)]
                     if n[1] <= ce]
            if cs <= s and e <= ce and (cs, ce) != (s, e) and len(inner) == 1 and _is_unit(toks, cs, ce):
                if label == "Organization" and cs == s and first_model_code(toks, e - 1, ce) is not None:
                    label, vendor = "Product", (s, e)  # "Volvo XC90": the brand the NER saw, then its model
                elif label in {"Person", "Organization"} and first_model_code(toks, cs, ce) is not None:
                    label = "Product"  # "ALCO RS-3" grown from "RS-3"
                s, e = cs, ce
            elif (label == "Organization" and cs == s and len(inner) == 2 and inner[0][:2] == (s, e) and toks[e - 1].whitespace_
                  and inner[1][0] == e and inner[1][1] == ce and inner[1][2] == "Product" and _is_unit(toks, cs, ce)):
                # "Lenovo ThinkPad X1": an organisation's name right before a product's is its brand
                # (numbers after the brand belong to the model: "Zorvik 900 GT Coupe")
                absorbed.add(inner[1][:2])
                b = e
                while b - 1 > s and toks[b - 1].like_num:
                    b -= 1
                label, vendor, s, e = "Product", (s, b), cs, ce
        nxt = next_span.get(e)
        if (label == "Organization" and vendor is None and nxt is not None and nxt[2] == "Organization" and toks[e - 1].whitespace_
                and nxt[0] <= toks[e - 1].head.i < nxt[1] and toks[e - 1].dep_ in {"compound", "nmod", "nummod"}
                and (s, e) not in absorbed and "\n" not in toks[e - 1].whitespace_):
            # "Abarth 1000 GT Coupe" as two organisations, the first modifying the second: one name
            absorbed.add(nxt[:2])
            e = nxt[1]
        elif (label == "Organization" and vendor is None and nxt is not None and nxt[2] == "Product" and toks[e - 1].whitespace_
                and nxt[0] <= toks[e - 1].head.i < nxt[1] and (s, e) not in absorbed):
            # "Abarth 1000 GT Coupe" as ORG "Abarth 1000" + PRODUCT "GT Coupe": the organisation's name
            # modifies the product's, so it is its brand (numbers after the brand belong to the model)
            absorbed.add(nxt[:2])
            b = e
            while b - 1 > s and toks[b - 1].like_num:
                b -= 1
            label, vendor, e = "Product", (s, b), nxt[1]
        text = span_text(toks, s, e)
        if text in stop or not any(c.isupper() for c in text):
            continue
        brand = Mention(vendor[0], vendor[1], span_text(toks, *vendor), "split", "Organization") if vendor else None
        found.append(Mention(s, e, text, "ner", label, vendor=brand))

    for s, e in chains:
        if span_text(toks, s, e) not in stop:
            found.append(Mention(s, e, span_text(toks, s, e), "propn", None))
    found += described_names(toks)
    found += nickname_names(toks, [(s, e) for s, e, _, _ in ner_spans] + chains)

    priority = {"product-np": 0, "ner": 1, "propn": 2}
    non_entity_heads = frozenset(lex["non_entity_heads"])
    found.sort(key=lambda m: (priority[m.source], -(m.end - m.start), m.start))
    taken: set[int] = set()
    kept: list[Mention] = []
    company_heads = frozenset(lex["category_nouns"]["Company"]) | frozenset(lex["company_name_heads"])
    for m in found:
        ids = set(range(m.start, m.end))
        # "General Motors": an organisation the NER named, capitalised, its last word a company word,
        # is a name even when each of its words alone is generic
        named_company = (m.source == "ner" and m.ner_class == "Organization" and m.end - m.start >= 2
                         and toks[m.end - 1].lower_ in company_heads and all(toks[k].text[:1].isupper() for k in range(m.start, m.end)))
        if ids & taken or (_not_a_name(toks, m.start, m.end) and not named_company):
            continue
        if m.source == "propn" and _calendar_span(toks, m.start, m.end):
            continue  # "January", "Thursday", "March 5": an untagged date is no name
        if (m.end - m.start >= 2 and toks[m.end - 1].lower_ in non_entity_heads and toks[m.end - 1].text[:1].isupper()
                and m.source in {"ner", "propn"}):
            continue  # "the Digital Markets Act", "the Tarn Tech Summit": a law or an event
        if (m.end - m.start == 1 and len(toks[m.start].text.rstrip("+")) == 1 and m.start > 0
                and toks[m.start - 1].lower_ == "series"):
            continue  # "a Series B round": the round's letter is no name
        taken |= ids
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


def described_names(toks: list[Token]) -> list[Mention]:
    """A capitalised word the tagger read as a common noun, described as a company or an organisation:
    "Kijenge is a diversified agro-processing company" ("Kijenge" tagged NN, no NER label)."""
    out: list[Mention] = []
    kinds = {cls: words for cls, words in _categories()}
    for t in toks:
        if (t.pos_ != "NOUN" or t.dep_ != "nsubj" or t.head.lemma_ != "be" or not t.text[:1].isupper()
                or not t.is_alpha or t.text.isupper() or any(c.dep_ in {"det", "poss", "amod", "compound"} for c in t.children)):
            continue
        attr = next((c for c in t.head.children if c.dep_ == "attr"), None)
        if attr is not None and attr.lemma_.lower() in kinds["Company"] | kinds["Organization"]:
            out.append(Mention(t.i, t.i + 1, t.text, "propn", None))
    return out


OPENING_QUOTES, CLOSING_QUOTES = frozenset({'"', "“", "‘", "'"}), frozenset({'"', "”", "’", "'"})


def nickname_names(toks: list[Token], names: list[tuple[int, int]]) -> list[Mention]:
    """People written with a nickname in quotes: 'Ann "Sunny" Lee' is one person,
    "Ann Lee", not an organisation "Ann" beside a place "Lee" (as the NER
    may have it). The surname must begin a name span; the nickname is one capitalised word."""
    starts: dict[int, int] = {}
    for s, e in names:
        starts[s] = max(e, starts.get(s, e))
    out: list[Mention] = []
    for i in range(len(toks) - 4):
        first, q1, nick, q2 = toks[i], toks[i + 1], toks[i + 2], toks[i + 3]
        end = starts.get(i + 4)
        if (end is None or q1.text not in OPENING_QUOTES or q2.text not in CLOSING_QUOTES
                or not (first.text[:1].isupper() and first.is_alpha) or not (nick.text[:1].isupper() and nick.is_alpha)):
            continue
        name = first.text + " " + span_text(toks, i + 4, end)
        out.append(Mention(i, end, name, "ner", "Person", alias=span_text(toks, i, end)))
    return out


def _dateline_follows(toks: list[Token], end: int) -> bool:
    """What follows a dateline's source: end of line, "--", "(", a date or "in <language>"."""
    if end >= len(toks) or toks[end].is_space or "\n" in toks[end - 1].whitespace_:
        return True
    nxt = toks[end]
    if nxt.text in {"--", "(", "—", "-"} or nxt.like_num or nxt.ent_type_ in {"DATE", "TIME"}:
        return True
    return nxt.lower_ == "in" and end + 1 < len(toks) and toks[end + 1].ent_type_ in {"LANGUAGE", "NORP"}


def source_lines(toks: list[Token]) -> list[tuple[int, int, int]]:
    """``(start, place end, end)`` of each monitoring service's source line: a document number, the
    place, the source, then "in <Language>" ("XX0101010194 Oslo NORDPOST in Norwegian 1700 GMT")."""
    out = []
    prefixes = set(entity_lexicon()["place_name_prefixes"])
    for i, t in enumerate(toks):
        if not is_document_code(t.text):
            continue
        end = next((j for j in range(i + 2, min(i + 14, len(toks) - 1)) if toks[j].lower_ == "in"
                    and toks[j + 1].text[:1].isupper() and toks[j + 1].is_alpha), None)
        if end is None or any(not (x.text[:1].isupper() or x.is_punct or x.lower_ in _PLACE_PARTICLES) for x in toks[i + 1:end]):
            continue
        p = i + 1
        if toks[p].lower_ == "the":
            p += 1
        if p < end and toks[p].text in prefixes:
            p += 1
        p += 1
        while p + 1 < end and toks[p].lower_ in _PLACE_PARTICLES:
            p += 2  # "Rio de Janeiro"
        if p < end and toks[p].text == "City":
            p += 1  # "Panama City"
        if i + 1 < p < end:
            out.append((i + 1, p, end))
    return out


_PLACE_PARTICLES = frozenset({"de", "da", "do", "del", "dos", "das", "di", "al", "el"})


def is_document_code(word: str) -> bool:
    """A monitoring service's document number before its source line: "LD2804174994", "94WS0095B"."""
    return len(word) >= 8 and sum(c.isdigit() for c in word) >= 6 and word.isalnum()


def is_caps_word(word: str) -> bool:
    """An upper-case word that is not a Roman numeral ("ANSA", "DPA-AFX"; not "II")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not set(letters) <= set("IVXLCDM")


def _is_caps(tok: Token) -> bool:
    return is_caps_word(tok.text)


_MODEL_SHAPE = re.compile(r"^(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{0,9}$")
_PERIOD_CODE = re.compile(r"^(q[1-4]|h[12]|fy\d{2,4})$")  # quarters, halves, fiscal years


def is_model_code(text: str) -> bool:
    """A token mixing letters and digits that names a model: "X1", "XC90", "D800", "i9", "MX-5".

    Measures, ordinals and generations ("5G", "10GB", "3D", "2nd"), report periods
    ("Q3", "FY24") and words of more than four letters ("COVID-19") are no models.

    Examples
    --------
    >>> [w for w in ["XC90", "i9", "5G", "2nd", "Q3", "1000", "V8", "COVID-19"] if is_model_code(w)]
    ['XC90', 'i9', 'V8']
    """
    if not _MODEL_SHAPE.match(text) or sum(c.isalpha() for c in text) > 4:
        return False
    low = text.lower()
    if _PERIOD_CODE.match(low):
        return False
    digits_first = re.match(r"^\d+-?([a-z]+)$", low)
    return not (digits_first and digits_first.group(1) in _non_model_suffixes())


@lru_cache(maxsize=1)
def _non_model_suffixes() -> frozenset[str]:
    return frozenset(entity_lexicon()["model_code_non_suffixes"])


def first_model_code(toks: list[Token], start: int, end: int) -> int | None:
    """Index of the first model code after a name's first token ("BMW X1", "Aston Martin V8"), or None."""
    for k in range(start + 1, end):
        if is_model_code(toks[k].text) and toks[k - 1].whitespace_:  # "MIL-STD-810" is one code
            return k
    return None


def _is_unit(doc: Doc, start: int, end: int) -> bool:
    """True when the span has exactly one token whose head lies outside it."""
    return sum(1 for t in doc[start:end] if not (start <= t.head.i < end) or t.head.i == t.i) == 1


# ----------------------------------------------------------------------------- descriptors


def descriptors(doc: Doc, m: Mention, head: Token | None = None) -> list[Token]:
    """Nouns that say what a mention is: apposition, copula attribute, "as a ...", list head.

    "OpenAI, a research organisation" -> organisation; "X is a company" -> company;
    "offer Azure as the primary cloud platform" -> platform; "companies such as Esri" -> companies;
    "entrepreneurs like Elon Musk" -> entrepreneurs; "the Redmond company" -> (handled by nominals).
    """
    head = head if head is not None else doc[m.start:m.end].root
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            out.append(child)
    first = head
    while first.dep_ == "conj":
        first = first.head
    if first.dep_ == "appos" and first.head.pos_ == "NOUN":
        # "the architects Ann Berg and Tom Lind": the apposition describes every conjunct
        out.append(first.head)
    # "grid operator Nordia", "pension fund Maple Ridge": a common noun right before the name
    out.extend(c for c in head.children
               if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i == m.start - 1 and c.i < head.i)
    if (m.start >= 3 and doc[m.start - 2].text == "-" and not doc[m.start - 3].whitespace_
            and not doc[m.start - 2].whitespace_ and doc[m.start - 1].whitespace_ and category_of(doc[m.start - 3])):
        out.append(doc[m.start - 3])  # "AI start-up Lumo": a hyphenated kind noun the parser took apart
    if head.dep_ == "conj" and m.end + 1 < len(doc) and doc[m.end].text == ",":
        # "the bank and Zorbex, the payments firm founded by ...": the parser hangs the
        # apposition on the first conjunct, but it describes the name right before it
        out.extend(c for c in head.head.children
                   if c.dep_ == "appos" and c.pos_ == "NOUN" and c.left_edge.i == m.end + 1)
    if head.dep_ in {"nsubj", "nsubjpass"}:
        for sib in head.head.children:
            if sib.dep_ == "attr" and sib.pos_ == "NOUN" and head.head.lemma_ == "be":
                out.append(sib)
    if head.dep_ == "dobj":
        for sib in head.head.children:
            if sib.dep_ == "prep" and sib.lower_ == "as":
                out.extend(c for c in sib.children if c.dep_ == "pobj" and c.pos_ == "NOUN")
    # "the city of Valdora", "the province of Alba": a place noun naming what follows "of"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN" \
            and category_of(head.head.head) == "Place":
        out.append(head.head.head)
    # a name modifying a product noun: "the Falcon rocket", "the Nimbus 3 sedan", "the Lyra SUV" (an
    # acronym the tagger calls a proper noun)
    if (head.dep_ == "compound" and (head.head.pos_ == "NOUN" or (head.head.pos_ == "PROPN" and head.head.text.isupper()))
            and category_of(head.head) == "Product"):
        out.append(head.head)
    # list membership: "companies such as X", "entrepreneurs like X", "tools including X"
    node = head
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj":
        prep = node.head
        if (prep.lower_ in _LIST_PREPS or (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))) and prep.head.pos_ == "NOUN":
            out.append(prep.head)
    return out


def _is_cloud_descriptor(tok: Token) -> bool:
    cues = set(entity_lexicon()["cloud_cues"])
    words = {c.lower_ for c in tok.subtree if c.i <= tok.i} | {tok.lower_}
    return bool(words & cues)


@lru_cache(maxsize=1)
def _cloud_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in entity_lexicon()["cloud_cues"]) + r")\b")


def _has_cloud_name(text: str) -> bool:
    return _cloud_pattern().search(text.lower()) is not None


# ----------------------------------------------------------------------------- entities


def choose_type(votes: Counter) -> str:
    by_top: Counter = Counter()
    for cls, n in votes.items():
        by_top[top_class(cls)] += n
    if not by_top:
        return "Organization"
    top = by_top.most_common(1)[0][0]
    specific = [c for c in votes if top_class(c) == top and c != top and votes[c] > 0]
    if specific:
        return max(specific, key=lambda c: votes[c])
    return top


class EntityTable:
    """Mentions clustered into canonical entities for one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens: list[Token] = list(doc)  # one Token object per position, shared by every pattern
        self._roots: dict[tuple[int, int], Token] = {}
        self.generic_added = False  # set when a pattern registers an unnamed-product mention
        self.mentions: list[Mention] = []
        self.by_key: dict[str, Entity] = {}
        self.token_mention: dict[int, Mention] = {}
        self._sents: list[Span] | None = None
        self._sent_starts: list[int] = []
        self._text: str | None = None

    # -- building
    def add(self, m: Mention, key: str | None = None, label: str | None = None) -> Entity:
        key = key or normalize(m.text)
        ent = self.by_key.get(key)
        if ent is None:
            ent = Entity(key=key, label=label or m.text)
            self.by_key[key] = ent
        ent.mentions.append(m)
        ent.aliases.add(m.text)
        m.entity = ent
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.token_mention[i] = m
        return ent

    def demonym_place(self, tok: Token) -> Entity | None:
        """The place a nationality adjective names: "an American company" -> United States (alias "American")."""
        if tok.i in self.token_mention:
            ent = self.token_mention[tok.i].entity
            return ent if ent is not None and top_class(ent.type) == "Place" else None
        country = demonyms().get(tok.text)
        if country is None:
            return None
        m = Mention(tok.i, tok.i + 1, tok.text, "demonym", "Place", alias=tok.text)
        self.generic_added = True
        ent = self.add(m, key=normalize(country), label=country)
        ent.votes["Place"] += 1
        ent.type = choose_type(ent.votes)
        ent.label = country
        return ent

    def product_phrase(self, start: int, head: Token, rule_out_mentions: bool = False) -> Entity | None:
        """A product named by the phrase ``doc[start:head + 1]`` ("Acme Electric switchgear").

        Tokens already in a mention (the vendor's name) keep their mention; the
        phrase is mapped only through its head and unclaimed tokens.
        """
        if head.i in self.token_mention:
            return self.token_mention[head.i].entity
        span = self.doc[start:head.i + 1]
        m = Mention(start, head.i + 1, span.text, "generic", "Product")
        self.generic_added = True
        key = normalize(m.text)
        if not key:
            return None
        ent = self.by_key.get(key)
        if ent is None:
            ent = Entity(key=key, label=m.text)
            self.by_key[key] = ent
        ent.mentions.append(m)
        ent.aliases.add(m.text)
        m.entity = ent
        self.mentions.append(m)
        for i in range(start, head.i + 1):
            self.token_mention.setdefault(i, m)
        ent.votes["Product"] += 1
        ent.type = choose_type(ent.votes)
        return ent

    def generic_product(self, tok: Token, framed: bool = False) -> Entity | None:
        """An unnamed product from a common noun phrase ("makes vaccines", "a maker of garden products").

        The phrase is the head noun with its contiguous compound and adjective
        modifiers, without vague adjectives; a generic head such as "products"
        is dropped when something names the kind ("garden products" -> garden).
        The head must be a kind of product (lexicon ``product_nouns``), unless
        ``framed``: the phrase names what a company deals in ("a research firm").
        """
        lex = entity_lexicon()
        if tok.pos_ != "NOUN" or tok.lower_ in lex["non_products"] or tok.lemma_.lower() in lex["non_products"]:
            return None
        if tok.i in self.token_mention:
            m = self.token_mention[tok.i]
            return m.entity
        vague = set(lex["vague_modifiers"])
        start = tok.i
        for t in reversed(list(tok.lefts)):
            # take whole modifier subtrees that end right before the phrase so far:
            # "civil and military drones", "400-horsepower electric sports car"
            if t.right_edge.i != start - 1 or t.dep_ not in {"compound", "amod", "nmod", "punct", "npadvmod"}:
                break
            if t.dep_ == "punct" and t.tag_ != "HYPH":
                break
            if t.dep_ == "nmod" and any(x.dep_ == "cc" for x in t.children):
                # "valves and garden products": the first kind is no modifier of the last
                last = [x for x in t.children if x.dep_ == "conj" and x.right_edge.i == start - 1]
                if last and not any(x.i in self.token_mention or x.pos_ in {"DET", "PRON"} for x in last[0].subtree):
                    start = last[0].left_edge.i
                break
            sub = list(t.subtree)
            one_word = all(not x.whitespace_ for x in sub[:-1]) and any(x.tag_ == "HYPH" for x in sub)
            # a gerund or participle modifier is fine ("building management systems", "managed services"),
            # and so is one hyphenated word ("ad-supported"); a clause is not
            clause = not one_word and any(x.pos_ in {"VERB", "AUX"} and (x.tag_ not in {"VBG", "VBN"} or any(True for _ in x.children))
                                          for x in sub)
            if t.lower_ in vague or clause or any(x.i in self.token_mention or x.pos_ in {"DET", "PRON"} for x in sub):
                break
            start = t.left_edge.i
        while start < tok.i and (self.doc[start].is_punct or self.doc[start].lower_ in vague or self.doc[start].pos_ == "CCONJ"):
            start += 1
        end = tok.i + 1
        if tok.lower_ in lex["generic_heads_dropped"]:
            if start == tok.i:
                return None  # "products" alone names nothing
            end = tok.i
            if self.doc[end - 1].pos_ not in {"NOUN", "PROPN"}:
                return None  # "security and commercial solutions": adjectives name no kind of product
            if end - start == 1 and self.doc[start].lemma_.lower() in lex["vague_product_heads"]:
                return None  # "technology solutions" names no kind either
        elif not (framed or kind_of_product(tok) or (tok.text.isupper() and len(tok.text) >= 2)):
            # "provides design and testing", "offers hope": not a kind of product; an
            # acronym noun ("produces HVAC") names one
            return None
        elif start == tok.i and tok.lemma_.lower() in lex["vague_product_heads"]:
            return None  # "provides equipment", "a scalable platform": no kind is named
        span = self.doc[start:end]
        if not span.text.strip() or span.text.lower() in lex["non_products"]:
            return None
        m = Mention(start, end, span.text, "generic", "Product")
        self.generic_added = True
        key = normalize(span.text)
        named = self.by_key.get(key)
        if named is not None and span.text.islower() and not any(x.text.islower() for x in named.mentions):
            key += "\x1fcommon"  # "Valves sells valves": the company is no product of its own
        ent = self.add(m, key=key)
        self.token_mention[tok.i] = m  # the dropped head still points at the product
        ent.votes["Product"] += 1
        ent.type = choose_type(ent.votes)
        return ent

    def root(self, m: Mention) -> Token:
        """Syntactic head of a mention's span (cached; building Spans is not free)."""
        key = (m.start, m.end)
        tok = self._roots.get(key)
        if tok is None:
            tok = self.tokens[self.doc[m.start:m.end].root.i]
            self._roots[key] = tok
        return tok

    @property
    def text(self) -> str:
        """The Doc's text, joined once (``Doc.text`` joins every token again on each call)."""
        if self._text is None:
            self._text = "".join(t.text_with_ws for t in self.tokens)  # the Tokens exist already
        return self._text

    @property
    def sentences(self) -> list[Span]:
        """The Doc's sentence Spans, made once (``Token.sent`` rebuilds them on every call)."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        return self._sents

    def sent_of(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        sents = self.sentences
        return sents[bisect.bisect_right(self._sent_starts, i) - 1]

    def entity_at(self, i: int) -> Entity | None:
        m = self.token_mention.get(i)
        return m.entity if m else None

    def mention_at(self, i: int) -> Mention | None:
        return self.token_mention.get(i)

    def entities(self) -> list[Entity]:
        return [e for e in self.by_key.values() if e.mentions]


def build_entities(doc: Doc) -> EntityTable:
    """Find, split, cluster and type the entity mentions of ``doc``."""
    table = EntityTable(doc)
    toks = table.tokens
    raw = candidate_mentions(doc, toks)  # one Token object per position: indexing a Doc builds a new one each time

    # Names that stand alone as organisations somewhere in the text (vendors, not families).
    org_names = {normalize(m.text) for m in raw if m.ner_class == "Organization" and m.source == "ner"}
    person_names = {normalize(m.text) for m in raw if m.ner_class == "Person"}

    # Product families: the first name word of a multi-word named product.
    countries = {**demonyms(), **country_abbreviations()}
    families: set[str] = set()
    for m in raw:
        if m.source == "product-np" and m.end - m.start >= 2 and is_name_token(toks[m.start]) \
                and toks[m.start].text not in countries:  # "Swiss Battery Innovation Hub": no family "Swiss"
            first = normalize(toks[m.start].text)
            if first and first not in org_names and first not in person_names:
                families.add(first)

    cats = entity_lexicon()["category_nouns"]
    suffixes = set(entity_lexicon()["corporate_suffixes"])
    same_company: dict[int, str] = {}  # mention start -> the key of the company it names in full
    mentions: list[Mention] = []
    known_names = {normalize(m.text): m for m in raw if m.ner_class != "Place"}
    for m in raw:
        words = [normalize(toks[i].text) for i in range(m.start, m.end)]
        first = words[0] if words else ""
        if m.vendor is None and m.ner_class == "Product" and m.source == "ner":
            code = first_model_code(toks, m.start, m.end)
            # "Aston Martin V8" beside "Aston Martin": the longest leading name the text also
            # uses on its own is the model's brand
            for k in range(code or m.start, m.start, -1):
                other = known_names.get(normalize(span_text(toks, m.start, k)))
                if other is not None and other is not m:
                    m.vendor = Mention(m.start, k, span_text(toks, m.start, k), "split", "Organization")
                    break
        if m.vendor is not None:
            mentions.append(m.vendor)
            mentions.append(m)
            continue
        if (m.end - m.start >= 2 and first in org_names and m.source == "product-np"
                and all(toks[i].lower_ in company_words() for i in range(m.start + 1, m.end))):
            # "Brightpath Software" beside "Brightpath": the company's full name, not a product of it
            m.ner_class = "Organization"
            same_company[m.start] = first
            mentions.append(m)
            continue
        # "<Org> <Product...>": split off the vendor.
        if m.end - m.start >= 2 and first in org_names and (
            m.source == "product-np" or normalize(toks[m.start + 1].text) in families
        ):
            vendor = Mention(m.start, m.start + 1, toks[m.start].text, "split", "Organization")
            rest_key = normalize(span_text(toks, m.start + 1, m.end))
            if rest_key in families or any(normalize(o.text) == rest_key and o is not m for o in raw):
                product = Mention(
                    m.start + 1, m.end, span_text(toks, m.start + 1, m.end), "split", "Product", vendor=vendor, alias=m.text
                )
            elif all(toks[i].text.islower() or toks[i].lower_ in suffixes for i in range(m.start + 1, m.end)):
                # "Acme Inc. engine": the vendor and a common noun name no product, they
                # describe one (an unnamed product, like "makes engines")
                product = Mention(m.start, m.end, m.text, "generic", "Product", vendor=vendor)
            else:
                product = Mention(m.start, m.end, m.text, m.source, "Product", vendor=vendor)
            mentions.append(vendor)
            mentions.append(product)
            continue
        if first in families:
            m.ner_class = "Product"
        mentions.append(m)

    persons_full: dict[str, str] = {}
    for m in mentions:
        if m.ner_class == "Person" and m.end - m.start >= 2:
            persons_full[normalize(toks[m.end - 1].text)] = normalize(m.text)
    # "Zorb" after "Zorb Technology", "Harbor" after "Harbor Partners": a company's short form
    # drops the word that says what kind of company it is
    name_heads = set(entity_lexicon()["company_name_heads"])
    long_forms: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.ner_class != "Place" and m.end - m.start >= 2 and toks[m.end - 1].lower_ in name_heads:
            long_forms[normalize(span_text(toks, m.start, m.end - 1))].add(normalize(m.text))
    orgs_full = {short: next(iter(full)) for short, full in long_forms.items() if short and len(full) == 1}
    abbreviations = country_abbreviations()
    codes = postal_codes()
    place_ends = {m.end for m in mentions if m.ner_class == "Place"}
    place_labels: dict[str, str] = {}
    defined = _acronym_definitions(toks, mentions)
    defining = {id(m) for m in defined.values()}
    keyed: dict[int, str] = {}  # id of a defining long form -> the key it got
    for m in mentions:
        key = normalize(m.text)
        if not key:
            continue
        long_form = defined.get(key)
        if long_form is not None and long_form is not m and id(long_form) in keyed:
            # "Kesko Micro Devices (KMD) ... KMD said": the defined short form is the same entity
            ent = table.add(m, key=keyed[id(long_form)])
            continue
        # "Musk" after "Elon Musk": the same person.
        if m.end - m.start == 1 and key in persons_full and m.ner_class in {None, "Person"}:
            key = persons_full[key]
        elif (key in orgs_full and m.ner_class in {None, "Organization", "Person"} and key not in persons_full
              and len(m.text.split()) == len(key.split())):
            # (only the short form itself: "Halden Group" keys as "halden" too, and is Halden Motors' parent)
            key = orgs_full[key]
        key = same_company.get(m.start, key) if m.source == "product-np" else key
        country = (countries.get(m.text) if m.ner_class in {None, "Place"}
                   else abbreviations.get(m.text) if m.ner_class == "Organization" else None)  # "UAE" tagged ORG
        if (m.end - m.start == 1 and m.text in codes and m.start >= 2 and toks[m.start - 1].text == ","
                and m.start - 1 in place_ends):
            # "Tarnby, WI": a state's postal code after a place is a place, not an organisation; it keeps
            # the code as its label (annotated data writes it so), unlike "U.S." below
            m.ner_class = "Place"
        if country is not None and m.end - m.start == 1 and m.text in demonyms() and _names_a_language(toks[m.start]):
            continue  # "in English", "into Spanish": a language, no place
        if country is not None:
            # "U.S.", "UK", "Swiss" standing alone name a country: its name is the label, the short form an alias
            key = normalize(country)
            place_labels[key] = country
            m.ner_class = "Place"
        ent = table.add(m, key=key)
        if m.alias:
            ent.aliases.add(m.alias)
        if id(m) in defining:
            keyed[id(m)] = key

    # Votes: NER class (weight 1), rules (2), descriptors (3).
    for m in table.mentions:
        ent = m.entity
        assert ent is not None
        if m.ner_class:
            ent.votes[m.ner_class] += 2 if m.source in {"product-np", "split"} else 1
        for d in descriptors(doc, m, table.root(m)):
            cls = category_of(d)
            if cls:
                ent.votes[cls] += 3
            if (cls == "Product" or ent.votes.get("Product", 0)) and _is_cloud_descriptor(d):
                ent.votes["CloudProduct"] += 3
        if m.vendor is not None and m.vendor.entity is not None:
            m.vendor.entity.votes["Company"] += 1
        if ent.key in families:
            ent.family = ent.key
            ent.votes["Product"] += 2
        elif m.start < len(doc) and normalize(toks[m.start].text) in families and ent.votes.get("Product"):
            ent.family = normalize(toks[m.start].text)
        head_class = category_of(toks[m.end - 1]) if m.end - m.start > 1 and toks[m.end - 1].text[:1].isupper() else None
        if head_class in {"Company", "Organization", "Place"} and m.source not in {"split"}:
            ent.votes[head_class] += 2  # "Supreme Court", "Foreign Ministry", "Mexico City"
        if _has_cloud_name(m.text) and ent.votes.get("Product"):
            ent.votes["CloudProduct"] += 1
        if m.source == "ner" and m.ner_class == "Organization" and MIDDLE_INITIAL.fullmatch(m.text):
            ent.votes["Person"] += 2  # "Ann K. Berg" tagged ORG: a given name, a middle initial, a surname

    long_labels = {keyed[id(m)]: m.text for m in defined.values() if id(m) in keyed}
    for ent in table.entities():
        ent.type = choose_type(ent.votes) if ent.votes else "Organization"
        # a defined abbreviation's entity is named by the long form it abbreviates
        ent.label = place_labels.get(ent.key) or long_labels.get(ent.key) or _best_label(ent)
        if ent.key in place_labels:
            ent.aliases.update(m.text for m in ent.mentions)

    # A family shares the cloud nature of its members and their founder.
    cloud_families = {e.family for e in table.entities() if e.family and e.type == "CloudProduct"}
    for ent in table.entities():
        if ent.family in cloud_families and top_class(ent.type) == "Product":
            ent.type = "CloudProduct"

    # Untyped proper-noun chains keep type "Untyped": a relation pattern may type them
    # later (the subject of "was founded by" is an organisation); otherwise they are dropped.
    for ent in table.entities():
        if not ent.votes:
            ent.type = UNTYPED
    return table


def _acronym_definitions(toks: list[Token], mentions: list[Mention]) -> dict[str, Mention]:
    """Short form key -> the long form it was defined for: "Kesko Micro Devices (KMD)".

    A name, then a bracketed one-word name that abbreviates it (see
    :func:`kg.names.abbreviates`); a country's abbreviation keeps its country.
    """
    out: dict[str, Mention] = {}
    by_start = {m.start: m for m in mentions}
    countries = country_abbreviations()
    for m in mentions:
        short = by_start.get(m.end + 1)
        # (a mention starts at m.end + 1, so toks[m.end] exists)
        if (short is None or toks[m.end].text != "(" or short.end - short.start != 1
                or short.end >= len(toks) or toks[short.end].text != ")" or short.text in countries):
            continue
        if m.ner_class != "Place" and abbreviates(short.text, m.text):
            out.setdefault(normalize(short.text), m)
    return out


def _names_a_language(tok: Token) -> bool:
    """A nationality word used as a language: "published in English", "translated into Spanish"."""
    return tok.dep_ == "pobj" and tok.head.lower_ in {"in", "into"} and not any(c.dep_ == "amod" for c in tok.children)


def _best_label(ent: Entity) -> str:
    """Canonical label: the longest mention text that is a proper name, preferring NER spans."""
    names = Counter(m.text for m in ent.mentions)
    if not names:
        return ent.label
    # Prefer the most frequent surface form, then the longest (full person names); a dateline's
    # capitals ("AUSTIN") give way to the name as the text writes it elsewhere
    return max(names, key=lambda n: (len(n.split()) if top_class(ent.type) == "Person" else 0,
                                     not (is_caps_word(n.replace(" ", "")) and len(n) > 4), names[n], len(n)))
