"""`extract_page`: one page (HTML, plain text or PDF) -> the thirteen CONTRACT facts with evidence.

Within one page, several sentences may speak to a field. The page value is chosen by:
1. only hard statements count (a preference never fills a minimum or a rule), except that a
   preferred US clinical experience is itself the value "preferred";
2. a more specific statement beats a generic one (a sentence naming H-1B beats "we do not
   sponsor visas"; "Step 2 CK minimum 230" beats "USMLE minimum 220"; a timed ECFMG rule beats
   "ECFMG certification required"; a graduation-year number beats "no cutoff");
3. field rules: `score_minimum_policy` "stated" beats "none"; `h1b_visa` "conditional" beats
   "yes"; `usce` required > preferred > not_required; `ecfmg_cert_required` takes the earliest
   deadline; `comlex_accepted` False beats True;
4. any other disagreement between equally specific statements leaves the field null: a wrong
   answer costs an applicant more than an unknown one.

Each sentence is read with its structure (`eligibility.segment`): the question it answers, the
list lead-ins above it, the headings (or heading-like plain-text lines) scoping it. A bare
yes/no answer is also read composed with its yes/no question (`compose_answer`).

Per-page budget (issue 13): a page over `MAX_BODY_BYTES`, `MAX_TEXT_CHARS` of visible text or
`TIME_BUDGET_S` CPU seconds is not read; its result has every field None and `oversize` set.
Staleness: `stale` on a fact uses `today`; callers that cache results pass `date.min` and add
the dated part when they select facts (`eligibility.staleness`, `pipelines.transforms.core`).
"""

from __future__ import annotations

import re
from datetime import date

from eligibility.model import FIELDS, Fact, PageResult, _counts
from eligibility.normalize import canon
from eligibility.rules import H1B_COND, RETIRED, Claim, raw_gate, sentence_claims
from eligibility.segment import Snippet, segment_html, segment_text
from eligibility.rules.ecfmg import ECFMG
from eligibility.rules.experience import USCE
from eligibility.staleness import RETIRED_RAW as _RETIRED_RAW, is_stale

# Per-page budget (issue 13): one pathological page costs at most its share and is recorded
# as oversize with its facts unknown, so a refresh goes on. A real eligibility page is
# 5-60 KB of visible text; the crawler keeps bodies up to 8 MB.
MAX_BODY_BYTES = 4_000_000      # raw body, markup included: not even parsed above this
MAX_TEXT_CHARS = 300_000        # visible text after segmentation
TIME_BUDGET_S = 1.0             # CPU seconds for segmentation and the rules


class Oversize(Exception):
    """The page is over its size or time budget; the message says which."""


_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|div|p|h[1-6]|ul|li|table|"
                         rb"section|article|span|br|meta|title)\b", re.I)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_SNIFF.search(data[:4096]))


def decode(content: str | bytes, content_type: str | None = None) -> str:
    """Text of a page: charset from the Content-Type, else from a meta tag, else UTF-8/cp1252."""
    if isinstance(content, str):
        return content
    declared = re.search(r"charset=[\"']?([a-z0-9_-]+)", (content_type or "").lower())
    m = re.search(rb"charset=[\"']?([a-z0-9_-]+)", content[:2048].lower())
    encodings = [declared.group(1)] if declared else []
    encodings += [m.group(1).decode("ascii", "ignore")] if m else []
    for enc in encodings + ["utf-8"]:
        try:
            return content.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("cp1252", errors="replace")


def pdf_text(data: bytes) -> str:
    """Text of a PDF, page by page (pypdf; imported only when a PDF shows up)."""
    import io
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its warnings would garble stderr

    reader = PdfReader(io.BytesIO(data))
    return "\n\n".join((page.extract_text() or "") for page in reader.pages)


def _text_snippets(text: str) -> list[Snippet]:
    if len(text) > MAX_TEXT_CHARS:       # plain text is all visible: refuse before segmenting
        raise Oversize(f"visible text {len(text)} chars > {MAX_TEXT_CHARS}")
    return segment_text(text)


