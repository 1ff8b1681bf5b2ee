"""De gegevens van de generator die geen code zijn (de vragenlijsten, hun labels, de tabellen van de
rollen): YAML-bestanden naast de modules van dit pakket."""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).parent


def read_yaml(name: str):
    """Een YAML-bestand van dit pakket, bijvoorbeeld 'rollen.yaml'."""
    with open(HERE / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)
