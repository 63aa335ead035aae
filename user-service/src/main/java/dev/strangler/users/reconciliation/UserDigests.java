package dev.strangler.users.reconciliation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/**
 * Digests of the users table for reconciliation with the monolith. The SQL is the same on both sides, so equal rows
 * give equal digests: every field of the user and its version, timestamps rendered in UTC at the database's
 * microsecond precision (a text cast would depend on each session's time zone).
 */
@Repository
class UserDigests {

    private static final String ROW = """
            md5(id || '|' || email || '|' || name || '|' || version
                || '|' || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
                || '|' || to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))""";

    private final JdbcClient jdbc;

    UserDigests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Bucket> buckets(long width) {
        return jdbc.sql("""
                        select id / :width * :width as bucket, count(*) as rows,
                               md5(string_agg(%s, ',' order by id)) as digest
                        from users group by 1 order by 1""".formatted(ROW))
                .param("width", width)
                .query((rs, n) -> new Bucket(rs.getLong("bucket"), rs.getLong("rows"), rs.getString("digest")))
                .list();
    }

    List<Row> rows(long from, long to) {
        return jdbc.sql("select id, version, %s as digest from users where id >= :from and id < :to order by id"
                        .formatted(ROW))
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("version"), rs.getString("digest")))
                .list();
    }

    /**
     * One bucket of ids: from {@code from} (inclusive) to {@code from + width} (exclusive).
     *
     * @param from its first id
     * @param count how many users it holds
     * @param digest the digest of its rows in id order
     */
    record Bucket(long from, long count, String digest) {
    }

    /**
     * One user row.
     *
     * @param id its id
     * @param version its version
     * @param digest the digest of its fields
     */
    record Row(long id, long version, String digest) {
    }
}
