"""The spiders' parameters, typed, with their defaults in one place: `python -m scrapers`
builds its options from these models and the spiders validate their arguments with them
(so `scrapy crawl website -a max_depth=2` and the CLI agree)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MAX_PAGE_SIZE = 50  # the JSON:API's page[limit] ceiling


def default_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


class CrawlParams(BaseModel):
    """What every crawl takes. Output files are given whole (the run store, warehouse/store.py,
    names them for the pipeline): a spider writes where it is told and names no file itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    run_id: str = Field(default_factory=default_run_id, description="id stored on every row (default: UTC timestamp)")

    @field_validator("run_id", mode="before")
    @classmethod
    def _run_id(cls, value):
        return value or default_run_id()


def _path_text(value):
    return str(value) if value is not None and not isinstance(value, str) else value  # a Path is fine


class DirectoryParams(CrawlParams):
    pages_out: str = Field(description="Parquet file for the raw API pages (person nodes removed)")
    programs_out: str = Field(description="Parquet file for the programs parsed from them (one typed row each)")
    base_url: str = Field(description="API base URL (scheme://host:port)")
    specialties: tuple[str, ...] = Field((), description="3-digit specialty codes (default: all)")
    page_size: int = Field(MAX_PAGE_SIZE, description=f"page[limit], at most {MAX_PAGE_SIZE}")

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not value:
            raise ValueError("directory spider needs base_url (the API's scheme://host:port)")
        return value.rstrip("/")

    _outputs = field_validator("pages_out", "programs_out", mode="before")(_path_text)

    @field_validator("page_size")
    @classmethod
    def _page_size(cls, value: int) -> int:
        return max(1, min(value, MAX_PAGE_SIZE))  # the API would cap it anyway

    @field_validator("specialties", mode="before")
    @classmethod
    def _specialties(cls, value):
        if isinstance(value, str):  # "140,120" from the command line or `-a`
            return tuple(s.strip() for s in value.split(",") if s.strip())
        return tuple(value or ())


class WebsiteParams(CrawlParams):
    programs: str = Field(description="Parquet file with program_id and website columns")
    pages_out: str = Field(description=(
        "Parquet file for the fetches, one row each (an interrupted crawl keeps its rows beside it, "
        "as <name>.incomplete.<suffix>)"))
    previous: str | None = Field(None, description="raw pages file of an earlier crawl (incremental refresh)")
    max_pages_per_program: int = Field(12, ge=1, description="page budget per program")
    max_depth: int = Field(3, ge=0, description="link depth from the home page")
    pdf_workers: int = Field(1, ge=0, description="PDF text worker processes (0 = in the crawl process)")
    sitemap_max_age_days: float = Field(7.0, ge=0, description=(
        "skip a page on its sitemap's word only while our copy is younger than this (0 = never skip)"))

    _paths = field_validator("programs", "pages_out", "previous", mode="before")(_path_text)

    @field_validator("programs")
    @classmethod
    def _programs(cls, value: str) -> str:
        if not value:
            raise ValueError("website spider needs programs (a Parquet file with program_id, website)")
        return value


def default(model: type[BaseModel], name: str) -> Any:
    return model.model_fields[name].default


def help_text(model: type[BaseModel], name: str) -> str:
    field = model.model_fields[name]
    if field.default is None or field.default_factory is not None or field.is_required():
        return field.description or ""
    return f"{field.description} (default {field.default})"


def build(model: type[CrawlParams], values: dict) -> CrawlParams:
    """The model from loose values (CLI or `-a` strings); ValueError with one line per problem."""
    try:
        return model(**values)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or model.__name__}: {e['msg']}" for e in exc.errors())
        raise ValueError(problems) from None


def split_kwargs(model: type[CrawlParams], kwargs: dict) -> tuple[dict, dict]:
    """(the model's fields, the rest for scrapy.Spider) out of a spider's keyword arguments."""
    mine = {k: kwargs[k] for k in kwargs if k in model.model_fields}
    return mine, {k: v for k, v in kwargs.items() if k not in mine}
