"""Widgets, one per module; they never import screens or the app."""
