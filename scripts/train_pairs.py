"""Train kg's pair classifier and report its cross-validated scores.

    python scripts/train_pairs.py --eval-dir ../shared/eval [--folds 5] [--write] [--cv-out DIR]

Weights are fitted only on the dev splits of the permissively licensed gold
files (Re-DocRED MIT, CORE CC BY 4.0, DFKI product corpus CC BY 4.0,
KnowledgeNet CC BY-SA 4.0). Each candidate pair (see
:func:`kg.extract.pairs.sentence_pairs`) gets the set of classes its record's
``annotation_scope`` allows: the gold class when the pair is annotated, "none"
when the scope says the pair holds no mapped relation, and for partly annotated
records (KnowledgeNet lists the relations it covers; DFKI only labels product
pairs) every class the annotators did not rule out. The model maximises the
probability of the allowed set (a partial-label log likelihood) with L2
regularisation, by L-BFGS (needs numpy and scipy: ``pip install -e '.[train]'``).

Grouped k-fold cross-validation (groups: Re-DocRED title, KnowledgeNet
document, DFKI web page, CORE text) runs rules + classifier end to end on each
held-out fold and scores it with the reference scorer ``score.py`` found in
--eval-dir (the figures the project publishes; ``kg.evaluate`` when it is
missing). The WebNLG and CoNLL04 dev
files are never trained on; the model fitted on all training files is run on
them. The per-family probability cut-offs are then chosen (coordinate ascent)
to maximise the macro family F1 over all seven files while every file keeps its
precision (>= --min-precision, or the rules' own precision if that is lower).
``--write`` writes ``kg/data/pair_model.json.gz`` with the cut-offs and the
figures in its ``meta``. Deterministic: same data, same file.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from kg.api import extraction_record
from kg.evaluate import FAMILY, Arg, Counts, _family_pair, load_reference_scorer, names_match, read_gold, score_record
from kg.extract.extractor import LEARNED_WEIGHT, extract_doc, rule_pass
from kg.model import Extraction
from kg.extract.pairs import MODEL_FILE, NONE, PairModel, sentence_pairs, shipped_model
from kg.extract.pipeline import DEFAULT_MODEL, load_model

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILES = ["redocred-dev.jsonl", "core-dev.jsonl", "dfki-product-dev.jsonl", "knowledgenet-dev.jsonl"]
# Read only to choose the cut-offs and to report; never a source of training pairs (licences).
CHECK_FILES = ["conll04-dev.jsonl", "webnlg-company-dev.jsonl", "webnlg-orgrel-dev.jsonl"]
FAMILIES = ["partnership", "product", "corporate", "person", "location", "founder"]
UNDIRECTED = {"partnership"}  # symmetric: no direction to learn
CUT_KEYS = FAMILIES + ["product-np"]  # unnamed noun-phrase products get a cut-off of their own
CLASSES = [NONE] + [f if f in UNDIRECTED else f"{f}:{d}" for f in FAMILIES for d in ((">",) if f in UNDIRECTED else (">", "<"))]
MIN_COUNT = 2
L2 = 1.0
THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
MIN_PRECISION = 0.66  # per file: a margin over the 0.60 floor for data the model never saw


def classes_of(family: str) -> set[str]:
    return {family} if family in UNDIRECTED else {f"{family}:>", f"{family}:<"}


def group_of(rec: dict) -> str:
    if rec.get("title"):
        return "t:" + str(rec["title"])
    if rec.get("doc"):
        return "d:" + str(rec["doc"])
    src = rec.get("source", "")
    if ":sent:" in src:
        return "s:" + src.split(":sent:")[0]
    return "x:" + rec["text"]


def fold_of(rec: dict, folds: int) -> int:
    return int(hashlib.sha1(group_of(rec).encode("utf-8")).hexdigest()[:8], 16) % folds


def _entity_args(rec: dict) -> list[Arg]:
    out = []
    for e in rec.get("entities") or []:
        if isinstance(e, dict) and e.get("text"):
            out.append(Arg(e["text"], frozenset(x for x in (e.get("mentions") or []) + [e.get("mention")] if isinstance(x, str))))
    return out


def _names(ent) -> list[str]:
    return [ent.label, *sorted(ent.aliases)]


def _match(ent, arg: Arg) -> bool:
    return any(names_match(n, arg) for n in _names(ent))


def allowed_classes(rec: dict, a, b) -> set[str] | None:
    """Classes the gold allows for the ordered entity pair (a first); None: nothing known."""
    scope = (rec.get("annotation_scope") or "").split(" ")[0]
    positives: set[str] = set()
    null_pair = False
    for t in rec["triples"]:
        if t.get("unresolved_mention"):
            continue
        gs = Arg(t["subject"], frozenset(t.get("subject_aliases") or []))
        go = Arg(t["object"], frozenset(t.get("object_aliases") or []))
        fwd, rev = _match(a, gs) and _match(b, go), _match(a, go) and _match(b, gs)
        if not (fwd or rev):
            continue
        if t.get("relation") is None:
            null_pair = True
            continue
        fam, (fs, fo) = _family_pair(t["relation"], gs, go)
        if fam in UNDIRECTED:
            positives.add(fam)
        elif fam in FAMILIES:
            a_is_subject = _match(a, fs) and _match(b, fo)
            positives.add(f"{fam}:{'>' if a_is_subject else '<'}")
    if positives:
        return positives
    if scope == "labelled_pairs_only":
        return {NONE} if null_pair else None
    if scope.startswith("exhaustive_document"):
        ents = _entity_args(rec)
        if any(_match(a, e) for e in ents) and any(_match(b, e) for e in ents):
            return {NONE}
        return None
    if scope == "exhaustive_sentence_pairs":
        ents = _entity_args(rec)
        for n in rec.get("negative_pairs") or []:
            ns, no = Arg(n["subject"], frozenset()), Arg(n["object"], frozenset())
            if (_match(a, ns) and _match(b, no)) or (_match(a, no) and _match(b, ns)):
                return set(CLASSES) - classes_of("product")
        if any(_match(a, e) for e in ents) and any(_match(b, e) for e in ents):
            return set(CLASSES) - classes_of("product")
        return None
    if scope == "exhaustive_for_listed_properties":
        listed = {FAMILY[r][0] for r in rec.get("exhaustive_relations") or [] if r in FAMILY}
        ruled_out = set().union(*(classes_of(f) for f in listed if f in FAMILIES)) if listed else set()
        return set(CLASSES) - ruled_out if ruled_out else None
    return None


def collect(eval_dir: Path, nlp, files: list[str], batch_size: int = 16, limit: int | None = None, label: bool = True):
    """Parsed docs (and, with ``label``, labelled pair examples) of every record of ``files``."""
    data = []
    for name in files:
        records = list(read_gold(eval_dir / name))[:limit]
        t0 = time.time()
        for rec, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=batch_size)):
            table, _ = rule_pass(doc)
            examples = []
            for ex in (sentence_pairs(doc, table) if label else []):
                allowed = allowed_classes(rec, ex.first.entity, ex.second.entity)
                if allowed is not None and allowed != set(CLASSES):
                    examples.append((ex.features, allowed))
            data.append({"file": name, "rec": rec, "doc": doc, "examples": examples})
        print(f"  {name}: {len(records)} records parsed in {time.time() - t0:.0f}s", file=sys.stderr)
    return data


def train(examples: list[tuple[tuple[str, ...], set[str]]], l2: float = L2) -> PairModel:
    counts = Counter(f for feats, _ in examples for f in set(feats))
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    mask = np.zeros((len(examples), len(CLASSES)), dtype=bool)
    cidx = {c: j for j, c in enumerate(CLASSES)}
    for r, (feats, allowed) in enumerate(examples):
        for f in set(feats):
            j = index.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
        for c in allowed:
            mask[r, cidx[c]] = True
    X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    f, k = X.shape[1], len(CLASSES)

    def loss(theta: np.ndarray):
        W = theta[: f * k].reshape(f, k)
        b = theta[f * k:]
        S = X @ W + b
        S -= S.max(axis=1, keepdims=True)
        E = np.exp(S)
        Z = E.sum(axis=1)
        Za = (E * mask).sum(axis=1)
        nll = -(np.log(Za) - np.log(Z)).sum() + 0.5 * l2 * (W * W).sum()
        P = E / Z[:, None]
        Q = (E * mask) / Za[:, None]
        G = P - Q
        gW = X.T @ G + l2 * W
        gb = G.sum(axis=0)
        return nll, np.concatenate([np.asarray(gW).ravel(), gb])

    theta0 = np.zeros(f * k + k)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    W = res.x[: f * k].reshape(f, k)
    b = res.x[f * k:]
    weights = {}
    for feat, i in index.items():
        row = W[i]
        if np.abs(row).max() >= 0.01:
            weights[feat] = [round(float(v), 3) for v in row]
    return PairModel(list(CLASSES), weights, [round(float(v), 3) for v in b])


def fold_predictions(items, model: PairModel | None) -> list[list]:
    """Each record's triples at the lowest cut-off; learned ones carry their probability."""
    cut = min(THRESHOLDS)
    return [extract_doc(it["doc"], it["rec"]["id"], pair_model=model, threshold=cut).triples for it in items]


