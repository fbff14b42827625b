"""The catalogue of measures read as numbers: vital signs, weight, intake and output, labs, scores.

Each measure lists the words that introduce it, the units it may carry, the values plausible
for it (a number outside them belongs to something else) and, where one exists, the standard
adult reference range that decides what is abnormal. Ranges are common textbook adult values;
a hospital may tighten them.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measure:
    kind: str
    label: str
    cues: tuple[str, ...] = ()
    """Phrases that introduce a value, matched ignoring case."""
    exact_cues: tuple[str, ...] = ()
    """Abbreviations matched with their capitals ("K", "T", "Na"), directly before a value."""
    weak_cues: tuple[str, ...] = ()
    """Words that introduce a value only when it carries one of the measure's units ("urine",
    "Foley"), and may also follow it ("850 mL urine")."""
    adjacent_cues: tuple[str, ...] = ()
    """Common words that are cues only right next to a value with a unit ("in 1,320 mL",
    "810 mL out"); anywhere else ("in place") they are ordinary words."""
    units: frozenset[str] = frozenset()
    low: float = 0.0
    high: float = 1e9
    normal: tuple[float, float] | None = None
    """The standard adult reference range (temperature in °C); outside it a value is abnormal."""
    shape: str = "number"
    """"number"; "pressure" (systolic/diastolic); "score10" (N/10 or N out of 10)."""
    signed: bool = False
    value_first: bool = False
    """Whether a cue may follow its value ("6/10 pain")."""
    sided: bool = False
    """Whether each side has its own value ("pupils R 3mm, L 4mm"): a side word may part one
    value from the next."""
    per_microlitre_from: float | None = None
    """A cell count written whole from this value up is per microlitre ("white count 6200") and
    is read in thousands per microlitre (6.2), the unit the rest of the notes use."""


@dataclass(frozen=True, slots=True)
class PairedMeasure:
    """A cue that introduces two measures as one slash pair ("H/H 6.9/21.0", "I/O 1200/850")."""

    cues: tuple[str, ...]
    first: str
    second: str


@dataclass(frozen=True, slots=True)
class VitalSignsList:
    """A cue for vital signs listed without labels of their own ("VS 124/70, 76, RR 16, 36.9"),
    read by their shape: a pair is a blood pressure, a decimal a temperature, the first whole
    number the heart rate and the next the respiratory rate."""

    cues: tuple[str, ...]
    exact_cues: tuple[str, ...]


def _levels_of(*names: str) -> tuple[str, ...]:
    """Cues of a drug's measured level under each of its names: "vanco trough", "dilantin
    level", "level of vancomycin" (the bare name is a drug given, not a test)."""
    return tuple(
        cue
        for name in names
        for cue in (f"{name} level", f"{name} trough", f"{name} peak", f"{name} lvl")
    )


def _lab(
    name: str,
    label: str,
    cues: tuple[str, ...],
    units: frozenset[str],
    plausible: tuple[float, float],
    *,
    normal: tuple[float, float] | None = None,
    exact: tuple[str, ...] = (),
    per_microlitre_from: float | None = None,
) -> Measure:
    low, high = plausible
    return Measure(
        f"lab.{name}",
        label,
        cues,
        exact_cues=exact,
        units=units,
        low=low,
        high=high,
        normal=normal,
        per_microlitre_from=per_microlitre_from,
    )


def _score(name: str, label: str, cues: tuple[str, ...], low: float, high: float) -> Measure:
    return Measure(f"score.{name}", label, cues, low=low, high=high, signed=low < 0)


_VOLUME = frozenset({"mL", "L"})
_ELECTROLYTE = frozenset({"mEq/L", "mmol/L"})
_MG_DL = frozenset({"mg/dL"})
_ENZYME = frozenset({"U/L"})

