package dev.strangler.service.reconciliation;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Digests of a reconciled table: one per non-empty bucket of ids (the digest of its row digests in id order) and one
 * per row. Equal rows give equal digests on both sides because both run this SQL with the same row expression.
 */
final class Digests {

    private final JdbcClient jdbc;

    Digests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Bucket> buckets(ReconciledCapability reconciled, long width) {
        return jdbc.sql("""
                        select id / :width * :width as bucket, count(*) as rows,
                               md5(string_agg(%s, ',' order by id)) as digest
                        from %s group by 1 order by 1""".formatted(reconciled.rowDigest(), reconciled.table()))
                .param("width", width)
                .query((rs, n) -> new Bucket(rs.getLong("bucket"), rs.getLong("rows"), rs.getString("digest")))
                .list();
    }

    List<Row> rows(ReconciledCapability reconciled, long from, long to) {
        return jdbc.sql("select id, version, %s as digest from %s where id >= :from and id < :to order by id"
                        .formatted(reconciled.rowDigest(), reconciled.table()))
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("version"), rs.getString("digest")))
                .list();
    }

    /**
     * One bucket of ids: from {@code from} (inclusive) to {@code from + width} (exclusive).
     *
     * @param from its first id
     * @param count how many rows it holds
     * @param digest the digest of its rows in id order
     */
    record Bucket(long from, long count, String digest) {
    }

    /**
     * One row.
     *
     * @param id its id
     * @param version its version
     * @param digest the digest of its fields
     */
    record Row(long id, long version, String digest) {
    }
}
