package io.leadscore.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** A page of a collection: {@code {"value":[...], "count":N, "nextLink":"..."}}; count and nextLink only when they apply. */
@JsonbPropertyOrder({"value", "count", "nextLink"})
public record CollectionView<T>(List<T> value, Long count, String nextLink) {
}
