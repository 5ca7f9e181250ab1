"""Notes: the store, anchoring notes to text that may change, and exporting them."""
