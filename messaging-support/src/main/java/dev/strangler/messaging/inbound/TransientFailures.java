package dev.strangler.messaging.inbound;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure that will pass by itself (the database is down or busy) from one that will not, by looking through
 * the whole cause chain: Spring wraps the driver's exception, and spring-kafka wraps Spring's.
 */
final class TransientFailures {

    /** SQLSTATE classes that mean "try again later": connection, resources, operator intervention (a restart). */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53", "57");
    /** And single states: serialization failure, deadlock, lock not available (a lock timeout). */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        // A bounded retry is asked for explicitly; it wins over a transient-looking cause such as a refused connection.
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetryLaterException) {
                return false;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && (TRANSIENT_SQL_STATES.contains(sql.getSQLState())
                    || TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2)))) {
                return true;
            }
        }
        return false;
    }
}