_RHYTHMS = (
    "sinus rhythm",
    "normal sinus rhythm",
    "sinus tach",
    "sinus tachycardia",
    "sinus brady",
    "sinus bradycardia",
    "junctional",
    "junctional rhythm",
    "atrial fibrillation",
    "afib",
    "a-fib",
    "atrial flutter",
    "aflutter",
    "a-flutter",
    "NSR",
    "NSB",
    "SVT",
    "PSVT",
    "supraventricular tachycardia",
    "atrial tachycardia",
    "AF in the",
    "SR in the",
    "ST in the",
    "SB in the",
)
"""Rhythms whose rate follows them ("NSR in the 80's", "junctional rhythm 40-50s"): the heart
rate. ("AF" is left out: notes also write it for afebrile, before a temperature.)"""

VITALS = (
    Measure(
        "vital.bp",
        "blood pressure",
        (
            "blood pressure",
            "blood pressures",
            "BP",
            "BPs",
            "B/P",
            "NIBP",
            "ABP",
            "hypotensive",
            "HTN",
            "hypertensive",
            "systolic",
            "systolic BP",
            "systolic blood pressure",
            "SBP",
            "SBPs",
            "SPB",
        ),
        units=frozenset({"mmHg"}),
        low=40,
        high=300,
        shape="pressure",
    ),
    Measure(
        "vital.map",
        "mean arterial pressure",
        ("MAP", "MAPs", "mean arterial pressure"),
        units=frozenset({"mmHg"}),
        low=20,
        high=200,
        normal=(65, 110),
    ),
    Measure(
        "vital.hr",
        "heart rate",
        (
            "heart rate",
            "heart rates",
            "HR",
            "HRs",
            "pulse",
            "pulse rate",
            "apical pulse",
            "tachycardic",
            "tachy",
            "bradycardic",
            "ventricular rate",
            "paced at",
            "A-paced",
            "V-paced",
            "AV-paced",
            "A paced",
            "V paced",
            "AV paced",
            "Apaced",
            "Vpaced",
            "AVpaced",
            "AVP",
            *_RHYTHMS,
        ),
        exact_cues=("P", "SR", "ST", "SB"),
        units=frozenset({"bpm"}),
        low=20,
        high=250,
        normal=(60, 100),
    ),
    Measure(
        "vital.rr",
        "respiratory rate",
        (
            "respiratory rate",
            "respiratory rates",
            "breathing rate",
            "resp rate",
            "resp",
            "resps",
            "respirations",
            "RR",
            "tachypneic",
            "tachypnic",
            "tachypnea",
        ),
        exact_cues=("R",),
        units=frozenset({"breaths/min"}),
        low=4,
        high=70,
        normal=(12, 20),
    ),
    Measure(
        "vital.spo2",
        "oxygen saturation",
        (
            "SpO2",
            "SaO2",
            "O2 sat",
            "O2 sats",
            "O2 saturation",
            "oxygen saturation",
            "oxygen saturations",
            "saturation",
            "saturations",
            "sat",
            "sats",
            "sating",
            "satting",
            "saturating",
            "pulse ox",
            "pulse oximetry",
            "desat",
            "desats",
            "desatted",
            "desaturated",
            "desaturating",
            "desaturation",
            "hypoxic",
        ),
        units=frozenset({"%"}),
        low=50,
        high=100,
        normal=(95, 100),
    ),
    Measure(
        "vital.temp",
        "temperature",
        ("temperature", "temp", "temps", "Tmax", "T max", "T-max", "febrile", "afebrile"),
        exact_cues=("T", "TM", "Tm", "Ts"),
        units=frozenset({"C", "F"}),
        low=30,
        high=113,
        normal=(36.0, 37.9),
    ),
    Measure(
        "vital.co",
        "cardiac output",
        ("cardiac output", "cardiac outputs", "C.O.", "C.O", "thermodilution"),
        exact_cues=("CO",),
        low=0.5,
        high=25,
    ),
    Measure(
        "vital.ci",
        "cardiac index",
        ("cardiac index", "C.I.", "C.I"),
        exact_cues=("CI",),
        low=0.3,
        high=12,
    ),
    Measure(
        "vital.cvp",
        "central venous pressure",
        ("CVP", "CVPs", "CVP's", "central venous pressure", "central venous pressures"),
        units=frozenset({"mmHg"}),
        low=0,
        high=40,
    ),
    Measure(
        "vital.wedge",
        "wedge pressure",
        ("wedge", "wedges", "wedge pressure", "PCWP", "PCWPs", "PAWP", "PAOP", "PCW", "PWP"),
        units=frozenset({"mmHg"}),
        low=0,
        high=50,
    ),
    Measure(
        "vital.pad",
        "pulmonary artery diastolic pressure",
        ("PA diastolic", "PA diastolics", "pulmonary artery diastolic"),
        exact_cues=("PAD", "PADs", "PAD's", "PADS", "PAD'S", "PAd", "pad's", "pads'"),
        units=frozenset({"mmHg"}),
        low=0,
        high=60,
    ),
    Measure(
        "vital.pap",
        "pulmonary artery pressure",
        (
            "PA pressure",
            "PA pressures",
            "PAP",
            "PAPs",
            "pulmonary artery pressure",
            "pulmonary artery pressures",
            "PA numbers",
            "PAS/D",
            "PAS/PAD",
            "PA systolic",
            "PA systolics",
            "pulmonary artery systolic",
            "PAS",
        ),
        exact_cues=("PA", "pa"),
        units=frozenset({"mmHg"}),
        low=5,
        high=120,
        shape="pressure",
    ),
    Measure(
        "vital.svr",
        "systemic vascular resistance",
        ("SVR", "SVRs", "systemic vascular resistance"),
        low=100,
        high=5000,
    ),
    Measure(
        "vital.svo2",
        "mixed venous saturation",
        (
            "mixed venous saturation",
            "mixed venous sat",
            "mixed venous",
            "mixed venous O2",
            "mixed venous O2 saturation",
            "mixed venous oxygen saturation",
            "mixed O2",
            "mixed 02",
            "mixed O2 sat",
            "mixed O2 sats",
            "SvO2",
            "MVO2",
            "MV sat",
            "MV O2",
            "PA sat",
            "PA sats",
            "PA saturation",
            "PAsat",
            "PAsats",
        ),
        units=frozenset({"%"}),
        low=10,
        high=100,
    ),
    Measure(
        "vital.pupil",
        "pupil size",
        weak_cues=(
            "pupil",
            "pupils",
            "pupil size",
            "pupils equal at",
            "eye",
            "eyes",
            "PERRL",
            "PERRLA",
            "PERL",
            "PERLA",
            "PEARL",
            "PEERL",
        ),
        units=frozenset({"mm"}),
        low=1,
        high=9,
        sided=True,
    ),
    Measure(
        "vital.pain",
        "pain score",
        (
            "pain",
            "pain score",
            "pain level",
            "pain rating",
            "rates pain",
            "rates her pain",
            "rates his pain",
        ),
        low=0,
        high=10,
        shape="score10",
        value_first=True,
    ),
)

