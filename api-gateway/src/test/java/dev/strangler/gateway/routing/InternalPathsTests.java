package dev.strangler.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InternalPathsTests {

    @ParameterizedTest
    @ValueSource(strings = {"/internal", "/internal/", "/internal/stock/reservations/1000000001", "//internal/stock",
            "/./internal/stock", "/api/../internal/stock", "/api/orders/../../internal/stock", "/internal;a=b/stock",
            "/INTERNAL/stock", "/Internal/stock", "/%69nternal/stock", "/%2e%2e/internal/stock", "/%2Finternal/stock",
            "/api/%2e%2e/internal/stock", "/..;/internal/stock"})
    void pathsABackendResolvesUnderInternalShouldBeInternal(String path) {
        assertThat(InternalPaths.isInternal(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/api/orders", "/api/internal/stock", "/internals", "/internalize/x",
            "/products/internal", "/internal/../api/orders", "/api/orders/internal"})
    void otherPathsShouldNotBeInternal(String path) {
        assertThat(InternalPaths.isInternal(path)).isFalse();
    }
}