def kept_record(it: dict, triples: list, cuts: dict[str, float]) -> dict:
    """One record's output as ``kg extract`` writes it, learned triples below their cut-off dropped."""
    kept = [t for t in triples if not t.evidence.rule.startswith("learned:")
            or t.evidence.confidence / LEARNED_WEIGHT >= cuts.get(t.evidence.rule.split(":", 1)[1], 2.0) - 1e-9]
    return extraction_record(it["rec"]["id"], Extraction(it["rec"]["id"], [], kept))


def write_cv_predictions(out_dir: Path, items, triples_per_item: list[list], cuts: dict[str, float]) -> None:
    """Per training file, the held-out folds' output in ``kg extract`` JSONL, for ``score.py --pred``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines: dict[str, list[str]] = {}
    for it, triples in zip(items, triples_per_item):
        if it["file"] in TRAIN_FILES:
            lines.setdefault(it["file"], []).append(json.dumps(kept_record(it, triples, cuts), ensure_ascii=False))
    for name, rows in lines.items():
        (out_dir / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"wrote {out_dir / name}: {len(rows)} records, cross-validated", file=sys.stderr)


SCORER = None  # set by main(): the reference scorer module, or None for kg.evaluate


def _judge(it: dict, preds: list[dict]) -> tuple[Counts, dict[str, Counts]]:
    """One record's family counts by the reference scorer, in total and per family."""
    gold = it.get("reference_gold")
    if gold is None:
        gold = it["reference_gold"] = SCORER.Gold(it["rec"])
    tp, fp, _, _ = gold.judge(preds)
    fams: dict[str, Counts] = {}
    for key in gold.facts:
        fams.setdefault(key[0], Counts()).fn += key not in tp
    for key in tp:
        fams.setdefault(key[0], Counts()).tp += 1
    for key in fp:
        fams.setdefault(key[0], Counts()).fp += 1
    return Counts(tp=len(tp), fp=len(fp), fn=len(gold.facts) - len(tp)), fams


