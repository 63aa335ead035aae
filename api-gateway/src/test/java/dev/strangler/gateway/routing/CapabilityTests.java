package dev.strangler.gateway.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilityTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/users, USERS",
            "/api/users/42, USERS",
            "/api/users/42/orders, ORDERS",
            "/api/users/42/orders/7, ORDERS",
            "/api/users/abc/orders, ORDERS",
            "/api/users/42/ordersx, USERS",
            "/api/users//orders, USERS",
            "/api/users/42/profile, USERS",
            "/api/orders, ORDERS",
            "/api/orders/9, ORDERS",
            "/api/products, OTHER",
            "/api/usersx, OTHER",
            "/api/ordersx, OTHER",
            "/users/42, OTHER",
            "/, OTHER"})
    void pathShouldBelongToItsCapability(String path, Capability expected) {
        assertThat(Capability.of(path)).isEqualTo(expected);
    }

    @Test
    void usersOrdersAndNotificationsShouldBeMigratableEachToItsService() {
        assertThat(Capability.migratable()).containsExactly(Capability.USERS, Capability.ORDERS,
                Capability.NOTIFICATIONS);
        assertThat(Capability.USERS.service()).isEqualTo("user-service");
        assertThat(Capability.ORDERS.service()).isEqualTo("order-service");
        assertThat(Capability.NOTIFICATIONS.service()).isEqualTo("notification-service");
        assertThat(Capability.byLabel("orders")).contains(Capability.ORDERS);
        assertThat(Capability.byLabel("notifications")).contains(Capability.NOTIFICATIONS);
        assertThat(Capability.byLabel("other")).isEmpty();
        assertThat(Capability.byLabel("USERS")).isEmpty();
    }

    @Test
    void onlyUsersAndOrdersShouldBeRouted() {
        assertThat(Capability.routed()).containsExactly(Capability.USERS, Capability.ORDERS);
        assertThat(Capability.NOTIFICATIONS.isRouted()).isFalse();
        assertThat(Capability.OTHER.isRouted()).isFalse();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/notifications", "/api/notifications/1",
            "/notifications", "/admin/migration/notifications"})
    void noPathShouldBelongToNotifications(String path) {
        assertThat(Capability.of(path)).isEqualTo(Capability.OTHER);
    }

    @Test
    void userInThePathShouldBeFoundForProfilesAndOrderHistories() {
        assertThat(Capability.userIdIn("/api/users/42")).contains("42");
        assertThat(Capability.userIdIn("/api/users/42/orders")).contains("42");
        assertThat(Capability.userIdIn("/api/users")).isEmpty();
        assertThat(Capability.userIdIn("/api/users/")).isEmpty();
        assertThat(Capability.userIdIn("/api/usersx/42")).isEmpty();
        assertThat(Capability.userIdIn("/api/orders/42")).isEmpty();
    }
}
