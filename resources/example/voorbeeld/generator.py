"""De toestand die alle stappen delen: één random stream, de gemeenten, de initiatieven en de notities
van de randgevallen."""

from __future__ import annotations

import json
import random
from pathlib import Path

from .initiatives import Init

SEED = 20201120
ROOT = Path(__file__).resolve().parents[3]
GEO = ROOT / "resources" / "geo"


class Generator:
    """Eén random stream voor alles: elke stap trekt in vaste volgorde, dus vaste bytes."""

    def __init__(self, seed: int = SEED):
        self.R = random.Random(seed)
        self.load_geo()
        self.notes: dict[str, list] = {}  # randgevallen -> ids (voor README/rapport)
        self.inits: list[Init] = []  # roles.build_roles
        self.by_id: dict[str, Init] = {}
        self.coal: dict[str, Init] = {}  # coalitiecode -> initiatief (roles.build_coalitions)
        self.pii_names: set[str] = set()  # al uitgedeelde persoonsgegevens (contacts)
        self.pii_emails: set[str] = set()
        self.pii_phones: set[str] = set()

    def note(self, key: str, value) -> None:
        self.notes.setdefault(key, []).append(value)

    def load_geo(self) -> None:
        names = {}
        for year in (2019, 2020):
            with open(GEO / f"gemeente_{year}.geojson", encoding="utf-8") as fh:
                doc = json.load(fh)
            names[year] = {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in doc["features"]}
        if set(names[2019]) != set(names[2020]):
            raise SystemExit("gemeentecodes 2019 en 2020 verschillen; voorbeeld gaat uit van dezelfde 355")
        self.gm = dict(sorted(names[2020].items()))
        self.gm_by_name = {v: k for k, v in self.gm.items()}

    def pick(self, pred, n: int, exclude=()) -> list[Init]:
        pool = [x for x in self.inits if pred(x) and x.id not in exclude]
        return self.R.sample(pool, n)
