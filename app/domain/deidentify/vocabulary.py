"""Which words are clinical, which are ordinary English and which can be names.

A de-identifier that replaces "LOPRESSOR" or "PS" destroys the note it was meant to share, so
every decision about a word goes through here. Clinical words come from the project's drug
lexicon and the nursing vocabulary below; ordinary English words and name lists come from
philter-lite's dictionaries (UCSF's Philter: about 195,000 words that are not names, 97,000
first names and 161,000 surnames) and Webster's word list from english-words, which ship
inside their wheels, so nothing is downloaded.
"""

import re
import string
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import chain

from app.paths import resources_dir


def word_set(*lines: str) -> frozenset[str]:
    """The words of some lines of space-separated words: a long vocabulary kept readable."""
    return frozenset(word for line in lines for word in line.split())


_NURSING = word_set(
    "pt pts patient pa pas rn rns np nps md mds do lpn cna rt rrt ot pharmd ho hos pgy cns",
    "npo prn po iv im sc sq sl pr ng ngt ogt peg picc tlc cvl aline a-line art swan cvp pap",
    "ps pc ac cpap bipap peep fio2 vt tv rr hr bp sbp dbp map spo2 sao2 sat sats o2 nc nrb",
    "simv imv prvc vc ac/vc cmv trach ett etts abg abgs vbg ns lr d5w d5 d51/2ns hns 1/2ns",
    "dopa dopamine levo neo dobut dobutamine milrinone vaso nitro ntg mso4 ms04 kcl k mg ca",
    "phos hct hgb wbc plt plts inr ptt bun cr lfts bs fs fsbs cbg ekg ecg cxr ct mri tee tte",
    "echo cath iabp rvad lvad bivad ecmo crrt cvvh cvvhd hd uf gtt gtts drip drips bolus",
    "micu sicu ccu csru nicu picu icu pacu ed er or cath ms cv gi gu id resp neuro skin",
    "social dispo plan assess assessment impression id endo heme renal lytes pain psych",
    "afib aflutter svt vt vf nsr st sb pvc pvcs pac pacs lbbb rbbb cabg avr mvr ptca pci",
    "stent chf copd cad htn dm iddm niddm cri crf arf esrd uti pna mrsa vre cdiff dvt pe",
    "groin foley rectal stool urine sputum wound dsg dressing drain jp chest tube ct",
    "mae mae's perrl perla gcs rass cam arousable lethargic sedated intubated extubated",
    "wean weaned weaning titrate titrated dc dc'd d/c'd d/c cont continue cont'd pos neg",
    "am pm hs qd qod bid tid qid qh q1h q2h q4h q6h q8h q12h daily stat now today tonight",
    "mg mcg gm g kg lb lbs cc ml l meq mmol mmhg cmh2o units unit u iu mcg/kg/min mg/hr",
    "cm mm hr hrs min mins sec secs wk wks yo y/o yr yrs",
    "lasix lopressor heparin insulin propofol fentanyl versed ativan haldol morphine",
    "dilaudid protonix zantac pepcid vanco vancomycin zosyn flagyl levaquin cipro unasyn",
    "coumadin lovenox plavix asa aspirin captopril lisinopril amio amiodarone digoxin dig",
    "nipride nitroglycerin neosynephrine levophed vasopressin epi epinephrine norepi",
    "carafate reglan colace senna dulcolax tylenol percocet oxycodone albuterol atrovent",
    "combivent solumedrol prednisone diamox natrecor integrilin tpa ffp prbc prbcs cryo",
    "careview carevue flowsheet flowsheets tpn tf tfs ensure nepro impact promote",
    "hickman swan ganz swan-ganz foley groshong quinton mahurkar passey muir passy permacath",
    "vea vpb vpbs huo uo u/o dim diminished lis ls bs bss lws lcws hoh cos co ci svr pcwp",
    "pad pas fent dobuta amio lopresor nitro nipride neo-synephrine rl lr sang serosang",
    "a-fib afib a-flutter pao2 paco2 sao2 svo2 fio2 etco2 pao paco sao tmax t-max",
    "extub extubate reintubate angiosuite angio ir cath-lab step-down stepdown tele",
    "pea vfib vtach asystole brady tachy lyte lytes cmo dnr dni dnr/dni osh rehab floor",
    "snf nh ltc ltach vna grapes ch kling cling quinton quiton quentin quintin spiro servo",
    "bair hoyer xerofoam tham joules mat usoh ilmi pcu nsurg floro trendelberg trendelenburg",
    "t-berg waffle shingle shingles sever poss stas txr tod yell sul sero ballon lul lll rul",
    "rml rll irr dangle sherbet destin remedy converse lipps oh ph",
    "paced apaced vpaced avpaced a-paced v-paced demand ademand vdemand a-demand v-demand",
)
_SETTING_VALUES = re.compile(
    r"\b(?:ps|peep|cpap|simv|imv|ac|vc|prvc|bipap|vent|fio2|tv|vt)\b[\s:]*\d+(?:[/x.]\d+%?)+%?"
)
"""Read in the folded note (see folded), as are _CLINICAL_PHRASES, _VENTILATOR_SETTINGS and
_HAEMODYNAMICS: written in lower case, with no re.IGNORECASE."""
_CLINICAL_PHRASES = re.compile(
    r"""
    \b\d+\.\d+/\d+/\d+(?:/\d+)*                             # 7.51/34/54/28
    | \b\d+/\d+/\d+(?:/\d+)*[ \t]*%                         # 10/5/40%
    | \b\d+/\d+/\d+/\d+(?:/\d+)*
    | \b\d+\s*/\s*\d*\s*(?:ns|lr|nss|d5|strength|str|tab|tabs|amp|amps)\b   # 1/2 ns, 1/2 tab
    | \b(?:d5)?\s*1/[24]\s*ns\b
    | \b\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?\s*(?:mmhg|cmh2o|%)
    | \b(?:pain|scale|strength|grade|grip|murmur|sem|pulses?|rated?|pressure|cp|discomfort|ache)\b
      \D{0,12}\d+\s*/\s*(?:10|5|6|4)\b
    | \b\d+\s*/\s*(?:10|5|6|4)\s+(?:pain|strength|murmur|sem|holosystolic|systolic|diastolic)\b
    | \b(?:bp|nbp|abp|sbp|map|a-line|aline|cuff)\b\D{0,10}\d{2,3}\s*/\s*\d{2,3}
    | \b\d{2,3}\s*/\s*\d{2,3}\s*(?:\(\d+\))
    | \b\d+[ \t]+[123]/[2-4]\b                                # 1 1/2 amps
    | (?<![\d/.])(?:1/[2-4]|2/3|3/4|2/2)(?![\d/])             # fractions, "2/2" (due to),
                                                              # unless a date cue
    | \b\d+(?:\.\d+)?-\d+(?:\.\d+)?/\d+(?:\.\d+)?-\d+            # ranges: 5-6/3-4
    | \b\d/[1-6][ \t]*(?:bottles?|btls?|bl(?:ood)?[ \t]*(?:cx|cultures?)|b?cx|cultures?|sets?)
    | \b(?:cx|cultures?|bottles?)[ \t:]*(?:(?:pos(?:itive)?|neg(?:ative)?|\+)[ \t]*)?
      \d/[1-6]\b(?![\d/])                                     # blood cultures 2/4
    | \b(?:pain|cp|c/o|rates?|rated|scale|score|discomfort|ha|headache)\b[^.\n]{0,15}?
      \d{1,2}/10\b
    | \b\d{1,2}/10[ \t]*(?:pain|on|scale|at|with)\b
    | (?:\d-)?\b\d{1,2}/10\b(?=[^.\n]{0,16}\b(?:pain|cp|discomfort|pressure|ha|headache|ache)\b)
    | \b(?:developed|had|has|with|reports?|reported|rates?|states?)[ \t]+\d{1,2}/10\b
    | (?<![\d/])\d{1,2}/\d(?=[ \t]*(?:hrs?|hours?|l|lpm)\b)
    | \b\d{1,2}-\d{1,2}/10\b
    """,
    re.VERBOSE,
)
_VENTILATOR_SETTINGS = re.compile(
    r"""
    \b(?:ps|psv|peep|cpap|bipap|simv|imv|vent|vented|ventilator|ac|prvc|vc|settings?|mode
       |trial|pressure[ \t]+support)\b[^.\n\d]{0,25}\d{1,2}/\d{1,2}\b(?![/\d])
    | \b(?:wean(?:ed|ing)?[ \t]+(?:down|back)|changed[ \t]+(?:over[ \t]+)?|tried[ \t]+on
       |placed[ \t]+(?:back[ \t]+)?on)[ \t]*(?:to[ \t]+)?\d{1,2}/\d{1,2}\b(?![/\d])
    | \d+%[^.\n\d]{0,6}\d{1,2}/\d{1,2}\b
    | \d[ \t]*x[ \t]?\d+[^.\n]{0,10}?\d{1,2}/\d{1,2}\b
    | \b\d{1,2}/\d{1,2}(?=[ \t,]*(?:\d+[ \t]*%|psv?\b|cpap|peep|fio2|imv|simv|ps\b))
    | \b(?:tv|vt|rr|fio2|peep|ps|imv|simv)\b[ \t:]*\d+[^.\n/]{0,25}?\b\d{1,2}/\d{1,2}\b(?![/\d])
    | \b(?:flowby|flow-by|trigger)\b[^.\n]{0,6}?\d{1,2}/\d{1,2}\b
    """,
    re.VERBOSE,
)
"""Ventilator settings ("PS 10/5", "trial 5/5", "5/5, 40%", "RR 14-19, & 5/10"); a date cue
before them ("remained on 5/5") does not make them dates."""
_HAEMODYNAMICS = re.compile(r"\b(?:co/ci|ci/co|svr|pvr|pad|pas|cvp|pcwp)\b[^.\n]{0,12}?\d[\d./ -]*")
"""Haemodynamic readings ("co/ci 5.1/2.6", "svr 882-1326"), dates by no cue."""
_RHYTHM = re.compile(r"[ \t:]\d{2,3}[ \t,]*(?:st|sr|sb|nsr|af|afib|svt)\b", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"\b(?:hr|pulse|rhythm)[ \t:]*\Z", re.IGNORECASE)
"""A rhythm written after the heart rate ("HR 116 ST": sinus tachycardia, not a saint): found
by the rate and rhythm, then the rate's label read back."""
_SIDES = re.compile(r"[<>=][ \t]*[rlRL](?![A-Za-z])")
_SIDE_BEFORE = re.compile(r"(?<![A-Za-z])[rlRL][ \t]*\Z")
"""One side against the other ("crackles R>L."), not an initial: found by its sign, which
is rarer than the letters, then read back to the first side."""
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
"""Lower-cases letters without moving any offset (str.lower may lengthen a character): a
pattern read in lower case runs several times faster than one told to ignore case."""
_CASE_FOLD = str.maketrans(
    string.ascii_uppercase + "\u0130\u0131\u017f\u212a", string.ascii_lowercase + "iisk"
)
"""ASCII_LOWER and the four other letters that re.IGNORECASE reads as ASCII ones (dotted and
dotless i, long s, Kelvin sign): a lower-case pattern finds in the folded text exactly what it
finds in the note told to ignore case."""
_DOSAGE_FORM = re.compile(
    r"[ \t]+(?:oint|ointment|cream|lotion|powder|paste|gel|spray|supp|suppository|drops|patch"
    r"|neb|nebs|elixir|syrup|liquid|solution|tabs?|caps?)\b"
)
_PRODUCT_BEFORE = re.compile(r"\b[A-Za-z][A-Za-z'-]*\Z")
"""A product named before its dosage form ("calmoseptine cream", the last word of "Aloe Vesta
oint"): brand names the drug lexicon does not list, never a person's name. Read in lower
case."""
_BACKUP_RATE = re.compile(r"b(?<![a-z0-9]b)/?u[ \t]*(?:rr|rate)\b")
"""A ventilator's backup rate ("BU RR", "b/u rate"). Read in lower case."""
_DOTTED = re.compile(
    r"(?<![A-Za-z.])[A-Za-z](?:\.[A-Za-z]){1,3}\.?(?![A-Za-z])(?!\.?[ \t]*box\b)", re.IGNORECASE
)
"""Abbreviations written with full stops ("G.I", "G.U.", "C.V."): clinical when their letters
are ("GI"), never initials; "P.O. Box" is an address, not "by mouth"."""
US_STATES = word_set(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia",
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts",
    "michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon",
    "pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming",
)
"""States of one word: Safe Harbor lets a state stay, so none is replaced as a place or name."""
US_STATE_CODES = word_set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ",
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC",
)
"""The states' postal codes, in capitals as written."""
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")
_POSSESSIVE = re.compile(r"['’]s$")
_CONTRACTION = re.compile(r"n['’]t$|['’](?:d|ll|re|ve)$")
_COMMON = word_set(
    "a an and are as at be been but by for from had has have he her here him his i in is it its",
    "me my no not of on or our she so than that the their them then there they this to too up us",
    "was we were who will with you your all also any both each few more most other some such",
    "only own same very can just don should now came made still settles sensing eves spokes",
    "amber pearl hall custard passe russian stoic kin lg ota vue asp nard ami ina hass deline",
    "rabbi chaplain priest nurse doctor family friend wedding jesus god lord christ",
)
_READING = re.compile(r"\d{1,2}/\d{1,2}(?![\d/])")
_EVENT_DATE_CUE = re.compile(
    r"\b(?:extubated?|intubated?|admitted|discharged|dated|since|until|till)[ \t]+\Z",
    re.IGNORECASE,
)
"""Words after which even a ventilator-looking "3/11" is a date ("extubate 3/11")."""
_BARE_FRACTION = re.compile(r"\d{1,2}/\d{1,2}(?![\d/])")
_DATE_CUE = re.compile(
    r"\b(?:on|since|from|until|till|dated|of|thru|through)[ \t]+\Z", re.IGNORECASE
)


