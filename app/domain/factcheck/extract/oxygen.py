"""Oxygen delivery: the device, its flow and FiO2 ("2 L NC", "2 liters via nasal cannula", "RA").

A flow in litres counts as oxygen only beside a device or an oxygen word ("on 2L", "O2 4L",
"2 L NC"), so "2 L removed" at dialysis stays a volume.
"""

import re

from app.domain.factcheck.facts import Fact, Value
from app.domain.factcheck.numbers import NUMBER, parse_numeral
from app.domain.factcheck.phrases import PhraseIndex, PhraseMatch
from app.domain.factcheck.spans import Document, skip_blanks
from app.domain.factcheck.units import Quantity

KIND = "vital.o2"

_DEVICES = PhraseIndex(
    [
        ("high flow nasal cannula", "high-flow nasal cannula"),
        ("high-flow nasal cannula", "high-flow nasal cannula"),
        ("high flow NC", "high-flow nasal cannula"),
        ("HFNC", "high-flow nasal cannula"),
        ("HHFNC", "high-flow nasal cannula"),
        ("Optiflow", "high-flow nasal cannula"),
        ("Vapotherm", "high-flow nasal cannula"),
        ("nasal cannula", "nasal cannula"),
        ("n/c", "nasal cannula"),
        ("nasal prongs", "nasal cannula"),
        ("prongs", "nasal cannula"),
        ("room air", "room air"),
        ("r/a", "room air"),
        ("rm air", "room air"),
        ("rm. air", "room air"),
        ("non-rebreather", "non-rebreather"),
        ("non rebreather", "non-rebreather"),
        ("nonrebreather", "non-rebreather"),
        ("non-rebreather mask", "non-rebreather"),
        ("venturi mask", "venturi mask"),
        ("venti mask", "venturi mask"),
        ("simple mask", "simple mask"),
        ("simple face mask", "simple mask"),
        ("face mask", "simple mask"),
        ("face tent", "face tent"),
        ("open face mask", "simple mask"),
        ("OFM", "simple mask"),
        ("cool fm", "simple mask"),
        ("cool face mask", "simple mask"),
        ("cool neb", "aerosol"),
        ("cool nebs", "aerosol"),
        ("cool mist", "aerosol"),
        ("aerosol mask", "aerosol"),
        ("nrm", "non-rebreather"),
        ("trach collar", "trach collar"),
        ("trach mask", "trach collar"),
        ("tracheostomy collar", "trach collar"),
        ("BiPAP", "BiPAP"),
        ("Bi-PAP", "BiPAP"),
        ("NIPPV", "BiPAP"),
        ("bilevel", "BiPAP"),
        ("CPAP", "CPAP"),
        ("C-PAP", "CPAP"),
        ("ventilator", "ventilator"),
        ("ventilatory support", "ventilator"),
        ("mechanical ventilation", "ventilator"),
        ("vent", "ventilator"),
        ("vented", "ventilator"),
        ("intubated on", "ventilator"),
        ("SIMV", "ventilator"),
        ("PRVC", "ventilator"),
        ("AC mode", "ventilator"),
        ("A/C mode", "ventilator"),
        ("assist control", "ventilator"),
        ("assist-control", "ventilator"),
    ],
    exact=[
        ("NC", "nasal cannula"),
        ("RA", "room air"),
        ("NRB", "non-rebreather"),
        ("NRBM", "non-rebreather"),
        ("VM", "venturi mask"),
        ("FM", "simple mask"),
    ],
)

