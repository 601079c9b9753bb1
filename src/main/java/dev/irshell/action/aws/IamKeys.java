package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;

/** IAM access-key look-ups shared by the key actions, each call error-mapped. */
final class IamKeys {
    private final AwsClientSource clients;

    IamKeys(AwsClientSource clients) {
        this.clients = clients;
    }

    private <T> T iam(String operation, java.util.function.Supplier<T> body) {
        return clients.calls().call("iam", operation, AwsClientSource.IAM_REGION, body);
    }

    /** Every access key of a user, following Marker pages. */
    List<AccessKeyMetadata> list(String userName) {
        List<AccessKeyMetadata> keys = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListAccessKeysResponse page = iam("ListAccessKeys",
                    () -> clients.iam().listAccessKeys(b -> b.userName(userName).marker(m)));
            keys.addAll(page.accessKeyMetadata());
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);
        return keys;
    }

    GetAccessKeyLastUsedResponse lastUsed(String accessKeyId) {
        return iam("GetAccessKeyLastUsed", () -> clients.iam().getAccessKeyLastUsed(b -> b.accessKeyId(accessKeyId)));
    }

    /** The user owning a key of this account (IAM GetAccessKeyLastUsed). */
    String owner(String accessKeyId) {
        String user = lastUsed(accessKeyId).userName();
        if (user == null || user.isBlank()) {
            throw ActionFailure.notFound("no IAM user of this account owns " + accessKeyId
                    + " (it may be a root user key or a key of another account): check it with iam.accessKeyOwner");
        }
        return user;
    }

    Optional<AccessKeyMetadata> find(String userName, String accessKeyId) {
        return list(userName).stream().filter(k -> accessKeyId.equals(k.accessKeyId())).findFirst();
    }
}
