package dev.strangler.users.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Locale;

/**
 * What a client sends to register or change a user; the rules and limits are the monolith's, to the letter.
 */
record UserRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String name) {

    /** E-mail addresses are compared case-insensitively, so they are stored in one form, whatever the JVM's locale. */
    String normalizedEmail() {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    String normalizedName() {
        return name.strip();
    }
}