_FLOW_UNIT = (
    r"(?:L\s*/\s*min|L/m\b|LPM|liters?\s+(?:per|a|/)\s*min(?:ute)?|litres?\s+per\s+min(?:ute)?"
    r"|liters?|litres?|L)"
)
_FLOW = re.compile(
    rf"(?<![\w.])(?P<flow>{NUMBER})\s*(?P<unit>{_FLOW_UNIT})(?![A-Za-z/])"
    r"(?P<oxygen>\s*(?:of\s+)?(?:supplemental\s+|home\s+)?(?:O2|oxygen)\b)?",
    re.IGNORECASE,
)
_LINK_AFTER_FLOW = re.compile(
    r"(?:\s+(?:via|by|per|on|through|with|using))?\s*(?:(?:a|an|the)\s+)?", re.IGNORECASE
)
_LINK_BEFORE_FLOW = re.compile(r"\s*(?:at|@|on|of|to|-|,)?\s*\Z", re.IGNORECASE)
_OXYGEN_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:supplemental\s+|home\s+)?(?:O2|oxygen)|\bon|%\s*on|\b(?:weaned|wean|increased|"
    r"decreased|titrated|bumped|up|down)\s+(?:back\s+)?to)\s*\Z",
    re.IGNORECASE,
)
_SATURATION_AFTER_FLOW = re.compile(
    r"(?:\s+(?!(?:ns|lr|bolus|boluses|ivf|fluids?|out|urine|neg|pos|negative|positive|even)\b)"
    r"[a-z/]+){0,2}?\s+(?:w/\s*)?(?:sats?|spo2|o2\s+sats?)\b",
    re.IGNORECASE,
)
"""A saturation a word or two after bare litres ("2l on w/sat up to 97%"): the litres are the
oxygen it was read on; fluid words between ("2L NS, sats 95%") make them a volume."""
_FIO2 = re.compile(rf"FiO2\s*(?:of|at|:)?\s*(?P<fio2>{NUMBER})\s*%?", re.IGNORECASE)
_FIO2_AFTER = re.compile(rf"(?P<fio2>{NUMBER})\s*%\s*FiO2\b", re.IGNORECASE)
_LOOKBEHIND = 20
_ASSIST_CONTROL = re.compile(
    r"(?=[Aa])(?<![\w/])(?<![LlRr] )(?:A/C|AC)"
    r"(?:(?=\s*[/@:]?\s*\d)(?!\s*\d+\s*(?:u|units?|mg)\b)|(?=\s+to\s+(?:PSV?|CPAP|SIMV)\b))",
    re.IGNORECASE,
)
"""AC or A/C before a number, or changed to another mode ("from A/C to PS"): the ventilator's
mode. After a side ("L AC 20g") it is the antecubital vein; before a dose ("ac 4 units") it is
"before meals"."""
_ASSIST_CONTROL_AFTER = re.compile(
    r"(?:\d{3,4}\s*[xX*]\s*\d{1,2}|\d{1,2}\s*[xX*]\s*\d{3,4})\s*(?P<mode>A/C|AC)(?![\w/])",
    re.IGNORECASE,
)
"""AC or A/C after the tidal volume and rate it sets ("rate dropped to 6x700 A/C")."""
_FIO2_BEFORE_MASK = re.compile(
    rf"(?P<fio2>{NUMBER})\s*%(?=\s*(?:NRB|NRM|FM|FT|non-?\s?rebreather|face\s+(?:tent|mask)|"
    r"venti|cool\s+(?:mist|nebs?|fm|face\s+mask|mask)|OFM|open\s+face\s+mask|trach\s+(?:mask|collar)"
    r"|(?:aerosol\s+)?mask)\b)",
    re.IGNORECASE,
)
_BARE_FLOW_AFTER_CANNULA = re.compile(
    r"[ \t]*(?:at|@|-|:)?[ \t]*(?P<flow>[1-6](?:\.\d)?)(?![\d.,%/])(?![ \t]*(?:x|mg|mcg|u|cc)\b)",
    re.IGNORECASE,
)
"""A bare number of litres right after a nasal cannula ("NC 2.0 Sats 95%", "nc 4"): the flow,
whose unit the notes leave out; a cannula runs at 1 to 6 litres a minute."""
_ON_BEFORE = re.compile(r"\b(?:on|to)\s+(?:an?\s+)?\Z", re.IGNORECASE)
_MASKS = frozenset({"trach collar", "face tent", "simple mask", "venturi mask", "aerosol"})
"""Devices whose percentage is the oxygen they deliver ("trach mask at 40%", "OFM 70%")."""
_FIO2_AFTER_MASK = re.compile(
    rf"[ \t]*(?:at|@|of|on)?[ \t]*(?P<fio2>{NUMBER})[ \t]*%", re.IGNORECASE
)
_FIO2_AS_OXYGEN = re.compile(
    rf"\b(?:on|to|at)\s+(?:an?\s+)?(?P<fio2>{NUMBER})\s*%\s*(?:of\s+)?(?:oxygen|O2)\b"
    r"|\b(?:O2|oxygen)\s+(?:was\s+)?(?:weaned|increased|decreased|titrated|turned)"
    rf"\s+(?:(?:up|down|back)\s+)?to\s+(?P<changed>{NUMBER})\s*%",
    re.IGNORECASE,
)
"""A percentage of oxygen a patient is on ("remains on 70% oxygen", "o2 weaned to 70%"):
what is delivered, not a saturation ("sat 95% on O2" has "on" after the number)."""

