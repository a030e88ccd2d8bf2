"""Which column of a spreadsheet of contacts holds what: the header of
LinkedIn's, Google's, Outlook's and Apple's exports, of our own CSV, and the
names people give columns in a sheet they keep by hand (in English, French,
German, Spanish, Portuguese and Dutch), in any case and punctuation.

A column is read into one of ``TARGETS``; a column that names none of them
is left out (and named once in the summary). ``--map "Full name=name"``
says what a column holds when its name does not.
"""

from __future__ import annotations

import re

from advisors.errors import UsageProblem
from advisors.names import fold

# What a column can hold, and what it means.
TARGETS = {
    "name": "the whole name",
    "first": "the first (given) name",
    "middle": "a middle name",
    "last": "the last (family) name",
    "email": "an e-mail address",
    "phone": "a phone number",
    "org": "the company",
    "title": "the job title",
    "url": "a web page",
    "birthday": "the birthday",
    "notes": "notes",
    "role": "mentor, sponsor, coach, peer or mentee",
    "areas": "areas, separated by ;",
    "every": "how often to talk (3w, 1m...)",
    "status": "active, prospect, paused, archived or alumni",
    "why": "why they are on your board",
    "where": "where they are now (someone you mentor)",
    "need": "what they need from you",
    "uid": "advisors' own id (from an export)",
    "skip": "nothing to keep",
}

_NAMES: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "fullname",
        "display name",
        "contact name",
        "contact",
        "formatted name",
        "nom",
        "nom complet",
        "nombre",
        "nombre completo",
        "nome",
        "nome completo",
        "naam",
        "volledige naam",
        "vollstandiger name",
    ),
    "first": (
        "first name",
        "firstname",
        "first",
        "given name",
        "given",
        "forename",
        "prenom",
        "vorname",
        "nombre de pila",
        "primeiro nome",
        "voornaam",
    ),
    "middle": ("middle name", "middle", "additional name", "second name", "deuxieme prenom"),
    "last": (
        "last name",
        "lastname",
        "last",
        "family name",
        "surname",
        "nachname",
        "familienname",
        "nom de famille",
        "apellido",
        "apellidos",
        "sobrenome",
        "achternaam",
    ),
    "org": (
        "company",
        "company name",
        "organization",
        "organisation",
        "org",
        "employer",
        "firm",
        "organization 1 name",
        "organization name",
        "entreprise",
        "societe",
        "firma",
        "unternehmen",
        "empresa",
        "organizacion",
        "bedrijf",
    ),
    "title": (
        "job title",
        "jobtitle",
        "position",
        "title",
        "organization 1 title",
        "organization title",
        "poste",
        "fonction",
        "berufsbezeichnung",
        "position title",
        "cargo",
        "puesto",
        "functie",
    ),
    "url": (
        "url",
        "website",
        "web site",
        "web page",
        "webpage",
        "home page",
        "homepage",
        "profile",
        "profile url",
        "linkedin",
        "linkedin url",
        "linkedin profile",
        "website 1 value",
        "site web",
        "sitio web",
    ),
    "birthday": (
        "birthday",
        "birth date",
        "birthdate",
        "date of birth",
        "dob",
        "anniversaire",
        "date de naissance",
        "geburtstag",
        "geburtsdatum",
        "cumpleanos",
        "fecha de nacimiento",
        "aniversario",
        "verjaardag",
    ),
    "notes": (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "notizen",
        "notiz",
        "remarques",
        "notas",
        "opmerkingen",
        "connected on",
    ),
    "role": ("role",),
    "areas": ("areas", "area"),
    "every": ("every", "cadence"),
    "status": ("status",),
    "why": ("why",),
    "where": ("where", "where they are"),
    "need": ("need", "needs", "what they need", "they want"),
    "uid": ("uid",),
    # what our own export derives from the log: read back as nothing
    "skip": ("id", "last contact", "next due"),
}
_BY_NAME = {name: target for target, names in _NAMES.items() for name in names}
_EMAIL = re.compile(r"\b(e ?mail|courriel|correo|mail address)\b")
_PHONE = re.compile(r"\b(phone|mobile|telephone|tel|cell|telefon|telefono|handy|gsm)\b")
_NOT_A_VALUE = re.compile(r"\b(type|label|display|fax|pager)\b")
# Columns whose value goes into notes under the column's own name.
LABELLED_NOTES = frozenset({"connected on"})


def plain(header: str) -> str:
    """A column name as compared: folded, words only ("E-mail 1 - Value"
    is "e mail 1 value")."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(header)).split())


def target_of(header: str) -> str | None:
    """What a column holds, by its name; None when its name says nothing we keep."""
    words = plain(header)
    if words in _BY_NAME:
        return _BY_NAME[words]
    if _NOT_A_VALUE.search(words):
        return None
    if _EMAIL.search(words):
        return "email"
    if _PHONE.search(words):
        return "phone"
    return None


def parse_map(texts: list[str]) -> dict[str, str]:
    """``--map "Full name=name,Firm=org"`` (the option may come more than
    once): each column's name, folded, and what it holds."""
    found: dict[str, str] = {}
    for text in texts:
        for pair in text.split(","):
            if not pair.strip():
                continue
            column, sep, target = pair.rpartition("=")
            target = target.strip().lower()
            if not sep or not column.strip():
                raise UsageProblem(
                    f"--map takes COLUMN=FIELD pairs separated by commas, such as "
                    f"'Full name=name,Firm=org'; got {pair.strip()!r}"
                )
            if target not in TARGETS:
                raise UsageProblem(
                    f"--map: unknown field {target!r} for column {column.strip()!r}: "
                    f"choose {', '.join(TARGETS)}"
                )
            found[plain(column)] = target
    return found


def choose(header: list[str], chosen: dict[str, str]) -> list[str | None]:
    """What each column of ``header`` holds: ``chosen`` (from ``--map``)
    first, then the column's name. When a sheet has both "Title" and "Job
    Title" (Outlook), "Title" is Mr or Dr, not the job."""
    targets = [chosen.get(plain(h)) or target_of(h) for h in header]
    if "first" in targets and "last" not in targets and "name" in targets:
        # "Nom, Prénom" and "Name, Vorname": beside a first name, the name
        # is the family name
        at = targets.index("name")
        if plain(header[at]) not in chosen:
            targets[at] = "last"
    has_job = any(plain(h) == "job title" for h in header)
    return [
        None if has_job and plain(h) == "title" and plain(h) not in chosen else t
        for h, t in zip(header, targets, strict=True)
    ]


def names_a_person(targets: list[str | None]) -> bool:
    """A header that can give each row a name."""
    return bool({"name", "first", "last"} & set(targets))
