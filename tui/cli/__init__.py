"""Shell commands (parse, search, export): no Textual at import, so they start fast."""
