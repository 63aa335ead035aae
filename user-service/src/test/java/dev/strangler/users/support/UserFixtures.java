package dev.strangler.users.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts rows straight into the table, as this service would create them or as replication will copy them from the
 * monolith, and reads back what tests check.
 */
public record UserFixtures(JdbcTemplate jdbc) {

    /** The first id the service hands out: above every id the monolith will ever use (docs/adr/0013). */
    public static final long FIRST_SERVICE_ID = 1_000_000_000L;

    /** A user created by this service: the id comes from the identity. */
    public long user(String email, String name) {
        return jdbc.queryForObject("""
                insert into users (email, name, created_at, updated_at) values (?, ?, now(), now()) returning id""",
                Long.class, email, name);
    }

    /** A user copied from the monolith, as replication will write it: its own id and version. */
    public void replicated(long id, String email, String name, long version) {
        jdbc.update("""
                insert into users (id, email, name, created_at, updated_at, version)
                values (?, ?, ?, now(), now(), ?)""", id, email, name, version);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from users", Long.class);
    }

    public long versionOf(long id) {
        return jdbc.queryForObject("select version from users where id = ?", Long.class, id);
    }

    public String emailOf(long id) {
        return jdbc.queryForObject("select email from users where id = ?", String.class, id);
    }
}
