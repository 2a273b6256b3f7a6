package main

import "testing"

// -h prints a subcommand's usage and exits 0, as "sluice -h" and "sluice run -h" do; a
// bad flag exits 2.
func TestHelpFlagExitsZero(t *testing.T) {
	for _, name := range []string{"kernel", "install", "run"} {
		if code := commands[name].run([]string{"-h"}); code != 0 {
			t.Errorf("sluice %s -h exited %d, want 0", name, code)
		}
		if code := commands[name].run([]string{"--no-such-flag"}); code != 2 {
			t.Errorf("sluice %s --no-such-flag exited %d, want 2", name, code)
		}
	}
	if code := commands["sandbox"].run([]string{"status", "-h"}); code != 0 {
		t.Errorf("sluice sandbox status -h exited %d, want 0", code)
	}
}
