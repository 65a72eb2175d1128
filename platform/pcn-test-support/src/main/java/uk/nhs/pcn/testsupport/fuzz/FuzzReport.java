package uk.nhs.pcn.testsupport.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every failure of a run, grouped by operation, kind of failure and mutation, each group with its count and one
 * example (the value sent, the request target and what the service said): one run shows everything.
 */
final class FuzzReport {

    private record Key(String operation, String failure, String kind, String mutation) {
    }

    private static final class Group {
        final AtomicInteger count = new AtomicInteger();
        volatile String value;
        volatile String target;
        volatile String detail;
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::operation)
            .thenComparing(Key::failure).thenComparing(Key::kind).thenComparing(Key::mutation);

    private final Map<Key, Group> groups = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger failedRequests = new AtomicInteger();

    void status(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    void record(FuzzCase c, List<ResponseCheck.Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        failedRequests.incrementAndGet();
        for (ResponseCheck.Failure f : failures) {
            add(c.operation().label() + "  (" + c.operation().id() + ")", f.kind(), c.kind(), c.mutation(), c.value(),
                    c.operation().method() + " " + c.pathAndQuery(), f.detail());
        }
    }

    void add(String operation, String failure, String kind, String mutation, String value, String target,
            String detail) {
        Group g = groups.computeIfAbsent(new Key(operation, failure, kind, mutation), k -> new Group());
        if (g.count.getAndIncrement() == 0) {
            g.value = value;
            g.target = target;
            g.detail = detail;
        }
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    int distinct() {
        return groups.size();
    }

    int failedRequests() {
        return failedRequests.get();
    }

    String statuses() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(statuses).forEach((s, n) -> out.append(out.isEmpty() ? "" : ", ").append(s).append(" × ")
                .append(n.get()));
        return out.toString();
    }

    /** The findings, compact: per operation, per kind of failure, one line per mutation. */
    String render() {
        List<Key> keys = new ArrayList<>(groups.keySet());
        keys.sort(ORDER);
        StringBuilder out = new StringBuilder();
        String operation = null;
        String failure = null;
        for (Key key : keys) {
            Group g = groups.get(key);
            if (!key.operation().equals(operation)) {
                operation = key.operation();
                failure = null;
                out.append('\n').append(operation).append('\n');
            }
            if (!key.failure().equals(failure)) {
                failure = key.failure();
                out.append("  ").append(failure).append('\n');
            }
            out.append("    [").append(key.kind()).append("] ").append(key.mutation());
            if (g.count.get() > 1) {
                out.append("  ×").append(g.count.get());
            }
            if (g.value != null && !g.value.isEmpty()) {
                out.append("  e.g. ").append(g.value);
            }
            out.append("\n        ").append(abbreviate(g.target, 110)).append("  →  ")
                    .append(abbreviate(g.detail == null ? "" : g.detail.replace('\n', ' '), 240)).append('\n');
        }
        return out.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + s.length() + " chars)";
    }
}
