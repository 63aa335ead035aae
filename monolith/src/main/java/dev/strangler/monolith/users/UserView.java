package dev.strangler.monolith.users;

import java.time.Instant;

/**
 * A user as the storefront's pages show it, whichever side it was read from.
 *
 * @param id the user id (the same on both sides)
 * @param email the e-mail address
 * @param name the name
 * @param createdAt when the account was created
 */
public record UserView(long id, String email, String name, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.getId(), user.getEmail(), user.getName(), user.getCreatedAt());
    }
}
