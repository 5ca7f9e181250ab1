"""Entities across the library: one summary model, the library index, user merges and gazetteer."""
