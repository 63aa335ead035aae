package dev.strangler.orders.placing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The timing of placing orders (ADR 0038).
 *
 * @param abandonedAfter age after which an attempt is the sweeper's: longer than the longest placement (the stock
 *                       client's retry budget, about 6.5 s with the defaults), so the sweeper never cancels a
 *                       reservation a live request is still waiting for
 * @param sweepPeriod how often the sweeper looks for abandoned attempts
 * @param sweeperEnabled false stops the scheduled sweeps (tests run them by hand)
 * @param inFlightWait how long a request waits for the same key's first request, still in flight, before it answers 503
 * @param inFlightPoll how often it looks whether that request has finished
 */
@ConfigurationProperties("strangler.orders.attempts")
record PlacingProperties(@DefaultValue("15s") Duration abandonedAfter,
                         @DefaultValue("2s") Duration sweepPeriod,
                         @DefaultValue("true") boolean sweeperEnabled,
                         @DefaultValue("10s") Duration inFlightWait,
                         @DefaultValue("50ms") Duration inFlightPoll) {
}
