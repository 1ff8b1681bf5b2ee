"""De generator van de synthetische voorbeeldinvoer (resources/example/, zie README.md daar).

Bewust zonder import uit preventie: het voorbeeld controleert de pijplijn onafhankelijk. De stappen,
in de volgorde van cli.build: roles, calibration en answers, names, contacts, submissions_2020 en
submissions_2019, checks, writers en codebooks.
"""
