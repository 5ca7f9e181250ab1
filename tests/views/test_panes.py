"""The width rules: which panes show at which width, and what d / e change."""

from __future__ import annotations

from tui.views.panes import PaneRules, width_class


def test_width_classes_follow_the_configured_widths() -> None:
    assert width_class(80, 100, 140) == "narrow"
    assert width_class(99, 100, 140) == "narrow"
    assert width_class(100, 100, 140) == "medium"
    assert width_class(139, 100, 140) == "medium"
    assert width_class(140, 100, 140) == "wide"
    assert width_class(170, 120, 180) == "medium"


def test_defaults_per_class() -> None:
    rules = PaneRules()
    assert rules.visible("wide", "documents") and rules.visible("wide", "entities")
    assert rules.visible("medium", "documents") and not rules.visible("medium", "entities")
    assert not rules.visible("narrow", "documents") and not rules.visible("narrow", "entities")


def test_toggles_are_kept_per_class_and_narrow_shows_one_overlay() -> None:
    rules = PaneRules()
    assert rules.toggle("medium", "entities") is True
    assert rules.visible("medium", "entities")
    assert not rules.visible("narrow", "entities")  # other classes keep their own state
    assert rules.toggle("narrow", "documents") is True
    assert rules.toggle("narrow", "entities") is True
    assert not rules.visible("narrow", "documents")  # one overlay at a time
    rules.hide("narrow", "entities")
    assert not rules.visible("narrow", "entities")
