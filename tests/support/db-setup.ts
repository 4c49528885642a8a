// Loaded before every database test file: nothing to do globally yet; kept so per-file hooks
// have one home (see tests/support/database.ts for the per-file database).
export {};
