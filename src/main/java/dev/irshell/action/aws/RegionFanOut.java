package dev.irshell.action.aws;

import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one piece of work per region on a bounded pool and collects, in the order of the regions
 * given, each region's answer or its {@link ActionFailure}. A failing region never hides the others.
 */
final class RegionFanOut {
    static final int DEFAULT_THREADS = 8;

    /** The outcome of a sweep: answers and failures, each in region order. */
    record Result<T>(Map<String, T> answers, Map<String, ActionFailure> failures) {
        List<String> searched() {
            return new ArrayList<>(answers.keySet());
        }
    }

    private RegionFanOut() {}

    static <T> Result<T> run(List<String> regions, int threads, String what, ActionContext.Progress progress,
                             Function<String, T> work) {
        Map<String, T> answers = new LinkedHashMap<>();
        Map<String, ActionFailure> failures = new LinkedHashMap<>();
        if (regions.isEmpty()) {
            return new Result<>(answers, failures);
        }
        ActionContext.Progress p = progress == null ? ActionContext.Progress.NONE : progress;
        int n = Math.max(1, Math.min(threads, regions.size()));
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "irshell-region-" + what);
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<T>> futures = new LinkedHashMap<>();
            for (String region : regions) {
                futures.put(region, pool.submit(() -> {
                    try {
                        return work.apply(region);
                    } finally {
                        p.update(what, done.incrementAndGet(), regions.size());
                    }
                }));
            }
            for (Map.Entry<String, Future<T>> e : futures.entrySet()) {
                try {
                    answers.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    failures.put(e.getKey(), cause instanceof ActionFailure af ? af
                            : AwsCalls.standard().map(cause, "?", what, e.getKey()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw ActionFailure.unreachable(null, what, e.getKey(), "interrupted while searching regions", ex);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // keep answers in the order the regions were given
        return new Result<>(answers, failures);
    }
}
