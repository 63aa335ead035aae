package spike;

import io.namastack.outbox.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import spike.SpikeApplication.Delivery;
import spike.SpikeApplication.Event;
import spike.SpikeApplication.RecordingHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The questions of docs/adr/0014: does Namastack Outbox 1.6.0 start on Boot 4.0.9 with Flyway owning its tables, keep
 * per-key order, deliver at least once, and share the work between instances? Each test prints what it observed.
 */
class NamastackOutboxSpikeTests {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeEach
    void cleanSlate() {
        RecordingHandler.DELIVERED.clear();
        RecordingHandler.FAILURES.clear();
        RecordingHandler.ATTEMPTS.clear();
        RecordingHandler.CALLS.set(0);
    }

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        var jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(Postgres.url(),
                "postgres", "postgres"));
        jdbc.execute("truncate outbox_record, outbox_instance, outbox_partition");
    }

    private ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + Postgres.url(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres"));
        for (String property : properties) {
            args.add("--" + property);
        }
        var context = new SpringApplicationBuilder(SpikeApplication.class).run(args.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static void append(ConfigurableApplicationContext context, Event... events) {
        var tx = new TransactionTemplate(context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        Outbox outbox = context.getBean(Outbox.class);
        tx.executeWithoutResult(status -> {
            for (Event event : events) {
                outbox.schedule(event, event.key());
            }
        });
    }

    private static Map<String, List<Integer>> orderPerKey() {
        return RecordingHandler.DELIVERED.stream().collect(Collectors.groupingBy(Delivery::key,
                Collectors.mapping(Delivery::seq, Collectors.toList())));
    }

    @Test
    void startsOnBoot409WithFlywayOwningTheTablesAndJpaValidating() {
        var context = start();
        var jdbc = context.getBean(JdbcTemplate.class);

        assertThat(jdbc.queryForList("select script from flyway_schema_history", String.class))
                .containsExactly("V1__namastack_outbox_tables.sql");
        System.out.println("SPIKE start: tables " + jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema='public' order by 1", String.class));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                jdbc.queryForObject("select count(*) from outbox_partition", Integer.class) == 256);
        System.out.println("SPIKE start: instances " + jdbc.queryForList("select * from outbox_instance"));
    }

    @Test
    void recordsOfOneKeyArriveInCreationOrder() {
        var context = start();
        for (int seq = 1; seq <= 20; seq++) {
            for (String key : List.of("k1", "k2", "k3", "k4", "k5")) {
                append(context, new Event(key, seq));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> RecordingHandler.DELIVERED.size() >= 100);

        var order = orderPerKey();
        System.out.println("SPIKE order: " + order);
        order.values().forEach(seqs -> assertThat(seqs).isSorted().hasSize(20));
    }

    @Test
    void aFailingRecordIsRetriedAndBlocksLaterRecordsOfItsKeyOnly() {
        var context = start();
        RecordingHandler.FAILURES.put("k1:2", 2);
        append(context, new Event("k1", 1));
        append(context, new Event("k1", 2));
        append(context, new Event("k1", 3));
        append(context, new Event("k2", 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> RecordingHandler.DELIVERED.size() >= 4);
        System.out.println("SPIKE retry: order " + orderPerKey());
        System.out.println("SPIKE retry: attempts of k1:2 at " + RecordingHandler.ATTEMPTS.get("k1:2"));
        assertThat(orderPerKey().get("k1")).containsExactly(1, 2, 3);
    }

    @Test
    void afterMaxRetriesARecordIsFailedForGoodAndItsKeyStaysBlocked() {
        var context = start();
        var jdbc = context.getBean(JdbcTemplate.class);
        RecordingHandler.FAILURES.put("k1:1", -1);
        append(context, new Event("k1", 1));
        append(context, new Event("k1", 2));
        append(context, new Event("k2", 1));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("select count(*) from outbox_record where status = 'FAILED'", Integer.class) == 1);
        RecordingHandler.FAILURES.clear(); // the "broker" is back
        Instant back = Instant.now();
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);

        System.out.println("SPIKE failed: rows " + jdbc.queryForList(
                "select record_key, status, failure_count, completed_at, failure_reason from outbox_record order by created_at"));
        System.out.println("SPIKE failed: attempts of k1:1 " + RecordingHandler.ATTEMPTS.get("k1:1").size()
                + ", delivered in the 10 s after the broker came back (" + back + "): " + orderPerKey());
        assertThat(orderPerKey()).doesNotContainKey("k1");
    }

    @Test
    void unboundedRetriesOutlastABrokerOutage() {
        var context = start("namastack.outbox.retry.max-retries=2147483646");
        RecordingHandler.FAILURES.put("k1:1", 20);
        append(context, new Event("k1", 1));
        append(context, new Event("k1", 2));

        await().atMost(Duration.ofSeconds(60)).until(() -> RecordingHandler.DELIVERED.size() >= 2);
        System.out.println("SPIKE unbounded: attempts " + RecordingHandler.ATTEMPTS.get("k1:1").size()
                + ", order " + orderPerKey());
        assertThat(orderPerKey().get("k1")).containsExactly(1, 2);
    }

    @Test
    void aRolledBackTransactionLeavesNothingButAnAppendWithoutTransactionIsStored() {
        var context = start();
        var jdbc = context.getBean(JdbcTemplate.class);
        var tx = new TransactionTemplate(context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        Outbox outbox = context.getBean(Outbox.class);

        tx.executeWithoutResult(status -> {
            outbox.schedule(new Event("rolled-back", 1), "rolled-back");
            status.setRollbackOnly();
        });
        outbox.schedule(new Event("no-tx", 1), "no-tx");

        await().atMost(Duration.ofSeconds(10)).until(() -> RecordingHandler.DELIVERED.size() >= 1);
        System.out.println("SPIKE tx: delivered " + orderPerKey() + ", rows "
                + jdbc.queryForList("select record_key, status from outbox_record"));
        assertThat(orderPerKey()).containsOnlyKeys("no-tx");
    }

    @Test
    void aFixedClockBeanIsUsedByTheOutboxSoRetriesNeverComeDue() {
        var context = start("spring.main.allow-bean-definition-overriding=true", "spike.fixed-clock=true");
        var jdbc = context.getBean(JdbcTemplate.class);
        RecordingHandler.FAILURES.put("k1:1", 1);
        append(context, new Event("k1", 1));

        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
        System.out.println("SPIKE clock: attempts " + RecordingHandler.ATTEMPTS.get("k1:1") + ", rows "
                + jdbc.queryForList("select record_key, status, created_at, next_retry_at from outbox_record"));
    }

    @Test
    void twoInstancesSplitThePartitionsAndNeitherDeliversTwice() {
        var a = start("spike.instance=a");
        var b = start("spike.instance=b");
        var jdbc = a.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(40)).until(() -> jdbc.queryForObject(
                "select count(distinct instance_id) from outbox_partition", Integer.class) == 2);
        System.out.println("SPIKE two: partitions per instance " + jdbc.queryForList(
                "select instance_id, count(*) from outbox_partition group by instance_id"));

        for (int i = 0; i < 200; i++) {
            append(i % 2 == 0 ? a : b, new Event("u" + (i % 50), i / 50));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> RecordingHandler.DELIVERED.size() >= 200);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);

        var perInstance = RecordingHandler.DELIVERED.stream()
                .collect(Collectors.groupingBy(Delivery::instance, Collectors.counting()));
        System.out.println("SPIKE two: deliveries per instance " + perInstance + ", total "
                + RecordingHandler.DELIVERED.size() + ", handler calls " + RecordingHandler.CALLS.get());
        orderPerKey().values().forEach(seqs -> assertThat(seqs).isSorted());
    }

    @Test
    void afterACrashAndRestartNothingIsRelayedUntilTheDeadInstanceGoesStale() {
        var restarted = start("spike.instance=restarted");
        var jdbc = restarted.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                jdbc.queryForObject("select count(*) from outbox_partition", Integer.class) == 256);
        // What the SIGKILLed previous process of a single-instance service leaves behind: an ACTIVE row with a heartbeat
        // from just before the crash, owning every partition.
        jdbc.update("""
                insert into outbox_instance values ('crashed', 'host', 8080, 'ACTIVE', now(), now(), now(), now())""");
        jdbc.update("update outbox_partition set instance_id = 'crashed'");
        // Let one rebalance (every 10 s) see that state, as it would right after the restart.
        await().pollDelay(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(12)).until(() -> true);

        Instant appended = Instant.now();
        for (int i = 0; i < 40; i++) {
            append(restarted, new Event("c" + i, 1));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> RecordingHandler.DELIVERED.size() >= 40);
        Instant first = RecordingHandler.DELIVERED.stream().map(Delivery::at).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = RecordingHandler.DELIVERED.stream().map(Delivery::at).max(Comparator.naturalOrder()).orElseThrow();
        System.out.println("SPIKE crash: first delivery " + Duration.between(appended, first).toMillis()
                + " ms, last " + Duration.between(appended, last).toMillis() + " ms after the appends");
    }

    @Test
    void disablingTheOutboxToHoldTheRelayAlsoRemovesTheApi() {
        var context = start("namastack.outbox.enabled=false");
        System.out.println("SPIKE hold: Outbox beans with namastack.outbox.enabled=false: "
                + context.getBeanNamesForType(Outbox.class).length);
    }
}
