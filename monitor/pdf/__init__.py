"""One PDF of the profiles of many areas: all buurten of a stadsdeel, all gebieden…

- :mod:`monitor.pdf.book`: which areas, and per area the block set's indicators with
  value, NAP, klasse, reason and trend in words, read from the materialised scores;
- :mod:`monitor.pdf.render`: the A4 PDF (reportlab): a cover, then one page per area.

:func:`write` does both and writes the file; ``monitor pdf`` and the background job
``profiles.pdf`` (:mod:`monitor.jobs.profiles_pdf`) call it. No web framework here.
"""

from __future__ import annotations

import os
from pathlib import Path

from monitor.pdf.book import MAX_AREAS, ProfileBook, Step, choose_areas, gather
from monitor.pdf.render import pdf
from monitor.store import Store


def write(
    store: Store,
    output: Path,
    level: str,
    within: str | None = None,
    lang: str = "nl",
    division_id: int | None = None,
    step: Step | None = None,
    before_render: object = None,
) -> ProfileBook:
    """Gather the profiles and write the PDF to ``output`` (atomically: a temporary file
    renamed into place, so a half-written PDF is never served). ``before_render`` (a
    callable without arguments) is called once all areas are read."""
    book = gather(store, level, within, lang, division_id, step)
    if callable(before_render):
        before_render()
    data = pdf(book)
    output.parent.mkdir(parents=True, exist_ok=True)
    temp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, output)
    return book


def filename(book: ProfileBook) -> str:
    """A safe download name: ``profielen-buurten-O.pdf``, ``profielen-gebieden.pdf``."""
    from monitor.messages import t

    levels = t(f"pdf.levels.{book.level}", "nl")  # the file's name is Dutch, as the others
    code = book.within[1] if book.within else ""
    safe = "".join(c if (c.isalnum() and c.isascii()) or c in "-_" else "_" for c in code)
    return f"profielen-{levels}{'-' + safe if safe else ''}.pdf"


__all__ = ["MAX_AREAS", "ProfileBook", "choose_areas", "filename", "gather", "pdf", "write"]
