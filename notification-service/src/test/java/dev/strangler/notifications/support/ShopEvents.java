package dev.strangler.notifications.support;

import dev.strangler.messaging.CloudEventHeaders;
import dev.strangler.messaging.support.EventSender;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * User and order events as the monolith (or user-service) publishes them (ADR 0012 and the order.created shape of
 * issue 5), sent through messaging-support's {@link EventSender}; every test takes fresh ids and addresses from here.
 */
public record ShopEvents(EventSender sender) {

    private static final AtomicLong IDS = new AtomicLong(100_000 + System.nanoTime() % 100_000_000L);

    /** A fresh user id (and so a fresh address), unique in this JVM. */
    public static long newId() {
        return IDS.incrementAndGet();
    }

    public static String email(long userId) {
        return "user" + userId + "@example.com";
    }

    /** Waits until the service's consumers own all their partitions (three topics of three), so nothing is missed. */
    public static void awaitConsumerAssigned(KafkaListenerEndpointRegistry listeners) {
        EventSender.awaitAssigned(listeners, "notifications-users", 6);
        EventSender.awaitAssigned(listeners, "notifications-orders", 3);
    }

    public static Map<String, Object> user(long id, String name, long version) {
        Instant created = Instant.parse("2026-11-24T10:15:30.123456Z");
        return Map.of("id", id, "email", email(id), "name", name, "createdAt", created.toString(),
                "updatedAt", created.plusSeconds(version).toString(), "version", version);
    }

    public static Map<String, Object> order(long orderId, long userId) {
        return Map.of("id", orderId, "userId", userId, "status", "PLACED",
                "lines", List.of(
                        Map.of("productId", 1, "sku", "COF-1", "name", "Coffee beans", "quantity", 2,
                                "unitPrice", "12.50", "lineTotal", "25.00"),
                        Map.of("productId", 2, "sku", "MUG-7", "name", "Mug <large>", "quantity", 1,
                                "unitPrice", "8.00", "lineTotal", "8.00")),
                "total", "33.00", "createdAt", "2026-11-24T11:00:00Z", "version", 0);
    }

    /** Sends an event with the given id; {@code notifiedByMonolith} stamps the hand-over header. */
    public String send(String type, UUID eventId, String key, Object body, boolean notifiedByMonolith) {
        return send(type, eventId, key, body, notifiedByMonolith ? "monolith" : null);
    }

    /** Sends an event with the given id, stamped {@code strangler-notified-by: <notifiedBy>} unless that is null. */
    public String send(String type, UUID eventId, String key, Object body, String notifiedBy) {
        Headers headers = CloudEventHeaders.of(eventId, type, "monolith", Instant.now(), key);
        if (notifiedBy != null) {
            headers.add("strangler-notified-by", notifiedBy.getBytes(StandardCharsets.UTF_8));
        }
        sender.send(type, key, headers, sender.json().writeValueAsString(body));
        return eventId.toString();
    }

    public String userCreated(long userId, String name) {
        return send("user.created", UUID.randomUUID(), Long.toString(userId), user(userId, name, 0), false);
    }

    public String orderCreated(long orderId, long userId) {
        return send("order.created", UUID.randomUUID(), Long.toString(orderId), order(orderId, userId), false);
    }
}
