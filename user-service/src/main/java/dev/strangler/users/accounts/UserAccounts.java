package dev.strangler.users.accounts;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

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
        return saveUnique(new User(email, request.normalizedName(), clock.instant()), email);
    }

    @Transactional
    User change(long id, UserRequest request) {
        User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
        String email = request.normalizedEmail();
        if (users.existsByEmailAndIdNot(email, id)) {
            throw new DuplicateEmailException(email);
        }
        user.change(email, request.normalizedName(), clock.instant());
        return saveUnique(user, email);
    }

    @Transactional(readOnly = true)
    User get(long id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
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
