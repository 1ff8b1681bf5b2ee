"""De twee vragenlijsten (2019, 2020) met hun Nederlandse labels; ze verschillen in namen en codes,
zodat alleen het codeboek het verband legt."""

from __future__ import annotations

from dataclasses import dataclass

from .vocab import DOEL, FIN, GLI, PARTIJEN, VWS, WN


@dataclass(frozen=True)
class Questionnaire:
    year: int
    single: dict  # canoniek -> (ruwe variabele, {code: canonieke waarde of None})
    numeric: dict  # canoniek -> ruwe variabele
    multi: dict  # set -> {optie: ruwe variabele}
    checked: int
    unchecked: int
    order: tuple  # volgorde van de vragen (voor gedeeltelijke inzendingen)

    def options(self, set_name: str) -> tuple:
        return tuple(self.multi[set_name])

    def code(self, item: str, value) -> int:
        var, mapping = self.single[item]
        target = None if value == WN else value
        for code, canon_value in mapping.items():
            if canon_value == target:
                return code
        raise KeyError((self.year, item, value))


JA_NEE_2020 = {1: "ja", 2: "nee", 9: None}
JA_NEE_2019 = {0: "nee", 1: "ja", 8: None}

Q2020 = Questionnaire(
    year=2020,
    single={
        "doet_preventie": ("Q02", JA_NEE_2020),
        "reikwijdte": ("Q03", {1: "wijk", 2: "gemeente", 3: "regio", 4: "provincie", 5: "landelijk"}),
        "gemeente_betrokken": ("Q10", JA_NEE_2020),
        "zorgverzekeraar_betrokken": ("Q11", JA_NEE_2020),
        "samenwerking": ("Q12", {1: "geen_contact", 2: "in_gesprek", 3: "informeel", 4: "formeel", 9: None}),
        "afspraken": ("Q13", {1: "inhoud", 2: "financiering", 3: "beide", 9: None}),
    },
    numeric={"n_interventies": "Q06"},
    multi={
        "partijen": {o: f"Q04_{i:02d}" for i, o in enumerate(PARTIJEN, 1)},
        "doelgroepen": {o: f"Q05_{i}" for i, o in enumerate(DOEL, 1)},
        "vws_interventies": {o: f"Q07_{i}" for i, o in enumerate(VWS, 1)},
        "gli_programmas": {o: f"Q08_{i}" for i, o in enumerate(GLI, 1)},
        "financiering": {o: f"Q14_{i}" for i, o in enumerate(FIN, 1)},
    },
    checked=1,
    unchecked=0,
    order=(
        "doet_preventie",
        "reikwijdte",
        "partijen",
        "doelgroepen",
        "n_interventies",
        "vws_interventies",
        "gli_programmas",
        "gemeente_betrokken",
        "zorgverzekeraar_betrokken",
        "samenwerking",
        "afspraken",
        "financiering",
    ),
)

Q2019 = Questionnaire(
    year=2019,
    single={
        "doet_preventie": ("v3_preventie", JA_NEE_2019),
        "reikwijdte": ("v4_niveau", {10: "wijk", 20: "gemeente", 30: "regio", 40: "provincie", 50: "landelijk"}),
        "gemeente_betrokken": ("v9a_gemeente", JA_NEE_2019),
        "zorgverzekeraar_betrokken": ("v9b_verzekeraar", JA_NEE_2019),
        "samenwerking": ("v9", {1: "formeel", 2: "informeel", 3: "in_gesprek", 4: "geen_contact", 8: None}),
        "afspraken": ("v10", {1: "beide", 2: "inhoud", 3: "financiering", 8: None}),
    },
    numeric={"n_interventies": "v6_aantal"},
    multi={
        "partijen": dict(
            zip(
                PARTIJEN,
                (
                    "v5_gem",
                    "v5_zvz",
                    "v5_ha",
                    "v5_welz",
                    "v5_tz",
                    "v5_ggd",
                    "v5_para",
                    "v5_sw",
                    "v5_inw",
                    "v5_kennis",
                    "v5_mbo",
                    "v5_ander",
                ),
            )
        ),
        "vws_interventies": dict(zip(VWS, ("v7_wor", "v7_gli", "v7_val", "v7_kind", "v7_diab"))),
        "gli_programmas": dict(zip(GLI, ("v7b_bk", "v7b_cool", "v7b_slim", "v7b_anders"))),
        "doelgroepen": dict(zip(DOEL[:7], ("v8_oud", "v8_psy", "v8_jong", "v8_ovg", "v8_ses", "v8_mz", "v8_ond"))),
        "financiering": dict(zip(FIN[:3], ("v11_wmo", "v11_zvw", "v11_wpg"))),
    },
    checked=1,
    unchecked=2,
    order=(
        "doet_preventie",
        "reikwijdte",
        "partijen",
        "n_interventies",
        "vws_interventies",
        "gli_programmas",
        "doelgroepen",
        "gemeente_betrokken",
        "zorgverzekeraar_betrokken",
        "samenwerking",
        "afspraken",
        "financiering",
    ),
)
QUEST = {2019: Q2019, 2020: Q2020}
WN_NUMERIC_2019 = 99  # v6_aantal: 99 = weet niet, als user-missing gedeclareerd

