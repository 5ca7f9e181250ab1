"""Foundations every layer may use: paths, config, key specs, positions, discovery."""
