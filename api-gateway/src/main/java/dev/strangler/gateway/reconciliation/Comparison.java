package dev.strangler.gateway.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares two sides' digests: buckets first (cheap, one line per thousand rows), then only the differing buckets
 * row by row. Pure, so every case is unit-tested.
 */
final class Comparison {

    private Comparison() {
    }

    /** The buckets (by their first id) whose count or digest differs, or that only one side has, in id order. */
    static List<Long> differingBuckets(Digests.Buckets monolith, Digests.Buckets service) {
        Map<Long, Digests.Bucket> left = byFrom(monolith.buckets());
        Map<Long, Digests.Bucket> right = byFrom(service.buckets());
        var all = new TreeSet<Long>(left.keySet());
        all.addAll(right.keySet());
        return all.stream().filter(from -> !Objects.equals(left.get(from), right.get(from))).toList();
    }

    /** The ids whose row differs, or that only one side has, in id order. */
    static List<Difference> differences(List<Digests.Row> monolith, List<Digests.Row> service) {
        Map<Long, Digests.Row> left = monolith.stream().collect(Collectors.toMap(Digests.Row::id, Function.identity()));
        Map<Long, Digests.Row> right = service.stream().collect(Collectors.toMap(Digests.Row::id, Function.identity()));
        var ids = new TreeSet<Long>(left.keySet());
        ids.addAll(right.keySet());
        var differences = new ArrayList<Difference>();
        for (long id : ids) {
            Digests.Row mine = left.get(id);
            Digests.Row theirs = right.get(id);
            if (!Objects.equals(mine, theirs)) {
                differences.add(Difference.between(id, mine, theirs));
            }
        }
        return differences;
    }

    private static Map<Long, Digests.Bucket> byFrom(List<Digests.Bucket> buckets) {
        return buckets.stream().collect(Collectors.toMap(Digests.Bucket::from, Function.identity(), (a, b) -> a,
                TreeMap::new));
    }
}
