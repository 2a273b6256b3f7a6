#!/usr/bin/python3
"""Cross-check of the synthetic-event distribution (see bench/platform-data.md).

A minimal NumPy re-implementation of the reference simulator's procedure, as
described in shared/NOTEBOOKS.md §01: base events at uniform times, dependants drawn
per origin event with each new draw *replacing* the dependent type's list (the
reference's quirk), and the propensity walk with conversions. It only counts events
and conversions (no detail fields), so its speed is an upper bound for the
reference's. Usage: refsim.py [users] [seed]
"""
import sys
import time

import numpy as np

WEEKS = 10
# eventType: (weekly average, propensity delta, mean delay after origin in hours)
TYPES = {
    "advertising.impressions": (0.1, 0.001, 0),
    "advertising.clicks": (0.01, 0.002, 0.5),
    "web.webpagedetails.pageViews": (0.1, 0.005, 0.1),
    "web.webinteraction.linkClicks": (0.05, 0.005, 0.1),
    "commerce.productViews": (0.05, 0.005, 0.2),
    "commerce.purchases": (0.01, 0.1, 1),
    "decisioning.propositionDisplay": (0.05, 0.005, 0.1),
    "decisioning.propositionInteract": (0.01, 0.1, 0.05),
    "decisioning.propositionDismiss": (0.01, -0.2, 0.05),
    "directMarketing.emailSent": (0.5, 0.005, 0),
    "directMarketing.emailOpened": (0.2, 0.02, 24),
    "directMarketing.emailClicked": (0.05, 0.1, 0.5),
}
BASE = ["advertising.impressions", "web.webpagedetails.pageViews", "directMarketing.emailSent"]
# In processing order.
DEPENDS = [
    ("advertising.impressions", ["advertising.clicks"]),
    ("directMarketing.emailSent", ["directMarketing.emailOpened"]),
    ("directMarketing.emailOpened", ["directMarketing.emailClicked"]),
    ("directMarketing.emailClicked", ["web.webpagedetails.pageViews"]),
    ("web.webpagedetails.pageViews", ["web.webinteraction.linkClicks", "commerce.productViews",
                                      "decisioning.propositionDisplay"]),
    ("commerce.productViews", ["commerce.purchases"]),
    ("decisioning.propositionDisplay", ["decisioning.propositionInteract", "decisioning.propositionDismiss"]),
]


def main():
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
    rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    window = WEEKS * 7 * 24.0
    start = time.time()
    events = converted = 0
    for _ in range(users):
        lists = {t: list(rng.uniform(0, window, rng.poisson(TYPES[t][0] * WEEKS))) for t in BASE}
        for origin, deps in DEPENDS:
            for at in lists.get(origin, []):
                for d in deps:
                    n = rng.poisson(TYPES[d][0] * WEEKS)
                    lists[d] = [at + rng.exponential(TYPES[d][2]) for _ in range(n)]  # replaces
        walk = sorted((at, t) for t, ats in lists.items() for at in ats)
        p, done = 0.001, False
        for _, t in walk:
            p = min(1.0, max(0.0, p + TYPES[t][1]))
            if not done and not t.startswith(("directMarketing", "advertising")):
                done = rng.random() < p
        events += len(walk) + done
        converted += done
    secs = time.time() - start
    print(f"{users} users: {events / users:.3f} events/user, {100 * converted / users:.2f}% converted, "
          f"{events / secs:.0f} events/s")


if __name__ == "__main__":
    main()
