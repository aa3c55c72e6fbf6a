"""Whose job a text is about, and words that only look like the employer's name.

A post naming the employer with job words ("started at", "20 years in") is about the writer's job
unless it says it is someone else's: "so proud of my sister who started at the Department today",
"congrats to my husband on 20 years in Corrections", "wife of a prison officer". A relation or
friend (after "my", or "X of a ...") in the same sentence before the name, with no words that
put the writer in the job, makes the mention someone else's.

Two shapes of everyday text are not the employer at all, whatever words are near: an erratum or a
label heading a line ("Corrections: the fete is on Saturday") and a generic word that is the start
of another organisation's name ("the Department of Education").
"""

from __future__ import annotations

import re

from exposure_audit.text.lazy_pattern import LazyPattern

_KIN = (
    r"sister|brother|husband|wife|hubby|partner|son|daughter|mum|mom|mother|dad|father|uncle|aunt|aunty|auntie|"
    r"cousin|niece|nephew|grandson|granddaughter|grandma|grandpa|grandad|nan|nana|pop|fiance|fiancé|fiancee|"
    r"fiancée|boyfriend|girlfriend|bf|gf|friend|best friend|bestie|mate|bff|neighbour|neighbor|flatmate|"
    r"housemate|in-law|brother-in-law|sister-in-law|mother-in-law|father-in-law|kid|kids|boy|girl|bub|stepson|"
    r"stepdaughter"
)
# "my sister", "our son", "my best friend" ... ; "wife of a", "proud mum of a", "daughter of a".
_RELATION = LazyPattern(
    rf"\b(?:my|our)\s+(?:(?:big|little|baby|older|younger|eldest|youngest|amazing|beautiful|"
    rf"clever|lovely|gorgeous|darling|dear|best|oldest|new)\s+)?(?:{_KIN})\b"
    rf"|\b(?:{_KIN})\s+of\s+(?:a|an)\b",
    re.IGNORECASE,
)
# Words that put the writer in the job even when a relative is named ("my sister and I both started").
_OWN_JOB = LazyPattern(
    r"\b(?:I|I'm|I've|I'd|we|we're|we've|me)\b(?!\s*(?:'m|am)?\s*(?:so\s+)?proud)"
    r"(?=[^.!?\n]{0,40}\b(?:work|started|joined|start|graduat|finish|rostered|shift|"
    r"years|retir|promot|transfer)\w*)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_HEADING_COLON = re.compile(r"\s*:")
_OF_SOMETHING_ELSE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?([A-Z][\w'’-]*)")


def someone_elses(text: str, start: int) -> str:
    """The relation ("my sister") that makes a name at `start` about someone else's job; "" if none."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    before = text[sentence_start:start]
    relations = list(_RELATION.finditer(before))
    if not relations:
        return ""
    sentence_end = _SENTENCE_END.search(text, start)
    sentence = text[sentence_start : sentence_end.start() if sentence_end else len(text)]
    if _OWN_JOB.search(sentence):
        return ""
    return relations[-1].group(0)


def is_heading(text: str, start: int, end: int) -> bool:
    """The words open a line and a colon follows: an erratum or a label ("Corrections: ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t\"'“‘*-•") and bool(_HEADING_COLON.match(text, end))


def names_another_body(text: str, end: int) -> str:
    """ "the Department of Education": the capitalised word that makes the name another body's."""
    match = _OF_SOMETHING_ELSE.match(text, end)
    return match.group(1) if match else ""


# Trades and company words that, right after a short abbreviation, make it another business's name
# ("XYZ Plumbing", "XYZ Electrical Pty Ltd"). Written in the singular and plural forms people use.
_BUSINESS = LazyPattern(
    r"\s*(?:&\s*\w+\s+)?(?:Plumbing|Plumbers?|Electrical|Electrics?|Electricians?|Motors?|Automotive|Auto|Autos|"
    r"Mechanical|Transport|Logistics|Freight|Couriers?|Removals|Cleaning|Cleaners|Landscaping|Landscapes|"
    r"Gardening|Concreting|Concrete|Constructions?|Builders?|Building|Homes|Roofing|Painting|Painters|"
    r"Carpentry|Joinery|Plastering|Tiling|Fencing|Glass|Glazing|Flooring|Kitchens|Pools?|Solar|Air|Aircon|"
    r"Engineering|Consulting|Consultants|Solutions|Technologies|Tech|Systems|Software|IT|Accounting|"
    r"Accountants|Legal|Lawyers|Realty|Real Estate|Properties|Property|Finance|Insurance|Pharmacy|Dental|"
    r"Medical|Physio|Fitness|Gym|Cafe|Café|Bakery|Catering|Pizza|Imports|Exports|Trading|Supplies|Hire|"
    r"Rentals|Storage|Printing|Media|Marketing|Design|Studio|Salon|Barbers?|Tyres|Towing|Pest Control|"
    r"Security Services|Pty|Ltd|Limited|Inc|LLC|Co\b)(?![\w-])"
)
_COMPANY_SUFFIX = LazyPattern(r"[^.!?\n]{0,40}\b(?:Pty\.?\s*Ltd|Pty|Ltd|Limited|Inc|LLC)\b")


def names_a_business(text: str, end: int) -> bool:
    """The abbreviation ending at `end` starts another business's name ("XYZ Plumbing", "XYZ Pty Ltd")."""
    return bool(_BUSINESS.match(text, end)) or bool(_COMPANY_SUFFIX.match(text, end))
