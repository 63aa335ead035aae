package dev.strangler.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The gateway's admin account for the local run: {@code STRANGLER_ADMIN_USER} and {@code STRANGLER_ADMIN_PASSWORD}
 * when they are set, else a password generated once per data directory and kept there (readable by its owner only),
 * so that a restart keeps it and {@code --fresh} replaces it.
 *
 * @param user the admin user name
 * @param password the admin password
 * @param generated whether the local run made the password up (and should therefore print it)
 */
public record AdminCredentials(String user, String password, boolean generated) {

    static final String USER_VARIABLE = "STRANGLER_ADMIN_USER";
    static final String PASSWORD_VARIABLE = "STRANGLER_ADMIN_PASSWORD";
    static final String FILE = "admin-password";

    static AdminCredentials resolve(Map<String, String> environment, Path dataDir) {
        String user = environment.getOrDefault(USER_VARIABLE, "admin");
        String given = environment.get(PASSWORD_VARIABLE);
        if (given != null && !given.isBlank()) {
            return new AdminCredentials(user, given, false);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return new AdminCredentials(user, Files.readString(file).strip(), true);
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), password);
            return new AdminCredentials(user, password, true);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not keep the admin password in " + file, ex);
        }
    }

    /** What the gateway reads them from: environment variables keep the password off the command line. */
    Map<String, String> asEnvironment() {
        return Map.of(USER_VARIABLE, user, PASSWORD_VARIABLE, password);
    }

    @Override
    public String toString() {
        return "AdminCredentials[user=" + user + ", password=(hidden), generated=" + generated + "]";
    }
}
