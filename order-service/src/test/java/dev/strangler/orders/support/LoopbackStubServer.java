package dev.strangler.orders.support;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.cloud.contract.stubrunner.HttpServerStubConfiguration;
import org.springframework.cloud.contract.stubrunner.provider.wiremock.WireMockHttpServerStubConfigurer;

/**
 * Stub Runner's HTTP stub server listens on the loopback interface only, like every server the tests start
 * ({@code @AutoConfigureStubRunner(httpServerStubConfigurer = LoopbackStubServer.class)}).
 */
public final class LoopbackStubServer extends WireMockHttpServerStubConfigurer {

    @Override
    public WireMockConfiguration configure(WireMockConfiguration options, HttpServerStubConfiguration stub) {
        return options.bindAddress("127.0.0.1");
    }
}
