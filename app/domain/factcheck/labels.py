"""Names of fact kinds as a nurse reads them in a flag's reason."""

from app.domain.factcheck.extract.measure_catalogue import LABELS as _MEASURE_LABELS

_LABELS = {
    **_MEASURE_LABELS,
    "medication": "medication",
    "medication.high_alert": "high-alert medication",
    "medication.lasa": "look-alike/sound-alike drug",
    "time": "time",
    "date": "date",
    "laterality": "side",
    "allergy": "allergy",
    "code_status": "code status",
    "device": "device",
    "vital.o2": "oxygen delivery",
    "vital.edema": "edema grade",
    "sentence": "sentence not found in the notes",
    "isolation": "isolation",
    "airway": "airway",
    "line": "line, drain or tube",
    "pending": "pending result",
    "fall_risk": "fall risk",
    "skin": "skin or pressure injury",
}

_ATTRIBUTE_LABELS = {
    "dose": "dose",
    "route": "route",
    "frequency": "frequency",
    "prn": "as-needed (PRN) use",
    "count": "number of doses",
    "device": "oxygen device",
    "flow": "oxygen flow",
    "fio2": "FiO2",
    "gauge": "gauge",
    "french": "French size",
    "ratio": "assist ratio",
    "status": "code status",
    "side": "side",
}


def kind_label(kind: str) -> str:
    return _LABELS.get(kind, kind)


def attribute_label(name: str) -> str:
    return _ATTRIBUTE_LABELS.get(name, name)
