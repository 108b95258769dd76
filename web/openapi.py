"""The OpenAPI 3.1 document of the read API (``web/api.py``)."""

from __future__ import annotations

from typing import Any

from monitor.messages import t
from monitor.scoring.methods import CLASSES

PREFIX = "/api/v1"
PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10000


def _param(name: str, description: str, kind: str = "string", required: bool = False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": {"type": kind},
    }


PAGING = [
    _param("pagina", "Paginanummer, vanaf 1.", "integer"),
    _param(
        "per_pagina",
        f"Rijen per pagina (standaard {PAGE_SIZE}, hoogstens {MAX_PAGE_SIZE}).",
        "integer",
    ),
    _param("indeling", "Gebiedsindeling (standaard de eerste)."),
    _param("lang", "nl (standaard) of en."),
]
PAGED = {
    "type": "object",
    "properties": {
        "gegevens": {"type": "array", "items": {"type": "object"}},
        "pagina": {"type": "integer"},
        "per_pagina": {"type": "integer"},
        "totaal": {"type": "integer"},
        "paginas": {"type": "integer"},
        "volgende": {"type": ["string", "null"]},
    },
}
ERROR = {
    "description": "Onbruikbare parameter",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"fout": {"type": "string"}}}
        }
    },
}
DENIED = {
    "description": "Niet ingelogd terwijl openbaar lezen uit staat, of een onbekend, "
    "ingetrokken of uitgeschakeld API-token (altijd)",
    "content": ERROR["content"],
}
#: How to log in for the API: a personal token (``monitor user token NAME``, or Beheer)
#: in ``Authorization: Bearer``, or the browser's session cookie. With public read on,
#: neither is needed (the empty requirement).
SECURITY_SCHEMES = {
    "token": {
        "type": "http",
        "scheme": "bearer",
        "description": "Persoonlijk API-token (begint met bm_): `monitor user token NAAM` "
        "of de pagina Beheer. Werkt met de rol van de gebruiker; intrekken met "
        "`monitor user revoke-token NUMMER`.",
    },
    "sessie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "buurtmonitor_session",
        "description": "De sessie van een login in de browser.",
    },
}


def openapi_document(lang: str = "nl") -> dict[str, Any]:
    """The OpenAPI 3.1 description of this API."""
    score_row = {
        "type": "object",
        "properties": {
            "indicator": {"type": "string"},
            "periode": {"type": "integer"},
            "code": {"type": "string"},
            "naam": {"type": "string"},
            "waarde": {"type": ["number", "null"]},
            "nap": {"type": ["number", "null"]},
            "klasse": {
                "type": "string",
                "enum": [*CLASSES, "niet_significant"],
            },
            "reden": {"type": "string"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": t("api.title", lang),
            "version": "1",
            "description": t("api.description", lang),
        },
        "components": {"securitySchemes": SECURITY_SCHEMES},
        "security": [{}, {"token": []}, {"sessie": []}],
        "paths": {
            f"{PREFIX}/indicatoren": {
                "get": {
                    "summary": "De catalogus met per niveau de gescoorde perioden.",
                    "parameters": PAGING,
                    "responses": {
                        "200": {
                            "description": "Indicatoren",
                            "content": {"application/json": {"schema": PAGED}},
                        },
                        "401": DENIED,
                    },
                }
            },
            f"{PREFIX}/gebieden": {
                "get": {
                    "summary": "Gebieden van een niveau als GeoJSON (WGS84).",
                    "parameters": [
                        _param("niveau", "buurt (standaard), wijk, gebied, stadsdeel of gemeente."),
                        PAGING[2],
                        PAGING[3],
                    ],
                    "responses": {
                        "200": {
                            "description": "FeatureCollection",
                            "content": {"application/geo+json": {"schema": {"type": "object"}}},
                        },
                        "400": ERROR,
                        "401": DENIED,
                    },
                }
            },
            f"{PREFIX}/scores": {
                "get": {
                    "summary": "NAP-scores: waarde, NAP, klasse en reden per gebied.",
                    "parameters": [
                        _param(
                            "niveau", "buurt, wijk, gebied, stadsdeel of gemeente.", required=True
                        ),
                        _param("indicator", "Eén indicator (zonder: alle)."),
                        _param(
                            "periode",
                            "Eén jaar (2024), kwartaal (2024-K1) of maand (2024-03); zonder: alle.",
                            "string",
                        ),
                        _param("formaat", "json (standaard) of csv."),
                        *PAGING,
                    ],
                    "responses": {
                        "200": {
                            "description": "Scores",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        **PAGED,
                                        "properties": {
                                            **PAGED["properties"],
                                            "gegevens": {"type": "array", "items": score_row},
                                        },
                                    }
                                },
                                "text/csv": {"schema": {"type": "string"}},
                            },
                        },
                        "400": ERROR,
                        "401": DENIED,
                    },
                }
            },
            f"{PREFIX}/ik": {
                "get": {
                    "summary": "Wie is ingelogd, met welke rol.",
                    "responses": {
                        "200": {
                            "description": "gebruiker, naam, rol",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "401": {"description": "Niet ingelogd", "content": ERROR["content"]},
                    },
                }
            },
            f"{PREFIX}/tokens": {
                "get": {
                    "summary": "Uw eigen API-tokens (nummer, naam, begin; nooit het token).",
                    "security": [{"sessie": []}],
                    "responses": {
                        "200": {"description": "Lijst", "content": ERROR["content"]},
                        "401": DENIED,
                    },
                },
                "post": {
                    "summary": "Maak een API-token voor uzelf; het wordt één keer getoond. "
                    'Met de sessie en X-CSRFToken; body {"naam": "notebook"}.',
                    "security": [{"sessie": []}],
                    "responses": {
                        "201": {"description": "nummer, naam, token"},
                        "400": {"description": "Zonder geldig CSRF-token"},
                        "401": DENIED,
                    },
                },
            },
            f"{PREFIX}/tokens/{{nummer}}": {
                "delete": {
                    "summary": "Trek een eigen API-token in.",
                    "security": [{"sessie": []}],
                    "parameters": [
                        {
                            "name": "nummer",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "204": {"description": "Ingetrokken"},
                        "401": DENIED,
                        "404": ERROR,
                    },
                }
            },
            f"{PREFIX}/openapi.json": {
                "get": {
                    "summary": "Deze beschrijving.",
                    "responses": {"200": {"description": "OpenAPI 3.1"}},
                }
            },
        },
    }
