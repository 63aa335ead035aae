package dev.strangler.orders.support;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An order-service with its admin API enabled (one test context for every test class that uses it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "strangler.admin.user=" + WithAdminPassword.USER,
        "strangler.admin.password=" + WithAdminPassword.PASSWORD})
public @interface WithAdminPassword {

    String USER = "operator";
    String PASSWORD = "test-only-secret";

    /** The {@code Authorization} header of the admin account: Basic base64("operator:test-only-secret"). */
    String AUTHORIZATION = "Basic b3BlcmF0b3I6dGVzdC1vbmx5LXNlY3JldA==";
}
