"""The five bases every per-base family edits: a 2020-12 object schema (``$defs``), a full and a
minimal valid instance, and the names that play each part.
"""

from __future__ import annotations

from ._shared import Base


def _feedback_event() -> Base:
    schema = {
        "title": "FeedbackEvent",
        "type": "object",
        "$defs": {
            "BackpressureLevel": {
                "title": "BackpressureLevel",
                "type": "string",
                "enum": ["ok", "soft", "hard"],
            }
        },
        "properties": {
            "coordinator_id": {"type": "string", "maxLength": 64, "title": "Coordinator Id"},
            "queue_size": {"type": "integer", "minimum": 0, "title": "Queue Size"},
            "capacity": {"type": "integer", "exclusiveMinimum": 0},
            "level": {"$ref": "#/$defs/BackpressureLevel"},
            "source": {"type": "string", "default": "store"},
            "ts": {"type": "number", "minimum": 0, "description": "Unix epoch seconds"},
        },
        "required": ["coordinator_id", "queue_size", "capacity", "level", "ts"],
    }
    full = {
        "coordinator_id": "bars_coordinator_1",
        "queue_size": 850,
        "capacity": 1000,
        "level": "soft",
        "source": "store",
        "ts": 1700000000.5,
    }
    minimal = {k: v for k, v in full.items() if k != "source"}
    return Base(
        "feedback_event",
        schema,
        full,
        minimal,
        enum_prop="level",
        enum_def="BackpressureLevel",
        int_prop="queue_size",
        num_prop="ts",
        str_prop="coordinator_id",
        opt_prop="source",
    )


def _order_placed() -> Base:
    schema = {
        "title": "OrderPlaced",
        "description": "Emitted on the orders topic when a customer places an order.",
        "type": "object",
        "$defs": {
            "Currency": {"type": "string", "enum": ["USD", "EUR", "GBP"]},
            "Customer": {
                "type": "object",
                "properties": {
                    "inner_id": {"type": "string"},
                    "email": {"type": "string", "format": "email"},
                },
                "required": ["inner_id"],
            },
        },
        "properties": {
            "order_id": {"type": "string", "maxLength": 64},
            "currency": {"$ref": "#/$defs/Currency"},
            "line_count": {"type": "integer", "minimum": 0},
            "total": {"type": "number", "minimum": 0},
            "coupon": {"type": "string"},
            "customer": {"$ref": "#/$defs/Customer"},
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "sku": {"type": "string"},
                        "qty": {"type": "integer", "minimum": 1},
                        "unit_price": {"type": "number"},
                    },
                    "required": ["sku", "qty"],
                },
            },
            "placed_at": {"type": "string", "format": "date-time"},
        },
        "required": ["order_id", "currency", "line_count", "total", "lines"],
    }
    full = {
        "order_id": "ord-1001",
        "currency": "EUR",
        "line_count": 2,
        "total": 42.5,
        "coupon": "WINTER",
        "customer": {"inner_id": "c-7", "email": "a@example.com"},
        "lines": [{"sku": "A-1", "qty": 1, "unit_price": 12.5}, {"sku": "B-2", "qty": 3}],
        "placed_at": "2024-01-01T10:00:00Z",
    }
    minimal = {"order_id": "ord-1", "currency": "USD", "line_count": 0, "total": 0, "lines": []}
    return Base(
        "order_placed",
        schema,
        full,
        minimal,
        enum_prop="currency",
        enum_def="Currency",
        int_prop="line_count",
        num_prop="total",
        str_prop="order_id",
        opt_prop="coupon",
        nested="customer",
        array="lines",
    )


