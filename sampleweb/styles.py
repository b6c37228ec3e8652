"""Site styles: URL schemes, link texts and page skeletons of six kinds of program website.

Real program sites range from university CMS pages to WordPress blogs, old ASP sites with
table layouts, modern single-page designs and one-page sites that put the rules in a PDF;
each style below imitates one family (markup, navigation, page names, link texts).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

KINDS = ("about", "curriculum", "apply", "eligibility", "faq", "img", "benefits", "news",
         "faculty", "contact")


@dataclass(frozen=True)
class Style:
    name: str
    home: str                 # path of the home page
    paths: dict               # kind -> path
    link_texts: dict          # kind -> tuple of link texts (one is picked per site)
    pdf_path: str
    pdf_link_text: tuple
    encoding: str = "utf-8"   # what the pages are encoded in (and declare)


_TEXTS = {
    "about": ("About the Program", "About Us", "Program Overview", "Overview", "Our Program"),
    "curriculum": ("Curriculum", "Rotations", "Education", "Training Curriculum"),
    "apply": ("How to Apply", "Apply", "Application Process", "Applicants", "Apply Now"),
    "eligibility": ("Eligibility", "Eligibility Requirements", "Requirements",
                    "Applicant Requirements", "Selection Criteria"),
    "faq": ("FAQ", "FAQs", "Frequently Asked Questions", "Questions"),
    "img": ("International Medical Graduates", "IMG Applicants", "Visa Information",
            "Visa Sponsorship", "IMGs"),
    "benefits": ("Salary & Benefits", "Benefits", "Compensation and Benefits", "Perks"),
    "news": ("News", "Latest News", "Program News", "Blog"),
    "faculty": ("Faculty", "Our Faculty", "Leadership", "People"),
    "contact": ("Contact", "Contact Us", "Get in Touch", "Location"),
}

STYLES = (
    Style("academic", "/education/residency/", {
        "about": "/education/residency/about", "curriculum": "/education/residency/curriculum",
        "apply": "/education/residency/how-to-apply",
        "eligibility": "/education/residency/eligibility-requirements",
        "faq": "/education/residency/frequently-asked-questions",
        "img": "/education/residency/international-medical-graduates",
        "benefits": "/education/residency/salary-and-benefits",
        "news": "/education/residency/news", "faculty": "/education/residency/faculty",
        "contact": "/education/residency/contact-us"}, _TEXTS,
        "/sites/default/files/residency/application-requirements.pdf",
        ("Application requirements (PDF)", "Download the eligibility checklist (PDF)")),
    Style("community", "/", {k: f"/{k}.html" for k in KINDS}, _TEXTS, "/docs/Eligibility.pdf",
          ("Eligibility criteria (PDF)", "Printable requirements")),
    Style("wordpress", "/", {
        "about": "/about-us/", "curriculum": "/curriculum/",
        "apply": "/applicants/how-to-apply/", "eligibility": "/applicants/eligibility/",
        "faq": "/applicants/faqs/", "img": "/applicants/visa-information/",
        "benefits": "/benefits/", "news": "/blog/", "faculty": "/our-faculty/",
        "contact": "/contact/"}, _TEXTS,
        "/wp-content/uploads/2023/08/Application-Requirements.pdf",
        ("Application Requirements", "Download: Application Requirements (PDF)")),
    Style("legacy", "/Default.asp", {
        "about": "/Residency/About.asp", "curriculum": "/Residency/Curriculum.asp",
        "apply": "/Residency/Apply.asp", "eligibility": "/Residency/Requirements.asp",
        "faq": "/Residency/FAQ.asp", "img": "/Residency/IMG.asp",
        "benefits": "/Residency/Benefits.asp", "news": "/Residency/News.asp",
        "faculty": "/Residency/Faculty.asp", "contact": "/Residency/Contact.asp"},
        {k: tuple(t.upper() for t in v) for k, v in _TEXTS.items()},
        "/Residency/Docs/REQUIREMENTS.PDF", ("CLICK HERE FOR REQUIREMENTS (PDF)",),
        encoding="windows-1252"),
    Style("modern", "/", {
        "about": "/program/overview", "curriculum": "/program/curriculum",
        "apply": "/applicants/apply", "eligibility": "/applicants/requirements",
        "faq": "/applicants/faq", "img": "/applicants/visa-sponsorship",
        "benefits": "/program/benefits", "news": "/news", "faculty": "/people",
        "contact": "/contact"}, _TEXTS, "/assets/pdf/applicant-guide.pdf",
        ("Applicant guide (PDF)", "Download the applicant guide")),
    Style("onepage", "/", {"apply": "/apply", "contact": "/contact"}, _TEXTS,
          "/files/requirements.pdf",
          ("Full eligibility requirements (PDF)", "Read our requirements (PDF)")),
)
STYLE_BY_NAME = {s.name: s for s in STYLES}
ACTIVE = ' class="active"'


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def document(style: Style, *, title: str, site_title: str, nav: list[tuple[str, str]],
             content: str, footer: str, charset_meta: bool = True, current: str = "") -> str:
    """A whole HTML page in the style's skeleton."""
    enc = style.encoding
    if style.name == "legacy":
        meta = (f'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={enc}">'
                if charset_meta else "")
        links = "".join(
            f'<TR><TD><A HREF="{esc(h)}"><FONT COLOR="#FFFFFF" FACE="Arial">{esc(t)}</FONT>'
            f"</A></TD></TR>" for h, t in nav)
        return (f"<HTML><HEAD>{meta}<TITLE>{esc(title)} - {esc(site_title)}</TITLE></HEAD>\n"
                f'<BODY BGCOLOR="#FFFFFF"><TABLE WIDTH="100%" BORDER=0 CELLPADDING=4>'
                f'<TR><TD COLSPAN=2 BGCOLOR="#003366"><FONT SIZE=5 COLOR="#FFFFFF">'
                f"{esc(site_title)}</FONT></TD></TR>\n"
                f'<TR><TD WIDTH=180 VALIGN=TOP BGCOLOR="#336699"><TABLE>{links}</TABLE></TD>\n'
                f'<TD VALIGN=TOP><FONT FACE="Arial"><H2>{esc(title)}</H2>\n{content}\n'
                f"</FONT></TD></TR></TABLE>\n<HR>{footer}</BODY></HTML>\n")
    meta = f'<meta charset="{enc}">' if charset_meta else ""
    head = (f"<!DOCTYPE html>\n<html lang=\"en\"><head>{meta}"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)} | {esc(site_title)}</title></head>\n")
    if style.name == "academic":
        items = "".join(
            f'<li{ACTIVE if h == current else ""}><a href="{esc(h)}">{esc(t)}</a></li>'
            for h, t in nav)
        return (f'{head}<body class="page-residency"><div id="header"><a class="logo" '
                f'href="{esc(style.home)}">{esc(site_title)}</a></div>\n'
                f'<div class="layout"><nav class="sidenav" aria-label="Residency"><h2>Residency'
                f"</h2><ul>{items}</ul></nav>\n"
                f'<main id="main-content"><ol class="breadcrumb"><li><a href="/">Home</a></li>'
                f"<li>{esc(title)}</li></ol><h1>{esc(title)}</h1>\n{content}\n</main></div>\n"
                f'<footer class="site-footer">{footer}</footer></body></html>\n')
    if style.name == "community":
        links = " | ".join(f'<a href="{esc(h)}">{esc(t)}</a>' for h, t in nav)
        return (f'{head}<body><div class="top"><h1 class="site">{esc(site_title)}</h1>'
                f'<div class="menu">{links}</div></div>\n<div class="content"><h2>{esc(title)}'
                f"</h2>\n{content}\n</div>\n<div class=\"footer\">{footer}</div></body></html>\n")
    if style.name == "wordpress":
        items = "".join(
            f'<li class="menu-item menu-item-type-post_type menu-item-object-page">'
            f'<a href="{esc(h)}">{esc(t)}</a></li>' for h, t in nav)
        return (f'{head}<body class="page-template-default page wp-custom-logo">'
                f'<div id="page" class="site"><header id="masthead" class="site-header">'
                f'<p class="site-title"><a href="/" rel="home">{esc(site_title)}</a></p>'
                f'<nav id="site-navigation" class="main-navigation"><ul id="menu-primary" '
                f'class="menu">{items}</ul></nav></header>\n<div id="content" class="site-content">'
                f'<article class="page type-page status-publish"><header class="entry-header">'
                f'<h1 class="entry-title">{esc(title)}</h1></header><div class="entry-content">\n'
                f"{content}\n</div></article></div>\n"
                f'<footer id="colophon" class="site-footer">{footer}</footer></div></body></html>\n')
    if style.name == "modern":
        links = "".join(f'<a class="nav-link" href="{esc(h)}">{esc(t)}</a>' for h, t in nav)
        return (f'{head}<body><header class="site-header"><a class="brand" href="/">'
                f'{esc(site_title)}</a><nav aria-label="Main">{links}</nav></header>\n'
                f'<main><section class="hero"><h1>{esc(title)}</h1></section>\n'
                f'<section class="card">{content}</section></main>\n'
                f"<footer>{footer}</footer></body></html>\n")
    # onepage
    links = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for h, t in nav)
    return (f'{head}<body><nav class="topbar"><ul>{links}</ul></nav>\n'
            f'<div class="wrapper"><h1>{esc(title)}</h1>\n{content}\n</div>\n'
            f'<div class="bottom">{footer}</div></body></html>\n')
