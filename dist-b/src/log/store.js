/**
 * The log's storage, behind one small interface so that SQLite (embedded default) and PostgreSQL
 * (later) run the same server code. Methods are async so a networked database fits; the SQLite driver
 * answers synchronously underneath.
 */
export {};
//# sourceMappingURL=store.js.map