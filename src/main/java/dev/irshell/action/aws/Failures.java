package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;

/**
 * Re-words an {@link ActionFailure} while keeping its kind, service, operation, region, error
 * code, request id, HTTP status and missing permission: for multi-call actions that must say
 * which step failed and what was already done.
 */
final class Failures {
    private Failures() {}

    static ActionFailure withMessage(ActionFailure f, String message) {
        return switch (f.kind()) {
            case AWS -> ActionFailure.aws(f.service(), f.operation(), f.region(), f.errorCode(), message,
                    f.requestId(), f.httpStatus(), f);
            case ACCESS_DENIED -> ActionFailure.accessDenied(f.service(), f.operation(), f.region(), f.errorCode(),
                    message, f.requestId(), f.httpStatus(), f.missingPermission(), f);
            case CREDENTIALS -> ActionFailure.credentials(f.service(), f.operation(), f.region(), f.errorCode(),
                    message, f.requestId(), f.httpStatus(), f);
            case UNREACHABLE -> ActionFailure.unreachable(f.service(), f.operation(), f.region(), message, f);
            case NOT_FOUND -> ActionFailure.notFound(message);
            // Fixed wording that the engine and tests rely on; nothing was sent, so nothing to add.
            case INVALID_PARAM, READ_ONLY, NOT_RECORDED -> f;
        };
    }

    /** A refusal decided before any change: reported like AWS's own answer would be, without a request id. */
    static ActionFailure refused(String service, String operation, String region, String code, String message) {
        return ActionFailure.aws(service, operation, region, code, message, null, 0, null);
    }
}
