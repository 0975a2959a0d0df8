package dev.bursar.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a borrowed connection. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
