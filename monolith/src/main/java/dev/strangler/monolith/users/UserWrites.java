package dev.strangler.monolith.users;

import dev.strangler.monolith.mail.MailUnavailableException;
import dev.strangler.monolith.migration.MigrationStateFollower;
import dev.strangler.monolith.web.InvalidField;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place the monolith writes users, for its pages and its API alike. While the monolith owns user writes they
 * go to its own table ({@link UserAccounts}), exactly as before; once the migration state says user-service owns them,
 * they go to user-service's API instead — one attempt, behind the circuit breaker — and the monolith's table learns the
 * result later through replication. There is never a local write in that state, not even as a fallback: two writers
 * would fork the data (ADR 0021). Every write is counted by target and outcome.
 */
@Service
public class UserWrites {

    private static final Logger log = LoggerFactory.getLogger(UserWrites.class);

    /** Where a write went. */
    enum Target {
        LOCAL, SERVICE
    }

    /** How a write ended. */
    enum Outcome {
        OK, DUPLICATE, INVALID, NOT_FOUND, UNAVAILABLE, FAILED
    }

    private final UserAccounts accounts;
    private final UserServiceClient service;
    private final MigrationStateFollower migration;
    private final CircuitBreaker breaker;
    private final Map<Target, Map<Outcome, Counter>> writes = new EnumMap<>(Target.class);

    UserWrites(UserAccounts accounts, UserServiceClient service, MigrationStateFollower migration,
               CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this.accounts = accounts;
        this.service = service;
        this.migration = migration;
        this.breaker = breakers.circuitBreaker(UserDirectory.SERVICE);
        // Every series exists from the start at 0, so that a dashboard shows "none" rather than "no data".
        for (Target target : Target.values()) {
            var byOutcome = new EnumMap<Outcome, Counter>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("shop.user.writes")
                        .description("User registrations and changes by where they were written and how they ended")
                        .tag("target", target.name().toLowerCase(Locale.ROOT))
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(meters));
            }
            writes.put(target, byOutcome);
        }
    }

    /** Whether user-service owns user writes now. */
    public boolean serviceOwnsWrites() {
        return migration.routing("users").writesLeftTheMonolith();
    }

    /** Registers a user where user writes are owned now. */
    public UserResponse register(UserRequest request) {
        if (!serviceOwnsWrites()) {
            return local(() -> UserResponse.of(accounts.register(request)));
        }
        return remote("registering " + request.normalizedEmail(), () -> service.register(request), request, null);
    }

    /** Changes a user where user writes are owned now. */
    public UserResponse change(long id, UserRequest request) {
        if (!serviceOwnsWrites()) {
            return local(() -> UserResponse.of(accounts.change(id, request)));
        }
        return remote("changing user " + id, () -> service.change(id, request), request, id);
    }

    private UserResponse local(Supplier<UserResponse> write) {
        try {
            UserResponse user = write.get();
            count(Target.LOCAL, Outcome.OK);
            return user;
        }
        catch (DuplicateEmailException ex) {
            count(Target.LOCAL, Outcome.DUPLICATE);
            throw ex;
        }
        catch (UserNotFoundException ex) {
            count(Target.LOCAL, Outcome.NOT_FOUND);
            throw ex;
        }
        catch (MailUnavailableException | UserIdsExhaustedException ex) {
            count(Target.LOCAL, Outcome.UNAVAILABLE);
            throw ex;
        }
        catch (RuntimeException ex) {
            count(Target.LOCAL, Outcome.FAILED);
            throw ex;
        }
    }

    private UserResponse remote(String what, Supplier<UserServiceClient.WriteAnswer> write, UserRequest request,
                                Long id) {
        UserServiceClient.WriteAnswer answer;
        try {
            answer = CircuitBreaker.decorateSupplier(breaker, write).get();
        }
        catch (RuntimeException ex) {
            count(Target.SERVICE, Outcome.UNAVAILABLE);
            log.warn("user-service owns user writes but failed {} ({}); nothing was written", what, ex.toString());
            throw new UserServiceUnavailableException("user-service cannot take user writes now", ex);
        }
        HttpStatus status = HttpStatus.resolve(answer.status().value());
        if (answer.user() != null && status != null && status.is2xxSuccessful()) {
            count(Target.SERVICE, Outcome.OK);
            return answer.user();
        }
        if (status == HttpStatus.CONFLICT) {
            count(Target.SERVICE, Outcome.DUPLICATE);
            throw new DuplicateEmailException(request.normalizedEmail());
        }
        if (status == HttpStatus.NOT_FOUND && id != null) {
            count(Target.SERVICE, Outcome.NOT_FOUND);
            throw new UserNotFoundException(id);
        }
        if (status == HttpStatus.BAD_REQUEST) {
            count(Target.SERVICE, Outcome.INVALID);
            throw new InvalidUserException(detail(answer.problem(), "user-service refused the request as invalid"),
                    errors(answer.problem()));
        }
        count(Target.SERVICE, Outcome.FAILED);
        log.error("user-service answered {} with {} and {}; nothing was written here", what, answer.status(),
                answer.problem());
        throw new UserServiceUnavailableException("user-service answered " + answer.status().value(), null);
    }

    private static String detail(JsonNode problem, String otherwise) {
        return problem == null ? otherwise : problem.path("detail").asString(otherwise);
    }

    private static List<InvalidField> errors(JsonNode problem) {
        var errors = new ArrayList<InvalidField>();
        if (problem != null) {
            problem.path("errors").valueStream().forEach(error -> errors.add(new InvalidField(
                    error.path("field").asString("?"), error.path("message").asString("is invalid"))));
        }
        return errors;
    }

    private void count(Target target, Outcome outcome) {
        writes.get(target).get(outcome).increment();
    }
}
