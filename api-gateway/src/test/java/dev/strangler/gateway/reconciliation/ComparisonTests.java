package dev.strangler.gateway.reconciliation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTests {

    @Test
    void equalBucketsShouldNotDiffer() {
        var side = new Digests.Buckets(1000, 3, List.of(new Digests.Bucket(0, 2, "a"), new Digests.Bucket(1000, 1, "b")));

        assertThat(Comparison.differingBuckets(side, side)).isEmpty();
    }

    @Test
    void bucketThatDiffersOrThatOneSideLacksShouldBeListedInIdOrder() {
        var monolith = new Digests.Buckets(1000, 3, List.of(new Digests.Bucket(0, 2, "a"), new Digests.Bucket(3000, 1, "c")));
        var service = new Digests.Buckets(1000, 3, List.of(new Digests.Bucket(0, 2, "a2"),
                new Digests.Bucket(1_000_000_000, 1, "z")));

        assertThat(Comparison.differingBuckets(monolith, service)).containsExactly(0L, 3000L, 1_000_000_000L);
    }

    @Test
    void rowsShouldDifferByPresenceDigestOrVersion() {
        var monolith = List.of(new Digests.Row(1, 0, "x"), new Digests.Row(2, 3, "y"), new Digests.Row(3, 1, "z"),
                new Digests.Row(5, 0, "same"));
        var service = List.of(new Digests.Row(2, 2, "y-old"), new Digests.Row(3, 1, "z2"), new Digests.Row(4, 0, "w"),
                new Digests.Row(5, 0, "same"));

        assertThat(Comparison.differences(monolith, service)).containsExactly(
                new Difference(1, "missing_on_service", 0L, null),
                new Difference(2, "different", 3L, 2L),
                new Difference(3, "different", 1L, 1L),
                new Difference(4, "missing_on_monolith", null, 0L));
    }
}