def score(items, triples_per_item: list[list], cuts: dict[str, float]) -> tuple[dict[str, Counts], dict[tuple, Counts]]:
    """Family counts per file (and per file and family) with learned triples below their cut-off dropped."""
    per_file: dict[str, Counts] = {}
    per_family: dict[tuple, Counts] = {}
    for it, triples in zip(items, triples_per_item):
        preds = kept_record(it, triples, cuts)["triples"]
        if SCORER is not None:
            total, fams = _judge(it, preds)
        else:
            total, fams, _ = score_record(it["rec"], preds, "family")
        per_file.setdefault(it["file"], Counts()).add(total)
        for fam, c in fams.items():
            per_family.setdefault((it["file"], fam), Counts()).add(c)
    return per_file, per_family


def macro(per: dict[str, Counts]) -> float:
    return sum(c.f1 for c in per.values()) / len(per)


def objective(per: dict[str, Counts], floors: dict[str, float]) -> float:
    """Macro family F1, minus a penalty for any file whose precision falls below its floor."""
    shortfall = sum(max(0.0, floors[n] - c.precision) for n, c in per.items())
    return macro(per) - 5 * shortfall


def choose_cuts(items, predicted, min_precision: float = 0.65) -> dict[str, float]:
    """Per-family probability cut-offs by coordinate ascent on the cross-validated objective.

    Starts from the rules alone (every family off) and lets the classifier in
    family by family while no file's precision drops below MIN_PRECISION (or
    below the rules' own precision there, if that is lower already).
    """
    rules, _ = score(items, predicted, {})
    floors = {n: min(min_precision, c.precision - 0.01) for n, c in rules.items()}
    cuts = {f: 2.0 for f in CUT_KEYS}
    best = objective(rules, floors)
    for _ in range(2):
        for fam in CUT_KEYS:
            for t in THRESHOLDS + [2.0]:
                trial = {**cuts, fam: t}
                value = objective(score(items, predicted, trial)[0], floors)
                if value > best + 1e-9:
                    best, cuts = value, trial
    return cuts