BODY = (
    Measure(
        "weight",
        "weight",
        ("weight", "weights", "wt", "weighed", "weighs", "daily weight", "admit weight"),
        units=frozenset({"kg", "lb"}),
        low=2,
        high=700,
    ),
    Measure(
        "height",
        "height",
        ("height", "heights", "admit height"),
        units=frozenset({"cm", "ft"}),
        low=30,
        high=250,
    ),
    Measure(
        "io.intake",
        "intake",
        ("intake", "PO intake", "total intake", "oral intake"),
        weak_cues=("bolus", "boluses"),
        adjacent_cues=("in", "PO", "IV", "IVF", "TF", "tube feeds", "flushes"),
        units=_VOLUME,
        low=0,
        high=20000,
    ),
    Measure(
        "io.output",
        "output",
        (
            "output",
            "urine output",
            "UOP",
            "UOPs",
            "total output",
            "U/O",
            "U/Os",
            "UO",
            "UOs",
            "HUO",
            "urine out",
        ),
        weak_cues=(
            "urine",
            "urines",
            "voided",
            "void",
            "voids",
            "drained",
            "drainage",
            "diuresis",
            "diuresed",
            "diuresing",
            "emesis",
            "stool",
            "emptied",
            "Foley",
            "Hemovac",
            "JP",
            "JP drain",
            "drain",
            "chest tube",
            "colostomy",
            "ileostomy",
            "ostomy",
            "fluid removal",
            "fluid removed",
            "taken off",
            "pulled off",
            "ultrafiltration",
            "ultrafiltrate",
            "UF",
        ),
        adjacent_cues=("out",),
        units=_VOLUME | frozenset({"mL/hr"}),
        low=0,
        high=20000,
    ),
    Measure(
        "io.net",
        "net fluid balance",
        (
            "net",
            "net balance",
            "net I/O",
            "net I&O",
            "net fluid balance",
            "net positive",
            "net negative",
            "net even",
        ),
        units=_VOLUME,
        low=-20000,
        high=20000,
        signed=True,
    ),
)

