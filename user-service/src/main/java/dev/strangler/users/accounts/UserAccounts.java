package dev.strangler.users.accounts;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Registers and changes users. Unlike the monolith it sends no welcome e-mail: that moves to notification-service.
 * Every change writes its event to the outbox in its transaction, so a change that rolls back emits nothing.
 */
@Service
class UserAccounts {

    private final UserRepository users;
    private final UserEvents events;
    private final Clock clock;

    UserAccounts(UserRepository users, UserEvents events, Clock clock) {
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    User register(UserRequest request) {
        String email = request.normalizedEmail();
        if (users.existsByEmail(email)) {
            throw new DuplicateEmailException(email);
        }
        User user = saveUnique(new User(email, request.normalizedName(), now()), email);
        events.created(user);
        return user;
    }

    @Transactional
    User change(long id, UserRequest request) {
        User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
        String email = request.normalizedEmail();
        if (users.existsByEmailAndIdNot(email, id)) {
            throw new DuplicateEmailException(email);
        }
        user.change(email, request.normalizedName(), now());
        User changed = saveUnique(user, email);
        events.updated(changed);
        return changed;
    }

    @Transactional(readOnly = true)
    User get(long id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }

    /**
     * PostgreSQL keeps microseconds (and rounds the rest): truncating first makes the answer and the event carry
     * exactly what the row holds, so the user reads the same everywhere it is replicated.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The existence check races with concurrent registrations; the unique index is the real guard. The flush also
     * gives the row its id and version, which the event carries.
     */
    private User saveUnique(User user, String email) {
        try {
            return users.saveAndFlush(user);
        }
        catch (DataIntegrityViolationException ex) {
            throw new DuplicateEmailException(email);
        }
    }
}
