"""The library search: the term/trigram index, its storage and its ranking."""
