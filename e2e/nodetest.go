package e2e

import (
	"regexp"
	"strconv"
)

var nodeTestSummaryLine = regexp.MustCompile(`(?m)^(?:#|ℹ) (pass|fail) (\d+)\r?$`)

// NodeTestCounts reads the summary node --test prints last ("ℹ pass 46" and "ℹ fail 0" with the
// spec reporter, "# pass 46" with TAP). ok is false when the output has no such summary.
func NodeTestCounts(out string) (pass, fail int, ok bool) {
	var sawPass, sawFail bool
	for _, m := range nodeTestSummaryLine.FindAllStringSubmatch(out, -1) {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			continue
		}
		if m[1] == "pass" {
			pass, sawPass = n, true
		} else {
			fail, sawFail = n, true
		}
	}
	return pass, fail, sawPass && sawFail
}