def page_snippets(content: str | bytes, content_type: str | None = None) -> list[Snippet]:
    ctype = (content_type or "").lower()
    if isinstance(content, bytes) and (content[:5] == b"%PDF-" or "pdf" in ctype):
        return _text_snippets(pdf_text(content))
    if "html" in ctype or "xml" in ctype:
        return segment_html(decode(content, ctype))
    if "text/plain" in ctype:
        return _text_snippets(decode(content, ctype))
    raw = content if isinstance(content, bytes) else content[:4096].encode("utf-8", "ignore")
    text = decode(content, ctype)
    return segment_html(text) if looks_like_html(raw) else _text_snippets(text)


def _evidence(snip: Snippet, claim: Claim, s_canon: str) -> str:
    if claim.field == "h1b_visa" and claim.value == "conditional" and not H1B_COND.search(s_canon):
        return snip.block      # the condition sits in a neighbouring sentence of the block
    if claim.uses_context and snip.context:
        return f"{snip.context} {snip.text}"
    if claim.uses_context:
        return snip.block      # read with the sentence before it ("... It must be ..."): both
    return snip.text


_EXCEPTION = re.compile(r"\b(?:unless|except|exception|waived|provided that)\b.*$", re.I)


def _condition(claim: Claim, snip: Snippet) -> str | None:
    """The condition in the page's own words (rules found it in canonical text)."""
    if claim.condition is None:
        return None
    if claim.field == "yog_max_years":
        m = _EXCEPTION.search(snip.text)
        return m.group(0).strip(" .;,") if m else claim.condition
    if claim.field == "h1b_visa":
        return snip.text if H1B_COND.search(canon(snip.text)) else snip.block
    return claim.condition


def _is_stale(evidence: str, field: str, today: date) -> bool:
    return is_stale(evidence, field, today)


_YES_NO_Q = re.compile(
    r"^(?:q\d*\s*[:.)-]\s*)?(?:\d{1,2}[.)]\s*)?(?P<aux>do|does|is|are|can|will|must|should|would|may)\s+"
    r"(?P<subj>you|we|i|the program|your program|the department|the hospital|applicants|candidates|"
    r"international (?:medical )?graduates|img|[a-z0-9 -]{2,60}?)\s+(?P<rest>[^?]{3,160})\?$")
_ANSWER_BARE = re.compile(r"^(?:a\s*[:.)-]\s*)?(?P<pol>yes|no|correct|not at this time|not currently|none)\b"
                         r"(?P<tail>[^.;]{0,60})[.!]?$")


def compose_answer(question: str, answer: str) -> str | None:
    """A bare yes/no answer composed with its yes/no question into one statement.

    "do you sponsor h1b visas?" + "no." -> "we do not sponsor h1b visas"; "is ecfmg
    certification required before the interview?" + "yes." -> "ecfmg certification is required
    before the interview". None when the answer says more than a short yes/no or the question
    is not a yes/no one (both canonical text).
    """
    q = _YES_NO_Q.match(question)
    a = _ANSWER_BARE.match(answer)
    if not q or not a:
        return None
    tail = a.group("tail").strip(" ,;-")
    if tail and not re.match(r"^(?:we (?:do|are|can|will|have)|it (?:is|does)|they (?:are|do))\b", tail):
        return None         # "Yes, if ...", "No, but ...": the answer qualifies itself
    yes = a.group("pol") in ("yes", "correct")
    aux, subj, rest = q.group("aux"), q.group("subj"), q.group("rest")
    subj = "we" if subj in ("you", "the program", "your program", "the department", "the hospital") else (
        "applicants" if subj == "i" else subj)
    if aux in ("do", "does"):
        return f"{subj} {rest}" if yes else f"{subj} do not {rest}"
    return f"{subj} {aux} {rest}" if yes else f"{subj} {aux} not {rest}"


_PRONOUN = re.compile(r"^(?:it|this|this requirement|this certificate|this certification)\s(?=is|must|will|"
                      r"can|may|should|has|does|needs?)")


def _topic(sentence: str) -> str | None:
    """The thing a sentence is about, when it is one a rule knows (US experience, ECFMG)."""
    for pattern in (ECFMG, USCE):
        m = pattern.search(sentence)
        if m:
            return m.group(0)
    return None


