package dev.strangler.orders.support;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An order-service whose consumers (the users replica, the monolith's orders) run, in a group of their own that starts
 * at the end of the topics, so that earlier tests' events are not these tests'. One test context for every test class
 * that uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "strangler.orders.replication.enabled=true",
        "strangler.orders.replication.group-id=order-service-replication-it",
        "spring.kafka.consumer.auto-offset-reset=latest"})
public @interface WithReplication {
}
