package dev.strangler.monolith.support;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A monolith with its admin API enabled (one test context for every test class that uses it), and a backfill batch
 * small enough that a few users make several batches.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "strangler.admin.user=" + WithAdminPassword.USER,
        "strangler.admin.password=" + WithAdminPassword.PASSWORD,
        "strangler.backfill.batch-size=7"})
public @interface WithAdminPassword {

    String USER = "operator";
    String PASSWORD = "test-only-secret";
}
