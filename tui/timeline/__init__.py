"""The library over time: document dates, buckets, entity trends and the watchlist. No Textual.

Every count comes from what the library already holds (its entries and the search index's
entity mentions), never from reading documents again, so a 10,000-article library's timeline
is computed in a fraction of a second.
"""
