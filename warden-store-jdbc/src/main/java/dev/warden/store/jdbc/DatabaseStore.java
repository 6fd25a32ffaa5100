package dev.warden.store.jdbc;

/** A store on one {@link Database}: its writes can join that database's audit transaction. */
interface DatabaseStore {

    /** The database the store reads and writes. */
    Database database();
}
