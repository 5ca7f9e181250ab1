"""Reader throughput in words per second on one core: decode, clean, read, split sentences.

    .venv/bin/python bench/bench_readers.py [--repeat 100]

Times are CPU seconds of the process (one core), so other work on the machine skews them less.

The readers are the first of the pipeline's three parts (readers, quotes, entities); the
pipeline aims at 100,000 words/s, so the readers should stay well above 300,000. Every row
prints side by side with a reference over the same text: a bare baseline that splits on
blank lines and on ". " (no titles, datelines, furniture, abbreviations), the floor any
reader pays. The stress rows (one 50 MB line, a million short lines, Markdown) show the
readers stay linear on the inputs that must not hurt (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.decode import clean_text, decode_bytes  # noqa: E402
from parsers.markdown_reader import read_markdown  # noqa: E402
from parsers.plaintext import read_plaintext  # noqa: E402
from parsers.sentences import split_sentences  # noqa: E402

_NAIVE_SENT = re.compile(r"[.!?]\s+")


def ours(data: bytes, markdown: bool) -> int:
    text = clean_text(decode_bytes(data))
    doc = read_markdown(text, "b.md") if markdown else read_plaintext(text, "b.txt")
    return len(split_sentences(doc.text, doc.body_paragraphs))


def baseline(data: bytes, markdown: bool) -> int:
    text = data.decode("utf-8", errors="replace")
    n = 0
    for para in re.split(r"\n\s*\n", text):
        n += len(_NAIVE_SENT.split(para))
    return n


def timed(fn: Callable[[bytes, bool], int], data: bytes, markdown: bool) -> float:
    """CPU seconds of this process: steadier than wall time when other work shares the cores."""
    t = time.process_time()
    fn(data, markdown)
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=100, help="seed copies per corpus")
    args = ap.parse_args()
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    seed_md = "".join(
        f"## Part {k}\n\n{s}\n\n- a point\n- another point\n\n> A quoted line.\n\n"
        for k, s in enumerate(seeds)
    )
    corpora: list[tuple[str, str, bool]] = [
        ("seeds as .txt", "\n\n".join(seeds) * args.repeat, False),
        ("seeds as .md", seed_md * args.repeat, True),
        ("one 50 MB line", "word " * 10_000_000, False),
        ("a million short lines", "short line here\n" * 1_000_000, False),
        ("a million sentence lines", "A short sentence here.\n" * 1_000_000, False),
    ]
    ours(b"# warm-up\n\nOne line.", True)  # first-call set-up is not throughput
    print(f"{'corpus':26} {'words':>10} {'readers w/s':>13} {'baseline w/s':>13} {'CPU s':>8}")
    for name, text, markdown in corpora:
        data = text.encode("utf-8")
        words = len(text.split())
        t_ours = timed(ours, data, markdown)
        t_base = timed(baseline, data, markdown)
        print(
            f"{name:26} {words:>10,} {words / t_ours:>13,.0f} {words / t_base:>13,.0f} "
            f"{t_ours:>8.2f}"
        )
    print("target: readers >= 300,000 w/s (a third of the pipeline's 100,000 w/s budget)")


if __name__ == "__main__":
    main()
