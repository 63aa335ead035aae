package dev.strangler.monolith.users;

import dev.strangler.monolith.mail.LegacyMailer;
import dev.strangler.monolith.mail.MailDuty;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Registers and changes users; registration sends the welcome e-mail inside the same transaction, the legacy way, while
 * the monolith still sends e-mail, and every change writes its event to the outbox in that transaction too, so a change
 * that rolls back emits nothing.
 */
@Service
public class UserAccounts {

    /** Where user-service allocates new ids (ADR 0013); the monolith's own ids must stay below it. */
    static final long SERVICE_ID_RANGE_START = 1_000_000_000L;

    private final UserRepository users;
    private final LegacyMailer mailer;
    private final UserEvents events;
    private final Clock clock;

    UserAccounts(UserRepository users, LegacyMailer mailer, UserEvents events, Clock clock) {
        this.users = users;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public User register(UserRequest request) {
        String email = request.normalizedEmail();
        if (users.existsByEmail(email)) {
            throw new DuplicateEmailException(email);
        }
        User user = saveUnique(new User(email, request.normalizedName(), now()), email);
        // The identity hands out the id at the insert; refusing now rolls the insert back.
        if (user.getId() >= SERVICE_ID_RANGE_START) {
            throw new UserIdsExhaustedException(user.getId());
        }
        // Decided once: the e-mail sent here and the mark on the event must tell the same story (ADR 0025).
        MailDuty mail = mailer.duty();
        events.created(user, mail.eventHeaders());
        mailer.sendWelcome(mail, user);
        return user;
    }

    @Transactional
    public User change(long id, UserRequest request) {
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
    public User get(long id) {
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
