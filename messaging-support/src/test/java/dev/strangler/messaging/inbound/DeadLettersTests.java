package dev.strangler.messaging.inbound;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTests {

    @Test
    void reasonIsThePoisonReasonOrTheRootCause() {
        assertThat(DeadLetters.reason(new ListenerExecutionFailedException("listener failed",
                new PoisonMessageException("missing ce_type header")))).isEqualTo("missing ce_type header");
        assertThat(DeadLetters.reason(new ListenerExecutionFailedException("listener failed",
                new DeserializationException("failed to deserialize", new byte[] {1}, false, null))))
                .isEqualTo("not deserializable: failed to deserialize");
        assertThat(DeadLetters.reason(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("wrapper", new ArithmeticException("/ by zero")))))
                .isEqualTo("failed after retries: ArithmeticException: / by zero");
    }
}
