#!/usr/bin/env python3
"""Genereert de synthetische voorbeeldinvoer (2019 en 2020) van de pipeline.

    python resources/example/generate.py            # schrijft naar resources/example/
    python resources/example/generate.py --out DIR  # schrijft naar DIR

Dunne ingang: de generator zelf is het pakket voorbeeld/ naast dit script (zie README.md).
"""

import sys

from voorbeeld.cli import main

if __name__ == "__main__":
    sys.exit(main())
