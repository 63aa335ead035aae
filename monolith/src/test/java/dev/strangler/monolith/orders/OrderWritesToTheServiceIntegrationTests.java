package dev.strangler.monolith.orders;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.strangler.messaging.support.SharedKafka;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.migration.MigrationStateTopic;
import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One writer for orders: once the migration state gives order writes to order-service, the monolith's API and its
 * storefront hand every order to order-service's {@code POST /api/orders} (Idempotency-Key passed on) and never write
 * their own tables — not even when the service is down, when they answer 503 fast instead; refusals come back as
 * order-service's own problems. While the monolith owns writes nothing changes, and its own ids stay below
 * order-service's range.
 *
 * <p>order-service is a real HTTP server (WireMock) answering as its contract says (contracts/order-service): the
 * generated stubs cannot be used here, because order-service depends on the monolith's stubs and a dependency back would
 * be a reactor cycle (ADR 0034). PostgreSQL, Kafka (the migration state) and SMTP are real.
 */
@MonolithIntegrationTest
class OrderWritesToTheServiceIntegrationTests {

    static final long SERVICE_ID = 1_000_000_042L;
    /** order-service's 201 body: the monolith's order shape (contracts/order-service), an id from its own range. */
    static final String SERVICE_ORDER = """
            {"id":%d,"userId":7,"status":"PLACED","lines":[{"productId":1,"sku":"PEN-1","name":"Product PEN-1",
             "quantity":2,"unitPrice":2.50,"lineTotal":5.00}],"total":5.00,"createdAt":"2026-11-24T10:00:00.123456Z"}"""
            .formatted(SERVICE_ID);
    static final String ORDER = """
            {"userId": 7, "lines": [{"productId": 1, "quantity": 2}]}""";

