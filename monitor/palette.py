"""Class colours. The default is colour-blind safe (blue/orange, not red/green) and
keeps polarity readable; "klassiek" is the red/grey/green of the printed buurtbegroting.
*Geen gegevens* is never a class colour: white, hatched in the app.
"""

from __future__ import annotations

PALETTES: dict[str, dict[str, str]] = {
    "standaard": {
        "veel_beter": "#08519c",
        "beter": "#6baed6",
        "rond": "#d9d9d9",
        "slechter": "#fdae6b",
        "veel_slechter": "#d94801",
        "meer": "#9e9ac8",
        "minder": "#c7e9c0",
        "niet_gekleurd": "#f0f0f0",
        "geen_gegevens": "#ffffff",
    },
    "klassiek": {
        "veel_beter": "#1a9641",
        "beter": "#a6d96a",
        "rond": "#bdbdbd",
        "slechter": "#fdae61",
        "veel_slechter": "#d7191c",
        "meer": "#9e9ac8",
        "minder": "#c7e9c0",
        "niet_gekleurd": "#f0f0f0",
        "geen_gegevens": "#ffffff",
    },
}


def colour(klasse: str, palette: str = "standaard") -> str:
    return PALETTES.get(palette, PALETTES["standaard"]).get(klasse, "#ffffff")
