package dev.strangler.messaging.outbox;

import dev.strangler.devstack.postgres.PostgresServer;
import dev.strangler.messaging.outbox.OutboxTable.Pending;
import dev.strangler.messaging.support.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The claim query the relay's guarantees rest on, run by two relays at once on real PostgreSQL: each key's rows go out
 * one at a time in id order, and two relays never hold rows of the same key.
 */
class OutboxTableIntegrationTests {

    static final String DATABASE = "outbox_table";

    private final List<Connection> connections = new ArrayList<>();
    private String url;

    @BeforeEach
    void freshOutbox() {
        url = TestInfrastructure.databaseWithOutbox(DATABASE);
    }

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection connection : connections) {
            connection.rollback();
            connection.close();
        }
    }

    /** One relay's transaction: its own connection, not committed until the test says so. */
    private OutboxTable relayTransaction() throws SQLException {
        return relayTransaction(url);
    }

    private OutboxTable relayTransaction(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
        connection.setAutoCommit(false);
        connections.add(connection);
        return new OutboxTable(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
    }

    private static List<String> keysAndIds(List<Pending> rows) {
        return rows.stream().map(row -> row.key() + "#" + row.id()).toList();
    }

    @Test
    void twoRelaysClaimDisjointHeadsAndYoungerRowsWaitForTheirKeysHead() throws SQLException {
        OutboxTable writer = relayTransaction();
        // ids 1..6: a, b, a, c, b, a
        for (String key : List.of("a", "b", "a", "c", "b", "a")) {
            writer.insert(UUID.randomUUID(), "t", key, "thing.changed", key, "{}");
        }
        connections.getFirst().commit();

        OutboxTable first = relayTransaction();
        OutboxTable second = relayTransaction();
        List<Pending> firstClaim = first.claimHeads(2);
        List<Pending> secondClaim = second.claimHeads(10);

        assertThat(keysAndIds(firstClaim)).containsExactly("a#1", "b#2");
        // a#1 and b#2 are locked, so skipped; a#3, b#5 and a#6 wait for their heads.
        assertThat(keysAndIds(secondClaim)).containsExactly("c#4");

        first.markSent(firstClaim.stream().map(Pending::id).toList());
        connections.get(1).commit();
        connections.get(2).commit();

        assertThat(keysAndIds(relayTransaction().claimHeads(10))).containsExactly("a#3", "c#4", "b#5");
    }

    @Test
    void rowInBackOffHoldsBackTheYoungerRowsOfItsKeyOnly() throws SQLException {
        OutboxTable writer = relayTransaction();
        for (String key : List.of("a", "a", "b")) {
            writer.insert(UUID.randomUUID(), "t", key, "thing.changed", key, "{}");
        }
        writer.markFailed(1, Duration.ofHours(1), "broker down");
        connections.getFirst().commit();

        assertThat(keysAndIds(relayTransaction().claimHeads(10))).containsExactly("b#3");
    }

    @Test
    void backlogCountsUnsentRowsAndTheAgeOfTheOldest() throws SQLException {
        OutboxTable table = relayTransaction();
        assertThat(table.backlog().depth()).isZero();
        assertThat(table.backlog().oldestAge()).isZero();

        table.insert(UUID.randomUUID(), "t", "a", "thing.changed", "a", "{}");
        table.insert(UUID.randomUUID(), "t", "b", "thing.changed", "b", "{}");
        table.markSent(List.of(2L));
        JdbcClient.create(new SingleConnectionDataSource(connections.getFirst(), true))
                .sql("update event_outbox set created_at = now() - interval '90 seconds' where id = 1").update();

        assertThat(table.backlog().depth()).isOne();
        assertThat(table.backlog().oldestAge()).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(91));
    }

    @Test
    void extraHeadersAreKeptWithTheRowInTheirOrderAndRowsWithoutThemCarryNone() throws SQLException {
        OutboxTable table = relayTransaction();
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("strangler-notified-by", "monolith");
        headers.put("x-trace", "abc");
        table.insert(UUID.randomUUID(), "t", "a", "thing.changed", "a", "{}", headers);
        table.insert(UUID.randomUUID(), "t", "b", "thing.changed", "b", "{}");

        List<Pending> claimed = table.claimHeads(10);

        assertThat(claimed.get(0).headers()).containsExactly(Map.entry("strangler-notified-by", "monolith"),
                Map.entry("x-trace", "abc"));
        assertThat(claimed.get(1).headers()).isEmpty();
    }

    @Test
    void tableWithoutTheHeadersColumnStillRelaysButRefusesAnEventWithHeaders() throws SQLException {
        String original = TestInfrastructure.databaseWithOutbox(DATABASE + "_original", false);
        OutboxTable table = relayTransaction(original);
        table.checkSchema();
        table.insert(UUID.randomUUID(), "t", "a", "thing.changed", "a", "{}", Map.of());

        assertThatThrownBy(() -> table.insert(UUID.randomUUID(), "t", "b", "thing.changed", "b", "{}",
                Map.of("strangler-notified-by", "monolith")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event_outbox_headers.postgresql.sql");
        assertThat(table.storesHeaders()).isFalse();
        assertThat(keysAndIds(table.claimHeads(10))).containsExactly("a#1");
        assertThat(relayTransaction().storesHeaders()).isTrue();
    }
}
