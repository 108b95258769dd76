"""Crafted callback input on the Uploaden page is answered with a Dutch message, never a
500; with public read on, the upload history hides who uploaded what from visitors
(issue 13, Hardening). Through the real app and Flask's test client, CSRF on."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import callback_body, client_for, csrf_header, dash_app_in_process

GOOD = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;3,3\n"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with dash_app_in_process(tmp_path_factory.mktemp("hardening"), public_read=True) as app:
        yield app


def call(web: Any, client: Any, first: str, values: dict[str, Any]) -> Any:
    """POST a callback as dash-renderer does (see :func:`tests.support.callback_body`)."""
    body = callback_body(web, first, values)
    return client.post("/_dash-update-component", json=body, headers=csrf_header(client))


def _data_url(raw: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(raw).decode()


def _check(web: Any, client: Any, **fields: Any) -> Any:
    values = {
        "upload-file.contents": _data_url(GOOD),
        "upload-file.filename": "m.csv",
        "upload-format.value": "auto",
        "lang.data": "nl",
    }
    values |= {f"upload-{k.replace('_', '-')}.value": v for k, v in fields.items() if k != "file"}
    if "file" in fields:
        values["upload-file.contents"] = fields["file"]
    return _and_job(web, client, call(web, client, "upload-report.children", values))


class _Answers:
    """The check callback's answer and, when it queued a job, the answer of the page's
    poll once that job is done (the check runs as a background job)."""

    def __init__(self, *answers: Any) -> None:
        self.answers = answers
        self.status_code = max(a.status_code for a in answers)

    def get_json(self) -> list[Any]:
        return [a.get_json() for a in self.answers]


def _and_job(web: Any, client: Any, answer: Any) -> Any:
    from monitor import jobs

    job = ((answer.get_json() or {}).get("response") or {}).get("upload-job", {}).get("data")
    if answer.status_code != 200 or not job:
        return answer
    jobs.runner().drain()
    output = next(
        o
        for o, e in web.callback_map.items()
        if {"id": "upload-poll", "property": "n_intervals"} in e["inputs"]
    )
    outputs = [
        {"id": part.rpartition(".")[0], "property": part.rpartition(".")[2].split("@")[0]}
        for part in output.strip(".").split("...")
    ]
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": "upload-poll", "property": "n_intervals", "value": 1}],
        "state": [
            {"id": "upload-job", "property": "data", "value": job},
            {"id": "lang", "property": "data", "value": "nl"},
        ],
        "changedPropIds": ["upload-poll.n_intervals"],
    }
    polled = client.post("/_dash-update-component", json=body, headers=csrf_header(client))
    return _Answers(answer, polled)


def _text(answer: Any) -> str:
    return json.dumps(answer.get_json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"period": "abc"}, "Jaar 'abc' is geen jaartal (bijvoorbeeld 2024)"),
        ({"period": 2024.5}, "Jaar '2024.5' is geen jaartal"),
        ({"period": [2024]}, "Het verzoek is niet te lezen (periode)"),
        ({"file": "zonder-komma"}, "Het verzoek is niet te lezen (bestand)"),
        ({"file": "data:text/csv;base64,@@@"}, "Het verzoek is niet te lezen (bestand)"),
        ({"file": ["data:,x"]}, "Het verzoek is niet te lezen (bestand)"),
        ({"code_pattern": {"a": 1}}, "Het verzoek is niet te lezen (codepatroon)"),
        ({"code_pattern": "^(a+)+$"}, "geen enkele rij heeft een gebiedcode"),
        ({"code_pattern": "(?<=x)"}, "is geen geldige reguliere expressie"),
        ({"map": ["a=b"]}, "Het verzoek is niet te lezen (kolommen)"),
    ],
)
def test_crafted_check_input_gets_a_dutch_message(
    web: Any, fields: dict[str, Any], expected: str
) -> None:
    analist = client_for(web, "analist")
    answer = _check(web, analist, **fields)
    assert answer.status_code in (200, 400), answer.status_code
    assert expected in _text(answer)


def test_a_crafted_excel_dimension_through_the_page(web: Any) -> None:
    """The 5 KB workbook that claims A1:XFD20000 (18 s and 2.5 GB before) is refused."""
    from tests.test_hardening import crafted_xlsx

    analist = client_for(web, "analist")
    contents = (
        "data:application/octet-stream;base64,"
        + base64.b64encode(crafted_xlsx("A1:XFD20000")).decode()
    )
    answer = _check(web, analist, file=contents)
    assert answer.status_code == 200
    assert "zegt 20.000 rijen en 16.384 kolommen te hebben" in _text(answer)


def test_a_pattern_that_matches_no_row_is_an_answer(web: Any) -> None:
    analist = client_for(web, "analist")
    answer = _check(web, analist, code_pattern="^QQ")
    assert answer.status_code == 200, answer.status_code
    text = _text(answer)
    assert (
        "m.csv: geen enkele rij heeft een gebiedcode, dus er zijn geen gegevens (rij 2, kolom "
        "'gebiedcode': 'N01a'). Past het codepatroon wel bij de codes in het bestand? Er is "
        "niets opgeslagen."
    ) in text


def test_crafted_staged_data_gets_a_dutch_message(web: Any) -> None:
    analist = client_for(web, "analist")
    for staged in (["a"], "x", {"sha256": ["a"]}, {"sha256": "../../etc/passwd"}, 5):
        answer = call(
            web,
            analist,
            "upload-result.children",
            {"upload-publish.n_clicks": 1, "upload-staged.data": staged, "lang.data": "nl"},
        )
        assert answer.status_code == 200, (staged, answer.status_code)
        assert "Het verzoek is niet te lezen (upload-staged)" in _text(answer)


def test_a_crafted_language_is_dutch(web: Any) -> None:
    analist = client_for(web, "analist")
    values = {
        "upload-file.contents": _data_url(GOOD),
        "upload-file.filename": ["m.csv"],
        "upload-format.value": "auto",
        "lang.data": ["en"],
    }
    answer = _and_job(web, analist, call(web, analist, "upload-report.children", values))
    assert answer.status_code == 200
    # Dutch words, also for the format and the preview (no "formaat long", no "Preview").
    text = _text(answer)
    assert "formaat: lang" in text and "formaat long" not in text
    assert "Voorbeeld: wat verandert er" in text and "Preview" not in text


# -- the history with public read on ---------------------------------------------------


def _history(web: Any, client: Any) -> str:
    answer = call(web, client, "upload-history.children", {"upload-history.id": "upload-history"})
    assert answer.status_code == 200
    return _text(answer)


def test_visitors_do_not_see_who_uploaded_which_file(web: Any) -> None:
    anonymous, lezer, analist = (client_for(web, r) for r in (None, "lezer", "analist"))
    for client in (anonymous, lezer):
        shown = _history(web, client)
        assert "voorbeeldstad-meetingen.csv" not in shown
        assert "monitor demo" not in shown
        assert "Bestand" not in shown and "Door" not in shown
        assert "gepubliceerd" in shown  # what changed and when stays public
    shown = _history(web, analist)
    assert "voorbeeldstad-meetingen.csv" in shown and "monitor demo" in shown


def test_the_staged_file_is_kept_only_for_an_analist(web: Any, tmp_path: Path) -> None:
    """Anonymous visitors cannot check (and so store) a file even with public read on."""
    anonymous = client_for(web, None)
    answer = _check(web, anonymous)
    assert answer.status_code == 401


@pytest.mark.parametrize("index", ["abc", 1.5, None, [1]])
def test_a_crafted_undo_button_id_gets_a_dutch_message(web: Any, index: Any) -> None:
    """The confirmed undo with an upload id no page draws (the id comes from the request)."""
    output = next(
        o
        for o, e in web.callback_map.items()
        if any("upload-ask-yes" in i["id"] for i in e["inputs"])
    )
    button = {"type": "upload-ask-yes", "action": "undo", "index": index}
    key = json.dumps(button, sort_keys=True, separators=(",", ":"))
    outputs = []
    for part in output.strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop.split("@")[0]})
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "state": [{"id": "lang", "property": "data", "value": "nl"}],
        "changedPropIds": [f"{key}.n_clicks"],
    }
    beheerder = client_for(web, "beheerder")
    answer = beheerder.post("/_dash-update-component", json=body, headers=csrf_header(beheerder))
    assert answer.status_code == 200, answer.status_code
    assert "Het verzoek is niet te lezen (upload)" in _text(answer)
