"""Directory spider on saved API pages (no network): paging, raw rows, count reconciliation."""

import json

import pyarrow.parquet as pq
from scrapy import Request
from scrapy.http import TextResponse

from scrapers.spiders.directory import DirectorySpider
from tests.scrapers.mockweb import PERSON_EMAIL, program_node

BASE = "http://127.0.0.1:8765"


def outputs(folder) -> dict:
    return {"pages_out": folder / "directory_pages.parquet", "programs_out": folder / "directory_programs.parquet"}


def api_page(url, first, last, count, next_url=None):
    data, included = [], {}
    for i in range(first, last + 1):
        node, inc = program_node(i)
        data.append(node)
        included.update({(x["type"], x["id"]): x for x in inc})
    page = {"data": data, "included": list(included.values()), "meta": {"count": count}, "links": {}}
    if next_url:
        page["links"]["next"] = {"href": next_url}
    request = Request(url, cb_kwargs={"specialty": None})
    return TextResponse(url=url, body=json.dumps(page).encode(), status=200, request=request,
                        headers={"Content-Type": "application/vnd.api+json"})


def crawl_pages(spider, responses):
    follow = []
    for response in responses:
        follow += list(spider.parse_page(response, None))
    return follow


def test_first_request_side_loads_related_nodes_but_never_persons(tmp_path):
    spider = DirectorySpider(base_url=BASE, **outputs(tmp_path), specialties="140,120", page_size=80)
    url = spider.page_url("140")
    assert "include=field_survey%2Cfield_specialty%2Cfield_institution" in url
    assert "person" not in url and "director" not in url
    assert "page%5Blimit%5D=50" in url  # capped at the API's maximum
    assert "filter%5Bfield_specialty.field_specialty_code%5D=140" in url


def test_follows_links_next_and_writes_both_files_when_complete(tmp_path):
    spider = DirectorySpider(base_url=BASE, **outputs(tmp_path))
    page2 = f"{BASE}/api/node/program?page%5Boffset%5D=2"
    follow = crawl_pages(spider, [api_page(spider.page_url(None), 1, 2, 3, page2)])
    assert [r.url for r in follow] == [page2]
    crawl_pages(spider, [api_page(page2, 3, 3, 3)])
    spider.closed("finished")
    assert spider.metrics.ok
    programs = pq.read_table(tmp_path / "directory_programs.parquet").to_pylist()
    assert [p["program_id"] for p in programs] == ["1400000001", "1400000002", "1400000003"]
    pages = pq.read_table(tmp_path / "directory_pages.parquet").to_pylist()
    assert len(pages) == 2 and pages[0]["meta_count"] == 3


def test_person_data_never_reaches_disk(tmp_path):
    spider = DirectorySpider(base_url=BASE, **outputs(tmp_path))
    crawl_pages(spider, [api_page(spider.page_url(None), 1, 2, 2)])
    spider.closed("finished")
    for name in ("directory_pages.parquet", "directory_programs.parquet"):
        raw = (tmp_path / name).read_bytes()
        table = pq.read_table(tmp_path / name).to_pylist()
        assert PERSON_EMAIL not in json.dumps(table, default=str)
        assert b"node--person" not in raw


def test_short_crawl_is_an_error_and_publishes_nothing(tmp_path):
    spider = DirectorySpider(base_url=BASE, **outputs(tmp_path))
    crawl_pages(spider, [api_page(spider.page_url(None), 1, 2, 5)])  # meta.count says 5
    spider.closed("finished")
    assert not spider.metrics.ok
    assert "got 2 programs but meta.count is 5" in spider.metrics.problem
    assert list(tmp_path.iterdir()) == []


def test_a_failed_page_makes_the_crawl_incomplete(tmp_path):
    spider = DirectorySpider(base_url=BASE, **outputs(tmp_path))
    url = spider.page_url(None)
    response = TextResponse(url=url, body=b"oops", status=503, request=Request(url))
    crawl_pages(spider, [response])
    spider.closed("finished")
    assert not spider.metrics.ok and "503" in spider.metrics.problem
    assert not (tmp_path / "directory_programs.parquet").exists()


def test_truncated_json_is_asked_again_then_given_up(tmp_path):
    spider = DirectorySpider(base_url=BASE, **outputs(tmp_path))
    url = spider.page_url(None)
    response = TextResponse(url=url, body=b'{"data": [', status=200, request=Request(url, meta={"json_attempt": 0}))
    again = crawl_pages(spider, [response])
    assert [r.url for r in again] == [url] and again[0].meta["json_attempt"] == 1
    last = TextResponse(url=url, body=b'{"data": [', status=200, request=Request(url, meta={"json_attempt": 3}))
    assert crawl_pages(spider, [last]) == []
    assert spider.metrics.errors["bad_json"] == 1
