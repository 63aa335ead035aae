package dev.strangler.notifications.delivery;

import dev.strangler.messaging.support.EventSender;
import dev.strangler.notifications.NotificationServiceApplication;
import dev.strangler.notifications.support.NotificationServiceIntegrationTest;
import dev.strangler.notifications.support.RealInfrastructure;
import dev.strangler.notifications.support.ShopEvents;
import dev.strangler.notifications.support.TestSmtp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.strangler.notifications.support.ShopEvents.email;
import static dev.strangler.notifications.support.ShopEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two running instances that both receive every event (a second application context on the same database, in a
 * consumer group of its own, as after a mistaken group id or during a rebalance storm): each event is claimed by one
 * of them in the inbox, the other waits on the key and skips it, and every user gets exactly one e-mail.
 */
@NotificationServiceIntegrationTest
class TwoInstancesIntegrationTests {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Test
    void twoInstancesReceivingEveryEventShouldSendOneEmailPerEvent() {
        ShopEvents.awaitConsumerAssigned(listeners);
        var events = new ShopEvents(new EventSender(kafka, json));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .initializers(new RealInfrastructure())
                .properties("server.port=0", "strangler.notifications.group-id=notification-service-it-second",
                        "spring.kafka.consumer.auto-offset-reset=latest")
                .run()) {
            ShopEvents.awaitConsumerAssigned(second.getBean(KafkaListenerEndpointRegistry.class));
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            double sentBefore = sent(meters) + sent(secondMeters);

            List<Long> users = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long user = newId();
                users.add(user);
                events.userCreated(user, "Twin " + i);
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> users.stream().allMatch(user -> !TestSmtp.to(email(user)).isEmpty()));
            // Both have handled all 20 when the two together count 20 sends and both have seen every event.
            await().atMost(Duration.ofSeconds(30)).until(() -> sent(meters) + sent(secondMeters) - sentBefore >= 20);
            assertThat(users).allSatisfy(user -> assertThat(TestSmtp.to(email(user))).hasSize(1));
            assertThat(sent(meters) + sent(secondMeters) - sentBefore).isEqualTo(20);
        }
    }

    private static double sent(MeterRegistry meters) {
        return meters.find("strangler.notifications.sent").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