def claims_for(snippets: list[Snippet],
               deadline: float | None = None) -> list[tuple[Claim, Snippet, str]]:
    """Claims of every snippet; raises `Oversize` once CPU time passes `deadline`."""
    import time

    out: list[tuple[Claim, Snippet, str]] = []
    canon_cache: dict[str, str] = {}
    claim_cache: dict[tuple[str, str, str], list[Claim]] = {}

    def c(text: str) -> str:
        got = canon_cache.get(text)
        if got is None:
            got = canon_cache[text] = canon(text)
        return got

    gate_cache: dict[str, bool] = {}

    def gate(text: str) -> bool:
        hit = gate_cache.get(text)
        if hit is None:
            hit = gate_cache[text] = raw_gate(text)
        return hit

    previous: Snippet | None = None
    for i, snip in enumerate(snippets):
        before, previous = previous, snip
        if deadline is not None and i % 32 == 0 and time.process_time() > deadline:
            raise Oversize(f"over the time budget after {i} of {len(snippets)} sentences")
        if snip.text.endswith("?"):
            continue        # a question states nothing; it is the context of its answer
        hit = gate_cache.get(snip.text)
        if hit is None:
            hit = gate_cache[snip.text] = raw_gate(snip.text)
        if not hit and not (snip.context and gate(snip.context)) and not (
                before is not None and before.block is snip.block and
                snip.text[:4].lower() in ("it i", "it m", "it w", "it c", "it s", "it h", "it d", "it n",
                                          "this") and gate(before.text)):
            continue
        key = (snip.text, snip.context, snip.scope)
        claims = claim_cache.get(key)
        if claims is None:
            s = c(snip.text)
            ctx = c(snip.context) if snip.context else ""
            scope = c(snip.scope) if snip.scope else ""
            claims = sentence_claims(s, ctx, scope, c(snip.block))
            composed = compose_answer(ctx, s) if ctx.endswith("?") else None
            if composed:
                # The answer read as its question turned into a statement fills the fields
                # the answer alone left out ("Is X required before the interview?" - "Yes.").
                have = {cl.field for cl in claims}
                for cl in sentence_claims(composed, "", scope, c(snip.block)):
                    # (not COMLEX: "Are USMLE or COMLEX scores mandatory? Yes." names both
                    # families without saying one stands in for the other)
                    if cl.field not in have and cl.field != "comlex_accepted":
                        cl.uses_context = True
                        claims.append(cl)
            if before is not None and before.block is snip.block and _PRONOUN.match(s):
                # "We look at US clinical experience. It is required for all IMGs.": the
                # pronoun stands for the topic of the sentence before it.
                topic = _topic(c(before.text))
                if topic:
                    have = {cl.field for cl in claims}
                    resolved = topic + s[_PRONOUN.match(s).end() - 1:]
                    for cl in sentence_claims(resolved, ctx, scope, c(snip.block)):
                        if cl.field not in have:
                            cl.uses_context = True
                            claims.append(cl)
            claim_cache[key] = claims
        if claims:
            s = canon_cache[snip.text]      # (read above, for this sentence or its twin)
            for claim in claims:
                out.append((claim, snip, s))
    return out


def resolve(field: str, facts: list[tuple[Fact, int]]) -> object:
    """The page (or program) value of one field from its facts with their ranks."""
    usable = [(f, r) for f, r in facts if _counts(f)]
    if not usable:
        return None
    values = {f.value for f, _ in usable}
    if field == "holistic_review":
        return True if True in values else None
    if field == "score_minimum_policy":
        return "stated" if "stated" in values else "none"
    if field == "usce":
        for v in ("required", "preferred", "not_required"):
            if v in values:
                return v
    top = max(r for _, r in usable)
    best = {f.value for f, r in usable if r == top}
    if len(best) == 1:
        return next(iter(best))
    if field == "h1b_visa" and "conditional" in best:
        return "conditional"
    if field == "ecfmg_cert_required":
        for v in ("by_application", "by_rank", "by_start", "required_unspecified"):
            if v in best:
                return v
    if field == "comlex_accepted":
        return False
    if field == "yog_max_years" and 0 in best and len(best) == 2:
        return next(v for v in best if v != 0)
    return None


