package dev.strangler.gateway.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CanarySplitTests {

    static final int USERS = 10_000;

    @ParameterizedTest(name = "{0} %")
    @ValueSource(ints = {10, 50, 90})
    void shareOfUsersOnTheServiceShouldBeThePercent(int percent) {
        long onService = IntStream.rangeClosed(1, USERS)
                .filter(id -> CanarySplit.toService("user:" + id, percent))
                .count();

        // 4 standard deviations of a fair split of 10,000 users: a hash that is not uniform fails this.
        assertThat(onService / (double) USERS).isCloseTo(percent / 100.0, within(0.02));
    }

    @Test
    void raisingThePercentShouldOnlyMoveUsersToTheService() {
        for (int id = 1; id <= USERS; id++) {
            String user = "user:" + id;
            boolean onServiceBefore = false;
            for (int percent = 0; percent <= 100; percent++) {
                boolean onService = CanarySplit.toService(user, percent);
                assertThat(!onServiceBefore || onService)
                        .as("user %d was on the service below %d %% and went back to the monolith", id, percent)
                        .isTrue();
                onServiceBefore = onService;
            }
        }
    }

    @Test
    void noneShouldBeOnTheServiceAtZeroAndAllAtHundred() {
        assertThat(IntStream.rangeClosed(1, USERS).noneMatch(id -> CanarySplit.toService("user:" + id, 0))).isTrue();
        assertThat(IntStream.rangeClosed(1, USERS).allMatch(id -> CanarySplit.toService("user:" + id, 100))).isTrue();
    }

    @Test
    void aUserShouldLandInTheSameDocumentedBucketEverywhere() {
        // SHA-256("user:42"), first 8 bytes as an unsigned number, modulo 100: any component can reproduce it.
        assertThat(CanarySplit.bucketOf("user:42")).isEqualTo(CanarySplit.bucketOf("user:42")).isBetween(0, 99);
        assertThat(IntStream.range(0, 100).map(i -> CanarySplit.bucketOf("user:42")).distinct().count()).isOne();
    }

    @Test
    void stickyKeyShouldBeTheUserInThePathElseTheClient() {
        assertThat(CanarySplit.stickyKey("/api/users/42", "ip:10.0.0.1")).isEqualTo("user:42");
        assertThat(CanarySplit.stickyKey("/api/users/42/orders", "ip:10.0.0.1")).isEqualTo("user:42");
        assertThat(CanarySplit.stickyKey("/api/users", "key:abc")).isEqualTo("client:key:abc");
        assertThat(CanarySplit.stickyKey("/api/orders/7", "ip:10.0.0.1")).isEqualTo("client:ip:10.0.0.1");
    }
}