SPO2_CONTEXT_AFTER = re.compile(
    r"\s*(?:on\s+)?(?:RA\b|room\s+air|NC\b|nasal\s+cannula|\d+(?:\.\d+)?\s*(?:L|LPM)\b|O2\b|"
    r"oxygen|BiPAP|CPAP|HFNC|NRB|non-?rebreather|venti|face\s+mask|trach\s+collar)",
    re.IGNORECASE,
)
"""What follows a percentage that is an oxygen saturation: "96% RA", "93% on 2L NC"."""
SPO2_CONTEXT_BEFORE = re.compile(
    r"(?:\bNC|\bNP|nasal\s+(?:cannula|prongs)|\bRA|room\s+air|\d\s*(?:L|LPM)(?:\s*(?:NC|NP))?)"
    r"[ \t]*[-,:]?[ \t]*(?:\d+[ \t]*-[ \t]*)?\Z",
    re.IGNORECASE,
)
"""What stands before a percentage that is an oxygen saturation: the oxygen it was read on
("O2 2l NP 90-95%", "RA 94%"). A mask's percentage is the oxygen it gives, read before this."""


def extract_oxygen(document: Document) -> list[Fact]:
    """Oxygen statements; a flow joins the device written just after or just before it."""
    text = document.text
    devices = [
        device
        for device in _DEVICES.find_all(document.words)
        if document.is_free(device.start, device.end)
    ]
    device_at = {device.start: device for device in devices}
    device_ending = {device.end: device for device in devices}
    used: set[int] = set()
    facts: list[Fact] = []
    for flow in document.number_led(_FLOW):
        if not document.is_free(flow.start(), flow.end()):
            continue
        link = _LINK_AFTER_FLOW.match(text, flow.end())
        after = device_at.get(link.end()) if link else None
        before = _device_just_before(text, flow.start(), device_ending)
        device = after or before
        context = text[max(0, flow.start() - _LOOKBEHIND) : flow.start()]
        unit = flow.group("unit").lower()
        if not (
            device
            or flow.group("oxygen")
            or "min" in unit
            or "lpm" in unit
            or _OXYGEN_CONTEXT_BEFORE.search(context)
            or _SATURATION_AFTER_FLOW.match(text, flow.end())
        ):
            continue
        start = min(flow.start(), device.start) if device else flow.start()
        end = max(flow.end(), device.end) if device else flow.end()
        if device:
            used.add(device.start)
        numeral = parse_numeral(flow.group("flow"))
        flow_rate = Quantity(numeral.value, "L/min", numeral.decimals)
        facts.append(_claim(document, start, end, device, flow_rate))
    for match in _fio2_before_mask(document):
        mask = device_at.get(skip_blanks(text, match.end()))
        if mask is None or mask.start in used or not document.is_free(match.start(), mask.end):
            continue
        used.add(mask.start)
        fio2 = _percentage(match.group("fio2"))
        document.claim(match.start(), mask.end, KIND)
        attributes: tuple[tuple[str, Value], ...] = (("device", mask.meaning), ("fio2", fio2))
        facts.append(_fact(document, match.start(), mask.end, attributes))
    facts.extend(_device_fact(document, device) for device in devices if device.start not in used)
    facts.extend(_assist_control_modes(document))
    facts.extend(_oxygen_percentages(document))
    for match in [*_fio2_matches(document), *document.number_led(_FIO2_AFTER)]:
        if document.is_free(match.start(), match.end()):
            fio2 = _percentage(match.group("fio2"))
            document.claim(match.start(), match.end(), KIND)
            facts.append(_fact(document, match.start(), match.end(), (("fio2", fio2),)))
    return sorted(facts, key=lambda fact: fact.start)


