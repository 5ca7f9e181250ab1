"""briefing-tui: the application and the services it runs on.

Modules that do not draw (cli, paths, discover, library, search_index, notes_store, export,
keymap, config) never import Textual, so the shell commands start fast without a terminal.
"""
