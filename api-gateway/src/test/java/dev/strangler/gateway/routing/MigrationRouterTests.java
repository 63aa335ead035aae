package dev.strangler.gateway.routing;

import dev.strangler.gateway.migration.CapabilityState;
import dev.strangler.gateway.migration.MigrationState;
import dev.strangler.gateway.migration.ReadMode;
import dev.strangler.gateway.migration.WriteMode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationRouterTests {

    @Test
    void beforeTheStateIsLoadedReadsShouldGoToTheMonolithAndWritesBeRefused() {
        var loading = new MigrationState(false, Map.of());

        assertThat(decide(loading, HttpMethod.GET, "/api/users/1").backend()).isEqualTo("monolith");
        var write = decide(loading, HttpMethod.POST, "/api/users");
        assertThat(write.refusal()).contains("still reading the migration state");
        assertThat(write.backend()).isNull();
    }

    @Test
    void monolithModeShouldSendEverythingToTheMonolith() {
        var state = state(ReadMode.MONOLITH, null, WriteMode.MONOLITH);

        assertThat(decide(state, HttpMethod.GET, "/api/users/1")).isEqualTo(RouteDecision.monolith(Capability.USERS, true));
        assertThat(decide(state, HttpMethod.PUT, "/api/users/1")).isEqualTo(RouteDecision.monolith(Capability.USERS, false));
    }

    @Test
    void shadowShouldBeAnsweredByTheMonolithWithACopyToTheService() {
        var decision = decide(state(ReadMode.SHADOW, null, WriteMode.MONOLITH), HttpMethod.GET, "/api/users/1");

        assertThat(decision.backend()).isEqualTo("monolith");
        assertThat(decision.shadow()).isTrue();
        assertThat(decide(state(ReadMode.SHADOW, null, WriteMode.MONOLITH), HttpMethod.POST, "/api/users").shadow())
                .as("writes are never shadowed").isFalse();
    }

    @Test
    void canaryShouldSendExactlyTheUsersInTheLowBucketsToTheServiceWithFallback() {
        var state = state(ReadMode.CANARY, 30, WriteMode.MONOLITH);

        IntStream.rangeClosed(1, 500).forEach(id -> {
            var decision = decide(state, HttpMethod.GET, "/api/users/" + id);
            boolean toService = CanarySplit.bucketOf("user:" + id) < 30;
            assertThat(decision.backend()).isEqualTo(toService ? "user-service" : "monolith");
            assertThat(decision.fallBackToMonolith()).isEqualTo(toService);
        });
    }

    @Test
    void canaryShouldNeverTouchWrites() {
        var state = state(ReadMode.CANARY, 100, WriteMode.MONOLITH);

        assertThat(decide(state, HttpMethod.POST, "/api/users").backend()).isEqualTo("monolith");
        assertThat(decide(state, HttpMethod.DELETE, "/api/users/1").backend()).isEqualTo("monolith");
    }

    @Test
    void serviceReadsShouldFallBackAndServiceWritesShouldNot() {
        var state = state(ReadMode.SERVICE, null, WriteMode.SERVICE);

        for (HttpMethod read : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            assertThat(decide(state, read, "/api/users/1")).isEqualTo(RouteDecision.serviceRead(Capability.USERS));
        }
        for (HttpMethod write : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
            var decision = decide(state, write, "/api/users/1");
            assertThat(decision.backend()).isEqualTo("user-service");
            assertThat(decision.fallBackToMonolith()).isFalse();
        }
    }

    private static RouteDecision decide(MigrationState state, HttpMethod method, String path) {
        return MigrationRouter.decide(state, Capability.USERS, method, path, "ip:127.0.0.1");
    }

    private static MigrationState state(ReadMode reads, Integer percent, WriteMode writes) {
        return new MigrationState(true, Map.of(Capability.USERS, new CapabilityState("users", 1, reads, percent,
                writes, null, "id", null, "ops", List.of())));
    }
}
