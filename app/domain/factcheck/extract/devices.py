"""Lines, drains, tubes and other devices, with the gauge or French size written beside them.

"20 gauge IV", "PIV 20g", "IV: 20g" and "20g PIV" are one peripheral IV of gauge 20; "IV" on
its own is a route, not a device, unless a gauge is written beside it. Sizes are claimed, so
"PIV 20g" after an order is never read as a dose of 20 grams.
"""

import re

from app.domain.factcheck.facts import Fact, Value
from app.domain.factcheck.phrases import PhraseIndex, PhraseMatch
from app.domain.factcheck.spans import Document
from app.domain.factcheck.units import Quantity

KIND = "device"

_SPELLINGS: dict[str, tuple[str, ...]] = {
    "peripheral IV": (
        "PIV",
        "PIVs",
        "piv",
        "pivs",
        "peripheral IV",
        "peripheral IVs",
        "peripheral line",
        "saline lock",
        "saline locked",
        "peripheral angio",
        "peripheral angios",
        "angiocath",
        "angiocaths",
    ),
    "PICC": ("PICC", "PICC line", "peripherally inserted central catheter"),
    "midline catheter": ("midline catheter", "midline IV"),
    "central line": (
        "central line",
        "central venous line",
        "central venous catheter",
        "CVC",
        "CVL",
        "triple lumen catheter",
        "triple lumen",
        "triple-lumen",
        "TLC",
        "TLCL",
        "tlcl",
        "tlc",
        "c-line",
        "c line",
    ),
    "port": ("port", "port-a-cath", "portacath", "mediport", "implanted port"),
    "dialysis catheter": (
        "HD catheter",
        "HD cath",
        "HD line",
        "temp HD catheter",
        "temp HD cath",
        "temporary HD catheter",
        "temporary hemodialysis catheter",
        "hemodialysis catheter",
        "dialysis catheter",
        "dialysis cath",
        "dialysis line",
        "Quinton",
        "Quintin",
        "Quentin",
        "permcath",
        "trialysis",
    ),
    "arterial line": ("arterial line", "art line", "A-line", "aline", "a line", "art-line"),
    "Foley": ("Foley", "Foley catheter", "indwelling urinary catheter", "IUC", "FIC", "f/c", "F/C"),
    "external urinary catheter": (
        "condom catheter",
        "condom cath",
        "external catheter",
        "external female catheter",
        "external urinary catheter",
        "PureWick",
    ),
    "suprapubic catheter": ("suprapubic catheter", "suprapubic cath", "SPC"),
    "NG tube": ("NG", "NG tube", "NGT", "ngt", "nasogastric tube"),
    "OG tube": ("OG", "og", "OG tube", "OGT", "ogt", "orogastric tube"),
    "feeding tube": ("Dobhoff", "Dobhoff tube", "DHT", "feeding tube", "NJ tube"),
    "gastrostomy tube": ("PEG", "peg", "PEG tube", "G-tube", "G tube", "GT", "gastrostomy tube"),
    "JP drain": ("JP", "JP drain", "Jackson-Pratt", "Jackson-Pratt drain"),
    "Hemovac": ("Hemovac",),
    "Blake drain": ("Blake drain",),
    "chest tube": (
        "chest tube",
        "pleural catheter",
        "PleurX",
        "mediastinal CT",
        "MCT",
        "MCTs",
        "mediastinal CTs",
        "pleural CT",
        "CT drainage",
        "CT leak",
        "CT site",
        "CT sites",
        "CT system",
        "CT systems",
        "CTs",
        "chest tubes",
    ),
    "wound vac": ("wound vac", "NPWT", "negative pressure wound therapy"),
    "colostomy": ("colostomy",),
    "ileostomy": ("ileostomy",),
    "urostomy": ("urostomy",),
    "tracheostomy": ("tracheostomy", "trach", "trache"),
    "endotracheal tube": ("ETT", "ett", "endotracheal tube", "ET tube", "et tube", "e-t tube"),
    "rectal tube": ("rectal tube", "Flexi-Seal", "FMS"),
    "ventricular drain": (
        "ventricular drain",
        "external ventricular drain",
        "EVD",
        "ventriculostomy",
        "ICP drain",
        "ICP monitor",
        "ICP bolt",
    ),
    "telemetry": ("telemetry", "tele"),
    "restraints": (
        "restraint",
        "restraints",
        "soft restraints",
        "wrist restraints",
        "soft wrist restraints",
        "mitts",
        "Posey",
    ),
    "SCDs": ("SCD", "SCDs", "sequential compression device", "sequential compression devices"),
    "PCA pump": ("PCA", "PCA pump"),
    "epidural catheter": ("epidural", "epidural catheter"),
    "pacemaker": ("pacemaker", "AICD", "PPM", "pacer", "perm pacer", "pacerbox"),
    "nephrostomy tube": ("nephrostomy", "nephrostomy tube"),
    "insulin pump": ("insulin pump",),
    "balloon pump": (
        "IABP",
        "balloon pump",
        "ballon pump",
        "intra-aortic balloon pump",
        "intraaortic balloon pump",
    ),
}
_DONE_WITH = {
    "endotracheal tube": re.compile(r"\b(?:re)?(?:in|ex)tubat|\bextub\b", re.IGNORECASE),
    "restraints": re.compile(r"restrain", re.IGNORECASE),
}
"""What the notes write of a device they do not name: an endotracheal tube is what a patient is
intubated with and extubated from ("will attempt to extubate today"); restraints are what a
patient is restrained with ("wrists restrained for safety")."""


