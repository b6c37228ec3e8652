"""The hand-written phrasings; importing this package registers them all (fixed order)."""

from sampleweb.text.phrasings import distractors, review, rules, scores, visa  # noqa: F401
