package dev.strangler.gateway.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strangler.gateway.routing.Capability;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.security.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's handle on the migration: see where each capability's traffic goes, move reads and writes (or flip a
 * switch's one mode), and read the audit trail. Changes block on Kafka, so they run off the event loop.
 */
@RestController
@RequestMapping("/admin/migration")
class MigrationAdminController {

    private final MigrationStateStore store;

    MigrationAdminController(MigrationStateStore store) {
        this.store = store;
    }

    @GetMapping
    StateView state() {
        MigrationState state = store.current();
        var capabilities = new LinkedHashMap<String, CapabilityView>();
        Capability.migratable().forEach(capability -> capabilities.put(capability.label(),
                CapabilityView.of(capability, state.of(capability))));
        return new StateView(state.loaded(), capabilities);
    }

    @PutMapping("/{capability}/reads")
    Mono<ResponseEntity<CapabilityView>> changeReads(@PathVariable String capability,
                                                     @RequestBody SettingRequest request, Principal admin) {
        Capability target = capability(capability);
        return change(target, () -> store.changeReads(target, request.toSetting(), admin.getName()));
    }

    @PutMapping("/{capability}/writes")
    Mono<ResponseEntity<CapabilityView>> changeWrites(@PathVariable String capability,
                                                      @RequestBody SettingRequest request, Principal admin) {
        Capability target = capability(capability);
        return change(target, () -> store.changeWrites(target, request.toSetting(), admin.getName()));
    }

    @PutMapping("/{capability}")
    Mono<ResponseEntity<CapabilityView>> changeMode(@PathVariable String capability,
                                                    @RequestBody SettingRequest request, Principal admin) {
        Capability target = capability(capability);
        return change(target, () -> store.changeMode(target, request.toSetting(), admin.getName()));
    }

    @GetMapping("/history")
    List<Change> history() {
        MigrationState state = store.current();
        return Capability.migratable().stream()
                .flatMap(capability -> state.of(capability).history().stream())
                .sorted(Comparator.comparing(Change::at).reversed())
                .toList();
    }

    private static Mono<ResponseEntity<CapabilityView>> change(Capability capability,
                                                               java.util.function.Supplier<CapabilityState> change) {
        return Mono.fromCallable(() -> ResponseEntity.ok(CapabilityView.of(capability, change.get())))
                .onErrorResume(ChangeNotYetAppliedException.class, pending -> Mono.just(
                        ResponseEntity.status(HttpStatus.ACCEPTED).body(CapabilityView.of(capability,
                                pending.recorded()))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Capability capability(String label) {
        return Capability.byLabel(label).orElseThrow(() -> new UnknownCapabilityException("No capability '" + label
                + "': one of " + Capability.migratable().stream().map(Capability::label).toList()));
    }

    /**
     * A requested setting: {@code {"mode":"CANARY","percent":25}} for reads, {@code {"mode":"SERVICE"}} for writes
     * and for a switch.
     *
     * @param mode the mode to move to
     * @param percent the canary percent, only with {@code CANARY}
     */
    record SettingRequest(String mode, Integer percent) {

        Setting toSetting() {
            return new Setting(mode, percent);
        }
    }

    /**
     * Where every capability's traffic goes.
     *
     * @param loaded false while the gateway is still reading the state (reads then go to the monolith and writes
     *               are refused)
     * @param capabilities each capability by label
     */
    record StateView(boolean loaded, Map<String, CapabilityView> capabilities) {
    }

    /**
     * One capability's routing as the admin API shows it: reads and writes for a routed capability, the mode for a
     * switch.
     *
     * @param capability its label
     * @param service the service that takes it over
     * @param reads who answers reads; absent for a switch
     * @param writes who owns writes; absent for a switch
     * @param mode who does the work of a switch ({@code MONOLITH} or {@code SERVICE}); absent for a routed capability
     * @param version how many changes it has seen
     * @param changedAt when it last changed
     * @param changedBy who last changed it
     */
    record CapabilityView(String capability, String service, @JsonInclude(JsonInclude.Include.NON_NULL) Setting reads,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Setting writes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) SwitchMode mode, long version,
                          Instant changedAt, String changedBy) {

        static CapabilityView of(Capability capability, CapabilityState state) {
            if (state.isSwitch()) {
                return new CapabilityView(capability.label(), capability.service(), null, null, state.mode(),
                        state.version(), state.changedAt(), state.changedBy());
            }
            return new CapabilityView(capability.label(), capability.service(), state.readSetting(),
                    state.writeSetting(), null, state.version(), state.changedAt(), state.changedBy());
        }
    }
}
