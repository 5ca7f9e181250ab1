"""Write a reproducible library of synthetic briefings for benchmarks and for trying the scale.

    python bench/make_corpus.py OUT_DIR [--articles 10000] [--seed 7]

The articles recombine the sentences of the bundled seeds with template sentences, and the
seeds' names (people, countries, organisations, weapon systems) with generated ones, so names
repeat across documents the way they do in real news while the vocabulary keeps a long tail of
rare words (a real 5-million-word library has ~100,000 distinct words; fuzzy term lookup must
cope with that). About a third of the articles use British spellings ("defence"). The same seed
gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# The seeds' entities (from seeds/*.txt), with the spellings the seeds use.
SEED_PEOPLE = [
    "Veronika Stromšíková",
    "Pål Jonson",
    "Mark Rutte",
    "Emmanuel Macron",
    "Alexander Stubb",
    "Donald Trump",
    "Vladimir Putin",
]
SEED_COUNTRIES = [
    "Ukraine",
    "Russia",
    "the United States",
    "the U.S.",
    "the US",
    "Finland",
    "France",
    "Germany",
    "Italy",
    "the United Kingdom",
    "the UK",
    "the Czech Republic",
    "Sweden",
    "China",
]
SEED_ORGS = [
    "NATO",
    "the International Institute for Strategic Studies",
    "the IISS",
    "Eurosam",
    "Bloomberg",
    "UNN",
    "the Ministry of Foreign Affairs",
    "the coalition of the willing",
]
SEED_WEAPONS = ["Patriot", "SAMP/T"]
SEED_PLACES = ["Kyiv", "Vilnius", "Prague", "Europe", "Brussels"]

ROLES = [
    "Defense Minister",
    "Foreign Minister",
    "Director General",
    "Secretary General",
    "President",
    "Prime Minister",
    "spokesperson",
    "analyst",
    "Chief of Staff",
    "ambassador",
]
GIVEN = [
    "Anna",
    "Jan",
    "Marta",
    "Oleksandr",
    "Ingrid",
    "Tomasz",
    "Eva",
    "Jakub",
    "Sofia",
    "Lars",
    "Helena",
    "Mikael",
    "Zofia",
    "Andriy",
    "Petra",
    "Jonas",
    "Milena",
    "Kristof",
    "Olena",
    "Henrik",
    "Katarzyna",
    "Matteo",
    "Élodie",
    "Søren",
    "Łukasz",
    "Ágnes",
    "Jiří",
    "Dorota",
]
SYL = [
    "ka",
    "ro",
    "vi",
    "len",
    "mar",
    "to",
    "sko",
    "va",
    "ber",
    "gen",
    "stro",
    "mi",
    "no",
    "lo",
    "ten",
    "har",
    "dal",
    "pe",
    "tri",
    "sen",
    "ko",
    "vak",
    "ri",
    "do",
    "wicz",
    "ná",
    "šek",
    "ová",
    "ø",
    "berg",
    "ström",
    "ski",
    "lund",
    "ve",
    "za",
    "bo",
    "ni",
    "ček",
    "ła",
    "rin",
]
TITLE_T = [
    "{country} and {country2} Discuss {weapon} Deliveries",
    "{person} Urges Allies to Strengthen Air {defense}",
    "{org} Report Warns of Gaps in European {defense}",
    "{country} Pledges {money} for {weapon} Batteries",
    "Allies Weigh Security Guarantees for {country}",
    "{person}: {country} Needs More {weapon} Systems",
    "Talks in {place} Focus on Missile {defense} and Training",
    "{org} Summit in {place} Ends Without Agreement on Troops",
]
TEMPLATES = [
    "{person}, the {role} of {country}, said the talks in {place} were constructive.",
    "{country} has delivered {weapon} systems to {country2} from its own stocks.",
    "According to {org}, replacing those capabilities would cost {money}.",
    "Officials in {place} said the {weapon} batteries would arrive within {n} weeks.",
    "The {org} estimates that {country} spends {pct} percent of its budget on {defense}.",
    "{person} met {person2} on {day} to discuss integrated air and missile {defense}.",
    "Analysts at {org} noted that {country2} lacks long-range air {defense} equipment.",
    "A delegation led by {person} visited {place} on {day}.",
    "{country} and {country2} agreed to train {n},000 soldiers in {place}.",
    "The {weapon} order is worth {money}, {org} reported.",
    "Critics say the plan to {verb} the {noun} of {country} came too late.",
    "{person} told reporters in {place} that the {noun} was {adj}.",
]
QUOTES = [
    "We cannot let our guard down, and the {weapon} is part of the answer",
    "This has to be part of the deal, because without eyes you are blind",
    "Air {defense} capabilities are absolutely vital",
    "Our partners in {country} know exactly what is at stake",
    "The {noun} will be {adj} only if {country} keeps its promises",
    "We will translate economic influence into combat power",
]
VERBS = ["organise", "modernise", "prioritise", "stabilise", "mobilise", "finalise"]
NOUNS = ["programme", "centre", "defence budget", "armour", "dialogue", "labour force"]
ADJS = ["decisive", "fragile", "ambitious", "unprecedented", "urgent", "credible"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _surname(rng: random.Random) -> str:
    s = "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3)))
    return s[:1].upper() + s[1:]


def seed_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for para in text.split("\n"):
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", para.strip()):
                if len(s.split()) >= 8 and '"' not in s and s.endswith((".", "!", "?")):
                    out.append(s)
    return out


class Corpus:
    """The name pools and sentence sources, fixed by ``seed``."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.people = list(SEED_PEOPLE) + [
            f"{rng.choice(GIVEN)} {_surname(rng)}" for _ in range(3000)
        ]
        self.places = list(SEED_PLACES) + [_surname(rng) for _ in range(2000)]
        self.orgs = list(SEED_ORGS) + [f"the {_surname(rng)} Institute" for _ in range(300)]
        self.weapons = list(SEED_WEAPONS) + [
            f"{_surname(rng)}-{rng.randint(2, 99)}" for _ in range(200)
        ]
        self.sentences = seed_sentences()
        # A long tail of rare words, as real libraries have.
        self.rare = [_surname(rng).lower() for _ in range(60000)]

    def _pick_person(self) -> str:
        rng = self.rng
        return rng.choice(SEED_PEOPLE) if rng.random() < 0.3 else rng.choice(self.people)

    def fill(self, template: str, british: bool) -> str:
        rng = self.rng
        return template.format(
            person=self._pick_person(),
            person2=self._pick_person(),
            role=rng.choice(ROLES),
            country=rng.choice(SEED_COUNTRIES).replace("the ", "", 1).strip()
            if template.startswith("{country}")
            else rng.choice(SEED_COUNTRIES),
            country2=rng.choice(SEED_COUNTRIES),
            org=rng.choice(self.orgs),
            weapon=rng.choice(self.weapons) if rng.random() < 0.5 else rng.choice(SEED_WEAPONS),
            place=rng.choice(self.places) if rng.random() < 0.5 else rng.choice(SEED_PLACES),
            money=f"${rng.randint(1, 900)} {rng.choice(['million', 'billion'])}",
            n=rng.randint(2, 40),
            pct=rng.randint(1, 5),
            day=rng.choice(DAYS),
            defense="Defence" if british else "Defense",
            verb=rng.choice(VERBS) if british else rng.choice(VERBS).replace("ise", "ize"),
            noun=rng.choice(NOUNS)
            if british
            else rng.choice(NOUNS)
            .replace("programme", "program")
            .replace("centre", "center")
            .replace("defence", "defense")
            .replace("armour", "armor")
            .replace("labour", "labor"),
            adj=rng.choice(ADJS),
        )

    def sentence(self, british: bool) -> str:
        rng = self.rng
        r = rng.random()
        s = rng.choice(self.sentences) if r < 0.45 else self.fill(rng.choice(TEMPLATES), british)
        if rng.random() < 0.35:
            extra = " ".join(rng.choice(self.rare) for _ in range(rng.randint(1, 2)))
            s = s[:-1] + f", near {extra.title()}." if s.endswith(".") else s
        if british:
            s = s.replace("defense", "defence").replace("Defense", "Defence")
        return s

    def article(self, i: int) -> tuple[str, str]:
        rng = self.rng
        british = rng.random() < 0.33
        title = self.fill(rng.choice(TITLE_T), british)
        lines = [title, f"date 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", ""]
        for _ in range(rng.randint(7, 12)):
            if rng.random() < 0.18:
                q = self.fill(rng.choice(QUOTES), british)
                who = self._pick_person()
                lines.append(f'"{q}," said {rng.choice(ROLES)} {who}.')
            else:
                lines.append(" ".join(self.sentence(british) for _ in range(rng.randint(2, 5))))
            lines.append("")
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]
        return f"{i:05d}_{slug}.txt", "\n".join(lines)


def write_corpus(out: Path, articles: int = 10000, seed: int = 7) -> int:
    """Write the library; returns the number of words."""
    corpus = Corpus(seed)
    words = 0
    for i in range(articles):
        name, text = corpus.article(i)
        folder = out / f"part{i // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out}: not empty; choose a new folder", file=sys.stderr)
        return 2
    words = write_corpus(args.out, args.articles, args.seed)
    size = sum(f.stat().st_size for f in args.out.rglob("*.txt"))
    print(
        f"wrote {args.articles:,} articles, {words:,} words, {size / 1e6:.1f} MB to "
        f"{os.fspath(args.out)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
