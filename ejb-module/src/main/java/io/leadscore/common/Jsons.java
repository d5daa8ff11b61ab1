package io.leadscore.common;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look the provider up with a
 * ServiceLoader on every call, which in the server's class loaders costs microseconds each time: a bulk answer of
 * 1,000 results spent 20 ms on it, and every lead of a list page built its JSON that way.
 */
public final class Jsons {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }
}
