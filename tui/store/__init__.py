"""The team store: notes and the library on a PostgreSQL server (headless; no Textual)."""