# Nederlandse labels (vraagteksten en antwoorden) voor de .sav-bestanden.
OPTION_LABELS = {
    "partijen": {
        "gemeente": "Gemeente",
        "zorgverzekeraar": "Zorgverzekeraar",
        "huisarts_poh": "Huisarts/praktijkondersteuner",
        "welzijn": "Welzijnsorganisatie",
        "thuiszorg": "Thuiszorg",
        "ggd": "GGD",
        "paramedici": "Paramedici (fysio, diëtist)",
        "sociaal_werk": "Sociaal werk",
        "inwoners": "Inwoners/cliëntenraad",
        "kennisinstituut": "Kennisinstituut/universiteit",
        "beroepsonderwijs": "Beroepsonderwijs (mbo/hbo)",
        "overig": "Overige partij",
    },
    "vws_interventies": {
        "welzijn_op_recept": "Welzijn op Recept (verwijzing huisarts naar sociaal domein)",
        "gli": "Gecombineerde leefstijlinterventie (GLI)",
        "valpreventie": "Valpreventie",
        "kinderen_overgewicht": "Aanpak kinderen met overgewicht",
        "diabetes": "Interventies bij diabetes",
    },
    "gli_programmas": {
        "beweegkuur": "Beweegkuur",
        "cool": "CooL (Coaching op Leefstijl)",
        "slimmer": "SLIMMER",
        "anders": "Andere leefstijlinterventie",
    },
    "financiering": {"wmo": "Wmo", "zvw": "Zvw", "wpg": "Wpg", "overig": "Overige financiering"},
    "doelgroepen": {
        "ouderen": "(Kwetsbare) ouderen",
        "psychisch": "Mensen met psychische klachten",
        "jongeren": "Jongeren",
        "overgewicht": "Mensen met overgewicht",
        "lage_ses": "Mensen met een lage SES",
        "mantelzorgers": "Mantelzorgers",
        "onderwijs": "Onderwijs (leerlingen, leerkrachten)",
        "alle_inwoners": "Alle inwoners",
    },
}
SET_QUESTIONS = {
    "partijen": "Welke partijen zijn betrokken bij het initiatief?",
    "vws_interventies": "Welke van deze interventies biedt het initiatief aan?",
    "gli_programmas": "Welke GLI-programma's worden aangeboden?",
    "financiering": "Uit welke bronnen worden de afspraken gefinancierd?",
    "doelgroepen": "Op welke doelgroepen richt het initiatief zich?",
}
SINGLE_QUESTIONS = {
    "doet_preventie": "Richt het initiatief zich op preventie?",
    "reikwijdte": "Wat is de geografische reikwijdte van het initiatief?",
    "gemeente_betrokken": "Is de gemeente betrokken bij het initiatief?",
    "zorgverzekeraar_betrokken": "Is een zorgverzekeraar betrokken bij het initiatief?",
    "samenwerking": "Hoe werken gemeente en zorgverzekeraar samen binnen het initiatief?",
    "afspraken": "Waarover gaan de afspraken tussen gemeente en zorgverzekeraar?",
}
VALUE_LABELS = {
    "ja": "Ja",
    "nee": "Nee",
    None: "Weet niet",
    "wijk": "Wijk",
    "gemeente": "Gemeente",
    "regio": "Regio (meerdere gemeenten)",
    "provincie": "Provincie",
    "landelijk": "Landelijk",
    "geen_contact": "Beide betrokken, geen onderling contact",
    "in_gesprek": "In gesprek",
    "informeel": "Informele afspraken",
    "formeel": "Formele (schriftelijke) afspraken",
    "inhoud": "Inhoudelijke invulling",
    "financiering": "Financiering",
    "beide": "Zowel inhoud als financiering",
}
