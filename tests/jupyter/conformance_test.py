#!/usr/bin/python3
"""jupyter_kernel_test's conformance suite against the sluice kernelspec named by
$SLUICE_KERNEL_NAME (default "sluice"), found through JUPYTER_PATH.

Run: /usr/bin/python3 -m unittest -v conformance_test   (from this directory)
"""
import os
import unittest

import jupyter_kernel_test as jkt


class SluiceKernelTests(jkt.KernelTests):
    kernel_name = os.environ.get("SLUICE_KERNEL_NAME", "sluice")
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "some error")'
    code_generate_error = 'panic("boom")'
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": 'len("abcd")', "result": "4"},
    ]
    code_display_data = [
        {"code": 'display.Show(display.HTML("<b>x</b>"))', "mime": "text/html"},
        {"code": 'display.Show(display.Markdown("# x"))', "mime": "text/markdown"},
    ]
    code_clear_output = "display.Clear(false)"

    completion_samples = [
        {"text": "fmt.Printl", "matches": {"Println"}},
    ]
    complete_code_samples = ["x := 1", "fmt.Println(1)", "func f() {}"]
    incomplete_code_samples = ["func f() {", "x := []int{1,"]
    invalid_code_samples = ["x := := 1", "func ) {"]

    code_inspect_sample = "fmt.Println"

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "1 + *"  # a glob over whole cells, as IPython's


if __name__ == "__main__":
    unittest.main()
