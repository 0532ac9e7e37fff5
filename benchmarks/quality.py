"""Extraction quality by the reference scorer, with what the type check and unnamed products cost.

    python benchmarks/quality.py [--eval-dir ../shared/eval] [--limit N] [--write docs/benchmarks.md]

Extracts every ``*-dev.jsonl``, ``news-dev.jsonl`` and ``seed-gold.jsonl`` of the eval
folder once, in this process, with kg's defaults (the same output as ``kg extract``),
and scores the predictions with ``score.py`` from that folder: the reference scorer,
whose figures are the ones the project publishes. Beside them:

* **type-blocked**: candidates the ontology's domain/range check removed, and how
  many of those the gold holds (the scorer's own judge, per file);
* **unnamed products** on ``news-dev``: the same articles extracted again with
  ``--unnamed-products``; the facts that adds and their precision (they stay off by
  default while it is under 0.6).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_section import publish, rerun_args  # noqa: E402

from kg.api import extract_records  # noqa: E402
from kg.extract.extractor import Extractor  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ["conll04", "core", "dfki-product", "knowledgenet", "redocred", "webnlg-company", "webnlg-orgrel"]
START, END = "<!-- quality:start -->", "<!-- quality:end -->"


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("kg_reference_score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def records(path: Path, limit: int) -> list[dict]:
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return recs[:limit] if limit else recs


def predict(recs: list[dict], ex: Extractor) -> list[dict]:
    lines = [json.dumps({"id": r["id"], "text": r["text"]}) for r in recs]
    return list(extract_records(lines, ex))


def reference_scores(eval_dir: Path, files: list[Path], preds: list[dict], limit: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        pred_file, out = Path(tmp) / "pred.jsonl", Path(tmp) / "scores.json"
        pred_file.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        cmd = [sys.executable, str(eval_dir / "score.py"), "--pred", str(pred_file), "--json", str(out)]
        if limit:
            cmd += ["--limit", str(limit)]
        subprocess.run(cmd + [str(f) for f in files], check=True, capture_output=True, text=True)
        return json.loads(out.read_text(encoding="utf-8"))


def blocked(scorer, recs: list[dict], dropped: list) -> tuple[int, int]:
    """(distinct candidates the type check removed, how many of them are gold facts)."""
    by_id = {r["id"]: r for r in recs}
    seen: set[tuple] = set()
    gold_hits = 0
    golds: dict[str, object] = {}
    for aid, c in dropped:
        key = (aid, c.subject.label, c.relation, c.object.label)
        if key in seen or aid not in by_id:
            continue
        seen.add(key)
        g = golds.setdefault(aid, scorer.Gold(by_id[aid]))
        tp, _, _, _ = g.judge([{"subject": c.subject.label, "relation": c.relation, "object": c.object.label}])
        gold_hits += bool(tp)
    return len(seen), gold_hits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--limit", type=int, default=0, help="first N records per file (0: all)")
    ap.add_argument("--write", help="replace the section in this Markdown file")
    args = ap.parse_args()
    eval_dir = Path(args.eval_dir)
    scorer = load_scorer(eval_dir)
    names = [f"{n}-dev.jsonl" for n in EXTERNAL] + ["news-dev.jsonl", "seed-gold.jsonl"]
    files = [eval_dir / n for n in names if (eval_dir / n).exists()]
    dropped: list = []
    ex = Extractor(workers=1, dropped=dropped)
    preds: list[dict] = []
    drops: dict[str, tuple[int, int]] = {}
    all_recs: dict[str, list[dict]] = {}
    for f in files:
        recs = all_recs[f.name] = records(f, args.limit)
        dropped.clear()
        preds += predict(recs, ex)
        drops[f.name] = blocked(scorer, recs, dropped)
    rows = {r["file"]: r for r in reference_scores(eval_dir, files, preds, args.limit)}
    news = eval_dir / "news-dev.jsonl"
    unnamed_line = ""
    if news.exists():
        with_unnamed = predict(all_recs[news.name], Extractor(workers=1, unnamed_products=True))
        extra = {r["file"]: r for r in reference_scores(eval_dir, [news], with_unnamed, args.limit)}[news.name]
        base = rows[news.name]
        d_tp, d_fp = extra["tp"] - base["tp"], extra["fp"] - base["fp"]
        precision = d_tp / (d_tp + d_fp) if d_tp + d_fp else 0.0
        unnamed_line = (f"Unnamed products on news-dev (`--unnamed-products`): {d_tp + d_fp} more facts, {d_tp} right, "
                        f"precision {precision:.2f} — under 0.6, so they are off by default "
                        f"(F1 {extra['F1']:.3f} with them, {base['F1']:.3f} without).")
    ext = [rows[f"{n}-dev.jsonl"] for n in EXTERNAL if f"{n}-dev.jsonl" in rows]
    macro = sum(r["F1"] for r in ext) / len(ext) if ext else 0.0
    lines = [START, "## Extraction quality (reference scorer)", "",
             f"`python benchmarks/quality.py {rerun_args(args.write)}` — `score.py` from the eval folder on kg's "
             "default output (family level; the figures the project publishes). *Type-blocked*: candidates the "
             "ontology's domain/range check removed, and how many of them the gold holds.", "",
             "| file | texts | gold | tp | fp | P | R | F1 | type-blocked | of them gold |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name in names:
        if name not in rows:
            continue
        r = rows[name]
        n_drop, n_gold = drops.get(name, (0, 0))
        lines.append(f"| {name} | {r['texts']} | {r['gold']} | {r['tp']} | {r['fp']} | {r['P']:.3f} | {r['R']:.3f} | "
                     f"**{r['F1']:.3f}** | {n_drop} | {n_gold} |")
    lines += ["", f"Macro family F1 over the {len(ext)} external dev files: **{macro:.3f}**."]
    if unnamed_line:
        lines += ["", unnamed_line]
    lines.append(END)
    publish("\n".join(lines), args.write, START, END)


if __name__ == "__main__":
    main()
