"""A learned relation classifier over entity pairs, used where the rules say nothing.

The rules in :mod:`kg.extract.relations` are precise but only fire on phrasings
they know. This module scores every other pair of entities that share a
sentence with a small multinomial logistic regression over sparse, unlexicalised
context features: the entity classes, the words between the two mentions, the
dependency path that links them and the words around them. Entity names
themselves are never features, so what the model learns is how a relation is
phrased, not which companies were in its training texts.

The weights (``kg/data/pair_model.json.gz``) are trained by
``scripts/train_pairs.py`` on the dev splits of the permissively licensed gold
files only; the script reproduces the shipped file and reports
cross-validated scores. Classes are relation *families* with a direction
("the first mention is the family's subject" or the second); the family is then
written as the ontology relation that states it.
"""
from __future__ import annotations

import bisect
import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy import symbols
from spacy.attrs import HEAD, IS_SPACE, POS
from spacy.tokens import Doc, Span, Token

from kg.extract.mentions import UNTYPED, EntityTable, top_class
from kg.names import normalize
from kg.model import Entity, Mention
from kg.lexicon import relations as relation_lexicon
from kg.ontology import signatures

MODEL_FILE = "pair_model.json.gz"
MAX_GAP = 24  # tokens between two mentions; farther pairs are not scored
NONE = "none"

# family -> the ontology relation that states it, given (family subject, family object)
ACQUISITION_WORDS = frozenset({"acquire", "acquisition", "buy", "purchase", "takeover", "merge", "merger"})
HEADQUARTER_WORDS = frozenset({"headquarter", "headquarters", "hq", "base", "head"})


@dataclass(frozen=True)
class PairExample:
    """Features of one ordered mention pair (``first`` precedes ``second`` in the text)."""

    first: Mention
    second: Mention
    sentence: Span
    features: tuple[str, ...]
    anchor: Token | None  # the lowest common ancestor in the parse: negation and hedging are read there


RELATION_FAMILY = {
    "partnersWith": "partnership", "foundedBy": "founder", "offers": "product", "usesProduct": "uses",
    "worksFor": "person", "locatedIn": "location", "headquarteredIn": "location",
    "subsidiaryOf": "corporate", "acquired": "corporate", "investsIn": "corporate",
}


@lru_cache(maxsize=1)
def _triggers() -> dict[str, frozenset[str]]:
    """Trigger lemma -> relation families, from the rules' lexicon (kg/data/relations.json)."""
    lex = relation_lexicon()
    out: dict[str, set[str]] = {}
    for frame in lex["verbs"] + lex["nouns"]:
        fam = RELATION_FAMILY.get(frame["relation"])
        if frame.get("dobj_nouns") == "duration":
            continue  # "spend" says nothing alone ("spent a fortune at X"): not a trigger the classifier reads
        if fam:
            out.setdefault(frame["lemma"], set()).add(fam)
    for word in lex["titles"]["words"]:
        out.setdefault(word, set()).add("person")
    for word, rel in lex["place_nouns"].items():
        out.setdefault(word, set()).add(RELATION_FAMILY[rel])
    return {k: frozenset(v) for k, v in out.items()}


class _DocView:
    """Per-Doc caches: one Token object per position and each token's feature lemma."""

    def __init__(self, doc: Doc, table: EntityTable):
        self.doc = doc
        self.toks: list[Token] = table.tokens
        self._lemmas: list[str | None] = [None] * len(self.toks)
        n = len(self.toks)
        self._deps: list[str | None] = [None] * n
        self._shapes: dict[tuple[int, int], str] = {}
        arr = doc.to_array([HEAD, POS, IS_SPACE]).astype(np.int64) if n else np.zeros((0, 3), dtype=np.int64)
        arr[:, 0] += np.arange(n, dtype=np.int64)  # HEAD is stored relative to the token
        self.heads, self.pos, self.space = (arr[:, k].tolist() for k in range(3))

    def dep(self, i: int) -> str:
        d = self._deps[i]
        if d is None:
            d = self._deps[i] = self.toks[i].dep_
        return d

    def lemma(self, i: int) -> str:
        lem = self._lemmas[i]
        if lem is None:
            tok = self.toks[i]
            lem = "<num>" if tok.like_num else (tok.lemma_.lower() or tok.lower_)
            self._lemmas[i] = lem
        return lem

    def root(self, m: Mention) -> int:
        """The mention's syntactic head: its first token whose head lies outside it."""
        for i in range(m.start, m.end):
            h = self.heads[i]
            if h < m.start or h >= m.end or h == i:
                return i
        return m.end - 1

    def shape(self, m: Mention) -> str:
        if m.source == "pronoun":
            return "pron"
        if m.source == "nominal":
            return "nominal"
        shape = self._shapes.get(m.span)
        if shape is None:
            named = all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in self.toks[m.start:m.end])
            shape = self._shapes[m.span] = "name" if named else "np"
        return shape


