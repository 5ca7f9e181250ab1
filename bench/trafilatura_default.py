"""trafilatura's own ``extract()`` with default settings, printed as ``parse --json`` lines.

The reference for the web-page scorer, run beside the project's reader in the same session:

    python score_html.py DIR -- .venv/bin/python bench/trafilatura_default.py
    python score_html.py DIR -- .venv/bin/briefing-tui parse --json
"""

from __future__ import annotations

import json
import sys

import trafilatura


def main() -> None:
    for path in sys.argv[1:]:
        with open(path, "rb") as fh:
            text = trafilatura.extract(fh.read()) or ""
        sys.stdout.write(json.dumps({"path": path, "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
