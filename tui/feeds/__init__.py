"""Feeds and web pages: polite HTTP, feed parsing, sanitising, and the inbox of Markdown files."""