def dependency_path(heads: list[int], a: int, b: int) -> tuple[list[int], int | None, list[int]]:
    """Token indices from ``a`` up to the lowest common ancestor and from ``b`` up to it."""
    up_a = [a]
    seen = {a: 0}
    t = a
    while len(up_a) < 12 and heads[t] != t:
        t = heads[t]
        seen[t] = len(up_a)
        up_a.append(t)
    up_b = [b]
    t = b
    while t not in seen and len(up_b) < 12 and heads[t] != t:
        t = heads[t]
        up_b.append(t)
    if t not in seen:
        return up_a, None, up_b
    return up_a[: seen[t]], t, up_b[:-1]


def head_indices(doc: Doc) -> list[int]:
    """Absolute head index of every token, read in one call (Token.head builds an object per call).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> head_indices(Doc(spacy.blank("en").vocab, words=["a", "b", "c"], heads=[1, 1, 1], deps=["x", "ROOT", "y"]))
    [1, 1, 1]
    """
    if not len(doc):
        return []
    rel = doc.to_array([HEAD]).astype(np.int64)  # stored relative to the token, as uint64
    return (rel + np.arange(len(doc), dtype=np.int64)).tolist()


def pair_features(doc: Doc, table: EntityTable, first: Mention, second: Mention) -> tuple[str, ...]:
    """Unlexicalised context features of one ordered pair of mentions.

    Entity words never appear; the words between the mentions, the dependency
    path and one word of context on each side do.
    """
    return _describe(_DocView(doc, table), first, second)[0]


_VERB, _AUX, _NOUN = int(symbols.VERB), int(symbols.AUX), int(symbols.NOUN)
_POS_NAMES = {_VERB: "VERB", _AUX: "AUX", _NOUN: "NOUN"}
BETWEEN_NOUN_DEPS = frozenset({"ROOT", "attr", "appos", "pobj", "dobj"})


def _describe(view: _DocView, first: Mention, second: Mention) -> tuple[tuple[str, ...], Token | None]:
    toks, lemma = view.toks, view.lemma
    ent1, ent2 = first.entity, second.entity
    assert ent1 is not None and ent2 is not None
    t1 = top_class(ent1.type) if ent1.type != UNTYPED else "U"
    t2 = top_class(ent2.type) if ent2.type != UNTYPED else "U"
    feats: list[str] = [f"T:{t1}|{t2}", f"N:{first.ner_class or '-'}|{second.ner_class or '-'}",
                        f"S:{view.shape(first)}|{view.shape(second)}"]
    gap = second.start - first.end
    feats.append(f"G:{gap if gap < 10 else (15 if gap < 16 else 24)}")
    between = range(first.end, second.start)
    space, posv = view.space, view.pos
    lem = [lemma(i) for i in between if not space[i]]
    if gap <= 5:
        joined = "_".join(lem)
        feats.append("B:" + joined)
        feats.append(f"TB:{t1}|{joined}|{t2}")
    triggers = _triggers()
    for w in lem[:8]:
        feats.append("b:" + w)
        for fam in triggers.get(w, ()):
            feats.append("tb:" + fam)
    for i in between:
        pos = posv[i]
        if pos == _VERB or pos == _AUX or (pos == _NOUN and view.dep(i) in BETWEEN_NOUN_DEPS):
            feats.append(f"bv:{_POS_NAMES[pos]}:{lemma(i)}")
    feats.append("w-1:" + (lemma(first.start - 1) if first.start > 0 else "<s>"))
    feats.append("w+1:" + (lemma(second.end) if second.end < len(toks) else "</s>"))
    r1, r2 = view.root(first), view.root(second)
    dep, heads = view.dep, view.heads
    feats.append(f"d1:{dep(r1)}")
    feats.append(f"d2:{dep(r2)}")
    up, lca_i, down = dependency_path(heads, r1, r2)
    lca = toks[lca_i] if lca_i is not None else None
    if lca is not None:
        ups = "^".join(dep(i) for i in up)
        downs = "v".join(dep(i) for i in reversed(down))
        lca_l = lemma(lca_i)
        feats.append(f"P:{ups}|{downs}")
        feats.append(f"PL:{ups}|{lca_l}|{downs}")
        feats.append(f"L:{lca_l}")
        feats.append(f"TL:{t1}|{lca_l}|{t2}")
        for fam in triggers.get(lca_l, ()):
            feats.append(f"tL:{fam}:{'pass' if lca.tag_ == 'VBN' else lca.pos_}")
        for i in up[1:] + down[1:]:
            tl = lemma(i)
            feats.append("p:" + tl)
            for fam in triggers.get(tl, ()):
                feats.append("tp:" + fam)
        if len(up) + len(down) <= 4:
            feats.append("Pw:" + "^".join(lemma(i) for i in up[1:]) + "|" + lca_l + "|"
                         + "v".join(lemma(i) for i in reversed(down[1:])))
    else:
        feats.append("P:none")
    if heads[r1] == r2 or heads[r2] == r1:
        feats.append(f"direct:{dep(r1) if heads[r1] == r2 else dep(r2)}")
    return tuple(feats), lca


