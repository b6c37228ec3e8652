"""Link discovery for program websites: extract links from HTML and score how likely each
leads to a page that states eligibility (generic cues only, no site-specific knowledge)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

# Cue -> weight. Phrases are matched on word boundaries in lower-cased text; the strongest
# cues name the eligibility topics themselves, weaker ones the sections that usually hold them.
CUES: dict[str, float] = {
    "eligibility": 6, "eligible": 5, "requirements": 5, "requirement": 5, "required": 2,
    "qualifications": 4, "prerequisites": 4, "criteria": 4, "selection": 4,
    "international medical graduate": 6, "international medical graduates": 6,
    "international": 3, "img": 5, "imgs": 5, "foreign": 3, "visa": 6, "visas": 6,
    "j-1": 5, "h-1b": 5, "sponsorship": 4, "ecfmg": 5, "usmle": 5, "comlex": 4,
    "step 2": 3, "board scores": 3, "faq": 5, "faqs": 5, "frequently asked": 5,
    "questions": 2, "apply": 5, "application": 4, "applications": 4, "applicants": 4,
    "applicant": 4, "how to apply": 3, "admissions": 3, "recruitment": 3, "match": 2,
    "eras": 3, "interview": 2, "interviews": 2, "prospective": 3, "candidates": 3,
    "policy": 1, "policies": 1, "residency": 1, "program": 0.5, "training": 0.5,
    "education": 0.5, "graduates": 2, "observership": 2, "clinical experience": 3,
    # programs often state their rules on a general description page
    "overview": 2, "about": 1, "about the program": 2, "our program": 1.5, "curriculum": 0.5,
}
# Links that never state eligibility and only burn budget.
NEGATIVE_CUES: dict[str, float] = {
    "login": -8, "log in": -8, "sign in": -8, "logout": -8, "donate": -6, "giving": -4,
    "news": -3, "events": -3, "calendar": -3, "careers": -2, "jobs": -2, "privacy": -5,
    "terms": -4, "cookie": -5, "accessibility": -4, "sitemap": -3, "contact": -1,
    "directions": -4, "parking": -4, "patients": -3, "find a doctor": -5, "blog": -2,
    "intranet": -6, "staff": -2, "employee": -3, "password": -6, "gallery": -3, "photos": -3,
}
_SKIP_EXTENSIONS = (
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".zip",
    ".mp4", ".mp3", ".mov", ".avi", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",
    ".ics", ".xml", ".json", ".woff", ".woff2", ".ttf",
)
ANCHOR_WEIGHT, URL_WEIGHT, CONTEXT_WEIGHT = 1.0, 0.6, 0.25
PDF_BONUS = 1.0
DEPTH_PENALTY = 0.5
MIN_SCORE = 0.5

_CUE_RE = re.compile(
    r"(?<![a-z0-9])(" + "|".join(re.escape(c) for c in sorted(CUES, key=len, reverse=True)) + r")(?![a-z0-9])"
)
_NEG_RE = re.compile(
    r"(?<![a-z0-9])(" + "|".join(re.escape(c) for c in sorted(NEGATIVE_CUES, key=len, reverse=True)) + r")(?![a-z0-9])"
)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str
    context: str
    target: Target | None = None  # the resolved URL's parts, when extract_links made the link


@dataclass(frozen=True, slots=True)
class ScoredLink:
    url: str
    score: float
    text: str
    cues: tuple[str, ...]
    key: str = ""  # dedup_key(url), when known

    def reason(self, parent_url: str | None = None) -> str:
        text = self.text[:60].replace('"', "'")
        reason = f'link score={self.score:.1f} text="{text}" cues={",".join(self.cues)}'
        return f"{reason} from={parent_url}" if parent_url else reason


def _clean(text: str | None, limit: int = 300) -> str:
    # str.split() and re's \s agree on what whitespace is (every code point checked)
    return " ".join(text.split())[:limit] if text else ""


@dataclass(frozen=True, slots=True)
class Target:
    """A resolved link target: absolute URL (no fragment), host, and its dedup key."""

    url: str
    host: str
    path: str  # lower-cased
    key: str
    query: str = ""


_TARGETS: dict[tuple[str, str], Target | None] = {}
_TARGETS_MAX = 200_000


# A root-relative href that urljoin would copy as it is: no dot segments, no characters it
# treats specially (it is then just the page's origin followed by the href).
_PATH_CHARS = "A-Za-z0-9_~!$&'()*+,;=:@%/?-"
_PLAIN_PATH = re.compile(rf"/(?!/)[{_PATH_CHARS}]*(?:\.[{_PATH_CHARS.replace('/', '')}]+[{_PATH_CHARS}]*)*")
# scheme://host[:port] of a base URL, split once per page
_ORIGIN = re.compile(r"(https?)://([^/?#:@]+)(:\d+)?(?=[/?#]|$)", re.IGNORECASE)


def _origin_key(base: str) -> str:
    """The part of a base URL that a root-relative href's target depends on (cache key)."""
    return base[: base.find("/", base.find("://") + 3)] if base.count("/") >= 3 else base


