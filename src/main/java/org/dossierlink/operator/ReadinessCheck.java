package org.dossierlink.operator;

/** One thing {@code GET /health/ready} checks: the store, the stylesheets, the signing key, each peer. */
public interface ReadinessCheck {

    /** The check's name in the answer: store, stylesheets, signing-key, peer:NAME. */
    String name();

    /** Runs the check; it must not take long (a store ping, not a query). */
    Result check();

    /**
     * Ready or not, with what a person needs to know. A degraded result (an unreachable peer) leaves the node
     * ready: it still serves its own data, and answers that needed the peer say they are partial.
     */
    record Result(boolean ready, boolean degraded, String detail) {
        public Result(boolean ready, String detail) {
            this(ready, false, detail);
        }

        public static Result ready(String detail) {
            return new Result(true, detail);
        }

        public static Result notReady(String detail) {
            return new Result(false, detail);
        }

        public static Result degraded(String detail) {
            return new Result(true, true, detail);
        }
    }

    static ReadinessCheck of(String name, java.util.function.Supplier<Result> check) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                try {
                    return check.get();
                } catch (RuntimeException e) {
                    return Result.notReady(e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        };
    }
}
