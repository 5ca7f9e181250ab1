"""A small dated library for the timeline and watchlist tests: 14 articles over three weeks,
four outlets, names that rise (Mark Rutte) and fall (Donald Trump)."""

from __future__ import annotations

import os
from pathlib import Path

#: (day, outlet, body) of each article.
ARTICLES = [
    ("2025-06-02", "Reuters", "Donald Trump met Mark Rutte in Brussels. NATO agreed to talk."),
    ("2025-06-02", "UNN", "Donald Trump spoke about Ukraine. Donald Trump left early."),
    ("2025-06-03", "AP", "Donald Trump and Emmanuel Macron discussed air defence for Kyiv."),
    ("2025-06-04", "Reuters", "Donald Trump called Vladimir Putin. Ukraine waited."),
    ("2025-06-05", "UNN", "Air defence for Ukraine: Donald Trump said little."),
    ("2025-06-09", "Bloomberg", "Mark Rutte said NATO would act. Donald Trump agreed."),
    ("2025-06-10", "Reuters", "Mark Rutte visited Kyiv. Emmanuel Macron followed."),
    ("2025-06-12", "AP", "NATO and Mark Rutte planned more air defence for Ukraine."),
    ("2025-06-16", "UNN", "Mark Rutte met Emmanuel Macron in Paris. NATO agreed."),
    ("2025-06-16", "Reuters", "Mark Rutte and Emmanuel Macron spoke of Patriot systems."),
    ("2025-06-17", "Bloomberg", "Emmanuel Macron said Mark Rutte was right about Ukraine."),
    ("2025-06-18", "AP", "Mark Rutte: NATO will send more air defence to Ukraine."),
    ("2025-06-19", "UNN", "Emmanuel Macron and Mark Rutte met Volodymyr Zelensky."),
    ("2025-06-20", "Reuters", "Mark Rutte said the talks went well. Kyiv agreed."),
]

#: A fixed file time (the timeline uses the documents' own dates; this keeps "new" stable).
MTIME = 1_748_000_000.0


def write_library(folder: Path) -> Path:
    """Write the articles into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (day, outlet, body) in enumerate(ARTICLES):
        p = folder / f"{i:02d}-{outlet.lower()}.txt"
        p.write_text(
            f"Report {i + 1} from {outlet}\ndate {day}\nSource: {outlet}\n\n{body}\n", "utf-8"
        )
        os.utime(p, (MTIME, MTIME))
    return folder
