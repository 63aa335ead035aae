package dev.strangler.gateway.reconciliation;

import java.util.List;

/**
 * What each side answers about its rows of a capability: the same shapes on the monolith and on the service, so the
 * gateway can compare them without knowing what a user or an order is.
 */
final class Digests {

    private Digests() {
    }

    /**
     * The digests of every non-empty bucket of ids.
     *
     * @param width how many consecutive ids a bucket covers
     * @param count how many rows in all
     * @param buckets the non-empty buckets, by ascending id
     */
    record Buckets(long width, long count, List<Bucket> buckets) {
    }

    /**
     * One bucket: ids from {@code from} (inclusive) to {@code from + width} (exclusive).
     *
     * @param from the first id the bucket covers
     * @param count how many rows it holds
     * @param digest a digest of its rows (ids, business fields, versions), in id order
     */
    record Bucket(long from, long count, String digest) {
    }

    /**
     * One row: enough to tell whether two sides agree and which side is behind.
     *
     * @param id the id
     * @param version the row's version
     * @param digest a digest of its fields
     */
    record Row(long id, long version, String digest) {
    }
}
