"""What the rota aims for besides keeping the rules: paid hours at least cost, fair shares,
granted requests and cover per shift pattern. Service and caseload have their own modules."""

from solver.aims import fairness, pattern_cover, pay, requests

AIMS = (pay.paid_hours, fairness.fair_shares, requests.shift_requests,
        pattern_cover.cover_per_shift_pattern)