def _user_payload() -> Base:
    schema = {
        "title": "User",
        "description": "Response body of GET /users/{id}.",
        "type": "object",
        "properties": {
            "username": {"type": "string", "maxLength": 64, "minLength": 0},
            "role": {"type": "string", "enum": ["admin", "editor", "viewer"]},
            "age": {"type": "integer", "minimum": 0},
            "score": {"type": "number", "minimum": 0},
            "nickname": {"type": "string"},
            "profile": {
                "type": "object",
                "properties": {
                    "inner_id": {"type": "string"},
                    "bio": {"type": "string"},
                },
                "required": ["inner_id"],
            },
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["username", "role", "age", "score"],
    }
    full = {
        "username": "ada",
        "role": "editor",
        "age": 36,
        "score": 4.5,
        "nickname": "countess",
        "profile": {"inner_id": "p-1", "bio": "math"},
        "tags": ["x", "y"],
    }
    minimal = {"username": "bob", "role": "viewer", "age": 0, "score": 0}
    return Base(
        "user_payload",
        schema,
        full,
        minimal,
        enum_prop="role",
        enum_def=None,
        int_prop="age",
        num_prop="score",
        str_prop="username",
        opt_prop="nickname",
        nested="profile",
    )


def _service_config() -> Base:
    schema = {
        "title": "ServiceConfig",
        "description": "config.json of the ingestion service.",
        "type": "object",
        "$defs": {
            "LogLevel": {"enum": ["debug", "info", "warning", "error"]},
            "Endpoint": {
                "type": "object",
                "properties": {
                    "sku": {"type": "string", "description": "endpoint name"},
                    "qty": {"type": "integer", "minimum": 1, "description": "connections"},
                    "timeout": {"type": "number", "default": 5},
                },
                "required": ["sku", "qty"],
            },
        },
        "properties": {
            "name": {"type": "string", "maxLength": 64},
            "log_level": {"$ref": "#/$defs/LogLevel", "default": "info"},
            "replicas": {"type": "integer", "minimum": 0, "default": 1},
            "rate_limit": {"type": "number", "minimum": 0},
            "region": {"type": "string"},
            "endpoints": {"type": "array", "items": {"$ref": "#/$defs/Endpoint"}},
            "features": {"type": "object", "additionalProperties": {"type": "boolean"}},
        },
        "required": ["name", "log_level", "replicas", "rate_limit", "endpoints"],
    }
    full = {
        "name": "ingest",
        "log_level": "warning",
        "replicas": 3,
        "rate_limit": 2.5,
        "region": "eu-west-1",
        "endpoints": [{"sku": "primary", "qty": 4, "timeout": 2.5}],
        "features": {"compress": True},
    }
    minimal = {"name": "x", "log_level": "info", "replicas": 0, "rate_limit": 0, "endpoints": []}
    return Base(
        "service_config",
        schema,
        full,
        minimal,
        enum_prop="log_level",
        enum_def="LogLevel",
        int_prop="replicas",
        num_prop="rate_limit",
        str_prop="name",
        opt_prop="region",
        array="endpoints",
    )


def _market_tick() -> Base:
    schema = {
        "title": "MarketTick",
        "description": "Kafka value schema of the ticks topic.",
        "type": "object",
        "properties": {
            "symbol": {"type": "string", "maxLength": 64},
            "venue": {"type": "string", "enum": ["XNAS", "XNYS", "BATS"]},
            "size": {"type": "integer", "minimum": 0},
            "price": {"type": "number", "minimum": 0},
            "condition": {"type": "string"},
            "ts_ns": {"type": "integer"},
        },
        "required": ["symbol", "venue", "size", "price", "ts_ns"],
    }
    full = {
        "symbol": "AAPL",
        "venue": "XNAS",
        "size": 100,
        "price": 189.25,
        "condition": "regular",
        "ts_ns": 1700000000000000000,
    }
    minimal = {"symbol": "MSFT", "venue": "BATS", "size": 0, "price": 0, "ts_ns": 0}
    return Base(
        "market_tick",
        schema,
        full,
        minimal,
        enum_prop="venue",
        enum_def=None,
        int_prop="size",
        num_prop="price",
        str_prop="symbol",
        opt_prop="condition",
    )


BASES = (_feedback_event(), _order_placed(), _user_payload(), _service_config(), _market_tick())
