"""What a pane shows, computed without a terminal, so it can be tested and reused headless."""
