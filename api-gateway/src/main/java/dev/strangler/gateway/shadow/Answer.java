package dev.strangler.gateway.shadow;

/**
 * What one side of a comparison answered.
 *
 * @param status the HTTP status, 0 when there was no answer
 * @param body the body, null when it was not captured
 * @param problem why there is nothing to compare, or null
 */
record Answer(int status, byte[] body, String problem) {

    static Answer of(int status, byte[] body) {
        return new Answer(status, body, null);
    }

    static Answer missing(String problem) {
        return new Answer(0, null, problem);
    }

    boolean missing() {
        return problem != null;
    }
}
