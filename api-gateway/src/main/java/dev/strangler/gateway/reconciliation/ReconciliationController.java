package dev.strangler.gateway.reconciliation;

import dev.strangler.gateway.routing.Capability;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The operator's view of drift between the monolith's and the service's data of a capability, and the repair.
 */
@RestController
@RequestMapping("/admin/migration/{capability}/reconciliation")
class ReconciliationController {

    private final Reconciler reconciler;

    ReconciliationController(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** The last comparison, or a fresh one if there has been none yet. */
    @GetMapping
    Mono<ReconciliationReport> latest(@PathVariable String capability) {
        Capability target = capability(capability);
        return reconciler.latest(target).map(Mono::just).orElseGet(() -> reconciler.reconcile(target));
    }

    /** Compares now. */
    @PostMapping
    Mono<ReconciliationReport> reconcile(@PathVariable String capability) {
        return reconciler.reconcile(capability(capability));
    }

    /** Compares now and asks the owner of the capability's writes to publish every differing row again. */
    @PostMapping("/repair")
    Mono<ResponseEntity<Reconciler.Repair>> repair(@PathVariable String capability) {
        return reconciler.repair(capability(capability))
                .map(repair -> ResponseEntity.status(HttpStatus.ACCEPTED).body(repair))
                .onErrorMap(IllegalStateException.class, failure -> new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE, "Nothing was repaired: " + failure.getMessage()));
    }

    private static Capability capability(String label) {
        // A switch (notifications) has no data of its own to compare.
        return Capability.byLabel(label).filter(Capability::isRouted).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No capability '" + label + "'"));
    }
}
