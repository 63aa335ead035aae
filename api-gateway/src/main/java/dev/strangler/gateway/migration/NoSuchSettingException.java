package dev.strangler.gateway.migration;

/**
 * A change of a setting the capability does not have: reads or writes of a switch, or the one mode of a routed
 * capability.
 */
class NoSuchSettingException extends RuntimeException {

    NoSuchSettingException(String message) {
        super(message);
    }
}
