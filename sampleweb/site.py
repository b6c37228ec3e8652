"""One program's website: page plan, placement of eligibility blocks, redirects, robots, HTML.

`build_site(world, program)` is pure and seeded: it decides the style, the pages (3-12), where
each eligibility block goes (respecting the block's page hint where the site has such a page,
else a fallback chain), whether some statements live only in a linked PDF, and which trap and
fault pages exist. `render(site, path)` produces the bytes of one page on demand.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from sampleweb import filler
from sampleweb.text import Block, render_blocks
from sampleweb.facts import FIELDS, ProgramFacts, program_facts
from sampleweb.faults import FAULT_PATHS, program_faults
from sampleweb.pdf import make_pdf
from sampleweb.styles import KINDS, STYLES, Style, document, esc
from sampleweb.world import SeedProgram, World, unit

FALLBACK = {
    "eligibility": ("eligibility", "apply", "faq", "img", "home"),
    "faq": ("faq", "eligibility", "apply", "home"),
    "img": ("img", "eligibility", "faq", "apply", "home"),
    "apply": ("apply", "eligibility", "faq", "home"),
    "about": ("about", "home"),
    "news": ("news", "about", "home"),
    "benefits": ("benefits", "about", "home"),
}
DEFAULT_CHAIN = ("eligibility", "apply", "faq", "home")
KIND_WEIGHT = {"about": 8, "curriculum": 6, "apply": 8, "eligibility": 7, "faq": 6, "img": 4,
               "benefits": 5, "news": 3, "faculty": 4, "contact": 6}
PRIVATE_LINKS = (
    ("http://10.20.30.40/intranet/", "Resident intranet"),
    ("http://192.168.1.15/schedule", "Call schedule"),
    ("http://172.16.8.2:8080/portal", "Evaluation portal"),
    ("http://169.254.169.254/latest/meta-data/", "Server status"),
    ("http://[fd12:3456:789a::1]/", "Staff portal (IPv6)"),
)
EXTERNAL_LINKS = (
    ("http://www.example-health-system.com/", "Our health system"),
    ("https://careers.example.org/residency", "Careers"),
)
FORM_WRAP = {"bullet": ("<ul class=\"requirements\">", "</ul>"),
             "table_row": ("<table class=\"requirements\"><tbody>", "</tbody></table>"),
             "qa": ("<div class=\"faq-list\">", "</div>")}


@dataclass
class Page:
    kind: str
    path: str
    title: str
    blocks: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)
    links: list = field(default_factory=list)   # extra (href, text) in the page body


@dataclass
class Site:
    program: SeedProgram
    facts: ProgramFacts
    style: Style
    version: int
    faults: list
    pages: dict                 # path -> Page (HTML pages)
    pdf: Page | None
    redirects: dict             # path -> (status, location)
    robots: str | None          # None = robots.txt answers 404
    nav: list                   # (href, text)
    footer_links: list          # (href, text)
    fact_urls: dict             # field -> [url]
    trap_calendar: bool
    fault_paths: dict
    link_form: str = "root"     # how internal links are written: root-relative, absolute, relative

    def href(self, path: str) -> str:
        """An internal link as this site writes it (crawlers must resolve all three forms)."""
        if not path.startswith("/") or path.startswith("//"):
            return path  # already absolute (another host)
        if self.link_form == "absolute":
            return f"http://{self.program.host}{path}"
        if self.link_form == "relative" and path.count("/") == 1 and path != "/":
            return path[1:]  # 'eligibility.html', resolved against a page at the root
        return path

    def nav_links(self) -> list:
        return [(self.href(h), t) for h, t in self.nav]

    @property
    def base(self) -> str:
        return f"http://{self.program.host}"


def program_context(p: SeedProgram, f: ProgramFacts) -> dict:
    return {"name": p.name, "specialty": p.specialty, "institution": p.institution,
            "city": p.city, "state": p.state,
            "positions": f.survey.get("field_first_year_positions") or "several"}


def _chain(hint):
    return FALLBACK.get(hint, DEFAULT_CHAIN)


def _ensure_covered(facts: dict, blocks: list, program: dict) -> list:
    """Every truth field must be stated somewhere, or the truth file would lie."""
    covered = set().union(*(b.fields for b in blocks)) if blocks else set()
    missing = sorted(k for k in facts if k not in covered)
    if missing:
        raise RuntimeError(f"sampleweb.text stated no block for {missing} of {program['name']!r}")
    return blocks


def build_site(world: World, p: SeedProgram) -> Site:
    version = world.version(p.program_id)
    facts = program_facts(world, p)
    style = STYLES[int(unit(world.seed, "style", p.program_id) * len(STYLES))]
    rng = random.Random(f"{world.seed}|site|{p.program_id}|{version}")
    faults = program_faults(world, p.program_id)
    ctx = program_context(p, facts)

    # pages
    if style.name == "onepage":
        kinds = ["apply", "contact"]
    else:
        n = rng.randint(2, len(KINDS))
        pool = list(KINDS)
        kinds = []
        while len(kinds) < n:
            k = rng.choices(pool, [KIND_WEIGHT[x] for x in pool])[0]
            pool.remove(k)
            kinds.append(k)
        if not {"eligibility", "apply", "faq"} & set(kinds):
            kinds.append(rng.choice(["eligibility", "apply", "faq"]))
        kinds.sort(key=KINDS.index)
    pages: dict[str, Page] = {}
    by_kind: dict[str, Page] = {}
    home = Page("home", style.home, "Home" if style.name != "legacy" else "HOME",
                paragraphs=filler.paragraphs("home", rng, ctx))
    pages[home.path] = by_kind["home"] = home
    nav = [(style.home, "Home" if style.name != "legacy" else "HOME")]
    for k in kinds:
        title = rng.choice(style.link_texts[k])
        pg = Page(k, style.paths[k], title, paragraphs=filler.paragraphs(k, rng, ctx))
        pages[pg.path] = by_kind[k] = pg
        nav.append((pg.path, title))

    # eligibility blocks
    truth = {k: v for k, v in facts.website.items() if v is not None}
    prog = {"name": p.name, "specialty": p.specialty, "institution": p.institution,
            "city": p.city, "state": p.state}
    text_rng = random.Random(f"{world.seed}|text|{p.program_id}|{version}")
    blocks = _ensure_covered(truth, list(render_blocks(truth, text_rng, style.name, prog)), prog)
    has_pdf = style.name == "onepage" or rng.random() < 0.25
    pdf = Page("pdf", style.pdf_path, f"{p.name}: Application Requirements") if has_pdf else None
    for b in blocks:
        if pdf is not None and b.pdf_ok and rng.random() < (0.6 if b.fields else 0.3):
            pdf.blocks.append(b)
            continue
        target = next(by_kind[k] for k in _chain(b.page_hint) if k in by_kind)
        target.blocks.append(b)
    if pdf is not None and not any(b.fields for b in pdf.blocks):
        movable = [b for b in blocks if b.pdf_ok and b.fields]
        if movable:
            b = movable[0]
            for pg in pages.values():
                if b in pg.blocks:
                    pg.blocks.remove(b)
            pdf.blocks.append(b)
    if pdf is not None:
        # the PDF must be linked from a page a visitor reaches: apply, eligibility or home
        host_page = next(by_kind[k] for k in ("eligibility", "apply", "home") if k in by_kind)
        host_page.links.append((pdf.path, rng.choice(style.pdf_link_text)))
        pdf.paragraphs = filler.paragraphs("apply", rng, ctx, n=1)

    # redirects: moved pages (the nav still links the old address) and the www alias
    redirects: dict[str, tuple[int, str]] = {}
    if style.home != "/":
        redirects["/"] = (301 if style.name == "academic" else 302, style.home)
    if len(kinds) and unit(world.seed, "moved", p.program_id) < 0.15:
        k = rng.choice(kinds)
        old = "/residency/" + k + (".php" if style.name != "legacy" else ".htm")
        redirects[old] = (301, style.paths[k])
        nav = [(old if h == style.paths[k] else h, t) for h, t in nav]
    if style.name == "wordpress":  # WordPress adds the trailing slash itself
        for path in list(pages):
            if path.endswith("/") and path != "/":
                redirects[path.rstrip("/")] = (301, path)

    # robots.txt, traps, ordinary footer links
    footer_links: list[tuple[str, str]] = []
    disallow = []
    trap_calendar = unit(world.seed, "calendar", p.program_id) < 0.15
    if trap_calendar:
        footer_links.append(("/calendar/2025-07", "Events calendar"))
        if unit(world.seed, "calendar-robots", p.program_id) < 0.5:
            disallow.append("/calendar/")
    if unit(world.seed, "intranet", p.program_id) < 0.25:
        footer_links.append(("/intranet/", "Staff intranet"))
        disallow.append("/intranet/")
    r = unit(world.seed, "robots", p.program_id)
    robots: str | None
    if r < 0.05:
        robots = None
    else:
        lines = ["User-agent: *"] + [f"Disallow: {d}" for d in disallow]
        if style.name == "wordpress":
            lines += ["Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]
        if len(lines) == 1:
            lines.append("Disallow:")
        if r > 0.9:
            lines = ["User-agent: BadBot", "Disallow: /", ""] + lines
        if unit(world.seed, "sitemap", p.program_id) < 0.3:
            lines += ["", f"Sitemap: http://{p.host}/sitemap.xml"]
        robots = "\n".join(lines) + "\n"

    # fault pages and links
    fault_paths = {}
    for name in faults:
        if name in FAULT_PATHS:
            path = FAULT_PATHS[name]
            fault_paths[name] = path
            if name == "redirect_loop":
                home.links.append((path, "Apply online"))
                redirects[path] = (302, path + "/")
                redirects[path + "/"] = (302, path)
            else:
                label = {"timeout": "Upcoming events", "truncated_body": "Program updates",
                         "oversize_body": "Photo gallery"}[name]
                pages[path] = Page("extra", path, label,
                                   paragraphs=filler.paragraphs("extra", rng, ctx, n=1))
                footer_links.append((path, label))
    if "offsite_links" in faults:
        others = [q for q in world.programs if q.program_id != p.program_id]
        for i in range(min(3, len(others))):
            q = others[int(unit(world.seed, "offsite", p.program_id, i) * len(others))]
            footer_links.append((f"http://{q.host}/", f"Partner program: {q.name}"))
        footer_links.extend(EXTERNAL_LINKS)
    if "private_links" in faults:
        footer_links.extend(PRIVATE_LINKS)

    fact_urls: dict[str, list[str]] = {}
    for pg in list(pages.values()) + ([pdf] if pdf else []):
        for b in pg.blocks:
            for f_ in sorted(b.fields):
                url = f"http://{p.host}{pg.path}"
                fact_urls.setdefault(f_, [])
                if url not in fact_urls[f_]:
                    fact_urls[f_].append(url)
    fact_urls = {k: fact_urls[k] for k in FIELDS if k in fact_urls}
    r = unit(world.seed, "link-form", p.program_id)
    link_form = ("relative" if style.name == "community" and r < 0.5
                 else "absolute" if r < 0.25 else "root")
    return Site(p, facts, style, version, faults, pages, pdf, redirects, robots, nav,
                footer_links, fact_urls, trap_calendar, fault_paths, link_form)


def _group(blocks: list[Block]) -> str:
    """Blocks grouped as pages group them: all Q/A pairs in one FAQ list, all bullets in one
    <ul>, all table rows in one <table>, each group where its first block came."""
    forms: dict[str, list[Block]] = {}
    for b in blocks:
        forms.setdefault(b.form, []).append(b)
    out = []
    for form, group in forms.items():
        frags = "\n".join(b.html for b in group)
        if form in FORM_WRAP:
            open_, close = FORM_WRAP[form]
            out.append(f"{open_}\n{frags}\n{close}")
        else:
            out.append(frags)
    return "\n".join(out)


def page_html(site: Site, page: Page, charset_meta: bool = True) -> str:
    parts = [f"<p>{esc(t)}</p>" for t in page.paragraphs[:1]]
    if page.blocks:
        parts.append(_group(page.blocks))
    parts += [f"<p>{esc(t)}</p>" for t in page.paragraphs[1:]]
    if page.links:
        parts.append("<ul class=\"related\">" + "".join(
            f'<li><a href="{esc(site.href(h))}">{esc(t)}</a></li>' for h, t in page.links)
            + "</ul>")
    year = site.facts.last_modified.year
    footer = (f"<p>{esc(site.program.institution)} &middot; {esc(site.program.city)}, "
              f"{esc(site.program.state)}</p><p>&copy; {year} {esc(site.program.institution)}"
              f"</p>")
    if site.footer_links:
        footer += "<ul class=\"footer-links\">" + "".join(
            f'<li><a href="{esc(site.href(h))}">{esc(t)}</a></li>' for h, t in site.footer_links
        ) + "</ul>"
    doc = document(site.style, title=page.title, site_title=f"{site.program.name}",
                   nav=site.nav_links(), content="\n".join(parts), footer=footer,
                   charset_meta=charset_meta, current=site.href(page.path))
    if "malformed_html" in site.faults:
        doc = malform(doc)
    return doc


def sitemap_xml(site: Site) -> str | None:
    """sitemap.xml for sites whose robots.txt announces one: the HTML pages and the PDF."""
    if not site.robots or "Sitemap:" not in site.robots:
        return None
    paths = [pg.path for pg in site.pages.values() if pg.kind != "extra"]
    if site.pdf:
        paths.append(site.pdf.path)
    lastmod = site.facts.last_modified.date().isoformat()
    urls = "".join(f"<url><loc>http://{site.program.host}{esc(p)}</loc><lastmod>{lastmod}"
                   f"</lastmod></url>" for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n')


def calendar_html(site: Site, month: str) -> str:
    """An endless events calendar: every month links to the next and the previous one."""
    y, m = int(month[:4]), int(month[5:7])
    nxt = f"{y + (m == 12):04d}-{m % 12 + 1:02d}"
    prv = f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}"
    content = (f"<p>No events are scheduled for {month}.</p><p>"
               f'<a href="/calendar/{prv}">Previous month</a> | '
               f'<a href="/calendar/{nxt}">Next month</a></p>')
    return document(site.style, title=f"Calendar {month}", site_title=site.program.name,
                    nav=site.nav_links(), content=content, footer="")


def intranet_html(site: Site) -> str:
    return document(site.style, title="Staff intranet", site_title=site.program.name,
                    nav=site.nav_links(), content="<p>Please sign in with your hospital account.</p>",
                    footer="")


def pdf_bytes(site: Site) -> bytes:
    pdf = site.pdf
    return make_pdf(pdf.title, pdf.paragraphs + [b.text for b in pdf.blocks])


_CLOSERS = re.compile(r"</(div|li|p|td|TD|TR|ul)>")


def malform(doc: str) -> str:
    """Broken markup as real sites have it: dropped closing tags, misnested inline tags, an
    unterminated attribute-less div and no closing body/html."""
    n = [0]

    def drop(m: re.Match) -> str:
        n[0] += 1
        return "" if n[0] % 2 else m.group(0)

    doc = _CLOSERS.sub(drop, doc)
    doc = doc.replace("<h1", "<div class=wrap><b><i><h1", 1)
    doc = re.sub(r"</h1>", "</h1></b></i>", doc, count=1)
    doc = doc.replace("</body></html>", "").replace("</BODY></HTML>", "")
    return doc + "<div <span class=\"x\">\n"
