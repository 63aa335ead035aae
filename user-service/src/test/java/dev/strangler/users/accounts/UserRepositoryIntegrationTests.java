package dev.strangler.users.accounts;

import dev.strangler.users.support.RealInfrastructure;
import dev.strangler.users.support.UserFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

import static dev.strangler.users.support.UserFixtures.FIRST_SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Flyway schema on real PostgreSQL: ids from 1,000,000,000 for users created here, the monolith's ids kept for
 * replicated users, and a row version that both JPA and plain SQL can write.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = RealInfrastructure.class)
class UserRepositoryIntegrationTests {

    /**
     * How the events step will apply a replicated user: by SQL, so that JPA's {@code @Version} does not add one to
     * the owner's version, and only when the event is newer than the row.
     */
    static final String APPLY_IF_NEWER = """
            insert into users (id, email, name, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?)
            on conflict (id) do update
                set email = excluded.email, name = excluded.name, created_at = excluded.created_at,
                    updated_at = excluded.updated_at, version = excluded.version
                where users.version < excluded.version""";

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00.123456Z");

    @Autowired
    UserRepository users;

    @Autowired
    JdbcTemplate jdbc;

    UserFixtures fixtures;

    @BeforeEach
    void setUp() {
        // Inside the test's transaction, so it is rolled back too; a rolled-back insert would still use up ids.
        jdbc.execute("truncate users restart identity");
        fixtures = new UserFixtures(jdbc);
    }

    @Test
    void newUsersShouldGetIdsFromOneBillionUp() {
        User first = users.saveAndFlush(new User("first@example.com", "First", NOW));
        User second = users.saveAndFlush(new User("second@example.com", "Second", NOW));

        assertThat(first.getId()).isEqualTo(FIRST_SERVICE_ID);
        assertThat(second.getId()).isEqualTo(FIRST_SERVICE_ID + 1);
        assertThat(first.getVersion()).isZero();
    }

    @Test
    void rowsInsertedWithTheMonolithsIdsShouldNotDisturbNewIds() {
        User before = users.saveAndFlush(new User("before@example.com", "Before", NOW));
        fixtures.replicated(1, "one@example.com", "One", 0);
        fixtures.replicated(42, "answer@example.com", "Answer", 3);
        fixtures.replicated(999_999_999, "last@example.com", "Last the monolith may use", 0);

        User after = users.saveAndFlush(new User("after@example.com", "After", NOW));

        assertThat(before.getId()).isEqualTo(FIRST_SERVICE_ID);
        assertThat(after.getId()).isEqualTo(FIRST_SERVICE_ID + 1);
        assertThat(users.findById(42L)).hasValueSatisfying(user -> {
            assertThat(user.getEmail()).isEqualTo("answer@example.com");
            assertThat(user.getVersion()).isEqualTo(3);
        });
    }

    @Test
    void changeOfAReplicatedUserShouldContinueFromTheReplicatedVersion() {
        fixtures.replicated(42, "ada@example.com", "Ada", 7);

        User user = users.findById(42L).orElseThrow();
        user.change("ada@example.com", "Ada Lovelace", NOW);
        users.saveAndFlush(user);

        assertThat(fixtures.versionOf(42)).isEqualTo(8);
    }

    @Test
    void applyingAReplicatedChangeBySqlShouldStoreTheOwnersVersionAndIgnoreOlderOnes() {
        assertThat(apply(42, "ada@example.com", "Ada", 0)).isEqualTo(1);
        assertThat(apply(42, "ada@example.com", "Ada Lovelace", 2)).isEqualTo(1);
        assertThat(apply(42, "ada.old@example.com", "Ada (stale)", 1)).as("an older version").isZero();
        assertThat(apply(42, "ada.old@example.com", "Ada (duplicate)", 2)).as("the same version again").isZero();

        assertThat(users.findById(42L)).hasValueSatisfying(user -> {
            assertThat(user.getName()).isEqualTo("Ada Lovelace");
            assertThat(user.getEmail()).isEqualTo("ada@example.com");
            assertThat(user.getVersion()).isEqualTo(2);
            assertThat(user.getCreatedAt()).isEqualTo(NOW);
        });
        assertThat(users.saveAndFlush(new User("new@example.com", "New", NOW)).getId()).isEqualTo(FIRST_SERVICE_ID);
    }

    @Test
    void timestampsShouldBeRoundedToMicroseconds() {
        Instant precise = Instant.parse("2026-11-24T12:00:00.123456789Z");
        long id = users.saveAndFlush(new User("precise@example.com", "Precise", precise)).getId();

        var stored = jdbc.queryForObject("select created_at from users where id = ?", OffsetDateTime.class, id);

        // PostgreSQL keeps microseconds and rounds the rest, for the monolith as here: a read answers .123457.
        assertThat(stored.toInstant()).isEqualTo(Instant.parse("2026-11-24T12:00:00.123457Z"));
    }

    @Test
    void twoUsersShouldNeverShareAnEmail() {
        users.saveAndFlush(new User("taken@example.com", "First", NOW));

        assertThatExceptionOfType(DataIntegrityViolationException.class)
                .isThrownBy(() -> users.saveAndFlush(new User("taken@example.com", "Second", NOW)));
    }

    @Test
    void existsByEmailAndIdNotShouldIgnoreTheUsersOwnRow() {
        long id = users.saveAndFlush(new User("mine@example.com", "Mine", NOW)).getId();

        assertThat(users.existsByEmailAndIdNot("mine@example.com", id)).isFalse();
        assertThat(users.existsByEmailAndIdNot("mine@example.com", id + 1)).isTrue();
        assertThat(users.existsByEmail("mine@example.com")).isTrue();
    }

    private int apply(long id, String email, String name, long version) {
        return jdbc.update(APPLY_IF_NEWER, id, email, name, Timestamp.from(NOW), Timestamp.from(NOW), version);
    }
}
