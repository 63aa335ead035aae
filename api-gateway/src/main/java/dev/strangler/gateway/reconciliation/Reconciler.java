package dev.strangler.gateway.reconciliation;

import dev.strangler.gateway.migration.MigrationStateStore;
import dev.strangler.gateway.migration.WriteMode;
import dev.strangler.gateway.routing.Capability;
import dev.strangler.gateway.routing.RouteDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares each capability's data on the monolith and on its service — counts and per-bucket digests, then the
 * differing rows — on a schedule and on demand; exports the drift; and repairs it by asking the current owner of the
 * capability's writes to publish the differing rows again (consumers apply them by the version rule).
 */
final class Reconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final CapabilityData data;
    private final MigrationStateStore state;
    private final ReactiveDiscoveryClient discovery;
    private final ReconciliationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<Capability, ReconciliationReport> latest = new ConcurrentHashMap<>();
    private final Map<Capability, Map<String, Counter>> runs = new EnumMap<>(Capability.class);
    private volatile Disposable schedule;

    Reconciler(CapabilityData data, MigrationStateStore state, ReactiveDiscoveryClient discovery,
               ReconciliationProperties properties, Clock clock, MeterRegistry meters) {
        this.data = data;
        this.state = state;
        this.discovery = discovery;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        for (Capability capability : Capability.routed()) {
            Gauge.builder("strangler.reconciliation.drift", latest,
                            reports -> Optional.ofNullable(reports.get(capability)).map(ReconciliationReport::drift)
                                    .orElse(-1))
                    .description("Ids whose data differs between the monolith and the service at the last "
                            + "reconciliation (-1: not compared yet, or the comparison failed)")
                    .tag("capability", capability.label())
                    .register(meters);
            runs.put(capability, new ConcurrentHashMap<>());
        }
    }

    /** The last report of a capability, if it has been compared. */
    Optional<ReconciliationReport> latest(Capability capability) {
        return Optional.ofNullable(latest.get(capability));
    }

    /** Compares the capability now. */
    Mono<ReconciliationReport> reconcile(Capability capability) {
        Instant at = clock.instant();
        String service = capability.service();
        return Mono.zip(data.buckets(RouteDecision.MONOLITH, capability, properties.bucketWidth()),
                        data.buckets(service, capability, properties.bucketWidth()))
                .flatMap(buckets -> {
                    List<Long> differing = Comparison.differingBuckets(buckets.getT1(), buckets.getT2());
                    List<Long> compared = differing.stream().limit(properties.maxBuckets()).toList();
                    return Flux.fromIterable(compared)
                            .concatMap(from -> Mono.zip(
                                    data.rows(RouteDecision.MONOLITH, capability, from, from + properties.bucketWidth()),
                                    data.rows(service, capability, from, from + properties.bucketWidth()))
                                    .map(rows -> Comparison.differences(rows.getT1(), rows.getT2())))
                            .collectList()
                            .map(perBucket -> {
                                var differences = new ArrayList<Difference>();
                                perBucket.forEach(differences::addAll);
                                return new ReconciliationReport(capability.label(), at, buckets.getT1().count(),
                                        buckets.getT2().count(), differing.size(), differences.size(),
                                        List.copyOf(differences), differing.size() > compared.size(), null);
                            });
                })
                .onErrorResume(failure -> Mono.just(ReconciliationReport.failed(capability.label(), at,
                        "could not compare: " + failure.getMessage())))
                .doOnNext(report -> record(capability, report));
    }

    /**
     * Repairs the capability: compares it, then asks the owner of its writes to publish every differing row again.
     */
    Mono<Repair> repair(Capability capability) {
        String owner = state.current().of(capability).writes() == WriteMode.SERVICE ? capability.service()
                : RouteDecision.MONOLITH;
        return reconcile(capability).flatMap(report -> {
            if (report.error() != null) {
                return Mono.error(new IllegalStateException(report.error()));
            }
            List<Long> ids = report.differences().stream().map(Difference::id).toList();
            if (ids.isEmpty()) {
                return Mono.just(new Repair(capability.label(), owner, 0, report));
            }
            log.info("Reconciliation of {}: asking {} to republish {} rows", capability.label(), owner, ids.size());
            return data.republish(owner, capability, ids).map(count -> new Repair(capability.label(), owner, count,
                    report));
        });
    }

    private void record(Capability capability, ReconciliationReport report) {
        latest.put(capability, report);
        String result = report.error() != null ? "error" : report.inSync() ? "in_sync" : "drift";
        runs.get(capability).computeIfAbsent(result, key -> Counter.builder("strangler.reconciliation.runs")
                        .description("Reconciliations by capability and result (in_sync, drift, error)")
                        .tag("capability", capability.label())
                        .tag("result", key)
                        .register(meters))
                .increment();
        if (report.error() != null) {
            log.warn("Reconciliation of {} failed: {}", capability.label(), report.error());
        }
        else if (!report.inSync()) {
            log.warn("Reconciliation of {}: {} rows on the monolith, {} on {}, {} ids differ{}", capability.label(),
                    report.monolithCount(), report.serviceCount(), capability.service(), report.drift(),
                    report.truncated() ? " (and more buckets than were compared)" : "");
        }
    }

    /** Every capability whose service is registered, compared one after the other. */
    private Mono<Void> reconcileRegistered() {
        return Flux.fromIterable(Capability.routed())
                .filterWhen(capability -> discovery.getInstances(capability.service()).hasElements())
                .concatMap(this::reconcile)
                .then();
    }

    @Override
    public void start() {
        if (properties.interval().isZero()) {
            return;
        }
        schedule = Flux.interval(properties.interval(), properties.interval())
                .onBackpressureDrop()
                .concatMap(tick -> reconcileRegistered().onErrorResume(failure -> Mono.empty()))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = schedule;
        return running != null && !running.isDisposed();
    }

    /**
     * What a repair did.
     *
     * @param capability the capability
     * @param owner who was asked to republish (the owner of its writes)
     * @param republished how many rows the owner published again
     * @param before the comparison the repair acted on
     */
    record Repair(String capability, String owner, long republished, ReconciliationReport before) {
    }
}
