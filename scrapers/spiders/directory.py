"""Directory spider: pages through the FREIDA-style JSON:API (one request per page, related
nodes side-loaded with include=), drops person data, and reconciles with meta.count."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import scrapy

from scrapers import jsonapi
from scrapers.errors import error_kind
from scrapers.metrics import CrawlMetrics
from scrapers.params import MAX_PAGE_SIZE, DirectoryParams, build, split_kwargs  # noqa: F401
from scrapers.output import DIRECTORY_PAGES_SCHEMA, DIRECTORY_PROGRAMS_SCHEMA, BatchedParquetWriter

logger = logging.getLogger(__name__)
JSON_RETRIES = 3


@dataclass
class Chain:
    """One paging sequence (one specialty filter, or everything)."""

    specialty: str | None
    expected: int | None = None
    got: int = 0
    complete: bool = False
    failure: str | None = None


class DirectorySpider(scrapy.Spider):
    name = "directory"

    def __init__(self, params: DirectoryParams | None = None, **kwargs):
        fields, rest = split_kwargs(DirectoryParams, kwargs)
        super().__init__(**rest)
        self.params = params or build(DirectoryParams, fields)
        self.base_url = self.params.base_url
        self.specialties = list(self.params.specialties)
        self.page_size = self.params.page_size
        self.run_id = self.params.run_id
        self.metrics = CrawlMetrics(self.name, self.run_id)
        self.chains = {code: Chain(code) for code in (self.specialties or [None])}
        self.programs: dict[str, dict] = {}
        self.pages_writer = BatchedParquetWriter(self.params.pages_out, DIRECTORY_PAGES_SCHEMA, 200)
        self.outputs: list[Path] = []

    def page_url(self, specialty: str | None, offset: int = 0) -> str:
        query = {}
        if specialty:
            query["filter[field_specialty.field_specialty_code]"] = specialty
        query.update({
            "include": jsonapi.INCLUDE,
            "page[offset]": offset,
            "page[limit]": self.page_size,
            "sort": "field_program_id",
        })
        return f"{self.base_url}/api/node/program?{urlencode(query)}"

    async def start(self):
        for code in self.chains:
            yield self._request(self.page_url(code), code)

    def _request(self, url: str, specialty: str | None, attempt: int = 0) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_page, errback=self.page_failed, dont_filter=True,
            cb_kwargs={"specialty": specialty}, meta={"json_attempt": attempt},
            headers={"Accept": "application/vnd.api+json"},
        )

    def parse_page(self, response, specialty):
        chain = self.chains[specialty]
        self.metrics.pages += 1
        self.metrics.bytes += len(response.body)
        if response.status != 200:
            self.metrics.error(f"http_{response.status // 100}xx")
            chain.failure = f"{response.url} answered {response.status}"
            return
        try:
            page = json.loads(response.body)
        except ValueError:
            attempt = response.meta.get("json_attempt", 0) + 1
            if attempt <= JSON_RETRIES:  # a truncated body on a flaky link: ask again
                yield self._request(response.url, specialty, attempt)
            else:
                self.metrics.error("bad_json")
                chain.failure = f"{response.url} is not JSON"
            return
        clean = jsonapi.strip_persons(page)
        programs = jsonapi.parse_page(clean, response.url)
        now = datetime.now(UTC)
        chain.expected = jsonapi.page_count(page)
        chain.got += len(programs)
        self.pages_writer.add({
            "run_id": self.run_id, "url": response.url, "status": response.status,
            "fetched_at": now, "body": json.dumps(clean, ensure_ascii=False, separators=(",", ":")),
            "specialty_code": specialty, "meta_count": chain.expected,
            "programs_on_page": len(programs),
        })
        for program in programs:
            if program["program_id"]:
                self.programs[program["program_id"]] = {**program, "run_id": self.run_id, "fetched_at": now}
        nxt = jsonapi.next_href(page)
        if nxt and programs:
            yield self._request(response.urljoin(nxt), specialty)
        else:
            chain.complete = True

    def page_failed(self, failure):
        specialty = failure.request.cb_kwargs.get("specialty")
        kind = error_kind(failure.value)
        self.metrics.error(kind)
        self.chains[specialty].failure = f"{failure.request.url}: {kind}: {failure.value}"

    def reconcile(self) -> str | None:
        """Why this crawl is not a complete snapshot, or None when it is."""
        for chain in self.chains.values():
            label = f"specialty {chain.specialty}" if chain.specialty else "all programs"
            if chain.failure:
                return f"{label}: page failed ({chain.failure})"
            if not chain.complete:
                return f"{label}: paging stopped before the last page"
            if chain.expected is None:
                return f"{label}: the API gave no meta.count"
            if chain.got != chain.expected:
                return f"{label}: short crawl, got {chain.got} programs but meta.count is {chain.expected}"
        return None

    def closed(self, reason):
        problem = self.reconcile() if reason == "finished" else f"crawl ended early: {reason}"
        self.metrics.items = len(self.programs)
        self.metrics.extra["programs"] = len(self.programs)
        self.metrics.extra["expected"] = sum(c.expected or 0 for c in self.chains.values())
        if problem:
            # a short crawl is an error, not a snapshot: publish nothing
            self.metrics.ok, self.metrics.problem = False, problem
            self.pages_writer.abort()
            logger.error("directory crawl incomplete: %s", problem)
            return
        programs = BatchedParquetWriter(self.params.programs_out, DIRECTORY_PROGRAMS_SCHEMA)
        for program_id in sorted(self.programs):
            programs.add(self.programs[program_id])
        self.outputs = [self.pages_writer.commit(), programs.commit()]