    static final MigrationStateTopic migration = new MigrationStateTopic();
    static final WireMockServer orderService = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .http2PlainDisabled(true));

    static {
        orderService.start();
    }

    @DynamicPropertySource
    static void followTheMigrationAndFindOrderService(DynamicPropertyRegistry registry) {
        registry.add("strangler.migration.enabled", () -> "true");
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("strangler.migration.topic", migration::name);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", orderService::baseUrl);
        registry.add("strangler.orders.write-timeout", () -> "1s");
    }

    @AfterAll
    static void stopOrderService() {
        orderService.stop();
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MigrationStateFollower follower;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    ShopFixtures shop;
    long pen;

    @BeforeEach
    void aHealthyServiceAUserAndAProduct() {
        orderService.resetAll();
        orderService.stubFor(WireMock.post(urlEqualTo("/api/orders")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", "http://order-service/api/orders/" + SERVICE_ID).withBody(SERVICE_ORDER)));
        breakers.circuitBreaker(OrderWrites.SERVICE).reset();
        shop = new ShopFixtures(jdbc);
        long user = shop.user("ada@example.com", "Ada");
        pen = shop.product("PEN-1", "2.50", 10);
        assertThat(user).isEqualTo(1);
        jdbc.update("update users set id = 7 where id = 1");
    }

    @Test
    void orderWhileOrderServiceOwnsWritesShouldReachItWithTheKeyAndWriteNothingHere() {
        ordersWrites("SERVICE");
        double before = writes("service", "ok");

        var result = post(ORDER, "key-1");

        assertThat(result).hasStatus(201);
        assertThat(result).bodyJson().isLenientlyEqualTo(SERVICE_ORDER);
        assertThat(result).headers().hasValue("Location", "http://localhost/api/orders/" + SERVICE_ID);
        orderService.verify(1, postRequestedFor(urlEqualTo("/api/orders"))
                .withHeader("Idempotency-Key", equalTo("key-1"))
                .withRequestBody(equalToJson(ORDER)));
        assertNothingWrittenHere();
        assertThat(writes("service", "ok")).isEqualTo(before + 1);
    }

    @Test
    void orderWithoutAKeyShouldReachTheServiceWithoutOne() {
        ordersWrites("SERVICE");

        assertThat(post(ORDER, null)).hasStatus(201);

        orderService.verify(1, postRequestedFor(urlEqualTo("/api/orders")).withHeader("Idempotency-Key", absent()));
    }

    @Test
    void refusalsOfOrderServiceShouldBePassedThroughAsTheyAre() {
        ordersWrites("SERVICE");
        String[][] refusals = {
                {"409", """
                    {"type":"https://strangler.dev/problems/insufficient-stock","title":"Insufficient stock","status":409,
                     "detail":"Not enough stock left of product 1 (PEN-1)"}"""},
                {"422", """
                    {"type":"https://strangler.dev/problems/unknown-user","title":"Unknown user","status":422,
                     "detail":"User 7 does not exist here or may not have arrived yet; retry shortly"}"""},
                {"400", """
                    {"type":"https://strangler.dev/problems/repeated-product","title":"Repeated product","status":400,
                     "detail":"Product 1 appears on more than one line; give its total quantity once"}"""}};
        double refused = writes("service", "refused");
        double invalid = writes("service", "invalid");
        for (String[] refusal : refusals) {
            orderService.stubFor(WireMock.post(urlEqualTo("/api/orders")).willReturn(aResponse()
                    .withStatus(Integer.parseInt(refusal[0])).withHeader("Content-Type", "application/problem+json")
                    .withBody(refusal[1])));

            var result = post(ORDER, "key-" + refusal[0]);

            assertThat(result).hasStatus(Integer.parseInt(refusal[0])).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().isStrictlyEqualTo(refusal[1]);
        }
        assertNothingWrittenHere();
        assertThat(writes("service", "refused")).isEqualTo(refused + 2);
        assertThat(writes("service", "invalid")).isEqualTo(invalid + 1);
        assertThat(breakers.circuitBreaker(OrderWrites.SERVICE).getMetrics().getNumberOfFailedCalls())
                .as("a refusal is a healthy service's answer").isZero();
    }

    @Test
    void orderServiceThatIsDownShouldCostA503InUnderTwoSecondsAndWriteNothingHere() {
        ordersWrites("SERVICE");
        orderService.stubFor(WireMock.post(urlEqualTo("/api/orders"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        double before = writes("service", "unavailable");
        Instant start = Instant.now();

        var result = post(ORDER, "key-down");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "5");
        assertThat(result).bodyJson().extractingPath("$.type")
                .isEqualTo("https://strangler.dev/problems/order-service-unavailable");
        orderService.verify(1, postRequestedFor(urlEqualTo("/api/orders")));
        assertNothingWrittenHere();
        assertThat(writes("service", "unavailable")).isEqualTo(before + 1);
        assertThat(breakers.circuitBreaker(OrderWrites.SERVICE).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void slowOrFailingOrderServiceShouldBeAskedOnceAndCostA503() {
        ordersWrites("SERVICE");
        orderService.stubFor(WireMock.post(urlEqualTo("/api/orders"))
                .willReturn(aResponse().withStatus(201).withFixedDelay(5_000)));
        Instant start = Instant.now();

        var slow = post(ORDER, "key-slow");

        assertThat(Duration.between(start, Instant.now())).as("the write timeout (1 s here)")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(slow).hasStatus(503);
        orderService.verify(1, postRequestedFor(urlEqualTo("/api/orders")));

        orderService.stubFor(WireMock.post(urlEqualTo("/api/orders")).willReturn(aResponse().withStatus(500)));
        assertThat(post(ORDER, "key-500")).hasStatus(503);
        assertNothingWrittenHere();
    }

    @Test
    void openBreakerShouldAnswer503WithoutAskingTheService() {
        ordersWrites("SERVICE");
        breakers.circuitBreaker(OrderWrites.SERVICE).transitionToOpenState();

        assertThat(post(ORDER, "key-open")).hasStatus(503);

        orderService.verify(0, postRequestedFor(urlEqualTo("/api/orders")));
        assertNothingWrittenHere();
    }

    @Test
    void whileTheMonolithOwnsWritesTheOrderShouldBeLocalAsBeforeAndNeverCallTheService() {
        ordersWrites("MONOLITH");
        double before = writes("local", "ok");

        var result = post(ORDER.replace("\"productId\": 1", "\"productId\": " + pen), "key-local");

        assertThat(result).hasStatus(201);
        assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(1);
        assertThat(shop.stockOf(pen)).isEqualTo(8);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isEqualTo(1);
        assertThat(writes("local", "ok")).isEqualTo(before + 1);
        assertThat(orderService.getAllServeEvents()).isEmpty();
    }

    @Test
    void theMonolithsOwnOrderIdsShouldStayBelowOrderServicesRange() {
        ordersWrites("MONOLITH");
        jdbc.execute("alter table orders alter column id restart with 1000000000");
        var before = shop.counts();

        var result = post(ORDER.replace("\"productId\": 1", "\"productId\": " + pen), null);

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type")
                .isEqualTo("https://strangler.dev/problems/order-ids-exhausted");
        assertThat(shop.counts()).as("nothing saved, no stock taken, no event, no e-mail").isEqualTo(before);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }

    @Test
    void storefrontOrderWhileOrderServiceOwnsWritesShouldReachItWithTheFormsKey() throws Exception {
        ordersWrites("SERVICE");
        var page = mvc.get().uri("/products/{id}", pen).accept(MediaType.TEXT_HTML).exchange();
        var key = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(page.getResponse()
                .getContentAsString());
        assertThat(key.find()).as("the order form carries a key").isTrue();

        for (int submission = 0; submission < 2; submission++) {
            var placed = mvc.post().uri("/orders").param("productId", Long.toString(pen)).param("quantity", "2")
                    .param("idempotencyKey", key.group(1)).cookie(new Cookie("shopper", "7")).exchange();

            assertThat(placed).hasStatus3xxRedirection().hasRedirectedUrl("/users/7");
            assertThat(placed).flash().containsEntry("notice",
                    "Thank you! Order #" + SERVICE_ID + " is placed. A confirmation e-mail is on its way.");
        }
        orderService.verify(2, postRequestedFor(urlEqualTo("/api/orders"))
                .withHeader("Idempotency-Key", equalTo(key.group(1)))
                .withRequestBody(equalToJson("{\"userId\": 7, \"lines\": [{\"productId\": %d, \"quantity\": 2}]}"
                        .formatted(pen))));
        assertNothingWrittenHere();
    }

    @Test
    void storefrontOrderWhileOrderServiceIsDownOrRefusesShouldSayNothingWasPlaced() {
        ordersWrites("SERVICE");
        orderService.stubFor(WireMock.post(urlEqualTo("/api/orders"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        var down = mvc.post().uri("/orders").param("productId", Long.toString(pen)).param("quantity", "1")
                .cookie(new Cookie("shopper", "7")).exchange();

        assertThat(down).hasStatus3xxRedirection().hasRedirectedUrl("/products/" + pen);
        assertThat(down).flash().containsEntry("error",
                "We cannot take orders right now, so nothing was placed. Please try again shortly.");
        orderService.verify(1, postRequestedFor(urlEqualTo("/api/orders")).withHeader("Idempotency-Key",
                WireMock.matching(".+")));

        orderService.stubFor(WireMock.post(urlEqualTo("/api/orders")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"title":"Insufficient stock","status":409,"detail":"Not enough stock left of product 1 (PEN-1)"}""")));
        var refused = mvc.post().uri("/orders").param("productId", Long.toString(pen)).param("quantity", "1")
                .cookie(new Cookie("shopper", "7")).exchange();

        assertThat(refused).flash().containsEntry("error", "Not enough stock left of product 1 (PEN-1)");
        assertNothingWrittenHere();
    }

    private MvcTestResult post(String body, String key) {
        var request = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.exchange();
    }

    /** No order, no key, no stock taken, no event, no e-mail: the order belongs to order-service. */
    private void assertNothingWrittenHere() {
        assertThat(jdbc.queryForObject("select count(*) from orders", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from idempotency_keys", Long.class)).isZero();
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sent_emails", Long.class)).isZero();
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }

    private void ordersWrites(String writes) {
        migration.publish("orders", writes, null, writes);
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.routing("orders").writes().equals(writes));
    }

    private double writes(String target, String outcome) {
        var counter = meters.find("shop.order.writes").tag("target", target).tag("outcome", outcome).counter();
        assertThat(counter).as("shop.order.writes{target=%s,outcome=%s}", target, outcome).isNotNull();
        return counter.count();
    }
}
