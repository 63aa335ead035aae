package dev.strangler.users.accounts;

import java.time.Instant;

/**
 * A user as the JSON API shows it: the monolith's fields in the monolith's order, and nothing more (no version).
 */
record UserResponse(long id, String email, String name, Instant createdAt, Instant updatedAt) {

    static UserResponse of(User user) {
        return new UserResponse(user.getId(), user.getEmail(), user.getName(), user.getCreatedAt(),
                user.getUpdatedAt());
    }
}