def done_with(device: str, notes: str) -> bool:
    """Whether the notes speak of the device by what is done with it, without naming it."""
    pattern = _DONE_WITH.get(device)
    return pattern is not None and pattern.search(notes) is not None


_ABBREVIATION_LENGTH = 4
_DEVICES = PhraseIndex(
    [
        (spelling, device)
        for device, spellings in _SPELLINGS.items()
        for spelling in spellings
        if not (spelling.isupper() and len(spelling) <= _ABBREVIATION_LENGTH)
    ],
    exact=[
        (spelling, device)
        for device, spellings in _SPELLINGS.items()
        for spelling in spellings
        if spelling.isupper() and len(spelling) <= _ABBREVIATION_LENGTH
    ],
)
_NOT_DEVICES_AFTER = re.compile(r"\s*(?:collar|mask|3350)\b", re.IGNORECASE)
_GAUGE_THEN_IV = re.compile(r"(?<![\w.])(?:1[4-9]|2[0-6])\s*(?:g|ga|gauge)\s+IV\b", re.IGNORECASE)
_IV_THEN_GAUGE = re.compile(r"IV\b(?=\s*:?\s*(?:1[4-9]|2[0-6])\s*(?:g|ga|gauge)\b)", re.IGNORECASE)
_GAUGE = re.compile(r"(?<![\w.])(?P<size>1[4-9]|2[0-6])\s*(?:g|ga|gauge)(?![A-Za-z])", re.I)
_ASSIST_RATIO = re.compile(r"(?<![\d:./])1\s*:\s*(?P<size>[1-8])(?![\d:])")
"""A balloon pump's assist ratio ("IABP at 1:2"): one beat in N assisted."""
_HASHED_SIZE = re.compile(r"(?P<size>[5-9]|[12]\d|3[0-2])(?![\d.])")
"""A size written as a number after a "#" (`_HASH_BEFORE`): a peripheral IV's gauge
("Peripheral angio #20", "# 18 RIGHT LOWER ARM"), a catheter's French size ("foley changed
to #16"); beside any other device it is read as neither (`_HASHED_SIZE_NAMES`)."""
_HASHED_SIZE_NAMES = {
    "peripheral IV": "gauge",
    **dict.fromkeys(
        ("Foley", "NG tube", "OG tube", "feeding tube", "chest tube", "rectal tube"), "french"
    ),
}
_HASH_BEFORE = re.compile(r"#[ \t]?\Z")
_FRENCH = re.compile(r"(?<![\w.])(?P<size>\d{1,2})\s*(?:Fr|French)(?![A-Za-z])", re.I)
_SIZE_REACH_BEFORE = 14
_SIZE_REACH_AFTER = 30
_CLAIMS_TO_SKIP = frozenset({"allergy"})


