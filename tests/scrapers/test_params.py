"""One typed parameter model per spider, shared by `python -m scrapers` and the spiders."""

import pytest

from scrapers.__main__ import build_parser, crawl_settings, main, spider_kwargs
from scrapers.live_settings import LIVE_SETTINGS
from scrapers.params import WebsiteParams
from scrapers.spiders.directory import DirectorySpider
from scrapers.spiders.website import WebsiteSpider
from tests.scrapers.conftest import write_programs


def test_the_cli_and_the_spider_get_the_same_defaults(tmp_path):
    programs = write_programs(tmp_path / "p.parquet", {"1400000001": "prog.test"})
    out = str(tmp_path / "pages.parquet")
    args = build_parser().parse_args(["website", "--sample-web", "http://127.0.0.1:8765", "--programs", str(programs),
                                      "--pages-out", out])
    from_cli = spider_kwargs(args)["params"]
    from_scrapy = WebsiteSpider(programs=str(programs), pages_out=out, run_id=from_cli.run_id).params  # as `scrapy crawl -a`
    assert from_cli == from_scrapy
    assert from_cli.max_pages_per_program == 12 and from_cli.max_depth == 3


def test_scrapy_a_strings_are_typed(tmp_path):
    programs = write_programs(tmp_path / "p.parquet", {"1400000001": "prog.test"})
    spider = WebsiteSpider(programs=str(programs), pages_out=str(tmp_path / "o"), max_depth="2", max_pages_per_program="5", sitemap_max_age_days="0")
    assert (spider.max_depth, spider.max_pages, spider.sitemap_max_age.days) == (2, 5, 0)
    directory = DirectorySpider(base_url="http://127.0.0.1:1/", specialties="140, 120", page_size="80",
                                pages_out=str(tmp_path / "a"), programs_out=str(tmp_path / "b"))
    assert directory.specialties == ["140", "120"] and directory.page_size == 50


def test_bad_parameters_are_one_line_errors_and_exit_2(tmp_path, capsys):
    programs = write_programs(tmp_path / "p.parquet", {"1400000001": "prog.test"})
    with pytest.raises(ValueError, match="max_depth"):
        WebsiteParams(programs=str(programs), pages_out=str(tmp_path / "o"), max_depth=-1)
    code = main(["website", "--sample-web", "http://127.0.0.1:8765", "--programs", str(programs),
                 "--pages-out", str(tmp_path / "o"), "--max-pages-per-program", "0"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.startswith("error: max_pages_per_program") and "\n" not in err


def test_live_mode_takes_the_politeness_settings_from_their_file(tmp_path):
    programs = write_programs(tmp_path / "p.parquet", {"1400000001": "prog.test"})
    live = crawl_settings(build_parser().parse_args(["website", "--source", "live", "--programs", str(programs),
                                                     "--pages-out", "o"]))
    assert {k: live[k] for k in LIVE_SETTINGS} == LIVE_SETTINGS
    sample = crawl_settings(build_parser().parse_args(
        ["website", "--sample-web", "http://127.0.0.1:8765", "--programs", str(programs), "--pages-out", "o",
         "--per-host", "8"]))
    assert "GME_MAX_PAGES_PER_RUN" not in sample and sample["CONCURRENT_REQUESTS_PER_DOMAIN"] == 8