LABS = (
    _lab(
        "potassium",
        "potassium",
        ("potassium", "serum K"),
        _ELECTROLYTE,
        (1, 10),
        normal=(3.5, 5.0),
        exact=("K",),
    ),
    _lab(
        "sodium", "sodium", ("sodium",), _ELECTROLYTE, (100, 190), normal=(135, 145), exact=("Na",)
    ),
    _lab(
        "chloride",
        "chloride",
        ("chloride",),
        _ELECTROLYTE,
        (60, 150),
        normal=(98, 106),
        exact=("Cl",),
    ),
    _lab(
        "bicarbonate",
        "bicarbonate",
        ("bicarbonate", "bicarb", "HCO3", "total CO2", "TCO2"),
        _ELECTROLYTE,
        (3, 60),
        normal=(22, 29),
        exact=("CO2",),
    ),
    _lab("bun", "BUN", ("BUN", "blood urea nitrogen"), _MG_DL, (1, 300), normal=(7, 20)),
    _lab(
        "creatinine",
        "creatinine",
        ("creatinine", "creat", "crea", "creat.", "creatine"),
        _MG_DL,
        (0.1, 25),
        normal=(0.6, 1.3),
        exact=("Cr", "CRT", "Crt"),
    ),
    _lab(
        "glucose",
        "glucose",
        (
            "glucose",
            "blood glucose",
            "POC glucose",
            "POCT glucose",
            "fingerstick glucose",
            "serum glucose",
            "BG",
            "CBG",
            "FSBS",
            "FSBG",
            "blood sugar",
            "blood sugars",
            "blood sug",
            "bld sug",
            "bld sugar",
            "bld sugars",
            "fingerstick",
            "fingersticks",
            "accucheck",
            "accuchecks",
            "accu-chek",
            "finger stick",
            "finger sticks",
            "glucoses",
        ),
        _MG_DL,
        (10, 2000),
        normal=(70, 140),
        exact=("FS", "BS", "Bs", "FSBS"),
    ),
    _lab(
        "a1c",
        "hemoglobin A1c",
        ("A1c", "HbA1c", "hemoglobin A1c", "Hgb A1c"),
        frozenset({"%"}),
        (3, 20),
        normal=(4.0, 5.6),
    ),
    _lab(
        "hemoglobin",
        "hemoglobin",
        ("hemoglobin", "haemoglobin", "Hgb"),
        frozenset({"g/dL"}),
        (2, 25),
        normal=(12.0, 17.5),
        exact=("Hb",),
    ),
    _lab(
        "hematocrit",
        "hematocrit",
        ("hematocrit", "Hct"),
        frozenset({"%"}),
        (5, 75),
        normal=(36, 52),
    ),
    _lab(
        "wbc",
        "white blood cell count",
        (
            "WBC",
            "WBCs",
            "white count",
            "white blood cell count",
            "white cell count",
            "white cells",
            "leukocytes",
        ),
        frozenset({"K/uL"}),
        (0.1, 300),
        normal=(4.0, 11.0),
        per_microlitre_from=1000,
    ),
    _lab(
        "platelets",
        "platelets",
        ("platelets", "platelet", "platelet count", "plt", "plts", "plat", "plat ct", "plt ct"),
        frozenset({"K/uL"}),
        (1, 3000),
        normal=(150, 400),
        per_microlitre_from=10000,
    ),
    _lab("inr", "INR", ("INR",), frozenset(), (0.5, 20), normal=(0.8, 1.2)),
    _lab(
        "pt",
        "prothrombin time",
        ("prothrombin time",),
        frozenset({"sec"}),
        (5, 150),
        normal=(11, 13.5),
        exact=("PT",),
    ),
    _lab("ptt", "PTT", ("PTT", "aPTT"), frozenset({"sec"}), (10, 250), normal=(25, 35)),
    _lab(
        "lactate",
        "lactate",
        ("lactate", "lactic acid"),
        frozenset({"mmol/L"}),
        (0.1, 30),
        normal=(0.5, 2.0),
    ),
    _lab(
        "magnesium",
        "magnesium",
        ("magnesium", "mag"),
        _MG_DL | _ELECTROLYTE,
        (0.3, 10),
        normal=(1.7, 2.2),
        exact=("Mg",),
    ),
    _lab(
        "phosphorus",
        "phosphorus",
        ("phosphorus", "phos", "PO4"),
        _MG_DL,
        (0.3, 20),
        normal=(2.5, 4.5),
    ),
    _lab("calcium", "calcium", ("calcium",), _MG_DL, (3, 20), normal=(8.5, 10.5), exact=("Ca",)),
    _lab("albumin", "albumin", ("albumin",), frozenset({"g/dL"}), (0.5, 7), normal=(3.5, 5.0)),
    _lab(
        "bnp",
        "BNP",
        ("BNP", "NT-proBNP", "proBNP"),
        frozenset({"pg/mL"}),
        (1, 70000),
        normal=(0, 100),
    ),
    _lab(
        "troponin",
        "troponin",
        ("troponin", "troponin I", "troponin T", "hs troponin", "trop", "TnI"),
        frozenset({"ng/mL", "ng/L"}),
        (0, 100000),
    ),
    _lab(
        "ammonia", "ammonia", ("ammonia", "NH3"), frozenset({"umol/L"}), (1, 1000), normal=(15, 45)
    ),
    _lab("lipase", "lipase", ("lipase",), _ENZYME, (1, 50000), normal=(10, 140)),
    _lab("ast", "AST", ("AST", "SGOT"), _ENZYME, (1, 50000), normal=(10, 40)),
    _lab("alt", "ALT", ("ALT", "SGPT"), _ENZYME, (1, 50000), normal=(7, 56)),
    _lab(
        "alkaline_phosphatase",
        "alkaline phosphatase",
        ("alk phos", "alkaline phosphatase", "ALP"),
        _ENZYME,
        (1, 5000),
        normal=(44, 147),
    ),
    _lab(
        "bilirubin",
        "bilirubin",
        ("bilirubin", "total bilirubin", "T bili", "Tbili", "bili"),
        _MG_DL,
        (0.1, 60),
        normal=(0.1, 1.2),
    ),
    _lab("ph", "pH", (), frozenset(), (6.5, 8.0), normal=(7.35, 7.45), exact=("pH", "PH", "ph")),
    _lab(
        "psa",
        "prostate-specific antigen",
        ("PSA", "prostate-specific antigen", "prostate specific antigen"),
        frozenset({"ng/mL"}),
        (0.01, 10000),
        normal=(0, 4.0),
    ),
    _lab(
        "act",
        "activated clotting time",
        ("activated clotting time",),
        frozenset(),
        (50, 1500),
        exact=("ACT", "Act", "act"),
    ),
    _lab("pco2", "pCO2", ("pCO2", "PaCO2"), frozenset({"mmHg"}), (5, 200), normal=(35, 45)),
    _lab("po2", "pO2", ("pO2", "PaO2"), frozenset({"mmHg"}), (10, 700), normal=(75, 100)),
    _lab(
        "anion_gap",
        "anion gap",
        ("anion gap", "gap"),
        _ELECTROLYTE,
        (0, 60),
        normal=(3, 12),
        exact=("AG",),
    ),
    _lab(
        "cholesterol",
        "cholesterol",
        ("cholesterol", "total cholesterol", "chol"),
        _MG_DL,
        (20, 1500),
        normal=(0, 199),
    ),
    _lab("ldl", "LDL", ("LDL",), _MG_DL, (5, 700), normal=(0, 99)),
    _lab("hdl", "HDL", ("HDL",), _MG_DL, (5, 200), normal=(40, 100)),
    _lab(
        "triglycerides",
        "triglycerides",
        ("triglycerides", "trigs"),
        _MG_DL,
        (5, 10000),
        normal=(0, 149),
        exact=("TG",),
    ),
    _lab(
        "ck",
        "creatine kinase",
        ("CK", "CKs", "CPK", "CPKs", "creatine kinase"),
        _ENZYME,
        (1, 200000),
    ),
    _lab("ldh", "LDH", ("LDH", "LD"), _ENZYME, (10, 50000), normal=(100, 250)),
    _lab("fibrinogen", "fibrinogen", ("fibrinogen",), _MG_DL, (10, 2000), normal=(200, 400)),
    _lab(
        "ionized_calcium",
        "ionized calcium",
        ("ionized calcium", "iCa", "ICA", "ionized Ca"),
        frozenset({"mmol/L"}),
        (0.3, 3),
        normal=(1.12, 1.32),
    ),
    _lab(
        "digoxin",
        "digoxin level",
        ("digoxin level", "dig level", "digoxin", "dig"),
        frozenset({"ng/mL"}),
        (0.1, 20),
        normal=(0.5, 2.0),
    ),
    _lab(
        "vancomycin",
        "vancomycin level",
        _levels_of("vancomycin", "vanco", "vanc"),
        frozenset({"mcg/mL"}),
        (0.5, 150),
    ),
    _lab(
        "phenytoin",
        "phenytoin level",
        _levels_of("phenytoin", "dilantin"),
        frozenset({"mcg/mL"}),
        (0.2, 80),
        normal=(10, 20),
    ),
    _lab(
        "gentamicin",
        "gentamicin level",
        _levels_of("gentamicin", "gent", "genta"),
        frozenset({"mcg/mL"}),
        (0.1, 40),
    ),
    _lab(
        "tobramycin",
        "tobramycin level",
        _levels_of("tobramycin", "tobra"),
        frozenset({"mcg/mL"}),
        (0.1, 40),
    ),
    _lab(
        "tacrolimus",
        "tacrolimus level",
        _levels_of("tacrolimus", "tacro", "FK", "FK506", "prograf"),
        frozenset({"ng/mL"}),
        (0.5, 100),
    ),
    _lab(
        "valproate",
        "valproic acid level",
        _levels_of("valproic acid", "valproate", "depakote", "VPA"),
        frozenset({"mcg/mL"}),
        (1, 300),
        normal=(50, 100),
    ),
    _lab(
        "lithium",
        "lithium level",
        _levels_of("lithium"),
        frozenset({"mmol/L", "mEq/L"}),
        (0.05, 8),
        normal=(0.6, 1.2),
    ),
    _lab(
        "ef",
        "ejection fraction",
        ("EF", "ejection fraction", "LVEF", "echo"),
        frozenset({"%"}),
        (5, 85),
    ),
    _lab("crp", "CRP", ("CRP", "C-reactive protein"), frozenset({"mg/dL", "mg/L"}), (0, 1000)),
    _lab("tsh", "TSH", ("TSH",), frozenset(), (0, 200), normal=(0.4, 4.0)),
    _lab("procalcitonin", "procalcitonin", ("procalcitonin",), frozenset({"ng/mL"}), (0, 1000)),
)

