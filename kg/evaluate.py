"""Scoring extracted triples against gold files (``../shared/eval`` schema).

Precision honours each record's ``annotation_scope`` (see the eval folder's
SOURCES.md): which predictions can be judged depends on what the annotators
covered. Scores are given at two levels:

* strict: the relation name must match (``partnersWith`` either way round);
* family: relations grouped by meaning with directions normalised, so our
  ``worksFor(person, org)`` matches the datasets' ``employs/keyPerson/ceo(org, person)``
  and ``subsidiaryOf/owns/acquired`` share ``corporate`` as (owner, owned).

Entities match case-, punctuation- and corporate-suffix-insensitively against
the gold name or any alias, or when one name's words are a contiguous run of
at least half of the other's ("Azure N-Series" ~ "Azure N-Series virtual machines");
a comma-qualified gold name ("Springfield, Illinois") also matches its first part, and a
final plural "s" is ignored ("online games" ~ "Online Game").
"""
from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GoldError
from kg.names import normalize

# relation -> (family, True when (subject, object) must be swapped to the family's direction)
FAMILY: dict[str, tuple[str, bool]] = {
    "partnersWith": ("partnership", False),
    "foundedBy": ("founder", False),
    "offers": ("product", False),
    "develops": ("product", False),
    "manufactures": ("product", False),
    "usesProduct": ("uses_product", False),
    "worksFor": ("person", True),  # ours: (person, org); family direction: (org, person)
    "keyPerson": ("person", False),
    "ceo": ("person", False),
    "employs": ("person", False),
    "headquarteredIn": ("location", False),
    "locatedIn": ("location", False),
    "subsidiaryOf": ("corporate", True),  # (child, parent) -> (parent, child)
    "owns": ("corporate", False),
    "acquired": ("corporate", False),
    "investsIn": ("corporate", False),
}
SYMMETRIC_FAMILIES = {"partnership"}
CONF_THRESHOLD = 0.8


@dataclass(frozen=True)
class Arg:
    name: str
    aliases: frozenset[str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_hi: int = 0
    fp_hi: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tp_hi += other.tp_hi
        self.fp_hi += other.fp_hi

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision_hi(self) -> float:
        return self.tp_hi / (self.tp_hi + self.fp_hi) if self.tp_hi + self.fp_hi else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "precision_at_0.8": round(self.precision_hi, 4), "judged_at_0.8": self.tp_hi + self.fp_hi,
        }


@dataclass
class FileScore:
    path: str
    records: int = 0
    errors: int = 0
    unjudged: int = 0
    strict: Counts = field(default_factory=Counts)
    family: Counts = field(default_factory=Counts)
    by_relation: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_family: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def as_dict(self) -> dict:
        return {
            "file": self.path, "records": self.records, "errors": self.errors, "unjudged_predictions": self.unjudged,
            "strict": self.strict.as_dict(), "family": self.family.as_dict(),
            "by_relation": {k: v.as_dict() for k, v in sorted(self.by_relation.items())},
            "by_family": {k: v.as_dict() for k, v in sorted(self.by_family.items())},
        }


def _words(name: str) -> list[str]:
    """Normalised words, the last one singular ("online games" ~ "Online Game")."""
    words = normalize(name).split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return words


def names_match(pred: str, gold: Arg, exact: bool = False) -> bool:
    """True when a predicted label names the gold argument.

    >>> names_match("Microsoft Corp.", Arg("Microsoft", frozenset()))
    True
    >>> names_match("Microsoft", Arg("Microsoft Cognitive Toolkit", frozenset()))
    False
    """
    p = _words(pred)
    if not p:
        return False
    names = [gold.name, *gold.aliases]
    # "Springfield, Illinois": a place disambiguated by its region (DBpedia style) also goes by its first part
    names += [n.split(",")[0] for n in names if "," in n and not exact]
    for cand in names:
        g = _words(cand)
        if not g:
            continue
        if p == g:
            return True
        if exact:
            continue
        short, long_ = (p, g) if len(p) < len(g) else (g, p)
        if len(short) >= 2 and 2 * len(short) >= len(long_) and any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
            return True
    return False


def _gold_arg(t: dict, side: str, record: dict) -> Arg:
    aliases = set(t.get(f"{side}_aliases") or [])
    name = t[side]
    for surface, canonical in (record.get("aliases") or {}).items():
        if normalize(canonical) == normalize(name):
            aliases.add(surface)
    return Arg(name, frozenset(a for a in aliases if isinstance(a, str)))


