"""The head of a file as text for sniffing (``monitor.ingest.text.head_text``), and what
its two callers do when neither UTF-8 nor Windows-1252 can read the head."""

from __future__ import annotations

from monitor.ingest.budget import sniff_kind
from monitor.ingest.points import sniff_points
from monitor.ingest.text import head_text

#: 0x81 and 0x8D are undefined in Windows-1252 and not valid UTF-8 here: neither reads it.
UNREADABLE = b"\x81\x8d"


def test_utf8_with_bom_windows_1252_and_neither() -> None:
    assert head_text("\ufeffnaam;€\n".encode(), 100) == "naam;€\n"
    assert head_text("café;€ 3,50\n".encode("cp1252"), 100) == "café;€ 3,50\n"
    assert head_text(b"abc" + UNREADABLE, 100) is None


def test_only_the_head_is_read() -> None:
    assert head_text(b"abcdef", 3) == "abc"
    # the bad bytes lie past the head: not seen
    assert head_text(b"abc" + UNREADABLE, 3) == "abc"
    # 'é' in UTF-8 is two bytes; cut after the first, UTF-8 fails and cp1252 reads 'Ã'
    assert head_text("aé".encode(), 2) == "aÃ"


def test_points_sniff_gives_up_on_an_unreadable_head() -> None:
    good = b"datum;lat;lon\n2024-01-01;52.1;4.9\n"
    assert sniff_points(good, "m.csv") == "meldingen"
    assert sniff_points(good + UNREADABLE, "m.csv") is None


def test_budget_sniff_reads_an_unreadable_head_as_far_as_utf8_can() -> None:
    good = b"programma;begroot\nWonen;100\n"
    assert sniff_kind(good, "b.csv") == "begroting"
    assert sniff_kind(good + UNREADABLE, "b.csv") == "begroting"
