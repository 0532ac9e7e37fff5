"""Plain data records passed between the extraction steps and the store."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Mention:
    """A span of tokens that names (or refers to) an entity."""

    start: int
    end: int
    text: str
    source: str  # ner | product-np | propn | split | nominal | pronoun
    ner_class: str | None = None
    entity: "Entity | None" = None
    vendor: "Mention | None" = None  # "Microsoft" in "Microsoft Cognitive Toolkit"
    alias: str | None = None  # the full surface form when a vendor prefix was split off

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Entity:
    """A canonical entity within one article: label, ontology class, aliases."""

    key: str
    label: str
    type: str = "Organization"
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    family: str | None = None  # product family head, e.g. the first word of "Azure Bot Service"

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and other.key == self.key


@dataclass(frozen=True)
class Evidence:
    """Where a triple was read: article, sentence text and offsets, rule, confidence."""

    article: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Triple:
    subject: str
    relation: str
    object: str
    subject_type: str
    object_type: str
    evidence: Evidence

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.relation, self.object)


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    entities: list[Entity]
    triples: list[Triple]

    def best_triples(self) -> list[Triple]:
        """One triple per (subject, relation, object): the most confident, in first-seen order.

        A symmetric relation stated both ways counts once.
        """
        from kg.ontology import SYMMETRIC

        best: dict[tuple[str, str, str], Triple] = {}
        for t in self.triples:
            k = t.key
            mirror = (t.object, t.relation, t.subject)
            if t.relation in SYMMETRIC and k not in best and mirror in best:
                k = mirror
            current = best.get(k)
            if current is None or t.evidence.confidence > current.evidence.confidence:
                best[k] = t
        return list(best.values())