def extract_devices(document: Document) -> list[Fact]:
    """Devices, each with the gauge or French size nearest to it in its clause, and a balloon
    pump with the assist ratios written after it."""
    text = document.text
    found: list[tuple[int, int, str]] = [
        (match.start, match.end, match.meaning)
        for match in _DEVICES.find_all(document.words)
        if _is_device(document, match)
    ]
    for match in document.number_led(_GAUGE_THEN_IV):
        found.append((match.end() - 2, match.end(), "peripheral IV"))
    for index in document.tokens_where({"iv"}):
        token = document.tokens[index]
        named = _IV_THEN_GAUGE.match(text, token.start)
        if named and not any(start <= token.start < end for start, end, _ in found):
            found.append((named.start(), named.end(), "peripheral IV"))
    found.sort()
    attributes: list[list[tuple[str, Value]]] = [[] for _ in found]
    # Each device's span, widened over the sizes and ratios read for it: a flag on a wrong
    # size covers the size.
    reaches = [(start, end) for start, end, _ in found]
    sizes = [("gauge", size) for size in document.number_led(_GAUGE)]
    sizes += [("french", size) for size in document.number_led(_FRENCH)]
    sizes += [
        ("hashed", size)
        for size in document.number_led(_HASHED_SIZE)
        if _HASH_BEFORE.search(text, max(0, size.start() - 2), size.start())
    ]
    for written_as, size in sizes:
        owner = _nearest_device(document, found, size.start(), size.end())
        if owner is None or not document.is_free(size.start(), size.end()):
            continue
        name = written_as
        if written_as == "hashed":
            name = _HASHED_SIZE_NAMES.get(found[owner][2], "")
        if name:
            document.claim(size.start(), size.end(), KIND)
            unit = "G" if name == "gauge" else "Fr"
            attributes[owner].append((name, Quantity(float(size.group("size")), unit)))
            reaches[owner] = _widened(reaches[owner], size.start(), size.end())
    for index, (_, pump_end, device) in enumerate(found):
        if device == "balloon pump":
            clause_end = document.boundaries.clause_end(pump_end, len(text))
            for ratio in _ASSIST_RATIO.finditer(text, pump_end, clause_end):
                attributes[index].append(("ratio", Quantity(float(ratio.group("size")), None)))
                reaches[index] = _widened(reaches[index], ratio.start(), ratio.end())
    return [
        Fact(
            kind=KIND,
            key=device,
            start=start,
            end=end,
            text=text[start:end],
            attributes=tuple(attributes[index]),
        )
        for index, ((start, end), (_, _, device)) in enumerate(zip(reaches, found, strict=True))
    ]


def _widened(span: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    return min(span[0], start), max(span[1], end)


def _is_device(document: Document, match: PhraseMatch) -> bool:
    if _NOT_DEVICES_AFTER.match(document.text, match.end):
        return False
    claimed = document.claims.overlapping(match.start, match.end)
    return not any(kind in _CLAIMS_TO_SKIP for _, _, kind in claimed)


def _nearest_device(
    document: Document, found: list[tuple[int, int, str]], start: int, end: int
) -> int | None:
    best: tuple[int, int] | None = None
    for index, (device_start, device_end, _) in enumerate(found):
        if device_end <= start:
            distance, reach = start - device_end, _SIZE_REACH_AFTER
        elif device_start >= end:
            distance, reach = device_start - end, _SIZE_REACH_BEFORE
        else:
            continue
        if distance > reach:
            continue
        if document.boundaries.crossed(min(device_end, start), max(device_start, end)):
            continue
        if best is None or distance < best[0]:
            best = (distance, index)
    return best[1] if best else None
