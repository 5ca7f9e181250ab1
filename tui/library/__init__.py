"""The library: finding, parsing (in worker processes) and caching documents."""
