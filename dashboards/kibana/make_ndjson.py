#!/usr/bin/env python3
"""Writes earshot.ndjson, the Kibana 8.x saved objects of the Earshot dashboard.

Kibana stores most attributes as JSON inside JSON strings; writing them by hand invites escaping mistakes,
so the file is generated: edit this script, run it (python3 dashboards/kibana/make_ndjson.py) and commit both.
The objects follow the shapes Kibana's own sample data sets use (data views, saved searches, a markdown
visualisation and a dashboard with by-value Lens panels), with the migration versions those objects declare,
so that Kibana migrates them forward on import.
"""
import json
import pathlib

CORE_MIGRATION_VERSION = "8.8.0"
PANEL_VERSION = "8.11.0"
DEMO_FROM = "2026-03-02T00:00:00.000Z"
DEMO_TO = "2026-03-06T00:00:00.000Z"


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def data_view(view_id, title, name, time_field, field_formats=None):
    return {
        "type": "index-pattern",
        "id": view_id,
        "attributes": {
            "title": title,
            "name": name,
            "timeFieldName": time_field,
            "fields": "[]",
            "fieldAttrs": "{}",
            "fieldFormatMap": compact(field_formats or {}),
            "runtimeFieldMap": "{}",
            "typeMeta": "{}",
        },
        "references": [],
        "managed": False,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "typeMigrationVersion": "7.11.0",
    }


def saved_search(search_id, title, view_id, columns, sort, query="", description=""):
    return {
        "type": "search",
        "id": search_id,
        "attributes": {
            "title": title,
            "description": description,
            "columns": columns,
            "sort": sort,
            "hits": 0,
            "version": 1,
            "kibanaSavedObjectMeta": {
                "searchSourceJSON": compact({
                    "highlightAll": True,
                    "version": True,
                    "query": {"query": query, "language": "kuery"},
                    "filter": [],
                    "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index",
                }),
            },
        },
        "references": [
            {"type": "index-pattern", "id": view_id, "name": "kibanaSavedObjectMeta.searchSourceJSON.index"},
        ],
        "managed": False,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "typeMigrationVersion": "7.9.3",
    }


def markdown(vis_id, title, text):
    return {
        "type": "visualization",
        "id": vis_id,
        "attributes": {
            "title": title,
            "description": "",
            "uiStateJSON": "{}",
            "version": 1,
            "visState": compact({
                "title": title,
                "type": "markdown",
                "aggs": [],
                "params": {"fontSize": 12, "openLinksInNewTab": False, "markdown": text},
            }),
            "kibanaSavedObjectMeta": {"searchSourceJSON": compact({"query": {"query": "", "language": "kuery"}, "filter": []})},
        },
        "references": [],
        "managed": False,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "typeMigrationVersion": "7.14.0",
    }


# ---- Lens columns -------------------------------------------------------------------------------------------------

def date_histogram(field):
    return {"label": field, "dataType": "date", "operationType": "date_histogram", "sourceField": field,
            "isBucketed": True, "scale": "interval",
            "params": {"interval": "auto", "includeEmptyRows": True, "dropPartials": False}}


def terms(field, label, size, order_by_column):
    return {"label": label, "customLabel": True, "dataType": "string", "operationType": "terms", "sourceField": field,
            "isBucketed": True, "scale": "ordinal",
            "params": {"size": size, "orderBy": {"type": "column", "columnId": order_by_column},
                       "orderDirection": "desc", "otherBucket": False, "missingBucket": False,
                       "parentFormat": {"id": "terms"}}}


