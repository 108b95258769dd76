"""Texts of the read API (``/api/v1``): its errors and the OpenAPI descriptions."""

MESSAGES: dict[str, dict[str, str]] = {
    "api.err.missing": {
        "nl": "Parameter '{name}' ontbreekt.",
        "en": "Parameter '{name}' is missing.",
    },
    "api.err.number": {
        "nl": "Parameter '{name}' moet een geheel getal zijn, niet '{value}'.",
        "en": "Parameter '{name}' must be a whole number, not '{value}'.",
    },
    "api.title": {
        "nl": "Buurtmonitor: leesinterface",
        "en": "Buurtmonitor: read API",
    },
    "api.description": {
        "nl": "Indicatoren, gebieden en de NAP-scores zoals de pagina's ze tonen. "
        "Dezelfde toegang als de pagina's: openbaar leesbaar als dat aan staat, "
        "anders na inloggen.",
        "en": "Indicators, areas and the NAP scores as the pages show them. The same "
        "access as the pages: public read when that is on, otherwise after logging in.",
    },
}
