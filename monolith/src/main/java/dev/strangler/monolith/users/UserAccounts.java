package dev.strangler.monolith.users;

import dev.strangler.monolith.mail.LegacyMailer;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Registers and changes users; registration sends the welcome e-mail inside the same transaction, the legacy way.
 */
@Service
public class UserAccounts {

    private final UserRepository users;
    private final LegacyMailer mailer;
    private final Clock clock;

    UserAccounts(UserRepository users, LegacyMailer mailer, Clock clock) {
        this.users = users;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Transactional
    public User register(UserRequest request) {
        String email = request.normalizedEmail();
        if (users.existsByEmail(email)) {
            throw new DuplicateEmailException(email);
        }
        User user = saveUnique(new User(email, request.normalizedName(), clock.instant()), email);
        mailer.sendWelcome(user);
        return user;
    }

    @Transactional
    public User change(long id, UserRequest request) {
        User user = users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
        String email = request.normalizedEmail();
        if (users.existsByEmailAndIdNot(email, id)) {
            throw new DuplicateEmailException(email);
        }
        user.change(email, request.normalizedName(), clock.instant());
        return saveUnique(user, email);
    }

    @Transactional(readOnly = true)
    public User get(long id) {
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
