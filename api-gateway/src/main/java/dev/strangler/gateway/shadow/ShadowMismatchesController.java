package dev.strangler.gateway.shadow;

import dev.strangler.gateway.routing.Capability;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What shadowing found for a capability: the count of each outcome and the latest mismatches with both answers.
 */
@RestController
class ShadowMismatchesController {

    private final ShadowReports reports;

    ShadowMismatchesController(ShadowReports reports) {
        this.reports = reports;
    }

    @GetMapping("/admin/migration/{capability}/mismatches")
    ShadowReports.Report mismatches(@PathVariable String capability) {
        // A switch (notifications) has no reads to shadow.
        Capability target = Capability.byLabel(capability).filter(Capability::isRouted).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No capability '" + capability + "'"));
        return reports.report(target);
    }
}
