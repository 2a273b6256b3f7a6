package magics

// SandboxDSN returns the DSN of the in-process sandbox TestMain started, for the
// external (engine) tests; "" when it did not start.
func SandboxDSN() string { return sandboxDSN }
