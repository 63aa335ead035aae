package dev.strangler.gateway.migration;

/**
 * A requested setting that is not valid in any state: answered with 400.
 */
class InvalidSettingException extends RuntimeException {

    InvalidSettingException(String message) {
        super(message);
    }

    InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