def build_result(claims: list[tuple[Claim, Snippet, str]], url: str | None,
                 page_stale: bool, today: date | None = None) -> PageResult:
    today = today or date.today()
    result = PageResult(url=url, page_stale=page_stale)
    ranked: dict[str, list[tuple[Fact, int]]] = {f: [] for f in FIELDS}
    seen: set[tuple] = set()
    for claim, snip, s in claims:
        evidence = _evidence(snip, claim, s)
        key = (claim.field, claim.value, claim.strictness, evidence)
        if key in seen:
            continue
        seen.add(key)
        fact = Fact(claim.field, claim.value, claim.strictness, _condition(claim, snip), evidence,
                    _is_stale(evidence, claim.field, today), url)
        if RETIRED.search(s):
            fact.stale = True
        result.facts.append(fact)
        ranked[claim.field].append((fact, claim.rank))
    for field in FIELDS:
        result.values[field] = resolve(field, ranked[field])
    # CONTRACT invariants: a numeric minimum means the policy is "stated".
    if any(result.values[f] is not None for f in ("min_step2ck", "min_step1", "min_comlex2")):
        if result.values["score_minimum_policy"] != "stated":
            result.values["score_minimum_policy"] = "stated"
            src = next(f for f in result.facts if f.field in ("min_step2ck", "min_step1",
                                                               "min_comlex2") and _counts(f))
            result.facts.append(Fact("score_minimum_policy", "stated", "hard", None,
                                     src.evidence, src.stale, url))
    # A hard COMLEX Level 2-CE minimum means COMLEX is taken in place of USMLE.
    if result.values["min_comlex2"] is not None and result.values["comlex_accepted"] is None:
        src = result.chosen("min_comlex2")
        result.values["comlex_accepted"] = True
        result.facts.append(Fact("comlex_accepted", True, "hard", None, src.evidence,
                                 src.stale, url))
    result.page_stale = page_stale or any(f.stale for f in result.facts)
    result.facts.sort(key=lambda f: FIELDS.index(f.field))
    return result


def _blocks(snippets: list[Snippet]) -> list[str]:
    """The page's blocks, each once (blocks are shared by their sentences), in page order."""
    blocks: list[str] = []
    last = None
    seen: set[int] = set()
    for snip in snippets:
        block = snip.block
        if block is not last:       # (a block's sentences are consecutive: most are skipped here)
            last = block
            if id(block) not in seen:
                seen.add(id(block))
                blocks.append(block)
    return blocks


def _check_size(blocks: list[str]) -> None:
    total = sum(map(len, blocks))
    if total > MAX_TEXT_CHARS:
        raise Oversize(f"visible text {total} chars > {MAX_TEXT_CHARS}")


def _page_retired(blocks: list[str]) -> bool:
    """Whether any block of the page names a retired exam (each block searched once)."""
    low = "\n".join(blocks).lower()        # each block joined once
    # The pattern is case-blind with no literal prefix (slow to scan): try it only where one of
    # its first words occurs.
    for word in ("step", "csa", "level", "clinical skills"):
        i = low.find(word)
        while i >= 0:
            if _RETIRED_RAW.match(low, i):
                return True
            i = low.find(word, i + 1)
    return False


def extract_page(content: str | bytes, content_type: str | None = None,
                 url: str | None = None, today: date | None = None,
                 time_budget: float = TIME_BUDGET_S) -> PageResult:
    """Extract the thirteen fields (None = the page does not say) with facts and evidence.

    A page over its budget (`MAX_BODY_BYTES`, `MAX_TEXT_CHARS`, `time_budget` CPU seconds)
    returns a result with every field None and `oversize` saying why.
    """
    import time

    started = time.process_time()
    size = len(content)
    if size > MAX_BODY_BYTES:
        return PageResult(url=url, oversize=f"body {size} bytes > {MAX_BODY_BYTES}")
    try:
        snippets = page_snippets(content, content_type)
        blocks = _blocks(snippets)
        _check_size(blocks)
        stale = _page_retired(blocks)
        claims = claims_for(snippets, deadline=started + time_budget)
    except Oversize as exc:
        return PageResult(url=url, oversize=str(exc))
    return build_result(claims, url, stale, today)
