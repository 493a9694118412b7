package io.borealis.cluster.mesos;

import io.borealis.error.BorealisException;

/**
 * A Mesos API call that did not succeed: the master answered with an unexpected status
 * ({@link ClientError} for 4xx, {@link ServerError} for 5xx), could not be reached
 * ({@link Unreachable}), or spoke something that is not the protocol ({@link ProtocolError}). Each
 * carries the HTTP status (0 when there was no answer), the call type and the start of the answer's
 * body, so that logs and the cluster page can show what happened. OkHttp's own exceptions never
 * leave this package; these are {@link BorealisException}s, whose message may be shown as it is.
 */
public abstract sealed class MesosApiException extends BorealisException {

    /** How much of an answer's body is kept. */
    static final int MAX_BODY = 400;

    private final int status;
    private final String callType;
    private final String body;

    MesosApiException(String message, int status, String callType, String body, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.callType = callType;
        this.body = truncate(body);
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The call that failed, e.g. {@code ACCEPT}, {@code GET_AGENTS} or {@code files/read}. */
    public String callType() {
        return callType;
    }

    /** The start of the response body (Mesos explains errors there in plain text), or "". */
    public String body() {
        return body;
    }

    @Override
    public String code() {
        return "cluster_unavailable";
    }

    static String truncate(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        return trimmed.length() <= MAX_BODY ? trimmed : trimmed.substring(0, MAX_BODY) + "...";
    }

    /** The answer for a status code that is not what the call expects. */
    static MesosApiException forStatus(int status, String callType, String body) {
        String message = "Mesos answered " + status + " to " + callType
                + (body == null || body.isBlank() ? "" : ": " + truncate(body));
        if (status >= 400 && status < 500) {
            return new ClientError(message, status, callType, body);
        }
        if (status >= 500) {
            return new ServerError(message, status, callType, body);
        }
        return new ProtocolError(message, status, callType, body, null);
    }

    /** 4xx: the call was refused as sent (bad request, not subscribed, unauthorized...). */
    public static final class ClientError extends MesosApiException {
        ClientError(String message, int status, String callType, String body) {
            super(message, status, callType, body, null);
        }
    }

    /** 5xx: the master cannot serve now (no leader elected, recovering, internal error). */
    public static final class ServerError extends MesosApiException {
        ServerError(String message, int status, String callType, String body) {
            super(message, status, callType, body, null);
        }
    }

    /** No answer: the connection failed, timed out or was closed. */
    public static final class Unreachable extends MesosApiException {
        Unreachable(String callType, String target, Throwable cause) {
            super(
                    "Mesos is unreachable for " + callType + " at " + target + ": " + describe(cause),
                    0,
                    callType,
                    "",
                    cause);
        }

        private static String describe(Throwable cause) {
            return cause.getMessage() == null
                    ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }

    /** The answer does not follow the protocol (bad RecordIO, unreadable JSON, redirect loop...). */
    public static final class ProtocolError extends MesosApiException {
        ProtocolError(String message, int status, String callType, String body, Throwable cause) {
            super(message, status, callType, body, cause);
        }
    }
}