def table(per: dict[str, Counts]) -> str:
    return " | ".join(f"{c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}" for _, c in sorted(per.items()))


def set_cuts(settings: list[str], because: str) -> int:
    """Re-set cut-offs of the shipped model without retraining, keeping a record of each change.

    The rules around the classifier change faster than it is retrained; a cut-off
    chosen against older rules can let through more false pairs than it should on
    the files the model never saw. The change and its reason stay in the model's
    metadata beside the cut-offs training chose.
    """
    model = shipped_model()
    cuts = dict(model.meta.get("thresholds", {}))
    changed = {}
    for item in settings:
        fam, _, value = item.partition("=")
        if fam not in CUT_KEYS:
            raise SystemExit(f"--set-cut {item}: unknown family {fam!r}; expected one of {', '.join(CUT_KEYS)}")
        try:
            changed[fam] = float(value)
        except ValueError:
            raise SystemExit(f"--set-cut {item}: {value!r} is no probability; write e.g. {fam}=0.5") from None
    model.meta.setdefault("cut_offs_chosen_by_training", cuts)
    model.meta["thresholds"] = {**cuts, **changed}
    model.meta.setdefault("cut_offs_set_later", []).append({"set": changed, "because": because})
    blob = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")).encode("utf-8")
    out = ROOT / "kg" / "data" / MODEL_FILE
    out.write_bytes(gzip.compress(blob, mtime=0))
    print(f"wrote {out}: cut-offs {model.meta['thresholds']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--l2", type=float, default=L2, help="L2 regularisation strength")
    ap.add_argument("--verbose", action="store_true", help="counts per file and family")
    ap.add_argument("--min-precision", type=float, default=MIN_PRECISION,
                    help="per-file cross-validated precision the chosen cut-offs must keep")
    ap.add_argument("--limit", type=int, help="records per file (quick runs; never with --write)")
    ap.add_argument("--write", action="store_true", help=f"train on everything and write kg/data/{MODEL_FILE}")
    ap.add_argument("--set-cut", action="append", default=[], metavar="FAMILY=P",
                    help="no training: change one cut-off of the shipped model (repeatable) and record it in its metadata")
    ap.add_argument("--because", default="", help="with --set-cut: the measurement that motivates the change")
    ap.add_argument("--cv-out", metavar="DIR", help="write each training file's cross-validated output (held-out folds, "
                    "the shipped model's cut-offs) as DIR/<file>, for ../shared/eval/score.py --pred")
    args = ap.parse_args(argv)
    if args.set_cut:
        return set_cuts(args.set_cut, args.because)
    global SCORER
    SCORER = load_reference_scorer(args.eval_dir, required=False)
    print(f"scoring with {'the reference scorer ' + args.eval_dir + '/score.py' if SCORER else 'kg.evaluate'}", file=sys.stderr)
    nlp = load_model(args.model)
    data = collect(Path(args.eval_dir), nlp, TRAIN_FILES, limit=args.limit)
    check = collect(Path(args.eval_dir), nlp, CHECK_FILES, limit=args.limit, label=False)
    print(f"{sum(len(d['examples']) for d in data)} labelled pairs", file=sys.stderr)

    items: list[dict] = []
    predicted: list[list] = []
    for k in range(args.folds):
        train_ex = [e for d in data if fold_of(d["rec"], args.folds) != k for e in d["examples"]]
        held = [d for d in data if fold_of(d["rec"], args.folds) == k]
        model = train(train_ex, args.l2)
        items += held
        predicted += fold_predictions(held, model)
        print(f"  fold {k}: {len(train_ex)} training pairs, {len(model.weights)} features", file=sys.stderr)

    if args.cv_out:
        write_cv_predictions(Path(args.cv_out), items, predicted, shipped_model().meta.get("thresholds", {}))
    full = train([e for d in data for e in d["examples"]], args.l2)
    items += check
    predicted += fold_predictions(check, full)
    rules_only, _ = score(items, predicted, {})
    cuts = choose_cuts(items, predicted, args.min_precision)
    chosen, chosen_fam = score(items, predicted, cuts)
    names = [n.split("-dev")[0] for n in sorted(rules_only)]
    print(f"Family precision/recall/F1: {args.folds}-fold cross-validated on the training files (groups kept "
          f"together); the model trained on all of them on {', '.join(CHECK_FILES)} (never trained on).\n")
    print("| setting | " + " | ".join(names) + " | macro F1 |")
    print("|---|" + "---|" * (len(names) + 1))
    print(f"| rules only | {table(rules_only)} | {macro(rules_only):.3f} |")
    for t in THRESHOLDS:
        per, _ = score(items, predicted, {f: t for f in CUT_KEYS})
        print(f"| rules + pairs, every cut-off {t} | {table(per)} | {macro(per):.3f} |")
    print(f"| rules + pairs, chosen cut-offs | {table(chosen)} | {macro(chosen):.3f} |")
    print("\nchosen cut-offs: " + ", ".join(f"{f} {t if t <= 1 else 'off'}" for f, t in cuts.items()))
    if args.verbose:
        for (name, fam), c in sorted(chosen_fam.items()):
            print(f"  {name} {fam}: tp {c.tp} fp {c.fp} fn {c.fn}")
    if args.write:
        model = full
        model.meta = {
            "thresholds": cuts,
            "trained_on": TRAIN_FILES,
            "cut_offs_chosen_with": TRAIN_FILES + CHECK_FILES,
            "command": "python scripts/train_pairs.py --eval-dir ../shared/eval --write",
            "spacy_model": args.model,
            "l2": args.l2,
            "min_precision": args.min_precision,
            "cross_validation": {
                "folds": args.folds,
                "family_precision_recall_f1": {n: [round(c.precision, 3), round(c.recall, 3), round(c.f1, 3)] for n, c in sorted(chosen.items())},
                "macro_f1": round(macro(chosen), 3),
                "rules_only_macro_f1": round(macro(rules_only), 3),
            },
        }
        blob = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")).encode("utf-8")
        out = ROOT / "kg" / "data" / MODEL_FILE
        out.write_bytes(gzip.compress(blob, mtime=0))
        print(f"wrote {out} ({out.stat().st_size // 1024} KiB, {len(model.weights)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
