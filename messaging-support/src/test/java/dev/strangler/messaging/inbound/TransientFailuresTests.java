package dev.strangler.messaging.inbound;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTests {

    @Test
    void databaseUnreachableOrBusyIsTransientThroughAnyWrapping() {
        var connectionRefused = new SQLException("Connection refused", "08001");
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed",
                new CannotGetJdbcConnectionException("no connection", connectionRefused)))).isTrue();
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed",
                new CannotCreateTransactionException("no transaction")))).isTrue();
        assertThat(TransientFailures.isTransient(new CannotAcquireLockException("lock timeout"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(TransientFailures.isTransient(new org.springframework.jdbc.UncategorizedSQLException("insert",
                "insert into things", new SQLException("canceling statement due to lock timeout", "55P03")))).isTrue();
    }

    @Test
    void aBugOrAConstraintIsNotTransient() {
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed",
                new DataIntegrityViolationException("duplicate key", new SQLException("dup", "23505"))))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(TransientFailures.isTransient(new PoisonMessageException("body is not JSON"))).isFalse();
    }

    @Test
    void aBoundedRetryIsNeverTransientEvenWhenItsCauseLooksSo() {
        var smtpDown = new RetryLaterException("SMTP server unavailable", new java.net.ConnectException("refused"));
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed", smtpDown)))
                .isFalse();
        assertThat(DeadLetters.reason(new ListenerExecutionFailedException("listener failed", smtpDown)))
                .isEqualTo("gave up after retries: SMTP server unavailable");
    }
}
