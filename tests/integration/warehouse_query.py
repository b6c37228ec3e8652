"""Read the published warehouse the way an analyst should: a short read-only connection per query."""

import os

from warehouse.publish import connect_readonly


def query(sql: str, params: list | None = None) -> list[tuple]:
    con = connect_readonly(os.environ["GME_WAREHOUSE"])
    try:
        return con.sql(sql, params=params).fetchall()
    finally:
        con.close()