def _family_pair(rel: str, s, o):
    fam, swap = FAMILY.get(rel, (None, False))
    return fam, ((o, s) if swap else (s, o))


def _scope(record: dict) -> str:
    scope = (record.get("annotation_scope") or "exhaustive").split(" ")[0]
    return scope


@dataclass
class Gold:
    relation: str | None
    subject: Arg
    object: Arg
    unresolved: bool


def _gold_triples(record: dict) -> list[Gold]:
    out = []
    for t in record.get("triples", []):
        if not isinstance(t, dict) or "subject" not in t or "object" not in t:
            raise GoldError(f"record {record.get('id')}: gold triple without subject/object; expected the eval schema")
        out.append(Gold(t.get("relation"), _gold_arg(t, "subject", record), _gold_arg(t, "object", record), bool(t.get("unresolved_mention"))))
    return out


def _pair_matches(ps: str, po: str, gs: Arg, go: Arg, symmetric: bool, exact: bool = False) -> bool:
    if names_match(ps, gs, exact) and names_match(po, go, exact):
        return True
    return symmetric and names_match(ps, go, exact) and names_match(po, gs, exact)


def _in_entities(name: str, record: dict) -> bool:
    ents = [Arg(e.get("text", ""), frozenset()) for e in record.get("entities", []) if isinstance(e, dict)]
    for g in _gold_triples(record):
        ents.extend([g.subject, g.object])
    return any(names_match(name, e) for e in ents)


def score_record(record: dict, predictions: list[dict], level: str) -> tuple[Counts, dict[str, Counts], int]:
    """Score one record's predictions at ``level`` ('strict' or 'family').

    Returns total counts, counts per relation (strict) or family, and the
    number of predictions that could not be judged under the record's scope.
    """
    scope = _scope(record)
    golds = _gold_triples(record)
    key = (lambda rel: rel) if level == "strict" else (lambda rel: FAMILY.get(rel, (None, False))[0])

    def norm(rel: str | None, s, o):
        if rel is None:
            return None, (s, o)
        if level == "strict":
            return rel, (s, o)
        return _family_pair(rel, s, o)

    mapped = [g for g in golds if g.relation is not None]
    listed: set[str] | None = None
    if scope == "exhaustive_for_listed_properties":
        listed = {key(r) for r in record.get("exhaustive_relations", [])}
    neg_pairs = [(Arg(p[0], frozenset()), Arg(p[1], frozenset())) if isinstance(p, list) else
                 (Arg(p.get("subject", ""), frozenset()), Arg(p.get("object", ""), frozenset()))
                 for p in record.get("negative_pairs", []) or []]

    per: dict[str, Counts] = defaultdict(Counts)
    total = Counts()
    unjudged = 0
    matched: set[int] = set()
    seen: set[tuple] = set()
    for p in predictions:
        rel = p["relation"]
        k, (ps, po) = norm(rel, p["subject"], p["object"])
        if k is None or (k, ps, po) in seen:
            continue
        seen.add((k, ps, po))
        symmetric = rel == "partnersWith" or k in SYMMETRIC_FAMILIES
        hit = None
        # Prefer an exact name match to a gold triple not yet matched, then a loose one,
        # then a duplicate of an already matched triple (neither TP nor FP).
        for exact, fresh in ((True, True), (False, True), (False, False)):
            for i, g in enumerate(mapped):
                if fresh and i in matched:
                    continue
                gk, (gs, go) = norm(g.relation, g.subject, g.object)
                if gk == k and _pair_matches(ps, po, gs, go, symmetric, exact):
                    hit = i
                    break
            if hit is not None:
                break
        judged = True
        if hit is None:
            if scope == "exhaustive_tripleset" or scope == "exhaustive_document":
                if any(g.relation is None and _pair_matches(p["subject"], p["object"], g.subject, g.object, True) for g in golds):
                    judged = False
                elif scope == "exhaustive_document" and not (_in_entities(p["subject"], record) and _in_entities(p["object"], record)):
                    judged = False
            elif scope == "exhaustive_for_listed_properties":
                judged = listed is not None and k in listed
            elif scope == "labelled_pairs_only":
                judged = any(_pair_matches(p["subject"], p["object"], g.subject, g.object, True) for g in golds)
            elif scope == "exhaustive_sentence":
                fam = FAMILY.get(rel, (None, False))[0]
                judged = fam in {"person", "location"} and _in_entities(p["subject"], record) and _in_entities(p["object"], record)
            elif scope == "exhaustive_sentence_pairs":
                fam = FAMILY.get(rel, (None, False))[0]
                judged = fam == "product" and (
                    any(_pair_matches(p["subject"], p["object"], a, b, True) for a, b in neg_pairs)
                    or (_in_entities(p["subject"], record) and _in_entities(p["object"], record))
                )
        if not judged:
            unjudged += 1
            continue
        hi = float(p.get("confidence", 1.0)) >= CONF_THRESHOLD
        if hit is not None:
            if hit not in matched:
                matched.add(hit)
                if not mapped[hit].unresolved:
                    total.tp += 1
                    per[k].tp += 1
                    total.tp_hi += hi
                    per[k].tp_hi += hi
            continue
        total.fp += 1
        per[k].fp += 1
        total.fp_hi += hi
        per[k].fp_hi += hi
    for i, g in enumerate(mapped):
        if g.unresolved or i in matched:
            continue
        gk = key(g.relation)
        if gk is None:
            continue
        total.fn += 1
        per[gk].fn += 1
    return total, per, unjudged


