package dev.warden.audit;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A change of stored state made together with its audit record, through
 * {@link AuditLog#appendDurably(AuditEvent, AuditedChange)}: the change is in force only when its
 * record is durable, and a record is written only for a change that was made.
 *
 * <p>The log applies the change while it writes the batch that holds the record. When the audit
 * store shares its transaction with the change's store ({@link AuditStore#sharesTransactionWith},
 * e.g. the SQLite stores of one database), the change and the record commit or roll back together.
 * Otherwise the log {@linkplain #revert reverts} an applied change whose batch failed.
 */
public interface AuditedChange {

    /** The store the change writes to. */
    Object store();

    /**
     * Makes the change. A change that throws MUST have changed nothing; it fails the batch it is in.
     *
     * @return false when the change no longer applies (say, the approval it uses was used
     *         meanwhile): nothing was changed, and the record is not written
     */
    boolean apply();

    /**
     * Takes back an applied change whose record could not be stored. Called only for stores outside
     * the audit store's transaction, before any later change through the same log is applied.
     */
    void revert();

    /** A change of {@code store} made by {@code apply} and taken back by {@code revert}. */
    static AuditedChange of(Object store, BooleanSupplier apply, Runnable revert) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(revert, "revert");
        return new AuditedChange() {
            @Override
            public Object store() {
                return store;
            }

            @Override
            public boolean apply() {
                return apply.getAsBoolean();
            }

            @Override
            public void revert() {
                revert.run();
            }
        };
    }
}
