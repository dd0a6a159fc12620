package org.dossierlink.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection held for many transactions (an import run's), seen through a view that prepares each
 * statement text once: {@link #connection()} hands the store's write code the same {@link PreparedStatement}
 * for the same SQL every time, and that statement's {@code close()} keeps it open for the next use. The write
 * code stays as it is (it prepares, uses and closes); H2 no longer parses every statement of every item
 * again, PostgreSQL keeps its server-side prepared statements.
 *
 * <p>{@link #reset()} after a failed transaction closes every cached statement (a batch left half-built by
 * a failure cannot reach the next item); {@link #close()} closes them and leaves the connection to its owner.
 * One thread at a time.
 */
final class StatementCache implements AutoCloseable {

    private final Connection target;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Connection view;

    StatementCache(Connection target) {
        this.target = target;
        this.view = (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionView());
    }

    /** The connection as the write code should see it. */
    Connection connection() {
        return view;
    }

    /** How many statements are prepared (for tests). */
    int size() {
        return statements.size();
    }

    /** Closes every cached statement: the next use prepares afresh. */
    void reset() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // the statement goes away either way
            }
        }
        statements.clear();
    }

    @Override
    public void close() {
        reset();
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            PreparedStatement real = target.prepareStatement(sql);
            ps = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, new StatementView(real));
            statements.put(sql, ps);
        }
        return ps;
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final class ConnectionView implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement":
                    if (args.length == 1) {
                        return prepared((String) args[0]);
                    }
                    break;
                case "close":
                    throw new IllegalStateException("the connection of a statement cache is closed by its owner");
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    break;
            }
            return forward(target, method, args);
        }
    }

    /** A cached statement: everything goes to the real one but close, which only clears its parameters. */
    private static final class StatementView implements InvocationHandler {
        private final PreparedStatement real;

        StatementView(PreparedStatement real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    real.clearParameters();
                    return null;
                case "isClosed":
                    return false;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return forward(real, method, args);
            }
        }
    }
}
