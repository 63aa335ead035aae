package dev.strangler.monolith.seed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo data at start-up unless {@code strangler.seed.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "strangler.seed.enabled")
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoData demoData;
    private final SeedProperties properties;

    DemoDataLoader(DemoData demoData, SeedProperties properties) {
        this.demoData = demoData;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoData.Loaded loaded = demoData.load(properties.users());
        log.info("Demo data: added {} products, {} users, {} orders", loaded.products(), loaded.users(), loaded.orders());
    }
}
