package dev.strangler.notifications;

import dev.strangler.messaging.outbox.OutboxAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Sends the shop's e-mails (welcome, order confirmation) from the events the monolith and user-service publish,
 * exactly one per event, and keeps the record of what was sent. It publishes no events, so it has no outbox:
 * messaging-support's outbox (and its start-up check of the table) is left out, its consumer error handler is used.
 */
@SpringBootApplication(exclude = OutboxAutoConfiguration.class)
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
