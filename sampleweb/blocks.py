"""Where the site builder gets eligibility prose: `sampleweb.text` when present, else a fallback."""

try:
    from sampleweb.text import Block, render_blocks  # the phrasing engineer's module
    PROSE_SOURCE = "sampleweb.text"
except ImportError:  # not landed yet: plain sentences keep the rest of the package working
    from sampleweb._plain_text import Block, render_blocks
    PROSE_SOURCE = "sampleweb._plain_text"

__all__ = ["Block", "render_blocks", "PROSE_SOURCE"]
