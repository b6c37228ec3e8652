"""The hand-written phrasings; importing this package registers them all (fixed order)."""

from sampleweb.text.phrasings import distractors, review, rules, scores, visa  # noqa: F401
from sampleweb.text.phrasings import paragraphs  # noqa: F401  (after: keeps older keys stable)
