package dev.strangler.orders.placing;

/**
 * A client's {@code Idempotency-Key}: 1 to 100 printable ASCII characters, as the monolith accepts (ADR 0030).
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 100;

    IdempotencyKey {
        if (value.isBlank() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw OrderRefusedException.invalidIdempotencyKey(MAX_LENGTH);
        }
    }
}
