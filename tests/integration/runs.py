"""Read what a Dagster run recorded: the newest materialization of an asset and its metadata."""

import dagster as dg


def latest_materialization(instance: dg.DagsterInstance, *path: str) -> tuple[str, dict]:
    """(run id, metadata values) of the newest materialization of the asset at `path`."""
    event = instance.get_latest_materialization_event(dg.AssetKey(list(path)))
    return event.run_id, {k: v.value for k, v in event.asset_materialization.metadata.items()}