@cache
def drug_words() -> frozenset[str]:
    """Every word of every drug name in resources/lexicon/drugs.tsv (generic, brands and
    abbreviations, tab- and "|"-separated), lower-cased; of a name of several words, only the
    words that are no ordinary word ("silver" of silver sulfadiazine may still name a town,
    Silver Spring)."""
    lexicon = (resources_dir() / "lexicon" / "drugs.tsv").read_text(encoding="utf-8")
    names = (
        _WORD.findall(name)
        for line in lexicon.splitlines()
        if not line.startswith("#")
        for name in re.split(r"[\t|]", line)
    )
    return frozenset(
        word.lower()
        for words in names
        for word in words
        if len(word) > 2 and (len(words) == 1 or not _may_be_a_name_or_place(word))
    )


def _may_be_a_name_or_place(word: str) -> bool:
    """Whether a word of a drug's longer name is also an ordinary word, which a place or a
    person may be named with ("silver", "normal"); a word only drug names use ("contin" of
    MS Contin) is the drug's."""
    return bare_word(word) in _lower_case_english()


def bare_word(word: str) -> str:
    """The word lower-cased, without a possessive or trailing punctuation ("pt's" is "pt")."""
    lowered = word.lower().strip("'’.")
    return _POSSESSIVE.sub("", lowered)