def count(label):
    return {"label": label, "customLabel": True, "dataType": "number", "operationType": "count",
            "sourceField": "___records___", "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}


def average_percent(field, label):
    return {"label": label, "customLabel": True, "dataType": "number", "operationType": "average", "sourceField": field,
            "isBucketed": False, "scale": "ratio",
            "params": {"emptyAsNull": True, "format": {"id": "percent", "params": {"decimals": 0}}}}


def lens_xy_panel(panel_index, grid, title, view_id, layer_id, columns, column_order, series_type,
                  x_accessor, accessor, split_accessor, query=""):
    """A by-value Lens XY chart with one data layer, as the dashboard stores it."""
    layer_reference = {"type": "index-pattern", "id": view_id, "name": f"indexpattern-datasource-layer-{layer_id}"}
    visualization = {
        "legend": {"isVisible": True, "position": "right", "legendSize": "auto"},
        "valueLabels": "hide",
        "fittingFunction": "None",
        "axisTitlesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "tickLabelsVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "gridlinesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "preferredSeriesType": series_type,
        "yLeftExtent": {"mode": "full"},
        "yRightExtent": {"mode": "full"},
        "layers": [{
            "layerId": layer_id,
            "layerType": "data",
            "seriesType": series_type,
            "xAccessor": x_accessor,
            "accessors": [accessor],
            "splitAccessor": split_accessor,
            "position": "top",
            "showGridlines": False,
        }],
    }
    attributes = {
        "title": title,
        "visualizationType": "lnsXY",
        "type": "lens",
        "references": [layer_reference],
        "state": {
            "visualization": visualization,
            "query": {"query": query, "language": "kuery"},
            "filters": [],
            "datasourceStates": {
                "formBased": {"layers": {layer_id: {"columns": columns, "columnOrder": column_order, "incompleteColumns": {}}}},
                "textBased": {"layers": {}},
            },
            "internalReferences": [],
            "adHocDataViews": {},
        },
    }
    panel = {
        "version": PANEL_VERSION,
        "type": "lens",
        "gridData": dict(grid, i=panel_index),
        "panelIndex": panel_index,
        "embeddableConfig": {"attributes": attributes, "enhancements": {}},
        "title": title,
    }
    dashboard_reference = dict(layer_reference, name=f"{panel_index}:{layer_reference['name']}")
    return panel, [dashboard_reference]


def by_reference_panel(panel_index, grid, panel_type, object_id, title=None):
    panel = {
        "version": PANEL_VERSION,
        "type": panel_type,
        "gridData": dict(grid, i=panel_index),
        "panelIndex": panel_index,
        "embeddableConfig": {"enhancements": {}},
        "panelRefName": f"panel_{panel_index}",
    }
    if title:
        panel["title"] = title
    return panel, [{"type": panel_type, "id": object_id, "name": f"{panel_index}:panel_{panel_index}"}]


def grid(x, y, w, h):
    return {"x": x, "y": y, "w": w, "h": h}


ABOUT = """### Earshot — city operations
What citizens say about parking, traffic, public transport, roads, waste, water, power, noise and safety, per city.

* **Negative share by city — parking**: the share of negative posts in each 2-hour window (sliding by 30 minutes). \
To follow another topic, edit the panel and change its query (`topic : "traffic"`).
* **Daily negative share by region and country — parking**: the roll-ups (every city of a region, of a country, and \
all locations) in the daily view.
* **Post volume by topic** and **Posts by city and sentiment**: what the enriched posts are about and how they feel.
* **Alerts**: incidents (negative spikes, peer outliers, volume surges) with their severity, status and summary.
* **Hand-off tickets**: venting customers handed to support, with the reasons and linked incidents.
* **Negative posts**: the evidence, newest first.

The saved time range covers the bundled demo stream (2026-03-02 to 2026-03-06 UTC); change it in the time picker."""


def objects():
    posts, stats, alerts, tickets = "earshot-posts", "earshot-stats", "earshot-alerts", "earshot-tickets"
    result = [
        data_view(posts, "earshot-posts-*", "Earshot posts", "post.createdAt",
                  {"sentiment.score": {"id": "number", "params": {"pattern": "0.00"}}}),
        data_view(stats, "earshot-stats-*", "Earshot topic and place statistics", "windowEnd",
                  {"negativeShare": {"id": "percent"}}),
        data_view(alerts, "earshot-alerts", "Earshot alerts", "openedAt",
                  {"observed": {"id": "number", "params": {"pattern": "0.00"}},
                   "expected": {"id": "number", "params": {"pattern": "0.00"}},
                   "ratio": {"id": "number", "params": {"pattern": "0.0"}}}),
        data_view(tickets, "earshot-tickets", "Earshot hand-off tickets", "updatedAt"),
        saved_search("earshot-alerts-table", "Earshot — alerts", alerts,
                     ["severity", "status", "kind", "topic", "locationName", "summary", "ratio", "posts", "windowEnd"],
                     [["openedAt", "desc"]],
                     description="Incidents, the newest first; each row is the incident's latest version."),
        saved_search("earshot-tickets-table", "Earshot — hand-off tickets", tickets,
                     ["priority", "status", "account", "customer.handle", "topics", "location.city", "reasons",
                      "linkedAlertIds"],
                     [["updatedAt", "desc"]],
                     description="Conversations handed to support, the most recently updated first."),
        saved_search("earshot-negative-posts", "Earshot — negative posts", posts,
                     ["post.source", "post.author.handle", "location.city", "topics", "sentiment.score", "post.text"],
                     [["post.createdAt", "desc"]], query='sentiment.label : "NEGATIVE"',
                     description="Posts scored negative, the newest first."),
        markdown("earshot-about", "Earshot — about this dashboard", ABOUT),
    ]

    panels, references = [], []

    def add(panel_and_references):
        panel, panel_references = panel_and_references
        panels.append(panel)
        references.extend(panel_references)

    add(by_reference_panel("about", grid(0, 0, 12, 15), "visualization", "earshot-about"))

    layer = "5b0f3c52-8a51-4a6e-9d0e-6f1c2d3e4a01"
    x, y, split = ("0e4d6a1b-1c52-4f0b-8d5e-2a7c9b3f6d11", "3f9a2c7e-6b41-4d8e-9a05-7c1e2b4d5f12",
                   "8c2e5a9d-4f17-4b3a-a6d2-1e9f0c7b8a13")
    add(lens_xy_panel("negshare-parking", grid(12, 0, 36, 15), "Negative share by city — parking", stats, layer,
                      {x: date_histogram("windowEnd"), y: average_percent("negativeShare", "Negative share"),
                       split: terms("locationName", "City", 10, y)},
                      [split, x, y], "line", x, y, split,
                      query='topic : "parking" and not view : "DAILY" and not level : ("REGION" or "COUNTRY" or "GLOBAL")'))

    layer = "2c9f5ab8-0e1d-4b3a-c24f-7d8e9f0a1b41"
    x, y, split = ("3d0a6bc9-1f2e-4c4b-d35a-8e9f0a1b2c42", "4e1b7cda-2a3f-4d5c-e46b-9f0a1b2c3d43",
                   "5f2c8deb-3b4a-4e6d-f57c-0a1b2c3d4e44")
    add(lens_xy_panel("daily-rollups-parking", grid(0, 73, 48, 13), "Daily negative share by region and country — parking",
                      stats, layer,
                      {x: date_histogram("windowEnd"), y: average_percent("negativeShare", "Negative share"),
                       split: terms("locationName", "Region or country", 12, y)},
                      [split, x, y], "bar", x, y, split,
                      query='topic : "parking" and view : "DAILY" and level : ("REGION" or "COUNTRY" or "GLOBAL")'))

    layer = "a41d7e90-2c3b-4f5e-8a6d-9b0c1d2e3f21"
    x, y, split = ("b52e8fa1-3d4c-4a6f-9b7e-0c1d2e3f4a22", "c63f9ab2-4e5d-4b7a-8c8f-1d2e3f4a5b23",
                   "d74a0bc3-5f6e-4c8b-9d9a-2e3f4a5b6c24")
    add(lens_xy_panel("volume-by-topic", grid(0, 15, 24, 13), "Post volume by topic", posts, layer,
                      {x: date_histogram("post.createdAt"), y: count("Posts"), split: terms("topics", "Topic", 9, y)},
                      [split, x, y], "bar_stacked", x, y, split))

    layer = "e85b1cd4-6a7f-4d9c-8e0b-3f4a5b6c7d31"
    city, y, label = ("f96c2de5-7b8a-4e0d-9f1c-4a5b6c7d8e32", "0a7d3ef6-8c9b-4f1e-a02d-5b6c7d8e9f33",
                      "1b8e4fa7-9d0c-4a2f-b13e-6c7d8e9f0a34")
    add(lens_xy_panel("posts-by-city", grid(24, 15, 24, 13), "Posts by city and sentiment", posts, layer,
                      {city: terms("location.city", "City", 10, y), y: count("Posts"),
                       label: terms("sentiment.label", "Sentiment", 3, y)},
                      [city, label, y], "bar_horizontal_stacked", city, y, label))

    add(by_reference_panel("alerts", grid(0, 28, 48, 15), "search", "earshot-alerts-table", "Alerts"))
    add(by_reference_panel("tickets", grid(0, 43, 48, 15), "search", "earshot-tickets-table", "Hand-off tickets"))
    add(by_reference_panel("negative-posts", grid(0, 58, 48, 15), "search", "earshot-negative-posts", "Negative posts"))

    result.append({
        "type": "dashboard",
        "id": "earshot-city-operations",
        "attributes": {
            "title": "Earshot — city operations",
            "description": "Sentiment, incidents and hand-off tickets per topic and city, from the Earshot stream processor.",
            "panelsJSON": compact(panels),
            "optionsJSON": compact({"useMargins": True, "syncColors": False, "syncCursor": True,
                                    "syncTooltips": False, "hidePanelTitles": False}),
            "timeRestore": True,
            "timeFrom": DEMO_FROM,
            "timeTo": DEMO_TO,
            "refreshInterval": {"pause": False, "value": 30000},
            "version": 1,
            "kibanaSavedObjectMeta": {"searchSourceJSON": compact({"query": {"query": "", "language": "kuery"}, "filter": []})},
        },
        "references": references,
        "managed": False,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "typeMigrationVersion": "8.7.0",
    })
    return result


if __name__ == "__main__":
    target = pathlib.Path(__file__).with_name("earshot.ndjson")
    target.write_text("".join(compact(saved_object) + "\n" for saved_object in objects()), encoding="utf-8")
    print(f"wrote {target}")
