package dev.irshell.action.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Follows IAM's Marker/IsTruncated pages of one List* operation, each page an error-mapped call.
 * (IAM may answer fewer than MaxItems with IsTruncated=true, so the marker, not the count, decides.)
 */
final class IamPages {
    private IamPages() {}

    static <R, T> List<T> all(AwsClientSource clients, String operation, Function<String, R> page,
                              Function<R, List<T>> items, Function<R, Boolean> truncated, Function<R, String> marker) {
        List<T> out = new ArrayList<>();
        String next = null;
        do {
            String m = next;
            R r = clients.calls().call("iam", operation, AwsClientSource.IAM_REGION, () -> page.apply(m));
            out.addAll(items.apply(r));
            next = Boolean.TRUE.equals(truncated.apply(r)) ? marker.apply(r) : null;
        } while (next != null);
        return out;
    }
}
