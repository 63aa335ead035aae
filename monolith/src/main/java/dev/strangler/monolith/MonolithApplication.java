package dev.strangler.monolith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The legacy shop: users, catalog, orders and e-mail in one Spring MVC application and one database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MonolithApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(MonolithApplication.class, args);
    }
}
