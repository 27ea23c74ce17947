"""spotrep as a component of a spaCy user's own pipeline.

::

    nlp = spacy.load("en_core_web_md")
    nlp.add_pipe("spotrep")          # after the parser and the NER
    doc = nlp(text)
    doc._.spotrep                    # the article's Result (None for an empty text)

The factory is registered under spaCy's ``spacy_factories`` entry point, so ``add_pipe`` finds
it without an import. The component reads the parse and entities its pipeline made, and the
extractor resources of this process (``pipeline.load_resources``, shared with
``spotrep.extract``). Set ``doc._.spotrep_article`` before it runs (``Article.create(text,
published=..., outlet=..., url=...)``) to give the publication date and outlet; without one the
article is the Doc's text alone, and relative dates stay unresolved. Like spotrep's own pipeline,
it stores the Doc's datelines on it (``doc.spans["spotrep_datelines"]``, ``places.dateline``).
spotrep's own pipeline also starts a sentence after every line break (``nlp.py``); a pipeline
without that may split headlines into the next sentence.
"""

from __future__ import annotations

import dataclasses

from spacy.language import Language
from spacy.tokens import Doc

from spotrep.errors import ModelError
from spotrep.extractors.places.dateline import annotate_datelines
from spotrep.pipeline import Prepared, Resources, load_resources, prepare, result_of
from spotrep.records import Article

Doc.set_extension("spotrep", default=None, force=True)
Doc.set_extension("spotrep_article", default=None, force=True)


class SpotrepComponent:
    """Sets ``doc._.spotrep`` to the Result of the article the Doc holds, and stores its
    datelines (``annotate_datelines``)."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        if not (doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")):
            raise ModelError(
                "the spotrep component needs a parser and an entity recognizer before it: "
                'nlp.add_pipe("spotrep") after "parser" and "ner"'
            )
        # a user's pipeline has no "spotrep_datelines" component: the extractors read what
        # this stores, as in spotrep's own (a Doc annotated already gets the same again)
        annotate_datelines(doc)
        given: Article | None = doc._.spotrep_article
        text = doc.text
        article = Article.create(text) if given is None else dataclasses.replace(given, text=text)
        prepared = prepare(article, max_chars=len(text))
        doc._.spotrep = (
            result_of(prepared, doc, self.resources) if isinstance(prepared, Prepared) else None
        )
        return doc


@Language.factory("spotrep")
def make_spotrep(nlp: Language, name: str) -> SpotrepComponent:
    """The spotrep component, over this process's extractor resources."""
    return SpotrepComponent(load_resources())
