"""The base-year list ("Vergelijk met: een basisjaar") names a quarter or a month by its
label, as the period dropdown does; years stay plain numbers."""

from __future__ import annotations

from pathlib import Path

from tests.support import callback_body, client_for, csrf_header, dash_app_in_process


def test_base_periods_are_labelled(tmp_path: Path) -> None:
    with dash_app_in_process(tmp_path, public_read=True) as dash_app:
        client = client_for(dash_app, None)

        def offered(periods: list[int], lang: str) -> list:
            values = {
                "trends-referentie.value": "basisjaar",
                "trends-years.data": periods,
                "lang.data": lang,
            }
            body = callback_body(dash_app, "trends-basisjaar-wrap.style", values)
            answer = client.post("/_dash-update-component", json=body, headers=csrf_header(client))
            assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
            return answer.get_json()["response"]["trends-basisjaar"]["options"]

        assert offered([2023, 2024], "nl") == [2023, 2024]
        assert offered([202402, 202403], "nl") == [
            {"label": "februari 2024", "value": 202402},
            {"label": "maart 2024", "value": 202403},
        ]
        assert offered([20241], "en") == [{"label": "2024 Q1", "value": 20241}]
