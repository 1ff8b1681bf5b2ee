"""De verzonnen contactpersonen (persoonsgegevens) en hun opmerkingen."""

from __future__ import annotations

from .vocab import strip_accents


class ContactsMixin:
    # -- contactpersonen (PII) ------------------------------------------------------------------
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

    def new_contact(self) -> tuple[str, str, str]:
        R = self.R
        for _ in range(10000):
            first, last = R.choice(self.FIRST), R.choice(self.LAST)
            name = f"{first} {last}"
            if name in self.pii_names:
                continue
            slug = strip_accents(last).lower().replace(" ", "")
            email = f"{first[0].lower()}.{slug}@{R.choice(self.DOMAINS)}"
            k = 2
            while email in self.pii_emails:
                email = f"{first[0].lower()}.{slug}{k}@{email.split('@')[1]}"
                k += 1
            phone = f"06-{R.randrange(10**7, 10**8)}"
            if phone in self.pii_phones:
                continue
            self.pii_names.add(name)
            self.pii_emails.add(email)
            self.pii_phones.add(phone)
            return name, email, phone
        raise RuntimeError("geen contactpersoon")

    def build_contacts(self) -> None:
        self.pii_names, self.pii_emails, self.pii_phones = set(), set(), set()
        for x in sorted(self.inits, key=lambda x: x.id):
            if x.in_year(2019):
                x.contact[2019] = self.new_contact()
            if x.in_year(2020):
                if 2019 in x.contact and self.R.random() < 0.7:
                    x.contact[2020] = x.contact[2019]
                else:
                    x.contact[2020] = self.new_contact()

    REMARKS = [
        "Voor meer informatie kunt u contact opnemen met {naam} via {tel}.",
        "{naam} is sinds dit jaar projectleider; de vorige coördinator is vertrokken.",
        "Onze ervaringen deel ik graag in een interview, met vriendelijke groet, {naam}.",
        "De vragenlijst is ingevuld door {naam} namens de stuurgroep.",
        "Mail gerust naar {email} als er iets onduidelijk is in onze antwoorden.",
        "Bel bij vragen na 14.00 uur naar {tel} ({naam}).",
    ]

    def remark(self, contact) -> str:
        naam, email, tel = contact
        return self.R.choice(self.REMARKS).format(naam=naam, email=email, tel=tel)