VENTILATOR_SETTINGS = (
    Measure(
        "vital.peep",
        "PEEP",
        ("PEEP", "PEEPs", "positive end-expiratory pressure"),
        low=0,
        high=30,
        value_first=True,
    ),
    Measure(
        "vital.pressure_support",
        "pressure support",
        ("pressure support", "PSV"),
        exact_cues=("PS", "ps", "Ps"),
        low=0,
        high=40,
        value_first=True,
    ),
    Measure(
        "vital.tidal_volume",
        "tidal volume",
        ("tidal volume", "tidal volumes", "spont TV", "spont TVs"),
        exact_cues=("TV", "TVs", "TV's", "tv", "tvs", "Vt", "VT", "VTs", "VT's", "STV", "stv"),
        units=_VOLUME,
        low=50,
        high=2000,
    ),
    Measure(
        "vital.peak_pressure",
        "peak pressure",
        ("peak pressure", "peak pressures", "peak inspiratory pressure", "PIP", "PIPs"),
        low=5,
        high=80,
    ),
)
"""Settings a ventilator is given, read where the notes label them ("PEEP 7.5", "TV 500"); the
notes' slash lists of them ("AC 700/14/.60/5") are read only for their FiO2 (`ventilator`)."""

SCORES = (
    _score("ciwa", "CIWA score", ("CIWA", "CIWA-Ar", "CIWA score", "CIWA scores"), 0, 67),
    _score("gcs", "Glasgow Coma Scale", ("GCS",), 3, 15),
    _score("nihss", "NIH stroke scale", ("NIHSS",), 0, 42),
    _score("painad", "PAINAD score", ("PAINAD",), 0, 10),
    _score("braden", "Braden score", ("Braden", "Braden score"), 6, 23),
    _score("morse", "Morse fall score", ("Morse", "Morse score", "Morse fall score"), 0, 125),
    _score("rass", "RASS", ("RASS",), -5, 4),
    _score("cows", "COWS score", ("COWS",), 0, 48),
)

MEASURES: tuple[Measure, ...] = VITALS + VENTILATOR_SETTINGS + BODY + LABS + SCORES
MEASURE_BY_KIND = {measure.kind: measure for measure in MEASURES}
LABELS = {measure.kind: measure.label for measure in MEASURES}

VITAL_SIGNS_LIST = VitalSignsList(("vitals", "vital signs", "V/S"), exact_cues=("VS",))

PAIRED = (
    PairedMeasure(("H/H", "H&H", "Hgb/Hct"), "lab.hemoglobin", "lab.hematocrit"),
    PairedMeasure(
        ("CO/CI", "C.O./C.I.", "cardiac output/index", "cardiac output and index"),
        "vital.co",
        "vital.ci",
    ),
    PairedMeasure(("I/O", "I&O", "I/Os", "I and O"), "io.intake", "io.output"),
    PairedMeasure(("PS/PEEP", "pressure support/PEEP"), "vital.pressure_support", "vital.peep"),
    PairedMeasure(
        ("BUN/Cr", "BUN/Creat", "BUN/Crea", "BUN/creatinine", "BUN and creatinine"),
        "lab.bun",
        "lab.creatinine",
    ),
)
