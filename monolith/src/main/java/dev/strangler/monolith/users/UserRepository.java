package dev.strangler.monolith.users;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Users in the legacy table.
 */
public interface UserRepository extends JpaRepository<User, Long> {

    boolean existsByEmail(String email);

    boolean existsByEmailAndIdNot(String email, Long id);

    java.util.Optional<User> findByEmail(String email);
}
