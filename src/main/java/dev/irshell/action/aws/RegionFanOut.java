package dev.irshell.action.aws;

import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one piece of work per region on a bounded pool and collects, in the order of the regions
 * given, each region's answer or its {@link ActionFailure}. A failing region never hides the others.
 */
final class RegionFanOut {
    /** Enough for every commercial region at once (the work is waiting on the network, not the CPU). */
    static final int DEFAULT_THREADS = 24;

    /** The outcome of a sweep: answers and failures, each in region order. */
    record Result<T>(Map<String, T> answers, Map<String, ActionFailure> failures) {
        List<String> searched() {
            return new ArrayList<>(answers.keySet());
        }
    }

    private RegionFanOut() {}

    static <T> Result<T> run(List<String> regions, int threads, String what, ActionContext.Progress progress,
                             Function<String, T> work) {
        return run(regions, threads, what, progress, null, work);
    }

    /**
     * As {@link #run(List, int, String, ActionContext.Progress, Function)}, and a region whose work
     * has run longer than {@code timeout} (counted from when it started, not while it queued) is
     * abandoned and reported as an UNREACHABLE failure; null waits as long as the work takes.
     */
    static <T> Result<T> run(List<String> regions, int threads, String what, ActionContext.Progress progress,
                             Duration timeout, Function<String, T> work) {
        Map<String, T> answers = new LinkedHashMap<>();
        Map<String, ActionFailure> failures = new LinkedHashMap<>();
        if (regions.isEmpty()) {
            return new Result<>(answers, failures);
        }
        ActionContext.Progress p = progress == null ? ActionContext.Progress.NONE : progress;
        int n = Math.max(1, Math.min(threads, regions.size()));
        AtomicInteger done = new AtomicInteger();
        Map<String, Long> started = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "irshell-region-" + what);
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<T>> futures = new LinkedHashMap<>();
            for (String region : regions) {
                futures.put(region, pool.submit(() -> {
                    started.put(region, System.nanoTime());
                    try {
                        return work.apply(region);
                    } finally {
                        p.update(what, done.incrementAndGet(), regions.size());
                    }
                }));
            }
            for (Map.Entry<String, Future<T>> e : futures.entrySet()) {
                try {
                    T answer = timeout == null ? e.getValue().get() : awaitStarted(e.getValue(), started, e.getKey(), timeout);
                    answers.put(e.getKey(), answer);
                } catch (TimeoutException ex) {
                    e.getValue().cancel(true);
                    failures.put(e.getKey(), ActionFailure.unreachable(null, what, e.getKey(),
                            "no answer from " + e.getKey() + " within " + timeout.toSeconds() + "s: the region is"
                                    + " slow or unreachable; run the step again, or for that region alone", ex));
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

    /** Waits for {@code f} until it is done or has run {@code timeout} since it started. */
    private static <T> T awaitStarted(Future<T> f, Map<String, Long> started, String region, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long slice = Math.max(1, Math.min(timeout.toMillis(), 200));
        while (true) {
            try {
                return f.get(slice, TimeUnit.MILLISECONDS);
            } catch (TimeoutException te) {
                Long s = started.get(region);
                if (s != null && System.nanoTime() - s >= timeout.toNanos()) {
                    throw te;
                }
            }
        }
    }
}
