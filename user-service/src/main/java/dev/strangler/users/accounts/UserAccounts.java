package dev.strangler.users.accounts;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Registers and changes users. Unlike the monolith it sends no welcome e-mail: that moves to notification-service.
 */
@Service
class UserAccounts {

    private final UserRepository users;
    private final Clock clock;

    UserAccounts(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    User register(UserRequest request) {
        String email = request.normalizedEmail();
        if (users.existsByEmail(email)) {
            throw new DuplicateEmailException(email);
        }
        return saveUnique(new User(email, request.normalizedName(), now()), email);
    }

    @Transactional
    User change(long id, UserRequest request) {
        User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
        String email = request.normalizedEmail();
        if (users.existsByEmailAndIdNot(email, id)) {
            throw new DuplicateEmailException(email);
        }
        user.change(email, request.normalizedName(), now());
        return saveUnique(user, email);
    }

    @Transactional(readOnly = true)
    User get(long id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }

    /**
     * PostgreSQL keeps microseconds: truncating first makes a write's answer carry exactly what the row holds, as the
     * monolith's does, so a user reads the same whichever side answers and however often it is read back.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The existence check races with concurrent registrations; the unique index is the real guard. */
    private User saveUnique(User user, String email) {
        try {
            return users.saveAndFlush(user);
        }
        catch (DataIntegrityViolationException ex) {
            throw new DuplicateEmailException(email);
        }
    }
}
