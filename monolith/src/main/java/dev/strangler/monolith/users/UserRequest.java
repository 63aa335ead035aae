package dev.strangler.monolith.users;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to register or change a user.
 */
public record UserRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String name) {

    /** E-mail addresses are compared case-insensitively, so they are stored in one form. */
    public String normalizedEmail() {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public String normalizedName() {
        return name.strip();
    }
}
