package dev.strangler.monolith.web;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@MonolithIntegrationTest
class UnknownPathIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void browserAskingForAnUnknownPageShouldGetTheShopsNotFoundPage() {
        var result = mvc.get().uri("/no-such-page").accept(MediaType.TEXT_HTML, MediaType.ALL).exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        assertThat(result).bodyText().contains("We could not find that", "/css/shop.css");
    }

    @Test
    void apiClientAskingForAnUnknownPathShouldGetAProblem() {
        var result = mvc.get().uri("/api/no-such-thing").accept(MediaType.APPLICATION_JSON).exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Nothing is served at /api/no-such-thing");
    }

    @Test
    void storefrontCssShouldStillBeServed() {
        assertThat(mvc.get().uri("/css/shop.css").exchange()).hasStatusOk();
    }
}
