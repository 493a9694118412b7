package io.borealis.audit;

/**
 * Where the current request comes from, set by the web tier for the request's thread: the source
 * (portal or API), the client's address and the API token used. Background work has none and is
 * recorded as SYSTEM.
 */
public record RequestOrigin(AuditSource source, String clientAddress, String token) {

    public static final RequestOrigin SYSTEM = new RequestOrigin(AuditSource.SYSTEM, null, null);

    private static final ThreadLocal<RequestOrigin> CURRENT = new ThreadLocal<>();

    public static RequestOrigin current() {
        RequestOrigin origin = CURRENT.get();
        return origin == null ? SYSTEM : origin;
    }

    /** Sets the origin for this thread until {@link #clear()}. */
    public static void set(RequestOrigin origin) {
        CURRENT.set(origin);
    }

    /** The same origin, with the API token that authenticated the request. */
    public static void setToken(String token) {
        RequestOrigin origin = current();
        CURRENT.set(new RequestOrigin(origin.source(), origin.clientAddress(), token));
    }

    public static void clear() {
        CURRENT.remove();
    }
}
