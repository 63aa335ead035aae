package dev.strangler.gateway.contracts;

import dev.strangler.gateway.migration.MigrationStateStore;
import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The running gateway that the monolith's {@code migration.state} message contracts
 * ({@code contracts/api-gateway/monolith}) are checked against: each trigger makes a change through the real admin
 * API, and the message is read back from this context's own topic. Fields are injected because the generated
 * subclass has only the implicit no-argument constructor.
 */
@GatewayIntegrationTest
@Import(MigrationStateMessaging.class)
abstract class MonolithContractBase {

    static final FakeBackend monolith = FakeBackend.start("monolith");
    static final FakeBackend userService = FakeBackend.start("user-service");
    // Never proxied: notifications may move to SERVICE only while discovery lists notification-service.
    static final FakeBackend notificationService = FakeBackend.start("notification-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        monolith.registerIn(registry);
        userService.registerIn(registry);
        notificationService.registerIn(registry);
    }

    @AfterAll
    static void stopBackends() {
        monolith.close();
        userService.close();
        notificationService.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MigrationStateStore store;

    @Autowired
    MigrationStateReceiver stateTopic;

    Admin admin;

    @BeforeEach
    void startFromTheBaseline() {
        admin = new Admin(client).awaitLoaded();
        Baseline.restore(admin, store);
    }

    /** Trigger of {@code shouldAnnounceUsersReadsMovedToCanary}. */
    void usersReadsMovedToCanary() {
        stateTopic.markEnd();
        admin.canary("users", 40);
    }

    /** Trigger of {@code shouldAnnounceNotificationsMovedToTheService}. */
    void notificationsMovedToTheService() {
        stateTopic.markEnd();
        admin.modeTo("notifications", "SERVICE");
    }
}
