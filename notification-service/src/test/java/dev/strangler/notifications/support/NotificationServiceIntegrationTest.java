package dev.strangler.notifications.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole notification-service on a random port against real PostgreSQL, Kafka and SMTP, with its admin account
 * and its consumer on. Every test class shares this one context (and so one consumer of the topics): tests keep apart
 * by their own users and addresses rather than by emptying tables, because the consumer may still be working on
 * another test's events, and a replay from the start of the topics must find every earlier event in the inbox.
 * Retries are short, so that giving up (dead-lettering) takes seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "strangler.admin.user=" + Admin.USER,
        "strangler.admin.password=" + Admin.PASSWORD,
        "strangler.notifications.group-id=notification-service-it",
        "strangler.events.retry.initial-interval=300ms",
        "strangler.events.retry.multiplier=2",
        "strangler.events.retry.max-interval=2s",
        "strangler.events.retry.max-retries=4"})
@ContextConfiguration(initializers = RealInfrastructure.class)
@AutoConfigureMockMvc
public @interface NotificationServiceIntegrationTest {
}