def _assist_control_modes(document: Document) -> list[Fact]:
    """The ventilator's assist-control mode written with its settings ("AC 500x14/5peep",
    "A/C 14X700X100%", "AC/400/12/5/60%", "6x700 A/C"): the patient is on a ventilator."""
    spans = [match.span() for match in _ASSIST_CONTROL.finditer(document.text)]
    spans += [match.span("mode") for match in _ASSIST_CONTROL_AFTER.finditer(document.text)]
    facts = []
    for start, end in sorted(spans):
        if document.is_free(start, end):
            document.claim(start, end, KIND)
            facts.append(_fact(document, start, end, (("device", "ventilator"),)))
    return facts


def _percentage(written: str) -> Quantity:
    """The FiO2 the number of a percentage states ("40" of "trach mask at 40%")."""
    numeral = parse_numeral(written)
    return Quantity(numeral.value, "%", numeral.decimals)


def _device_fact(document: Document, device: PhraseMatch) -> Fact:
    """A device on its own, with the percentage a mask delivers written after it ("trach mask
    at 40%", "OFM 70%") or the bare litres of a cannula ("NC 2.0")."""
    percentage = None
    if device.meaning == "nasal cannula":
        flow = _BARE_FLOW_AFTER_CANNULA.match(document.text, device.end)
        if flow is not None and document.is_free(device.start, flow.end()):
            numeral = parse_numeral(flow.group("flow"))
            rate = Quantity(numeral.value, "L/min", numeral.decimals)
            return _claim(document, device.start, flow.end(), device, rate)
    if device.meaning in _MASKS:
        percentage = _FIO2_AFTER_MASK.match(document.text, device.end)
    if percentage is None or not document.is_free(device.start, percentage.end()):
        return _claim(document, device.start, device.end, device, None)
    fio2 = _percentage(percentage.group("fio2"))
    document.claim(device.start, percentage.end(), KIND)
    attributes: tuple[tuple[str, Value], ...] = (("device", device.meaning), ("fio2", fio2))
    return _fact(document, device.start, percentage.end(), attributes)


def _oxygen_percentages(document: Document) -> list[Fact]:
    """The percentage of oxygen the patient is on, with no device named ("on 70% oxygen",
    "o2 weaned to 70%")."""
    found = []
    for match in _FIO2_AS_OXYGEN.finditer(document.text):
        group = "fio2" if match.group("fio2") else "changed"
        if document.is_free(match.start(group), match.end()):
            fio2 = _percentage(match.group(group))
            document.claim(match.start(group), match.end(), KIND)
            found.append(_fact(document, match.start(group), match.end(), (("fio2", fio2),)))
    return found


def _device_just_before(
    text: str, position: int, device_ending: dict[int, PhraseMatch]
) -> PhraseMatch | None:
    link = _LINK_BEFORE_FLOW.search(text, max(0, position - 6), position)
    if link is None:
        return None
    return device_ending.get(link.start())


def _fio2_before_mask(document: Document) -> list[re.Match[str]]:
    """ "On a 100% non-rebreather", "placed on 50% face tent": the percentage is what the mask
    delivers, not a saturation ("sat 96% on NRB" has "on" after the number instead)."""
    return [
        match
        for match in document.number_led(_FIO2_BEFORE_MASK)
        if _ON_BEFORE.search(document.text, max(0, match.start() - _LOOKBEHIND), match.start())
    ]


def _fio2_matches(document: Document) -> list[re.Match[str]]:
    found = []
    for index in document.tokens_where({"fio2"}):
        match = _FIO2.match(document.text, document.tokens[index].start)
        if match:
            found.append(match)
    return found


def _claim(
    document: Document, start: int, end: int, device: PhraseMatch | None, flow: Quantity | None
) -> Fact:
    attributes: list[tuple[str, Value]] = []
    if device:
        attributes.append(("device", device.meaning))
    if flow:
        attributes.append(("flow", flow))
    document.claim(start, end, KIND)
    return _fact(document, start, end, tuple(attributes))


def _fact(
    document: Document, start: int, end: int, attributes: tuple[tuple[str, Value], ...]
) -> Fact:
    return Fact(
        kind=KIND,
        key="",
        start=start,
        end=end,
        text=document.text[start:end],
        attributes=attributes,
    )