NAMED_SOURCES = frozenset({"ner", "propn", "product-np"})
SKIPPED_SOURCES = frozenset({"generic"})  # unnamed products a rule registered; noun phrases stand in for them
VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
NP_LEAD_DEPS = frozenset({"det", "poss", "nummod", "predet", "case", "punct", "quantmod"})


def _np_mentions(doc: Doc, table: EntityTable) -> list[Mention]:
    """Common-noun phrases no name covers, as possible unnamed products ("compressed wood pellets").

    Leading determiners, possessives and numbers are dropped; each phrase gets a
    transient entity that only joins the table if a relation is found for it.
    """
    out: list[Mention] = []
    for chunk in doc.noun_chunks:
        if chunk.root.pos_ != "NOUN":
            continue
        s, e = chunk.start, chunk.end
        while s < e and (doc[s].dep_ in NP_LEAD_DEPS or doc[s].pos_ in {"DET", "PRON", "NUM", "PUNCT"}):
            s += 1
        if s >= e or any(i in table.token_mention for i in range(s, e)):
            continue
        text = doc[s:e].text
        m = Mention(s, e, text, "np", None)
        m.entity = Entity(key="np:" + normalize(text), label=text, type=UNTYPED)
        out.append(m)
    return out


# A relation family always has an organisation (or a still untyped name) on one side.
RELATING_CLASSES = frozenset({"Organization", "U"})


def _top(ent: Entity) -> str:
    return top_class(ent.type) if ent.type != UNTYPED else "U"


FAMILY_RELATIONS = {"partnership": ("partnersWith",), "product": ("offers",), "corporate": ("subsidiaryOf", "acquired"),
                    "person": ("worksFor",), "location": ("locatedIn", "headquarteredIn"), "founder": ("foundedBy",)}


