"""Descriptions of the raw and staging tables, written as COMMENTs at publish time.

core.*, marts.*, history.* and meta.* are declared with their comments in schema.sql; raw and
staging tables take their shape from the frames the pipeline produced, and their comments
from here, so an analyst can read every table from the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableDoc:
    comment: str
    columns: dict[str, str] = field(default_factory=dict)


_FETCH_COLUMNS = {
    "run_id": "Dagster run id of the crawl that fetched the row.",
    "status": "HTTP status (0 when there was no response; error says why).",
    "fetched_at": "When the response arrived (UTC).",
    "body": "Response body (JSON text for the directory with person nodes removed; compressed bytes for pages).",
}

RAW_STAGING_DOCS: dict[str, TableDoc] = {
    "raw.directory_pages": TableDoc(
        "Directory API pages as fetched, one row per page, with director and coordinator nodes removed at parse time.",
        {**_FETCH_COLUMNS, "url": "URL of the API page (as answered; staging.programs.source_url names it)."},
    ),
    "raw.pages": TableDoc(
        "Program website fetches, one row per request: validators, content hash, why it was fetched, and the compressed body.",
        {
            **_FETCH_COLUMNS,
            "program_id": "Program whose site was crawled.",
            "requested_url": "URL the crawler asked for (before redirects; staging.pages.url is the address after them).",
            "final_url": "URL after redirects.",
            "error": "Failure kind (timeout, dns, robots, http_5xx, maxsize, refused_address, ...) or NULL.",
            "etag": "ETag validator as received.",
            "last_modified": "Last-Modified validator as received.",
            "content_type": "Content-Type as received.",
            "content_hash": "sha256 of the decoded body.",
            "body_codec": "Compression of body (gzip).",
            "not_modified": "TRUE when the server answered 304 (the copy held stands; a page not requested has skipped instead).",
            "skipped": "TRUE when the page was not requested: the site's sitemap showed it unchanged since the copy held (fetched_at is that copy's).",
            "changed": "TRUE when the content hash differs from the previous crawl or the page is new.",
            "kind": "page, pdf, robots (robots.txt) or sitemap (sitemap.xml); only page and pdf rows are program pages.",
            "reason": "Why the crawler fetched the page (home page, or the link score and anchor text).",
            "depth": "Link depth from the home page.",
            "text": "Text extracted from a PDF; NULL for HTML.",
        },
    ),
    "staging.programs": TableDoc(
        "Directory programs parsed and typed (sentinels 99/999 turned into NULL), validated before publishing.",
        {
            "program_id": "10-digit ACGME program number.",
            "name": "Program name.",
            "specialty_code": "3-digit specialty code.",
            "specialty": "Specialty name.",
            "institution": "Institution name.",
            "city": "City.",
            "state": "State code.",
            "setting": "University-based / Community-based / Community-based university affiliated / Military-based / Other.",
            "website": "Program website.",
            "first_year_positions": "PGY-1 positions.",
            "pct_img": "Share of IMG residents, 0-100.",
            "pct_do": "Share of DO residents, 0-100.",
            "pct_usmd": "Share of US MD residents, 0-100.",
            "visa_statuses": "Visa statuses listed by the directory survey.",
            "min_step1": "Step 1 minimum from the directory survey.",
            "min_step2ck": "Step 2 CK minimum from the directory survey.",
            "min_comlex2": "COMLEX Level 2-CE minimum from the directory survey.",
            "yog_max_years": "Maximum years since graduation from the directory survey.",
            "survey_year": "Year of the survey node.",
            "basic_listing": "TRUE for basic listings.",
            "source_url": "Directory API page the program came from.",
            "fetched_at": "When that API page was fetched (UTC).",
        },
    ),
    "staging.pages": TableDoc(
        "Latest known state of every program web page (this run's fetch, or the last good one when this run failed).",
        {
            "program_id": "Program whose site the page belongs to.",
            "url": "Address of the page (after redirects): its identity from one crawl to the next.",
            "requested_url": "URL the crawler asked for (differs from url after a redirect).",
            "final_url": "URL after redirects.",
            "status": "HTTP status of the latest fetch (0 = no response).",
            "error": "Failure kind of the latest fetch, or NULL.",
            "etag": "ETag validator of the stored copy (sent as If-None-Match next time).",
            "last_modified": "Last-Modified validator of the stored copy (sent as If-Modified-Since next time).",
            "content_type": "Content-Type.",
            "content_hash": "sha256 of the decoded body.",
            "fetched_at": "When the content was fetched (UTC).",
            "not_modified": "TRUE when the latest fetch was answered 304 (a page not requested this run has skipped instead).",
            "skipped": "TRUE when the page was not requested this run: the site's sitemap showed it unchanged.",
            "changed": "TRUE when the content changed in this run.",
            "reason": "Why the crawler fetched it.",
            "depth": "Link depth from the home page.",
            "page_kind": "What the page is (eligibility, application, home, news, other), from its URL; ranks pages when facts disagree.",
        },
    ),
    "staging.page_facts": TableDoc(
        "Eligibility facts extracted from each page (cached by content hash: only changed pages are re-extracted).",
        {
            "program_id": "Program.",
            "url": "Page the fact was read from.",
            "content_hash": "Hash of the page content the fact was read from.",
            "page_kind": "Kind of page.",
            "field": "Eligibility field.",
            "value": "Value as text.",
            "strictness": "hard / preferred.",
            "condition": "Condition, or NULL.",
            "evidence": "Exact page text.",
            "stale": "TRUE if the evidence is stale (retired exams, old dates).",
            "page_chosen": "TRUE when this fact decided the page's value for its field (others on the page lost to it).",
            "fetched_at": "When the page content was fetched (UTC).",
        },
    ),
}
