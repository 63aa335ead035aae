package dev.strangler.monolith.users;

import dev.strangler.monolith.migration.MigrationStateFollower;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the monolith's own pages read a user: its local table while the gateway still sends user reads to the
 * monolith, user-service once they have left it (SHADOW, CANARY, SERVICE) — through a retry with exponential back-off
 * and a circuit breaker, falling back to the local table when the service is slow, down or does not know the user
 * yet. Every read is counted by where it came from.
 */
@Service
public class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);
    static final String SERVICE = "user-service";

    /** Where a read was answered from. */
    enum Source {
        LOCAL, SERVICE, FALLBACK
    }

    private final UserRepository users;
    private final UserServiceClient service;
    private final MigrationStateFollower migration;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Map<Source, Counter> reads = new EnumMap<>(Source.class);

    UserDirectory(UserRepository users, UserServiceClient service, MigrationStateFollower migration,
                  CircuitBreakerRegistry breakers, RetryRegistry retries, MeterRegistry meters) {
        this.users = users;
        this.service = service;
        this.migration = migration;
        this.breaker = breakers.circuitBreaker(SERVICE);
        this.retry = retries.retry(SERVICE);
        for (Source source : Source.values()) {
            reads.put(source, Counter.builder("shop.user.reads")
                    .description("User reads of the storefront's pages by where they were answered from")
                    .tag("source", source.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    /** The user, from wherever user reads are served now. */
    @Transactional(readOnly = true)
    public Optional<UserView> find(long id) {
        if (!migration.routing("users").readsLeftTheMonolith()) {
            return local(id, Source.LOCAL);
        }
        Supplier<Optional<UserView>> fromService = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker, () -> service.find(id)));
        try {
            Optional<UserView> remote = fromService.get();
            if (remote.isPresent()) {
                reads.get(Source.SERVICE).increment();
                return remote;
            }
            log.debug("user-service does not know user {} yet; reading it locally", id);
        }
        catch (RuntimeException ex) {
            log.info("Reading user {} locally: user-service failed ({})", id, ex.toString());
        }
        return local(id, Source.FALLBACK);
    }

    /** The user, or {@link UserNotFoundException} (a 404 page). */
    public UserView get(long id) {
        return find(id).orElseThrow(() -> new UserNotFoundException(id));
    }

    private Optional<UserView> local(long id, Source source) {
        reads.get(source).increment();
        return users.findById(id).map(UserView::of);
    }
}
