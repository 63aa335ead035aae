package dev.strangler.notifications.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the user and order events, whoever produced them (the monolith or user-service). The error handler
 * (messaging-support) dead-letters poison at once, retries SMTP failures and unknown recipients a bounded number of
 * times, and retries a database outage for as long as it lasts.
 *
 * <p>Users and orders have a listener container (and a consumer thread) each: an order whose user has not arrived
 * yet is retried, and spring-kafka's error handler re-seeks every record of the failed poll, so in one container the
 * very {@code user.created} that would let the order through would wait behind it until it was dead-lettered.
 */
@Component
class NotificationListener {

    /** The listener containers' ids, for tests that wait for their partitions. */
    static final String USERS = "notifications-users";
    static final String ORDERS = "notifications-orders";

    private final Notifications notifications;

    NotificationListener(Notifications notifications) {
        this.notifications = notifications;
    }

    @KafkaListener(id = USERS, topics = {EventTypes.USER_CREATED, EventTypes.USER_UPDATED},
            groupId = "${strangler.notifications.group-id}", autoStartup = "${strangler.notifications.enabled}")
    void onUser(ConsumerRecord<String, String> record) {
        notifications.handle(record);
    }

    @KafkaListener(id = ORDERS, topics = EventTypes.ORDER_CREATED,
            groupId = "${strangler.notifications.group-id}", autoStartup = "${strangler.notifications.enabled}")
    void onOrder(ConsumerRecord<String, String> record) {
        notifications.handle(record);
    }
}
