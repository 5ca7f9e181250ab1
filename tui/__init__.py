"""briefing-tui: the application and the services it runs on, one package per layer.

``cli`` → ``ui`` → ``views`` → ``library`` → ``search`` | ``entities`` | ``notes`` → ``core``;
only ``tui.ui`` imports Textual or Rich. docs/ARCHITECTURE.md has the map and the contracts,
and ``make test`` checks the import rules with import-linter.
"""