@lru_cache(maxsize=64)
def class_pairs(families: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """Top-class pairs (either order, "U" for untyped) that the relations of ``families`` can link."""
    out: set[tuple[str, str]] = set()
    for fam in families:
        for rel in FAMILY_RELATIONS.get(fam, ()):
            dom, rng = signatures()[rel]
            for d in {top_class(c) for c in dom} | {"U"}:
                for r in {top_class(c) for c in rng} | {"U"}:
                    out.update({(d, r), (r, d)})
    return frozenset(out)


def sentence_pairs(doc: Doc, table: EntityTable, noun_phrases: bool = True,
                   skip: set[frozenset[str]] | None = None,
                   classes: frozenset[tuple[str, str]] | None = None) -> list[PairExample]:
    """One example per pair of distinct entities sharing a sentence: their closest mentions.

    Only pairs with an organisation (or an untyped name) on one side are kept.
    With ``noun_phrases``, common-noun phrases are paired with organisations too
    (a company and the goods it makes are often not named). Entity-key pairs in
    ``skip`` are left out, and so are pairs whose top classes are not in ``classes``
    (see :func:`class_pairs`) when it is given.
    """
    out: list[PairExample] = []
    by_sent: dict[int, list[Mention]] = {}
    sents = table.sentences
    starts = [s.start for s in sents]
    toks = table.tokens
    view: _DocView | None = None
    tops: dict[int, str] = {}

    for m in table.mentions:
        if m.entity is None or m.source in SKIPPED_SOURCES or (m.entity.type == UNTYPED and m.source not in NAMED_SOURCES):
            continue
        if m.source == "split" and m.ner_class == "Organization":
            continue  # the brand inside a product's name ("Kesko" of "Kesko Cloud") plays the product's part
        if toks[m.start].ent_type_ in VALUE_LABELS:
            continue  # "August" of "August 1956": a date, not a name
        k = bisect.bisect_right(starts, m.start) - 1
        by_sent.setdefault(k, []).append(m)
    if noun_phrases and by_sent:
        for m in _np_mentions(doc, table):
            k = bisect.bisect_right(starts, m.start) - 1
            if k in by_sent:
                by_sent[k].append(m)
    for k, ms in by_sent.items():
        if len(ms) < 2:
            continue
        ms.sort(key=lambda m: (m.start, m.end))
        best: dict[tuple[str, str], tuple[int, Mention, Mention]] = {}
        for m in ms:
            if id(m) not in tops:
                tops[id(m)] = _top(m.entity)
        for i, a in enumerate(ms):
            ta = tops[id(a)]
            for b in ms[i + 1:]:
                if b.start < a.end or a.entity.key == b.entity.key:
                    continue
                gap = b.start - a.end
                if gap > MAX_GAP:
                    break
                tb = tops[id(b)]
                if ta not in RELATING_CLASSES and tb not in RELATING_CLASSES:
                    continue
                if classes is not None and (ta, tb) not in classes:
                    continue
                if (a.source == "np" or b.source == "np") and not (
                    a.source != b.source and (tb if a.source == "np" else ta) == "Organization"
                ):
                    continue
                key = (a.entity.key, b.entity.key) if a.entity.key < b.entity.key else (b.entity.key, a.entity.key)
                if skip and frozenset(key) in skip:
                    continue
                if key not in best or gap < best[key][0]:
                    best[key] = (gap, a, b)
        for _, a, b in best.values():
            if view is None:
                view = _DocView(doc, table)
            feats, lca = _describe(view, a, b)
            out.append(PairExample(a, b, sents[k], feats, lca))
    return out


class PairModel:
    """Multinomial logistic regression over hashed-free sparse string features."""

    def __init__(self, classes: list[str], weights: dict[str, list[float]], bias: list[float], meta: dict | None = None):
        self.classes = classes
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}
        self._row = {f: i for i, f in enumerate(weights)}
        self._matrix = np.array(list(weights.values()), dtype=np.float64).reshape(len(weights), len(classes))
        self._bias = np.array(bias, dtype=np.float64)

    def probabilities(self, features: tuple[str, ...]) -> list[float]:
        """Class probabilities (softmax) for one example's features; unknown features are ignored."""
        return self.batch_probabilities([features])[0]

    def batch_probabilities(self, examples: list[tuple[str, ...]]) -> list[list[float]]:
        """Class probabilities of many examples at once (one matrix operation)."""
        if not examples:
            return []
        scores = self._scores(examples)
        scores -= scores.max(axis=1, keepdims=True)
        exps = np.exp(scores)
        return (exps / exps.sum(axis=1, keepdims=True)).tolist()

    def predict(self, examples: list[tuple[str, ...]]) -> list[tuple[str, float]]:
        """The most probable class of each example and its probability."""
        if not examples:
            return []
        scores = self._scores(examples)
        best = scores.argmax(axis=1)
        scores -= scores[np.arange(len(examples)), best][:, None]
        probs = 1.0 / np.exp(scores).sum(axis=1)
        return [(self.classes[j], p) for j, p in zip(best.tolist(), probs.tolist())]

    def _scores(self, examples: list[tuple[str, ...]]) -> np.ndarray:
        get = self._row.get
        rows: list[int] = []
        starts: list[int] = []
        has: list[int] = []
        for n, feats in enumerate(examples):
            found = [r for r in map(get, feats) if r is not None]
            if found:
                starts.append(len(rows))
                has.append(n)
                rows.extend(found)
        scores = np.tile(self._bias, (len(examples), 1))
        if rows:
            scores[has] += np.add.reduceat(self._matrix[rows], starts, axis=0)
        return scores

    def to_json(self) -> dict:
        return {"classes": self.classes, "bias": self.bias, "weights": self.weights, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "PairModel":
        return cls(data["classes"], data["weights"], data["bias"], data.get("meta"))


@lru_cache(maxsize=1)
def shipped_model() -> PairModel | None:
    """The model shipped in ``kg/data``; None when the package was built without it."""
    ref = resources.files("kg.data").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    with ref.open("rb") as fh:
        return PairModel.from_json(json.loads(gzip.decompress(fh.read()).decode("utf-8")))


def family_relation(family: str, sentence: Span) -> tuple[str, bool]:
    """The ontology relation that states ``family`` and whether its arguments swap.

    The family's subject is the owner in ``corporate`` and the organisation in
    ``person``; kg states those as ``subsidiaryOf(child, parent)`` (or
    ``acquired`` when the sentence speaks of buying) and ``worksFor(person, org)``.
    """
    lemmas = {t.lemma_.lower() for t in sentence}
    if family == "partnership":
        return "partnersWith", False
    if family == "product":
        return "offers", False
    if family == "founder":
        return "foundedBy", False
    if family == "person":
        return "worksFor", True
    if family == "location":
        return ("headquarteredIn" if lemmas & HEADQUARTER_WORDS else "locatedIn"), False
    if family == "corporate":
        return ("acquired", False) if lemmas & ACQUISITION_WORDS else ("subsidiaryOf", True)
    raise ValueError(f"unknown relation family {family!r}")