def is_clinical(word: str) -> bool:
    """A drug, nursing abbreviation, unit or setting word: never replaced, never a name."""
    lowered = bare_word(word)
    return lowered in _NURSING or lowered in drug_words()


@cache
def _philter_words(*lists: str) -> frozenset[str]:
    """Words of Philter's lists (shipped as Python lists), as one set for fast look-up.

    Imported on first use: loading the lists takes a second or two, which the desk should not
    spend at start-up."""
    from philter_lite.filters import filter_db

    return frozenset(word for name in lists for word in filter_db.set_db[name])


@cache
def _lower_case_english() -> frozenset[str]:
    """Webster's words written in lower case: ordinary words, names that are words included
    ("mark", "will", "bill"); its capitalised entries (proper nouns) are left out."""
    from english_words import get_english_words_set

    return frozenset(
        word for word in get_english_words_set(["web2"], lower=False) if word.islower()
    )


def is_dictionary_word(word: str) -> bool:
    """An ordinary English word (Philter's non-name list, or a common one) or a clinical one.

    Philter's list leaves out every word that is also a name ("mark", "bill"), so a word after
    a cue ("son bill", "Dr White") can still be read as a name. A contraction ("con't") is
    never a name.
    """
    lowered = bare_word(word)
    return (
        lowered in _philter_words("nonames")
        or lowered in _COMMON
        or is_clinical(lowered)
        or _CONTRACTION.search(lowered) is not None
    )