def resolve_href(href: str, base: str, origin: str | None = None) -> Target | None:
    """Absolute http(s) target of an href on a page at `base` (memoised: a site's navigation
    repeats the same hrefs on every page, and urllib's joins are slow). The common root-relative
    form is joined without urllib (`tests/scrapers/test_links.py` holds it to urljoin's result).
    `origin` is `_origin_key(base)`, when the caller resolves many hrefs on one page."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    if "://" in href[:10]:
        cache_key = ("", href)
    elif href[0] == "/" and not href.startswith("//"):
        cache_key = (_origin_key(base) if origin is None else origin, href)
    else:
        cache_key = (base, href)
    try:
        return _TARGETS[cache_key]
    except KeyError:
        pass
    target = _plain_root_relative(href, base)
    if target is None:
        url, _ = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname:
            target = Target(url, parts.hostname.lower(), parts.path.lower(), dedup_key(url), parts.query)
    if len(_TARGETS) >= _TARGETS_MAX:
        _TARGETS.clear()
    _TARGETS[cache_key] = target
    return target


def _plain_root_relative(href: str, base: str) -> Target | None:
    """`/path?query#frag` on an http(s) page: origin + href, with no urllib round trip."""
    if href.startswith("//") or "/." in href or "\\" in href:
        return None
    path_query = href.split("#", 1)[0]
    if not _PLAIN_PATH.fullmatch(path_query):
        return None
    origin = _ORIGIN.match(base)
    if origin is None:
        return None
    scheme, host, port = origin.group(1).lower(), origin.group(2), origin.group(3) or ""
    path, _, query = path_query.partition("?")
    host = host.lower()
    if port == ":" or (port and not port[1:].isdigit()):
        return None
    url = f"{scheme}://{origin.group(2)}{port}{path_query}"
    if port and int(port[1:]) in ((80,) if scheme == "http" else (443,)):
        return None  # urllib keeps a default port in the URL but not in .port: let it decide
    key = f"{host.removeprefix('www.')}{port}{path or '/'}{'?' + query if query else ''}"
    return Target(url, host, path.lower(), key, query)


def _page_anchors(html: str, base_url: str):
    """(base URL the page's hrefs resolve against, its <a href> nodes)."""
    base, anchors = _page_hrefs(html, base_url)
    return base, [node for node, _ in anchors]


def _page_hrefs(html: str, base_url: str):
    """(base URL the page's hrefs resolve against, [(<a> node, its href value)] for every <a>
    with an href attribute, in document order). Walks the parser's tag lists: what the CSS
    selectors `base[href]` and `a[href]` select, for a third of their cost."""
    tree = LexborHTMLParser(html)
    base = base_url
    for node in tree.tags("base"):
        attributes = node.attributes
        if "href" in attributes:
            base = urljoin(base_url, attributes["href"] or "")
            break
    anchors = []
    for node in tree.tags("a"):
        attributes = node.attributes
        if "href" in attributes:
            anchors.append((node, attributes["href"]))
    return base, anchors


def _anchor_texts(node) -> tuple[str, str]:
    """(anchor text, surrounding text) of an <a> node: the text, else its title, else an image's
    alt; the parent's text describes this link only when the parent holds no other link (a nav
    bar's text would lend every entry the cues of all the others)."""
    text = _clean(node.text(separator=" ")) or _clean(node.attributes.get("title"))
    if not text:
        img = node.css_first("img[alt]")
        text = _clean(img.attributes.get("alt")) if img is not None else ""
    parent = node.parent
    context = ""
    if parent is not None and len(parent.css("a")) == 1:
        context = _clean(parent.text(separator=" "))
    return text, context


def extract_links(html: str, base_url: str, allowed_hosts: set[str] | None = None,
                  want: Callable[[Target], bool] | None = None) -> list[Link]:
    """Every followable <a href> with its anchor text and the text around it (only links
    on `allowed_hosts` and accepted by `want(target)` when given: text extraction is the
    costly part)."""
    base, anchors = _page_anchors(html, base_url)
    origin = _origin_key(base)
    links = []
    for node in anchors:
        target = resolve_href((node.attributes.get("href") or "").strip(), base, origin)
        if target is None:
            continue
        if allowed_hosts is not None and target.host not in allowed_hosts:
            continue
        if want is not None and not want(target):
            continue
        text, context = _anchor_texts(node)
        links.append(Link(target.url, text, context, target))
    return links


_META_REFRESH = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*\d*\s*;?\s*url\s*=\s*([^"'>\s]+)""",
    re.IGNORECASE,
)


def meta_refresh_url(html: str, base_url: str) -> str | None:
    """Target of a <meta http-equiv="refresh"> redirect in the page head, if any."""
    head = html[:8192]
    if "refresh" not in head.lower():
        return None
    match = _META_REFRESH.search(head)
    return urldefrag(urljoin(base_url, match.group(1).strip()))[0] if match else None


@lru_cache(maxsize=65536)
def _path_words(path: str, query: str) -> str:
    words = re.sub(r"[/_\-.=&?+%]+", " ", f"{path} {query}").lower()
    # keep the exam/visa tokens that use hyphens in prose ("j-1", "h-1b")
    return words.replace("j 1", "j-1").replace("h 1b", "h-1b")


@lru_cache(maxsize=65536)  # anchor texts and URL paths repeat across sites built from one CMS
def _cue_score(text: str) -> tuple[float, tuple[str, ...]]:
    if not text:
        return 0.0, ()
    lowered = text.lower()
    found = dict.fromkeys(m.group(1) for m in _CUE_RE.finditer(lowered))
    negative = {m.group(1) for m in _NEG_RE.finditer(lowered)}
    score = sum(CUES[c] for c in found) + sum(NEGATIVE_CUES[c] for c in negative)
    return score, tuple(found)


@lru_cache(maxsize=65536)
def _url_cue_score(path: str, query: str) -> tuple[float, tuple[str, ...]]:
    return _cue_score(_path_words(path, query))


def _score(url_path: str, url_query: str, text: str, context: str, depth: int) -> tuple[float, tuple[str, ...]]:
    """(score, cues) of a link from its anchor text, URL path and surrounding text."""
    anchor, anchor_cues = _cue_score(text)
    path, path_cues = _url_cue_score(url_path, url_query)
    context_text = context.replace(text, " ", 1) if text else context
    context_score, context_cues = _cue_score(context_text) if context_text else (0.0, ())
    score = ANCHOR_WEIGHT * anchor + URL_WEIGHT * path + CONTEXT_WEIGHT * min(context_score, 12)
    if url_path.endswith(".pdf") and score > 0:
        score += PDF_BONUS
    score -= DEPTH_PENALTY * max(depth - 1, 0)
    if anchor_cues or path_cues or context_cues:
        cues = tuple(dict.fromkeys(anchor_cues + path_cues + context_cues))[:6]
    else:
        cues = ()
    return round(score, 2), cues


def score_link(link: Link, depth: int = 1) -> ScoredLink:
    """Score one link from its anchor text, URL path and surrounding text."""
    if link.target is not None:
        url_path, url_query = link.target.path, link.target.query
    else:
        parts = urlsplit(link.url)
        url_path, url_query = parts.path.lower(), parts.query
    score, cues = _score(url_path, url_query, link.text, link.context, depth)
    return ScoredLink(link.url, score, link.text, cues, link.target.key if link.target else "")


def candidate_links(
    html: str, base_url: str, depth: int, allowed_hosts: set[str], min_score: float = MIN_SCORE,
    known: Callable[[str], bool] | None = None,
) -> list[ScoredLink]:
    """Links worth fetching from a page, best first, on the program's own hosts only.

    `depth` is the depth the linked pages would have; `known(dedup_key)` skips URLs already
    queued or fetched (a site's navigation repeats on every page). A URL linked several
    times keeps its best-scoring occurrence. (extract_links + score_link, without their
    intermediate objects: this runs on every page the crawl reads.)"""
    base, anchors = _page_hrefs(html, base_url)
    origin = _origin_key(base)
    best: dict[str, tuple[float, str, tuple[str, ...], str]] = {}
    for node, href in anchors:
        target = resolve_href((href or "").strip(), base, origin)
        if (target is None or target.host not in allowed_hosts or target.path.endswith(_SKIP_EXTENSIONS)
                or (known is not None and known(target.key))):
            continue
        text, context = _anchor_texts(node)
        score, cues = _score(target.path, target.query, text, context, depth)
        if score >= min_score:
            kept = best.get(target.url)
            if kept is None or score > kept[0]:
                best[target.url] = (score, text, cues, target.key)
    return [ScoredLink(url, score, text, cues, key)
            for url, (score, text, cues, key) in sorted(best.items(), key=lambda item: (-item[1][0], item[0]))]


def dedup_key(url: str) -> str:
    """The same page under www. and bare host, or with a fragment, is fetched once."""
    parts = urlsplit(urldefrag(url)[0])
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    return f"{host}{port}{parts.path or '/'}{'?' + parts.query if parts.query else ''}"


def host_variants(host: str) -> set[str]:
    """A program's host with and without the leading www. (sites answer on both)."""
    host = host.lower()
    bare = host[4:] if host.startswith("www.") else host
    return {bare, f"www.{bare}"}
