"""De codeboeken, met de hand opgemaakte YAML omdat ze met hun commentaar als sjabloon dienen, en hun
controle tegen het schema van de pijplijn."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .questionnaires import Q2019, Q2020, QUEST, Questionnaire
from .vocab import SETS, SINGLES

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = ROOT / "workflow" / "schemas" / "codebook.schema.yaml"


def yaml_map(mapping: dict) -> str:
    return "{" + ", ".join(f"{k}: {'null' if v is None else v}" for k, v in mapping.items()) + "}"


SINGLE_COMMENTS = {
    2020: {
        "doet_preventie": "Q02 Richt het initiatief zich op preventie? 9 = weet niet",
        "reikwijdte": "Q03 Geografische reikwijdte",
        "gemeente_betrokken": "Q10/Q11 Betrokkenheid gemeente en zorgverzekeraar",
        "samenwerking": "Q12 alleen gevraagd als gemeente en zorgverzekeraar allebei betrokken zijn",
        "afspraken": "Q13 alleen gevraagd bij informele of formele afspraken",
    },
    2019: {
        "doet_preventie": "v3: let op 0 = nee, 1 = ja, 8 = weet niet",
        "reikwijdte": "v4: codes in tientallen",
        "gemeente_betrokken": "v9a/v9b: 0 = nee, 1 = ja, 8 = weet niet",
        "samenwerking": "v9: omgekeerde volgorde ten opzichte van 2020!",
        "afspraken": "v10: andere codes dan 2020 (1 = beide)",
    },
}


def single_lines(q: Questionnaire) -> list[str]:
    out = []
    for item in SINGLES:
        var, mapping = q.single[item]
        if item in SINGLE_COMMENTS[q.year]:
            out.append(f"  # {SINGLE_COMMENTS[q.year][item]}")
        out.append(f"  {item}: {{var: {var}, map: {yaml_map(mapping)}}}")
    return out


def codebook_2020() -> str:
    q = Q2020
    lines = [
        "# Codeboek enquête 2020 (synthetisch voorbeeld): koppelt de ruwe SPSS-variabelen aan de",
        "# canonieke variabelen van de pipeline (zie de README). Kopieer dit bestand als sjabloon voor",
        "# een nieuw jaar en pas alleen de rechterkant (ruwe namen en codes) aan.",
        "year: 2020",
        "encoding: null                          # het .sav-bestand vermeldt zelf de tekenset",
        "",
        "keys:",
        "  submission_id: respondent_id          # uniek per inzending (numeriek)",
        "  initiative_id: token                  # initiatief-id uit de persoonlijke link; soms leeg",
        "  initiative_name: Q01_naam             # door de respondent getypte naam",
        "  submitted_at: afgerond_op             # SPSS-datum/tijd; leeg bij gedeeltelijke inzendingen",
        "  completed: {var: status, values: [1]} # 1 = afgerond, 2 = gedeeltelijk ingevuld",
        "",
        "# Persoonsgegevens: worden bij het inlezen verwijderd en komen nergens in de uitvoer.",
        "pii: [Q40_contactnaam, Q41_email, Q42_telefoon, Q43_opmerkingen]",
        "",
        "# Enkelvoudige vragen: ruwe code -> canonieke waarde; null = ontbrekend (weet niet).",
        "# Een code die hier niet staat is een fout (policy.strict_codes).",
        "single:",
        *single_lines(q),
        "",
        "numeric:",
        "  n_interventies: {var: Q06}            # aantal preventieve interventies",
        "",
        "# Meerkeuzevragen: één ruwe variabele per optie; 1 = aangevinkt, 0 = niet aangevinkt,",
        "# systeem-ontbrekend = vraag niet gesteld (routing) of overgeslagen.",
        "# Q08 (GLI-programma's) alleen na een vinkje bij GLI in Q07; 'Samen Sportief in Beweging'",
        "# stond in 2020 nog niet in de vragenlijst en ontbreekt daarom (samen_sportief).",
        "multi:",
        "  selected: [1]",
        "  not_selected: [0]",
        *multi_lines(q),
    ]
    return "\n".join(lines) + "\n"


def codebook_2019() -> str:
    q = Q2019
    lines = [
        "# Codeboek enquête 2019 (synthetisch voorbeeld). Andere variabelenamen en andere codes",
        "# dan 2020: het codeboek vangt dat op, de pipeline ziet alleen canonieke namen.",
        "year: 2019",
        "encoding: null",
        "",
        "keys:",
        "  submission_id: resp_nr                  # tekst, bijv. R19-0001",
        "  initiative_id: ni_code                  # initiatief-id uit de uitnodiging; soms leeg",
        "  initiative_name: v2_naam",
        "  submitted_at: datum_einde               # TEKST 'dd-mm-jjjj uu:mm' (dag eerst)",
        "  completed: {var: voltooid, values: [2]} # let op: 1 = nee, 2 = ja",
        "",
        "pii: [contactpersoon, emailadres, telefoonnummer]",
        "",
        "single:",
        *single_lines(q),
        "",
        "numeric:",
        "  # 99 = weet niet; in het .sav-bestand als user-missing gedeclareerd (leest als leeg)",
        "  n_interventies: {var: v6_aantal}",
        "",
        "# 1 = aangevinkt, 2 = niet aangevinkt (beide expliciet; elke andere code is een fout).",
        "# Niet gevraagd in 2019, dus ontbrekend en nooit geraden: doelgroepen.alle_inwoners,",
        "# financiering.overig en gli_programmas.samen_sportief.",
        "multi:",
        "  selected: [1]",
        "  not_selected: [2]",
        *multi_lines(q),
    ]
    return "\n".join(lines) + "\n"


def multi_lines(q: Questionnaire) -> list[str]:
    out = []
    for set_name in SETS:
        if set_name not in q.multi:
            continue
        opts = q.multi[set_name]
        items = [f"{o}: {v}" for o, v in opts.items()]
        head = f"  {set_name}: {{"
        line = head
        rows = []
        for k, it in enumerate(items):
            piece = it + (", " if k < len(items) - 1 else "}")
            if len(line) + len(piece) > 92 and line.strip() not in ("", head.strip()):
                rows.append(line.rstrip())
                line = " " * len(head) + piece
            else:
                line += piece
        rows.append(line)
        out += rows
    return out


def validate_codebook(text: str, year: int) -> dict:
    import jsonschema

    doc = yaml.safe_load(text)
    with open(SCHEMA, encoding="utf-8") as fh:
        schema = yaml.safe_load(fh)
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(doc)))
    q = QUEST[year]
    assert doc["year"] == year
    for item, (var, mapping) in q.single.items():
        assert doc["single"][item] == {"var": var, "map": mapping}, item
    for set_name, opts in q.multi.items():
        assert doc["multi"][set_name] == opts, set_name
    return doc
