package dev.strangler.users.accounts;

import java.time.Instant;

/**
 * The body of {@code user.created} and {@code user.updated} (ADR 0012): the user's whole state after the change, with
 * the row version, so that consumers can tell newer from older whatever order events arrive in. The same shape as the
 * monolith's, which contract tests hold it to; this service reads the monolith's events into it as a tolerant reader.
 */
public record UserChanged(long id, String email, String name, Instant createdAt, Instant updatedAt, long version) {

    static UserChanged of(User user) {
        return new UserChanged(user.getId(), user.getEmail(), user.getName(), user.getCreatedAt(), user.getUpdatedAt(),
                user.getVersion());
    }
}
