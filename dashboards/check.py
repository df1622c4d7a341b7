#!/usr/bin/env python3
"""Checks the dashboards assets against each other without Elasticsearch or Kibana (python3, standard library only).

* every field of the sample documents (canonical JSON written by dev.earshot.json.Json from the model records)
  is mapped in its index template with a compatible type, and every mapped field occurs in a sample, so that
  a renamed model component or a misspelt mapping is caught;
* every saved object line of kibana/earshot.ndjson is JSON, its references resolve inside the file, and the
  fields its data views, saved searches, Lens columns and queries use are mapped in the matching template;
* README.md's list of panels names every titled panel of the dashboard.

Run: python3 dashboards/check.py   (exit status 1 and one line per problem when something is wrong)
"""
import datetime
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
SAMPLES_BY_TEMPLATE = {
    "earshot-posts": ["enriched-post.json", "enriched-post-minimal.json"],
    "earshot-stats": ["topic-location-stats.json"],
    "earshot-alerts": ["alert.json"],
    "earshot-tickets": ["handoff-ticket.json"],
}
problems = []


def problem(message):
    problems.append(message)


def mapped_fields(properties, prefix=""):
    """Field path -> mapping type, including multi-fields such as summary.keyword."""
    fields = {}
    for name, mapping in properties.items():
        path = prefix + name
        if "properties" in mapping:
            fields.update(mapped_fields(mapping["properties"], path + "."))
            continue
        fields[path] = mapping["type"]
        for sub_name, sub_mapping in mapping.get("fields", {}).items():
            fields[f"{path}.{sub_name}"] = sub_mapping["type"]
    return fields


def leaf_values(value, prefix=""):
    """(path, value) for each leaf of a document; arrays contribute their elements, geo points stay whole."""
    if isinstance(value, dict) and not set(value) == {"lat", "lon"}:
        for name, child in value.items():
            yield from leaf_values(child, f"{prefix}.{name}" if prefix else name)
    elif isinstance(value, list):
        for element in value:
            yield from leaf_values(element, prefix)
    else:
        yield prefix, value


def is_iso_instant(text):
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return text.endswith("Z")
    except ValueError:
        return False