def read_gold(path: str | Path) -> Iterator[dict]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file '{path}' ({exc}); expected a UTF-8 JSONL file") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: malformed JSON ({exc.msg}); expected one gold record per line") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not isinstance(rec.get("triples"), list):
            raise GoldError(f"{path}:{n}: expected an object with \"text\" and \"triples\"")
        yield rec


Predictor = Callable[[list[dict]], Iterable[dict]]


def score_file(path: str | Path, predict: Predictor, limit: int | None = None) -> FileScore:
    """Score one gold file; ``predict`` maps records to kg-extract output lines (same order)."""
    records = list(read_gold(path))
    if limit:
        records = records[:limit]
    fs = FileScore(str(path), records=len(records))
    outputs = list(predict([{"id": r.get("id"), "text": r["text"]} for r in records]))
    for rec, out in zip(records, outputs):
        if out.get("error"):
            fs.errors += 1
        preds = out.get("triples", [])
        for level, total, per in (("strict", fs.strict, fs.by_relation), ("family", fs.family, fs.by_family)):
            t, p, unj = score_record(rec, preds, level)
            total.add(t)
            for k, c in p.items():
                per[k].add(c)
            if level == "strict":
                fs.unjudged += unj
    return fs


def format_scores(scores: list[FileScore]) -> str:
    """A Markdown table per file and a per-relation breakdown."""
    lines = ["| file | records | strict P | strict R | strict F1 | family P | family R | family F1 | P@0.8 (family) | unjudged |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        st, fa = s.strict, s.family
        lines.append(f"| {Path(s.path).name} | {s.records} | {st.precision:.3f} | {st.recall:.3f} | {st.f1:.3f} | "
                     f"{fa.precision:.3f} | {fa.recall:.3f} | {fa.f1:.3f} | {fa.precision_hi:.3f} | {s.unjudged} |")
    for s in scores:
        lines += ["", f"**{Path(s.path).name}** per relation (strict)", "", "| relation | TP | FP | FN | P | R | F1 |", "|---|---|---|---|---|---|---|"]
        for rel, c in sorted(s.by_relation.items()):
            lines.append(f"| {rel} | {c.tp} | {c.fp} | {c.fn} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |")
        lines += ["", "| family | TP | FP | FN | P | R | F1 |", "|---|---|---|---|---|---|---|"]
        for fam, c in sorted(s.by_family.items()):
            lines.append(f"| {fam} | {c.tp} | {c.fp} | {c.fn} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |")
    return "\n".join(lines)


def load_reference_scorer(eval_dir: str | Path, required: bool = True):
    """The reference scorer ``score.py`` kept beside the gold files, imported as a module.

    The project publishes that scorer's figures; benchmarks and the pair
    classifier's cut-off search judge with it. Returns None when the file is
    missing and ``required`` is false.
    """
    path = Path(eval_dir) / "score.py"
    if not path.is_file():
        if required:
            raise GoldError(f"no reference scorer at {path}; expected score.py beside the gold files "
                            "(pass the folder that holds it, e.g. --eval-dir ../shared/eval)")
        return None
    spec = importlib.util.spec_from_file_location("kg_reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
