"""The OpenAPI 3.0 Schema Object's metaschema, as data."""

from __future__ import annotations

from typing import Any


def _schema_object() -> dict[str, Any]:
    # A Reference Object is a Schema Object here whose $ref is a string (its siblings are
    # ignored anyway); one definition instead of a oneOf lets errors name the exact keyword.
    return {"$ref": "#/definitions/Schema"}


def _array_of_schemas() -> dict[str, Any]:
    return {"type": "array", "items": _schema_object()}


#: The Schema Object of the OpenAPI 3.0 specification's own JSON Schema (draft-04), as
#: published at https://spec.openapis.org/oas/3.0/schema/2021-09-28 (``definitions/Schema``,
#: ``Reference``, ``Discriminator``), with three changes: other keywords are allowed (there it
#: is ``additionalProperties: false``) so that unknown keywords stay annotations as in every
#: other dialect (keywords of other dialects are refused by the guard, with a message that
#: names them); ``definitions``/``$defs`` hold shared schemas of a standalone file; and a
#: Reference Object is a Schema Object with a string ``$ref`` rather than one branch of a
#: ``oneOf``, so that an error names the keyword at fault instead of "not valid under any".
OPENAPI_30_METASCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    **_schema_object(),
    "definitions": {
        "Discriminator": {
            "type": "object",
            "required": ["propertyName"],
            "properties": {
                "propertyName": {"type": "string"},
                "mapping": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "Schema": {
            "type": "object",
            "properties": {
                "$ref": {"type": "string"},
                "title": {"type": "string"},
                "multipleOf": {"type": "number", "minimum": 0, "exclusiveMinimum": True},
                "maximum": {"type": "number"},
                "exclusiveMaximum": {"type": "boolean"},
                "minimum": {"type": "number"},
                "exclusiveMinimum": {"type": "boolean"},
                "maxLength": {"type": "integer", "minimum": 0},
                "minLength": {"type": "integer", "minimum": 0},
                "pattern": {"type": "string"},
                "maxItems": {"type": "integer", "minimum": 0},
                "minItems": {"type": "integer", "minimum": 0},
                "uniqueItems": {"type": "boolean"},
                "maxProperties": {"type": "integer", "minimum": 0},
                "minProperties": {"type": "integer", "minimum": 0},
                "required": {
                    "type": "array",
                    "items": {"type": "string"},
                    "minItems": 1,
                    "uniqueItems": True,
                },
                "enum": {"type": "array", "minItems": 1},
                "type": {
                    "type": "string",
                    "enum": ["array", "boolean", "integer", "number", "object", "string"],
                },
                "not": _schema_object(),
                "allOf": _array_of_schemas(),
                "oneOf": _array_of_schemas(),
                "anyOf": _array_of_schemas(),
                "items": _schema_object(),
                "properties": {
                    "type": "object",
                    "additionalProperties": _schema_object(),
                },
                "additionalProperties": {
                    "anyOf": [{"$ref": "#/definitions/Schema"}, {"type": "boolean"}]
                },
                "description": {"type": "string"},
                "format": {"type": "string"},
                "nullable": {"type": "boolean"},
                "discriminator": {"$ref": "#/definitions/Discriminator"},
                "readOnly": {"type": "boolean"},
                "writeOnly": {"type": "boolean"},
                "deprecated": {"type": "boolean"},
                "externalDocs": {"type": "object"},
                "xml": {"type": "object"},
                # not OpenAPI: places for shared schemas in a standalone file
                "definitions": {
                    "type": "object",
                    "additionalProperties": _schema_object(),
                },
                "$defs": {
                    "type": "object",
                    "additionalProperties": _schema_object(),
                },
            },
        },
    },
}
