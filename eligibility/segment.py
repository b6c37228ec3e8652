"""Turn a page (HTML, plain text or PDF text) into sentences that carry their structural context.

A sentence alone often means nothing ("Yes."): what it answers lives in a question before it,
a definition term, the first cell of its table row, a short label line, or the headings above
it. `segment_html` / `segment_text` produce `Snippet`s: the sentence, the question or label it
answers (`context`), and the chain of headings that scope it (`scope`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

# Elements whose text is never page prose.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "select",
    "option", "button-icon", "-comment", "form",
    "footer",       # site chrome: address, copyright, link rows ("Visa and IMG information")
})
# Elements that start a new block of text.
BLOCK_TAGS = frozenset({
    "p", "div", "li", "dt", "dd", "section", "article", "main", "aside", "header", "footer",
    "blockquote", "pre", "summary", "details", "ul", "ol", "dl", "table", "thead", "tbody",
    "tfoot", "caption", "figure", "figcaption", "address", "center", "fieldset", "legend",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html", "button", "label", "tr",
})
_LAYOUT_CSS = "p,ul,ol,li,div,table,dl,h1,h2,h3,h4,h5,h6,br,blockquote"
HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf\u25e6\u2013\u00b7>]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")
# A bullet glued to its text ("\u2022How many...", "-Text"): a symbol bullet before a letter,
# a dash only before a capital (never "-1" or "-based").
# A capital letter as an item marker of a paragraph ("A. Graduate of ...", "C) Hold ...").
_LETTER_ITEM = re.compile(r"^\(?[A-H][.)]\s+(?=[A-Z])")
_GLUED_BULLET = re.compile(r"^\s*(?:[*\u2022\u25aa\u25cf\u25e6\u00b7](?=[A-Za-z(\"'])|-(?=[A-Z]))")
# Sentence ends: . ! ? followed by space and an upper-case letter, digit, quote or bracket.
# The pattern opens with the stop itself (a character class the regex engine scans for in C; a
# look-behind would be tried at every position); the stop stays with the sentence it ends.
_SENT_END = re.compile(r"[.!?](?:[\"'\u201d)]?\s+)(?=[\"'\u201c(\[A-Z0-9])")


def _sentence_parts(text: str) -> list[str]:
    """`text` cut after each sentence end, the space between dropped (as re.split would)."""
    parts: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        parts.append(text[start:m.start() + 1])
        start = m.end()
    parts.append(text[start:])
    return parts
_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.S\.A|e\.g|i\.e|Dr|Mr|Mrs|Ms|St|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?"
    r"|Oct|Nov|Dec|approx|etc|Inc|Ph\.D|M\.D|D\.O|M\.S|B\.S|Jr|Sr|Prof|Univ|Dept|incl|min"
    r"|U|S|[A-Z])\.)$")


@dataclass(slots=True)
class Block:
    text: str
    kind: str            # "h1".."h6", "p", "li", "dt", "dd", "row", "line"
    label: str = ""      # first cell of a table row
    depth: int = 0       # indentation of a plain-text bullet (list nesting), 0 in HTML


@dataclass(slots=True)
class Snippet:
    text: str            # one sentence, whitespace-normalised, exactly as on the page
    context: str         # the question / term / label / row header it answers ("" if none)
    scope: str           # headings above it, outermost first, joined by " > "
    block: str           # the whole block (paragraph, list item, row) the sentence sits in
    index: int           # position on the page, for stable ordering
    is_label: bool = False   # the sentence is itself a label/title for what follows


def norm_ws(text: str) -> str:
    return " ".join(text.split())      # str.split() also splits on no-break spaces


# ---------------------------------------------------------------------------- HTML -> blocks

def html_blocks(html: str) -> list[Block]:
    """Blocks of visible text in document order (headings, paragraphs, items, rows)."""
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return []
    blocks: list[Block] = []
    pieces: list[str] = []
    depth = [0]         # list nesting (ul/ol), so a nested list's parent item is its lead-in
    item_run = [False]  # the last block was a paragraph written as a list item

    def flush(kind: str) -> None:
        if pieces:
            text = norm_ws("".join(pieces))
            pieces.clear()
            if text:
                marker = (_BULLET.match(text) or _LETTER_ITEM.match(text)) if kind == "p" and (
                    not text[0].isalpha() or text[1:2] in (".", ")")) and blocks and (
                    blocks[-1].text.endswith(":") or item_run[0]) else None
                if marker and len(text) > marker.end():
                    # "a. A valid ECFMG certificate ..." as paragraphs under a lead-in: a list
                    # written out (a lettered title over a real list stays a title)
                    blocks.append(Block(text[marker.end():], "li", depth=depth[0] + 1))
                else:
                    blocks.append(Block(text, kind, depth=depth[0]))
                item_run[0] = bool(marker)

    def walk(node, kind: str) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                pieces.append(child.text_content or "")
                continue
            if tag in SKIP_TAGS:
                continue
            if tag == "br":
                if pieces:
                    flush(kind)
                continue
            if tag == "tr":
                if pieces:
                    flush(kind)
                cell_nodes = [c for c in child.iter() if c.tag in ("td", "th")]
                if any(c.css_first(_LAYOUT_CSS) is not None for c in cell_nodes):
                    # A layout table (cells hold paragraphs, lists, tables): read it as flow.
                    for cell in cell_nodes:
                        walk(cell, "p")
                        flush("p")
                    continue
                cells = [norm_ws(c.text(deep=True, separator=" ")) for c in cell_nodes]
                cells = [c for c in cells if c]
                if cells:
                    label = cells[0] if len(cells) > 1 else ""
                    blocks.append(Block(" ".join(cells), "row", label))
                continue
            if tag in BLOCK_TAGS:
                if pieces:          # (flush does nothing without pieces: the call is skipped)
                    flush(kind)
                nests = tag in ("ul", "ol")
                depth[0] += nests
                inner = tag if tag in HEADING_LEVEL or tag in ("li", "dt", "dd", "summary",
                                                               "button") else "p"
                walk(child, inner)
                if pieces:
                    flush(inner)
                depth[0] -= nests
            else:
                walk(child, kind)

    try:
        walk(root, "p")
        flush("p")
    except RecursionError:
        # Pathologically deep markup: fall back to one block per text line.
        pieces.clear()
        text = root.text(deep=True, separator="\n")
        return [Block(line, "p") for line in (norm_ws(t) for t in text.split("\n")) if line]
    return blocks


# ---------------------------------------------------------------------------- text -> blocks

# Patterns anchored at the end of a line whose alternatives are short words are searched from
# `_TAIL` characters before the end only (\b and look-behinds still see the character before):
# a search from the line's start would try every position of a long line.
# (tests/eligibility/test_segment_speed.py checks every such pattern fits in `_TAIL`.)
_TAIL = 40


def _ends_with(pattern: re.Pattern, text: str) -> bool:
    """Whether end-anchored `pattern` matches at the end of `text` (same as pattern.search(text))."""
    return pattern.search(text, max(0, len(text) - _TAIL)) is not None


_CONNECTOR_END = re.compile(r"(?:,|;|-|\b(?:and|or|of|the|a|an|to|in|for|with|by|on|at|from|"
                            r"than|as|be|is|are|must|not|no|who|which|that|your|our))$", re.I)


_LABEL_ANSWERED = re.compile(r":\s*(?:yes|no|none|n/a|not (?:required|accepted|applicable|offered))$", re.I)


def _continues(previous: str, line: str, wrap_at: int = 75) -> bool:
    """Whether `line` is the wrapped continuation of `previous` (PDF and hard-wrapped text)."""
    if previous.endswith((".", "?", "!", ":")) or previous.count(" | ") >= 2 or line.count(" | ") >= 2:
        return False        # a menu row neither wraps nor is wrapped into
    if _LABEL_ANSWERED.search(previous):
        return False        # "Accepts J-1 visa holders: No" is a whole line: its "no" connects nothing
    return line[:1].islower() or _ends_with(_CONNECTOR_END, previous) or len(previous) >= wrap_at


def _wrap_width(lines: list[str]) -> int:
    """The length from which a line counts as hard-wrapped: below the text's wrap column.

    Text wrapped at a fixed width (PDF, e-mail, 72-column copies) has many lines just under
    that width; a line that long without a final stop continues on the next line.
    """
    lengths = sorted(filter(None, map(len, lines)))      # (sorted: the counts below are bisections)
    if len(lengths) < 8:
        return 75
    width = lengths[int(len(lengths) * 0.9) - 1]
    near = bisect_right(lengths, width) - bisect_left(lengths, width - 12)
    if 40 <= width <= 110 and near >= max(5, len(lengths) // 5):
        return min(75, width - 15)
    return 75


def _wrap_column(raw_lines: list[str]) -> int:
    """The column a hard-wrapped text was wrapped at (its longest lines), or 0 if it is not.

    A greedy wrap ends a line where the next word no longer fits: a line followed by one whose
    first word would have overrun the column is the same sentence (a bullet item's second line
    starting with a capital, "... from the Educational" / "Commission for Foreign ...").
    """
    lengths = sorted(filter(None, map(len, map(str.rstrip, raw_lines))))    # (tabs expanded by the caller)
    if len(lengths) < 8 or lengths[int(len(lengths) * 0.9) - 1] > 110:
        return 0
    column = lengths[bisect_right(lengths, 110) - 1]      # the longest line of at most 110
    near = bisect_right(lengths, column) - bisect_left(lengths, column - 12)
    return column if 40 <= column and near >= max(5, len(lengths) // 5) else 0


# A table row of plain or PDF text: a short label and its value, two cells apart by a tab or a
# run of spaces ("Maximum years since graduation<TAB>10"; pypdf writes a PDF table's cell gap
# as spaces: "Attempts allowed per exam  Three"). Read as an HTML row: the label is the
# value's context. Prose never matches: the label has no sentence mark, both cells are short.
_TEXT_ROW = re.compile(r"^(?P<label>[A-Z][^\t.?!:;]{1,60}?)(?:\t+|  +)(?P<value>[^\s][^\t]{0,40}?)$")


def _text_row(raw: str) -> Block | None:
    m = _TEXT_ROW.match(raw.strip())
    if m is None or "  " in m.group("value") or _BULLET.match(raw):
        return None
    label = norm_ws(m.group("label"))
    return Block(f"{label} {norm_ws(m.group('value'))}", "row", label)


_GLYPH_DEPTH = {"\u25e6": 2, "\u25aa": 4}      # white bullet, small square: second, third level
_SMALL_WORDS = frozenset(("a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "at", "by", "with", "&"))


def _title_line(line: str) -> bool:
    """A short title-case line ("Required Documents for Application"): two to eight words, every
    word but short function words capitalised, no digits and no final punctuation."""
    words = line.split()
    if not 2 <= len(words) <= 8 or len(line) > 60 or line.endswith((".", ",", ";", ":", "!", "?")) or \
            any(c.isdigit() for c in line):
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][:1].isupper()


def text_blocks(text: str) -> list[Block]:
    """Blocks from plain text or PDF text: lines, with hard-wrapped lines joined back."""
    blocks: list[Block] = []
    current: list[str] = []
    current_kind = "line"
    current_depth = 0
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    bare_lines = [x.strip() for x in raw_lines]
    wrap_at = _wrap_width(bare_lines)
    tabs = "\t" in text
    column = _wrap_column([x.expandtabs(4) for x in raw_lines] if tabs else raw_lines)
    previous_len = 0
    # A block is closed inline (`blocks.append(Block(...)); current = []`) at each of its four
    # ends rather than through a helper: a call per block end cost about 3% of plain-text
    # extraction (callgrind, `bench_extract.py --steady text 21`: +11 M instructions over 21
    # pages, about 0.5 M of the 16 M a page costs).
    # (str.strip and str.split know the same whitespace: a line is blank when its stripped
    # form is empty, and its whitespace-normalised form is that of the stripped line)
    for raw, bare in zip(raw_lines, bare_lines, strict=True):
        if not bare:
            if current:     # a blank line ends the block
                # lines are whitespace-normalised already: one join, no second pass
                blocks.append(Block(" ".join(current), current_kind, depth=current_depth))
                current = []
            continue
        line = " ".join(bare.split())
        overran = False
        if column:
            overran = previous_len + 1 + len(line.split(" ", 1)[0]) > column
            previous_len = len((raw.expandtabs(4) if tabs else raw).rstrip())
        # Only a line opening with a symbol, a digit or "a)"/"b." can be a bullet.
        bullet = None if line[0].isalpha() and line[1:2] not in (".", ")") else (
            _BULLET.match(line) or _GLUED_BULLET.match(line))
        if "\t" in raw or "  " in bare:
            row = _text_row(raw)
            if row is not None:
                if current:
                    blocks.append(Block(" ".join(current), current_kind, depth=current_depth))
                    current = []
                blocks.append(row)
                continue
        if line[0] == "#":
            if current:
                blocks.append(Block(" ".join(current), current_kind, depth=current_depth))
                current = []
            level = min(len(line) - len(line.lstrip("#")), 6)
            blocks.append(Block(line.lstrip("#").strip(), f"h{level}"))
            continue
        if current:
            # A wrapped line continues the previous one when that one is long and unfinished.
            if not bullet and (_continues(current[-1], line, wrap_at) or (
                    overran and not current[-1].endswith((".", "?", "!", ":")) and
                    current[-1].count(" | ") < 2 and line.count(" | ") < 2)) and not (
                    # text that is not hard-wrapped: a title line after a list item is the next
                    # section's heading ("... is needed before appointment" / "Required Documents")
                    not column and current_kind == "li" and _title_line(line) and
                    not _ends_with(_CONNECTOR_END, current[-1])):
                current.append(line)
                continue
            blocks.append(Block(" ".join(current), current_kind, depth=current_depth))
        if bullet:
            current_kind = "li"
            expanded = raw.expandtabs(4)
            # a sub-list's own glyph ("\u25e6", "\u25aa") nests it even when the text keeps no indent
            current_depth = len(expanded) - len(expanded.lstrip()) + _GLYPH_DEPTH.get(line[0], 0)
            current = [line[bullet.end():]]
        else:
            current_kind, current_depth, current = "line", 0, [line]
    if current:
        blocks.append(Block(" ".join(current), current_kind, depth=current_depth))
    return blocks


# ---------------------------------------------------------------------------- blocks -> snippets

def split_sentences(text: str) -> list[str]:
    """Sentences of a block; linear in its length (a long run of abbreviations included)."""
    last = len(text) - 1
    if text.find(".", 0, last) < 0 and text.find("!", 0, last) < 0 and text.find("?", 0, last) < 0:
        # no stop before the last character, so no sentence break: one sentence
        text = text.strip()
        return [text] if text else []
    out: list[str] = []
    current: list[str] = []      # parts of the sentence being built (joined once, at its end)
    for part in _sentence_parts(text):
        part = part.strip()
        if not part:
            continue
        if current and not _ends_with_abbrev(current[-1]) and not _ENUMERATOR.match(current[-1]):
            out.append(" ".join(current))
            current.clear()
        current.append(part)
    if current:
        out.append(" ".join(current))
    return out


# A list number left in the text ("5. I have eight months ..." in a heading) opens its
# sentence; it is not a sentence of its own.
_ENUMERATOR = re.compile(r"^\(?(?:\d{1,2}|[a-hA-H]|[ivx]{1,4})[.)]$")


def _ends_with_abbrev(part: str) -> bool:
    """Whether `part` ends in an abbreviation ("U.S.", "Dr.", "e.g."), looking at its tail only."""
    tail = part[-12:]
    m = _ABBREV.search(tail)
    if m is None:
        return False
    # A match at the tail's first character must also start a word in the whole part.
    return not (m.start() == 0 and len(part) > len(tail) and part[-len(tail) - 1].isalnum())


def _is_question(text: str) -> bool:
    return text.endswith("?")


def _is_label(block: Block) -> bool:
    """A short title-like line ("Visa Sponsorship", "USMLE requirements:") that labels what follows."""
    text = block.text
    if len(text) > 90 or text.endswith((".", "!")) or text.count(" ") > 9:
        return False
    return block.kind in ("p", "line", "dt", "summary", "button", "li") and (
        text.endswith(":") or block.kind in ("dt", "summary", "button") or
        (block.kind != "li" and text[:1].isupper()))


# A list item that introduces sub-items: "..., shown by", "including", "as follows".
_LEADIN_END = re.compile(r"(?::|\b(?:by|following|as follows|include|includes|including|"
                         r"namely|such as|either|of|with|to))$", re.I)
# A lead-in without its colon ("For J-1 visas you must", "every applicant must meet these criteria").
_LEADIN_NO_COLON = re.compile(r"\b(?:must|must (?:have|be|hold|meet|provide|submit)|should|need to|are required to|"
                              r"include|includes|including|(?:the )?following|these (?:criteria|requirements|"
                              r"qualifications|conditions)|as follows)$", re.I)
_TEXT_HEADING_LEVEL = 4      # a heading-like line of plain text sits below "#" headings


_VISA_NAME = re.compile(r"\b[HJFhjf]-?1[Bb]?\b")     # "H1b Visa Criteria" is still a title


def _is_text_heading(block: Block, previous: Block | None) -> bool:
    """A heading-like line of plain text ("Information for International Medical Graduates").

    Short, two to ten words, starting with a capital, no final punctuation, not a question
    and not an answer (the line right after a question is its answer).
    """
    text = block.text
    if block.kind not in ("line", "p") or len(text) > 70 or text.endswith((".", "!", "?", ":", ",", ";")) \
            or re.search(r"[\d:;()]", _VISA_NAME.sub("", text)):
        return False
    words = text.split()
    if not 2 <= len(words) <= 10 or not text[:1].isupper() or text[:1].isdigit():
        return False
    if previous is not None and _is_question(previous.text):
        return False
    if re.match(r"(?i)(?:yes|no|none|n/a|not|only|we|our|you|your|all|each|every|applicants?|"
                r"candidates?|international medical graduates|img)\b", text):
        return False
    # Title-like: most words capitalised, or a short noun phrase with no verb-like word.
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    if block.kind == "p":
        # An HTML paragraph used as a title ("<p>Application Process For International
        # Graduate Students</p>"): every word but short function words capitalised.
        small = sum(1 for w in words if w in ("a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "at"))
        if caps + small < len(words) or caps < 2:
            return False
    return caps * 2 >= len(words) and not re.search(
        r"(?i)\b(?:is|are|must|will|can|may|should|do|does|have|has|need|require[sd]?)\b", text)


# A heading that says something (a verb, a negation, exams given as alternatives), not a topic
# title such as "US Clinical Experience" or "H-1B Visas".
_STATING_HEADING = re.compile(r"(?i)^(?!(?:or|and)\b).*\b(?:we|our|is|are|must|will|do|does|not|no|"
                              r"accept\w*|welcome\w*|sponsor\w*|require[sd]?|or)\b")


def _menu_row(text: str) -> bool:
    """"Related: Meet our residents | How to apply | Visa and IMG information": short link texts."""
    if text.count(" | ") < 2:
        return False
    parts = text.split(" | ")
    return len(parts) >= 3 and all(len(p) <= 45 and not p.rstrip().endswith((".", "?", "!"))
                                   for p in parts)


def _nested(block: Block, leadin: tuple[int, str]) -> bool:
    """Whether list item `block` belongs under the item lead-in `leadin` (depth, text)."""
    depth = leadin[0]
    return block.depth > depth or (block.depth == depth and block.text[:1].islower())


# A sentence that adds to the list before it: "in addition", "additionally", "as well", "also".
_ADDS_TO_LIST = re.compile(r"(?i)^[^.!?]{0,80}\b(?:in addition|additionally|as well|also)\b")
_BARE_YES_NO = re.compile(r"(?i)^(?:yes|no)(?:[.!,]?\s*(?:we (?:do|are|can|will)(?: not)?)?)?[.!]?$")


def snippets(blocks: list[Block]) -> list[Snippet]:
    """Attach to each sentence its question/label context and heading scope.

    A list's lead-in ("International applicants must provide:") is the context of every item
    of the list, however long, and an item that introduces sub-items ("..., shown by") adds
    itself for them: the context of a sub-item is the chain of lead-ins above it.
    """
    out: list[Snippet] = []
    headings: list[tuple[int, str]] = []
    context = ""
    context_left = 0        # blocks the current context still covers
    first_after = False
    index = 0
    leadins: list[tuple[int, str]] = []     # (depth, text) of the list lead-ins in force
    previous: Block | None = None
    scope = ""              # the headings joined, rebuilt only after they change (None)
    last = len(blocks) - 1
    for bi, block in enumerate(blocks):
        kind = block.kind
        text = block.text
        if (" | " in text or " \u00b7 " in text) and (
                text.count(" | ") >= 3 or text.count(" \u00b7 ") >= 3 or _menu_row(text)):
            continue        # a menu or breadcrumb row, not prose
        following = blocks[bi + 1] if bi < last else None
        question = text.endswith("?")
        heading = kind in HEADING_LEVEL
        if heading and previous is not None and _is_question(previous.text) and \
                _BARE_YES_NO.match(text):
            kind = "p"      # "Must I pass on the first attempt?" / <h2>Yes</h2>: an answer, not a title
            heading = False
        list_ctx = ""
        added_to = ""       # the lead-in of a list this block adds to ("..., in addition, show ...")
        if kind == "li":
            while leadins and leadins[-1][0] >= 0 and not _nested(block, leadins[-1]):
                leadins.pop()
            list_ctx = " ".join(t for _, t in leadins)
            if following is not None and following.kind == "li" and (
                    following.depth > block.depth or (
                        following.depth == block.depth and following.text[:1].islower() and
                        (block.text[:1].isupper() or _ends_with(_LEADIN_END, block.text)))) and (
                    _ends_with(_LEADIN_END, block.text) or not block.text.endswith((".", "!", "?", ";"))):
                leadins.append((block.depth, block.text))
        else:
            if leadins:
                if leadins[0][0] == -1 and previous is not None and previous.kind == "li" and \
                        _ADDS_TO_LIST.search(text[:120]):
                    added_to = leadins[0][1]
                leadins = []
            if following is not None and following.kind == "li" and not heading and (
                    block.text.endswith(":") or (_ends_with(_LEADIN_NO_COLON, block.text) and
                                                 not _is_text_heading(block, previous))):
                leadins = [(-1, block.text)]
        if kind in ("line", "p") and len(text) <= 70 and (_is_text_heading(block, previous) or kind == "line" and (
                question and len(text) <= 40 and len(text.split()) <= 6
                and following is not None and following.text.endswith(":"))):
            # (_is_text_heading refuses a line over 70 characters: tested first, without a call)
            # ("Interested in Applying?" over "To apply to our program:" is a section title.)
            # Plain text has no markup: a heading-like line scopes the rest of its section
            # (and, as a label, still gives its context to the first blocks under it).
            while headings and headings[-1][0] >= _TEXT_HEADING_LEVEL:
                headings.pop()
            headings.append((_TEXT_HEADING_LEVEL, text))
            scope = None
        previous = block
        if heading and question:
            # A question as a heading ("Interested in Applying?") also opens a section: the
            # headings below its level no longer scope what follows.
            while headings and headings[-1][0] >= HEADING_LEVEL[kind]:
                headings.pop()
            scope = None
        if heading and not question:
            level = HEADING_LEVEL[kind]
            while headings and headings[-1][0] >= level:
                headings.pop()
            scope = None
            # A heading can itself state a fact ("We Welcome International Medical Graduates",
            # "USMLE or COMLEX transcripts"): its sentences are snippets, scoped by the headings
            # above it.
            if _STATING_HEADING.search(block.text) and len(block.text.split()) >= 3:
                for sentence in split_sentences(block.text):
                    out.append(Snippet(sentence, "", " > ".join(h for _, h in headings),
                                       block.text, index, is_label=True))
                    index += 1
            headings.append((level, block.text))
            # The heading also labels the first blocks under it ("US Clinical Experience" /
            # "Strongly recommended.").
            context, context_left, first_after = block.text, 2, True
            continue
        if scope is None:
            scope = " > ".join([h for _, h in headings]) if headings else ""
        if heading or kind in ("dt", "summary", "button") or question \
                or (len(text) <= 90 and _is_label(block)):      # (a label is short: tested first)
            # A question or label: its own sentences are snippets too (a question can itself
            # state a rule), and it becomes the context of the next few blocks.
            for sentence in split_sentences(text):
                out.append(Snippet(sentence, list_ctx or (context if context_left else ""), scope,
                                   text, index, is_label=True))
                index += 1
            context = text
            # A question covers its answer; a label ("Requirements:") covers the list under it.
            context_left = 3 if question else 8
            first_after = True
            continue
        # The first block after a question or label is its answer; later blocks inherit the
        # context only while they stay short (a long paragraph has its own subject).
        own_context = context if context_left and (first_after or len(block.text) <= 120) else ""
        if list_ctx:
            own_context = list_ctx
        elif added_to and not own_context:
            # A sentence right after a list that adds to it ("Graduates of schools abroad must,
            # in addition, send ...") is read with the list's lead-in, like one more item.
            own_context = added_to
        first_after = False
        if block.label:
            own_context = block.label
            text = text[len(block.label):].strip() or text
        for sentence in split_sentences(text):
            # Inside one paragraph, "Q? A." pairs: a question sentence labels what follows.
            if sentence.endswith("?"):
                out.append(Snippet(sentence, own_context, scope, block.text, index))
                own_context = sentence
            else:
                out.append(Snippet(sentence, own_context, scope, block.text, index))
            index += 1
        if context_left:
            context_left -= 1
    return out


def segment_html(html: str) -> list[Snippet]:
    return snippets(html_blocks(html))


def segment_text(text: str) -> list[Snippet]:
    return snippets(text_blocks(text))


def page_text_html(html: str) -> str:
    """All visible text of an HTML page, whitespace-normalised (evidence is a substring of it)."""
    return " ".join(b.text for b in html_blocks(html))
