package dev.strangler.users.accounts;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Users in this service's table.
 */
interface UserRepository extends JpaRepository<User, Long> {

    boolean existsByEmail(String email);

    boolean existsByEmailAndIdNot(String email, Long id);
}