def is_ordinary_word(word: str) -> bool:
    """A dictionary word, or a name that is also an ordinary word in Webster's ("mark")."""
    return is_dictionary_word(word) or bare_word(word) in _lower_case_english()


def is_known_name(word: str) -> bool:
    """A first name or surname in Philter's name lists."""
    return bare_word(word) in _philter_words("firstnames", "lastnames")


def is_first_name(word: str) -> bool:
    """A first name in Philter's list (surnames include far more ordinary words)."""
    return bare_word(word) in _philter_words("firstnames")


def is_name_only(word: str) -> bool:
    """A listed name that is not also an ordinary or clinical word or a state ("nicholson", not
    "white" or "Texas")."""
    return is_known_name(word) and not is_dictionary_word(word) and bare_word(word) not in US_STATES


@lru_cache(maxsize=4)
def folded(text: str) -> str:
    """The note folded to lower case once and shared by its patterns, each character in its
    place: a lower-case pattern without re.IGNORECASE runs up to three times faster.

    Only spans and group presence are read from the folded text; anything judged by its
    capitals is read back from the note at the same offsets."""
    return text.translate(_CASE_FOLD)


@lru_cache(maxsize=4)
def is_mixed_case(text: str) -> bool:
    """Whether capitals carry meaning in this note: lower-case letters outnumber capitals
    (many nursing notes are all capitals or all lower case)."""
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    return lower > 2 * upper and upper > 0


