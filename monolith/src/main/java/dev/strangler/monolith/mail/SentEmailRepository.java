package dev.strangler.monolith.mail;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The e-mails the shop has sent.
 */
public interface SentEmailRepository extends JpaRepository<SentEmail, Long> {

    long countByKind(EmailKind kind);
}
