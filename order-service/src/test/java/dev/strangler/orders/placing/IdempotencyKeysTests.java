package dev.strangler.orders.placing;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What makes two requests "the same request" for an Idempotency-Key, and which keys are accepted.
 */
class IdempotencyKeysTests {

    static PlaceOrderRequest request(long userId, long... productAndQuantity) {
        var lines = new java.util.ArrayList<PlaceOrderRequest.Line>();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            lines.add(new PlaceOrderRequest.Line(productAndQuantity[i], (int) productAndQuantity[i + 1]));
        }
        return new PlaceOrderRequest(userId, List.copyOf(lines));
    }

    @Test
    void sameOrderInAnotherLineOrderShouldHashAlike() {
        assertThat(IdempotencyKeys.hash(request(42, 1, 1, 2, 3)))
                .isEqualTo(IdempotencyKeys.hash(request(42, 2, 3, 1, 1)))
                .hasSize(64);
    }

    @Test
    void anotherQuantityProductOrUserShouldHashDifferently() {
        String hash = IdempotencyKeys.hash(request(42, 1, 1));
        assertThat(IdempotencyKeys.hash(request(42, 1, 2))).isNotEqualTo(hash);
        assertThat(IdempotencyKeys.hash(request(42, 2, 1))).isNotEqualTo(hash);
        assertThat(IdempotencyKeys.hash(request(43, 1, 1))).isNotEqualTo(hash);
    }

    @Test
    void keyShouldBeOneToAHundredPrintableAsciiCharacters() {
        assertThat(new IdempotencyKey("a").value()).isEqualTo("a");
        assertThat(new IdempotencyKey("k".repeat(100)).value()).hasSize(100);
        for (String invalid : List.of(" ", "k".repeat(101), "é", "a\tb")) {
            assertThatThrownBy(() -> new IdempotencyKey(invalid)).isInstanceOf(ErrorResponseException.class)
                    .satisfies(ex -> assertThat(((ErrorResponseException) ex).getStatusCode().value()).isEqualTo(400));
        }
    }
}
