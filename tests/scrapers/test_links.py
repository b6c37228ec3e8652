"""Link scoring picks the pages that state eligibility, from generic cues only."""

from scrapers.links import candidate_links, extract_links, host_variants, score_link, Link

HOME = """<html><body>
<nav><a href="/news">News</a> <a href="/login">Log in</a> <a href="/team">Our team</a>
<a href="/residency/eligibility">Eligibility</a> <a href="/residency/faq">FAQ</a></nav>
<ul><li><a href="/docs/policy.pdf">Handbook</a> covers visa sponsorship and USMLE rules</li></ul>
<a href="http://other.test/apply">Apply</a> <a href="mailto:x@y.test">Mail</a>
<a href="/logo.png">Visa logo</a> <a href="#top">Top</a>
</body></html>"""


def test_eligibility_and_faq_links_outrank_navigation_noise():
    found = candidate_links(HOME, "http://prog.test/", 1, host_variants("prog.test"))
    urls = [c.url for c in found]
    assert urls[0] == "http://prog.test/residency/eligibility"
    assert "http://prog.test/residency/faq" in urls[:3]
    assert "http://prog.test/login" not in urls
    assert "http://prog.test/news" not in urls


def test_surrounding_text_lifts_a_vaguely_named_pdf():
    found = {c.url: c for c in candidate_links(HOME, "http://prog.test/", 1, host_variants("prog.test"))}
    handbook = found["http://prog.test/docs/policy.pdf"]
    assert "visa" in handbook.cues


def test_nav_bar_text_does_not_lend_cues_to_its_neighbours():
    links = {l.url: l for l in extract_links(HOME, "http://prog.test/")}
    assert links["http://prog.test/team"].context == ""
    candidates = {c.url for c in candidate_links(HOME, "http://prog.test/", 1, host_variants("prog.test"))}
    assert "http://prog.test/team" not in candidates


def test_other_hosts_images_mail_and_fragments_are_not_candidates():
    urls = {c.url for c in candidate_links(HOME, "http://prog.test/", 1, host_variants("prog.test"))}
    assert not any("other.test" in u or u.startswith("mailto") or u.endswith(".png") for u in urls)


def test_www_variant_counts_as_the_same_site():
    urls = {c.url for c in candidate_links(HOME, "http://www.prog.test/", 1, host_variants("prog.test"))}
    assert "http://www.prog.test/residency/eligibility" in urls


def test_deeper_links_score_lower_and_reason_names_the_cues():
    shallow = score_link(Link("http://p.test/img-visa", "IMG visa policy", ""), depth=1)
    deep = score_link(Link("http://p.test/img-visa", "IMG visa policy", ""), depth=3)
    assert deep.score < shallow.score
    reason = shallow.reason("http://p.test/")
    assert reason.startswith("link score=") and 'text="IMG visa policy"' in reason and "visa" in reason


def test_base_href_is_honoured():
    html = '<head><base href="http://p.test/gme/"></head><a href="requirements">Requirements</a>'
    assert [l.url for l in extract_links(html, "http://p.test/")] == ["http://p.test/gme/requirements"]


def test_root_relative_fast_path_joins_exactly_as_urljoin():
    from urllib.parse import urldefrag, urljoin, urlsplit

    from scrapers import links

    hrefs = ["/a/b?x=1#f", "/A/B/", "/", "/?q", "/a/./b", "/a/../b", "/a b", "/caf\u00e9", "/x#", "/%7Euser",
             "/a//b", "/a:b", "/a;p?q=1&r=2", "/residency/IMG-Applicants.pdf", "/apply?step=2#top", "/faq/"]
    bases = ["http://Www.Prog.test/x/y", "https://prog.test:8443/", "http://prog.test:80/a", "http://prog.test",
             "http://prog.test?x", "https://www.prog.test/dept/residency/index.html"]
    taken = 0
    for base in bases:
        for href in hrefs:
            url, _ = urldefrag(urljoin(base, href))
            parts = urlsplit(url)
            slow = links.Target(url, parts.hostname.lower(), parts.path.lower(), links.dedup_key(url), parts.query)
            fast = links._plain_root_relative(href, base)
            if fast is not None:
                taken += 1
                assert fast == slow, (href, base)
            assert links.resolve_href(href, base) == slow
    assert taken >= len(bases) * len(hrefs) // 2  # the fast path is the common one
