"""Field derivation from JSON examples."""

from __future__ import annotations

from backend.json_fields import JsonField, derive_fields


def test_nested_objects_and_arrays_are_flattened_with_types() -> None:
    example = {"user": {"id": 7, "score": 1.5, "vip": True}, "tags": ["a"], "items": [{"sku": "x"}], "note": None}
    assert derive_fields(example) == [
        JsonField("user", "object"),
        JsonField("user.id", "integer"),
        JsonField("user.score", "decimal"),
        JsonField("user.vip", "boolean"),
        JsonField("tags", "array"),
        JsonField("tags.0", "string"),
        JsonField("items", "array"),
        JsonField("items.0", "object"),
        JsonField("items.0.sku", "string"),
        JsonField("note", "any"),
    ]


def test_scalars_and_empty_containers_have_no_fields() -> None:
    assert derive_fields(3) == []
    assert derive_fields({}) == []
    assert derive_fields({"list": []}) == [JsonField("list", "array")]
