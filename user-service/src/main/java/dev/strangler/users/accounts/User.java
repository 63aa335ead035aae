package dev.strangler.users.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A registered shopper, as this service stores it: its own users and, later, those replicated from the monolith.
 */
@Entity
@Table(name = "users")
class User {

    /** From the identity (1,000,000,000 up) for users created here; replicated users keep the monolith's id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Continues from whatever the row holds, so a replicated user's version keeps growing once writes move here. */
    @Version
    private long version;

    protected User() {
    }

    User(String email, String name, Instant now) {
        this.email = email;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void change(String email, String name, Instant now) {
        this.email = email;
        this.name = name;
        this.updatedAt = now;
    }

    Long getId() {
        return id;
    }

    String getEmail() {
        return email;
    }

    String getName() {
        return name;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    long getVersion() {
        return version;
    }
}