def compatible(mapping_type, value):
    if mapping_type == "geo_point":
        return isinstance(value, dict) and -90 <= value["lat"] <= 90 and -180 <= value["lon"] <= 180
    if mapping_type == "date":
        return isinstance(value, str) and is_iso_instant(value)
    if mapping_type in ("keyword", "text"):
        return isinstance(value, str)
    if mapping_type in ("long", "integer"):
        return isinstance(value, int) and not isinstance(value, bool)
    if mapping_type in ("float", "double"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return False


def check_templates():
    templates = {}
    for path in sorted((HERE / "index-templates").glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        mappings = body["template"]["mappings"]
        if mappings.get("dynamic") not in (False, "false"):
            problem(f"{path.name}: mappings.dynamic should be false (unknown extras kept in _source, not indexed)")
        templates[path.stem] = {"patterns": body["index_patterns"], "fields": mapped_fields(mappings["properties"])}
    if sorted(templates) != sorted(SAMPLES_BY_TEMPLATE):
        problem(f"templates {sorted(templates)} do not match the expected {sorted(SAMPLES_BY_TEMPLATE)}")
    for name, sample_names in SAMPLES_BY_TEMPLATE.items():
        fields = templates.get(name, {}).get("fields", {})
        seen = set()
        for sample_name in sample_names:
            document = json.loads((HERE / "samples" / sample_name).read_text(encoding="utf-8"))
            for path, value in leaf_values(document):
                seen.add(path)
                if path not in fields:
                    problem(f"{name}: sample {sample_name} field {path} is not mapped")
                elif not compatible(fields[path], value):
                    problem(f"{name}: sample {sample_name} field {path}={value!r} does not fit type {fields[path]}")
        multi_fields = {path for path in fields if path.rsplit(".", 1)[0] in fields}
        for path in sorted(set(fields) - seen - multi_fields):
            problem(f"{name}: mapped field {path} occurs in no sample document (misspelt, or not in the model)")
    return templates


def template_for_pattern(templates, pattern):
    for name, template in templates.items():
        if pattern in template["patterns"]:
            return name
    return None


def check_kql_fields(where, query, fields):
    for field in re.findall(r"([A-Za-z_][\w.]*)\s*:", query):
        if field not in fields:
            problem(f"{where}: query field {field} is not mapped")


def check_lens_panel(panel, dashboard_references, view_fields):
    attributes = panel["embeddableConfig"]["attributes"]
    where = f"dashboard panel {panel['panelIndex']}"
    inner_references = {reference["name"]: reference["id"] for reference in attributes["references"]}
    for layer_id, layer in attributes["state"]["datasourceStates"]["formBased"]["layers"].items():
        reference_name = f"indexpattern-datasource-layer-{layer_id}"
        view_id = inner_references.get(reference_name)
        if view_id is None:
            problem(f"{where}: layer {layer_id} has no data view reference")
            continue
        if dashboard_references.get(f"{panel['panelIndex']}:{reference_name}") != view_id:
            problem(f"{where}: the dashboard lacks the reference {panel['panelIndex']}:{reference_name}")
        fields = view_fields.get(view_id, {})
        if sorted(layer["columnOrder"]) != sorted(layer["columns"]):
            problem(f"{where}: columnOrder and columns differ")
        for column_id, column in layer["columns"].items():
            source = column.get("sourceField")
            if source and source != "___records___" and source not in fields:
                problem(f"{where}: column {column_id} uses unmapped field {source}")
            if column["operationType"] == "date_histogram" and fields.get(source) != "date":
                problem(f"{where}: date_histogram on non-date field {source}")
            order_by = column.get("params", {}).get("orderBy", {}).get("columnId")
            if order_by and order_by not in layer["columns"]:
                problem(f"{where}: column {column_id} is ordered by a missing column {order_by}")
        for xy_layer in attributes["state"]["visualization"]["layers"]:
            if xy_layer["layerId"] != layer_id:
                continue
            for accessor in [xy_layer.get("xAccessor"), xy_layer.get("splitAccessor"), *xy_layer["accessors"]]:
                if accessor and accessor not in layer["columns"]:
                    problem(f"{where}: accessor {accessor} names no column")
        check_kql_fields(where, attributes["state"]["query"]["query"], fields)


def check_saved_objects(templates):
    lines = (HERE / "kibana" / "earshot.ndjson").read_text(encoding="utf-8").splitlines()
    objects = {}
    for number, line in enumerate(lines, 1):
        try:
            saved_object = json.loads(line)
        except json.JSONDecodeError as error:
            problem(f"earshot.ndjson line {number}: not JSON: {error}")
            continue
        key = (saved_object["type"], saved_object["id"])
        if key in objects:
            problem(f"earshot.ndjson line {number}: duplicate {key}")
        objects[key] = saved_object
    for saved_object in objects.values():
        for reference in saved_object["references"]:
            if (reference["type"], reference["id"]) not in objects:
                problem(f"{saved_object['id']}: reference {reference['name']} -> {reference['type']} "
                        f"{reference['id']} is not in the file")

    view_fields = {}
    for (object_type, object_id), saved_object in objects.items():
        if object_type != "index-pattern":
            continue
        attributes = saved_object["attributes"]
        template = template_for_pattern(templates, attributes["title"])
        if template is None:
            problem(f"data view {object_id}: no index template has the pattern {attributes['title']}")
            continue
        fields = templates[template]["fields"]
        view_fields[object_id] = fields
        if fields.get(attributes["timeFieldName"]) != "date":
            problem(f"data view {object_id}: time field {attributes['timeFieldName']} is not a mapped date")
        for field in json.loads(attributes["fieldFormatMap"]):
            if field not in fields:
                problem(f"data view {object_id}: field format for unmapped field {field}")

    for (object_type, object_id), saved_object in objects.items():
        if object_type != "search":
            continue
        fields = view_fields.get(saved_object["references"][0]["id"], {})
        attributes = saved_object["attributes"]
        for field in attributes["columns"] + [field for field, _ in attributes["sort"]]:
            if field not in fields:
                problem(f"saved search {object_id}: field {field} is not mapped")
        source = json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])
        check_kql_fields(f"saved search {object_id}", source["query"]["query"], fields)

    for (object_type, object_id), saved_object in objects.items():
        if object_type == "visualization":
            json.loads(saved_object["attributes"]["visState"])
        if object_type != "dashboard":
            continue
        references = {reference["name"]: reference["id"] for reference in saved_object["references"]}
        panels = json.loads(saved_object["attributes"]["panelsJSON"])
        json.loads(saved_object["attributes"]["optionsJSON"])
        if len({panel["panelIndex"] for panel in panels}) != len(panels):
            problem(f"dashboard {object_id}: panelIndex values are not unique")
        for panel in panels:
            if panel["gridData"]["i"] != panel["panelIndex"] or panel["gridData"]["x"] + panel["gridData"]["w"] > 48:
                problem(f"dashboard {object_id}: panel {panel['panelIndex']} has a bad gridData")
            if "panelRefName" in panel:
                if f"{panel['panelIndex']}:{panel['panelRefName']}" not in references:
                    problem(f"dashboard {object_id}: panel {panel['panelIndex']} has no reference")
            elif panel["type"] == "lens":
                check_lens_panel(panel, references, view_fields)
            else:
                problem(f"dashboard {object_id}: panel {panel['panelIndex']} is neither by reference nor Lens")
            check_panel_listed(object_id, panel)
    return len(objects)


def check_panel_listed(dashboard_id, panel):
    """The README's list of panels names every titled panel in bold, as a user looking for it reads it."""
    config = panel.get("embeddableConfig", {})
    title = config.get("title") or config.get("attributes", {}).get("title")
    if title and f"**{title}**" not in (HERE / "README.md").read_text(encoding="utf-8"):
        problem(f"dashboard {dashboard_id}: panel \"{title}\" is not in the README's list of panels")


def main():
    templates = check_templates()
    count = check_saved_objects(templates)
    for message in problems:
        print(message)
    if problems:
        sys.exit(1)
    print(f"ok: {len(templates)} index templates match the sample documents; {count} saved objects are consistent")


if __name__ == "__main__":
    main()