@lru_cache(maxsize=4)
def clinical_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of clinical notation (ventilator settings, fluids, pressures, scales) to keep.

    Notation that starts like a date ("1/2 ns", "8/10 pain") is clinical unless a date cue
    stands right before it ("on 1/2", "since 8/10"), where it is a date.
    """
    folded_text = folded(text)
    spans = [match.span() for match in _SETTING_VALUES.finditer(folded_text)]
    lowered = text.translate(ASCII_LOWER)
    spans += [match.span() for match in _BACKUP_RATE.finditer(lowered)]
    for form in _DOSAGE_FORM.finditer(lowered):
        product = _PRODUCT_BEFORE.search(text, max(0, form.start() - 40), form.start())
        if product is not None:
            spans.append((product.start(), form.end()))
    for rhythm in _RHYTHM.finditer(text):
        rate = _RATE_BEFORE.search(text, max(0, rhythm.start() - 8), rhythm.start() + 1)
        if rate is not None:
            spans.append((rate.start(), rhythm.end()))
    for sign in _SIDES.finditer(text):
        side = _SIDE_BEFORE.search(text, max(0, sign.start() - 4), sign.start())
        if side is not None:
            spans.append((side.start(), sign.end()))
    spans += [
        match.span()
        for match in _DOTTED.finditer(text)
        if is_clinical(match.group().replace(".", ""))
    ]
    for match in _near_slashes(folded_text, _CLINICAL_PHRASES):
        starts_as_date = _BARE_FRACTION.match(match.group())
        if starts_as_date and _DATE_CUE.search(text, max(0, match.start() - 8), match.start()):
            continue
        spans.append(match.span())
    for match in chain(
        _near_slashes(folded_text, _VENTILATOR_SETTINGS), _HAEMODYNAMICS.finditer(folded_text)
    ):
        reading = _READING.search(match.group())
        before = match.start() + (reading.start() if reading else 0)
        if not _EVENT_DATE_CUE.search(text, max(0, before - 14), before):
            spans.append(match.span())
    return tuple(sorted(spans))


_SLASH = re.compile(r"/")
_BEFORE_SLASH = 50
_AFTER_SLASH = 40
"""How far notation written with a slash ("pain 6/10", "BP 142/88") reaches either side of it."""


def _near_slashes(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The pattern's matches in the stretches around each slash: every one of its forms has a
    slash, and reading only there spares the rest of the note."""
    windows: list[list[int]] = []
    for slash in _SLASH.finditer(text):
        start, end = max(0, slash.start() - _BEFORE_SLASH), slash.end() + _AFTER_SLASH
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        yield from pattern.finditer(text, start, min(end, len(text)))
