package dev.strangler.gateway.contracts;

import dev.strangler.gateway.migration.MigrationStateStore;
import dev.strangler.gateway.support.Admin;
import dev.strangler.gateway.support.FakeBackend;
import dev.strangler.gateway.support.GatewayIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The running gateway that the operator's admin API contracts ({@code contracts/api-gateway/operator}) are checked
 * against over HTTP, each contract starting from the {@link Baseline}. Fields are injected because the generated
 * subclass has only the implicit no-argument constructor.
 */
@GatewayIntegrationTest
abstract class OperatorContractBase {

    // Nothing here is proxied, but writes move to a service only while discovery lists it.
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

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Autowired
    MigrationStateStore store;

    @BeforeEach
    void startFromTheBaseline() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        Baseline.restore(new Admin(client).awaitLoaded(), store);
    }
}
