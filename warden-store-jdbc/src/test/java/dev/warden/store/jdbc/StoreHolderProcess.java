package dev.warden.store.jdbc;

import dev.warden.WardenException;
import java.nio.file.Path;

/**
 * A second process for {@link DatabaseLockTest}: opens the store of a database file and prints
 * {@code OPEN} (then keeps it open until its stdin closes) or {@code REFUSED <code>: <message>}.
 *
 * <p>Argument: the database file.
 */
public final class StoreHolderProcess {
    private StoreHolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        JdbcStores stores;
        try {
            stores = JdbcStores.openSqlite(Path.of(args[0]));
        } catch (WardenException e) {
            System.out.println("REFUSED " + e.code().wire() + ": " + e.getMessage());
            System.out.flush();
            return;
        }
        try (stores) {
            System.out.println("OPEN");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our stdin (or dies)
            }
        }
    }
}
