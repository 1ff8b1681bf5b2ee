"""De verzonnen contactpersonen: elk uniek en onderscheidend, zodat een privacytest ze in de uitvoer
kan zoeken."""

from __future__ import annotations

from .generator import Generator
from .vocab import strip_accents

FIRST = [
    "Anouk",
    "Bram",
    "Carlijn",
    "Daan",
    "Eline",
    "Floor",
    "Gijs",
    "Hanneke",
    "Ilse",
    "Joost",
    "Kim",
    "Lotte",
    "Maarten",
    "Nadia",
    "Oscar",
    "Petra",
    "Quinten",
    "Roos",
    "Sander",
    "Tessa",
    "Ursula",
    "Vincent",
    "Wendy",
    "Xander",
    "Yvonne",
    "Zeger",
    "Annemiek",
    "Bas",
    "Charlotte",
    "Dirk",
    "Esther",
    "Frank",
    "Gerda",
    "Hugo",
    "Inge",
    "Jeroen",
    "Karin",
    "Lars",
    "Marieke",
    "Niels",
    "Olga",
    "Pieter",
    "Renske",
    "Stijn",
    "Thijs",
    "Vera",
    "Wouter",
    "Yara",
    "Mirjam",
    "Ruud",
    "Sjoerd",
    "Femke",
    "Jolien",
    "Koen",
    "Loes",
    "Merel",
    "Noor",
    "Rik",
    "Sara",
    "Tim",
]
LAST = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Jong",
    "Schouten",
    "Willems",
    "van Dijk",
    "Hoekstra",
    "Koster",
    "Verhoeven",
    "Prins",
    "Blom",
    "Huisman",
    "Postma",
    "Kuipers",
    "van Beek",
    "Wolters",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Maas",
    "Verbeek",
    "Kramer",
    "Lambers",
    "Sluiter",
    "Zwart",
    "Hofman",
    "Evers",
    "Molenaar",
    "Veenstra",
    "Wijnands",
    "Oosterhuis",
]
DOMAINS = [
    "voorbeeld-gemeente.nl",
    "voorbeeld-ggd.nl",
    "voorbeeld-welzijn.nl",
    "voorbeeld-zorggroep.nl",
    "voorbeeld-huisartsen.nl",
    "voorbeeld-zorgverzekeraar.nl",
    "voorbeeld-thuiszorg.nl",
]


def new_contact(g: Generator) -> tuple[str, str, str]:
    R = g.R
    for _ in range(10000):
        first, last = R.choice(FIRST), R.choice(LAST)
        name = f"{first} {last}"
        if name in g.pii_names:
            continue
        slug = strip_accents(last).lower().replace(" ", "")
        email = f"{first[0].lower()}.{slug}@{R.choice(DOMAINS)}"
        k = 2
        while email in g.pii_emails:
            email = f"{first[0].lower()}.{slug}{k}@{email.split('@')[1]}"
            k += 1
        phone = f"06-{R.randrange(10**7, 10**8)}"
        if phone in g.pii_phones:
            continue
        g.pii_names.add(name)
        g.pii_emails.add(email)
        g.pii_phones.add(phone)
        return name, email, phone
    raise RuntimeError("geen contactpersoon")


def build_contacts(g: Generator) -> None:
    for x in sorted(g.inits, key=lambda x: x.id):
        if x.in_year(2019):
            x.contact[2019] = new_contact(g)
        if x.in_year(2020):
            if 2019 in x.contact and g.R.random() < 0.7:
                x.contact[2020] = x.contact[2019]
            else:
                x.contact[2020] = new_contact(g)


REMARKS = [
    "Voor meer informatie kunt u contact opnemen met {naam} via {tel}.",
    "{naam} is sinds dit jaar projectleider; de vorige coördinator is vertrokken.",
    "Onze ervaringen deel ik graag in een interview, met vriendelijke groet, {naam}.",
    "De vragenlijst is ingevuld door {naam} namens de stuurgroep.",
    "Mail gerust naar {email} als er iets onduidelijk is in onze antwoorden.",
    "Bel bij vragen na 14.00 uur naar {tel} ({naam}).",
]


def remark(g: Generator, contact) -> str:
    naam, email, tel = contact
    return g.R.choice(REMARKS).format(naam=naam, email=email, tel=tel)
