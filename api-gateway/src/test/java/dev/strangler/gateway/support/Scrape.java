package dev.strangler.gateway.support;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's {@code /actuator/prometheus} text as a test reads it. With latency histograms the text is larger than
 * the 256 KiB a {@link WebTestClient} buffers by default, so the scrape gets its own limit.
 */
public final class Scrape {

    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private Scrape() {
    }

    public static String of(WebTestClient client) {
        return client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_BYTES)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
