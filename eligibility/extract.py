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
"""

from __future__ import annotations

import re
from datetime import date

from eligibility.model import FIELDS, Fact, PageResult, _counts
from eligibility.normalize import canon
from eligibility.rules import H1B_COND, RETIRED, YEAR, Claim, raw_gate, sentence_claims
from eligibility.segment import Snippet, segment_html, segment_text

_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|div|p|h[1-6]|ul|li|table|"
                         rb"section|article|span|br|meta|title)\b", re.I)
_RETIRED_RAW = re.compile(r"\bstep\s*2\s*(?:cs|clinical skills)\b|\bcsa\b|\blevel\s*2[\s-]*pe\b|"
                          r"\bclinical skills assessment\b", re.I)


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


def page_snippets(content: str | bytes, content_type: str | None = None) -> list[Snippet]:
    ctype = (content_type or "").lower()
    if isinstance(content, bytes) and (content[:5] == b"%PDF-" or "pdf" in ctype):
        return segment_text(pdf_text(content))
    if "html" in ctype or "xml" in ctype:
        return segment_html(decode(content, ctype))
    if "text/plain" in ctype:
        return segment_text(decode(content, ctype))
    raw = content if isinstance(content, bytes) else content[:4096].encode("utf-8", "ignore")
    text = decode(content, ctype)
    return segment_html(text) if looks_like_html(raw) else segment_text(text)


def _evidence(snip: Snippet, claim: Claim, s_canon: str) -> str:
    if claim.field == "h1b_visa" and claim.value == "conditional" and not H1B_COND.search(s_canon):
        return snip.block      # the condition sits in a neighbouring sentence of the block
    if claim.uses_context and snip.context:
        return f"{snip.context} {snip.text}"
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
    if _RETIRED_RAW.search(evidence):
        return True
    if field in ("ecfmg_cert_required", "h1b_visa", "yog_max_years"):
        years = [int(y) for y in YEAR.findall(evidence)]
        return bool(years) and max(years) <= today.year - 2
    return field == "min_step1"      # a numeric Step 1 minimum is legacy since pass/fail (2022)


def claims_for(snippets: list[Snippet]) -> list[tuple[Claim, Snippet, str]]:
    out: list[tuple[Claim, Snippet, str]] = []
    canon_cache: dict[str, str] = {}
    claim_cache: dict[tuple[str, str, str], list[Claim]] = {}

    def c(text: str) -> str:
        if text not in canon_cache:
            canon_cache[text] = canon(text)
        return canon_cache[text]

    gate_cache: dict[str, bool] = {}

    def gate(text: str) -> bool:
        hit = gate_cache.get(text)
        if hit is None:
            hit = gate_cache[text] = raw_gate(text)
        return hit

    for snip in snippets:
        if snip.text.endswith("?"):
            continue        # a question states nothing; it is the context of its answer
        if not gate(snip.text) and not (snip.context and gate(snip.context)):
            continue
        key = (snip.text, snip.context, snip.scope)
        claims = claim_cache.get(key)
        if claims is None:
            s = c(snip.text)
            ctx = c(snip.context) if snip.context else ""
            scope = c(snip.scope) if snip.scope else ""
            claims = sentence_claims(s, ctx, scope, c(snip.block))
            claim_cache[key] = claims
        if claims:
            s = c(snip.text)
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


def extract_page(content: str | bytes, content_type: str | None = None,
                 url: str | None = None, today: date | None = None) -> PageResult:
    """Extract the thirteen fields (None = the page does not say) with facts and evidence."""
    snippets = page_snippets(content, content_type)
    stale = bool(_RETIRED_RAW.search(" ".join(s.block for s in snippets)))
    return build_result(claims_for(snippets), url, stale, today)
